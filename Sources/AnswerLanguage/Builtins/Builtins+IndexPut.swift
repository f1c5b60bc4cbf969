import CNN

/// `x.index_put_((rows, cols), values, accumulate=True)`: the confusion-matrix idiom of
/// notebooks, and `torch.nn.utils.parameters_to_vector`.
extension Builtins {
    /// `index_put(input, indices, values, accumulate)`: `input[indices] = values`, or with
    /// `accumulate` every value added at its position (a position named twice gets both), as
    /// PyTorch's `index_put`. `indices` is a tuple of index tensors (or masks).
    static func indexPut(_ input: Tensor, _ call: Call) throws -> Tensor {
        let given = try call.value("indices")
        let parts: [Value]
        switch given {
        case .tuple(let values), .list(let values): parts = values
        default: throw call.mismatch("indices", .tensors)
        }
        guard !parts.isEmpty else { throw call.mismatch("indices", .tensors) }
        let items: [AdvancedIndex] = try parts.map { part in
            guard case .tensor(let tensor) = part else { throw call.mismatch("indices", .tensors) }
            return .tensor(tensor)
        }
        let values = try call.tensorOrNumber("values")
        guard try call.bool("accumulate") else { return try input.replacing(advanced: items, with: values) }
        try checkAccumulation(input, parts, call)
        let positions = try withNoGrad {
            try Tensor.arange(0, Double(input.count), dtype: .float64).reshape(input.shape).indexed(
                advanced: items)
        }
        let spread = try values.converted(to: input.scalarType).expand(to: positions.shape).reshape([-1])
        return try addAt(input, positions.scalarsAsDoubles().map { Int($0) }, spread, call)
    }

    /// Refuses, before any position is worked out, an accumulation `addAt` would refuse: as many
    /// positions as the integer index tensors broadcast to (masks select at most their size),
    /// times the input's elements, past its limit.
    private static func checkAccumulation(_ input: Tensor, _ parts: [Value], _ call: Call) throws {
        var shape: [Int] = []
        for part in parts {
            guard case .tensor(let index) = part, index.kind.isIntegral else { return }
            shape = try Tensor.broadcastShape(shape, index.shape)
        }
        let positions = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? .max : $0 * $1 }
        let (count, overflow) = positions.multipliedReportingOverflow(by: Swift.max(input.count, 1))
        let limit = Swift.min(call.evaluator.options.maxElements, addAtLimit)
        guard !overflow, count <= limit else {
            throw LanguageError.said(
                .limit, .listOverLimit, ["count": overflow ? Int.max : count, "limit": limit], at: call.range)
        }
    }

    /// `index_put` and its in-place twin, tensor methods.
    static let indexPutMethods: [Builtin] = [
        Builtin(
            "index_put(input, indices, values, accumulate=False)",
            "input with values written (or added, with accumulate) at the positions indices name"
        ) { call in
            .tensor(try indexPut(try call.tensor("input"), call))
        },
        inPlace(
            "index_put_(input, indices, values, accumulate=False)",
            "write (or add, with accumulate) values at the positions indices name, in place"
        ) { input, call in
            try indexPut(input, call)
        },
    ]

    /// `torch.nn.utils.parameters_to_vector(parameters)`: every parameter flattened and joined.
    static let parametersToVector = Builtin(
        "parameters_to_vector(parameters)", "every parameter flattened and joined into one vector"
    ) { call in
        let tensors = try call.evaluator.iterate(try call.value("parameters"), at: call.range).map { item in
            guard case .tensor(let tensor) = item else { throw call.mismatch("parameters", .tensors) }
            return try tensor.reshape([-1])
        }
        guard !tensors.isEmpty else { throw call.mismatch("parameters", .tensors) }
        return .tensor(try Tensor.cat(tensors, dim: 0))
    }
}
