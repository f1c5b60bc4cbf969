import Foundation
import Testing

@testable import Course
@testable import Grading

/// The instructor's HTML report: self-contained, deterministic, and (where Chromium is installed)
/// rendered by a real browser without console errors, with its charts drawn and its width within
/// the window.
@Suite struct ClassReportHTMLTests {
    /// A generated class of the tiny course, graded: every status and several mistakes and findings.
    static let report: ClassReport = {
        guard let course = try? CourseLoader.load(at: TestExercises.tinyCourse) else {
            return ClassReportTests.report
        }
        var submissions = ClassGenerator(course: course, seed: 3, hostileExercises: 0).learners(
            60, course: course
        )
        .map(\.submission)
        // A learner in two files, and a long file name, as real folders have.
        var twin = submissions[0]
        twin.file = "resubmitted/a-very-long-folder-name-that-an-lms-export-made/" + twin.file
        submissions.append(twin)
        var options = GradingOptions()
        options.timeLimit = 5
        var report = BatchGrader(options: options, jobs: 2).grade(submissions, course: course)
            .withoutDurations
        report.skipped = ClassReportTests.report.skipped
        return report
    }()

    @Test func theSameReportGivesTheSameBytes() {
        let first = Self.report.rendered(as: .html)
        #expect(first == Self.report.rendered(as: .html))
        #expect(first == ClassReport.from(Self.report).rendered(as: .html))
    }

    @Test func thePageIsSelfContained() {
        let html = Self.report.rendered(as: .html)
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains(" src="))
        #expect(html.components(separatedBy: #"<svg class="chart""#).count - 1 == 3)
        #expect(html.contains(#"<section id="skipped">"#))
        #expect(html.contains("the same learner name is also in"))
    }

    @Test func everyLearnerHasARowAndEveryExerciseABar() {
        let html = Self.report.rendered(as: .html)
        #expect(html.components(separatedBy: #"<svg class="strip""#).count - 1 == Self.report.learners.count)
        for key in Self.report.exercises { #expect(html.contains("<title>\(key)</title>")) }
    }

    // MARK: In a browser

    /// Chromium or Chrome, if installed.
    static let chromium: String? = [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium",
    ].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Measures the page as laid out at `width` pixels: what the script below writes into the page,
    /// read back from Chromium's `--dump-dom`, and Chromium's own log (console messages included).
    static func measure(_ html: String, width: Int) throws -> (result: [String: Any], log: String) {
        let probe = """
            <script>
            const charts = [...document.querySelectorAll('svg.chart')].map(svg => {
              const box = svg.getBoundingClientRect();
              return {width: box.width, height: box.height, shapes: svg.querySelectorAll('rect').length};
            });
            const pre = document.createElement('pre');
            pre.id = 'probe';
            pre.textContent = JSON.stringify({
              charts, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
              strips: document.querySelectorAll('svg.strip').length});
            document.body.appendChild(pre);
            </script>
            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        try html.replacingOccurrences(of: "</body>", with: probe + "\n</body>").write(
            to: page, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--window-size=\(width),900", "--enable-logging=stderr", "--v=0", "--dump-dom",
            page.absoluteString,
        ]
        let output = Pipe()
        let errors = folder.appendingPathComponent("chromium.log")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let timer = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: timer)
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        timer.cancel()
        let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        let start = try #require(dom.range(of: #"<pre id="probe">"#), "no probe in the DOM; log:\n\(log)")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(
            of: "&quot;", with: "\""
        )
        .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
        .replacingOccurrences(of: "&gt;", with: ">")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return (result, log)
    }

    @Test(
        .enabled(
            if: chromium != nil,
            "Chromium is not installed (apt-get install -y chromium): the browser check is skipped"),
        arguments: [1280, 760])
    func chromiumDrawsTheChartsWithinTheWindowWithoutConsoleErrors(width: Int) throws {
        let (result, log) = try Self.measure(Self.report.rendered(as: .html), width: width)
        let consoleLines = log.split(separator: "\n").filter { $0.contains("CONSOLE") }
        #expect(consoleLines.isEmpty, "console: \(consoleLines)")
        let charts = try #require(result["charts"] as? [[String: Any]])
        #expect(charts.count == 3)
        for chart in charts {
            #expect((chart["width"] as? Double ?? 0) > 200, "\(chart)")
            #expect((chart["height"] as? Double ?? 0) > 40, "\(chart)")
            #expect((chart["shapes"] as? Int ?? 0) >= 3, "\(chart)")
        }
        #expect(result["strips"] as? Int == Self.report.learners.count)
        let scrollWidth = try #require(result["scrollWidth"] as? Int)
        let innerWidth = try #require(result["innerWidth"] as? Int)
        #expect(scrollWidth <= innerWidth, "the page is \(scrollWidth) px wide in a \(innerWidth) px window")
    }
}

extension ClassReport {
    /// A copy made field by field, so the determinism test renders a value built anew.
    static func from(_ report: ClassReport) -> ClassReport {
        ClassReport(
            course: report.course, version: report.version, exercises: report.exercises,
            learners: report.learners, skipped: report.skipped, mistakeTitles: report.mistakeTitles)
    }
}
