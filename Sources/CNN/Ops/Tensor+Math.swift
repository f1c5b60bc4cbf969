import Wording

/// Elementwise math functions, each with its derivative beside it.
extension Tensor {
    /// `eˣ` elementwise. Backward: `g·eˣ` (reusing the output).
    public func exp() throws -> Tensor {
        let y = try dtype.dispatch(UnaryKernel(x: self, operation: .exp))
        return y.recordingGradient(of: [self], op: "exp") { g in [try g * y] }
    }

    /// Natural logarithm elementwise (`-inf` at 0, NaN below). Backward: `g/x`.
    public func log() throws -> Tensor {
        let x = self
        let y = try dtype.dispatch(UnaryKernel(x: x, operation: .log))
        return y.recordingGradient(of: [x], op: "log") { g in [try g / x] }
    }

    /// Square root elementwise (NaN below 0). Backward: `g / (2·√x)`.
    public func sqrt() throws -> Tensor {
        let y = try dtype.dispatch(UnaryKernel(x: self, operation: .sqrt))
        return y.recordingGradient(of: [self], op: "sqrt") { g in [try g / (y * 2)] }
    }

    /// Absolute value elementwise. Backward: `g·sign(x)`, 0 at 0 as in PyTorch.
    public func abs() throws -> Tensor {
        let x = self
        let y = try dtype.dispatch(UnaryKernel(x: x, operation: .abs))
        return y.recordingGradient(of: [x], op: "abs") { g in [try g * x.sign()] }
    }

    /// −1, 0 or 1 by the sign of each element (PyTorch `torch.sign`). Its gradient is 0.
    public func sign() throws -> Tensor {
        let y = try dtype.dispatch(UnaryKernel(x: self, operation: .sign))
        return y.recordingGradient(of: [self], op: "sign") { g in [try Tensor.zeros(like: g)] }
    }

    /// Each element limited to `[min, max]` (PyTorch `torch.clamp`); either bound may be omitted.
    /// Backward: `g` where `min < x < max`, 0 elsewhere (also at exactly `min` or `max`).
    /// - Throws: `CNNError` when both bounds are omitted, as PyTorch does.
    public func clamp(min: Double? = nil, max: Double? = nil) throws -> Tensor {
        guard min != nil || max != nil else {
            throw CNNError.argument(.clampAtLeastOneOf)
        }
        let x = self
        let y = try dtype.dispatch(UnaryKernel(x: x, operation: .clamp(min: min, max: max)))
        // The gradient passes strictly inside the bounds: 0 at exactly min or max, as PyTorch 2.15
        // computes it (checked with torch 2.15.0: clamp(0, 1) of [-1, 0, 0.5, 1, 2] has
        // gradient [0, 0, 1, 0, 0]; clamp(min=0) gives 0 at 0), and as relu is 0 at 0.
        return y.recordingGradient(of: [x], op: "clamp") { g in
            var inside = try Tensor.ones(like: x)
            if let min { inside = try inside * (x > min).float().to(g.dtype) }
            if let max { inside = try inside * (x < max).float().to(g.dtype) }
            return [try g * inside]
        }
    }

    /// Elements of `a` where `condition` is nonzero and of `b` elsewhere, all three broadcast
    /// together (PyTorch `torch.where`). Backward: `g` flows to the chosen operand only.
    /// - Throws: `CNNError` when the three shapes cannot be broadcast together.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try Broadcasting.shape(Broadcasting.shape(condition.shape, a.shape), b.shape)
        let dtype = DType.promoted(a.dtype, b.dtype)
        let (c, x, z) = try withNoGrad {
            (
                try condition.expand(to: shape).to(.float64), try a.expand(to: shape).to(dtype),
                try b.expand(to: shape).to(dtype)
            )
        }
        let kind = ElementKind.promoted(a.kind, rank: a.rank, b.kind, rank: b.rank)
        let choose = c.scalarsAsDoubles()
        let y: Tensor =
            switch dtype {
            case .float32: try select(choose, x, z, kind: kind, as: Float.self)
            case .float64: try select(choose, x, z, kind: kind, as: Double.self)
            }
        return y.recordingGradient(of: [a, b], op: "where") { g in
            let zero = g.scalarLike(0)
            return [
                a.requiresGrad ? try Tensor.where(condition, g, zero).sumToShape(a.shape) : nil,
                b.requiresGrad ? try Tensor.where(condition, zero, g).sumToShape(b.shape) : nil,
            ]
        }
    }

    private static func select<T: TensorScalar>(
        _ choose: [Double], _ a: Tensor, _ b: Tensor, kind: ElementKind, as: T.Type
    ) throws -> Tensor {
        try a.withUnsafeBufferPointer(as: T.self) { pa in
            try b.withUnsafeBufferPointer(as: T.self) { pb in
                try Tensor(shape: a.shape, of: T.self, kind: kind) { out in
                    try choose.withUnsafeBufferPointer { (choose) throws(CNNError) in
                        try ElementwiseKernels.forEachChunk(count: out.count) { range in
                            for i in range { out[i] = choose[i] != 0 ? pa[i] : pb[i] }
                        }
                    }
                }
            }
        }
    }
}
