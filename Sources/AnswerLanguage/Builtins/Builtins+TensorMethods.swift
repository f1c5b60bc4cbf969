import CNN

/// Methods and shape functions: `x.item()`, `y.backward(g)`, `x.requires_grad_()`,
/// `x.reshape(…)`, `x.view(…)`, ….
extension Builtins {
    static let shapeFunctions: [Builtin] = [
        // `torch.numel(x)` as well as `x.numel()`.
        Builtin("numel(input)", "the number of elements") { call in .int(try call.tensor("input").count) },
        Builtin("reshape(input, *shape)", "the same elements with a new shape (one size may be -1)") { call in
            .tensor(try call.tensor("input").reshape(try call.shape()))
        },
        Builtin("flatten(input, start_dim=0, end_dim=-1)", "dimensions start_dim…end_dim merged into one") {
            call in
            .tensor(
                try call.tensor("input").flatten(
                    startDim: try call.int("start_dim"), endDim: try call.int("end_dim")))
        },
        Builtin("permute(input, *dims)", "the dimensions reordered") { call in
            .tensor(try call.tensor("input").permute(try call.shape()))
        },
        Builtin("transpose(input, dim0, dim1)", "two dimensions swapped") { call in
            .tensor(try call.tensor("input").transpose(try call.int("dim0"), try call.int("dim1")))
        },
        Builtin("t(input)", "a matrix transposed (a vector unchanged)") { call in
            let input = try call.tensor("input")
            guard input.rank <= 2 else {
                throw CNNError.argument(.transposeRank, ["rank": input.rank])
            }
            return .tensor(input.rank < 2 ? input : try input.transpose(0, 1))
        },
        Builtin("squeeze(input, dim=None)", "dimensions of size 1 removed") { call in
            let input = try call.tensor("input")
            if call.isNone("dim") { return .tensor(try input.squeeze()) }
            if case .int(let dim) = try call.value("dim") { return .tensor(try input.squeeze(dim: dim)) }
            // PyTorch 2 also takes a tuple of dims: each of size 1 is removed.
            var dims: [Int] = []
            for dim in try call.intList("dim") {
                let d = try input.normalizedDim(dim)
                guard !dims.contains(d) else { throw CNNError.argument(.repeatedDim, ["dim": d]) }
                dims.append(d)
            }
            var result = input
            for d in dims.sorted(by: >) { result = try result.squeeze(dim: d) }
            return .tensor(result)
        },
        Builtin("unsqueeze(input, dim)", "a dimension of size 1 inserted at dim") { call in
            .tensor(try call.tensor("input").unsqueeze(try call.int("dim")))
        },
        // PyTorch's method takes the dims as a list or one by one: `w.flip([2, 3])`, `w.flip(2, 3)`.
        Builtin("flip(input, *dims)", "the elements reversed along dims") { call in
            let dims = try call.shape()
            guard !dims.isEmpty else {
                throw LanguageError(
                    .argument, .missingArgument(function: "flip", name: "dims"), at: call.range)
            }
            return .tensor(try call.tensor("input").flip(dims))
        },
        Builtin("cat(tensors, dim=0)", "tensors joined along an existing dimension") { call in
            .tensor(try Tensor.cat(try call.tensors("tensors"), dim: try call.int("dim")))
        },
        Builtin("stack(tensors, dim=0)", "tensors joined along a new dimension") { call in
            .tensor(try Tensor.stack(try call.tensors("tensors"), dim: try call.int("dim")))
        },
        Builtin("matmul(input, other)", "matrix product (batched, broadcasting), like @") { call in
            .tensor(try matrixProduct(try call.tensor("input"), try call.tensor("other")))
        },
        Builtin("mm(input, other)", "product of two matrices") { call in
            .tensor(try matrixProduct(try call.tensor("input"), try call.tensor("other")))
        },
        Builtin(
            "argmax(input, dim=None, keepdim=False)", "the index of the largest element, overall or along dim"
        ) {
            call in
            .tensor(
                try call.tensor("input").argmax(
                    dim: try call.optionalInt("dim"), keepDim: try call.bool("keepdim")))
        },
        Builtin(
            "argmin(input, dim=None, keepdim=False)",
            "the index of the smallest element, overall or along dim"
        ) {
            call in
            .tensor(
                try call.tensor("input").argmin(
                    dim: try call.optionalInt("dim"), keepDim: try call.bool("keepdim")))
        },
        Builtin(
            "var(input, dim=None, unbiased=None, keepdim=False, correction=None)",
            "the variance (unbiased by default; unbiased=False or correction=0 for the population's)"
        ) {
            call in
            .tensor(
                try call.tensor("input").variance(
                    dims: try call.dims("dim"), correction: try correction(call),
                    keepDim: try call.bool("keepdim")))
        },
        Builtin(
            "std(input, dim=None, unbiased=None, keepdim=False, correction=None)",
            "the standard deviation (unbiased by default; unbiased=False or correction=0 for the population's)"
        ) {
            call in
            .tensor(
                try call.tensor("input").standardDeviation(
                    dims: try call.dims("dim"), correction: try correction(call),
                    keepDim: try call.bool("keepdim")))
        },
    ]

