import CNN

/// Distances, counting and searching (`cosine_similarity`, `pairwise_distance`, `cdist`,
/// `nonzero`, `argwhere`, `masked_select`, `unique`, `bincount`, `histc`, `searchsorted`),
/// running extremes and order statistics (`cummax`, `cummin`, `mode`, `quantile`), grids and
/// blocks (`meshgrid`, `kron`, `block_diag`, `trapezoid`), accumulating writes (`scatter_add`,
/// `index_add`) and a few losses and activations (`kl_div`, `huber_loss`, `softmin`,
/// `logaddexp`). Differentiable ones are compositions of differentiable operations; counting and
/// searching give integer tensors without gradients, as in PyTorch.
extension Builtins {
    static let statisticsFunctions: [Builtin] = [
        Builtin("nonzero(input, as_tuple=False)", "the indices of the non-zero elements, one row each") {
            call in
            let input = try call.tensor("input")
            let rows = try nonzeroIndices(input)
            if try call.bool("as_tuple") {
                let rank = Swift.max(input.rank, 1)
                return .tuple(
                    try (0..<rank).map { d in
                        .tensor(try Tensor(rows.map { $0.isEmpty ? 0 : $0[d] }, shape: [rows.count]))
                    })
            }
            return .tensor(try Tensor(rows.flatMap { $0 }, shape: [rows.count, input.rank]))
        },
        Builtin("argwhere(input)", "the indices of the non-zero elements, one row each") { call in
            let input = try call.tensor("input")
            let rows = try nonzeroIndices(input)
            return .tensor(try Tensor(rows.flatMap { $0 }, shape: [rows.count, input.rank]))
        },
        Builtin("masked_select(input, mask)", "the elements where mask (broadcast) is True, as a vector") {
            call in
            let (input, mask) = (try call.tensor("input"), try call.tensor("mask"))
            let shape = try Tensor.broadcastShape(input.shape, mask.shape)
            return .tensor(
                try input.expand(to: shape).indexed(advanced: [.tensor(try mask.expand(to: shape))]))
        },
        Builtin(
            "unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None)",
            "the distinct values in increasing order (with where each element went, and counts)"
        ) { call in
            let input = try call.tensor("input")
            guard call.isNone("dim") else {
                throw LanguageError.said(.unsupported, .uniqueDim, at: call.range(of: "dim"))
            }
            let values = input.scalarsAsDoubles()
            var counts: [Double: Int] = [:]
            var nanCount = 0
            for (n, value) in values.enumerated() {
                if n % 4096 == 0 { try ComputeBudget.checkpoint() }
                if value.isNaN { nanCount += 1 } else { counts[value, default: 0] += 1 }
            }
            // Each NaN is a value of its own, after the numbers, as in PyTorch.
            let distinct = counts.keys.sorted()
            var rank: [Double: Int] = [:]
            for (i, value) in distinct.enumerated() { rank[value] = i }
            let all = distinct + Array(repeating: Double.nan, count: nanCount)
            let uniqueValues = try Tensor(all, shape: [all.count], dtype: input.dtype).converted(
                to: input.scalarType)
            var result: [Value] = [.tensor(uniqueValues)]
            if try call.bool("return_inverse") {
                var nansSeen = 0
                let inverse = values.map { value -> Int in
                    guard value.isNaN else { return rank[value] ?? 0 }
                    nansSeen += 1
                    return distinct.count + nansSeen - 1
                }
                result.append(.tensor(try Tensor(inverse, shape: input.shape)))
            }
            if try call.bool("return_counts") {
                let perValue = distinct.map { counts[$0] ?? 0 } + Array(repeating: 1, count: nanCount)
                result.append(.tensor(try Tensor(perValue, shape: [perValue.count])))
            }
            return result.count == 1 ? result[0] : .tuple(result)
        },
        Builtin(
            "bincount(input, weights=None, minlength=0)",
            "how often each value 0, 1, 2, … occurs (or its weights' sum)"
        ) {
            call in
            let input = try call.tensor("input")
            guard input.rank == 1, input.kind.isIntegral else {
                throw LanguageError.said(
                    .argument, .bincountInput, ["shape": input.shape], at: call.range(of: "input"))
            }
            let values = input.scalarsAsDoubles().map { Int(saturating: $0) }
            guard values.allSatisfy({ $0 >= 0 }) else {
                throw LanguageError.said(
                    .argument, .bincountInput, ["shape": input.shape], at: call.range(of: "input"))
            }
            let minLength = try call.int("minlength")
            // Held below Int.max: an overflowed element (saturated to it) has no next count.
            let length = Swift.max(values.max().map { $0 == .max ? .max : $0 + 1 } ?? 0, minLength)
            try checkCount(length, call)
            guard let weights = try call.optionalTensor("weights") else {
                var counts = Array(repeating: 0, count: length)
                for v in values { counts[v] += 1 }
                return .tensor(try Tensor(counts, shape: [length]))
            }
            guard weights.shape == input.shape else {
                throw LanguageError.said(
                    .shape, .bincountWeights, ["shape": weights.shape, "input": input.shape],
                    at: call.range(of: "weights"))
            }
            var sums = Array(repeating: 0.0, count: length)
            for (v, w) in zip(values, weights.scalarsAsDoubles()) { sums[v] += w }
            return .tensor(
                try Tensor(
                    sums, shape: [length],
                    dtype: weights.dtype == .float32 && weights.kind == .real ? .float32 : .float64))
        },
        Builtin(
            "histc(input, bins=100, min=0, max=0)",
            "counts in bins equal-width bins between min and max (the data's when both are 0)"
        ) {
            call in
            let input = try call.tensor("input")
            let bins = try call.int("bins")
            guard bins > 0 else {
                throw LanguageError.said(.argument, .histcBins, ["bins": bins], at: call.range(of: "bins"))
            }
            try checkCount(bins, call)
            let values = input.scalarsAsDoubles()
            var (low, high) = (try call.double("min"), try call.double("max"))
            if low == high, !values.isEmpty {
                (low, high) = (values.min() ?? 0, values.max() ?? 0)
            }
            if low == high {
                low -= 1
                high += 1
            }
            guard low < high else {
                throw LanguageError.said(.argument, .histcRange, ["min": low, "max": high], at: call.range)
            }
            var counts = Array(repeating: 0.0, count: bins)
            for v in values where v >= low && v <= high {
                // Saturating: between ±1e308 the width overflows to infinity and the ratio to NaN.
                let bin = Swift.max(
                    0, Swift.min(Int(saturating: (v - low) * Double(bins) / (high - low)), bins - 1))
                counts[bin] += 1
            }
            let type: DType = input.kind == .real ? input.dtype : .float32
            return .tensor(try Tensor(counts, shape: [bins], dtype: type))
        },
        Builtin(
            "searchsorted(sorted_sequence, input, out_int32=False, right=False, side=None)",
            "where each value would be inserted into the sorted sequence to keep it sorted"
        ) { call in
            let sequence = try call.tensor("sorted_sequence")
            let right = try call.optionalString("side").map { $0 == "right" } ?? call.bool("right")
            let input: Tensor
            if case .tensor(let tensor) = try call.value("input") {
                input = tensor
            } else {
                input = try call.tensorOrNumber("input")
            }
            let rows = sequence.rank <= 1 ? 1 : sequence.shape.dropLast().reduce(1, *)
            let width = sequence.rank == 0 ? 1 : sequence.shape[sequence.rank - 1]
            guard sequence.rank <= 1 || Array(sequence.shape.dropLast()) == Array(input.shape.dropLast())
            else {
                throw LanguageError.said(
                    .shape, .searchsortedShapes, ["sequence": sequence.shape, "input": input.shape],
                    at: call.range)
            }
            let boundaries = sequence.scalarsAsDoubles()
            let values = input.scalarsAsDoubles()
            let perRow = rows == 1 ? values.count : (input.shape.last ?? 1)
            let positions = values.enumerated().map { i, v -> Int in
                let row = rows == 1 ? 0 : i / Swift.max(perRow, 1)
                let line = boundaries[(row * width)..<(row * width + width)]
                var (lo, hi) = (0, width)
                while lo < hi {
                    let mid = (lo + hi) / 2
                    let b = line[line.startIndex + mid]
                    if right ? b <= v : b < v { lo = mid + 1 } else { hi = mid }
                }
                return lo
            }
            return .tensor(try Tensor(positions, shape: input.shape))
        },
        Builtin("cummax(input, dim)", "(values, indices) of the running largest element along dim") { call in
            try runningExtreme(call, largest: true)
        },
        Builtin("cummin(input, dim)", "(values, indices) of the running smallest element along dim") { call in
            try runningExtreme(call, largest: false)
        },
        Builtin(
            "mode(input, dim=-1, keepdim=False)",
            "(values, indices) of the most frequent value along dim (the smallest of a tie)"
        ) {
            call in
            let input = try call.tensor("input")
            return try picked(input, try call.int("dim"), keepDim: try call.bool("keepdim"), call) {
                line, size in
                // In ascending order: the last element of the longest run (the smallest value of a tie).
                let sorted = line.sorted()
                var (best, bestCount, count) = (0, 0, 0)
                for r in 0..<size {
                    count = r > 0 && sorted[r] == sorted[r - 1] ? count + 1 : 1
                    if count > bestCount { (best, bestCount) = (r, count) }
                }
                return best
            }
        },
        Builtin(
            "quantile(input, q, dim=None, keepdim=False, interpolation='linear')",
            "the q-th quantiles (q in [0, 1]) of the flattened input or along dim"
        ) { call in
            try quantile(call)
        },
        Builtin(
            "meshgrid(*tensors, indexing='ij')",
            "coordinate grids: each 1-d tensor expanded along its own dimension"
        ) {
            call in
            var tensors: [Tensor] = []
            for (i, value) in call.rest.enumerated() {
                switch value {
                case .tensor(let tensor): tensors.append(tensor)
                case .list(let items),
                    .tuple(let items) where call.rest.count == 1:
                    tensors = try items.map { item in
                        guard case .tensor(let tensor) = item else {
                            throw call.mismatch("tensors", .tensors)
                        }
                        return tensor
                    }
                default:
                    throw LanguageError(
                        .type,
                        .argumentType(
                            function: call.function, name: "tensors", expected: .tensors,
                            actual: value.typeName),
                        at: call.restRanges[i])
                }
            }
            let indexing = try call.string("indexing")
            guard indexing == "ij" || indexing == "xy" else {
                throw LanguageError.said(
                    .argument, .meshgridIndexing, ["indexing": indexing], at: call.range(of: "indexing"))
            }
            guard tensors.allSatisfy({ $0.rank <= 1 }) else {
                throw LanguageError.said(.argument, .meshgridVectors, at: call.range)
            }
            let sizes = tensors.map(\.count)
            var order = Array(sizes.indices)
            if indexing == "xy", order.count >= 2 { order.swapAt(0, 1) }
            let shape = order.map { sizes[$0] }
            return .tuple(
                try tensors.enumerated().map { i, tensor in
                    var view = Array(repeating: 1, count: shape.count)
                    view[order.firstIndex(of: i) ?? i] = tensor.count
                    return .tensor(try tensor.reshape(view).expand(to: shape))
                })
        },
        Builtin(
            "kron(input, other)", "the Kronecker product: every element of input times the whole of other"
        ) { call in
            var (a, b) = (try call.tensor("input"), try call.tensor("other"))
            let rank = Swift.max(a.rank, b.rank)
            a = try a.reshape(Array(repeating: 1, count: rank - a.rank) + a.shape)
            b = try b.reshape(Array(repeating: 1, count: rank - b.rank) + b.shape)
            let spreadA = try a.reshape(a.shape.flatMap { [$0, 1] })
            let spreadB = try b.reshape(b.shape.flatMap { [1, $0] })
            return .tensor(try (spreadA * spreadB).reshape(zip(a.shape, b.shape).map { $0 * $1 }))
        },
        Builtin(
            "block_diag(*tensors)", "the matrices (vectors as rows) placed along a diagonal, zeros elsewhere"
        ) { call in
            let blocks = try call.rest.indices.map { index -> Tensor in
                guard case .tensor(let tensor) = call.rest[index], tensor.rank <= 2 else {
                    throw LanguageError.said(.argument, .blockDiagInputs, at: call.restRanges[index])
                }
                return tensor.rank == 2 ? tensor : try tensor.reshape([1, -1])
            }
            let width = blocks.reduce(0) { $0 + $1.shape[1] }
            var left = 0
            var rows: [Tensor] = []
            let type =
                blocks.contains { $0.kind == .real }
                ? blocks.first { $0.kind == .real }?.scalarType ?? .float32
                : blocks.first?.scalarType ?? .float32
            for block in blocks {
                let right = width - left - block.shape[1]
                let h = block.shape[0]
                let pieces = [
                    try Tensor.zeros([h, left], dtype: type.storage).converted(to: type),
                    try block.converted(to: type),
                    try Tensor.zeros([h, right], dtype: type.storage).converted(to: type),
                ]
                rows.append(try Tensor.cat(pieces, dim: 1))
                left += block.shape[1]
            }
            guard !rows.isEmpty else { return .tensor(try Tensor.zeros([0, 0])) }
            return .tensor(try Tensor.cat(rows, dim: 0))
        },
        Builtin("trapezoid(y, x=None, dx=None, dim=-1)", "the trapezoidal-rule integral of y along dim") {
            call in
            .tensor(try trapezoid(call))
        },
        Builtin(
            "trapz(y, x=None, dx=None, dim=-1)",
            "the trapezoidal-rule integral of y along dim (trapezoid's old name)"
        ) { call in
            .tensor(try trapezoid(call))
        },
        Builtin(
            "scatter_add(input, dim, index, src)",
            "a copy of input with src's elements added at index along dim"
        ) { call in
            .tensor(try scatterAdd(try call.tensor("input"), call))
        },
        Builtin(
            "index_add(input, dim, index, source, *_, alpha=1)",
            "a copy of input with source's slices added at the positions index lists along dim"
        ) {
            call in
            .tensor(try indexAdd(try call.tensor("input"), call))
        },
        Builtin("logaddexp(input, other)", "log(eˣ + eʸ), computed stably") { call in
            let (a, b) = (try call.tensor("input"), try call.tensor("other"))
            let m = try Tensor.maximum(a, b).detach()
            return .tensor(try m + ((a - m).exp() + (b - m).exp()).log())
        },
    ]

