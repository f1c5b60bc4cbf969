import Course
import Foundation
import Progress
import Terminal
import Wording

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
    /// `lesson/exercise` of each exercise whose counted answer came after the learner saw the
    /// solution, in course order; listed under the table (as `grade` reports them).
    var afterSolution: [String] = []
    /// What the course gives an answer after the solution at most (`after_solution_points`).
    var afterSolutionPoints = 0
    /// The language of the table's own words (headings, statuses; catalog `progress`): the
    /// session's in the REPL, the learner's in `cnntutor progress`.
    var wordsLanguage = Language.english

    /// The table for a loaded course: every lesson in course order, whether touched or not.
    /// - Parameters:
    ///   - language: The profile's language; lesson titles fall back to the course default.
    ///   - summaries: The profile's lesson summaries in this course.
    init(course: Course, language: Language?, summaries: [LessonSummary], wordsLanguage: Language = .english)
    {
        self.wordsLanguage = wordsLanguage
        afterSolutionPoints = course.afterSolutionPoints
        let byLesson = Dictionary(summaries.map { ($0.lesson, $0) }, uniquingKeysWith: { first, _ in first })
        let titles = Dictionary(
            course.lessons(in: language ?? course.defaultLanguage).map { ($0.id, $0.title) },
            uniquingKeysWith: { first, _ in first })
        var (passedTotal, pointsTotal, completedTotal) = (0, 0.0, 0)
        var afterSolution: [String] = []
        rows = course.lessons.map { lesson in
            let summary = byLesson[lesson.id]
            let statuses = lesson.exercises.compactMap { summary?.exercises[$0.id] }
            afterSolution += statuses.filter(\.bestAfterSolution).map(\.key.description)
            let passed = statuses.count(where: \.passed)
            let points = statuses.reduce(0) { $0 + min($1.bestPoints, $1.maxPoints) }
            passedTotal += passed
            pointsTotal += points
            if summary?.completed == true { completedTotal += 1 }
            return Row(
                lesson: lesson.id, passed: "\(passed)/\(lesson.exercises.count)",
                points: "\(Self.number(points))/\(lesson.points)",
                status: Self.status(summary, steps: lesson.steps.count, in: wordsLanguage),
                title: titles[lesson.id] ?? lesson.title)
        }
        rows.append(
            Row(
                lesson: wordsLanguage.say(ProgressKey.total),
                passed: "\(passedTotal)/\(course.allExercises.count)",
                points: "\(Self.number(pointsTotal))/\(course.points)",
                // In the last column: as the status it widened that column for every row, and
                // at 80 columns the titles were cut to 16.
                status: "",
                title: wordsLanguage.say(
                    ProgressKey.lessonsCompleted,
                    ["completed": completedTotal, "count": course.lessons.count])))
        self.afterSolution = afterSolution
    }

    /// The table from the database alone (no course at hand): the lessons the profile touched.
    init(summaries: [LessonSummary], wordsLanguage: Language = .english) {
        self.wordsLanguage = wordsLanguage
        rows = summaries.map { summary in
            Row(
                lesson: summary.lesson,
                passed: summary.attempted == 0
                    ? "-"
                    : wordsLanguage.say(
                        ProgressKey.tried, ["passed": summary.passed, "attempted": summary.attempted]),
                points: summary.attempted == 0
                    ? "-" : "\(Self.number(summary.points))/\(Self.number(summary.maxPoints))",
                status: Self.status(summary, steps: nil, in: wordsLanguage), title: "")
        }
    }

    /// The rendered table, a header line first, each line ending in a newline.
    var text: String {
        let hasTitles = rows.contains { !$0.title.isEmpty }
        let say = { (key: ProgressKey) in wordsLanguage.say(key) }
        let header = Row(
            lesson: say(.headingLesson), passed: say(.headingPassed), points: say(.headingPoints),
            status: say(.headingStatus), title: hasTitles ? say(.headingTitle) : "")
        let all = [header] + rows
        func width(_ column: (Row) -> String) -> Int { all.map { displayWidth(column($0)) }.max() ?? 0 }
        let widths = (width(\.lesson), width(\.passed), width(\.points), width(\.status))
        func pad(_ text: String, _ width: Int) -> String { TextLayout.pad(text, toWidth: width) }
        let table = all.map { row in
            let line = [
                pad(row.lesson, widths.0), pad(row.passed, widths.1), pad(row.points, widths.2),
                pad(row.status, widths.3), row.title,
            ].joined(separator: "  ")
            return String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
        }.joined()
        guard !afterSolution.isEmpty else { return table }
        return table + "\n"
            + wordsLanguage.say(ProgressKey.afterSolutionHeading, ["points": afterSolutionPoints]) + "\n"
            + afterSolution.map { "  \($0)\n" }.joined()
    }

    /// "completed", "in progress (step 3/9)" or "not started", in `language`.
    private static func status(_ summary: LessonSummary?, steps: Int?, in language: Language) -> String {
        guard let summary else { return language.say(ProgressKey.notStarted) }
        if summary.completed { return language.say(ProgressKey.completed) }
        guard let step = summary.step else { return language.say(ProgressKey.inProgress) }
        return language.say(
            ProgressKey.inProgressAtStep,
            ["step": step + 1, "steps": steps ?? 0, "known": steps == nil ? "no" : "yes"])
    }

    /// Whole numbers without a decimal point; partial credit to one decimal.
    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// The words of the progress table, the lesson menu and `cnntutor progress` (catalog `progress`).
enum ProgressKey: String, MessageKey {
    static let catalog = "progress"

    case headingLesson, headingPassed, headingPoints, headingStatus, headingTitle, total, lessonsCompleted
    case notStarted, completed, inProgress, inProgressAtStep, tried, menuDone, menuMinutes
    case afterSolutionHeading, menuOpen
    // `cnntutor progress`'s own sentences around the table and of `--export`.
    case noProgress, noProfile, nothingToExport, damaged, profileHeading, courseHeading, otherCourse
    case noLessons, noAnswers, severalCourses, cannotWrite, exported
}
