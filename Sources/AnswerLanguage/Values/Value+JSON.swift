import CNN
import Foundation

extension Value {
    /// The value as one line of JSON, for `cnntutor eval --json` and other programs:
    ///
    /// - `{"type": "tensor", "dtype": "float32", "shape": [2, 2], "data": [1.0, 2.0, 3.0, 4.0]}`
    ///   (data flat in row-major order; integer and boolean tensors give integers and booleans),
    /// - `{"type": "int", "value": 3}`, `"float"`, `"bool"`, `"string"`, `{"type": "none"}`,
    /// - `{"type": "list" | "tuple", "items": […]}`, `{"type": "shape", "value": [1, 1, 6, 6]}`,
    ///   `{"type": "dict", "items": {"key": …}}`, `{"type": "dtype", "value": "float32"}`,
    /// - `{"type": "module", "name": "Sequential", "parameters": 1234, "text": "<printout>"}`,
    /// - `{"type": "figure", "kind": "heatmap" | "bars" | "curves", …}`,
    /// - `{"type": "text", "value": "<table>"}` for `summary` and `help`,
    /// - `{"type": "function", "name": "conv2d"}`, `{"type": "namespace", "name": "torch"}`.
    ///
    /// Non-finite numbers, which JSON cannot hold, are the strings `"nan"`, `"inf"`, `"-inf"`.
    public var json: String {
        var out = ""
        writeJSON(to: &out)
        return out
    }

    func writeJSON(to out: inout String) {
        switch self {
        case .none: out += #"{"type": "none"}"#
        case .bool(let value): out += #"{"type": "bool", "value": \#(value)}"#
        case .int(let value): out += #"{"type": "int", "value": \#(value)}"#
        case .float(let value): out += #"{"type": "float", "value": \#(Self.jsonNumber(value))}"#
        case .string(let text): out += #"{"type": "string", "value": \#(Self.jsonString(text))}"#
        case .tensor(let tensor):
            out += #"{"type": "tensor", "dtype": "\#(tensor.scalarType.rawValue)", "shape": ["#
            out += tensor.shape.map(String.init).joined(separator: ", ") + #"], "data": ["#
            let values = tensor.scalarsAsDoubles()
            for (index, value) in values.enumerated() {
                if index > 0 { out += ", " }
                switch tensor.kind {
                case .real: out += Self.jsonNumber(value)
                case .integer, .integer32, .int16, .int8, .uint8:
                    out += Int(wholeNumber: value).map(String.init) ?? Self.jsonNumber(value)
                case .boolean: out += value != 0 ? "true" : "false"
                }
            }
            out += "]"
            if tensor.requiresGrad { out += #", "requires_grad": true"# }
            out += "}"
        case .list(let items), .tuple(let items):
            out += #"{"type": "\#(self.typeName)", "items": ["#
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.writeJSON(to: &out)
            }
            out += "]}"
        case .shape(let sizes):
            out += #"{"type": "shape", "value": ["# + sizes.map(String.init).joined(separator: ", ") + "]}"
        case .dict(let entries):
            out += #"{"type": "dict", "items": {"#
            for (index, entry) in entries.enumerated() {
                if index > 0 { out += ", " }
                out += Self.jsonString(entry.key) + ": "
                entry.value.writeJSON(to: &out)
            }
            out += "}}"
        case .dtype(let dtype): out += #"{"type": "dtype", "value": "\#(dtype.rawValue)"}"#
        case .module(let layer):
            out += #"{"type": "module", "name": \#(Self.jsonString(layer.typeName)), "#
            out += #""parameters": \#(layer.parameterCount), "text": \#(Self.jsonString(layer.description))}"#
        case .function(let function):
            out += #"{"type": "function", "name": \#(Self.jsonString(function.name))}"#
        case .namespace(let object) where object.stateDictLayer != nil:
            asDict.writeJSON(to: &out)
        case .namespace(let device) where device.isDevice:
            out += #"{"type": "device", "value": \#(Self.jsonString(device.name))}"#
        case .namespace(let namespace):
            out += #"{"type": "namespace", "name": \#(Self.jsonString(namespace.name))}"#
        case .ellipsis: out += #"{"type": "ellipsis"}"#
        case .text(let text): out += #"{"type": "text", "value": \#(Self.jsonString(text))}"#
        case .figure(let figure): figure.writeJSON(to: &out)
        }
    }

    static func jsonNumber(_ value: Double) -> String {
        if value.isNaN { return #""nan""# }
        if value.isInfinite { return value < 0 ? #""-inf""# : #""inf""# }
        return pythonFloat(value)
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else (Hangul included) kept as it is.
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension Figure {
    func writeJSON(to out: inout String) {
        let title = self.title.map(Value.jsonString) ?? "null"
        switch self {
        case .heatmap(let tensor, _):
            out += #"{"type": "figure", "kind": "heatmap", "title": \#(title), "tensor": "#
            Value.tensor(tensor).writeJSON(to: &out)
            out += "}"
        case .bars(let labels, let values, _):
            out += #"{"type": "figure", "kind": "bars", "title": \#(title), "labels": ["#
            out += labels.map(Value.jsonString).joined(separator: ", ") + #"], "values": ["#
            out += values.map(Value.jsonNumber).joined(separator: ", ") + "]}"
        case .curves(let series, _):
            out += #"{"type": "figure", "kind": "curves", "title": \#(title), "series": ["#
            out += series.map { one in
                #"{"name": \#(Value.jsonString(one.name)), "values": ["#
                    + one.values.map(Value.jsonNumber).joined(separator: ", ") + "]}"
            }.joined(separator: ", ")
            out += "]}"
        }
    }
}
