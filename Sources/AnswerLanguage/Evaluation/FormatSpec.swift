import Foundation
import Wording

/// Python's format-specification mini-language (`{x:>8.3f}`, `{n:,}`, `{p:.1%}`), as `format()`
/// and f-strings apply it to ints, floats, bools and strings
/// (docs.python.org/3/library/string.html#formatspec).
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character = "-"
    var alternate = false
    var width: Int?
    var grouping: Character?
    var precision: Int?
    var type: Character?

    /// Parses `spec`, or says why it is not a format specification.
    init(_ spec: String) throws(FormatSpecError) {
        let characters = Array(spec)
        var index = 0
        func peek(_ ahead: Int = 0) -> Character? {
            index + ahead < characters.count ? characters[index + ahead] : nil
        }
        let aligns: Set<Character> = ["<", ">", "^", "="]
        if let second = peek(1), aligns.contains(second) {
            fill = characters[0]
            align = second
            index = 2
        } else if let first = peek(), aligns.contains(first) {
            align = first
            index = 1
        }
        if let next = peek(), ["+", "-", " "].contains(next) {
            sign = next
            index += 1
        }
        if peek() == "z" { index += 1 }
        if peek() == "#" {
            alternate = true
            index += 1
        }
        if peek() == "0" {
            if align == nil {
                fill = "0"
                align = "="
            }
            index += 1
        }
        var digits = ""
        while let next = peek(), next.isASCII, next.isNumber {
            digits.append(next)
            index += 1
        }
        if !digits.isEmpty {
            guard let value = Int(digits), value <= 10_000 else {
                throw FormatSpecError(.formatWidthTooLarge)
            }
            width = value
        }
        if let next = peek(), next == "," || next == "_" {
            grouping = next
            index += 1
        }
        if peek() == "." {
            index += 1
            var digits = ""
            while let next = peek(), next.isASCII, next.isNumber {
                digits.append(next)
                index += 1
            }
            guard let value = Int(digits), value <= 1_000 else {
                throw FormatSpecError(digits.isEmpty ? .formatPrecisionMissing : .formatPrecisionTooLarge)
            }
            precision = value
        }
        if let next = peek() {
            type = next
            index += 1
        }
        guard index == characters.count else {
            throw FormatSpecError(.formatInvalidSpecifier)
        }
    }

    // MARK: - Formatting

    /// An int formatted as `format(value, spec)` does.
    func format(_ value: Int) throws(FormatSpecError) -> String {
        switch type {
        case nil, "d", "n":
            guard precision == nil else {
                throw FormatSpecError(.formatPrecisionForInteger)
            }
            return pad(signed(grouped(String(value.magnitude)), negative: value < 0), numeric: true)
        case "b", "o", "x", "X":
            let radix = type == "b" ? 2 : type == "o" ? 8 : 16
            var digits = String(value.magnitude, radix: radix, uppercase: type == "X")
            if alternate { digits = "0" + (type == "X" ? "X" : String(type ?? "x")) + digits }
            return pad(signed(digits, negative: value < 0), numeric: true)
        case "c":
            guard let scalar = Unicode.Scalar(UInt32(clamping: max(value, 0))) else {
                throw FormatSpecError(.formatCharacterOutOfRange)
            }
            return pad(String(Character(scalar)), numeric: false)
        case "e", "E", "f", "F", "g", "G", "%":
            return try format(Double(value))
        default:
            throw FormatSpecError(.formatUnknownCode, ["code": type.map(String.init) ?? "", "type": "int"])
        }
    }

    /// A float formatted as `format(value, spec)` does.
    func format(_ value: Double) throws(FormatSpecError) -> String {
        let negative = value.sign == .minus && !(value.isNaN)
        let magnitude = Swift.abs(value)
        var body: String
        switch type {
        case nil:
            if let precision {
                body = Self.c(magnitude, "g", max(precision, 1), alternate: alternate)
                if magnitude.isFinite, !body.contains("."), !body.contains("e") { body += ".0" }
            } else {
                body = Value.pythonFloat(magnitude)
            }
        case "e", "E", "f", "F", "g", "G":
            let code = type ?? "g"
            body = Self.c(magnitude, code, precision ?? 6, alternate: alternate)
        case "n":
            body = Self.c(magnitude, "g", precision ?? 6, alternate: alternate)
        case "%":
            body = Self.c(magnitude * 100, "f", precision ?? 6, alternate: alternate) + "%"
        default:
            throw FormatSpecError(.formatUnknownCode, ["code": type.map(String.init) ?? "", "type": "float"])
        }
        if !magnitude.isFinite {
            body = magnitude.isNaN ? "nan" : "inf"
            if type == "E" || type == "F" || type == "G" { body = body.uppercased() }
            if type == "%" { body += "%" }
        }
        if grouping != nil, magnitude.isFinite {
            let split = body.firstIndex { !$0.isNumber } ?? body.endIndex
            body = grouped(String(body[..<split])) + body[split...]
        }
        return pad(signed(body, negative: negative), numeric: true)
    }

    /// A string formatted as `format(text, spec)` does.
    func format(_ text: String) throws(FormatSpecError) -> String {
        guard type == nil || type == "s" else {
            throw FormatSpecError(.formatUnknownCode, ["code": type.map(String.init) ?? "", "type": "str"])
        }
        guard sign == "-", align != "=" else {
            throw FormatSpecError(.formatSignForString)
        }
        return pad(precision.map { String(text.prefix($0)) } ?? text, numeric: false)
    }

    /// Python's `round(value, digits)` for `digits ≥ 0`: the double nearest the value's exact
    /// decimal expansion rounded half to even at `digits` places (so `round(2.675, 2)` is 2.67,
    /// since 2.675 is stored as 2.67499999…), as `%.*f` rounds it.
    static func rounded(_ value: Double, digits: Int) -> Double {
        guard value.isFinite, digits < 23 else { return value }
        return Double(String(format: "%.\(digits)f", value)) ?? value
    }

    /// C's printf conversion of a non-negative finite number.
    private static func c(_ value: Double, _ code: Character, _ precision: Int, alternate: Bool) -> String {
        String(format: "%\(alternate ? "#" : "").\(precision)\(code)", value)
    }

    private func signed(_ body: String, negative: Bool) -> String {
        if negative { return "-" + body }
        switch sign {
        case "+": return "+" + body
        case " ": return " " + body
        default: return body
        }
    }

    /// Digits with a separator every three (`1,000,000`).
    private func grouped(_ digits: String) -> String {
        guard let grouping, digits.allSatisfy(\.isNumber) else { return digits }
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(grouping) }
            result.append(digit)
        }
        return result
    }

    private func pad(_ text: String, numeric: Bool) -> String {
        guard let width, text.count < width else { return text }
        let missing = width - text.count
        let filler = { (count: Int) in String(repeating: String(fill), count: count) }
        switch align ?? (numeric ? ">" : "<") {
        case "<": return text + filler(missing)
        case "^": return filler(missing / 2) + text + filler(missing - missing / 2)
        case "=":
            let signLength = text.first.map { "+- ".contains($0) } == true ? 1 : 0
            return String(text.prefix(signLength)) + filler(missing) + String(text.dropFirst(signLength))
        default: return filler(missing) + text
        }
    }
}

/// Why a format specification cannot be applied: a sentence of the catalog `evaluation-errors`
/// and its pieces; the caller adds the specification (`spec`) and says it.
struct FormatSpecError: Error {
    let key: EvaluationErrorKey
    let arguments: [String: MessageValue]

    init(_ key: EvaluationErrorKey, _ arguments: [String: any MessageArgument] = [:]) {
        self.key = key
        self.arguments = arguments.mapValues(\.messageValue)
    }
}
