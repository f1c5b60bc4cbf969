import AnswerLanguage

/// Fills a check's or mistake's message: `{expr}` becomes the value of the answer-language
/// expression `expr`; `{{` and `}}` are literal braces.
enum MessageTemplate {
    /// The message with every `{expr}` evaluated by `evaluate`; an expression that fails is shown
    /// as `{expr}` unchanged, so the message is still readable.
    static func fill(_ template: String, _ evaluate: (String) -> Value?) -> String {
        fill(template, texts: { evaluate($0).map(ValueConversion.text) })
    }

    /// The message with every `{expr}` replaced by `texts(expr)`; one it has no text for is shown
    /// as `{expr}` unchanged.
    static func fill(_ template: String, texts: (String) -> String?) -> String {
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
                if let text = texts(expression) {
                    result += text
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
        let text = fill(template) { (expression: String) -> Value? in
            let value = evaluate(expression)
            if value == nil { failed = true }
            return value
        }
        return failed ? nil : text
    }

    /// The text of each expression the template interpolates, as a finding keeps them
    /// (`Verdict.Finding.fills`), or nil when one of them fails.
    static func fills(_ template: String, _ evaluate: (String) -> Value?) -> [String: String]? {
        var fills: [String: String] = [:]
        for expression in expressions(in: template) where fills[expression] == nil {
            guard let value = evaluate(expression) else { return nil }
            fills[expression] = ValueConversion.text(value)
        }
        return fills
    }

    /// The message filled from a finding's `fills`, or nil when it interpolates an expression
    /// they lack (a translation that interpolates other expressions than the graded language's).
    static func render(_ template: String, fills: [String: String]) -> String? {
        var failed = false
        let text = fill(
            template,
            texts: { expression in
                if let text = fills[expression] { return text }
                failed = true
                return nil
            })
        return failed ? nil : text
    }

    /// The expressions a template interpolates, for `check` to verify they parse.
    static func expressions(in template: String) -> [String] {
        var found: [String] = []
        _ = fill(
            template,
            texts: { expression in
                found.append(expression)
                return nil
            })
        return found
    }
}
