/// One entry of a subscript that may also be a tensor: PyTorch's advanced indexing,
/// `x[mask]`, `x[idx]`, `x[:, [0, 2]]`.
public enum AdvancedIndex: Sendable {
    /// A basic entry (an int, a slice, `None`, `...`).
    case basic(TensorIndex)
    /// A tensor of positions (integer) or a mask (boolean).
    case tensor(Tensor)
}

extension Tensor {
    /// `self[items…]` where one item may be a tensor (PyTorch advanced indexing):
    /// - an integer tensor picks positions along its dimension: `x[tensor([2, 0])]` has shape
    ///   `[2] + x.shape[1...]`; the result dimensions take the index's shape, at the position of
    ///   the index, and negative positions count from the end;
    /// - a boolean mask of `k` dimensions selects the elements (rows) where it is true, in
    ///   row-major order: `x[x > 0]` is one-dimensional.
    /// - several index tensors (`x[rows, cols]`, `logp[torch.arange(n), target]`) are broadcast
    ///   together to one shape `B`, a mask counting as its true positions (one index per
    ///   dimension it covers); the result has `B` where they stand when they stand side by side,
    ///   and `B` first otherwise (NumPy's and PyTorch's rule).
    /// Backward: the gradient is added back at the picked positions (repeats accumulate).
    /// - Throws: `CNNError` for index tensors that do not broadcast together, a real-valued index
    ///   tensor, a position out of range, or a mask whose shape does not match the dimensions it
    ///   indexes.
    public func indexed(advanced items: [AdvancedIndex]) throws -> Tensor {
        let tensorItems = items.indices.filter { if case .tensor = items[$0] { true } else { false } }
        var basic: [TensorIndex] = []
        for item in items { if case .basic(let index) = item { basic.append(index) } }
        guard let position = tensorItems.first else { return try indexed(basic) }
        guard tensorItems.count == 1 else { return try indexed(several: items) }
        guard case .tensor(let index) = items[position] else { return try indexed(basic) }
        guard index.kind != .real else {
            throw CNNError.argument(.indexTensorType, ["dtype": index.scalarType])
        }
        let isMask = index.kind == .boolean
        guard !isMask || index.rank > 0 else {
            throw CNNError.argument(.indexWithScalarMask)
        }
        let width = isMask ? index.rank : 1
        // Index the other entries first, with full slices where the tensor stands.
        var replaced: [TensorIndex] = []
        var outputDimsBefore = 0
        let consumed =
            basic.filter { if case .at = $0 { true } else if case .slice = $0 { true } else { false } }.count
            + width
        for (i, item) in items.enumerated() {
            switch item {
            case .tensor: replaced += Array(repeating: .all, count: width)
            case .basic(let entry):
                replaced.append(entry)
                guard i < position else { continue }
                switch entry {
                case .at: break
                case .slice, .newAxis: outputDimsBefore += 1
                case .ellipsis: outputDimsBefore += Swift.max(0, rank - consumed)
                }
            }
        }
        let selected = try indexed(replaced)
        let p = outputDimsBefore
        guard p + width <= selected.rank else {
            throw CNNError.argument(.tooManyIndices, ["rank": rank, "count": consumed, "shape": shape])
        }
        let flags = index.scalarsAsDoubles()
        if isMask {
            let indexed = Array(selected.shape[p..<p + width])
            guard indexed == index.shape else {
                throw CNNError.shape(.maskShape, ["mask": index.shape, "indexed": indexed, "position": p])
            }
            var merged = Array(selected.shape[..<p])
            merged.append(flags.count)
            merged += selected.shape[(p + width)...]
            let rows = flags.indices.filter { flags[$0] != 0 }
            return try selected.reshape(merged).taking(rows, along: [p], indexShape: [rows.count])
        }
        let size = selected.shape[p]
        let rows = try flags.map { value throws(CNNError) in
            try Tensor.wrappedPosition(Int(saturating: value), dimension: p, size: size)
        }
        return try selected.taking(rows, along: [p], indexShape: index.shape)
    }

