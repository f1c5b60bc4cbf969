import ArgumentParser

/// The grading benchmarks: a class graded in batch (`class`, the default, behind
/// `make bench-grade`) and one learner's feedback in the REPL (`feedback`, `make bench-feedback`).
@main
struct GradeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnntutor-grade-bench",
        abstract: "Grading benchmarks that print JSON.",
        subcommands: [ClassBench.self, FeedbackBench.self], defaultSubcommand: ClassBench.self)
}
