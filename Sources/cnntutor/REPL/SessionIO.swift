import Foundation
import Progress
import Terminal
import Wording

/// Everything the lesson REPL touches outside itself, so tests drive whole sessions through the
/// same code with a scripted reader, an in-memory screen and an in-memory progress recorder.
struct SessionIO {
    /// Where the learner's lines come from (libedit, a pipe, a script).
    var reader: any LineReader
    /// Where everything is written.
    var screen: any TerminalScreen
    /// Where attempts and positions are kept.
    var progress: any ProgressRecording
    /// Ctrl-C while code runs: cancels the evaluation instead of ending the program.
    var interrupts: any InterruptSource
    /// The wall clock, for the dates attempts are recorded with.
    var now: @Sendable () -> Date
    /// The monotonic clock progress bars measure time left with.
    var clock: any MonotonicClock
}

/// What the learner asked for on the command line.
struct SessionSettings {
    /// The learner's profile name.
    var profile: String
    /// The lesson to open first (number, id or id prefix), instead of resuming.
    var lesson: String?
    /// The lesson language asked for; nil keeps the profile's.
    var language: Language?
    /// Where progress is kept, named in the goodbye line (nil: not shown).
    var dataDirectory: String?
    /// Seconds one piece of learner code may run (nil: until Ctrl-C).
    var timeLimit: Double? = nil
}
