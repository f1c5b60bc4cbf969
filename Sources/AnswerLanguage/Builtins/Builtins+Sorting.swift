import CNN

/// Picking by index tensors and ordering along a dimension: `gather`, `take_along_dim`,
/// `scatter`, `sort`, `argsort`, `msort`, `topk`, `kthvalue`, `median`, `nanmedian`.
///
/// Each is composed from differentiable primitives: the positions are computed from the values
/// (they carry no gradient, as in PyTorch), and the values are then read with one flat
/// advanced-indexing step (`x.reshape(-1)[positions]`) or written with one `index_put`, so
/// gradients flow back to the picked elements exactly as PyTorch's `gather_backward` /
/// `scatter_backward` send them.
extension Builtins {
    static let sortingFunctions: [Builtin] = [
        Builtin("gather(input, dim, index, sparse_grad=False)", "input's elements at index along dim") {
            call in
            let input = try call.tensor("input")
            return .tensor(try gather(input, try call.int("dim"), try call.tensor("index"), call))
        },
        Builtin(
            "take_along_dim(input, indices, dim=None)",
            "input's elements at indices along dim (broadcast), or of the flattened input"
        ) { call in
            let input = try call.tensor("input")
            let indices = try call.tensor("indices")
            guard let dim = try call.optionalInt("dim") else {
                return .tensor(try gather(input.reshape([-1]), 0, indices.reshape([-1]), call))
            }
            guard input.rank == indices.rank else {
                throw LanguageError.said(
                    .argument, .indexRank,
                    ["function": call.function, "rank": input.rank, "got": indices.rank],
                    at: call.range(of: "indices"))
            }
            let d = try input.normalizedDim(dim)
            var a = input.shape
            var b = indices.shape
            a[d] = 1
            b[d] = 1
            var common = try Tensor.broadcastShape(a, b)
            common[d] = input.shape[d]
            let expandedInput = try input.expand(to: common)
            common[d] = indices.shape[d]
            return .tensor(try gather(expandedInput, d, try indices.expand(to: common), call))
        },
        Builtin(
            "scatter(input, dim, index, src=None, value=None, reduce=None)",
            "a copy of input with src's elements (or value) written at index along dim"
        ) { call in
            .tensor(try scatter(try call.tensor("input"), call))
        },
        Builtin(
            "sort(input, dim=-1, descending=False, stable=False)",
            "(values, indices) ordered along dim, smallest first (NaN last)"
        ) { call in
            let input = try call.tensor("input")
            let dim = try call.int("dim")
            let indices = try order(input, dim: dim, descending: try call.bool("descending"))
            return .tuple([.tensor(try gather(input, dim, indices, call)), .tensor(indices)])
        },
        Builtin(
            "argsort(input, dim=-1, descending=False, stable=False)",
            "the indices that sort input along dim"
        ) { call in
            .tensor(
                try order(
                    try call.tensor("input"), dim: try call.int("dim"),
                    descending: try call.bool("descending"))
            )
        },
        Builtin("msort(input)", "input sorted along dimension 0") { call in
            let input = try call.tensor("input")
            return .tensor(try gather(input, 0, try order(input, dim: 0, descending: false), call))
        },
        Builtin(
            "topk(input, k, dim=-1, largest=True, sorted=True)",
            "(values, indices) of the k largest (or smallest) elements along dim"
        ) { call in
            let input = try call.tensor("input")
            let dim = try call.int("dim")
            let k = try call.int("k")
            let size = try line(input, dim)
            guard k >= 0, k <= size else {
                throw LanguageError.said(
                    .argument, .kOutOfRange, ["function": call.function, "k": k, "size": size],
                    at: call.range(of: "k"))
            }
            var indices = try order(input, dim: dim, descending: try call.bool("largest"))
            if input.rank > 0 { indices = try indices.narrow(dim: dim, start: 0, length: k) }
            return .tuple([.tensor(try gather(input, dim, indices, call)), .tensor(indices)])
        },
        Builtin(
            "kthvalue(input, k, dim=-1, keepdim=False)",
            "(values, indices) of the k-th smallest element along dim (k counts from 1)"
        ) { call in
            let input = try call.tensor("input")
            let k = try call.int("k")
            let size = try line(input, try call.int("dim"))
            guard k >= 1, k <= size else {
                throw LanguageError.said(
                    .argument, .kOutOfRange, ["function": call.function, "k": k, "size": size],
                    at: call.range(of: "k"))
            }
            return try picked(input, try call.int("dim"), keepDim: try call.bool("keepdim"), call) { _, _ in
                k - 1
            }
        },
        Builtin(
            "median(input, dim=None, keepdim=False)",
            "the middle value (the lower one of an even count; NaN if any), or (values, indices) along dim"
        ) { call in
            try median(call, ignoringNaN: false)
        },
        Builtin(
            "nanmedian(input, dim=None, keepdim=False)",
            "the middle value of the non-NaN elements, or (values, indices) along dim"
        ) { call in
            try median(call, ignoringNaN: true)
        },
    ]

