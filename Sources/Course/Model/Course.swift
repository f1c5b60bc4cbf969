import Wording

/// A loaded course: its manifest, its lessons in every language, and the problems found loading it.
public struct Course: Hashable, Sendable {
    /// When the REPL may show a solution.
    public enum SolutionPolicy: String, Hashable, Sendable, CaseIterable {
        /// After the learner passes or gives up.
        case afterPassOrGiveUp = "after-pass-or-give-up"
        /// Whenever asked.
        case always
        /// Never.
        case never
    }

    /// Stable id; submissions name it.
    public var id: String
    /// Bumped when exercises change meaning; submissions name it.
    public var version: Int
    /// The language whose lesson files carry the grading logic.
    public var defaultLanguage: Language
    /// Every language the course is written in, the default first.
    public var languages: [Language]
    /// The course title per language code.
    public var titles: [String: String]
    /// When the REPL may show a solution.
    public var solutionPolicy: SolutionPolicy
    /// What an answer given after the learner saw the solution (gave up or asked for it) is worth
    /// at most, in points (`after_solution_points:`, default 0); a pass then is "solved after the
    /// solution".
    public var afterSolutionPoints: Int = 0
    /// The lessons in the default language, in menu order.
    public var lessons: [Lesson]
    /// Translated lessons: language code → lesson id → lesson, merged with the default language
    /// where the translation lacks something.
    public var translations: [String: [String: Lesson]]
    /// The course folder as given.
    public var directory: String
    /// Every problem found while loading, in file order.
    public var problems: [CourseProblem]

    /// Creates a course.
    public init(
        id: String, version: Int, defaultLanguage: Language, languages: [Language],
        titles: [String: String], solutionPolicy: SolutionPolicy, lessons: [Lesson],
        translations: [String: [String: Lesson]], directory: String, problems: [CourseProblem],
        afterSolutionPoints: Int = 0
    ) {
        self.id = id
        self.version = version
        self.defaultLanguage = defaultLanguage
        self.languages = languages
        self.titles = titles
        self.solutionPolicy = solutionPolicy
        self.afterSolutionPoints = afterSolutionPoints
        self.lessons = lessons
        self.translations = translations
        self.directory = directory
        self.problems = problems
    }

    /// The course title in `language`, falling back to the default language.
    public func title(in language: Language? = nil) -> String {
        titles[(language ?? defaultLanguage).code] ?? titles[defaultLanguage.code] ?? id
    }

    /// The lessons in `language`, each falling back to the default language where untranslated.
    public func lessons(in language: Language) -> [Lesson] {
        guard language != defaultLanguage, let translated = translations[language.code] else {
            return lessons
        }
        return lessons.map { translated[$0.id] ?? $0 }
    }

    /// The default-language lesson with `id`.
    public func lesson(_ id: String) -> Lesson? { lessons.first { $0.id == id } }

    /// The exercise named `lesson-id/exercise-id`, with its lesson.
    public func exercise(named key: String) -> (lesson: Lesson, exercise: Exercise)? {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let lesson = lesson(parts[0]), let exercise = lesson.exercise(parts[1])
        else { return nil }
        return (lesson, exercise)
    }

    /// Every exercise as `(lesson, exercise)`, in course order.
    public var allExercises: [(lesson: Lesson, exercise: Exercise)] {
        lessons.flatMap { lesson in lesson.exercises.map { (lesson, $0) } }
    }

    /// Points for passing every exercise of the course.
    public var points: Int { lessons.reduce(0) { $0 + $1.points } }
}
