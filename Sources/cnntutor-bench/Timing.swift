import CNN

#if canImport(Glibc)
    import Glibc
#endif

/// peers.py's timing: three warm-up runs, one run to size the repetitions, then the median of
/// enough runs to fill `targetSeconds` (at least 5, at most 2000).
struct Timing {
    let medianSeconds: Double
    let reps: Int

    /// Times `body`; with `cpuTime`, by the process's CPU time instead of the wall clock (steadier
    /// for one-thread comparisons on a loaded machine; not comparable with peers.py).
    init(targetSeconds: Double, cpuTime: Bool = false, _ body: () throws -> Void) rethrows {
        let clock = cpuTime ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC
        for _ in 0..<3 { try body() }
        let one = try Self.seconds(clock, body)
        reps = Int(min(2000, max(5, targetSeconds / max(one, 1e-7))))
        var times: [Double] = []
        times.reserveCapacity(reps)
        for _ in 0..<reps { times.append(try Self.seconds(clock, body)) }
        times.sort()
        medianSeconds =
            reps % 2 == 1 ? times[reps / 2] : (times[reps / 2 - 1] + times[reps / 2]) / 2
    }

    private static func seconds(_ clock: clockid_t, _ body: () throws -> Void) rethrows -> Double {
        var start = timespec()
        var end = timespec()
        clock_gettime(clock, &start)
        try body()
        clock_gettime(clock, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    /// `{"median_s": …, "gflops": …}` for `flops` of work per run.
    func json(flops: Double) -> String {
        "{\"median_s\": \(medianSeconds), \"gflops\": \(flops / medianSeconds / 1e9)}"
    }
}