    /// `x.scatter_(dim, index, src)`: scatter written back into x.
    static let sortingInPlaceMethods: [Builtin] = [
        inPlace(
            "scatter_(input, dim, index, src=None, value=None, reduce=None)",
            "src's elements (or value) written at index along dim, in place"
        ) { input, call in
            try scatter(input, call)
        }
    ]

    /// `gather(input, dim, index)`: `out[i][j][k] = input[i][index[i][j][k]][k]` for dim 1.
    /// - Throws: PyTorch's refusals: an index of another rank or dtype, larger than input in a
    ///   dimension other than dim, or holding a position outside `0..<input.shape[dim]`.
    static func gather(_ input: Tensor, _ dim: Int, _ index: Tensor, _ call: Call) throws -> Tensor {
        let positions = try flatPositions(input.shape, dim, index, call)
        let flat = try Tensor(positions, shape: [positions.count])
        return try input.reshape([-1]).indexed(advanced: [.tensor(flat)]).reshape(index.shape)
    }

    /// Where each element of `index` points in the flattened input of `shape`, as gather and
    /// scatter read it (a 0-d input or index counts as 1-d, as in PyTorch).
    static func flatPositions(_ shape: [Int], _ dim: Int, _ index: Tensor, _ call: Call) throws -> [Int] {
        guard index.kind == .integer else {
            throw LanguageError.said(
                .type, .indexMustBeInteger, ["function": call.function, "dtype": index.scalarType.rawValue],
                at: call.range(of: "index"))
        }
        let inputShape = shape.isEmpty ? [1] : shape
        let indexShape = index.shape.isEmpty ? [1] : index.shape
        guard inputShape.count == indexShape.count else {
            throw LanguageError.said(
                .argument, .indexRank, ["function": call.function, "rank": shape.count, "got": index.rank],
                at: call.range(of: "index"))
        }
        let d = try index.normalizedDim(dim, rank: inputShape.count)
        for axis in inputShape.indices where axis != d && indexShape[axis] > inputShape[axis] {
            throw LanguageError.said(
                .argument, .indexLarger,
                [
                    "function": call.function, "dim": axis, "got": indexShape[axis],
                    "size": inputShape[axis],
                ], at: call.range(of: "index"))
        }
        var strides = Array(repeating: 1, count: inputShape.count)
        for axis in stride(from: inputShape.count - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * inputShape[axis + 1]
        }
        let values = index.scalarsAsDoubles()
        var counter = Array(repeating: 0, count: indexShape.count)
        var positions: [Int] = []
        positions.reserveCapacity(values.count)
        for (n, value) in values.enumerated() {
            // The time limit holds inside long loops too.
            if n % 4096 == 0 { try ComputeBudget.checkpoint() }
            let at = Int(saturating: value)
            guard at >= 0, at < inputShape[d] else {
                throw LanguageError.said(
                    .argument, .indexOutOfBounds,
                    ["function": call.function, "index": at, "dim": d, "size": inputShape[d]],
                    at: call.range(of: "index"))
            }
            var position = 0
            for axis in counter.indices { position += (axis == d ? at : counter[axis]) * strides[axis] }
            positions.append(position)
            var axis = counter.count - 1
            while axis >= 0 {
                counter[axis] += 1
                if counter[axis] < indexShape[axis] { break }
                counter[axis] = 0
                axis -= 1
            }
        }
        return positions
    }

    /// `scatter(input, dim, index, src)` or `(…, value=v)`: input with the positions index
    /// points to replaced (a position named twice keeps the last write); `reduce` is refused.
    static func scatter(_ input: Tensor, _ call: Call) throws -> Tensor {
        guard call.isNone("reduce") else {
            throw LanguageError.said(.unsupported, .scatterReduce, at: call.range(of: "reduce"))
        }
        let index = try call.tensor("index")
        let positions = try flatPositions(input.shape, try call.int("dim"), index, call)
        let flat = try Tensor(positions, shape: [positions.count])
        let written: Tensor
        switch (call.isNone("src"), call.isNone("value")) {
        case (false, true):
            // `scatter(dim, index, 2.0)`: a number in src's place is the value.
            if case .tensor(let src) = try call.value("src") {
                guard src.rank == index.rank || (src.rank <= 1 && index.rank <= 1) else {
                    throw LanguageError.said(
                        .argument, .indexRank,
                        ["function": call.function, "rank": src.rank, "got": index.rank],
                        at: call.range(of: "src"))
                }
                let srcShape = src.shape.isEmpty ? [1] : src.shape
                let indexShape = index.shape.isEmpty ? [1] : index.shape
                for axis in indexShape.indices where indexShape[axis] > srcShape[axis] {
                    throw LanguageError.said(
                        .argument, .indexLarger,
                        [
                            "function": call.function, "dim": axis, "got": indexShape[axis],
                            "size": srcShape[axis],
                        ],
                        at: call.range(of: "src"))
                }
                var part = src.rank == 0 ? try src.reshape([1]) : src
                for axis in indexShape.indices where indexShape[axis] < srcShape[axis] {
                    part = try part.narrow(dim: axis, start: 0, length: indexShape[axis])
                }
                written = try part.reshape([-1])
            } else {
                written = Tensor(try call.double("src"), dtype: input.dtype)
            }
        case (true, false):
            written = Tensor(try call.double("value"), dtype: input.dtype)
        default:
            throw LanguageError.said(.argument, .scatterSrcOrValue, at: call.range)
        }
        let result = try input.reshape([-1]).replacing(advanced: [.tensor(flat)], with: written)
        return try result.reshape(input.shape)
    }

