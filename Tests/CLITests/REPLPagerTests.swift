import Course
import Foundation
import Testing

@testable import cnntutor

/// The pager in a session on a terminal: `q` at "-- more --" stops what the learner asked for.
@Suite struct REPLPagerTests {
    /// A one-lesson course whose only step has two examples, the first printing 30 lines.
    static func course() throws -> (Course, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pager-\(UUID().uuidString)")
        let lesson = folder.appendingPathComponent("01-run")
        try FileManager.default.createDirectory(at: lesson, withIntermediateDirectories: true)
        try """
        id: pager
        version: 1
        default_language: en
        languages: [en]
        title:
          en: Pager
        lessons:
          - 01-run
        """.write(to: folder.appendingPathComponent("course.yaml"), atomically: true, encoding: .utf8)
        try """
        ---
        id: 01-run
        title: Run
        minutes: 1
        ---

        # Run

        ## Two examples

        ```cnn
        arange(30).reshape(30, 1)
        ```

        ```cnn
        print('second' + ' example ran')
        ```
        """.write(to: lesson.appendingPathComponent("lesson.en.md"), atomically: true, encoding: .utf8)
        return (try CourseLoader.load(at: folder.path), folder)
    }

    @Test func qAtThePagerStopsTheWholeRun() throws {
        let (course, folder) = try Self.course()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stopped = REPLHarness([":open 1", "", ":run", "q", ":quit"], course: course, isTTY: true)
        stopped.session.run()
        #expect(stopped.text.contains("tensor([[ 0],"))
        #expect(!stopped.text.contains("[29]])"))
        #expect(!stopped.text.contains("second example ran"), "\(stopped.text)")
        // Enter at the pager goes on through both examples.
        let all = REPLHarness([":open 1", "", ":run", "", ":quit"], course: course, isTTY: true)
        all.session.run()
        #expect(all.text.contains("[29]])"))
        #expect(all.text.contains("second example ran"))
    }
}
