/// Elementwise math functions, each with its derivative beside it.
extension Tensor {
    /// `eˣ` elementwise. Backward: `g·eˣ` (reusing the output).
    public func exp() throws -> Tensor {
        let y = try UnaryKernel.apply(.exp, to: self)
        return y.recordingGradient(of: [self], op: "exp") { g in [try g * y] }
    }

    /// Natural logarithm elementwise (`-inf` at 0, NaN below). Backward: `g/x`.
    public func log() throws -> Tensor {
        let x = self
        let y = try UnaryKernel.apply(.log, to: x)
        return y.recordingGradient(of: [x], op: "log") { g in [try g / x] }
    }

    /// Square root elementwise (NaN below 0). Backward: `g / (2·√x)`.
    public func sqrt() throws -> Tensor {
        let y = try UnaryKernel.apply(.sqrt, to: self)
        return y.recordingGradient(of: [self], op: "sqrt") { g in [try g / (y * 2)] }
    }

    /// Absolute value elementwise. Backward: `g·sign(x)`, 0 at 0 as in PyTorch.
    public func abs() throws -> Tensor {
        let x = self
        let y = try UnaryKernel.apply(.abs, to: x)
        return y.recordingGradient(of: [x], op: "abs") { g in [try g * x.sign()] }
    }

    /// −1, 0 or 1 by the sign of each element (PyTorch `torch.sign`). Its gradient is 0.
    public func sign() throws -> Tensor {
        let y = try UnaryKernel.apply(.sign, to: self)
        return y.recordingGradient(of: [self], op: "sign") { g in [try Tensor.zeros(like: g)] }
    }

    /// Each element limited to `[min, max]` (PyTorch `torch.clamp`); either bound may be omitted.
    /// Backward: `g` where `min ≤ x ≤ max`, 0 elsewhere.
    /// - Throws: `CNNError` when both bounds are omitted, as PyTorch does.
    public func clamp(min: Double? = nil, max: Double? = nil) throws -> Tensor {
        guard min != nil || max != nil else {
            throw CNNError.argument("clamp: at least one of 'min' or 'max' must not be None")
        }
        let x = self
        let y = try UnaryKernel.apply(.clamp(min: min, max: max), to: x)
        return y.recordingGradient(of: [x], op: "clamp") { g in
            var inside = try Tensor.ones(like: x)
            if let min { inside = try inside * (x >= min).float() }
            if let max { inside = try inside * (x <= max).float() }
            return [try g * inside]
        }
    }

    /// Elements of `a` where `condition` is nonzero and of `b` elsewhere, all three broadcast
    /// together (PyTorch `torch.where`). Backward: `g` flows to the chosen operand only.
    /// - Throws: `CNNError` when the three shapes cannot be broadcast together.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try Broadcasting.shape(Broadcasting.shape(condition.shape, a.shape), b.shape)
        let dtype = DType.promoted(a.dtype, b.dtype)
        let kernel = SelectKernel(
            condition: try condition.detach().to(dtype), a: try a.detach().to(dtype),
            b: try b.detach().to(dtype), shape: shape, kind: ElementKind.promoted(a.kind, b.kind))
        // A concrete switch in this file, so the kernel is specialised (see ElementwiseKernels).
        let y: Tensor =
            switch dtype {
            case .float32: try kernel(Float.self)
            case .float64: try kernel(Double.self)
            }
        return y.recordingGradient(of: [a, b], op: "where") { g in
            let zero = g.scalarLike(0)
            return [
                a.requiresGrad ? try Tensor.where(condition, g, zero).sumToShape(a.shape) : nil,
                b.requiresGrad ? try Tensor.where(condition, zero, g).sumToShape(b.shape) : nil,
            ]
        }
    }
}

/// `condition ? a : b` elementwise over three broadcast operands of one dtype.
private struct SelectKernel: ScalarKernel {
    let condition: Tensor
    let a: Tensor
    let b: Tensor
    let shape: [Int]
    let kind: ElementKind

    func callAsFunction<T: TensorScalar>(_: T.Type) throws -> Tensor {
        let pc = UnsafePointer(condition.storage.pointer(as: T.self))
        let pa = UnsafePointer(a.storage.pointer(as: T.self))
        let pb = UnsafePointer(b.storage.pointer(as: T.self))
        return try Tensor(shape: shape, of: T.self, kind: kind) { out in
            let po = out.baseAddress!
            let rows = RowIterator(
                shape: shape,
                strides: [
                    Broadcasting.strides(of: condition.shape, broadcastTo: shape),
                    Broadcasting.strides(of: a.shape, broadcastTo: shape),
                    Broadcasting.strides(of: b.shape, broadcastTo: shape),
                    Tensor.contiguousStrides(shape),
                ])
            let length = rows.rowLength
            let (stepC, stepA, stepB) = (rows.rowStride(0), rows.rowStride(1), rows.rowStride(2))
            rows.forEachRow { offsets in
                var (ic, ia, ib) = (offsets[0], offsets[1], offsets[2])
                let row = po + offsets[3]
                for j in 0..<length {
                    row[j] = pc[ic] != 0 ? pa[ia] : pb[ib]
                    ic += stepC
                    ia += stepA
                    ib += stepB
                }
            }
        }
    }
}