    static let statisticsFunctional: [Builtin] = [
        Builtin("cosine_similarity(x1, x2, dim=1, eps=1e-08)", "x1·x2 / max(‖x1‖·‖x2‖, eps) along dim") {
            call in
            let (a, b) = (try call.tensor("x1"), try call.tensor("x2"))
            let dim = try call.int("dim")
            let eps = try call.double("eps")
            let shape = try Tensor.broadcastShape(a.shape, b.shape)
            let (x, y) = (try a.expand(to: shape), try b.expand(to: shape))
            let d = try x.normalizedDim(dim)
            let dot = try (x * y).sum(dim: d)
            let norms = try ((x * x).sum(dim: d) * (y * y).sum(dim: d)).clamp(min: eps * eps).sqrt()
            return .tensor(try dot / norms)
        },
        Builtin(
            "pairwise_distance(x1, x2, p=2.0, eps=1e-06, keepdim=False)",
            "‖x1 − x2 + eps‖_p along the last dimension"
        ) { call in
            let difference = try call.tensor("x1") - call.tensor("x2") + call.double("eps")
            return .tensor(
                try difference.norm(
                    p: try call.double("p"), dims: [difference.rank - 1], keepDim: try call.bool("keepdim")))
        },
        Builtin(
            "kl_div(input, target, size_average=None, reduce=None, reduction='mean', log_target=False)",
            "Kullback-Leibler divergence of log-probabilities input from target"
        ) {
            call in
            guard let reduction = KLReduction(rawValue: try call.string("reduction")) else {
                throw LanguageError.said(
                    .argument, .klDivReduction, ["reduction": try call.string("reduction")],
                    at: call.range(of: "reduction"))
            }
            return .tensor(
                try klDivergence(
                    try call.tensor("input"), try call.tensor("target"), reduction: reduction,
                    logTarget: try call.bool("log_target")))
        },
        Builtin(
            "huber_loss(input, target, reduction='mean', delta=1.0)",
            "½d² where |d| < delta, delta·(|d| − delta/2) elsewhere"
        ) { call in
            let delta = try call.double("delta")
            guard delta > 0 else {
                throw LanguageError.said(
                    .argument, .huberDelta, ["delta": delta], at: call.range(of: "delta"))
            }
            let losses =
                try smoothL1Loss(
                    try call.tensor("input"), try call.tensor("target"), reduction: .none, beta: delta)
                * delta
            switch try call.string("reduction") {
            case "none": return .tensor(losses)
            case "sum": return .tensor(try losses.sum())
            case "mean": return .tensor(try losses.mean())
            case let other:
                throw LanguageError.said(
                    .argument, .klDivReduction, ["reduction": other], at: call.range(of: "reduction"))
            }
        },
        Builtin("softmin(input, dim=None)", "softmax of −input along dim") { call in
            let input = try call.tensor("input")
            let dim =
                try call.optionalInt("dim") ?? (input.rank == 0 || input.rank == 1 || input.rank == 3 ? 0 : 1)
            return .tensor(try softmax(-input, dim: dim))
        },
    ]

