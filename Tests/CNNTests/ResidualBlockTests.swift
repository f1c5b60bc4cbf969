import Testing

@testable import CNN

/// Parameter counts are worked out by hand from the layer shapes: a 3×3 convolution without bias
/// from C to K channels has K·C·9 weights, a 1×1 one K·C, a BatchNorm2d(K) 2·K (scale and shift).
@Suite struct ResidualBlockTests {
    /// ResidualBlock(16, 16): 2·(16·16·9) + 2·(2·16) = 4,608 + 64 = 4,672 — and the same for the
    /// plain block, since the identity shortcut has no weights (lesson 04's exercise: difference 0).
    @Test func identityShortcutKeepsShapeAndAddsNoParameters() throws {
        var generator = SeededGenerator(seed: 1)
        let block = try ResidualBlock(16, 16, using: &generator)
        #expect(block.shortcutKind == .identity)
        #expect(block.parameterCount == 4672)
        #expect(try PlainBlock(16, 16, using: &generator).parameterCount == 4672)
        #expect(try block(Tensor.zeros([2, 16, 8, 8])).shape == [2, 16, 8, 8])
    }

    /// 16 → 32 channels, stride 2: conv1 32·16·9 = 4,608, conv2 32·32·9 = 9,216, two BN(32) 128:
    /// 13,952 with option A; the projection adds a 1×1 conv 32·16 = 512 and a BN(32) 64 → 14,528
    /// (lesson 04: the projection costs 576 more than option A).
    @Test(arguments: [(ResidualBlock.Shortcut.projection, 14528), (.zeroPad, 13952)])
    func downsamplingShortcuts(shortcut: ResidualBlock.Shortcut, parameters: Int) throws {
        var generator = SeededGenerator(seed: 2)
        let block = try ResidualBlock(16, 32, stride: 2, shortcut: shortcut, using: &generator)
        #expect(block.parameterCount == parameters)
        #expect(try block(Tensor.ones([2, 16, 8, 8])).shape == [2, 32, 4, 4])
        #expect(try block(Tensor.ones([1, 16, 7, 7])).shape == [1, 32, 4, 4])
    }

    @Test func defaultShortcutIsProjectionWhenShapesChange() throws {
        var generator = SeededGenerator(seed: 3)
        #expect(try ResidualBlock(16, 32, stride: 2, using: &generator).shortcutKind == .projection)
        #expect(try ResidualBlock(8, 8, stride: 2, using: &generator).shortcutKind == .projection)
        #expect(throws: CNNError.self) {
            try ResidualBlock(16, 32, stride: 2, shortcut: .identity, using: &generator)
        }
    }

    /// Named like torchvision's BasicBlock, with akamaster's `shortcut` for the skip path.
    @Test func parameterNames() throws {
        var generator = SeededGenerator(seed: 4)
        let names = try ResidualBlock(4, 8, stride: 2, shortcut: .projection, using: &generator)
            .namedParameters.map(\.name)
        #expect(
            names == [
                "conv1.weight", "bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias",
                "shortcut.0.weight",
                "shortcut.1.weight", "shortcut.1.bias",
            ])
    }

    /// The block computes relu(F(x) + x): with both convolutions' weights zeroed, F(x) is
    /// BN(0) = 0 (bias 0), so the block returns relu(x).
    @Test func addsTheInputBeforeTheLastReLU() throws {
        var generator = SeededGenerator(seed: 5)
        let block = try ResidualBlock(2, 2, using: &generator)
        try block.conv1.weight.assign(Tensor.zeros(block.conv1.weight.shape))
        try block.conv2.weight.assign(Tensor.zeros(block.conv2.weight.shape))
        let x = try Tensor.randn([1, 2, 3, 3], using: &generator)
        #expect(try block(x).scalarsAsFloats() == x.scalarsAsFloats().map { max(0, $0) })
    }

    @Test func gradientsReachEveryParameter() throws {
        var generator = SeededGenerator(seed: 6)
        let block = try ResidualBlock(3, 6, stride: 2, shortcut: .projection, using: &generator)
        try block(Tensor.randn([2, 3, 6, 6], using: &generator)).sum().backward()
        for (name, parameter) in block.namedParameters {
            #expect(parameter.grad?.shape == parameter.shape, "\(name) has no gradient")
        }
    }

    /// The whole block in float64 (training-mode batch norm included) against central finite
    /// differences: the gradient reaching the input through both the body and each shortcut.
    @Test(arguments: ResidualBlock.Shortcut.allCases)
    func gradcheckInDouble(shortcut: ResidualBlock.Shortcut) throws {
        var generator = SeededGenerator(seed: 7)
        let stride = shortcut == .identity ? 1 : 2
        let out = shortcut == .identity ? 2 : 4
        let block = try ResidualBlock(2, out, stride: stride, shortcut: shortcut, using: &generator).to(
            .float64)
        let x = try Tensor.randn([2, 2, 4, 4], dtype: .float64, using: &generator)
        #expect(try gradcheck({ try block($0) }, input: x) < 1e-6)
    }
}
