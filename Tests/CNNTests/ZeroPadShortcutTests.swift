import Testing

@testable import CNN

@Suite struct ZeroPadShortcutTests {
    /// The lesson's example: x = arange(32).reshape(1, 2, 4, 4); option A with stride 2 keeps
    /// rows/columns 0 and 2 and adds one zero channel each side → (1, 4, 2, 2). Kept values by hand:
    /// channel 0 → [0, 2, 8, 10], channel 1 → [16, 18, 24, 26] (numpy: x[:, :, ::2, ::2]).
    @Test func subsamplesAndPadsChannels() throws {
        let x = try Tensor.arange(0, 32).to(.float32).reshape([1, 2, 4, 4])
        let y = try ZeroPadShortcut(2, 4, stride: 2)(x)
        #expect(y.shape == [1, 4, 2, 2])
        #expect(y.scalarsAsFloats() == [0, 0, 0, 0, 0, 2, 8, 10, 16, 18, 24, 26, 0, 0, 0, 0])
    }

    /// Odd sizes round up like x[::2] (7 → 4); odd channel growth puts the extra zero channel last.
    @Test func oddSizes() throws {
        let y = try ZeroPadShortcut(3, 6, stride: 2)(Tensor.ones([2, 3, 7, 5]))
        #expect(y.shape == [2, 6, 4, 3])
        let perChannel = try y.sum(dims: [0, 2, 3]).scalarsAsFloats()
        #expect(perChannel == [0, 24, 24, 24, 0, 0])
    }

    /// The backward pass sends each kept pixel's gradient back to where it came from: for the sum
    /// of the output, the gradient is 1 at even (row, column) positions and 0 elsewhere.
    @Test func gradientFlowsBackToKeptPixels() throws {
        let x = try Tensor.ones([1, 1, 3, 3]).requiringGrad()
        try ZeroPadShortcut(1, 3, stride: 2)(x).sum().backward()
        #expect(x.grad?.scalarsAsFloats() == [1, 0, 1, 0, 0, 0, 1, 0, 1])
    }

    @Test func rejectsShrinkingChannelsAndWrongInputs() throws {
        #expect(throws: CNNError.self) { try ZeroPadShortcut(4, 2, stride: 2) }
        #expect(throws: CNNError.self) { try ZeroPadShortcut(2, 4, stride: 2)(Tensor.ones([1, 3, 4, 4])) }
    }

    /// The hand-written backward against central finite differences in float64 (core's gradcheck).
    @Test func gradcheckInDouble() throws {
        var generator = SeededGenerator(seed: 1)
        let x = try Tensor.randn([2, 2, 5, 5], dtype: .float64, using: &generator)
        let shortcut = try ZeroPadShortcut(2, 5, stride: 2)
        #expect(try gradcheck({ try shortcut($0) }, input: x) < 1e-6)
    }
}
