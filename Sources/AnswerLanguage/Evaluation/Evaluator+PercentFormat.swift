/// Python's printf-style formatting, `'loss: %.3f' % loss` and `'[%d, %5d]' % (epoch, i)`, as
/// older PyTorch tutorials print: each conversion is turned into the format specification
/// `format()` applies (docs.python.org/3/library/stdtypes.html#printf-style-string-formatting).
extension Evaluator {
    func percentFormatted(_ format: String, _ operand: Value, at range: SourceRange) throws(LanguageError)
        -> String
    {
        var values: [Value]
        if case .tuple(let items) = operand { values = items } else { values = [operand] }
        var text = ""
        var characters = format[...]
        while let percent = characters.firstIndex(of: "%") {
            text += characters[..<percent]
            characters = characters[characters.index(after: percent)...]
            var flags = ""
            while let c = characters.first, "-+ #0".contains(c) {
                flags.append(c)
                characters = characters.dropFirst()
            }
            let width = String(characters.prefix { $0.isASCII && $0.isNumber })
            characters = characters.dropFirst(width.count)
            var precision: String?
            if characters.first == "." {
                characters = characters.dropFirst()
                precision = String(characters.prefix { $0.isASCII && $0.isNumber })
                characters = characters.dropFirst(precision?.count ?? 0)
            }
            while let c = characters.first, "hlL".contains(c) { characters = characters.dropFirst() }
            guard let code = characters.first else {
                throw LanguageError.said(.value, .percentIncomplete, at: range)
            }
            characters = characters.dropFirst()
            if code == "%" {
                text += "%"
                continue
            }
            guard !values.isEmpty else {
                throw LanguageError.said(.type, .percentTooFewArguments, at: range)
            }
            var value = values.removeFirst()
            var type = String(code)
            switch code {
            case "d", "i", "u":
                type = "d"
                // `%d` of a float is its int part, as Python's int() gives it.
                if let number = value.number, value.isNumber || value.tensor?.count == 1,
                    number.isFinite, abs(number) < 9e18
                {
                    value = .int(Int(number))
                }
            case "s", "r", "a":
                value = .string(code == "s" ? Self.str(value) : value.description)
                type = "s"
            case "f", "F", "e", "E", "g", "G", "x", "X", "o": break
            default:
                throw LanguageError.said(
                    .value, .percentUnknownCode, ["code": String(code)], at: range)
            }
            var spec = flags.contains("-") ? "<" : (type == "s" ? ">" : "")
            if flags.contains("+") {
                spec += "+"
            } else if flags.contains(" ") {
                spec += " "
            }
            if flags.contains("#") { spec += "#" }
            if flags.contains("0"), !flags.contains("-"), type != "s" { spec += "0" }
            spec += width
            if let precision, type != "d" { spec += "." + (precision.isEmpty ? "0" : precision) }
            spec += type
            text += try formatted(value, spec, at: range)
        }
        text += characters
        guard values.isEmpty else {
            throw LanguageError.said(.type, .percentTooManyArguments, at: range)
        }
        return text
    }
}