    static let statisticsTorchOnly: [Builtin] = [
        Builtin("cdist(x1, x2, p=2.0)", "the p-norm distance between every row of x1 and every row of x2") {
            call in
            let (a, b) = (try call.tensor("x1"), try call.tensor("x2"))
            guard a.rank >= 2, b.rank >= 2, a.shape.last == b.shape.last else {
                throw LanguageError.said(.shape, .cdistShapes, ["a": a.shape, "b": b.shape], at: call.range)
            }
            let difference = try a.unsqueeze(-2) - b.unsqueeze(-3)
            return .tensor(try difference.norm(p: try call.double("p"), dims: [difference.rank - 1]))
        }
    ]

    static let statisticsModules: [Builtin] = [
        Builtin("Softmin(dim=None)", "the layer softmax(−x) along dim") { call in
            let dim = try call.optionalInt("dim")
            return .module(
                FunctionLayer("Softmin", settings: "dim=\(dim.map(String.init) ?? "None")") { x in
                    try softmax(-x, dim: dim ?? (x.rank == 0 || x.rank == 1 || x.rank == 3 ? 0 : 1))
                })
        }
    ]

    /// The index of each non-zero element, in row-major order.
    static func nonzeroIndices(_ input: Tensor) throws -> [[Int]] {
        let values = input.scalarsAsDoubles()
        var rows: [[Int]] = []
        var counter = Array(repeating: 0, count: input.rank)
        for (n, value) in values.enumerated() {
            if n % 4096 == 0 { try ComputeBudget.checkpoint() }
            if value != 0 { rows.append(counter) }
            var axis = counter.count - 1
            while axis >= 0 {
                counter[axis] += 1
                if counter[axis] < input.shape[axis] { break }
                counter[axis] = 0
                axis -= 1
            }
        }
        return rows
    }

