/// A language the tool speaks or a course is written in, named by its code (`en`, `ko`, `fr`).
///
/// Not an enum: any code a course or a catalog directory brings is a language. What the tool itself
/// says in it comes from `catalogs`; a language with no catalog of its own is said in English, the
/// language every catalog is checked against.
///
///     Language("ko").say(SessionKey.stepPosition, ["step": 2, "count": 5])
public struct Language: Hashable, Sendable, CustomStringConvertible {
    /// The code, as courses and `--lang` write it (`en`, `ko`).
    public let code: String
    /// Where this language's sentences are looked up.
    public let catalogs: Catalogs

    /// The language named `code`, said through `catalogs` (the installed ones by default).
    public init(_ code: String, catalogs: Catalogs = .standard) {
        self.code = code
        self.catalogs = catalogs
    }

    /// English: the tool's default, and what a sentence missing from another catalog falls back to.
    public static let english = Language("en")

    /// Whether the tool has a catalog of its own in this language (else it speaks English).
    public var isSpoken: Bool { catalogs.languages.contains(code) }

    /// The language's own name for itself (its `language.json` "name"), or its code when none.
    public var name: String { catalogs.name(of: code) ?? code }

    /// The sentence `key` in this language, its placeholders filled from `arguments`.
    ///
    /// Never fails: a sentence missing here falls back to English, and one missing everywhere is
    /// written as its key and arguments (which the catalog tests make impossible for the tool's
    /// own keys).
    public func say<Key: MessageKey>(_ key: Key, _ arguments: [String: any MessageArgument] = [:]) -> String {
        catalogs.render(Key.catalog, key.rawValue, arguments.mapValues(\.messageValue), in: self)
    }

    public var description: String { code }

    /// Two languages are the same when their codes are; the catalogs are where words come from.
    public static func == (lhs: Language, rhs: Language) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// A language is stored and exchanged as its code (`"ko"`), e.g. in an answer key's JSON.
extension Language: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

/// A language written as its code in source (`let korean: Language = "ko"`), as course files and
/// tests write it.
extension Language: ExpressibleByStringLiteral {
    public init(stringLiteral code: String) { self.init(code) }
}
