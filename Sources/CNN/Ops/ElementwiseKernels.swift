/// The engine's elementwise and reduction hot loops. Every loop runs over raw pointers, one
/// innermost row at a time (`RowIterator`); the per-element function is a closure literal at each
/// call site, inlined by the optimiser into a specialised loop. Outputs that every path writes in
/// full are allocated without zeroing.
enum ElementwiseKernels {
    /// Elements per work item of an elementwise loop: 64 KiB of Float32, enough that handing out
    /// an item costs little.
    static let chunk = 1 << 14

    /// Elements a loop on one thread may run between two checks of the `ComputeBudget`: about
    /// 0.1 ms of the slowest per-element work in a release build, a millisecond or so in a debug
    /// one, so a deadline or cancel holds within milliseconds while the check (a task-local
    /// lookup and a clock read) costs nothing measurable.
    static let checkInterval = 1 << 16

    /// Runs `body` over `0..<count` in ranges of at most `checkInterval`, in order, on the calling
    /// thread, checking the current budget between ranges: for loops whose order matters
    /// (a cumulative sum, a random stream) or that are too small to fan out.
    /// - Throws: `CNNError.timeLimit` / `.cancelled` from the budget.
    @inline(__always)
    static func forEachRange(count: Int, _ body: (Range<Int>) -> Void) throws(CNNError) {
        guard count > checkInterval else {
            if count > 0 { body(0..<count) }
            return
        }
        let budget = ComputeBudget.current
        var start = 0
        while start < count {
            let end = start + Swift.min(checkInterval, count - start)
            body(start..<end)
            try budget?.check()
            start = end
        }
    }

    /// Runs `body` over `0..<count` in `chunk`-sized ranges, on several threads when there are
    /// enough elements to pay for waking them. The ranges depend only on `count`, so a loop whose
    /// elements are independent gives the same bits for every thread count.
    static func forEachChunk(count: Int, _ body: (Range<Int>) -> Void) throws(CNNError) {
        let chunks = (count + chunk - 1) / chunk
        let workers = Parallelism.workers(items: chunks, flops: Double(count))
        try Parallelism.forEach(count: chunks, workers: workers) { item, _ in
            body(item * chunk..<min(count, (item + 1) * chunk))
        }
    }

    /// `f(a, b)` with broadcasting; `a` and `b` already hold `T`.
    @inline(__always)
    static func binary<T: TensorScalar>(
        _ a: Tensor, _ b: Tensor, shape: [Int], kind: ElementKind, _ f: (T, T) -> T
    ) throws -> Tensor {
        // Fixed-width integers wrap as PyTorch's do (`uint8` 250 + 10 is 4); checked once here
        // so the common kinds keep the plain loop.
        if kind.wraps {
            return try wrappingBinary(a, b, shape: shape, kind: kind) { kind.wrapped(f($0, $1)) }
        }
        return try wrappingBinary(a, b, shape: shape, kind: kind, f)
    }

    @inline(__always)
    private static func wrappingBinary<T: TensorScalar>(
        _ a: Tensor, _ b: Tensor, shape: [Int], kind: ElementKind, _ f: (T, T) -> T
    ) throws -> Tensor {
        let pa = UnsafePointer(a.storage.pointer(as: T.self))
        let pb = UnsafePointer(b.storage.pointer(as: T.self))
        return try Tensor(uninitializedShape: shape, of: T.self, kind: kind) { out in
            let po = out.baseAddress!
            let n = out.count
            if a.count == n && b.count == n {
                try forEachChunk(count: n) { range in
                    for i in range { po[i] = f(pa[i], pb[i]) }
                }
            } else if a.count == n && b.count == 1 {
                let s = pb[0]
                try forEachChunk(count: n) { range in
                    for i in range { po[i] = f(pa[i], s) }
                }
            } else if a.count == 1 && b.count == n {
                let s = pa[0]
                try forEachChunk(count: n) { range in
                    for i in range { po[i] = f(s, pb[i]) }
                }
            } else {
                let rows = RowIterator(
                    shape: shape,
                    strides: [
                        Broadcasting.strides(of: a.shape, broadcastTo: shape),
                        Broadcasting.strides(of: b.shape, broadcastTo: shape),
                        Tensor.contiguousStrides(shape),
                    ])
                let strideA = rows.rowStride(0)
                let strideB = rows.rowStride(1)
                try rows.forEachRow { offsets, length in
                    var ia = offsets[0]
                    var ib = offsets[1]
                    let row = po + offsets[2]
                    for j in 0..<length {
                        row[j] = f(pa[ia], pb[ib])
                        ia += strideA
                        ib += strideB
                    }
                }
            }
        }
    }

    /// `f(x)` for every element of `x`, which holds `T`.
    @inline(__always)
    static func unary<T: TensorScalar>(_ x: Tensor, kind: ElementKind, _ f: (T) -> T) throws -> Tensor {
        // `-x` of a `uint8` tensor wraps (`-1` is `255`), as in PyTorch.
        if kind.wraps { return try plainUnary(x, kind: kind) { kind.wrapped(f($0)) } }
        return try plainUnary(x, kind: kind, f)
    }

