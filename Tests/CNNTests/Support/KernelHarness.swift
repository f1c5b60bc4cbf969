@testable import CNN

/// Array-in, array-out wrappers and checks around the raw-buffer kernels, so kernel tests read as
/// plain data. Only for tests.
enum KernelHarness {
    /// Runs a kernel that fills a fresh output buffer of `count` elements.
    static func fill<T: TensorScalar>(
        _ count: Int, _ body: (UnsafeMutableBufferPointer<T>) throws -> Void
    ) rethrows -> [T] {
        var out = [T](repeating: .nan, count: count)
        try out.withUnsafeMutableBufferPointer { try body($0) }
        return out
    }

    /// Deterministic pseudo-random values in [-1, 1) (SplitMix64), the same on every machine.
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    /// CS231n's relative error: `max |a − b| / max(1e-8, |a| + |b|)`.
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "relativeError: \(a.count) vs \(b.count) values")
        var worst = 0.0
        for (x, y) in zip(a, b) { worst = max(worst, abs(x - y) / max(1e-8, abs(x) + abs(y))) }
        return worst
    }

    /// The gradient of `L(x) = Σ_i f(x)_i · upstream_i` by central differences, step `h`.
    static func numericGradient(
        of f: ([Double]) -> [Double], at x: [Double], upstream: [Double], h: Double = 1e-6
    ) -> [Double] {
        var x = x
        return (0..<x.count).map { i in
            let saved = x[i]
            x[i] = saved + h
            let plus = zip(f(x), upstream).reduce(0) { $0 + $1.0 * $1.1 }
            x[i] = saved - h
            let minus = zip(f(x), upstream).reduce(0) { $0 + $1.0 * $1.1 }
            x[i] = saved
            return (plus - minus) / (2 * h)
        }
    }
}

extension Array {
    /// Calls `body` with read-only views of two arrays.
    func with<U, R>(
        _ other: [U], _ body: (UnsafeBufferPointer<Element>, UnsafeBufferPointer<U>) throws -> R
    ) rethrows -> R {
        try withUnsafeBufferPointer { a in try other.withUnsafeBufferPointer { b in try body(a, b) } }
    }
}
