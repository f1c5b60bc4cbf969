import CNN

/// Shape and inspection helpers PyTorch has under several names: `x.expand_as(y)`,
/// `torch.hstack`, `torch.concat`, `x.unbind()`, `torch.tile`, `torch.full_like`,
/// `torch.is_tensor`, `x.ndimension()`, `F.normalize`, `F.one_hot`, `F.hardswish`, `F.mish`,
/// `torch.var_mean`, `torch.inner`, `torch.mv`, and `torch.pi` / `torch.inf` / `torch.nan` / `torch.e`.
extension Builtins {
    /// `torch.*` functions that are also tensor methods.
    static let aliasFunctions: [Builtin] = [
        Builtin("unbind(input, dim=0)", "the slices along dim, as a tuple") { call in
            let input = try call.tensor("input")
            let d = try input.normalizedDim(try call.int("dim"))
            var items = Array(repeating: TensorIndex.all, count: input.rank)
            return .tuple(
                try (0..<input.shape[d]).map { i in
                    items[d] = .at(i)
                    return .tensor(try input.indexed(items))
                })
        },
        Builtin(
            "tile(input, dims)", "the tensor repeated dims[i] times along each dimension (ones prepended)"
        ) {
            call in
            let input = try call.tensor("input")
            var dims = try call.intList("dims")
            if dims.count < input.rank { dims = Array(repeating: 1, count: input.rank - dims.count) + dims }
            return .tensor(try input.repeated(dims))
        },
        Builtin(
            "var_mean(input, dim=None, unbiased=None, keepdim=False, correction=None)", "(variance, mean)"
        ) { call in
            let input = try call.tensor("input")
            let (dims, keep) = (try call.dims("dim"), try call.bool("keepdim"))
            return .tuple([
                .tensor(try input.variance(dims: dims, correction: try correction(call), keepDim: keep)),
                .tensor(try dims.map { try input.mean(dims: $0, keepDim: keep) } ?? input.mean()),
            ])
        },
        Builtin(
            "std_mean(input, dim=None, unbiased=None, keepdim=False, correction=None)",
            "(standard deviation, mean)"
        ) {
            call in
            let input = try call.tensor("input")
            let (dims, keep) = (try call.dims("dim"), try call.bool("keepdim"))
            return .tuple([
                .tensor(
                    try input.standardDeviation(dims: dims, correction: try correction(call), keepDim: keep)),
                .tensor(try dims.map { try input.mean(dims: $0, keepDim: keep) } ?? input.mean()),
            ])
        },
        Builtin("inner(input, other)", "sums of products over the last dimension of both") { call in
            let (a, b) = (try call.tensor("input"), try call.tensor("other"))
            if a.rank == 0 || b.rank == 0 { return .tensor(try a * b) }
            return .tensor(try Tensor.tensordot(a, b, dimsA: [a.rank - 1], dimsB: [b.rank - 1]))
        },
        Builtin("mv(input, vec)", "the product of a matrix and a vector") { call in
            let (a, v) = (try call.tensor("input"), try call.tensor("vec"))
            guard a.rank == 2, v.rank == 1 else {
                throw CNNError.argument(.mvRanks, ["a": a.rank, "b": v.rank])
            }
            return .tensor(try Tensor.matmul(a, v))
        },
    ]

    /// Methods PyTorch has only on tensors.
    static let aliasMethods: [Builtin] = [
        Builtin("expand_as(input, other)", "the tensor expanded to other's shape") { call in
            .tensor(try call.tensor("input").expand(to: try call.tensor("other").shape))
        },
        Builtin("reshape_as(input, other)", "the tensor reshaped to other's shape") { call in
            .tensor(try call.tensor("input").reshape(try call.tensor("other").shape))
        },
        Builtin("view_as(input, other)", "the tensor viewed with other's shape") { call in
            .tensor(try call.tensor("input").view(try call.tensor("other").shape))
        },
        Builtin("ndimension(input)", "the number of dimensions (dim's older name)") { call in
            .int(try call.tensor("input").rank)
        },
        Builtin("is_floating_point(input)", "whether the dtype is a floating-point one") { call in
            .bool(try call.tensor("input").kind == .real)
        },
        Builtin("is_contiguous(input)", "whether the elements lie in order in memory (always here)") { call in
            _ = try call.tensor("input")
            return .bool(true)
        },
        Builtin("element_size(input)", "the bytes one element takes in PyTorch") { call in
            .int(elementSize(try call.tensor("input").scalarType))
        },
    ]

    /// The bytes one element of `type` takes in PyTorch (`element_size()`, `itemsize`).
    static func elementSize(_ type: ScalarType) -> Int {
        switch type {
        case .float32, .int32: 4
        case .float64, .int64: 8
        case .int16: 2
        case .bool, .int8, .uint8: 1
        }
    }

    /// Tensor methods PyTorch also has as `torch.*` functions (`torch.clone(x)`,
    /// `torch.detach(x)`, `torch.is_floating_point(x)`): the same builtins under both names.
    static let methodsAlsoUnderTorch: [Builtin] = (methodsOnly + aliasMethods).filter {
        ["clone", "detach", "is_floating_point"].contains($0.name)
    }

