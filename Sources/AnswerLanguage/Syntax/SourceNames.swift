/// The names a piece of source mentions, read from its tokens: enough to tell which earlier
/// bindings an answer may depend on, without running it.
public enum SourceNames {
    /// Every identifier in `source` that is not an attribute (`x.shape` gives `x`), keywords
    /// included; an over-approximation of the names it reads. Empty when it does not tokenize.
    public static func mentioned(in source: String) -> Set<String> {
        guard let tokens = try? Lexer.tokenize(source) else { return [] }
        var names: Set<String> = []
        for (index, token) in tokens.enumerated() {
            guard case .name(let name) = token.kind else { continue }
            if index > 0, tokens[index - 1].isSymbol(".") { continue }
            names.insert(name)
        }
        return names
    }
}
