/// One screen of a lesson: a `##` section's text and examples, ending at the next `##` heading or
/// right after an exercise.
public struct Step: Hashable, Sendable {
    /// A piece of a step, in reading order.
    public enum Block: Hashable, Sendable {
        /// GitHub-flavoured Markdown, as written in the lesson.
        case text(String)
        /// A runnable ` ```cnn ` example.
        case example(CodeSnippet)
    }

    /// The `##` heading's text, or nil for the text before the first `##` heading.
    public var title: String?
    /// Text and examples, in order (the exercise block itself is not among them).
    public var blocks: [Block]
    /// The exercise that ends this step, if any.
    public var exercise: Exercise?
    /// Where the step starts.
    public var location: CourseLocation

    /// Creates a step.
    public init(title: String?, blocks: [Block], exercise: Exercise?, location: CourseLocation) {
        self.title = title
        self.blocks = blocks
        self.exercise = exercise
        self.location = location
    }

    /// The step's runnable examples.
    public var examples: [CodeSnippet] {
        blocks.compactMap { if case .example(let code) = $0 { code } else { nil } }
    }

    /// The step's Markdown, with examples as ` ```cnn ` fences, ready for a Markdown renderer.
    public var markdown: String {
        blocks.map { block in
            switch block {
            case .text(let text): text
            case .example(let code): "```cnn\n\(code.text)\(code.text.hasSuffix("\n") ? "" : "\n")```"
            }
        }.joined(separator: "\n\n")
    }
}