    /// `var`/`std`'s Bessel correction: `correction=` if given, else 1 unless `unbiased=False`;
    /// PyTorch accepts one of the two.
    static func correction(_ call: Call) throws -> Int {
        if let correction = try call.optionalInt("correction") {
            guard call.isNone("unbiased") else {
                throw LanguageError.said(
                    .argument, .unbiasedAndCorrection, ["function": call.function],
                    at: call.range(of: "unbiased"))
            }
            return correction
        }
        if call.isNone("unbiased") { return 1 }
        return try call.bool("unbiased") ? 1 : 0
    }

    /// Methods that change their tensor in place in PyTorch. Called on a name (`x.requires_grad_()`),
    /// the evaluator binds the name to the result.
    static let mutatingMethods: Set<String> = Set(
        ["requires_grad_"] + inPlaceMethods.map(\.name) + shapeInPlaceMethods.map(\.name)
            + addedInPlaceMethods.map(\.name))

    /// Methods that PyTorch has only on tensors, not as `torch.*` functions.
    static let methodsOnly: [Builtin] = [
        Builtin("expand(input, *sizes)", "the tensor repeated along dimensions of size 1 (-1 keeps a size)") {
            call in
            let input = try call.tensor("input")
            var sizes = try call.shape()
            // PyTorch's -1: keep the size of the dimension it lines up with (from the right).
            let offset = sizes.count - input.rank
            for i in sizes.indices where sizes[i] == -1 {
                guard i >= offset else {
                    throw LanguageError.said(.argument, .expandLeadingMinusOne, ["dim": i], at: call.range)
                }
                sizes[i] = input.shape[i - offset]
            }
            return .tensor(try input.expand(to: sizes))
        },
        Builtin("view(input, *shape)", "the same elements with a new shape") { call in
            .tensor(try call.tensor("input").view(try call.shape()))
        },
        Builtin("item(input)", "the number held by a one-element tensor") { call in
            let input = try call.tensor("input")
            switch input.kind {
            case .real: return .float(try input.item())
            case .boolean: return .bool(try input.item() != 0)
            case .integer, .integer32, .int16, .int8, .uint8: return .int(try integerItem(input, call))
            }
        },
        Builtin("dim(input)", "the number of dimensions") { call in .int(try call.tensor("input").rank) },
        Builtin("size(input, dim=None)", "the shape, or the size of one dimension") { call in
            let input = try call.tensor("input")
            guard let dim = try call.optionalInt("dim") else { return .shape(input.shape) }
            return .int(try input.size(dim))
        },
        Builtin("requires_grad_(input, requires_grad=True)", "mark this tensor as needing gradients") {
            call in
            let input = try call.tensor("input")
            // Tensors are values here, so the evaluator rebinds the receiver's name to the result
            // (see `Builtins.mutatingMethods`), which makes `x.requires_grad_()` work as in PyTorch.
            return .tensor(try input.requiringGrad(try call.bool("requires_grad")))
        },
        // `retain_graph=True` is taken as PyTorch takes it: the graph is kept here in any case.
        Builtin(
            "backward(input, gradient=None, retain_graph=None, create_graph=False)",
            "compute gradients of this tensor into the leaves' .grad"
        ) {
            call in
            guard !(try call.bool("create_graph")) else {
                throw LanguageError.said(
                    .unsupported, .createGraphUnsupported, at: call.range(of: "create_graph"))
            }
            try call.tensor("input").backward(gradient: try call.optionalTensor("gradient"))
            return .none
        },
        Builtin("retain_grad(input)", "keep the gradient reaching this intermediate tensor in .grad") {
            call in
            try call.tensor("input").retainGrad()
            return .none
        },
        Builtin("detach(input)", "the same values cut from the autograd graph") { call in
            .tensor(try call.tensor("input").detach())
        },
        Builtin("clone(input)", "a copy of the tensor") { call in .tensor(try call.tensor("input").cloned())
        },
        Builtin("contiguous(input)", "the tensor itself (every tensor here is contiguous)") { call in
            .tensor(try call.tensor("input"))
        },
        Builtin("float(input)", "the tensor as float32") { call in .tensor(try call.tensor("input").float())
        },
        Builtin("double(input)", "the tensor as float64") { call in .tensor(try call.tensor("input").double())
        },
        Builtin("long(input)", "the tensor as int64 (reals truncated toward zero)") { call in
            .tensor(try call.tensor("input").converted(to: .int64))
        },
        Builtin("int(input)", "the tensor as int32 (reals truncated toward zero)") { call in
            .tensor(try call.tensor("input").converted(to: .int32))
        },
        Builtin("short(input)", "the tensor as int16 (reals truncated toward zero, wrapped)") { call in
            .tensor(try call.tensor("input").converted(to: .int16))
        },
        Builtin("char(input)", "the tensor as int8 (reals truncated toward zero, wrapped)") { call in
            .tensor(try call.tensor("input").converted(to: .int8))
        },
        Builtin("byte(input)", "the tensor as uint8, an image's bytes (truncated, wrapped into 0…255)") {
            call in
            .tensor(try call.tensor("input").converted(to: .uint8))
        },
        Builtin("bool(input)", "the tensor as bool (nonzero is True)") { call in
            .tensor(try call.tensor("input").converted(to: .bool))
        },
        Builtin(
            "to(input, *args, dtype=None, device=None, non_blocking=False, copy=False)",
            "the tensor converted to a dtype (a device 'cpu' is accepted and changes nothing)"
        ) { call in
            var tensor = try call.tensor("input")
            var requested = try call.scalarType("dtype")
            for (index, argument) in call.rest.enumerated() {
                switch argument {
                case .dtype(let type): requested = type
                case .tensor(let other): requested = other.scalarType
                case .string(let device): try checkDevice(device, at: call.restRanges[index])
                case .namespace(let device) where device.isDevice: break
                default: throw call.mismatch("args", .dtypeDeviceOrTensor)
                }
            }
            if case .string(let device) = try call.value("device") {
                try checkDevice(device, at: call.range(of: "device"))
            }
            if let requested { tensor = try tensor.converted(to: requested) }
            return .tensor(try call.bool("copy") ? try tensor.cloned() : tensor)
        },
        Builtin("type(input, dtype=None)", "the dtype's name, or the tensor converted to dtype") { call in
            let tensor = try call.tensor("input")
            guard let type = try call.scalarType("dtype") else {
                return .string(Builtins.legacyTypeName(tensor.scalarType))
            }
            return .tensor(try tensor.converted(to: type))
        },
        Builtin("cpu(input)", "the tensor itself (everything here runs on the CPU)") { call in
            .tensor(try call.tensor("input"))
        },
        Builtin("numpy(input)", "the tensor itself: there is no NumPy here, tensors do what arrays do") {
            call in
            let tensor = try call.tensor("input")
            guard !tensor.requiresGrad else {
                throw LanguageError(.value, .said(.numpyRequiresGrad, [:]), at: call.range)
            }
            return .tensor(tensor)
        },
        Builtin("tolist(input)", "the elements as (nested) Python lists") { call in
            let input = try call.tensor("input")
            // Each element becomes a Value of its own: checked against the session's memory first.
            return try call.evaluator.checkedList(input, at: nil)
        },
        Builtin("zero_grad(input)", "forget this tensor's accumulated gradient") { call in
            try call.tensor("input").zeroGrad()
            return .none
        },
    ]

