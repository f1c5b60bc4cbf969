import Wording

/// Changing dtype and reading values out.
extension Tensor {
    /// This tensor with elements converted to `dtype` (PyTorch `.to(dtype)`); `self` if it already
    /// has it. Gradients flow back converted to the original dtype.
    public func to(_ dtype: DType) throws -> Tensor {
        if dtype == self.dtype { return self }
        let source = self
        let converted: Tensor =
            switch (self.dtype, dtype) {
            case (.float32, .float64): try convert(from: Float.self, to: Double.self)
            case (.float64, .float32): try convert(from: Double.self, to: Float.self)
            default: preconditionFailure("unreachable dtype pair")
            }
        return converted.recordingGradient(of: [self], op: "to") { g in [try g.to(source.dtype)] }
    }

    private func convert<S: TensorScalar, D: TensorScalar>(from: S.Type, to: D.Type) throws -> Tensor {
        try withUnsafeBufferPointer(as: S.self) { source in
            try Tensor(shape: shape, of: D.self, kind: kind) { out in
                try ElementwiseKernels.forEachChunk(count: source.count) { range in
                    for i in range { out[i] = D(source[i]) }
                }
            }
        }
    }

    /// This tensor as real float32 numbers (PyTorch `.float()`): also turns boolean and integer
    /// tensors into ordinary numbers.
    public func float() throws -> Tensor {
        var result = try to(.float32)
        result.kind = .real
        return result
    }

    /// This tensor as real float64 numbers (PyTorch `.double()`).
    public func double() throws -> Tensor {
        var result = try to(.float64)
        result.kind = .real
        return result
    }

    /// The single value of a one-element tensor (PyTorch `.item()`).
    /// - Throws: `CNNError` if the tensor has more or fewer than one element.
    public func item() throws -> Double {
        guard count == 1 else {
            throw CNNError.argument(.itemOfMany, ["count": count, "shape": shape])
        }
        return scalarsAsDoubles()[0]
    }

    /// Every element in row-major order, as Double (exact for both dtypes).
    public func scalarsAsDoubles() -> [Double] {
        switch dtype {
        case .float32: withUnsafeBufferPointer(as: Float.self) { $0.map(Double.init) }
        case .float64: withUnsafeBufferPointer(as: Double.self) { Array($0) }
        }
    }

    /// Every element in row-major order, as Float (rounded for float64 tensors).
    public func scalarsAsFloats() -> [Float] {
        switch dtype {
        case .float32: withUnsafeBufferPointer(as: Float.self) { Array($0) }
        case .float64: withUnsafeBufferPointer(as: Double.self) { $0.map(Float.init) }
        }
    }
}
