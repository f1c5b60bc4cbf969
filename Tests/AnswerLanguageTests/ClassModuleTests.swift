import CNN
import Testing

@testable import AnswerLanguage

/// Layers written as `class Name(nn.Module)`: registered like PyTorch registers them, and used
/// wherever a built-in layer is.
@Suite struct ClassModuleTests {
    static let residual = """
        class ResidualBlock(nn.Module):
            expansion = 1

            def __init__(self, channels, scale=1.0):
                super().__init__()
                self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
                self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)
                self.gain = nn.Parameter(torch.ones(1) * scale)
                self.note = 'plain attribute'

            def forward(self, x):
                out = F.relu(self.conv1(x))
                out = self.conv2(out)
                return F.relu(x + self.gain * out)

        block = ResidualBlock(4)
        """

    @Test func aResidualBlockRegistersItsLayersAndParameters() throws {
        let interpreter = Interpreter(options: EvaluationOptions(seed: 0))
        try interpreter.run(Self.residual)
        // PyTorch: conv weights 4·4·3·3 = 144 and biases 4, twice, plus the gain: 297.
        #expect(try interpreter.run("sum(p.numel() for p in block.parameters())").number == 297)
        #expect(
            try interpreter.run("[name for name, p in block.named_parameters()]")
                == .list(
                    ["gain", "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias"].map(Value.string)))
        #expect(try interpreter.run("block(torch.ones(2, 4, 5, 5)).shape") == .shape([2, 4, 5, 5]))
        #expect(
            try interpreter.run("block.note, block.expansion, ResidualBlock.expansion")
                == .tuple([.string("plain attribute"), .int(1), .int(1)]))
        #expect(try interpreter.run("block.training") == .bool(true))
        try interpreter.run("block.eval()")
        #expect(
            try interpreter.run("block.training, block.conv1.training")
                == .tuple([.bool(false), .bool(false)]))
        #expect(
            try interpreter.run("isinstance(block, nn.Module) and isinstance(block, ResidualBlock)")
                == .bool(true))
        // Printed as PyTorch prints a module: the type, then its children.
        let module = try #require(interpreter["block"]?.module)
        #expect(
            module.description == """
                ResidualBlock(
                  (conv1): Conv2d(4, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
                  (conv2): Conv2d(4, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
                )
                """)
    }

    @Test func aClassInsideSequentialTrainsAndSummarises() throws {
        let interpreter = Interpreter(options: EvaluationOptions(seed: 0))
        try interpreter.run(Self.residual)
        try interpreter.run(
            """
            net = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), ResidualBlock(4), nn.Flatten(), nn.Linear(4 * 5 * 5, 3))
            x = torch.randn(6, 1, 5, 5)
            labels = torch.tensor([0, 1, 2, 0, 1, 2])
            before = F.cross_entropy(net(x), labels).item()
            optimizer_steps = 0
            for step in range(20):
                net.zero_grad()
                loss = F.cross_entropy(net(x), labels)
                loss.backward()
                with torch.no_grad():
                    for p in net.parameters():
                        p -= 0.1 * p.grad
            after = F.cross_entropy(net(x), labels).item()
            """)
        let before = try #require(interpreter["before"]?.number)
        let after = try #require(interpreter["after"]?.number)
        #expect(after < before)
        let summary = try interpreter.run("summary(net, (1, 1, 5, 5))")
        // The trace sees the block's own children through its forward.
        #expect(summary.description.contains("1.conv1 (Conv2d)"))
        #expect(summary.description.contains("1 (ResidualBlock)"))
    }

    @Test func aModuleListRegistersItsLayersAndIsLoopedOver() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            class Tower(nn.Module):
                def __init__(self, depth):
                    super().__init__()
                    self.blocks = nn.ModuleList([nn.Conv2d(2, 2, 3, padding=1) for _ in range(depth)])
                    self.blocks.append(nn.ReLU())
                def forward(self, x):
                    for block in self.blocks:
                        x = block(x)
                    return x
            tower = Tower(3)
            """)
        // PyTorch: three convolutions of 2·2·3·3 + 2 = 38 parameters each.
        #expect(try interpreter.run("sum(p.numel() for p in tower.parameters())").number == 114)
        #expect(
            try interpreter.run("len(tower.blocks), type(tower.blocks[3])")
                == .tuple([.int(4), .text("<class 'ReLU'>")]))
        #expect(try interpreter.run("tower(torch.ones(1, 2, 4, 4)).shape") == .shape([1, 2, 4, 4]))
        #expect(
            try interpreter.run("[name for name, p in tower.named_parameters()][:2]")
                == .list([.string("blocks.0.weight"), .string("blocks.0.bias")]))
        #expect(throws: LanguageError.self) { try interpreter.run("tower.blocks(torch.ones(1, 2, 4, 4))") }
    }

    @Test func inheritanceAndSuperReachTheBaseClass() throws {
        let value = try Interpreter().run(
            """
            class Base(nn.Module):
                def __init__(self, width):
                    super().__init__()
                    self.width = width
                def describe(self):
                    return f'width {self.width}'
            class Wide(Base):
                def __init__(self):
                    super().__init__(8)
                def describe(self):
                    return super().describe() + ' (wide)'
            Wide().describe()
            """)
        #expect(value == .string("width 8 (wide)"))
    }

    @Test(arguments: [
        (
            "class A(nn.Module):\n    def __init__(self):\n        self.c = nn.Conv2d(1, 1, 1)\nA()", 3, 9,
            "cannot assign the layer or parameter 'c' before super().__init__() runs"
        ),
        ("class A(nn.Module):\n    pass\nA()(torch.ones(1))", 3, 1, "A has no forward method"),
        (
            "class A(nn.Module):\n    def forward(self, x):\n        return x.nope\nA()(torch.ones(1))", 3,
            18,
            "unknown tensor attribute 'nope'"
        ),
        ("class A(nn.Module):\n    pass\nA().missing", 3, 5, "unknown attribute of A 'missing'"),
        ("super().__init__()", 1, 1, "super() only works inside a method of a class"),
    ])
    func classMistakesAreLocated(source: String, line: Int, column: Int, message: String) {
        #expect {
            try Interpreter().run(source)
        } throws: { error in
            guard let error = error as? LanguageError, let range = error.range else { return false }
            return range.lowerBound.line == line && range.lowerBound.column == column
                && error.message.hasPrefix(message)
        }
    }
}
