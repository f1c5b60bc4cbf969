import Foundation
import Testing

/// `CNNTUTOR_THREADS` changes how many threads the engine uses, never what it computes.
@Suite struct ThreadSettingTests {
    /// A convolution large enough to be split across threads (7 MFLOP, above the engine's fan-out
    /// threshold), with its input gradient, printed exactly as JSON.
    static let code =
        "x = randn(8, 16, 16, 16, requires_grad=True); w = randn(16, 16, 3, 3); "
        + "y = conv2d(x, w, padding=1); y.sum().backward(); (y[0, 0], x.grad[1, 2])"

    func run(threads: String?) throws -> BinaryRun {
        var environment = ProcessInfo.processInfo.environment
        environment["CNNTUTOR_THREADS"] = threads
        return try BinaryRun.run(["eval", "--seed", "3", "--json", Self.code], environment: environment)
    }

    @Test func resultsAreIdenticalForEveryThreadCount() throws {
        let one = try run(threads: "1")
        let two = try run(threads: "2")
        let three = try run(threads: "3")
        #expect(one.status == 0, "\(one.error)")
        #expect(one.output.contains("\"tensor\""))
        #expect(one.output == two.output)
        #expect(one.output == three.output)
    }

    @Test func aBadValueIsIgnoredWithAWarning() throws {
        let bad = try run(threads: "lots")
        let unset = try run(threads: nil)
        #expect(bad.status == 0)
        #expect(bad.error.contains("ignoring CNNTUTOR_THREADS=lots"))
        #expect(bad.output == unset.output)
    }
}