    /// `torch.*` functions that take several tensors or none.
    static let aliasTorchFunctions: [Builtin] = [
        Builtin("hstack(tensors)", "tensors joined along dimension 1 (0 for vectors)") { call in
            let tensors = try call.tensors("tensors")
            let dim = tensors.first.map { $0.rank == 1 ? 0 : 1 } ?? 0
            return .tensor(try Tensor.cat(tensors, dim: dim))
        },
        Builtin("vstack(tensors)", "tensors joined along dimension 0 (vectors as rows)") { call in
            let tensors = try call.tensors("tensors").map { $0.rank == 1 ? try $0.unsqueeze(0) : $0 }
            return .tensor(try Tensor.cat(tensors, dim: 0))
        },
        Builtin("concat(tensors, dim=0)", "tensors joined along dim (cat's other name)") { call in
            .tensor(try Tensor.cat(try call.tensors("tensors"), dim: try call.int("dim")))
        },
        Builtin("concatenate(tensors, dim=0)", "tensors joined along dim (cat's NumPy name)") { call in
            .tensor(try Tensor.cat(try call.tensors("tensors"), dim: try call.int("dim")))
        },
        Builtin(
            "full_like(input, fill_value, dtype=None, requires_grad=False)", "fill_value in input's shape"
        ) { call in
            let input = try call.tensor("input")
            let type = try call.scalarType("dtype") ?? input.scalarType
            let filled = try Tensor.full(input.shape, try call.double("fill_value"), dtype: type.storage)
                .converted(to: type)
            return .tensor(try call.bool("requires_grad") ? filled.requiringGrad() : filled)
        },
        Builtin("as_tensor(data, dtype=None)", "data as a tensor (a tensor itself when it already is one)") {
            call in
            let type = try call.scalarType("dtype")
            if case .tensor(let tensor) = try call.value("data") {
                return .tensor(try type.map { try tensor.converted(to: $0) } ?? tensor)
            }
            let tensor = try call.tensor("data")
            return .tensor(try type.map { try tensor.converted(to: $0) } ?? tensor)
        },
        Builtin("is_tensor(obj)", "whether obj is a tensor") { call in
            if case .tensor = try call.value("obj") { return .bool(true) }
            return .bool(false)
        },
    ]

    /// `torch.nn.functional` functions.
    static let aliasFunctional: [Builtin] = [
        Builtin(
            "normalize(input, p=2.0, dim=1, eps=1e-12)", "x divided by its p-norm along dim (at least eps)"
        ) {
            call in
            let input = try call.tensor("input")
            let norm = try input.norm(p: try call.double("p"), dims: [try call.int("dim")], keepDim: true)
            return .tensor(try input / norm.clamp(min: try call.double("eps")))
        },
        Builtin(
            "one_hot(tensor, num_classes=-1)", "each class index as a row of zeros with a 1 at it (int64)"
        ) {
            call in
            let labels = try call.tensor("tensor")
            guard labels.kind == .integer else {
                throw CNNError.argument(.oneHotType, ["dtype": labels.scalarType])
            }
            var classes = try call.int("num_classes")
            let values = labels.scalarsAsDoubles()
            if let low = values.min(), low < 0 { throw CNNError.argument(.oneHotNegative) }
            let top = Int(saturating: values.max() ?? -1)
            if classes == -1 { classes = top == .max ? .max : top + 1 }
            guard top < classes else { throw CNNError.argument(.oneHotTooFew, ["classes": classes]) }
            let positions = try Tensor.arange(classes).converted(to: .int64)
            return .tensor(try labels.unsqueeze(labels.rank).eq(positions).converted(to: .int64))
        },
        unary("hardswish", "x · relu6(x + 3) / 6") { x in
            try x * hardtanh(x + 3, minValue: 0, maxValue: 6) / 6
        },
        unary("mish", "x · tanh(softplus(x))") { x in try x * tanh(softplus(x, beta: 1, threshold: 20)) },
    ]

    /// `nn.Unflatten(1, (3, 1))`, `nn.Unfold(2)`, `nn.Hardswish()`, `nn.Mish()` as layers.
    static let aliasModules: [Builtin] = [
        Builtin("Unflatten(dim, unflattened_size)", "the layer splitting dimension dim into sizes") { call in
            let dim = try call.int("dim")
            let sizes = try call.intList("unflattened_size")
            let written = "dim=\(dim), unflattened_size=(\(sizes.map(String.init).joined(separator: ", ")))"
            return .module(
                FunctionLayer("Unflatten", settings: written) { x in
                    let d = try x.normalizedDim(dim)
                    return try x.reshape(Array(x.shape[..<d]) + sizes + Array(x.shape[(d + 1)...]))
                })
        },
        Builtin(
            "Unfold(kernel_size, dilation=1, padding=0, stride=1)", "the layer F.unfold: patches as columns"
        ) {
            call in
            let (kernel, dilation) = (try call.size2D("kernel_size"), try call.size2D("dilation"))
            let (padding, stride) = (try call.size2D("padding"), try call.size2D("stride"))
            return .module(
                FunctionLayer(
                    "Unfold",
                    settings:
                        "kernel_size=\(kernel), dilation=\(dilation), padding=\(padding), stride=\(stride)"
                ) { x in
                    try unfoldPatches(
                        x, kernelSize: kernel, dilation: dilation, padding: padding, stride: stride)
                })
        },
        Builtin("Hardswish(inplace=False)", "the layer x · relu6(x + 3) / 6") { _ in
            .module(FunctionLayer("Hardswish") { x in try x * hardtanh(x + 3, minValue: 0, maxValue: 6) / 6 })
        },
        Builtin("Mish(inplace=False)", "the layer x · tanh(softplus(x))") { _ in
            .module(FunctionLayer("Mish") { x in try x * tanh(softplus(x, beta: 1, threshold: 20)) })
        },
    ]

    /// `torch.pi`, `torch.e`, `torch.inf`, `torch.nan`.
    static let torchConstants: [String: Value] = [
        "pi": .float(Double.pi), "e": .float(2.718_281_828_459_045), "inf": .float(.infinity),
        "nan": .float(.nan),
    ]
}
