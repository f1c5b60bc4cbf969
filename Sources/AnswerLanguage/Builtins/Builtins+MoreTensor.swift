import CNN

/// The less common tensor functions: `prod`, `norm`, `all`, `any`, `masked_fill`, `isclose`,
/// `bmm`, `dot`, `chunk`, `split`, `einsum`, `logical_*`, `empty`, and the method `repeat`.
extension Builtins {
    static let moreTensorFunctions: [Builtin] = [
        Builtin("prod(input, dim=None, keepdim=False)", "the product of all elements, or along dim") { call in
            let input = try call.tensor("input")
            let product = try input.product(
                dim: try call.optionalInt("dim"), keepDim: try call.bool("keepdim"))
            // PyTorch multiplies narrower integers (int32, uint8, …) into an int64 product.
            return .tensor(input.kind.wraps ? try product.converted(to: .int64) : product)
        },
        Builtin(
            "norm(input, p='fro', dim=None, keepdim=False)",
            "the vector norm (2-norm by default; p=1, inf, …)"
        ) {
            call in
            let p: Double
            switch try call.value("p") {
            case .string("fro"): p = 2
            case .string(let other):
                throw LanguageError.said(.argument, .normOrder, ["p": other], at: call.range(of: "p"))
            default: p = try call.double("p")
            }
            return .tensor(
                try call.tensor("input").norm(
                    p: p, dims: try call.dims("dim"), keepDim: try call.bool("keepdim")))
        },
        Builtin("all(input, dim=None, keepdim=False)", "True if every element is nonzero (a bool tensor)") {
            call in
            .tensor(
                try call.tensor("input").all(
                    dim: try call.optionalInt("dim"), keepDim: try call.bool("keepdim")))
        },
        Builtin("any(input, dim=None, keepdim=False)", "True if some element is nonzero (a bool tensor)") {
            call in
            .tensor(
                try call.tensor("input").any(
                    dim: try call.optionalInt("dim"), keepDim: try call.bool("keepdim")))
        },
        Builtin("masked_fill(input, mask, value)", "value where the bool mask is True, input elsewhere") {
            call in
            .tensor(try call.tensor("input").maskedFill(try call.tensor("mask"), try call.double("value")))
        },
        Builtin(
            "isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False)",
            "|input − other| ≤ atol + rtol·|other| elementwise (a bool tensor)"
        ) { call in
            .tensor(
                try Tensor.isClose(
                    try call.tensorOrNumber("input"), try call.tensorOrNumber("other"),
                    rtol: try call.double("rtol"),
                    atol: try call.double("atol"), equalNaN: try call.bool("equal_nan")))
        },
        Builtin("bmm(input, mat2)", "batched matrix product of [B, n, m] and [B, m, p]") { call in
            let (a, b) = (try call.tensor("input"), try call.tensor("mat2"))
            guard a.rank == 3, b.rank == 3 else {
                throw LanguageError.said(.shape, .bmmRanks, ["a": a.shape, "b": b.shape], at: call.range)
            }
            guard a.shape[0] == b.shape[0] else {
                throw LanguageError.said(
                    .shape, .bmmBatches, ["a": a.shape[0], "b": b.shape[0]], at: call.range)
            }
            return .tensor(try Tensor.matmul(a, b))
        },
        Builtin("dot(input, tensor)", "the dot product of two 1-D tensors") { call in
            let (a, b) = (try call.tensor("input"), try call.tensor("tensor"))
            guard a.rank == 1, b.rank == 1 else {
                throw LanguageError.said(.shape, .dotRanks, ["a": a.rank, "b": b.rank], at: call.range)
            }
            guard a.count == b.count else {
                throw LanguageError.said(.shape, .dotSizes, ["a": a.count, "b": b.count], at: call.range)
            }
            return .tensor(try (a * b).sum())
        },
        Builtin("chunk(input, chunks, dim=0)", "at most chunks pieces along dim, as a tuple") { call in
            .tuple(
                try call.tensor("input").chunked(try call.int("chunks"), dim: try call.int("dim")).map(
                    Value.tensor))
        },
        Builtin(
            "split(tensor, split_size_or_sections, dim=0)", "pieces of a size (or of listed sizes) along dim"
        ) {
            call in
            let tensor = try call.tensor("tensor")
            let dim = try call.int("dim")
            let pieces: [Tensor]
            if case .int(let size) = try call.value("split_size_or_sections") {
                pieces = try tensor.split(size: size, dim: dim)
            } else {
                pieces = try tensor.split(sizes: try call.intList("split_size_or_sections"), dim: dim)
            }
            return .tuple(pieces.map(Value.tensor))
        },
        Builtin("logical_not(input)", "not x elementwise (a bool tensor)") { call in
            .tensor(try call.tensor("input").converted(to: .bool).bitwiseNot())
        },
        Builtin("logical_and(input, other)", "x and y elementwise (a bool tensor)") { call in
            .tensor(
                try Tensor.bitwiseAnd(
                    try call.tensor("input").converted(to: .bool),
                    try call.tensorOrNumber("other").converted(to: .bool)))
        },
        Builtin("logical_or(input, other)", "x or y elementwise (a bool tensor)") { call in
            .tensor(
                try Tensor.bitwiseOr(
                    try call.tensor("input").converted(to: .bool),
                    try call.tensorOrNumber("other").converted(to: .bool)))
        },
    ]

    static let moreCreation: [Builtin] = [
        // `torch.Size([1, 1, 8, 8])`, as PyTorch prints a shape and a learner copies it back.
        Builtin("Size(sizes=())", "a shape from a list or tuple of sizes, as torch.Size([1, 1, 8, 8])") {
            call in
            .shape(try call.intList("sizes"))
        },
        Builtin(
            "empty(*size, dtype=None, requires_grad=False)",
            "a tensor whose values are to be overwritten (zeros here)"
        ) { call in
            try finish(try Tensor.zeros(try call.shape(), dtype: try call.dtype("dtype") ?? .float32), call)
        },
        Builtin(
            "empty_like(input, dtype=None, requires_grad=False)", "empty() of the input's shape (zeros here)"
        ) {
            call in
            let input = try call.tensor("input")
            return try finish(
                try Tensor.zeros(input.shape, dtype: try call.dtype("dtype") ?? input.dtype), call,
                like: input)
        },
        Builtin("einsum(equation, *operands)", "Einstein summation: einsum('ij,jk->ik', a, b) is a @ b") {
            call in
            var operands = call.rest
            if operands.count == 1, case .list(let items) = operands[0] { operands = items }
            if operands.count == 1, case .tuple(let items) = operands[0] { operands = items }
            let tensors = try operands.map { operand in
                guard case .tensor(let tensor) = operand else { throw call.mismatch("operands", .tensors) }
                return tensor
            }
            return .tensor(try Tensor.einsum(try call.string("equation"), tensors))
        },
    ]

    static let moreMethods: [Builtin] = [
        Builtin("repeat(input, *sizes)", "the tensor tiled sizes[i] times along each dimension") { call in
            .tensor(try call.tensor("input").repeated(try call.shape()))
        }
    ]
}
