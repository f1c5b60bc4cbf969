/// Walks several strided operands of the same logical shape together, one innermost row at a
/// time, so kernels run a tight pointer loop per row instead of computing an index per element.
///
/// Dimensions of size 1 are dropped and neighbouring dimensions that are contiguous for every
/// operand are merged first, so `[N, C, H, W] + [C, 1, 1]` runs as rows of `H·W` elements.
struct RowIterator {
    /// The coalesced shape (at least one dimension).
    let shape: [Int]
    /// The coalesced strides, one array per operand.
    let strides: [[Int]]

    /// - Parameters:
    ///   - shape: the logical shape all operands are walked over.
    ///   - strides: per operand, its stride for each dimension of `shape` (0 to repeat, as in
    ///     broadcasting).
    init(shape: [Int], strides: [[Int]]) {
        var mergedShape: [Int] = []
        var mergedStrides: [[Int]] = strides.map { _ in [] }
        for dim in shape.indices where shape[dim] != 1 {
            if let last = mergedShape.last,
                strides.indices.allSatisfy({ strides[$0][dim] * shape[dim] == mergedStrides[$0].last! })
            {
                mergedShape[mergedShape.count - 1] = last * shape[dim]
                for operand in strides.indices {
                    mergedStrides[operand][mergedStrides[operand].count - 1] = strides[operand][dim]
                }
            } else {
                mergedShape.append(shape[dim])
                for operand in strides.indices { mergedStrides[operand].append(strides[operand][dim]) }
            }
        }
        if mergedShape.isEmpty {
            mergedShape = [1]
            mergedStrides = strides.map { _ in [0] }
        }
        self.shape = mergedShape
        self.strides = mergedStrides
    }

    /// Elements per row (the innermost coalesced dimension).
    var rowLength: Int { shape[shape.count - 1] }

    /// The stride of `operand` along a row.
    func rowStride(_ operand: Int) -> Int { strides[operand][shape.count - 1] }

    /// Calls `body` with each row's starting offset of every operand and its length, in
    /// row-major order. Rows longer than `ElementwiseKernels.checkInterval` come in pieces of at
    /// most that length, and the current `ComputeBudget` is checked every that many elements, so
    /// a copy or reduction of 10⁸ elements stops soon after a deadline or a cancel.
    /// - Throws: `CNNError.timeLimit` / `.cancelled` from the budget.
    @inline(__always)
    func forEachRow(_ body: (UnsafeBufferPointer<Int>, _ length: Int) -> Void) throws(CNNError) {
        let outerRank = shape.count - 1
        let operands = strides.count
        let total = shape.reduce(1, *)
        if total == 0 { return }
        let length = rowLength
        let rows = total / length
        let interval = ElementwiseKernels.checkInterval
        let budget = ComputeBudget.current
        var sinceCheck = 0
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * operands + outerRank) {
            (scratch) throws(CNNError) in
            let offsets = UnsafeMutableBufferPointer(rebasing: scratch[0..<operands])
            let piece = UnsafeMutableBufferPointer(rebasing: scratch[operands..<(2 * operands)])
            let counter = UnsafeMutableBufferPointer(rebasing: scratch[(2 * operands)...])
            offsets.initialize(repeating: 0)
            piece.initialize(repeating: 0)
            counter.initialize(repeating: 0)
            for _ in 0..<rows {
                if length <= interval {
                    body(UnsafeBufferPointer(offsets), length)
                    sinceCheck += length
                    if sinceCheck >= interval {
                        sinceCheck = 0
                        try budget?.check()
                    }
                } else {
                    var start = 0
                    while start < length {
                        let count = Swift.min(interval, length - start)
                        for operand in 0..<operands {
                            piece[operand] = offsets[operand] + start * strides[operand][outerRank]
                        }
                        body(UnsafeBufferPointer(piece), count)
                        try budget?.check()
                        start += count
                    }
                }
                // Advance the odometer over the outer dimensions, innermost first.
                var dim = outerRank - 1
                while dim >= 0 {
                    counter[dim] += 1
                    for operand in 0..<operands { offsets[operand] += strides[operand][dim] }
                    if counter[dim] < shape[dim] { break }
                    for operand in 0..<operands { offsets[operand] -= strides[operand][dim] * shape[dim] }
                    counter[dim] = 0
                    dim -= 1
                }
            }
        }
    }
}
