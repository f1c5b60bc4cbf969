/// One catalog message, parsed: text with placeholders and plural or value selectors, a small
/// subset of Project Fluent's syntax.
///
///     step {$step} of {$count}
///     {$count} {$count -> [one] point *[other] points}
///     {"{"} and {"}"} are literal braces
///
/// A placeholder `{$name}` is replaced by its argument, formatted by `MessageValue.formatted`. A
/// selector `{$name -> [key] text *[other] text}` picks the variant whose key is the argument as
/// written (`[0]`, `[2]`, `[same]`), else its plural category (`[one]`, `[other]`), else the one
/// marked `*`. A variant's text ends at whitespace before the next `[` or `*[`, or at the closing
/// `}`, and is trimmed; `{" "}` keeps a space.
struct MessagePattern: Sendable, Hashable {
    enum Element: Sendable, Hashable {
        case text(String)
        /// A string literal `{"…"}`: text that the trimming of variants leaves as it is.
        case literal(String)
        case placeholder(String)
        case select(String, variants: [Variant], defaultIndex: Int)
    }

    struct Variant: Sendable, Hashable {
        var key: String
        var elements: [Element]
    }

    /// Why a catalog message cannot be parsed, with the offset into the message.
    struct SyntaxError: Error, Sendable, CustomStringConvertible {
        var message: String
        var offset: Int
        var description: String { "\(message) at character \(offset)" }
    }

    let elements: [Element]

    init(parsing source: String) throws(SyntaxError) {
        var parser = Parser(Array(source))
        elements = try parser.pattern(inVariant: false)
        guard parser.atEnd else { throw SyntaxError(message: "unexpected '}'", offset: parser.index) }
    }

    /// The names of every placeholder and selector, for checking that translations use the same.
    var argumentNames: Set<String> { Self.names(in: elements) }

    private static func names(in elements: [Element]) -> Set<String> {
        var names: Set<String> = []
        for element in elements {
            switch element {
            case .text, .literal: break
            case .placeholder(let name): names.insert(name)
            case .select(let name, let variants, _):
                names.insert(name)
                for variant in variants { names.formUnion(Self.names(in: variant.elements)) }
            }
        }
        return names
    }

    /// The message with `arguments` filled in; a missing argument is written as `{$name}`. With a
    /// particle rule, a paired particle right after a placeholder (`{$piece}을(를)`) takes the one
    /// form that fits the value written there, when its reading is certain.
    func render(_ arguments: [String: MessageValue], plural: PluralRule, particles: ParticleRule? = nil)
        -> String
    {
        Self.render(elements, arguments, plural, particles)
    }

    private static func render(
        _ elements: [Element], _ arguments: [String: MessageValue], _ plural: PluralRule,
        _ particles: ParticleRule?
    )
        -> String
    {
        var result = ""
        // The value the last placeholder wrote, while nothing else has been written after it.
        var placeholderValue: String?
        for element in elements {
            switch element {
            case .text(let text):
                if let particles, let value = placeholderValue {
                    result += particles.resolve(text, after: value)
                } else {
                    result += text
                }
                placeholderValue = nil
            case .literal(let text):
                result += text
                placeholderValue = nil
            case .placeholder(let name):
                let value = arguments[name]?.formatted
                result += value ?? "{$\(name)}"
                placeholderValue = value
            case .select(let name, let variants, let defaultIndex):
                let chosen = choose(arguments[name], variants, plural) ?? defaultIndex
                result += render(variants[chosen].elements, arguments, plural, particles)
                placeholderValue = nil
            }
        }
        return result
    }

    private static func choose(_ value: MessageValue?, _ variants: [Variant], _ plural: PluralRule) -> Int? {
        guard let value else { return nil }
        if let exact = variants.firstIndex(where: { $0.key == value.formatted }) { return exact }
        let number: Double? =
            switch value {
            case .integer(let integer), .bytes(let integer): Double(integer)
            case .number(let real), .seconds(let real), .magnitude(let real): real
            case .text, .shape, .tuple, .extent: nil
            }
        guard let number else { return nil }
        let category = plural.category(number)
        return variants.firstIndex { $0.key == category }
    }