    @inline(__always)
    private static func plainUnary<T: TensorScalar>(_ x: Tensor, kind: ElementKind, _ f: (T) -> T) throws
        -> Tensor
    {
        let px = UnsafePointer(x.storage.pointer(as: T.self))
        return try Tensor(uninitializedShape: x.shape, of: T.self, kind: kind) { out in
            let po = out.baseAddress!
            try forEachChunk(count: out.count) { range in
                for i in range { po[i] = f(px[i]) }
            }
        }
    }

    /// A contiguous tensor of `shape` whose element at index `i` is `x`'s element at
    /// `offset + Σ i[d]·strides[d]`: the one copy behind expand, permute, slicing and flip.
    static func gather(_ x: Tensor, offset: Int, strides: [Int], shape: [Int]) throws -> Tensor {
        switch x.dtype {
        case .float32: try gather(x, offset: offset, strides: strides, shape: shape, as: Float.self)
        case .float64: try gather(x, offset: offset, strides: strides, shape: shape, as: Double.self)
        }
    }

    private static func gather<T: TensorScalar>(
        _ x: Tensor, offset: Int, strides: [Int], shape: [Int], as: T.Type
    ) throws -> Tensor {
        let px = UnsafePointer(x.storage.pointer(as: T.self)) + offset
        return try Tensor(uninitializedShape: shape, of: T.self, kind: x.kind) { out in
            let po = out.baseAddress!
            let rows = RowIterator(shape: shape, strides: [strides, Tensor.contiguousStrides(shape)])
            let step = rows.rowStride(0)
            try rows.forEachRow { offsets, length in
                var source = offsets[0]
                let row = po + offsets[1]
                for j in 0..<length {
                    row[j] = px[source]
                    source += step
                }
            }
        }
    }

    /// Sums `x` over the dimensions flagged in `reduced`, keeping them as size 1. Accumulates in
    /// Double whatever the dtype, so float32 sums of many terms stay accurate.
    static func sum(_ x: Tensor, reduced: [Bool]) throws -> Tensor {
        switch x.dtype {
        case .float32: try sum(x, reduced: reduced, as: Float.self)
        case .float64: try sum(x, reduced: reduced, as: Double.self)
        }
    }

    private static func sum<T: TensorScalar>(_ x: Tensor, reduced: [Bool], as: T.Type) throws -> Tensor {
        let keptShape = x.shape.indices.map { reduced[$0] ? 1 : x.shape[$0] }
        let keptStrides = Tensor.contiguousStrides(keptShape)
        let outStrides = x.shape.indices.map { reduced[$0] ? 0 : keptStrides[$0] }
        let px = UnsafePointer(x.storage.pointer(as: T.self))
        var totals = [Double](repeating: 0, count: Tensor.product(keptShape))
        try totals.withUnsafeMutableBufferPointer { (totals) throws(CNNError) in
            let pt = totals.baseAddress!
            let rows = RowIterator(shape: x.shape, strides: [x.strides, outStrides])
            let inStep = rows.rowStride(0)
            let outStep = rows.rowStride(1)
            try rows.forEachRow { offsets, length in
                var source = offsets[0]
                if outStep == 0 {
                    var rowSum = 0.0
                    for _ in 0..<length {
                        rowSum += Double(px[source])
                        source += inStep
                    }
                    pt[offsets[1]] += rowSum
                } else {
                    var target = offsets[1]
                    for _ in 0..<length {
                        pt[target] += Double(px[source])
                        source += inStep
                        target += outStep
                    }
                }
            }
        }
        return try Tensor(shape: keptShape, of: T.self, kind: x.kind == .real ? .real : .integer) { out in
            for i in 0..<out.count { out[i] = T(totals[i]) }
        }
    }
}

extension ElementwiseKernels {
    /// A zero tensor of `shape` with `values` (contiguous, of shape `valuesShape`) added at the
    /// positions `offset + Σ i[d]·strides[d]`: the backward of `gather`.
    static func scatter(_ values: Tensor, into shape: [Int], offset: Int, strides: [Int]) throws -> Tensor {
        switch values.dtype {
        case .float32: try scatter(values, into: shape, offset: offset, strides: strides, as: Float.self)
        case .float64: try scatter(values, into: shape, offset: offset, strides: strides, as: Double.self)
        }
    }

    private static func scatter<T: TensorScalar>(
        _ values: Tensor, into shape: [Int], offset: Int, strides: [Int], as: T.Type
    ) throws -> Tensor {
        let pv = UnsafePointer(values.storage.pointer(as: T.self))
        return try Tensor(shape: shape, of: T.self) { out in
            let po = out.baseAddress! + offset
            let rows = RowIterator(shape: values.shape, strides: [strides, values.strides])
            let step = rows.rowStride(0)
            try rows.forEachRow { offsets, length in
                var target = offsets[0]
                let row = pv + offsets[1]
                for j in 0..<length {
                    po[target] += row[j]
                    target += step
                }
            }
        }
    }
}
