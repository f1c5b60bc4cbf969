/// `max(0, x)` elementwise, PyTorch's `relu`. Gradient: 1 where `x > 0`, else 0 (also at 0).
/// - Throws: `CNNError` only for a budget refusal.
public func relu(_ input: Tensor) throws -> Tensor { try activate(.relu, input) }

/// `x` where `x > 0`, else `negativeSlope · x`, PyTorch's `leaky_relu`; the slope keeps a small
/// gradient alive for negative inputs.
/// - Throws: `CNNError` only for a budget refusal.
public func leakyRelu(_ input: Tensor, negativeSlope: Double = 0.01) throws -> Tensor {
    try activate(.leakyRelu(slope: negativeSlope), input)
}

/// `1 / (1 + e^(−x))` elementwise, PyTorch's `sigmoid`. Gradient `σ(x)·(1 − σ(x))` is at most
/// 1/4, which is why deep sigmoid networks' gradients vanish.
/// - Throws: `CNNError` only for a budget refusal.
public func sigmoid(_ input: Tensor) throws -> Tensor { try activate(.sigmoid, input) }

/// The hyperbolic tangent elementwise, PyTorch's `tanh`. Gradient `1 − tanh²(x)`.
/// - Throws: `CNNError` only for a budget refusal.
public func tanh(_ input: Tensor) throws -> Tensor { try activate(.tanh, input) }

/// Runs an element-wise activation and records its derivative.
func activate(_ f: ReferenceActivation, _ x: Tensor) throws -> Tensor {
    if f == .relu && x.dtype == .float32 { return try fastRelu(x) }
    // relu keeps integers integers, as PyTorch does; the others produce real numbers.
    let kind: ElementKind = f == .relu ? x.kind : .real
    func forward<T: TensorScalar>(_: T.Type) throws -> Tensor {
        try x.withUnsafeBufferPointer(as: T.self) { src in
            try Tensor(shape: x.shape, of: T.self, kind: kind) { out in
                try ElementwiseKernels.forEachRange(count: out.count) { range in
                    f.forward(
                        input: UnsafeBufferPointer(rebasing: src[range]),
                        output: UnsafeMutableBufferPointer(rebasing: out[range]))
                }
            }
        }
    }
    let y = try x.dtype == .float32 ? forward(Float.self) : forward(Double.self)
    return y.recordingGradient(of: [x], op: f.name) { g in
        func backward<T: TensorScalar>(_: T.Type) throws -> Tensor {
            try g.withUnsafeBufferPointer(as: T.self) { gy in
                try x.withUnsafeBufferPointer(as: T.self) { src in
                    try y.withUnsafeBufferPointer(as: T.self) { out in
                        try Tensor(shape: x.shape, of: T.self) { gx in
                            try ElementwiseKernels.forEachRange(count: gx.count) { range in
                                f.backward(
                                    gradOutput: UnsafeBufferPointer(rebasing: gy[range]),
                                    input: UnsafeBufferPointer(rebasing: src[range]),
                                    output: UnsafeBufferPointer(rebasing: out[range]),
                                    gradInput: UnsafeMutableBufferPointer(rebasing: gx[range]))
                            }
                        }
                    }
                }
            }
        }
        return [try g.dtype == .float32 ? backward(Float.self) : backward(Double.self)]
    }
}

/// Float32 `relu` on the branch-free kernels of `FastActivation`, same results as the reference.
private func fastRelu(_ x: Tensor) throws -> Tensor {
    let y = try x.withUnsafeBufferPointer(as: Float.self) { src in
        try Tensor(uninitializedShape: x.shape, of: Float.self, kind: x.kind) { out throws(CNNError) in
            try FastActivation.reluForward(input: src, output: out)
        }
    }
    return y.recordingGradient(of: [x], op: ReferenceActivation.relu.name) { g in
        try g.withUnsafeBufferPointer(as: Float.self) { gy in
            try x.withUnsafeBufferPointer(as: Float.self) { src in
                [
                    try Tensor(uninitializedShape: x.shape, of: Float.self) { gx throws(CNNError) in
                        try FastActivation.reluBackward(gradOutput: gy, input: src, gradInput: gx)
                    }
                ]
            }
        }
    }
}
