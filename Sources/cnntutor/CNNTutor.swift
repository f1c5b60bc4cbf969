import ArgumentParser

/// The `cnntutor` command: the lesson REPL by default, and the instructor's tools.
@main
struct CNNTutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnntutor",
        abstract: "A self-paced course on convolutional networks, graded by running your answers.",
        version: "0.1.0",
        subcommands: [
            LearnCommand.self,
            CheckCommand.self,
            ProgressCommand.self,
            EvalCommand.self,
            GradeCommand.self,
            ExportKeyCommand.self,
        ],
        defaultSubcommand: LearnCommand.self
    )
}
