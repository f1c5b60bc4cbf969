import AnswerLanguage
import CNN
import Wording

/// Turning language values into what the grader compares and prints.
enum ValueConversion {
    /// Numbers, bools, tensors, shapes and nested lists of numbers as a numeric array.
    static func numeric(_ value: Value) -> NumericArray? {
        switch value {
        case .int(let number): return NumericArray(shape: [], values: [Double(number)])
        case .float(let number): return NumericArray(shape: [], values: [number])
        case .bool(let flag): return NumericArray(shape: [], values: [flag ? 1 : 0])
        case .tensor(let tensor): return NumericArray(shape: tensor.shape, values: tensor.scalarsAsDoubles())
        case .shape(let sizes): return NumericArray(shape: [sizes.count], values: sizes.map(Double.init))
        case .list(let items), .tuple(let items):
            let parts = items.compactMap(numeric)
            guard parts.count == items.count, let first = parts.first,
                parts.allSatisfy({ $0.shape == first.shape })
            else { return items.isEmpty ? NumericArray(shape: [0], values: []) : nil }
            return NumericArray(shape: [parts.count] + first.shape, values: parts.flatMap(\.values))
        default: return nil
        }
    }

    /// Whether a check or mistake condition holds: true, a nonzero number, or a tensor whose
    /// elements are all nonzero.
    static func truthy(_ value: Value) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .int(let number): return number != 0
        case .float(let number): return number != 0
        case .tensor(let tensor):
            let values = tensor.scalarsAsDoubles()
            return !values.isEmpty && values.allSatisfy { $0 != 0 }
        case .string(let text): return !text.isEmpty
        case .list(let items), .tuple(let items): return !items.isEmpty
        default: return false
        }
    }

    /// Whether the value is a whole number (an int, or an integral float or one-element tensor
    /// of an integer kind).
    static func isInteger(_ value: Value) -> Bool {
        switch value {
        case .int, .bool: true
        default: false
        }
    }

    /// A value as a message shows it: `6`, `0.3333`, `[1, 1, 6, 6]`, `'a'`, or the language's own
    /// printout for tensors and the rest.
    static func text(_ value: Value) -> String {
        switch value {
        case .int(let number): return String(number)
        case .float(let number): return NumberFormat.short(number)
        case .bool(let flag): return flag ? "True" : "False"
        case .string(let text): return text
        case .shape(let sizes): return "[" + sizes.map(String.init).joined(separator: ", ") + "]"
        case .tensor(let tensor) where tensor.count == 1:
            return NumberFormat.short(tensor.scalarsAsDoubles()[0])
        case .list(let items): return "[" + items.map(quotedText).joined(separator: ", ") + "]"
        case .tuple(let items):
            return "(" + items.map(quotedText).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        default: return value.description
        }
    }

    private static func quotedText(_ value: Value) -> String {
        if case .string(let text) = value { return "'\(text)'" }
        return text(value)
    }
}
