import Wording

/// A run of text in one style, the unit the wrapper and the Markdown renderer pass around.
public struct StyledRun: Sendable, Hashable {
    /// The text; `"\n"` inside it forces a line break.
    public var text: String
    /// How it looks.
    public var style: TextStyle
    /// Whether its spaces must not become line breaks (inline code, for instance).
    public var keepTogether: Bool

    /// A run of `text` in `style`.
    public init(_ text: String, style: TextStyle = .plain, keepTogether: Bool = false) {
        self.text = text
        self.style = style
        self.keepTogether = keepTogether
    }
}

/// Greedy word wrapping measured in display columns.
///
/// Lines break at spaces. Korean keeps its words whole (it separates words with spaces; the rule
/// CSS calls `word-break: keep-all`) and breaks between syllables only when one word is wider than
/// the line. Chinese and Japanese, written without spaces, may break between any two characters,
/// except before closing punctuation. A wide character never straddles the line end.
public struct WordWrapper: Sendable {
    /// The widest a line may be, in columns (at least 1).
    public let width: Int
    /// The colour level styles are written for.
    public let colorLevel: ColorLevel

    /// A wrapper for lines of at most `width` columns.
    public init(width: Int, colorLevel: ColorLevel = .none) {
        self.width = max(1, width)
        self.colorLevel = colorLevel
    }

    /// `text` wrapped into lines; runs of whitespace collapse to one space.
    public func wrap(_ text: String, style: TextStyle = .plain) -> [String] {
        wrap([StyledRun(text, style: style)])
    }

    /// Styled runs wrapped into lines, each line carrying its own escape codes (styles never leak
    /// from one line into the next, so lines can be prefixed, indented or paged freely).
    public func wrap(_ runs: [StyledRun]) -> [String] {
        var builder = LineBuilder(width: width, colorLevel: colorLevel)
        for token in Self.tokens(runs, width: width) {
            builder.place(token)
        }
        return builder.finish()
    }

    /// A word: pieces of text without a break opportunity inside.
    struct Token {
        var pieces: [Piece] = []
        var width = 0
        var spaceBefore = false
        var breakBefore = false
        var endsBreakable = false
        var isEmpty: Bool { pieces.isEmpty }

        mutating func append(_ character: Character, style: TextStyle) {
            let characterWidth = displayWidth(character)
            if let last = pieces.indices.last, pieces[last].style == style {
                pieces[last].text.append(character)
                pieces[last].width += characterWidth
            } else {
                pieces.append(Piece(text: String(character), style: style, width: characterWidth))
            }
            width += characterWidth
        }
    }

    /// Text in one style inside a token.
    struct Piece {
        var text: String
        var style: TextStyle
        var width: Int
    }

