import ArgumentParser
import CNN

/// The engine benchmark: prints JSON rows comparable with `../shared/bench/peers.py`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnntutor-bench", abstract: "Benchmarks the engine; JSON rows on stdout.")

    mutating func run() throws {
        throw ValidationError("the benchmark arrives with the fast-engine issue")
    }
}
