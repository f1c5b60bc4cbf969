import Wording

/// A text an author wrote in several languages in one place (a solutions file's `why:`), since
/// solutions have no translated copy of their own.
public struct LocalizedText: Hashable, Sendable {
    /// The text by language code.
    public var texts: [String: String]
    /// The course's default language code: its text stands in for a language that lacks one.
    public var defaultLanguage: String
    /// Where the text is written.
    public var location: CourseLocation

    /// Creates a text.
    public init(texts: [String: String], defaultLanguage: String, location: CourseLocation) {
        self.texts = texts
        self.defaultLanguage = defaultLanguage
        self.location = location
    }

    /// The text in `language`, or in the default language when it has none there.
    public func text(in language: Language) -> String? {
        texts[language.code] ?? texts[defaultLanguage]
    }
}
