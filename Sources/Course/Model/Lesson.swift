import Wording

/// One lesson in one language: its front matter and its steps.
public struct Lesson: Hashable, Sendable, Identifiable {
    /// The lesson's id, equal to its folder name.
    public var id: String
    /// The language of this lesson's text.
    public var language: Language
    /// The title, from the front matter.
    public var title: String
    /// Estimated minutes, for the menu.
    public var minutes: Int?
    /// Lessons that should come first.
    public var requires: [String]
    /// The steps, in order.
    public var steps: [Step]
    /// The lesson file this text came from.
    public var file: String

    /// Creates a lesson.
    public init(
        id: String, language: Language, title: String, minutes: Int?, requires: [String],
        steps: [Step], file: String
    ) {
        self.id = id
        self.language = language
        self.title = title
        self.minutes = minutes
        self.requires = requires
        self.steps = steps
        self.file = file
    }

    /// The exercises, in order.
    public var exercises: [Exercise] { steps.compactMap(\.exercise) }

    /// The exercise with `id`, if any.
    public func exercise(_ id: String) -> Exercise? { exercises.first { $0.id == id } }

    /// Points for passing every exercise.
    public var points: Int { exercises.reduce(0) { $0 + $1.points } }
}
