import Wording

/// `exp(x_i) / Σ_j exp(x_j)` along `dim`, PyTorch's `softmax`: each slice along `dim` becomes
/// positive numbers summing to 1. Computed with the maximum subtracted, so large logits do not
/// overflow.
/// - Parameters:
///   - input: any tensor.
///   - dim: the axis to normalise; negative counts from the end (`-1` is the last).
/// - Throws: `CNNError` when `dim` is out of range.
public func softmax(_ input: Tensor, dim: Int) throws -> Tensor {
    try softmaxOperation(input, dim: dim, log: false)
}

/// `x_i − log Σ_j exp(x_j)` along `dim`, PyTorch's `log_softmax`: the logarithm of `softmax`,
/// computed directly so it stays finite where `softmax` would round to 0.
/// - Throws: `CNNError` when `dim` is out of range.
public func logSoftmax(_ input: Tensor, dim: Int) throws -> Tensor {
    try softmaxOperation(input, dim: dim, log: true)
}

/// Softmax or log-softmax over `dim` with its backward (which needs only the output).
func softmaxOperation(_ x: Tensor, dim: Int, log: Bool) throws -> Tensor {
    let name = log ? "log_softmax" : "softmax"
    let bound = max(x.rank, 1)
    guard dim >= -bound && dim < bound else {
        throw CNNError.argument(
            .softmaxDim,
            [
                "function": name, "dim": dim, "rank": x.rank, "shape": x.shape, "low": -bound,
                "high": bound - 1,
            ])
    }
    let d = dim < 0 ? dim + bound : dim
    let shape = x.shape.isEmpty ? [1] : x.shape
    let (outer, size, inner) = (shape[..<d].reduce(1, *), shape[d], shape[(d + 1)...].reduce(1, *))
    func forward<T: TensorScalar>(_: T.Type) throws -> Tensor {
        try x.withUnsafeBufferPointer(as: T.self) { src in
            try Tensor(shape: x.shape, of: T.self) { out in
                try ReferenceSoftmax.forward(
                    input: src, output: out, outer: outer, size: size, inner: inner, log: log)
            }
        }
    }
    let y = try x.dtype == .float32 ? forward(Float.self) : forward(Double.self)
    return y.recordingGradient(of: [x], op: name) { g in
        func backward<T: TensorScalar>(_: T.Type) throws -> Tensor {
            try g.withUnsafeBufferPointer(as: T.self) { gy in
                try y.withUnsafeBufferPointer(as: T.self) { out in
                    try Tensor(shape: x.shape, of: T.self) { gx in
                        try ReferenceSoftmax.backward(
                            gradOutput: gy, output: out, gradInput: gx, outer: outer, size: size,
                            inner: inner, log: log)
                    }
                }
            }
        }
        return [try g.dtype == .float32 ? backward(Float.self) : backward(Double.self)]
    }
}
