import CNN

extension Value: CustomStringConvertible {
    /// The value as the REPL shows it, like Python's `repr`: `3`, `0.5`, `'same'`, `(1, 2)`,
    /// `torch.Size([1, 1, 6, 6])`, tensors as PyTorch prints them (aligned rows, `...` and the size
    /// when large).
    public var description: String {
        switch self {
        case .none: return "None"
        case .bool(let value): return value ? "True" : "False"
        case .int(let value): return String(value)
        case .float(let value): return Self.pythonFloat(value)
        case .string(let text): return Self.quoted(text)
        case .tensor(let tensor): return String(describing: tensor)
        // As `print(model)` prints it in PyTorch; the REPL shows a network typed alone as a
        // table of its layers instead (`moduleTable`), where the parameter counts are useful.
        case .module(let layer): return layer.description
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .tuple(let items):
            return items.count == 1
                ? "(\(items[0]),)" : "(" + items.map(\.description).joined(separator: ", ") + ")"
        case .shape(let sizes): return "torch.Size([" + sizes.map(String.init).joined(separator: ", ") + "])"
        case .dict(let entries):
            return "{" + entries.map { "\(Self.quoted($0.key)): \($0.value)" }.joined(separator: ", ") + "}"
        case .dtype(let dtype): return "torch.\(dtype.rawValue)"
        case .function(let function): return function.description
        case .figure(let figure): return "<figure\(figure.title.map { " '\($0)'" } ?? "")>"
        case .namespace(let namespace): return namespace.description
        case .ellipsis: return "Ellipsis"
        case .text(let text): return text
        }
    }

    /// Python's float repr: shortest round-trip digits, always with a `.` or exponent.
    static func pythonFloat(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        var text = "\(value)"
        // Swift writes 1e-05 as "1e-05" and 1e16 as "1e+16", as Python does.
        if !text.contains(".") && !text.contains("e") { text += ".0" }
        return text
    }

    /// A string literal as Python would print it.
    static func quoted(_ text: String) -> String {
        let quote = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var result = quote
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case Character(quote): result += "\\" + quote
            default: result.append(character)
            }
        }
        return result + quote
    }
}