    /// `x.type()` without arguments: PyTorch's legacy tensor type names.
    static func legacyTypeName(_ type: ScalarType) -> String {
        switch type {
        case .float32: "torch.FloatTensor"
        case .float64: "torch.DoubleTensor"
        case .int64: "torch.LongTensor"
        case .int32: "torch.IntTensor"
        case .int16: "torch.ShortTensor"
        case .int8: "torch.CharTensor"
        case .uint8: "torch.ByteTensor"
        case .bool: "torch.BoolTensor"
        }
    }

    /// Accepts the CPU device (`'cpu'`, `'cpu:0'`) and refuses others as PyTorch does on a
    /// machine without them.
    static func checkDevice(_ device: String, at range: SourceRange) throws(LanguageError) {
        guard device == "cpu" || device.hasPrefix("cpu:") else {
            throw LanguageError(.value, .deviceUnavailable(device), at: range)
        }
    }

    /// Nested `.list` values in PyTorch's `tolist()` form.
    static func listValue(_ values: ArraySlice<Double>, shape: ArraySlice<Int>, kind: ElementKind) -> Value {
        guard let first = shape.first else {
            let value = values.first ?? 0
            switch kind {
            case .real: return .float(value)
            case .integer, .integer32, .int16, .int8, .uint8:
                return Int(exactly: value.rounded(.towardZero)).map(Value.int) ?? .float(value)
            case .boolean: return .bool(value != 0)
            }
        }
        let stride = first == 0 ? 0 : values.count / first
        return .list(
            (0..<first).map { i in
                let start = values.startIndex + i * stride
                return listValue(values[start..<start + stride], shape: shape.dropFirst(), kind: kind)
            })
    }
}
