import CNN

/// Session 13's additions around integer tensors: `torch.iinfo` (the limits of an integer
/// dtype), `torch.unravel_index` (a flat index as coordinates: where a CAM's maximum is),
/// `torch.moveaxis` (numpy's name for `movedim`), and `torch.quantize_per_tensor`, refused with
/// the hand-written quantisation it stands for.
extension Builtins {
    static let integerTypeFunctions: [Builtin] = [
        Builtin("iinfo(type)", "the limits of an integer dtype: min, max, bits") { call in
            guard let type = try call.scalarType("type"), let (bits, signed) = type.kind.integerWidth else {
                throw LanguageError.said(.type, .iinfoNeedsInteger, at: call.range(of: "type"))
            }
            let max = signed ? Int.max >> (64 - bits) : (1 << bits) - 1
            let min = signed ? -max - 1 : 0
            return .namespace(
                Namespace(
                    name: "iinfo",
                    members: [
                        "min": .int(min), "max": .int(max), "bits": .int(bits),
                        "dtype": .string(type.rawValue),
                    ],
                    typeName: "iinfo", text: "iinfo(min=\(min), max=\(max), dtype=\(type.rawValue))"))
        },
        Builtin(
            "unravel_index(indices, shape)",
            "flat indices as a tuple of coordinate tensors, one per dimension"
        ) {
            call in
            guard case .tensor(let indices) = try call.value("indices") else {
                throw call.mismatch("indices", .tensor)
            }
            guard indices.kind.isIntegral else {
                throw LanguageError.said(
                    .type, .unravelIndexNeedsIntegers, ["dtype": indices.scalarType],
                    at: call.range(of: "indices"))
            }
            let shape = try call.intList("shape")
            let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: max($1, 0)).partialValue }
            guard count > 0, shape.allSatisfy({ $0 >= 0 }) else {
                throw LanguageError.said(.value, .unravelIndexShape, at: call.range(of: "shape"))
            }
            // PyTorch takes each index modulo the number of elements (-1 is the last).
            let flat = indices.scalarsAsDoubles().map { value -> Int in
                let index = Int(wholeNumber: value) ?? 0
                return ((index % count) + count) % count
            }
            var coordinates = Array(repeating: [Double](), count: shape.count)
            for index in flat {
                var rest = index
                for d in shape.indices.reversed() {
                    coordinates[d].append(Double(rest % shape[d]))
                    rest /= shape[d]
                }
            }
            return .tuple(
                try coordinates.map { values in
                    .tensor(try Tensor(values, shape: indices.shape).converted(to: .int64))
                })
        },
        Builtin(
            "moveaxis(input, source, destination)", "dimensions moved from source to destination (movedim)"
        ) {
            call in
            guard let movedim = tensorMethods["movedim"] else { return .none }
            return try movedim.body(call)
        },
        Builtin(
            "quantize_per_tensor(input, scale, zero_point, dtype)",
            "quantised tensors are not provided here: quantise by hand"
        ) { call in
            throw LanguageError.said(.unsupported, .quantizedTensorsUnsupported, at: call.range)
        },
    ]
}

/// `torch.special`: the entropy term of a soft target (`entr`) and the logistic function
/// (`expit`, PyTorch's other name for `sigmoid`).
extension Builtins {
    static let specialNamespace = Namespace(
        name: "torch.special",
        members: members([
            Builtin("entr(input)", "−x·ln x elementwise (0 at 0, −inf below): a distribution's entropy terms")
            {
                call in
                let x = try call.tensor("input")
                let positive = try x.gt(Tensor(0))
                let safe = try Tensor.where(positive, x, Tensor(1, dtype: x.dtype))
                let negative = try x.lt(Tensor(0))
                let terms = try Tensor.where(positive, -(x * safe.log()), Tensor(0, dtype: x.dtype))
                return .tensor(try Tensor.where(negative, Tensor(-Double.infinity, dtype: x.dtype), terms))
            },
            Builtin("expit(input)", "the logistic function 1 / (1 + e^−x) (sigmoid)") { call in
                .tensor(try sigmoid(try call.tensor("input")))
            },
        ]))
}
