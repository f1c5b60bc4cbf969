import CNN

/// The rest of `torch.nn.init` that lessons on classic stacks use: `dirac_` (a convolution that
/// passes its input through), `trunc_normal_` (ViT-style weights) and `orthogonal_`.
extension Builtins {
    static let moreInitializers: [Builtin] = [
        initializer(
            "dirac_(tensor, groups=1)",
            "an identity convolution: 1 at each kernel's centre, channel to channel"
        ) { tensor, call in
            guard (3...5).contains(tensor.rank) else {
                throw LanguageError.said(.value, .diracRank, at: call.range(of: "tensor"))
            }
            let groups = try call.int("groups")
            guard groups > 0, tensor.shape[0] % groups == 0 else {
                throw LanguageError.said(.value, .diracGroups, at: call.range(of: "groups"))
            }
            let outPerGroup = tensor.shape[0] / groups
            let spatial = Array(tensor.shape.dropFirst(2))
            let taps = spatial.reduce(1, *)
            // The flat position of the kernel's centre, row-major over the spatial sizes.
            let centre = spatial.reduce(0) { $0 * $1 + $1 / 2 }
            var values = [Double](repeating: 0, count: tensor.count)
            for group in 0..<groups {
                for d in 0..<Swift.min(outPerGroup, tensor.shape[1]) {
                    let output = group * outPerGroup + d
                    values[(output * tensor.shape[1] + d) * taps + centre] = 1
                }
            }
            return try Tensor(values, shape: tensor.shape, dtype: tensor.dtype)
        },
        initializer(
            "trunc_normal_(tensor, mean=0.0, std=1.0, a=-2.0, b=2.0, generator=None)",
            "normal numbers (mean, std) kept inside [a, b]"
        ) { tensor, call in
            let (mean, std) = (try call.double("mean"), try call.double("std"))
            let (low, high) = (try call.double("a"), try call.double("b"))
            var values = try normals(tensor.count, tensor.dtype, call).map { mean + std * $0 }
            // Draws outside [a, b] are drawn again (a handful of rounds in practice); whatever
            // is still outside after that is clamped, so the result always lies in [a, b].
            for _ in 0..<64 {
                let outside = values.indices.filter { values[$0] < low || values[$0] > high }
                guard !outside.isEmpty else { break }
                let redraws = try normals(outside.count, tensor.dtype, call)
                for (index, draw) in zip(outside, redraws) { values[index] = mean + std * draw }
            }
            values = values.map { Swift.min(Swift.max($0, low), high) }
            return try Tensor(values, shape: tensor.shape, dtype: tensor.dtype)
        },
        initializer(
            "orthogonal_(tensor, gain=1, generator=None)",
            "a (semi-)orthogonal matrix of the tensor's first dimension by the rest, times gain"
        ) { tensor, call in
            guard tensor.rank >= 2 else {
                throw LanguageError.said(.value, .orthogonalRank, at: call.range(of: "tensor"))
            }
            let rows = tensor.shape[0]
            let columns = tensor.count / Swift.max(rows, 1)
            // PyTorch: QR of a normal matrix (transposed when it is wide), each column's sign
            // taken from R's diagonal so the result is uniformly distributed.
            let (tall, wide) = (Swift.max(rows, columns), Swift.min(rows, columns))
            var q = try normals(tall * wide, tensor.dtype, call)  // column-major: wide columns of tall
            for j in 0..<wide {
                for k in 0..<j {
                    var dot = 0.0
                    for i in 0..<tall { dot += q[k * tall + i] * q[j * tall + i] }
                    for i in 0..<tall { q[j * tall + i] -= dot * q[k * tall + i] }
                }
                var norm = 0.0
                for i in 0..<tall { norm += q[j * tall + i] * q[j * tall + i] }
                norm = norm.squareRoot()
                for i in 0..<tall { q[j * tall + i] = norm > 0 ? q[j * tall + i] / norm : 0 }
            }
            let gain = try call.double("gain")
            var values = [Double](repeating: 0, count: rows * columns)
            for r in 0..<rows {
                for c in 0..<columns {
                    // Tall: row r of Q; wide: Q transposed.
                    values[r * columns + c] = gain * (rows >= columns ? q[c * tall + r] : q[r * tall + c])
                }
            }
            return try Tensor(values, shape: tensor.shape, dtype: tensor.dtype)
        },
    ]

    /// `count` standard normal numbers from the session's generator.
    private static func normals(_ count: Int, _ dtype: DType, _ call: Call) throws -> [Double] {
        try Tensor.randn([count], dtype: dtype, using: &call.evaluator.generator).scalarsAsDoubles()
    }
}
