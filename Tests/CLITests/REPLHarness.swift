import Course
import Foundation
import Progress
import Terminal
import Wording

@testable import cnntutor

/// Drives whole lesson sessions through the REPL's real code with a scripted reader, an
/// in-memory screen and (unless a test passes its own) an in-memory progress recorder.
struct REPLHarness {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's own course, loaded once.
    static let course: Course = {
        do {
            return try CourseLoader.load(at: repository.appendingPathComponent("Lessons").path)
        } catch {
            preconditionFailure("the repository's course must load: \(error)")
        }
    }()

    /// The date every attempt is recorded with (2026-01-01T00:00:00Z), so records compare exactly.
    static let date = Date(timeIntervalSince1970: 1_767_225_600)

    let screen: MemoryScreen
    let reader: ScriptedLineReader
    let progress: any ProgressRecording
    let session: LessonSession

    /// A session over `lines` (then end of input), not yet run.
    init(
        _ lines: [String], width: Int = 80, rows: Int = 24, course: Course = REPLHarness.course,
        progress: any ProgressRecording = MemoryProgressRecorder(), profile: String = "ada",
        lesson: String? = nil, language: Language? = nil, recovered: DamagedDatabase? = nil,
        interrupts: any InterruptSource = ManualInterruptSource(), isTTY: Bool = false
    ) {
        screen = MemoryScreen(
            capabilities: FixedTerminalCapabilities(
                isTTY: isTTY, size: TerminalSize(columns: width, rows: rows)))
        reader = ScriptedLineReader(lines: lines, echo: screen)
        self.progress = progress
        let io = SessionIO(
            reader: reader, screen: screen, progress: progress, interrupts: interrupts,
            now: { REPLHarness.date }, clock: ManualClock())
        session = LessonSession(
            course: course,
            settings: SessionSettings(profile: profile, lesson: lesson, language: language),
            io: io, recovered: recovered)
    }

    /// Runs a session over `lines` to its end and returns the harness to inspect.
    @discardableResult
    static func run(
        _ lines: [String], width: Int = 80, course: Course = REPLHarness.course,
        progress: any ProgressRecording = MemoryProgressRecorder(), lesson: String? = nil,
        language: Language? = nil, recovered: DamagedDatabase? = nil
    ) -> REPLHarness {
        let harness = REPLHarness(
            lines, width: width, course: course, progress: progress, lesson: lesson, language: language,
            recovered: recovered)
        harness.session.run()
        return harness
    }

    /// Everything the session wrote.
    var text: String { screen.text }

    /// The attempts recorded for profile "ada" in the course.
    func attempts() throws -> [Attempt] {
        try progress.attempts(profile: "ada", course: REPLHarness.course.id)
    }
}
