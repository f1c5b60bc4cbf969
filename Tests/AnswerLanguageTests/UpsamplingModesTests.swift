import CNN
import Testing

@testable import AnswerLanguage

/// `F.interpolate`'s `linear`, `bicubic` and `area` modes and `nn.ConvTranspose2d`'s deferred
/// `output_padding` check, each against PyTorch 2.15's numbers (the same code is in
/// `Differential/snippets.txt`, run in PyTorch by `make_differential.py`).
@Suite struct UpsamplingModesTests {
    func values(_ source: String) throws -> [Double] {
        guard case .tensor(let tensor) = try Interpreter().run(source) else {
            Issue.record("\(source) is not a tensor")
            return []
        }
        return tensor.scalarsAsDoubles()
    }

    func expectClose(_ actual: [Double], _ expected: [Double], _ source: String) {
        #expect(actual.count == expected.count, "\(source)")
        for (a, b) in zip(actual, expected) {
            #expect(abs(a - b) <= 1e-5 + 1e-4 * abs(b), "\(source): \(actual)")
        }
    }

    static let square = "x = torch.tensor([[[[1., 2.], [3., 4.]]]])\n"

    @Test(arguments: [
        (
            square + "F.interpolate(x, scale_factor=2, mode='bicubic', align_corners=False)",
            [
                0.68359375, 1.015625, 1.5625, 1.89453125, 1.34765625, 1.6796875, 2.2265625, 2.55859375,
                2.44140625,
                2.7734375, 3.3203125, 3.65234375, 3.10546875, 3.4375, 3.984375, 4.31640625,
            ]
        ),
        (
            square + "F.interpolate(x, size=(3, 3), mode='bicubic', align_corners=True)",
            [1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4]
        ),
        (
            "F.interpolate(torch.tensor([[[1., 2., 3.]]]), scale_factor=2, mode='linear')",
            [1, 1.25, 1.75, 2.25, 2.75, 3]
        ),
        (
            square + "F.interpolate(x, scale_factor=2, mode='area')",
            [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]
        ),
        (
            "F.interpolate(torch.arange(16.).reshape(1, 1, 4, 4), size=(2, 2), mode='area')",
            [2.5, 4.5, 10.5, 12.5]
        ),
        ("F.interpolate(torch.arange(5.).reshape(1, 1, 5), size=3, mode='area')", [0.5, 2, 3.5]),
        (
            square + "nn.Upsample(scale_factor=2, mode='bicubic')(x)[0, 0, 0]",
            [0.68359375, 1.015625, 1.5625, 1.89453125]
        ),
    ])
    func modesGivePyTorchsValues(source: String, expected: [Double]) throws {
        expectClose(try values(source), expected, source)
    }

    @Test func bicubicGradientIsPyTorchs() throws {
        let source = """
            y = torch.arange(9.).reshape(1, 1, 3, 3).requires_grad_()
            F.interpolate(y, scale_factor=2, mode='bicubic').pow(2).sum().backward()
            y.grad
            """
        expectClose(
            try values(source),
            [
                -0.33458948135375977, 7.871267795562744, 15.275147438049316, 24.318906784057617,
                34.289546966552734, 40.766544342041016, 46.49462127685547, 57.21417999267578,
                62.104366302490234,
            ], source)
    }

    @Test func modesRefuseTheOtherRankAsPyTorch() {
        let interpreter = Interpreter()
        #expect(throws: LanguageError.self) {
            try interpreter.run("F.interpolate(torch.zeros(1, 1, 4, 4), scale_factor=2, mode='linear')")
        }
        do {
            try interpreter.run("F.interpolate(torch.zeros(1, 1, 4), scale_factor=2, mode='bicubic')")
            Issue.record("bicubic on a 3-d input ran")
        } catch {
            #expect(error.message.hasPrefix("Got 3D input, but bicubic mode needs 4D input"))
            #expect(error.range?.lowerBound.column == 1)
        }
        // Must not: area and nearest take no align_corners, as in PyTorch.
        #expect(throws: LanguageError.self) {
            try interpreter.run(
                "F.interpolate(torch.zeros(1, 1, 4, 4), scale_factor=2, mode='area', align_corners=True)")
        }
        #expect(throws: LanguageError.self) {
            try interpreter.run(
                "F.interpolate(torch.zeros(1, 1, 4, 4).long(), scale_factor=2, mode='bicubic')")
        }
    }

    /// PyTorch builds `ConvTranspose2d(…, stride=2, output_padding=2)` and refuses it when it runs.
    @Test func convTransposeChecksOutputPaddingWhenItRuns() throws {
        let interpreter = Interpreter()
        try interpreter.run("up = nn.ConvTranspose2d(1, 1, 3, stride=2, output_padding=2)")
        do {
            try interpreter.run("up(torch.zeros(1, 1, 2, 2))")
            Issue.record("the forward ran")
        } catch {
            #expect(error.message.hasPrefix("output padding must be smaller than either stride or dilation"))
        }
        #expect(throws: LanguageError.self) {
            try interpreter.run(
                "F.conv_transpose2d(torch.zeros(1, 1, 2, 2), torch.ones(1, 1, 3, 3), stride=2, output_padding=2)"
            )
        }
    }
}

/// `torch.fmod`, `nansum`, `x.multinomial` and softmax's implicit `dim`, against PyTorch 2.15.
@Suite struct NotebookExtrasTests {
    func values(_ source: String) throws -> [Double] {
        guard case .tensor(let tensor) = try Interpreter().run(source) else {
            Issue.record("\(source) is not a tensor")
            return []
        }
        return tensor.scalarsAsDoubles()
    }

    @Test func fmodKeepsTheSignOfTheDividend() throws {
        #expect(try values("torch.fmod(torch.tensor([-7.5, 7.5]), 2)") == [-1.5, 1.5])
        // Must not: `%` (remainder) takes the divisor's sign instead: tensor([0.5, 1.5]).
        #expect(try values("torch.tensor([-7.5, 7.5]) % 2") == [0.5, 1.5])
        let integers = try Interpreter().run("torch.fmod(torch.tensor([-7, 7]), 3)")
        #expect(integers.tensor?.scalarType == .int64 && integers.tensor?.scalarsAsDoubles() == [-1, 1])
        #expect(throws: LanguageError.self) { try Interpreter().run("torch.fmod(torch.tensor([1, 2]), 0)") }
        #expect(
            try values(
                "x = torch.tensor([-7.5], requires_grad=True); torch.fmod(x, 2).sum().backward(); x.grad")
                == [1])
    }

    @Test func nansumSkipsNaN() throws {
        #expect(try values("torch.tensor([[1.0, float('nan')], [3.0, 4.0]]).nansum(dim=1)") == [1, 7])
        #expect(try Interpreter().run("torch.tensor([0.2, 0.8]).multinomial(1).shape == (1,)") == .bool(true))
    }

    @Test func softmaxWithoutDimPicksPyTorchsDim() throws {
        let rows = try values("F.softmax(torch.tensor([[1.0, 2.0], [1.0, 3.0]]))")
        for (a, b) in zip(
            rows, [0.2689414322376251, 0.7310585975646973, 0.11920291185379028, 0.8807970285415649])
        {
            #expect(abs(a - b) < 1e-6)
        }
        let logs = try values("F.log_softmax(torch.tensor([1.0, 2.0]))")
        for (a, b) in zip(logs, [-1.31326162815094, -0.31326165795326233]) { #expect(abs(a - b) < 1e-6) }
    }
}
