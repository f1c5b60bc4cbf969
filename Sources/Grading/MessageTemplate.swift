import AnswerLanguage

/// Fills a check's or mistake's message: `{expr}` becomes the value of the answer-language
/// expression `expr`; `{{` and `}}` are literal braces.
enum MessageTemplate {
    /// The message with every `{expr}` evaluated by `evaluate`; an expression that fails is shown
    /// as `{expr}` unchanged, so the message is still readable.
    static func fill(_ template: String, _ evaluate: (String) -> Value?) -> String {
        var result = ""
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            let next = template.index(after: index)
            if character == "{", next < template.endIndex, template[next] == "{" {
                result.append("{")
                index = template.index(after: next)
            } else if character == "}", next < template.endIndex, template[next] == "}" {
                result.append("}")
                index = template.index(after: next)
            } else if character == "{", let close = template[next...].firstIndex(of: "}") {
                let expression = String(template[next..<close])
                if let value = evaluate(expression) {
                    result += ValueConversion.text(value)
                } else {
                    result += "{\(expression)}"
                }
                index = template.index(after: close)
            } else {
                result.append(character)
                index = next
            }
        }
        return result
    }

    /// The message with every `{expr}` evaluated, or nil when one of them fails: a message must
    /// never show a learner a raw template.
    static func render(_ template: String, _ evaluate: (String) -> Value?) -> String? {
        var failed = false
        let text = fill(template) { expression in
            let value = evaluate(expression)
            if value == nil { failed = true }
            return value
        }
        return failed ? nil : text
    }

    /// The expressions a template interpolates, for `check` to verify they parse.
    static func expressions(in template: String) -> [String] {
        var found: [String] = []
        _ = fill(template) { expression in
            found.append(expression)
            return nil
        }
        return found
    }
}
