import CNN
import Wording

extension LanguageError {
    /// What an error says, as facts (names, numbers, code spans as typed): `message(in:)` turns
    /// them into a sentence from the catalogs `language-errors` and `engine-errors`.
    ///
    /// An error without one is said with a lead-in for its `Kind` (catalog `error-kinds`) and the
    /// English message.
    public enum Detail: Hashable, Sendable {
        /// An unknown name, attribute, key or keyword, with the nearest known one.
        case unknown(Unknown, name: String, suggestion: String?)
        /// The parser wanted `expected` and found `found`.
        case expected(SyntaxExpectation, found: Found, slip: Slip?)
        /// An opening bracket that is never closed.
        case neverClosed(String)
        /// A closing bracket with no opening one.
        case unmatched(String)
        /// A closing bracket of another sort than the one open at `location`.
        case mismatchedClose(String, open: String, location: SourceLocation)
        /// A character the language does not use (shown as typed, or `U+…`).
        case unexpectedCharacter(String)
        /// A string with no closing quote.
        case unclosedString(quote: String)
        /// A curly quote where a straight one (`straight`) is meant.
        case curlyQuote(String, straight: String)
        /// Too many positional arguments; `function` is nil for a lambda.
        case tooManyArguments(function: String?, takes: Int, given: Int)
        /// An argument given twice; `function` is nil for a lambda.
        case repeatedArgument(function: String?, name: String)
        /// A required argument left out.
        case missingArgument(function: String, name: String)
        /// An argument of the wrong type (`actual` is the type name the learner's value has).
        case argumentType(function: String, name: String, expected: ExpectedType, actual: String)
        /// A string argument outside its options.
        case notAnOption(
            function: String, name: String, options: [String], given: String, suggestion: String?)
        /// A value that is not a function, called (`x.shape()`).
        case notCallable(String)
        /// An operator (`+`, `@`) between values it does not take, named by their types.
        case unsupportedOperands(String, String, String)
        /// `^` between floats, where Python's power is `**`: the operand types as written.
        case caretIsNotPower(left: String, right: String)
        /// An in-place call on a leaf tensor that requires grad, outside `torch.no_grad()`.
        case inPlaceOnLeaf
        /// A device other than the CPU (`'cuda'`), which does not exist here.
        case deviceUnavailable(String)
        /// An engine refusal.
        case engine(CNNError.Detail)
        /// A mistake with Python's statements and blocks (see `StatementProblem`).
        case statement(StatementProblem)
        /// Any other error: its sentence in the catalog `language-errors`, and the pieces.
        case said(LanguageErrorKey, [String: MessageValue])
        /// A refusal of the evaluator, a builtin or the parser with no case of its own: its sentence
        /// in the catalog `evaluation-errors`, and the pieces.
        case evaluation(EvaluationErrorKey, [String: MessageValue])
        /// A refusal that lists several problems, as PyTorch's `load_state_dict` does: each line a
        /// sentence of the catalog `evaluation-errors`, said in one language and joined by a
        /// newline and a tab (PyTorch's layout).
        case evaluationLines([EvaluationLine])
    }

    /// One line of an `evaluationLines` detail.
    public struct EvaluationLine: Hashable, Sendable {
        public var key: EvaluationErrorKey
        public var arguments: [String: MessageValue]

        /// A line saying `key` with `arguments`.
        public init(_ key: EvaluationErrorKey, _ arguments: [String: any MessageArgument] = [:]) {
            self.key = key
            self.arguments = arguments.mapValues(\.messageValue)
        }
    }

    /// What sort of thing an unknown name was meant to be.
    public enum Unknown: Hashable, Sendable {
        case name
        /// A member of a namespace (`torch.zeroes`).
        case member(of: String)
        case tensorAttribute
        /// An attribute of a layer of this type (`Conv2d`).
        case attribute(of: String)
        /// A key of a table (`history['loss']`).
        case key
        /// A keyword argument of `function`, or of a lambda when nil.
        case keyword(function: String?)
    }

    /// What went wrong right after the unexpected token, when it is a likely slip.
    public enum Slip: Hashable, Sendable {
        /// `=` where `==` was meant.
        case assignment
        /// A Python keyword the language leaves out (`for`, `def`, `import`).
        case unsupportedKeyword(String)
        /// A statement that goes on after its end with a name or number: an operator or comma left
        /// out (`x = 2 3`).
        case missingOperator
    }

    /// What the parser found where it wanted something else.
    public enum Found: Hashable, Sendable {
        /// A token, quoted as written (`'2'`, `'='`).
        case token(String)
        /// A string literal (its text is not repeated).
        case string
        /// The end of a statement (a newline or `;`).
        case endOfStatement
        /// The end of the input.
        case endOfInput
        /// A line indented deeper than the one before (Python's INDENT).
        case indentedLine
        /// The end of an indented block (Python's DEDENT).
        case endOfBlock
    }
}
