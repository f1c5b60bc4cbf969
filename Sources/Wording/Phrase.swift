/// A sentence not yet said: a catalog key with its typed arguments, said in any language later.
///
/// Code that finds facts (the grader) keeps what it would say as phrases, so that the words are
/// chosen where they are shown, in the reader's language: a verdict graded in English reads the
/// same in Korean as one graded in Korean. Phrases are `Codable`, so they cross process boundaries.
///
///     let phrase = Phrase(GradingKey.shape, ["answer": [1, 3, 3], "expected": [1, 5, 5]])
///     Language("ko").say(phrase)
public indirect enum Phrase: Hashable, Sendable, Codable {
    /// The message `key` of `catalog` with its arguments.
    case message(catalog: String, key: String, arguments: [String: Argument])
    /// Phrases said one after another, `separator` between them (a space between sentences).
    case joined([Phrase], separator: String)
    /// Text said as it is in every language: code, or words another part of the program already
    /// said (an engine error's diagnostic). Kept rare: it is the same in every language.
    case verbatim(String)

    /// What fills one placeholder: a typed value, or a phrase said in the same language.
    public enum Argument: Hashable, Sendable, Codable {
        /// A number, shape, name or code span, written as `MessageValue` writes it.
        case value(MessageValue)
        /// A sentence or part of one, said inside another.
        case phrase(Phrase)
    }

    /// The message `key` with its arguments.
    public init<Key: MessageKey>(_ key: Key, _ arguments: [String: any PhraseArgument] = [:]) {
        self = .message(
            catalog: Key.catalog, key: key.rawValue, arguments: arguments.mapValues(\.phraseArgument))
    }

    /// The phrases said one after another with a space between them; empty phrases are left out.
    public init(_ phrases: [Phrase], separator: String = " ") {
        let kept = phrases.filter { !$0.isEmpty }
        self = kept.count == 1 ? kept[0] : .joined(kept, separator: separator)
    }

    /// Nothing to say.
    public static let empty = Phrase.joined([], separator: "")

    /// Whether the phrase says nothing.
    public var isEmpty: Bool {
        switch self {
        case .message: false
        case .joined(let parts, _): parts.allSatisfy(\.isEmpty)
        case .verbatim(let text): text.isEmpty
        }
    }

    /// Two sentences, one after the other.
    public static func + (lhs: Phrase, rhs: Phrase) -> Phrase { Phrase([lhs, rhs]) }
}

extension Language {
    /// The phrase in this language.
    public func say(_ phrase: Phrase) -> String {
        switch phrase {
        case .message(let catalog, let key, let arguments):
            return catalogs.render(
                catalog, key,
                arguments.mapValues { argument in
                    switch argument {
                    case .value(let value): value
                    case .phrase(let inner): .text(say(inner))
                    }
                }, in: self)
        case .joined(let parts, let separator):
            return parts.map { say($0) }.joined(separator: separator)
        case .verbatim(let text):
            return text
        }
    }
}

/// A Swift value that can fill a phrase's placeholder: every `MessageArgument`, and a `Phrase`.
public protocol PhraseArgument: Sendable {
    /// The value as a phrase keeps it.
    var phraseArgument: Phrase.Argument { get }
}

extension Phrase: PhraseArgument {
    public var phraseArgument: Phrase.Argument { .phrase(self) }
}

/// Every catalog value fills a placeholder as itself.
extension PhraseArgument where Self: MessageArgument {
    public var phraseArgument: Phrase.Argument { .value(messageValue) }
}

extension MessageValue: PhraseArgument {}
extension String: PhraseArgument {}
extension Substring: PhraseArgument {}
extension Int: PhraseArgument {}
extension Double: PhraseArgument {}
extension Array: PhraseArgument where Element == Int {}
