import CNN
import Wording

/// The few Python builtins that make sense without I/O: `len`, `abs`, `round`, `min`, `max`,
/// `int`, `float`, `bool`, `str`, `list`, `tuple`, `range`; and `print` and `type`, which return
/// their text instead of writing it, so a learner's habit of looking with them works.
extension Builtins {
    static let python: [Builtin] = [
        Builtin(
            "print(*values, sep=' ', end='\\n')",
            "write the values as text, separated by spaces (strings without quotes)"
        ) { call in
            let line =
                call.rest.map(Evaluator.str).joined(separator: try call.string("sep"))
                + (try call.string("end"))
            call.evaluator.write(line)
            return .none
        },
        Builtin("type(obj)", "the name of the value's type, as Python prints it") { call in
            .text("<class '\(try call.value("obj").typeName)'>")
        },
        Builtin("len(obj)", "the number of items (the first dimension of a tensor)") { call in
            switch try call.value("obj") {
            case .list(let items), .tuple(let items): return .int(items.count)
            case .shape(let sizes): return .int(sizes.count)
            case .string(let text): return .int(text.count)
            case .dict(let entries): return .int(entries.count)
            case .module(let layer): return .int(layer.children.count)
            case .namespace(let dataset) where dataset.datasetTensors != nil:
                return .int(dataset.datasetTensors?.first?.shape.first ?? 0)
            case .namespace(let loader) where loader.loaderPlan != nil:
                return .int(loader.loaderPlan?.batchCount ?? 0)
            case .namespace(let subset) where subset.subsetItems != nil:
                return .int(subset.subsetItems?.count ?? 0)
            case .namespace(let object) where object.stateDictLayer != nil:
                return .int(Value.namespace(object).stateDictEntries?.count ?? 0)
            case .tensor(let tensor):
                guard let first = tensor.shape.first else {
                    throw LanguageError(.type, .said(.lenOfScalarTensor, [:]), at: call.range(of: "obj"))
                }
                return .int(first)
            default: throw call.mismatch("obj", .sizedValue)
            }
        },
        Builtin("round(number, ndigits=None)", "a number rounded (to an int without ndigits)") { call in
            let number = try call.double("number")
            guard let digits = try call.optionalInt("ndigits") else {
                guard number.isFinite, abs(number) < 9e18 else {
                    throw call.mismatch("number", .finiteNumber)
                }
                return .int(Int(number.rounded(.toNearestOrEven)))
            }
            if case .int(let whole) = try call.value("number"), digits >= 0 { return .int(whole) }
            guard digits < 0 else { return .float(FormatSpec.rounded(number, digits: digits)) }
            let scale = Double.pow(10, Double(digits))
            let rounded = (number * scale).rounded(.toNearestOrEven) / scale
            if case .int = try call.value("number"), abs(rounded) < 9e18 { return .int(Int(rounded)) }
            return .float(rounded)
        },
        Builtin("int(x)", "a number or one-element tensor as an int (truncated)") { call in
            if case .string(let text) = try call.value("x") {
                guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                    throw LanguageError(
                        .value, .said(.notAnInteger, ["text": .text(text)]), at: call.range(of: "x"))
                }
                return .int(value)
            }
            let number = try call.double("x")
            guard number.isFinite, abs(number) < 9e18 else { throw call.mismatch("x", .finiteNumber) }
            return .int(Int(number))
        },
        Builtin("float(x)", "a number or one-element tensor as a float") { call in
            if case .string(let text) = try call.value("x") {
                guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
                    throw LanguageError(
                        .value, .said(.notAFloat, ["text": .text(text)]), at: call.range(of: "x"))
                }
                return .float(value)
            }
            return .float(try call.double("x"))
        },
        Builtin("bool(x)", "the truth value of x") { call in
            .bool(try call.evaluator.truth(try call.value("x"), at: call.range(of: "x")))
        },
        Builtin("str(x)", "x as text: a string itself, anything else as it prints") { call in
            .string(Evaluator.str(try call.value("x")))
        },
        Builtin("repr(x)", "x as it prints, a string in quotes") { call in
            .string(try call.value("x").description)
        },
        Builtin("list(x)", "the items of a tuple, shape, string or the rows of a tensor as a list") { call in
            .list(try items(call, "x"))
        },
        Builtin("tuple(x)", "the items of a list, shape, string or tensor as a tuple") { call in
            .tuple(try items(call, "x"))
        },
        Builtin("range(start, stop=None, step=1)", "the integers start, start+step, … below stop, as a list")
        { call in
            let stop = call.isNone("stop") ? try call.int("start") : try call.int("stop")
            let start = call.isNone("stop") ? 0 : try call.int("start")
            let step = try call.int("step")
            guard step != 0 else {
                throw LanguageError(.value, .said(.rangeStepZero, [:]), at: call.range(of: "step"))
            }
            // In Double: `stop - start` of two 64-bit ints can overflow (range(-2**63, 2**63 - 1)).
            let span = (Double(stop) - Double(start)) / Double(step)
            let count = span <= 0 ? 0 : span.rounded(.up)
            guard count <= Double(call.evaluator.options.maxElements) else {
                throw LanguageError.said(
                    .limit, .rangeTooLong,
                    ["count": MessageValue.magnitude(count), "limit": call.evaluator.options.maxElements])
            }
            try call.evaluator.requireRoom(forItems: Int(count), at: nil)
            return .list(
                try call.evaluator.buildItems(count: Int(count), at: nil) { .int(start + $0 * step) })
        },
    ]

    /// `max`/`min`: of a tensor (PyTorch), or of numbers (Python).
    static let extrema: [Builtin] = [
        Builtin(
            "max(input, *others, dim=None, keepdim=False, key=None)",
            "the largest element, or the largest of several numbers"
        ) { call in try extremum(call, largest: true) },
        Builtin(
            "min(input, *others, dim=None, keepdim=False, key=None)",
            "the smallest element, or the smallest of several numbers"
        ) { call in try extremum(call, largest: false) },
    ]

    /// The items of a sequence value; a tensor gives its rows.
    static func items(_ call: Call, _ name: String) throws -> [Value] {
        switch try call.value(name) {
        case .list(let items), .tuple(let items): return items
        case .shape(let sizes): return sizes.map(Value.int)
        case .string(let text): return text.map { .string(String($0)) }
        case .dict(let entries): return entries.map { .string($0.key) }
        case .tensor(let tensor):
            guard case .list(let rows) = try call.evaluator.checkedList(tensor, at: call.range(of: name))
            else { throw LanguageError(.type, .said(.iterateScalarTensor, [:]), at: call.range(of: name)) }
            return rows
        default: throw call.mismatch(name, .sizedValue)
        }
    }

    /// `max`/`min` as `torch.max` reads its arguments, falling back to Python's builtin for
    /// numbers and sequences:
    /// - `max(x)`: the largest element (a 0-d tensor);
    /// - `max(x, 1)`, `max(x, 1, True)`, `max(x, dim=1, keepdim=True)`: `(values, indices)`,
    ///   also readable as `.values` / `.indices`;
    /// - `max(x, y)` with a tensor `y`: the elementwise maximum (`torch.maximum`);
    /// - `max(3, 5)`, `max([1, 2])`, `max(names, key=len)`: Python's.
    /// A number after a tensor is a dimension, as in PyTorch: `max(zeros(2), 3)` is refused as
    /// a dimension out of range, which is what `torch.max` says.
    static func extremum(_ call: Call, largest: Bool) throws -> Value {
        let input = try call.value("input")
        let key = try call.value("key")
        if key != .none {
            // Python's `max(names, key=len)`: the first item whose key is largest (smallest).
            let items =
                call.rest.isEmpty ? try call.evaluator.iterate(input, at: call.range) : [input] + call.rest
            guard
                let best = try call.evaluator.sorted(items, key: key, reverse: largest, at: call.range).first
            else {
                throw LanguageError(
                    .value, .said(.emptySequence, ["function": .text(call.function)]), at: call.range)
            }
            return best
        }
        if case .tensor(let tensor) = input {
            var dims = try call.dims("dim")
            var keepDim = try call.bool("keepdim")
            if let other = call.rest.first {
                switch other {
                case .tensor(let second):
                    guard call.rest.count == 1, dims == nil else {
                        throw LanguageError.said(
                            .argument, .takesTwoTensors, ["function": call.function], at: call.range)
                    }
                    return .tensor(
                        largest ? try Tensor.maximum(tensor, second) : try Tensor.minimum(tensor, second))
                case .int(let dim):
                    guard dims == nil else {
                        throw LanguageError(
                            .argument, .repeatedArgument(function: call.function, name: "dim"),
                            at: call.range(of: "others"))
                    }
                    dims = [dim]
                    if call.rest.count >= 2 {
                        guard call.rest.count == 2, case .bool(let flag) = call.rest[1] else {
                            throw LanguageError.said(
                                .argument, .extremumArguments, ["function": call.function], at: call.range)
                        }
                        keepDim = flag
                    }
                default:
                    throw call.mismatch("others", .dimensionOrTensor)
                }
            }
            guard let dims else {
                return .tensor(largest ? try tensor.max() : try tensor.min())
            }
            guard dims.count == 1 else { throw call.mismatch("dim", .oneInt) }
            let (values, indices) =
                largest
                ? try tensor.max(dim: dims[0], keepDim: keepDim)
                : try tensor.min(dim: dims[0], keepDim: keepDim)
            return .tuple([.tensor(values), .tensor(indices)])
        }
        var candidates = call.rest.isEmpty ? (try? items(call, "input")) ?? [input] : [input] + call.rest
        if candidates.isEmpty {
            throw LanguageError(
                .value, .said(.emptySequence, ["function": .text(call.function)]), at: call.range)
        }
        var best = candidates.removeFirst()
        for candidate in candidates {
            guard let a = candidate.number, let b = best.number, candidate.isNumber, best.isNumber else {
                throw LanguageError(
                    .type,
                    .said(
                        .comparesNumbers,
                        [
                            "function": .text(call.function), "left": .text(candidate.typeName),
                            "right": .text(best.typeName),
                        ]),
                    at: call.range)
            }
            if largest ? a > b : a < b { best = candidate }
        }
        return best
    }

    /// `.values` and `.indices` of what `max`/`min`/`sort`-like calls return: PyTorch's
    /// `torch.return_types` are named tuples; here they are plain pairs of a tensor and its
    /// integer indices of the same shape, and only such pairs answer to these names.
    static func returnTypeField(_ items: [Value], _ name: String) -> Value? {
        guard items.count == 2, case .tensor(let values) = items[0], case .tensor(let indices) = items[1],
            indices.kind == .integer, values.shape == indices.shape
        else { return nil }
        switch name {
        case "values": return items[0]
        case "indices": return items[1]
        default: return nil
        }
    }
}
