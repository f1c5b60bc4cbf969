import CNN

/// Everything that can go wrong reading or running answer-language code, with where it happened.
///
/// `message` is a complete sentence-like phrase ready to print (it already includes any
/// "did you mean" suggestion); `range` points into the source that was run, when the problem has
/// a place. `diagnostic(source:fileName:)` renders the compiler-style report with a caret.
public struct LanguageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What sort of problem this is, so callers can react differently (a grader scores a
    /// `timeLimit` differently from a `syntax` error; the REPL is quiet about `cancelled`).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The text is not valid answer-language syntax.
        case syntax
        /// The input bytes are not UTF-8, or the input is longer than allowed.
        case input
        /// A name, attribute or keyword that does not exist.
        case name
        /// A value of the wrong type for an operation or parameter.
        case type
        /// A bad argument: missing, unknown keyword, repeated, or out of the accepted range.
        case argument
        /// A value that is the right type but unusable (index out of range, division by zero).
        case value
        /// Tensor shapes that do not fit together.
        case shape
        /// A size, memory or nesting limit was exceeded.
        case limit
        /// The evaluation ran past its time limit.
        case timeLimit
        /// The evaluation was cancelled from outside (Ctrl-C, a grader's watchdog).
        case cancelled
        /// Something the engine does not support.
        case unsupported
        /// Reading or writing a file or data set failed (outside the language: `.npy`, `digits()`).
        case io
    }

    /// What sort of problem this is.
    public var kind: Kind
    /// The complete message, e.g. "unknown name 'conv2' — did you mean 'conv2d'?".
    public var message: String
    /// Where in the source the problem is, when it has a place.
    public var range: SourceRange?
    /// The nearest known name for a misspelling, also already mentioned in `message`.
    public var suggestion: String?
    /// The error's pieces, for the commonest errors, so it can be said in another language.
    public var detail: Detail?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, at range: SourceRange? = nil, suggestion: String? = nil) {
        self.kind = kind
        self.message = message
        self.range = range
        self.suggestion = suggestion
    }

    /// The message with its position, on one line: "1:5: unknown name 'conv2'".
    public var description: String {
        guard let range else { return message }
        return "\(range.lowerBound): \(message)"
    }

    /// This error with a range attached, unless it already has one (the innermost place wins).
    func located(at range: SourceRange) -> LanguageError {
        guard self.range == nil else { return self }
        var copy = self
        copy.range = range
        return copy
    }
}

extension LanguageError {
    /// An unknown name, with the nearest of `candidates` suggested when one is close enough.
    static func unknown(
        _ thing: Unknown, _ name: String, candidates: some Sequence<String>, at range: SourceRange?
    ) -> LanguageError {
        let nearest = Suggestions.nearest(to: name, in: candidates)
        return LanguageError(
            .name, .unknown(thing, name: name, suggestion: nearest), at: range, suggestion: nearest)
    }

    /// Translates an engine refusal into a language error at the place that caused it.
    public init(_ error: CNNError, at range: SourceRange? = nil) {
        let kind: Kind =
            switch error.code {
            case .shapeMismatch: .shape
            case .invalidArgument: .argument
            case .tooLarge, .outOfMemory: .limit
            case .timeLimit: .timeLimit
            case .cancelled: .cancelled
            case .unsupported: .unsupported
            case .io: .io
            }
        self.init(kind, error.message, at: range)
        detail = error.detail.map(Detail.engine)
    }

    /// Any error a call into the engine threw, as a language error at `range`: a `LanguageError`
    /// keeps its own place, a `CNNError` is translated, and anything else (an engine bug: the
    /// engine throws only `CNNError`) is said by its type's name, never by its English text.
    public init(from error: any Error, at range: SourceRange? = nil) {
        switch error {
        case let error as LanguageError: self = range.map(error.located(at:)) ?? error
        case let error as CNNError: self.init(error, at: range)
        default:
            self = .said(
                .value, .unexpectedError, ["type": String(reflecting: Swift.type(of: error))], at: range)
        }
    }
}
