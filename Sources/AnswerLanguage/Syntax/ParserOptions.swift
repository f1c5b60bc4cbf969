/// Limits the parser enforces so that no input can exhaust the stack or the memory.
public struct ParserOptions: Hashable, Sendable {
    /// Longest accepted input, in Unicode scalars (default 262,144: far beyond any answer, and
    /// still parsed in milliseconds).
    public var maxInputLength: Int
    /// Deepest accepted nesting of brackets, operators and calls (default 100; Python's own
    /// parser stops at 200 parentheses).
    public var maxNesting: Int

    /// Creates limits.
    public init(maxInputLength: Int = 262_144, maxNesting: Int = 100) {
        self.maxInputLength = maxInputLength
        self.maxNesting = maxNesting
    }
}
