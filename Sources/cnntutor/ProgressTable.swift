import Course
import Foundation
import Progress
import Terminal

/// The per-lesson table `cnntutor progress` prints: lesson, exercises passed, points, status.
///
/// Titles go in the last column, unpadded, so Korean titles (two columns per character) cannot
/// break the alignment of the columns before them.
struct ProgressTable {
    /// One printed line.
    struct Row: Equatable {
        var lesson: String
        var passed: String
        var points: String
        var status: String
        var title: String
    }

    var rows: [Row]
    /// The language of the table's own words (headings, statuses); `ko` in a Korean REPL session,
    /// English otherwise, including `cnntutor progress`, whose output scripts read.
    var wordsLanguage = "en"

    /// The table for a loaded course: every lesson in course order, whether touched or not.
    /// - Parameters:
    ///   - language: The profile's language; lesson titles fall back to the course default.
    ///   - summaries: The profile's lesson summaries in this course.
    init(course: Course, language: String?, summaries: [LessonSummary], wordsLanguage: String = "en") {
        self.wordsLanguage = wordsLanguage
        let korean = wordsLanguage == "ko"
        let byLesson = Dictionary(summaries.map { ($0.lesson, $0) }, uniquingKeysWith: { first, _ in first })
        let titles = Dictionary(
            course.lessons(in: language ?? course.defaultLanguage).map { ($0.id, $0.title) },
            uniquingKeysWith: { first, _ in first })
        var (passedTotal, pointsTotal, completedTotal) = (0, 0.0, 0)
        rows = course.lessons.map { lesson in
            let summary = byLesson[lesson.id]
            let statuses = lesson.exercises.compactMap { summary?.exercises[$0.id] }
            let passed = statuses.count(where: \.passed)
            let points = statuses.reduce(0) { $0 + min($1.bestPoints, $1.maxPoints) }
            passedTotal += passed
            pointsTotal += points
            if summary?.completed == true { completedTotal += 1 }
            return Row(
                lesson: lesson.id, passed: "\(passed)/\(lesson.exercises.count)",
                points: "\(Self.number(points))/\(lesson.points)",
                status: Self.status(summary, steps: lesson.steps.count, korean: korean),
                title: titles[lesson.id] ?? lesson.title)
        }
        rows.append(
            Row(
                lesson: korean ? "합계" : "total", passed: "\(passedTotal)/\(course.allExercises.count)",
                points: "\(Self.number(pointsTotal))/\(course.points)",
                status: korean
                    ? "레슨 \(completedTotal)/\(course.lessons.count)개 완료"
                    : "\(completedTotal)/\(course.lessons.count) lessons completed", title: ""))
    }

    /// The table from the database alone (no course at hand): the lessons the profile touched.
    init(summaries: [LessonSummary]) {
        rows = summaries.map { summary in
            Row(
                lesson: summary.lesson,
                passed: summary.attempted == 0 ? "-" : "\(summary.passed)/\(summary.attempted) tried",
                points: summary.attempted == 0
                    ? "-" : "\(Self.number(summary.points))/\(Self.number(summary.maxPoints))",
                status: Self.status(summary, steps: nil, korean: false), title: "")
        }
    }

    /// The rendered table, a header line first, each line ending in a newline.
    var text: String {
        let hasTitles = rows.contains { !$0.title.isEmpty }
        let header =
            wordsLanguage == "ko"
            ? Row(lesson: "레슨", passed: "통과", points: "점수", status: "상태", title: hasTitles ? "제목" : "")
            : Row(
                lesson: "lesson", passed: "passed", points: "points", status: "status",
                title: hasTitles ? "title" : "")
        let all = [header] + rows
        func width(_ column: (Row) -> String) -> Int { all.map { displayWidth(column($0)) }.max() ?? 0 }
        let widths = (width(\.lesson), width(\.passed), width(\.points), width(\.status))
        func pad(_ text: String, _ width: Int) -> String { TextLayout.pad(text, toWidth: width) }
        return all.map { row in
            let line = [
                pad(row.lesson, widths.0), pad(row.passed, widths.1), pad(row.points, widths.2),
                pad(row.status, widths.3), row.title,
            ].joined(separator: "  ")
            return String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
        }.joined()
    }

    /// "completed", "in progress (step 3/9)" or "not started" (in Korean: "완료", "진행 중 (9단계 중
    /// 3단계)", "시작 전").
    private static func status(_ summary: LessonSummary?, steps: Int?, korean: Bool) -> String {
        guard let summary else { return korean ? "시작 전" : "not started" }
        if summary.completed { return korean ? "완료" : "completed" }
        guard let step = summary.step else { return korean ? "진행 중" : "in progress" }
        if korean { return "진행 중 (" + (steps.map { "\($0)단계 중 " } ?? "") + "\(step + 1)단계)" }
        let total = steps.map { "/\($0)" } ?? ""
        return "in progress (step \(step + 1)\(total))"
    }

    /// Whole numbers without a decimal point; partial credit to one decimal.
    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