    private struct Parser {
        let characters: [Character]
        var index = 0

        init(_ characters: [Character]) { self.characters = characters }

        var atEnd: Bool { index == characters.count }
        var current: Character? { index < characters.count ? characters[index] : nil }

        func error(_ message: String) -> SyntaxError { SyntaxError(message: message, offset: index) }

        /// Text and placeables up to the end, a `}` (left for the caller), or — inside a variant —
        /// whitespace before the next variant's `[` or `*[`.
        mutating func pattern(inVariant: Bool) throws(SyntaxError) -> [Element] {
            var elements: [Element] = []
            var text = ""
            while let character = current {
                if character == "}" { break }
                if inVariant, character.isWhitespace, nextVariantStarts() { break }
                if character == "{" {
                    if !text.isEmpty { elements.append(.text(text)) }
                    text = ""
                    elements.append(try placeable())
                    continue
                }
                text.append(character)
                index += 1
            }
            if !text.isEmpty { elements.append(.text(text)) }
            return elements
        }

        /// Whether whitespace from here leads to `[` or `*[`.
        func nextVariantStarts() -> Bool {
            var look = index
            while look < characters.count, characters[look].isWhitespace { look += 1 }
            guard look < characters.count else { return false }
            if characters[look] == "[" { return true }
            return characters[look] == "*" && look + 1 < characters.count && characters[look + 1] == "["
        }

        mutating func skipWhitespace() {
            while let character = current, character.isWhitespace { index += 1 }
        }

        mutating func expect(_ character: Character) throws(SyntaxError) {
            guard current == character else { throw error("expected '\(character)'") }
            index += 1
        }

        mutating func placeable() throws(SyntaxError) -> Element {
            try expect("{")
            skipWhitespace()
            if current == "\"" {
                index += 1
                var literal = ""
                while let character = current, character != "\"" {
                    literal.append(character)
                    index += 1
                }
                try expect("\"")
                skipWhitespace()
                try expect("}")
                return .literal(literal)
            }
            try expect("$")
            var name = ""
            while let character = current, character.isLetter || character.isNumber || character == "_" {
                name.append(character)
                index += 1
            }
            guard !name.isEmpty else { throw error("expected a placeholder name after '$'") }
            skipWhitespace()
            if current == "}" {
                index += 1
                return .placeholder(name)
            }
            try expect("-")
            try expect(">")
            var variants: [Variant] = []
            var defaultIndex: Int?
            while true {
                skipWhitespace()
                if current == "}" { break }
                if current == "*" {
                    guard defaultIndex == nil else { throw error("a second default variant") }
                    defaultIndex = variants.count
                    index += 1
                }
                try expect("[")
                var key = ""
                while let character = current, character != "]" {
                    key.append(character)
                    index += 1
                }
                try expect("]")
                let elements = Self.trimmed(try pattern(inVariant: true))
                variants.append(Variant(key: key.trimmingWhitespace, elements: elements))
            }
            try expect("}")
            guard let defaultIndex else { throw error("a selector without a default variant '*[…]'") }
            return .select(name, variants: variants, defaultIndex: defaultIndex)
        }

        /// A variant without the whitespace that separates it from the selector's syntax.
        static func trimmed(_ elements: [Element]) -> [Element] {
            var elements = elements
            if case .text(let first)? = elements.first {
                let kept = String(first.drop(while: \.isWhitespace))
                if kept.isEmpty { elements.removeFirst() } else { elements[0] = .text(kept) }
            }
            if case .text(let last)? = elements.last {
                let kept = String(last.reversed().drop(while: \.isWhitespace).reversed())
                if kept.isEmpty { elements.removeLast() } else { elements[elements.count - 1] = .text(kept) }
            }
            return elements
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace (Foundation-free).
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