    /// A length a learner's arguments ask for, within the element limit.
    static func checkCount(_ count: Int, _ call: Call) throws {
        let limit = call.evaluator.options.maxElements
        guard count <= limit else {
            throw LanguageError.said(
                .limit, .listOverLimit, ["count": count, "limit": limit], at: call.range)
        }
    }

    /// `cummax` / `cummin`: the running extreme's values (gathered, so differentiable) and the
    /// index where it was last reached (ties move the index on, as PyTorch's `>=`).
    static func runningExtreme(_ call: Call, largest: Bool) throws -> Value {
        let input = try call.tensor("input")
        let dim = try call.int("dim")
        guard input.rank > 0 else {
            _ = try input.normalizedDim(dim)
            return .tuple([.tensor(input), .tensor(try Tensor([0], shape: []))])
        }
        let d = try input.normalizedDim(dim)
        let size = input.shape[d]
        let inner = input.shape[(d + 1)...].reduce(1, *)
        let outer = input.shape[..<d].reduce(1, *)
        let values = input.scalarsAsDoubles()
        var indices = Array(repeating: 0, count: values.count)
        for o in 0..<outer {
            try ComputeBudget.checkpoint()
            for i in 0..<inner {
                var best = 0
                for r in 0..<size {
                    let at = (o * size + r) * inner + i
                    let (value, current) = (values[at], values[(o * size + best) * inner + i])
                    if value.isNaN || (!current.isNaN && (largest ? value >= current : value <= current)) {
                        best = r
                    }
                    indices[at] = best
                }
            }
        }
        let positions = try Tensor(indices, shape: input.shape)
        return .tuple([.tensor(try gather(input, d, positions, call)), .tensor(positions)])
    }

