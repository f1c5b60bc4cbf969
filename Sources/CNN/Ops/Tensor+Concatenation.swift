import Wording

/// Joining tensors: `cat` along an existing dimension, `stack` along a new one.
extension Tensor {
    /// The tensors joined along `dim` (PyTorch `torch.cat`): all must have the same rank and the
    /// same sizes except along `dim`. Backward: each input gets its slice of the gradient.
    /// - Throws: `CNNError` for an empty list or mismatched shapes, naming the offending tensor.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw CNNError.argument(.catExpectsANonEmpty)
        }
        guard first.rank > 0 else {
            throw CNNError.argument(.zeroDimensionalTensorAtPosition)
        }
        let d = try first.normalizedDim(dim)
        for (number, tensor) in tensors.enumerated() {
            guard tensor.rank == first.rank else {
                throw CNNError.shape(
                    .catRanks,
                    ["a": first.rank, "b": tensor.rank, "first": first.shape, "shape": tensor.shape])
            }
            for i in 0..<first.rank where i != d && tensor.shape[i] != first.shape[i] {
                throw CNNError.shape(
                    .catSizes,
                    [
                        "dim": d, "expected": first.shape[i], "got": tensor.shape[i], "number": number,
                        "first": first.shape, "shape": tensor.shape,
                    ])
            }
        }
        let dtype = tensors.map(\.dtype).reduce(DType.float32, DType.promoted)
        let kind = tensors.map(\.kind).reduce(tensors[0].kind) {
            $0 == $1 ? $0 : ElementKind.promoted($0, $1)
        }
        let parts = try tensors.map { try $0.detach().to(dtype) }
        var outShape = first.shape
        outShape[d] = tensors.reduce(0) { $0 + $1.shape[d] }
        let outer = first.shape[..<d].reduce(1, *)
        let blocks = parts.map { $0.shape[d...].reduce(1, *) }
        let outBlock = blocks.reduce(0, +)

        func join<T: TensorScalar>(_: T.Type) throws -> Tensor {
            try Tensor(shape: outShape, of: T.self, kind: kind) { out in
                var start = 0
                var meter = ElementMeter()
                for (part, block) in zip(parts, blocks) {
                    let source = UnsafePointer(part.storage.pointer(as: T.self))
                    for o in 0..<outer {
                        // In pieces, so that one block of 10⁸ elements still checks the budget.
                        var done = 0
                        repeat {
                            let piece = Swift.min(block - done, ElementwiseKernels.checkInterval)
                            try meter.add(piece)
                            (out.baseAddress! + o * outBlock + start + done).update(
                                from: source + o * block + done, count: piece)
                            done += piece
                        } while done < block
                    }
                    start += block
                }
            }
        }
        let y = dtype == .float32 ? try join(Float.self) : try join(Double.self)
        let sizes = tensors.map { $0.shape[d] }
        return y.recordingGradient(of: tensors, op: "cat") { g in
            var start = 0
            return try zip(tensors, sizes).map { tensor, size in
                defer { start += size }
                guard tensor.requiresGrad else { return nil }
                var index = [TensorIndex](repeating: .all, count: d)
                index.append(.slice(start, start + size))
                return try g.indexed(index)
            }
        }
    }

    /// The tensors, all of one shape, stacked along a new dimension `dim` (PyTorch `torch.stack`):
    /// three `[H, W]` images stacked at 0 give `[3, H, W]`.
    /// - Throws: `CNNError` for an empty list or differing shapes.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw CNNError.argument(.stackEmpty)
        }
        for (number, tensor) in tensors.enumerated() where tensor.shape != first.shape {
            throw CNNError.shape(
                .stackSizes, ["first": first.shape, "shape": tensor.shape, "number": number])
        }
        let d = try first.normalizedDim(dim, rank: first.rank + 1)
        return try cat(tensors.map { try $0.unsqueeze(d) }, dim: d)
    }
}
