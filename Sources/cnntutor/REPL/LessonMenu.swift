import Course
import Progress
import Terminal
import Wording

/// The lesson menu: one line per lesson with a progress bar, exercises passed, minutes left and
/// the title (last, so wide Korean titles cannot push the columns before them out of line).
///
///     ✓ 1 ██████████ 3/3 done    Tensors: the shapes of things
///     ○ 3 ██████░░░░ 2/3 1 open  Padding and stride  (gone through, one exercise skipped)
///     ▸ 2 ████░░░░░░ 1/4 18 min  Filters slide over images
///       3 ░░░░░░░░░░ 0/3 25 min  Padding and stride
struct LessonMenu {
    /// One lesson's standing.
    struct Entry: Equatable {
        var number: Int
        var id: String
        var title: String
        /// How far through the lesson's steps the learner is, 0…1 (1 once completed).
        var fraction: Double
        var passed: Int
        var exercises: Int
        var completed: Bool
        /// Estimated minutes still to go, from the lesson's `minutes` and the fraction done.
        var minutesLeft: Int?
    }

    var entries: [Entry]
    /// The language of "done" and "min".
    var language = Language.english

    /// The menu for `course` in `language` from the profile's lesson summaries.
    init(course: Course, language: Language, summaries: [LessonSummary]) {
        let byLesson = Dictionary(summaries.map { ($0.lesson, $0) }, uniquingKeysWith: { first, _ in first })
        self.language = language
        entries = course.lessons(in: language).enumerated().map { index, lesson in
            let summary = byLesson[lesson.id]
            let completed = summary?.completed ?? false
            let steps = max(1, lesson.steps.count)
            let fraction = completed ? 1 : Double(min(summary?.step ?? 0, steps)) / Double(steps)
            let passed = lesson.exercises.count { summary?.exercises[$0.id]?.passed ?? false }
            let left = lesson.minutes.map { Int((Double($0) * (1 - fraction)).rounded(.up)) }
            return Entry(
                number: index + 1, id: lesson.id, title: lesson.title, fraction: fraction, passed: passed,
                exercises: lesson.exercises.count, completed: completed, minutesLeft: left)
        }
    }

    /// The lesson Enter opens at the menu: the first not completed; once every lesson is, the
    /// first with an exercise not passed; else the first lesson.
    var suggested: Int {
        entries.firstIndex { !$0.completed } ?? entries.firstIndex { $0.passed < $0.exercises } ?? 0
    }

    /// Whether every lesson has been gone through to its end.
    var allCompleted: Bool { entries.allSatisfy(\.completed) }

    /// Exercises not passed, over the whole course.
    var openExercises: Int { entries.reduce(0) { $0 + $1.exercises - $1.passed } }

    /// Minutes left over the whole course.
    var minutesLeft: Int { entries.reduce(0) { $0 + ($1.minutesLeft ?? 0) } }

    /// The menu's lines, at most `width` columns wide; `current` is marked with ▸.
    func lines(current: Int?, width: Int, colorLevel: ColorLevel) -> [String] {
        let numberWidth = String(entries.count).count
        let exerciseWidth = entries.map { "\($0.passed)/\($0.exercises)".count }.max() ?? 3
        let times = entries.map(timeText)
        // As wide as the widest (the Korean "1 open" label is 8 columns), so the titles after it line up.
        let timeWidth = max(6, times.map(displayWidth).max() ?? 0)
        return entries.enumerated().map { index, entry in
            // A lesson gone through with exercises skipped or not passed is not "done": it says
            // how many are open, and its bar shows the share passed.
            let open = entry.exercises - entry.passed
            let done = entry.completed && open == 0
            let mark = done ? "✓" : (index == current ? "▸" : (entry.completed ? "○" : " "))
            let number =
                String(repeating: " ", count: numberWidth - String(entry.number).count) + String(entry.number)
            let fraction =
                entry.completed && open > 0
                ? Double(entry.passed) / Double(max(1, entry.exercises)) : entry.fraction
            let filled = Int((fraction * 10).rounded(.down))
            let bar =
                Theme.good.apply(String(repeating: "█", count: filled), at: colorLevel)
                + Theme.frame.apply(String(repeating: "░", count: 10 - filled), at: colorLevel)
            let exercises = TextLayout.pad("\(entry.passed)/\(entry.exercises)", toWidth: exerciseWidth)
            let line =
                "\(mark) \(number) \(bar) \(exercises) \(TextLayout.pad(times[index], toWidth: timeWidth))  \(entry.title)"
            return TextLayout.truncate(line, toWidth: width)
        }
    }

    /// "done", "1 open" or the minutes left, in the menu's language.
    private func timeText(_ entry: Entry) -> String {
        let open = entry.exercises - entry.passed
        if entry.completed && open == 0 { return language.say(ProgressKey.menuDone) }
        if entry.completed { return language.say(ProgressKey.menuOpen, ["open": open]) }
        return entry.minutesLeft.map { language.say(ProgressKey.menuMinutes, ["minutes": $0]) } ?? ""
    }
}
