/// A seedable random number generator (SplitMix64): the same seed gives the same sequence on every
/// machine, so every random tensor, initialisation and shuffle in the course is repeatable.
///
/// The algorithm is Steele, Lea & Flood's SplitMix64 (as in swift-argument-parser's
/// `Examples/roll/SplitMix64.swift`); it passes BigCrush and needs no platform randomness.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
