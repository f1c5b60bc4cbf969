import CNN

/// More of PyTorch's spellings: `amax`/`amin` over several dimensions, `unflatten`, `rot90`,
/// `tensordot`, the in-place shape methods (`x.unsqueeze_(0)`), `torch.autograd.grad`, Python's
/// `collections.OrderedDict` (for `nn.Sequential(OrderedDict(...))`).
extension Builtins {
    /// `torch.*` functions that are also tensor methods.
    static let moreVocabularyFunctions: [Builtin] = [
        Builtin(
            "amax(input, dim=(), keepdim=False)", "the largest value over dim (all dimensions by default)"
        ) {
            call in
            .tensor(
                try call.tensor("input").amax(
                    dims: try call.intList("dim"), keepDim: try call.bool("keepdim")))
        },
        Builtin(
            "amin(input, dim=(), keepdim=False)", "the smallest value over dim (all dimensions by default)"
        ) {
            call in
            .tensor(
                try call.tensor("input").amin(
                    dims: try call.intList("dim"), keepDim: try call.bool("keepdim")))
        },
        Builtin("unflatten(input, dim, sizes)", "dimension dim split into sizes (one may be -1)") { call in
            let input = try call.tensor("input")
            let d = try input.normalizedDim(try call.int("dim"))
            let sizes = try call.intList("sizes")
            return .tensor(
                try input.reshape(Array(input.shape[..<d]) + sizes + Array(input.shape[(d + 1)...])))
        },
        Builtin("rot90(input, k=1, dims=(0, 1))", "the tensor turned by 90° k times in the plane of dims") {
            call in
            .tensor(try call.tensor("input").rot90(try call.int("k"), dims: try call.intList("dims")))
        },
        Builtin(
            "tensordot(a, b, dims=2)",
            "products summed over dims of a and of b (the last dims of a, first of b)"
        ) {
            call in
            let (a, b) = (try call.tensor("a"), try call.tensor("b"))
            if case .int(let count) = try call.value("dims") {
                return .tensor(try Tensor.tensordot(a, b, dims: count))
            }
            let lists: [Value]
            switch try call.value("dims") {
            case .tuple(let items) where items.count == 2, .list(let items) where items.count == 2:
                lists = items
            default: throw call.mismatch("dims", .intOrInts)
            }
            func dims(_ value: Value) throws -> [Int] {
                if case .int(let single) = value { return [single] }
                guard let values = value.integers else { throw call.mismatch("dims", .intOrInts) }
                return values
            }
            return .tensor(try Tensor.tensordot(a, b, dimsA: try dims(lists[0]), dimsB: try dims(lists[1])))
        },
    ]

    /// PyTorch's in-place shape methods. Tensors are values here, so, as for `requires_grad_`, the
    /// evaluator rebinds the receiver's name to the result (`Builtins.mutatingMethods`).
    static let shapeInPlaceMethods: [Builtin] = [
        Builtin("unsqueeze_(input, dim)", "a dimension of size 1 inserted at dim, in place") { call in
            .tensor(try call.tensor("input").unsqueeze(try call.int("dim")))
        },
        Builtin("squeeze_(input, dim=None)", "dimensions of size 1 removed, in place") { call in
            let input = try call.tensor("input")
            guard let dim = try call.optionalInt("dim") else { return .tensor(try input.squeeze()) }
            return .tensor(try input.squeeze(dim: dim))
        },
        Builtin("t_(input)", "a matrix transposed, in place") { call in
            let input = try call.tensor("input")
            guard input.rank <= 2 else { throw CNNError.argument(.transposeRank, ["rank": input.rank]) }
            return .tensor(input.rank < 2 ? input : try input.transpose(0, 1))
        },
        Builtin("transpose_(input, dim0, dim1)", "two dimensions swapped, in place") { call in
            .tensor(try call.tensor("input").transpose(try call.int("dim0"), try call.int("dim1")))
        },
    ]

    /// `torch.autograd`.
    static let autogradNamespace = Namespace(
        name: "torch.autograd",
        members: members([
            Builtin(
                "grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, allow_unused=None)",
                "the gradients of outputs with respect to inputs, as a tuple (no .grad changes)"
            ) { call in
                guard !(try call.bool("create_graph")) else {
                    throw LanguageError.said(
                        .unsupported, .createGraphUnsupported, at: call.range(of: "create_graph"))
                }
                let outputs = try tensorList(call, "outputs")
                let inputs = try tensorList(call, "inputs")
                let seeds =
                    call.isNone("grad_outputs")
                    ? [nil] : try tensorList(call, "grad_outputs").map { Optional($0) }
                guard outputs.count == 1, seeds.count == 1 else {
                    throw LanguageError.said(
                        .unsupported, .gradOneOutput, ["count": outputs.count], at: call.range(of: "outputs"))
                }
                let allowUnused = call.isNone("allow_unused") ? false : try call.bool("allow_unused")
                let gradients = try Tensor.gradients(
                    of: outputs[0], withRespectTo: inputs, gradient: seeds[0], allowUnused: allowUnused)
                return .tuple(gradients.map { $0.map(Value.tensor) ?? Value.none })
            }
        ]))

    /// A tensor or a list or tuple of them, as a list.
    private static func tensorList(_ call: Call, _ name: String) throws -> [Tensor] {
        if case .tensor(let tensor) = try call.value(name) { return [tensor] }
        return try call.tensors(name)
    }

    /// `collections.OrderedDict`, a dict here (every dict keeps its order).
    static let collectionsNamespace = Namespace(
        name: "collections",
        members: members([
            Builtin("OrderedDict(*pairs)", "a dict from (key, value) pairs, keeping their order") { call in
                guard let dict = iteration.first(where: { $0.name == "dict" }) else { return .dict([]) }
                return try dict.body(call)
            }
        ]))
}
