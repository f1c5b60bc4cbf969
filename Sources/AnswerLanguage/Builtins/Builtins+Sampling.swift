import CNN

/// Random draws PyTorch notebooks make besides `rand`/`randn`/`randint`: `randperm`, `normal`,
/// `bernoulli`, `multinomial`. Shapes, dtypes and the rules (which values can come out) are
/// PyTorch's; the numbers come from the interpreter's seeded generator, not PyTorch's.
extension Builtins {
    /// 0 … n−1 shuffled by the interpreter's seeded generator (Fisher–Yates): `randperm`'s order
    /// and a shuffling `DataLoader`'s.
    static func shuffledOrder(_ n: Int, _ call: Call) throws -> [Int] {
        // Written a piece at a time with budget checks between pieces: `Array(0..<n)` is one
        // uninterruptible generic copy, 15 s for 10⁸ numbers in a debug build.
        var order: [Int] = []
        order.reserveCapacity(max(0, n))
        var next = 0
        while next < n {
            try ComputeBudget.checkpoint()
            let end = min(n, next + 4096)
            for value in next..<end { order.append(value) }
            next = end
        }
        for i in stride(from: n - 1, to: 0, by: -1) {
            if i % 4096 == 0 { try ComputeBudget.checkpoint() }
            order.swapAt(i, Int.random(in: 0...i, using: &call.evaluator.generator))
        }
        return order
    }

    /// `shuffledOrder` as an integer tensor, copied with budget checks between pieces.
    static func permutationTensor(_ n: Int, _ call: Call) throws -> Tensor {
        let order = try shuffledOrder(n, call)
        return try Tensor(shape: [n], of: Float.self, kind: .integer) { out in
            var next = 0
            while next < n {
                try ComputeBudget.checkpoint()
                let end = min(n, next + 4096)
                for i in next..<end { out[i] = Float(order[i]) }
                next = end
            }
        }
    }

    static let sampling: [Builtin] = [
        Builtin("randperm(n, dtype=None, requires_grad=False)", "0 … n−1 in a random order") { call in
            let n = try call.int("n")
            guard n >= 0 else {
                throw LanguageError.said(.argument, .randpermNegative, ["n": n], at: call.range(of: "n"))
            }
            try checkCount(n, call)
            let result = try permutationTensor(n, call)
            return .tensor(try call.scalarType("dtype").map { try result.converted(to: $0) } ?? result)
        },
        Builtin(
            "normal(mean=0.0, std=1.0, size=None)",
            "normal random numbers: of mean and std (tensors, elementwise), or of shape size"
        ) { call in
            let (mean, std) = (try call.tensorOrNumber("mean"), try call.tensorOrNumber("std"))
            guard std.scalarsAsDoubles().allSatisfy({ $0 >= 0 }) else {
                throw LanguageError.said(.argument, .normalStd, at: call.range(of: "std"))
            }
            let shape: [Int]
            if call.isNone("size") {
                shape = try Tensor.broadcastShape(mean.shape, std.shape)
            } else {
                shape = try call.intList("size")
            }
            let type: DType = mean.kind == .real ? mean.dtype : (std.kind == .real ? std.dtype : .float32)
            let draws = try Tensor.randn(shape, dtype: type, using: &call.evaluator.generator)
            return .tensor(try withNoGrad { try draws * std + mean })
        },
        Builtin(
            "bernoulli(input, p=None)",
            "1 with probability input (or p), 0 otherwise, in input's shape and dtype"
        ) {
            call in
            let input = try call.tensor("input")
            let probabilities =
                try call.optionalDouble("p").map { p in try Tensor.full(input.shape, p) } ?? input
            guard probabilities.scalarsAsDoubles().allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
                throw LanguageError.said(.argument, .bernoulliRange, at: call.range(of: "input"))
            }
            let draws = try Tensor.rand(input.shape, dtype: .float64, using: &call.evaluator.generator)
            let ones = try draws.lt(try probabilities.converted(to: .float64))
            return .tensor(try ones.converted(to: input.kind == .real ? input.scalarType : .float32))
        },
        Builtin(
            "multinomial(input, num_samples, replacement=False)",
            "category indices drawn with the weights of input's last dimension"
        ) { call in
            .tensor(try multinomial(call))
        },
    ]

    /// `torch.multinomial`: rows of non-negative weights (1-d or 2-d); without replacement each
    /// category is drawn at most once, so num_samples may not exceed the non-zero categories.
    static func multinomial(_ call: Call) throws -> Tensor {
        let input = try call.tensor("input")
        let samples = try call.int("num_samples")
        let replacement = try call.bool("replacement")
        guard input.rank == 1 || input.rank == 2 else {
            throw LanguageError.said(
                .argument, .multinomialInput, ["shape": input.shape], at: call.range(of: "input"))
        }
        let categories = input.shape[input.rank - 1]
        let rows = input.rank == 1 ? 1 : input.shape[0]
        let weights = input.scalarsAsDoubles()
        guard samples > 0, categories > 0, weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw LanguageError.said(.argument, .multinomialInput, ["shape": input.shape], at: call.range)
        }
        try checkCount(rows * samples, call)
        var result: [Int] = []
        for r in 0..<rows {
            var row = Array(weights[(r * categories)..<((r + 1) * categories)])
            let nonZero = row.filter { $0 > 0 }.count
            guard nonZero > 0, replacement || samples <= nonZero else {
                throw LanguageError.said(
                    .argument, .multinomialSamples, ["samples": samples, "categories": nonZero],
                    at: call.range(of: "num_samples"))
            }
            for _ in 0..<samples {
                try ComputeBudget.checkpoint()
                let total = row.reduce(0, +)
                var target = Double.random(in: 0..<1, using: &call.evaluator.generator) * total
                var pick = row.lastIndex { $0 > 0 } ?? 0
                for (c, w) in row.enumerated() where w > 0 {
                    if target < w {
                        pick = c
                        break
                    }
                    target -= w
                }
                result.append(pick)
                if !replacement { row[pick] = 0 }
            }
        }
        return try Tensor(result, shape: input.rank == 1 ? [samples] : [rows, samples])
    }
}
