import Foundation

/// One run of the built `cnntutor` binary, as a user starts it: its exit status and both outputs.
/// The command tests (`eval`, `grade`, `check`, `export-key`, thread settings) all run it this way.
struct BinaryRun {
    var status: Int32
    var output: String
    var error: String

    /// Runs `cnntutor arguments…` (`EvalCommandTests.executable`) to its end; `input` is written to
    /// its standard input, which is then closed; `environment`, when given, replaces the test's own.
    static func run(_ arguments: [String], input: [UInt8]? = nil, environment: [String: String]? = nil)
        throws -> BinaryRun
    {
        let process = Process()
        process.executableURL = EvalCommandTests.executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let error = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input)) }
        try stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return BinaryRun(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            error: String(decoding: err, as: UTF8.self))
    }
}
