import Testing

@testable import CNN

@Suite struct SeededGeneratorTests {
    /// SplitMix64 reference outputs for seed 0 (Vigna's splitmix64.c), recomputed in Python:
    /// `s = (s + 0x9e3779b97f4a7c15) % 2**64; z = s; z = ((z ^ z >> 30) * 0xbf58476d1ce4e5b9) % 2**64;`
    /// `z = ((z ^ z >> 27) * 0x94d049bb133111eb) % 2**64; out = z ^ z >> 31`.
    @Test func matchesReferenceSplitMix64() {
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xe220_a839_7b1d_cdaf)
        #expect(generator.next() == 0x6e78_9e6a_a1b9_65f4)
        #expect(generator.next() == 0x06c4_5d18_8009_454f)
    }

    /// Expected: Python `[(next(g) >> 40) * 2**-24 for _ in range(3)]` with the same SplitMix64,
    /// seed 42.
    @Test func randUsesTheTop24Bits() throws {
        var generator = SeededGenerator(seed: 42)
        let t = try Tensor.rand([3], using: &generator)
        #expect(t.scalarsAsDoubles() == [0.7415648698806763, 0.1599103808403015, 0.27860110998153687])
    }

    /// Expected: Python Box–Muller with u1 = ((next>>11)+1)·2⁻⁵³, u2 = (next>>11)·2⁻⁵³,
    /// r·cos(2πu2), r·sin(2πu2), seed 42.
    @Test func randnIsBoxMullerInDouble() throws {
        var generator = SeededGenerator(seed: 42)
        let t = try Tensor.randn([4], dtype: .float64, using: &generator)
        let expected = [0.4147197504315305, 0.6526812221519427, -0.8918862136277562, 1.3268335628141064]
        for (value, reference) in zip(t.scalarsAsDoubles(), expected) {
            #expect(abs(value - reference) <= 1e-15)
        }
    }

    @Test func sameSeedSameNumbers() throws {
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        let a = try Tensor.randn([100], using: &first)
        let b = try Tensor.randn([100], using: &second)
        #expect(a.isEqual(to: b))
    }

    @Test func randnHasUnitVariance() throws {
        var generator = SeededGenerator(seed: 1)
        let values = try Tensor.randn([20000], dtype: .float64, using: &generator).scalarsAsDoubles()
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        // Standard error of the mean is 1/√20000 ≈ 0.007; of the variance ≈ √(2/20000) ≈ 0.01.
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }

    @Test func randintStaysInRangeAndCoversIt() throws {
        var generator = SeededGenerator(seed: 3)
        let t = try Tensor.randint(-2, 3, [1000], using: &generator)
        #expect(t.kind == .integer)
        #expect(Set(t.scalarsAsDoubles()) == [-2, -1, 0, 1, 2])
        #expect(throws: CNNError.self) { try Tensor.randint(3, 3, [1], using: &generator) }
    }
}
