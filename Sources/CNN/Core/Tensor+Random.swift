import Wording

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Random tensors. Every function takes its generator explicitly, so results depend only on the
/// seed. Values are derived from the generator's 64-bit words with exact integer arithmetic;
/// normals use Box–Muller in Double and round once, so every machine gives the same numbers.
extension Tensor {
    /// Uniform numbers in `[0, 1)` (PyTorch `torch.rand`): float32 from 24 random bits, float64
    /// from 53, so every representable value is equally likely and 1 never appears.
    /// - Throws: `CNNError` for an invalid shape or a budget refusal.
    public static func rand<G: RandomNumberGenerator>(
        _ shape: [Int], dtype: DType = .float32, using generator: inout G
    ) throws -> Tensor {
        try ComputeBudget.requireTime(for: WorkEstimate(.randomNumbers, Double(try checkedCount(shape))))
        return switch dtype {
        case .float32:
            try Tensor(shape: shape, of: Float.self) { out in
                for i in 0..<out.count { out[i] = Float(generator.next() >> 40) * 0x1p-24 }
            }
        case .float64:
            try Tensor(shape: shape, of: Double.self) { out in
                for i in 0..<out.count { out[i] = Double(generator.next() >> 11) * 0x1p-53 }
            }
        }
    }

    /// Standard normal numbers, mean 0 and variance 1 (PyTorch `torch.randn`), by Box–Muller:
    /// each pair of uniforms `u₁ ∈ (0, 1]`, `u₂ ∈ [0, 1)` gives `√(−2 ln u₁)·cos 2πu₂` and
    /// `√(−2 ln u₁)·sin 2πu₂`.
    /// - Throws: `CNNError` for an invalid shape or a budget refusal.
    public static func randn<G: RandomNumberGenerator>(
        _ shape: [Int], dtype: DType = .float32, using generator: inout G
    ) throws -> Tensor {
        // The tensor is allocated (and the element and memory limits checked) before any number
        // is drawn, and the numbers go straight into it: no full-size Double array first.
        try ComputeBudget.requireTime(for: WorkEstimate(.randomNumbers, Double(try checkedCount(shape))))
        var meter = WorkMeter(ComputeBudget.current)
        func fill<T: TensorScalar>(_ out: UnsafeMutableBufferPointer<T>) throws(CNNError) {
            var i = 0
            let count = out.count
            while i < count {
                let u1 = Double((generator.next() >> 11) + 1) * 0x1p-53
                let u2 = Double(generator.next() >> 11) * 0x1p-53
                let radius = (-2 * Double.log(u1)).squareRoot()
                let angle = 2 * Double.pi * u2
                out[i] = T(radius * cosine(angle))
                if i + 1 < count { out[i + 1] = T(radius * sine(angle)) }
                i += 2
                try meter.add(50)  // a pair costs about a hundred simple operations
            }
        }
        return switch dtype {
        case .float32: try Tensor(uninitializedShape: shape, of: Float.self) { try fill($0) }
        case .float64: try Tensor(uninitializedShape: shape, of: Double.self) { try fill($0) }
        }
    }

    /// Uniform integers in `low ..< high` (PyTorch `torch.randint(low, high, size)`), an integer
    /// tensor. Unbiased: draws outside the largest multiple of the range are redrawn.
    /// - Throws: `CNNError` when `high <= low`.
    public static func randint<G: RandomNumberGenerator>(
        _ low: Int, _ high: Int, _ shape: [Int], using generator: inout G
    ) throws -> Tensor {
        guard high > low else {
            throw CNNError.argument(.randintHighMustBeGreater, ["high": high, "low": low])
        }
        let (width, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow else {
            throw CNNError.argument(.randintTheRangeIsToo, ["low": low, "high": high])
        }
        let range = UInt64(width)
        let limit = UInt64.max - (UInt64.max % range + 1) % range
        try ComputeBudget.requireTime(for: WorkEstimate(.randomNumbers, Double(try checkedCount(shape))))
        return try Tensor(shape: shape, of: Float.self, kind: .integer) { out in
            for i in 0..<out.count {
                var word = generator.next()
                while word > limit { word = generator.next() }
                out[i] = Float(low + Int(word % range))
            }
        }
    }
}

// Outside the extension, where `Tensor`'s own methods would shadow the C library's names.
private func cosine(_ x: Double) -> Double { cos(x) }
private func sine(_ x: Double) -> Double { sin(x) }
