import Foundation
import Testing

/// Runs the built `cnntutor` binary, as a user would.
@Suite struct EvalCommandTests {

    /// The `cnntutor` executable next to the test bundle (`.build/<config>/cnntutor`).
    static var executable: URL {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cnntutor"),
            Bundle.main.bundleURL.appendingPathComponent("cnntutor"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "cnntutor"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// The numpy-made `.npy` fixtures (see `Tests/CNNTests/Fixtures/npy/make_npy_fixtures.py`).
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CNNTests/Fixtures/npy/\(name).npy").path
    }

    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cnntutor-\(UUID().uuidString)-\(name)")
            .path
    }

    /// Reads a float32 `.npy` file the way numpy writes it (a v1.0 header, then little-endian data).
    func floats(_ path: String) throws -> [Float] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let data = bytes[(10 + headerLength)...]
        return stride(from: data.startIndex, to: data.endIndex, by: 4).map { i in
            Float(
                bitPattern: UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16
                    | UInt32(data[i + 3]) << 24)
        }
    }

    @Test func theIssuesConv2dBackwardExampleMatchesNumpy() throws {
        let y = Self.temporary("y.npy")
        let dx = Self.temporary("dx.npy")
        defer {
            try? FileManager.default.removeItem(atPath: y)
            try? FileManager.default.removeItem(atPath: dx)
        }
        let result = try BinaryRun.run([
            "eval", "--let", "x=\(Self.fixture("conv_x"))", "--let", "w=\(Self.fixture("conv_w"))",
            "--let", "g=\(Self.fixture("conv_g"))", "--out", "y=\(y)", "--out", "dx=\(dx)",
            "x.requires_grad_(); y = F.conv2d(x, w, stride=2, padding=1); y.backward(g); dx = x.grad",
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.isEmpty)
        // Expected values: numpy loops over the definition (make_npy_fixtures.py), float32-rounded.
        for (path, expected) in [(y, "conv_y"), (dx, "conv_dx")] {
            let actual = try floats(path)
            let reference = try floats(Self.fixture(expected))
            #expect(actual.count == reference.count)
            let worst = zip(actual, reference).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst < 1e-5, "\(expected): largest difference \(worst)")
        }
    }

    @Test func aSyntaxErrorExitsWith2AndACaretDiagnostic() throws {
        let result = try BinaryRun.run(["eval", "y = conv2d(x, w"])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.error == "1:11: error: '(' was never closed\ny = conv2d(x, w\n          ^\n")
    }

    @Test func unknownNamesSuggest() throws {
        let result = try BinaryRun.run(["eval", "conv2(1)"])
        #expect(result.status == 2)
        #expect(result.error.contains("unknown name 'conv2' — did you mean 'conv2d'?"))
    }

    @Test func jsonPrintsTypedValues() throws {
        let tensor = try BinaryRun.run(["eval", "--json", "tensor([[1, 2], [3, 4]]) * 1.5"])
        #expect(tensor.status == 0)
        #expect(
            tensor.output
                == #"{"type": "tensor", "dtype": "float32", "shape": [2, 2], "data": [1.5, 3.0, 4.5, 6.0]}"#
                + "\n")
        let shape = try BinaryRun.run(["eval", "--json", "zeros(1, 1, 6, 6).shape"])
        #expect(shape.output == #"{"type": "shape", "value": [1, 1, 6, 6]}"# + "\n")
    }

    @Test func readsCodeFromStandardInputAndRefusesInvalidUTF8() throws {
        let good = try BinaryRun.run(["eval", "-"], input: Array("x = 2\nx ** 10\n".utf8))
        #expect(good.status == 0)
        #expect(good.output == "1024\n")
        let bad = try BinaryRun.run(["eval", "-"], input: Array("x = ".utf8) + [0xC3, 0x28])
        #expect(bad.status == 2)
        #expect(bad.error.contains("not valid UTF-8"))
        #expect(bad.error.contains("line 1, column 5"))
    }

    @Test func badInputFilesExitWith2NamingTheFile() throws {
        let fortran = try BinaryRun.run(["eval", "--let", "x=\(Self.fixture("fortran"))", "x"])
        #expect(fortran.status == 2)
        #expect(fortran.error.contains("\(Self.fixture("fortran")): Fortran-order"))
        let missing = try BinaryRun.run(["eval", "--let", "x=/nonexistent.npy", "x"])
        #expect(missing.status == 2)
        #expect(missing.error.contains("/nonexistent.npy"))
        let notTensor = try BinaryRun.run(["eval", "--out", Self.temporary("s.npy"), "'text'"])
        #expect(notTensor.status == 2)
        #expect(notTensor.error.contains("is a str, not a tensor"))
    }

    @Test func limitsEndQuicklyWithTheirOwnMessage() throws {
        let huge = try BinaryRun.run(["eval", "zeros(100000, 100000)"])
        #expect(huge.status == 2)
        #expect(huge.error.contains("10000000000 elements"))
        let small = try BinaryRun.run(["eval", "--max-elements", "100", "zeros(101)"])
        #expect(small.status == 2)
        #expect(small.error.contains("the limit is 100"))
    }

    @Test func trainingAMillionEpochsStopsAtTheTimeLimit() throws {
        let result = try BinaryRun.run([
            "eval", "--time-limit", "1",
            "data, test = digits(); model = nn.Sequential(nn.Flatten(), nn.Linear(64, 10)); train(model, data, epochs=1000000)",
        ])
        #expect(result.status == 2)
        #expect(result.error.contains("stopped: the time limit of 1 s was reached"))
    }

    @Test func seedMakesRandomnessRepeatable() throws {
        let first = try BinaryRun.run(["eval", "--seed", "3", "--json", "randn(4)"])
        let second = try BinaryRun.run(["eval", "--seed", "3", "--json", "randn(4)"])
        let other = try BinaryRun.run(["eval", "--seed", "4", "--json", "randn(4)"])
        #expect(first.status == 0)
        #expect(first.output == second.output)
        #expect(first.output != other.output)
    }
}