    /// The size of the line `dim` runs along (1 for a 0-d tensor, whose dim is 0 or -1).
    static func line(_ input: Tensor, _ dim: Int) throws -> Int {
        guard input.rank > 0 else {
            _ = try input.normalizedDim(dim, rank: 1)
            return 1
        }
        return input.shape[try input.normalizedDim(dim)]
    }

    /// For each line along dim, the positions that order it (int64, input's shape): ascending
    /// with NaN last, or descending with NaN first, ties in their original order.
    static func order(_ input: Tensor, dim: Int, descending: Bool) throws -> Tensor {
        guard input.rank > 0 else {
            _ = try line(input, dim)
            return try Tensor([0], shape: [])
        }
        let d = try input.normalizedDim(dim)
        let size = input.shape[d]
        let inner = input.shape[(d + 1)...].reduce(1, *)
        let outer = input.shape[..<d].reduce(1, *)
        let values = input.scalarsAsDoubles()
        var result = Array(repeating: 0, count: values.count)
        for o in 0..<outer {
            for i in 0..<inner {
                try ComputeBudget.checkpoint()
                let at = { (r: Int) in (o * size + r) * inner + i }
                let line = (0..<size).map { values[at($0)] }
                var comparisons = 0
                let ranked = try (0..<size).sorted { a, b in
                    comparisons += 1
                    if comparisons % 65536 == 0 { try ComputeBudget.checkpoint() }
                    let (x, y) = (line[a], line[b])
                    if before(x, y, descending) { return true }
                    if before(y, x, descending) { return false }
                    return a < b
                }
                for (r, position) in ranked.enumerated() { result[at(r)] = position }
            }
        }
        return try Tensor(result, shape: input.shape)
    }

    /// Whether x comes before y: NaN counts as the largest value, as in PyTorch's sort.
    private static func before(_ x: Double, _ y: Double, _ descending: Bool) -> Bool {
        if x.isNaN || y.isNaN { return descending ? x.isNaN && !y.isNaN : !x.isNaN && y.isNaN }
        return descending ? x > y : x < y
    }

    /// `(values, indices)` of one element per line along dim: the one at rank `rank(line values,
    /// size)` in ascending order (`kthvalue`, `median`).
    static func picked(
        _ input: Tensor, _ dim: Int, keepDim: Bool, _ call: Call, rank: ([Double], Int) -> Int
    ) throws -> Value {
        let ascending = try order(input, dim: dim, descending: false)
        guard input.rank > 0 else {
            return .tuple([.tensor(input), .tensor(try Tensor([0], shape: []))])
        }
        let d = try input.normalizedDim(dim)
        let size = input.shape[d]
        guard size > 0 else {
            throw LanguageError.said(.argument, .medianEmpty, ["function": call.function], at: call.range)
        }
        let inner = input.shape[(d + 1)...].reduce(1, *)
        let outer = input.shape[..<d].reduce(1, *)
        let values = input.scalarsAsDoubles()
        let positions = ascending.scalarsAsDoubles().map { Int($0) }
        var chosen: [Int] = []
        for o in 0..<outer {
            for i in 0..<inner {
                try ComputeBudget.checkpoint()
                let line = (0..<size).map { values[(o * size + $0) * inner + i] }
                let r = rank(line, size)
                chosen.append(positions[(o * size + r) * inner + i])
            }
        }
        var kept = input.shape
        kept[d] = 1
        let indices = try Tensor(chosen, shape: kept)
        let picked = try gather(input, d, indices, call)
        if keepDim { return .tuple([.tensor(picked), .tensor(indices)]) }
        return .tuple([.tensor(try picked.squeeze(dim: d)), .tensor(try indices.squeeze(dim: d))])
    }

    /// `median` and `nanmedian`: the lower middle element of the (non-NaN) values; `median` of a
    /// line holding NaN is NaN (the first NaN's index).
    static func median(_ call: Call, ignoringNaN: Bool) throws -> Value {
        let input = try call.tensor("input")
        let rank: ([Double], Int) -> Int = { line, size in
            let nans = line.filter(\.isNaN).count
            if nans == 0 { return (size - 1) / 2 }
            if !ignoringNaN || nans == size { return size - nans }
            return (size - nans - 1) / 2
        }
        guard let dim = try call.optionalInt("dim") else {
            guard input.count > 0 else {
                throw LanguageError.said(.argument, .medianEmpty, ["function": call.function], at: call.range)
            }
            guard
                case .tuple(let items) = try picked(input.reshape([-1]), 0, keepDim: false, call, rank: rank)
            else { return .none }
            return items[0]
        }
        return try picked(input, dim, keepDim: try call.bool("keepdim"), call, rank: rank)
    }
}