    /// `self[items…]` with several tensor items (see `indexed(advanced:)`).
    private func indexed(several items: [AdvancedIndex]) throws -> Tensor {
        var widths: [Int] = []
        for item in items {
            guard case .tensor(let index) = item else {
                widths.append(0)
                continue
            }
            guard index.kind != .real else {
                throw CNNError.argument(.indexTensorType, ["dtype": index.scalarType])
            }
            guard index.kind != .boolean || index.rank > 0 else {
                throw CNNError.argument(.indexWithScalarMask)
            }
            widths.append(index.kind == .boolean ? index.rank : 1)
        }
        let consumed =
            items.filter {
                if case .basic(.at) = $0 { true } else if case .basic(.slice) = $0 { true } else { false }
            }.count + widths.reduce(0, +)
        // Index the other entries first, with full slices where the tensors stand, noting the
        // first dimension of the selection each tensor indexes.
        var replaced: [TensorIndex] = []
        var starts: [(item: Int, dim: Int)] = []
        var outputDims = 0
        for (i, item) in items.enumerated() {
            switch item {
            case .tensor:
                replaced += Array(repeating: .all, count: widths[i])
                starts.append((i, outputDims))
                outputDims += widths[i]
            case .basic(let entry):
                replaced.append(entry)
                switch entry {
                case .at: break
                case .slice, .newAxis: outputDims += 1
                case .ellipsis: outputDims += Swift.max(0, rank - consumed)
                }
            }
        }
        let selected = try indexed(replaced)
        guard outputDims <= selected.rank else {
            throw CNNError.argument(.tooManyIndices, ["rank": rank, "count": consumed, "shape": shape])
        }
        // One array of positions per indexed dimension.
        var arrays: [(dim: Int, positions: [Int], shape: [Int])] = []
        for (item, start) in starts {
            guard case .tensor(let index) = items[item] else { continue }
            let values = index.scalarsAsDoubles()
            if index.kind == .boolean {
                let indexed = Array(selected.shape[start..<start + index.rank])
                guard indexed == index.shape else {
                    throw CNNError.shape(
                        .maskShape, ["mask": index.shape, "indexed": indexed, "position": start])
                }
                let trues = values.indices.filter { values[$0] != 0 }
                for d in 0..<index.rank {
                    let stride = Tensor.product(Array(index.shape[(d + 1)...]))
                    arrays.append((start + d, trues.map { ($0 / stride) % index.shape[d] }, [trues.count]))
                }
            } else {
                let size = selected.shape[start]
                let positions = try values.map { value throws(CNNError) in
                    try Tensor.wrappedPosition(Int(saturating: value), dimension: start, size: size)
                }
                arrays.append((start, positions, index.shape))
            }
        }
        let common = try Tensor.broadcastIndexShapes(arrays.map(\.shape))
        let expanded = try arrays.map { try Tensor.broadcastPositions($0.positions, $0.shape, to: common) }
        let dims = arrays.map(\.dim)
        let sizes = dims.map { selected.shape[$0] }
        let rows = (0..<Tensor.product(common)).map { k in
            zip(expanded, sizes).reduce(0) { row, pair in row * pair.1 + pair.0[k] }
        }
        return try selected.taking(rows, along: dims, indexShape: common)
    }

    /// The shape several index tensors broadcast to.
    /// - Throws: `CNNError` when two of them do not broadcast.
    static func broadcastIndexShapes(_ shapes: [[Int]]) throws -> [Int] {
        do {
            return try shapes.reduce([]) { try Broadcasting.shape($0, $1) }
        } catch {
            let text = shapes.map { "\($0)" }.joined(separator: ", ")
            throw CNNError.shape(.indexShapesMismatch, ["shapes": text])
        }
    }

    /// `positions` (row-major, of `shape`) repeated as broadcasting to `target` repeats them.
    /// - Throws: `CNNError` from the compute budget.
    static func broadcastPositions(_ positions: [Int], _ shape: [Int], to target: [Int]) throws -> [Int] {
        let rows = RowIterator(shape: target, strides: [Broadcasting.strides(of: shape, broadcastTo: target)])
        let step = rows.rowStride(0)
        var result: [Int] = []
        result.reserveCapacity(product(target))
        try rows.forEachRow { offsets, length in
            var source = offsets[0]
            for _ in 0..<length {
                result.append(positions[source])
                source += step
            }
        }
        return result
    }