    /// `torch.quantile`: sorted values gathered (so differentiable) and interpolated.
    static func quantile(_ call: Call) throws -> Value {
        var input = try call.tensor("input")
        guard input.kind == .real else {
            throw LanguageError.said(
                .type, .quantileReal, ["dtype": input.scalarType.rawValue], at: call.range(of: "input"))
        }
        let qValue = try call.value("q")
        let qs: [Double]
        let scalarQ: Bool
        if case .tensor(let tensor) = qValue {
            guard tensor.rank <= 1 else {
                throw LanguageError.said(.argument, .quantileQ, at: call.range(of: "q"))
            }
            qs = tensor.scalarsAsDoubles()
            scalarQ = tensor.rank == 0
        } else {
            qs = [try call.double("q")]
            scalarQ = true
        }
        guard qs.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw LanguageError.said(.argument, .quantileQ, at: call.range(of: "q"))
        }
        let interpolation = try call.string("interpolation")
        guard ["linear", "lower", "higher", "nearest", "midpoint"].contains(interpolation) else {
            throw LanguageError.said(
                .argument, .quantileInterpolation, ["name": interpolation],
                at: call.range(of: "interpolation"))
        }
        let keepDim = try call.bool("keepdim")
        var dim: Int
        let flattened = call.isNone("dim")
        if flattened {
            input = try input.reshape([-1])
            dim = 0
        } else {
            dim = try input.normalizedDim(try call.int("dim"))
            if input.rank == 0 { input = try input.reshape([1]) }
        }
        let n = input.shape[dim]
        guard n > 0 else {
            throw LanguageError.said(.argument, .medianEmpty, ["function": call.function], at: call.range)
        }
        let sorted = try gather(input, dim, try order(input, dim: dim, descending: false), call)
        var results: [Tensor] = []
        for q in qs {
            let position = q * Double(n - 1)
            var (low, high) = (Int(position.rounded(.down)), Int(position.rounded(.up)))
            var weight = position - Double(low)
            switch interpolation {
            case "lower": high = low
            case "higher": low = high
            case "nearest":
                let nearest = Int(position.rounded(.toNearestOrEven))
                (low, high) = (nearest, nearest)
            case "midpoint": weight = low == high ? 0 : 0.5
            default: break
            }
            let a = try sorted.narrow(dim: dim, start: low, length: 1)
            let b = try sorted.narrow(dim: dim, start: high, length: 1)
            // A line holding NaN has the quantile NaN (NaN sorts last).
            let last = try sorted.narrow(dim: dim, start: n - 1, length: 1)
            var value = low == high ? a : try a + (b - a) * weight
            value = try Tensor.where(try last.ne(last), last, value)
            if flattened {
                value =
                    try keepDim
                    ? value.reshape(Array(repeating: 1, count: try call.tensor("input").rank))
                    : value.reshape([])
            } else if !keepDim {
                value = try value.squeeze(dim: dim)
            }
            results.append(value)
        }
        if scalarQ { return .tensor(results[0]) }
        return .tensor(try Tensor.stack(results, dim: 0))
    }

    /// `torch.trapezoid(y, x=None, dx=None, dim=-1)`.
    static func trapezoid(_ call: Call) throws -> Tensor {
        let y = try call.tensor("y")
        let d = try y.normalizedDim(try call.int("dim"))
        guard y.rank > 0 else { return try y * 0 }
        let n = y.shape[d]
        guard n > 1 else { return try y.sum(dim: d) * 0 }
        let pairs = try y.narrow(dim: d, start: 1, length: n - 1) + y.narrow(dim: d, start: 0, length: n - 1)
        if let x = try call.optionalTensor("x") {
            let xd = x.rank == 1 ? d : try x.normalizedDim(try call.int("dim"))
            var widths =
                try x.narrow(dim: xd, start: 1, length: n - 1) - x.narrow(dim: xd, start: 0, length: n - 1)
            if x.rank == 1, y.rank > 1 {
                var view = Array(repeating: 1, count: y.rank)
                view[d] = n - 1
                widths = try widths.reshape(view)
            }
            return try (pairs * widths).sum(dim: d) / 2
        }
        let dx = try call.optionalDouble("dx") ?? 1
        return try pairs.sum(dim: d) * (dx / 2)
    }

    /// `scatter_add(input, dim, index, src)`: input plus a one-hot product that adds each src
    /// element at its position (repeats add up), so both gradients come from the product.
    static func scatterAdd(_ input: Tensor, _ call: Call) throws -> Tensor {
        let index = try call.tensor("index")
        let positions = try flatPositions(input.shape, try call.int("dim"), index, call)
        let src = try call.tensor("src")
        let srcShape = src.shape.isEmpty ? [1] : src.shape
        let indexShape = index.shape.isEmpty ? [1] : index.shape
        guard srcShape.count == indexShape.count, zip(indexShape, srcShape).allSatisfy({ $0 <= $1 }) else {
            throw LanguageError.said(
                .argument, .indexRank, ["function": call.function, "rank": src.rank, "got": index.rank],
                at: call.range(of: "src"))
        }
        var part = src.rank == 0 ? try src.reshape([1]) : src
        for axis in indexShape.indices where indexShape[axis] < srcShape[axis] {
            part = try part.narrow(dim: axis, start: 0, length: indexShape[axis])
        }
        return try addAt(input, positions, try part.reshape([-1]), call)
    }

    /// `index_add(input, dim, index, source, alpha)`: source's slice k added to input's slice
    /// index[k] along dim.
    static func indexAdd(_ input: Tensor, _ call: Call) throws -> Tensor {
        let index = try call.tensor("index")
        let source = try call.tensor("source")
        guard index.kind.isIntegral, index.rank <= 1 else {
            throw LanguageError.said(
                .argument, .indexSelectVector, ["rank": index.rank], at: call.range(of: "index"))
        }
        let d = try input.normalizedDim(try call.int("dim"))
        var expected = input.shape.isEmpty ? [1] : input.shape
        let picks = index.scalarsAsDoubles().map { Int(saturating: $0) }
        expected[d] = picks.count
        guard (source.shape.isEmpty ? [1] : source.shape) == expected else {
            throw LanguageError.said(
                .shape, .indexAddSource, ["shape": source.shape, "expected": expected],
                at: call.range(of: "source"))
        }
        let size = input.shape.isEmpty ? 1 : input.shape[d]
        let inner = expected[(d + 1)...].reduce(1, *)
        let outer = expected[..<d].reduce(1, *)
        var positions: [Int] = []
        for o in 0..<outer {
            for pick in picks {
                guard pick >= -size, pick < size else {
                    throw LanguageError.said(
                        .argument, .indexOutOfBounds,
                        ["function": call.function, "index": pick, "dim": d, "size": size],
                        at: call.range(of: "index"))
                }
                let row = pick < 0 ? pick + size : pick
                for i in 0..<inner { positions.append((o * size + row) * inner + i) }
            }
        }
        return try addAt(input, positions, try source.reshape([-1]) * call.double("alpha"), call)
    }

    /// input with `values[k]` added at flat position `positions[k]`: a one-hot `[k, n]` product.
    /// The one-hot matrix `addAt` builds is in memory: at most ten million entries.
    static let addAtLimit = 10_000_000

    static func addAt(_ input: Tensor, _ positions: [Int], _ values: Tensor, _ call: Call) throws -> Tensor {
        let n = Swift.max(input.count, 1)
        let limit = Swift.min(call.evaluator.options.maxElements, addAtLimit)
        guard positions.count * n <= limit else {
            throw LanguageError.said(
                .limit, .listOverLimit, ["count": positions.count * n, "limit": limit], at: call.range)
        }
        let onehot = try Tensor(
            positions.flatMap { p in (0..<n).map { $0 == p ? 1.0 : 0.0 } }, shape: [positions.count, n],
            dtype: input.kind == .real ? input.dtype : .float32)
        let x = input.kind == .real ? input : try input.float()
        let row = try values.reshape([1, positions.count]).converted(to: x.scalarType)
        let added = try Tensor.matmul(row, onehot).reshape(input.shape)
        let sum = try x + added
        return input.kind == .real ? sum : try sum.converted(to: input.scalarType)
    }
}

extension Builtins {
    /// `kl_div`'s reductions; `batchmean` divides the sum by the batch size (the divergence).
    enum KLReduction: String, Sendable {
        case none, sum, mean, batchmean
    }

    /// PyTorch's `kl_div(input, target)`: `target · (log target − input)` elementwise (0 where the
    /// target is 0), or `exp(target) · (target − input)` with `log_target`, then reduced.
    static func klDivergence(_ input: Tensor, _ target: Tensor, reduction: KLReduction, logTarget: Bool)
        throws
        -> Tensor
    {
        let pointwise: Tensor
        if logTarget {
            pointwise = try target.exp() * (target - input)
        } else {
            let positive = try target.gt(Tensor(0))
            let safe = try Tensor.where(positive, target, Tensor(1, dtype: target.dtype))
            pointwise =
                try Tensor.where(positive, target * safe.log(), Tensor(0, dtype: target.dtype)) - target
                * input
        }
        switch reduction {
        case .none: return pointwise
        case .sum: return try pointwise.sum()
        case .mean: return try pointwise.mean()
        case .batchmean: return try pointwise.sum() / Double(input.rank == 0 ? 1 : input.shape[0])
        }
    }
}
