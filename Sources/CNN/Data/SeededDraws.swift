/// The few random draws the data sets need, written out so that the same generator state gives
/// the same draws on every machine and every Swift version.
///
/// The standard library's `Int.random(in:using:)` and `shuffle(using:)` do not promise a fixed
/// algorithm across releases, so a seeded data set built on them could change under a toolchain
/// update. These use only the generator's raw 64-bit outputs and integer or exactly rounded
/// arithmetic (no `log`/`cos`, whose last bit may differ between C libraries).
enum SeededDraws {
    /// A whole number in `0 ..< bound` by Lemire's multiply-high reduction of one 64-bit draw
    /// (bias below `bound / 2⁶⁴`, far under anything a lesson could notice).
    static func index(below bound: Int, using generator: inout some RandomNumberGenerator) -> Int {
        precondition(bound > 0, "index(below:) needs a positive bound, got \(bound)")
        return Int(UInt64(bound).multipliedFullWidth(by: generator.next()).high)
    }

    /// A whole number in `range` (closed), drawn with `index(below:)`.
    static func integer(in range: ClosedRange<Int>, using generator: inout some RandomNumberGenerator)
        -> Int
    {
        range.lowerBound + index(below: range.count, using: &generator)
    }

    /// A Float in `[0, 1)` from the top 24 bits of one draw, so every value is exactly
    /// representable.
    static func unit(using generator: inout some RandomNumberGenerator) -> Float {
        Float(generator.next() >> 40) * 0x1p-24
    }

    /// A random permutation of `0 ..< count` by the Fisher–Yates (Durstenfeld) shuffle: for `i`
    /// from `count − 1` down to 1, swap element `i` with element `index(below: i + 1)`.
    static func permutation(_ count: Int, using generator: inout some RandomNumberGenerator) -> [Int] {
        var order = Array(0..<count)
        var i = count - 1
        while i > 0 {
            order.swapAt(i, index(below: i + 1, using: &generator))
            i -= 1
        }
        return order
    }
}
