import CNN

/// PyTorch's rounding, logarithm and shape-alias functions, each a composite of the engine's ops
/// (so its gradient is theirs, zero for the rounding functions as in PyTorch): `torch.floor`,
/// `x.round()`, `torch.log2`, `x.reciprocal()`, `x.movedim(0, 1)`, `x.expand_as(y)`,
/// `torch.cumsum`, `torch.logsumexp`, `torch.hstack`, `torch.diag`, ….
extension Builtins {
    static let elementwiseFunctions: [Builtin] = [
        unary("floor", "the largest integer ≤ x, elementwise") { try $0.floor() },
        unary("ceil", "the smallest integer ≥ x, elementwise") { try -(-$0).floor() },
        unary("trunc", "x rounded toward zero, elementwise") { try $0.truncated() },
        unary("fix", "x rounded toward zero (trunc's other name)") { try $0.truncated() },
        unary("frac", "x − trunc(x), elementwise") { try $0 - $0.truncated().detach() },
        Builtin("round(input, decimals=0)", "x rounded half to even (to decimals places), elementwise") {
            call in
            let input = try call.tensorOrNumber("input")
            let decimals = try call.int("decimals")
            guard decimals != 0 else { return .tensor(try input.roundedHalfToEven()) }
            // PyTorch: round(x · 10^decimals) / 10^decimals.
            var scale = 1.0
            for _ in 0..<Swift.abs(decimals) { scale *= 10 }
            if decimals < 0 { scale = 1 / scale }
            return .tensor(try (input * scale).roundedHalfToEven() / scale)
        },
        unary("log2", "base-2 logarithm elementwise") { try $0.log() / 0.693_147_180_559_945_3 },
        unary("log10", "base-10 logarithm elementwise") { try $0.log() / 2.302_585_092_994_046 },
        unary("log1p", "log(1 + x) elementwise") { try ($0 + 1).log() },
        unary("exp2", "2ˣ elementwise") {
            try Tensor(2.0, dtype: $0.kind == .real ? $0.dtype : .float32).pow($0)
        },
        unary("reciprocal", "1 / x elementwise") { try 1 / $0 },
        unary("rsqrt", "1 / √x elementwise") { try 1 / $0.sqrt() },
        Builtin("movedim(input, source, destination)", "dimensions moved from source to destination") {
            call in
            let input = try call.tensor("input")
            let source = try call.intList("source").map { try input.normalizedDim($0) }
            let destination = try call.intList("destination").map { try input.normalizedDim($0) }
            guard source.count == destination.count else {
                throw CNNError.argument(
                    .movedimLengths, ["source": source.count, "destination": destination.count])
            }
            guard Set(source).count == source.count, Set(destination).count == destination.count else {
                throw CNNError.argument(.movedimRepeated)
            }
            var order = Array(repeating: -1, count: input.rank)
            for (from, to) in zip(source, destination) { order[to] = from }
            var rest = (0..<input.rank).filter { !source.contains($0) }.makeIterator()
            for i in order.indices where order[i] == -1 { order[i] = rest.next() ?? i }
            return .tensor(try input.permute(order))
        },
        Builtin("swapaxes(input, axis0, axis1)", "two dimensions swapped (transpose's NumPy name)") { call in
            .tensor(try call.tensor("input").transpose(try call.int("axis0"), try call.int("axis1")))
        },
        Builtin("swapdims(input, dim0, dim1)", "two dimensions swapped (transpose's other name)") { call in
            .tensor(try call.tensor("input").transpose(try call.int("dim0"), try call.int("dim1")))
        },
        Builtin("cumsum(input, dim)", "running sums along dim") { call in
            .tensor(try call.tensor("input").cumulativeSum(dim: try call.int("dim")))
        },
        Builtin("logsumexp(input, dim, keepdim=False)", "log Σ exp(x) over dim, computed stably") { call in
            let input = try call.tensor("input")
            let dims = try call.intList("dim")
            let peak = try input.amax(dims: dims, keepDim: true).detach()
            let safe = try Tensor.where(
                try peak.abs().eq(Tensor(Double.infinity, dtype: peak.dtype)), Tensor(0.0, dtype: peak.dtype),
                peak)
            var result = try (input - safe).exp().sum(dims: dims, keepDim: true).log() + safe
            if !(try call.bool("keepdim")) {
                for d in try dims.map({ try input.normalizedDim($0) }).sorted(by: >) {
                    result = try result.squeeze(dim: d)
                }
            }
            return .tensor(result)
        },
        Builtin("count_nonzero(input, dim=None)", "the number of nonzero elements, overall or along dim") {
            call in
            let nonzero = try call.tensor("input").ne(Tensor(0.0)).converted(to: .int64)
            guard let dims = try call.dims("dim") else { return .tensor(try nonzero.sum()) }
            return .tensor(try nonzero.sum(dims: dims))
        },
        Builtin(
            "diagonal(input, offset=0, dim1=0, dim2=1)",
            "the diagonal of dim1 and dim2, as the last dimension"
        ) {
            call in
            .tensor(
                try call.tensor("input").diagonal(
                    offset: try call.int("offset"), dim1: try call.int("dim1"), dim2: try call.int("dim2")))
        },
        Builtin("diag(input, diagonal=0)", "a vector's diagonal matrix, or a matrix's diagonal") { call in
            let input = try call.tensor("input")
            let offset = try call.int("diagonal")
            switch input.rank {
            case 1:
                let eye = try Tensor.eye(input.count, dtype: input.dtype).converted(to: input.scalarType)
                let placed = try input.unsqueeze(0) * eye
                let before = offset < 0 ? -offset : 0
                let after = offset > 0 ? offset : 0
                return .tensor(try pad(placed, [after, before, before, after]))
            case 2: return .tensor(try input.diagonal(offset: offset, dim1: 0, dim2: 1))
            default: throw CNNError.argument(.diagRank, ["rank": input.rank])
            }
        },
    ]
}