    static func tokens(_ runs: [StyledRun], width: Int = .max) -> [Token] {
        var tokens: [Token] = []
        var current = Token()
        var pendingSpace = false
        var pendingBreak = false
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = Token()
        }
        for run in runs {
            for character in run.text {
                if character == "\n" {
                    flush()
                    if pendingBreak { tokens.append(Token(breakBefore: true)) }
                    pendingBreak = true
                    pendingSpace = false
                    continue
                }
                if character.isWhitespace && !run.keepTogether {
                    flush()
                    pendingSpace = true
                    continue
                }
                let breaksAround = isBreakableIdeograph(character)
                if !current.isEmpty && !isClosingPunctuation(character)
                    && (current.endsBreakable || breaksAround)
                {
                    flush()
                }
                if current.isEmpty {
                    current.spaceBefore = pendingSpace
                    current.breakBefore = pendingBreak
                    pendingSpace = false
                    pendingBreak = false
                }
                current.append(character, style: run.style)
                current.endsBreakable = breaksAround
            }
        }
        flush()
        if pendingBreak { tokens.append(Token(breakBefore: true)) }
        return gluingBrackets(gluingOperators(tokens, width: width), width: width)
    }

    /// Short bracketed groups written with spaces inside (`[N, C, H, W]`, `(1, 8, 8)`,
    /// `kernel_size=(3, 3)`) join into one word, so a shape or a tuple moves to the next line
    /// whole instead of breaking after a comma. Groups wider than a third of the line (at most 24
    /// columns) still break at their spaces.
    static func gluingBrackets(_ tokens: [Token], width: Int) -> [Token] {
        let limit = min(24, width / 3)
        var result: [Token] = []
        var group: [Token] = []
        var depth = 0
        func flushGroup() {
            result += group
            group = []
            depth = 0
        }
        for token in tokens {
            if !group.isEmpty && (token.breakBefore || !token.spaceBefore || token.isEmpty) {
                flushGroup()
            }
            let change = bracketBalance(token)
            if group.isEmpty {
                if change > 0 {
                    group = [token]
                    depth = change
                } else {
                    result.append(token)
                }
                continue
            }
            group.append(token)
            depth += change
            if group.reduce(0, { $0 + $1.width }) + group.count - 1 > limit {
                flushGroup()
            } else if depth <= 0 {
                result.append(group.dropFirst().reduce(group[0]) { joined($0, $1) })
                group = []
                depth = 0
            }
        }
        flushGroup()
        return result
    }

    /// Brackets a token opens minus those it closes.
    private static func bracketBalance(_ token: Token) -> Int {
        var balance = 0
        for piece in token.pieces {
            for character in piece.text {
                if "([{".contains(character) { balance += 1 }
                if ")]}".contains(character) { balance -= 1 }
            }
        }
        return balance
    }

    /// Binary operators standing alone between spaces (`n − f + 1`) join the words around them:
    /// a formula that fits on a line (`(n + 2p − f + 1)`) moves to the next line whole instead of
    /// wrapping inside. A formula wider than a line breaks after its operators, as in typeset
    /// mathematics: a line never starts with `−` or `=`.
    static func gluingOperators(_ tokens: [Token], width: Int) -> [Token] {
        // Chains: a token, then (operator, operand) pairs joined to it by single spaces.
        var chains: [[Token]] = []
        var afterOperator = false
        for token in tokens {
            let isOperator = isOperator(token)
            if isOperator || afterOperator, token.spaceBefore, !token.breakBefore,
                let last = chains.last?.last,
                !last.isEmpty
            {
                chains[chains.count - 1].append(token)
            } else {
                chains.append([token])
            }
            afterOperator = isOperator
        }
        var result: [Token] = []
        for chain in chains {
            let fits = chain.reduce(0) { $0 + $1.width } + chain.count - 1 <= width
            for (index, token) in chain.enumerated() {
                if index > 0, fits || isOperator(token), let previous = result.last {
                    result[result.count - 1] = joined(previous, token)
                } else {
                    result.append(token)
                }
            }
        }
        return result
    }

    /// `previous` and `token` as one token, with the space between them.
    private static func joined(_ previous: Token, _ token: Token) -> Token {
        var joined = previous
        let style =
            previous.pieces.last?.style == token.pieces.first?.style ? token.pieces[0].style : .plain
        joined.pieces.append(Piece(text: " ", style: style, width: 1))
        joined.pieces += token.pieces
        joined.width += 1 + token.width
        joined.endsBreakable = false
        return joined
    }

    private static func isOperator(_ token: Token) -> Bool {
        let text = token.pieces.map(\.text).joined()
        return [
            "−", "-", "+", "×", "·", "÷", "/", "*", "=", "≠", "≈", "<", ">", "≤", "≥", "→", "←", "⇒", "±",
        ]
        .contains(text)
    }

    /// CJK ideographs, kana and fullwidth forms: lines may break on either side. Hangul is not
    /// here: Korean breaks at the spaces between its words.
    static func isBreakableIdeograph(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        let value = scalar.value
        return (0x2E80...0x303E).contains(value) || (0x3041...0x30FF).contains(value)
            || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFF01...0xFF60).contains(value)
            || (0x20000...0x3FFFD).contains(value)
    }

    /// Punctuation that must stay on the line of the word before it.
    static func isClosingPunctuation(_ character: Character) -> Bool {
        ".,;:!?)]}%’”。、，．：；！？）」』】〉》〕".contains(character)
    }
}

/// Collects tokens into lines of at most `width` columns.
private struct LineBuilder {
    let width: Int
    let colorLevel: ColorLevel
    var lines: [String] = []
    var pieces: [WordWrapper.Piece] = []
    var lineWidth = 0
    var lineStarted = false

    init(width: Int, colorLevel: ColorLevel) {
        self.width = width
        self.colorLevel = colorLevel
    }

    mutating func place(_ token: WordWrapper.Token) {
        if token.breakBefore {
            endLine()
        }
        if token.isEmpty { return }
        let separator = (lineWidth > 0 && token.spaceBefore) ? 1 : 0
        if lineWidth + separator + token.width <= width {
            if separator == 1 { appendSpace(before: token.pieces[0].style) }
            pieces += token.pieces
            lineWidth += token.width
            lineStarted = true
            return
        }
        if lineWidth > 0 { endLine() }
        if token.width <= width {
            pieces += token.pieces
            lineWidth = token.width
            lineStarted = true
        } else {
            splitAcrossLines(token)
        }
    }

    /// A word wider than a whole line, cut between grapheme clusters.
    private mutating func splitAcrossLines(_ token: WordWrapper.Token) {
        for piece in token.pieces {
            for character in piece.text {
                let characterWidth = displayWidth(character)
                if lineWidth + characterWidth > width && lineWidth > 0 { endLine() }
                var single = WordWrapper.Token()
                single.append(character, style: piece.style)
                pieces += single.pieces
                lineWidth += characterWidth
                lineStarted = true
            }
        }
    }

    /// The gap between two words in one style takes that style (an underline continues, and the
    /// line needs fewer escape codes); between different styles it is plain.
    private mutating func appendSpace(before nextStyle: TextStyle) {
        let previous = pieces.last?.style ?? .plain
        pieces.append(
            WordWrapper.Piece(text: " ", style: previous == nextStyle ? previous : .plain, width: 1))
        lineWidth += 1
    }

    mutating func endLine() {
        lines.append(render())
        pieces = []
        lineWidth = 0
        lineStarted = false
    }

    mutating func finish() -> [String] {
        if lineStarted || lines.isEmpty { endLine() }
        return lines
    }

    private func render() -> String {
        var result = ""
        var index = 0
        while index < pieces.count {
            let style = pieces[index].style
            var text = ""
            while index < pieces.count && pieces[index].style == style {
                text += pieces[index].text
                index += 1
            }
            result += style.apply(text, at: colorLevel)
        }
        return result
    }
}
