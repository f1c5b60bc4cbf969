/// The largest (or smallest) element along one dimension, and where it is: the loop behind
/// `max(dim:)`, `min(dim:)`, `argmax` and `argmin`.
///
/// The tensor is viewed as `[outer, size, inner]` around the reduced dimension; the loop runs over
/// `size` outside and `inner` inside, so memory is read in order. NaN wins (it propagates, as in
/// PyTorch), and among equal values the first index is kept.
struct ExtremumKernel: ScalarKernel {
    let x: Tensor
    let dim: Int
    let largest: Bool

    /// Values `[outer, 1, inner]`-shaped as the input with `dim` kept as 1, and their indices.
    func callAsFunction<T: TensorScalar>(_: T.Type) throws -> (values: Tensor, indices: Tensor) {
        let size = x.shape[dim]
        let outer = x.shape[..<dim].reduce(1, *)
        let inner = x.shape[(dim + 1)...].reduce(1, *)
        var keptShape = x.shape
        keptShape[dim] = 1
        let px = UnsafePointer(x.storage.pointer(as: T.self))
        var positions = [Int](repeating: 0, count: outer * inner)
        var meter = ElementMeter()
        let values = try Tensor(shape: keptShape, of: T.self, kind: x.kind) { best in
            try positions.withUnsafeMutableBufferPointer { (position) throws(CNNError) in
                for o in 0..<outer {
                    let base = px + o * size * inner
                    let bestRow = best.baseAddress! + o * inner
                    let positionRow = position.baseAddress! + o * inner
                    try meter.add(inner)
                    for i in 0..<inner { bestRow[i] = base[i] }
                    for r in 1..<max(size, 1) {
                        try meter.add(inner)
                        let row = base + r * inner
                        for i in 0..<inner {
                            let value = row[i]
                            let current = bestRow[i]
                            let better = largest ? value > current : value < current
                            if !current.isNaN && (better || value.isNaN) {
                                bestRow[i] = value
                                positionRow[i] = r
                            }
                        }
                    }
                }
            }
        }
        let indices = try Tensor(shape: keptShape, of: Float.self, kind: .integer) { out in
            for i in 0..<out.count { out[i] = Float(positions[i]) }
        }
        return (values, indices)
    }
}

extension ElementwiseKernels {
    /// Zeros of `shape` with `gradient[o, 0, i]` added at `[o, indices[o, 0, i], i]` along `dim`:
    /// the backward of `max(dim:)`/`min(dim:)`. `gradient` and `indices` have `shape` with `dim` as 1.
    static func scatterAlong(dim: Int, gradient: Tensor, indices: Tensor, shape: [Int]) throws -> Tensor {
        let size = shape[dim]
        let outer = shape[..<dim].reduce(1, *)
        let inner = shape[(dim + 1)...].reduce(1, *)
        let positions = indices.scalarsAsDoubles()
        let source = gradient.scalarsAsDoubles()
        return try Tensor.filled(shape: shape, dtype: gradient.dtype, kind: .real) { _ in 0 }
            .scattered { (out) throws(CNNError) in
                var meter = ElementMeter()
                for o in 0..<outer {
                    try meter.add(inner)
                    for i in 0..<inner {
                        let at = o * inner + i
                        out[(o * size + Int(positions[at])) * inner + i] += source[at]
                    }
                }
            }
    }
}

extension Tensor {
    /// This tensor with `body` applied to its elements as Double, written back in its dtype.
    fileprivate func scattered(_ body: (inout [Double]) throws(CNNError) -> Void) throws -> Tensor {
        var values = scalarsAsDoubles()
        try body(&values)
        return try Tensor.filled(shape: shape, dtype: dtype, kind: kind) { values[$0] }
    }
}