    /// The elements at `rows` of the dimensions `dims` taken together (a row counts their
    /// positions in row-major order), those dimensions replaced by `indexShape`: where they stood
    /// when they stand side by side, first otherwise (NumPy's and PyTorch's rule).
    func taking(_ rows: [Int], along dims: [Int], indexShape: [Int]) throws -> Tensor {
        let rest = (0..<rank).filter { !dims.contains($0) }
        let restShape = rest.map { shape[$0] }
        let front = try permute(dims + rest)
        let size = Tensor.product(dims.map { shape[$0] })
        let picked = try front.reshape([size, Tensor.product(restShape)]).gatherRows(rows)
        let gathered = try picked.reshape(indexShape + restShape)
        let adjacent = zip(dims, dims.dropFirst()).allSatisfy { $1 == $0 + 1 }
        guard adjacent, let first = dims.first, first > 0 else { return gathered }
        let m = indexShape.count
        let back = (0..<gathered.rank).map { j in j < first ? m + j : (j < first + m ? j - first : j) }
        return try gathered.permute(back)
    }

    /// `position` along a dimension of `size`, negative ones counting from the end.
    /// - Throws: `CNNError` for a position outside `-size..<size`.
    static func wrappedPosition(_ position: Int, dimension: Int, size: Int) throws(CNNError) -> Int {
        guard position >= -size, position < size else {
            throw .argument(.indexOutOfRange(index: position, dimension: dimension, size: size))
        }
        return position < 0 ? position + size : position
    }

    /// Rows `rows` of this `[size, width]` matrix, as a `[rows.count, width]` matrix.
    private func gatherRows(_ rows: [Int]) throws -> Tensor {
        let size = shape[0]
        let width = shape[1]
        let values = scalarsAsDoubles()
        let y = try Tensor.filled(shape: [rows.count, width], dtype: dtype, kind: kind) { i in
            values[rows[i / Swift.max(width, 1)] * width + i % Swift.max(width, 1)]
        }
        let source = self
        return y.recordingGradient(of: [source], op: "index") { g in
            var sums = [Double](repeating: 0, count: size * width)
            let gradient = g.scalarsAsDoubles()
            for (r, row) in rows.enumerated() {
                for c in 0..<width { sums[row * width + c] += gradient[r * width + c] }
            }
            return [try Tensor.filled(shape: [size, width], dtype: g.dtype, kind: .real) { sums[$0] }]
        }
    }
}

extension Tensor {
    /// This tensor with the elements `self[items…]` selects replaced by `value` (PyTorch's
    /// `x[mask] = v`, `x[:, idx] = v`, `x[1:, 0] = v`): `value` is converted to this tensor's type
    /// and broadcast to the selection's shape; a position picked twice keeps the last value.
    /// Backward: the gradient passes to this tensor where nothing was written, and to `value` from
    /// the positions it was written to.
    /// - Throws: `CNNError` for indices `indexed(advanced:)` refuses, or a value that does not
    ///   broadcast to the selection.
    public func replacing(advanced items: [AdvancedIndex], with value: Tensor) throws -> Tensor {
        // The positions the selection reads, found by selecting from their own flat indices
        // (float64, exact for every element count the budget allows).
        let positions = try withNoGrad {
            try Tensor.arange(0, Double(count), dtype: .float64).reshape(shape).indexed(advanced: items)
        }
        let targets = positions.scalarsAsDoubles().map { Int($0) }
        let source = try value.converted(to: scalarType).expand(to: positions.shape)
        let values = source.scalarsAsDoubles()
        var result = scalarsAsDoubles()
        var writers = [Int](repeating: -1, count: count)
        for (i, target) in targets.enumerated() {
            result[target] = values[i]
            writers[target] = i
        }
        let lastWriter = writers
        let y = try Tensor.filled(shape: shape, dtype: dtype, kind: kind) { result[$0] }
        let (inputShape, sourceShape) = (shape, source.shape)
        return y.recordingGradient(of: [self, source], op: "index_put") { g in
            let gradient = g.scalarsAsDoubles()
            let kept = try Tensor.filled(shape: inputShape, dtype: g.dtype, kind: .real) { i in
                lastWriter[i] < 0 ? gradient[i] : 0
            }
            let written = try Tensor.filled(shape: sourceShape, dtype: g.dtype, kind: .real) { i in
                lastWriter[targets[i]] == i ? gradient[targets[i]] : 0
            }
            return [kept, written]
        }
    }
}
