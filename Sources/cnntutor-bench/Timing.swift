import CNN

/// peers.py's timing: three warm-up runs, one run to size the repetitions, then the median of
/// enough runs to fill `targetSeconds` (at least 5, at most 2000).
struct Timing {
    let medianSeconds: Double
    let reps: Int

    init(targetSeconds: Double, _ body: () throws -> Void) rethrows {
        for _ in 0..<3 { try body() }
        let one = try Self.seconds(body)
        reps = Int(min(2000, max(5, targetSeconds / max(one, 1e-7))))
        var times: [Double] = []
        times.reserveCapacity(reps)
        for _ in 0..<reps { times.append(try Self.seconds(body)) }
        times.sort()
        medianSeconds =
            reps % 2 == 1 ? times[reps / 2] : (times[reps / 2 - 1] + times[reps / 2]) / 2
    }

    private static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ComputeBudget.now()
        try body()
        return Double(ComputeBudget.now() - start) / 1e9
    }

    /// `{"median_s": …, "gflops": …}` for `flops` of work per run.
    func json(flops: Double) -> String {
        "{\"median_s\": \(medianSeconds), \"gflops\": \(flops / medianSeconds / 1e9)}"
    }
}
