/// A function the language provides, with the signature it is called by.
///
/// The body receives its arguments already bound to parameter names (unknown keywords, repeats
/// and missing arguments were refused with the parameter's name) and reads them through `Call`'s
/// typed accessors, which refuse a wrong type naming the parameter. Bodies may throw engine
/// errors (`CNNError`) freely; the evaluator turns them into `LanguageError`s at the call.
struct Builtin: Sendable {
    let name: String
    let signature: Signature
    let summary: String
    let body: @Sendable (Call) throws -> Value

    /// - Parameters:
    ///   - signature: Python-style, e.g. `"conv2d(input, weight, bias=None, stride=1)"`; `*size`
    ///     collects extra positional arguments, parameters after it are keyword-only.
    ///   - summary: one line for help and tab completion.
    init(_ signature: String, _ summary: String, body: @escaping @Sendable (Call) throws -> Value) {
        self.signature = Signature(signature)
        self.name = self.signature.name
        self.summary = summary
        self.body = body
    }
}
