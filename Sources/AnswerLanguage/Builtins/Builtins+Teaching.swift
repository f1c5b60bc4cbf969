import CNN

/// Helpers for learning rather than for PyTorch compatibility: `show`, `gradcheck`.
extension Builtins {
    static let teaching: [Builtin] = [
        Builtin(
            "summary(model, input_shape)", "each layer's output shape and parameter count for an input shape"
        ) {
            call in
            let model = try call.module("model")
            return .text(try ModelSummary(model, inputShape: try call.intList("input_shape")).description)
        },
        Builtin("parameter_count(model)", "the number of learnable numbers in a model") { call in
            .int(try call.module("model").parameterCount)
        },
        Builtin("help(obj)", "what a function does and how it is called") { call in
            switch try call.value("obj") {
            case .function(let function): return .text(function.signature + "\n    " + function.summary)
            case .namespace(let namespace):
                return .text("\(namespace.name): " + namespace.memberNames.joined(separator: ", "))
            case .module(let layer): return .text(layer.description)
            case let value: return .text("a \(value.typeName)")
            }
        },
        Builtin("show(value, title=None)", "draw a tensor as a heatmap, numbers as a curve, a table as bars")
        { call in
            .figure(
                try figure(of: try call.value("value"), title: try call.optionalString("title"), call: call))
        },
        Builtin(
            "gradcheck(func, *inputs, eps=1e-06, rtol=0.001, raise_exception=True)",
            "compare autograd's gradients with finite differences, in float64"
        ) { call in
            let function = try call.function("func")
            var tensors: [Tensor] = []
            for (index, value) in call.rest.enumerated() {
                guard case .tensor(let tensor) = value else {
                    throw LanguageError.said(
                        .type, .gradcheckInput, ["position": index + 1, "type": value.typeName],
                        at: call.restRanges[index])
                }
                tensors.append(tensor)
            }
            guard !tensors.isEmpty else {
                throw LanguageError.said(.argument, .gradcheckNoInput, at: call.range)
            }
            let worst = try gradcheck(
                { inputs in
                    let result = try call.evaluator.call(function, inputs.map(Value.tensor), at: call.range)
                    guard case .tensor(let output) = result else {
                        throw LanguageError.said(
                            .type, .gradcheckResult, ["type": result.typeName], at: call.range)
                    }
                    return output
                }, inputs: tensors, eps: try call.double("eps"))
            let rtol = try call.double("rtol")
            guard worst <= rtol else {
                guard try call.bool("raise_exception") else { return .bool(false) }
                throw LanguageError.said(
                    .value, .gradcheckFailed, ["worst": worst, "rtol": rtol], at: call.range)
            }
            return .bool(true)
        },
    ]

    /// The picture `show` draws for a value.
    static func figure(of value: Value, title: String?, call: Call) throws -> Figure {
        switch value {
        case .figure(let figure): return figure
        case .tensor(var tensor):
            tensor = tensor.detach()
            guard tensor.rank > 0 else {
                throw call.mismatch("value", .tensorWithDimensions)
            }
            if tensor.rank == 1 {
                return .curves(
                    [Figure.Series(name: title ?? "values", values: tensor.scalarsAsDoubles())], title: title)
            }
            // Images [N, C, H, W] and [C, H, W] show their first plane.
            while tensor.rank > 2 {
                let plane = tensor.shape.dropFirst().reduce(1, *)
                let values = Array(tensor.scalarsAsDoubles().prefix(plane))
                tensor = try Tensor(values, shape: Array(tensor.shape.dropFirst()), dtype: tensor.dtype)
            }
            return .heatmap(tensor, title: title)
        case .list(let items), .tuple(let items):
            let values = items.compactMap(\.number)
            guard values.count == items.count, !values.isEmpty else {
                throw call.mismatch("value", .tensorOrNumbersOrTable)
            }
            return .curves([Figure.Series(name: title ?? "values", values: values)], title: title)
        case .dict(let entries):
            let numbers = entries.compactMap(\.value.number)
            if numbers.count == entries.count {
                return .bars(labels: entries.map(\.key), values: numbers, title: title)
            }
            var series: [Figure.Series] = []
            for entry in entries {
                guard case .list(let items) = entry.value else { continue }
                let values = items.compactMap(\.number)
                if values.count == items.count, !values.isEmpty {
                    series.append(Figure.Series(name: entry.key, values: values))
                }
            }
            guard !series.isEmpty else {
                throw call.mismatch("value", .tableOfNumbers)
            }
            return .curves(series, title: title)
        default:
            throw call.mismatch("value", .tensorOrNumbersOrTable)
        }
    }
}
