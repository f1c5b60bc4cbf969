/// Turning raw input bytes into source text, refusing anything that is not UTF-8.
public enum SourceText {
    /// Decodes UTF-8 bytes, so that `eval` reading a file or standard input reports a bad byte
    /// where it is instead of silently replacing it.
    /// - Throws: `LanguageError` of kind `.input` whose range is the first invalid byte's line and
    ///   column (columns counted in characters decoded so far on that line).
    public static func decode(_ bytes: some Collection<UInt8>) throws(LanguageError) -> String {
        var scalars = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var line = 1
        var column = 1
        var offset = 0
        var byteOffset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                scalars.append(scalar)
                byteOffset += encoded.count
                offset += 1
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                let bad =
                    bytes.dropFirst(byteOffset).first.map { "0x" + String($0, radix: 16, uppercase: true) }
                    ?? "?"
                let at = SourceLocation(line: line, column: column, offset: offset)
                throw LanguageError.said(
                    .input, .invalidUTF8,
                    ["byte": bad, "line": line, "column": column, "offset": byteOffset + 1],
                    at: SourceRange(at, SourceLocation(line: line, column: column + 1, offset: offset + 1)))
            case .emptyInput:
                return String(scalars)
            }
        }
    }
}
