/// The less common tensor functions a learner reaches for: `prod`, `norm`, `repeat`, `chunk`,
/// `split`, `einsum`, `masked_fill`, `isclose`. Each is built from differentiable primitives, so
/// it inherits their gradients.
extension Tensor {
    /// The product of the elements along `dim` (PyTorch `prod(dim)`), or of all of them.
    /// Multiplies the slices one after another, so that a zero element gets the right gradient.
    /// - Throws: `CNNError` for an out-of-range `dim`.
    public func product(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor {
        guard let dim else {
            let all = try reshape([count]).product(dim: 0)
            return keepDim ? try all.reshape([Int](repeating: 1, count: rank)) : all
        }
        let d = try normalizedDim(dim)
        let source = rank == 0 ? try reshape([1]) : self
        var slices = Array(repeating: TensorIndex.all, count: source.rank)
        var result: Tensor? = nil
        for i in 0..<source.shape[d] {
            // One small product per slice: a product of 10⁶ numbers is 10⁶ steps to interrupt.
            try ComputeBudget.checkpoint()
            slices[d] = .at(i)
            let slice = try source.indexed(slices)
            result = try result.map { try $0 * slice } ?? slice
        }
        var kept = source.shape
        kept.remove(at: d)
        let reducedResult =
            try result ?? Tensor.ones(kept, dtype: dtype).converted(to: kind == .real ? scalarType : .int64)
        if rank == 0 { return try reducedResult.reshape([]) }
        return keepDim ? try reducedResult.unsqueeze(d) : reducedResult
    }

    /// The p-norm over `dims` (all when nil), PyTorch `norm(p, dim)`: `(Σ|x|^p)^{1/p}`, the
    /// largest `|x|` for `p = ∞`. The gradient of the 2-norm at 0 is 0, as in PyTorch.
    /// - Throws: `CNNError` for bad dimensions or an integer tensor.
    public func norm(p: Double = 2, dims: [Int]? = nil, keepDim: Bool = false) throws -> Tensor {
        guard kind == .real else {
            throw CNNError.argument(.normNeedsFloat, ["dtype": scalarType])
        }
        let dims = dims ?? Array(shape.indices)
        if p == .infinity {
            var result = try abs()
            var normalized: [Int] = []
            for dim in dims { normalized.append(try normalizedDim(dim)) }
            for d in normalized.sorted(by: >) {
                result = try result.max(dim: d, keepDim: keepDim).values
            }
            return result
        }
        if p == 1 { return try abs().sum(dims: dims, keepDim: keepDim) }
        if p == 2 {
            let squares = try (self * self).sum(dims: dims, keepDim: keepDim)
            return try squares.pointwise(
                "norm", { $0.squareRoot() }, derivative: { $0 == 0 ? 0 : 0.5 / $0.squareRoot() })
        }
        return try abs().pow(p).sum(dims: dims, keepDim: keepDim).pow(1 / p)
    }

    /// The tensor tiled `sizes[i]` times along each dimension (PyTorch `repeat`); extra leading
    /// sizes add dimensions.
    /// - Throws: `CNNError` for fewer sizes than dimensions or a negative size.
    public func repeated(_ sizes: [Int]) throws -> Tensor {
        guard sizes.count >= rank else {
            throw CNNError.argument(.repeatTooFewSizes, ["count": sizes.count, "rank": rank])
        }
        guard sizes.allSatisfy({ $0 >= 0 }) else {
            throw CNNError.argument(.negativeSize, ["shape": sizes])
        }
        var result = try reshape([Int](repeating: 1, count: sizes.count - rank) + shape)
        // The result's size first: `repeat(2**31, 1)` would otherwise list 2³¹ copies to join.
        // (Their product counted first, so no single product below can overflow.)
        let outputCount = try Tensor.checkedCount(zip(result.shape, sizes).flatMap { [$0, $1] })
        let outputShape = zip(result.shape, sizes).map { $0 * $1 }
        let limit = ComputeBudget.current?.maxElements ?? TensorStorage.largestAllocation / 8
        if outputCount > limit {
            throw CNNError.tooLarge(shape: outputShape, elements: outputCount, limit: limit)
        }
        for (d, times) in sizes.enumerated() where times != 1 {
            guard times > 0 else {
                var emptyShape = result.shape
                emptyShape[d] = 0
                return try Tensor.zeros(emptyShape, dtype: dtype).converted(to: scalarType)
            }
            result = try Tensor.cat(Array(repeating: result, count: times), dim: d)
        }
        return result
    }

    /// Consecutive pieces along `dim` of the given sizes (PyTorch `torch.split` with a list).
    /// - Throws: `CNNError` when the sizes do not add up to the dimension.
    public func split(sizes: [Int], dim: Int = 0) throws -> [Tensor] {
        let d = try normalizedDim(dim)
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[d] else {
            throw CNNError.argument(.splitSizesSum, ["size": shape[d], "dim": dim, "sizes": sizes])
        }
        var start = 0
        var pieces: [Tensor] = []
        var slices = Array(repeating: TensorIndex.all, count: rank)
        for size in sizes {
            try ComputeBudget.checkpoint()
            slices[d] = .slice(start, start + size)
            pieces.append(try indexed(slices))
            start += size
        }
        return pieces
    }

    /// Pieces of `size` along `dim`, the last one shorter if needed (PyTorch `torch.split` with an int).
    /// - Throws: `CNNError` for a size that is not positive.
    public func split(size: Int, dim: Int = 0) throws -> [Tensor] {
        guard size > 0 else { throw CNNError.argument(.splitSize, ["size": size]) }
        let total = try self.size(dim)
        let sizes = Swift.stride(from: 0, to: total, by: size).map { Swift.min(size, total - $0) }
        return try split(sizes: sizes, dim: dim)
    }

    /// At most `chunks` pieces of ⌈size / chunks⌉ along `dim` (PyTorch `chunk`).
    /// - Throws: `CNNError` for a number of chunks that is not positive.
    public func chunked(_ chunks: Int, dim: Int = 0) throws -> [Tensor] {
        guard chunks > 0 else {
            throw CNNError.argument(.chunkCount, ["chunks": chunks])
        }
        let total = try size(dim)
        return try split(size: Swift.max(1, (total + chunks - 1) / chunks), dim: dim)
    }

    /// `value` where `mask` is true, this tensor elsewhere (PyTorch `masked_fill`); the mask
    /// broadcasts to this tensor's shape. The gradient flows where the mask is false.
    /// - Throws: `CNNError` for a mask that is not boolean or does not broadcast.
    public func maskedFill(_ mask: Tensor, _ value: Double) throws -> Tensor {
        guard mask.kind == .boolean else {
            throw CNNError.argument(.maskedFillMask, ["dtype": mask.scalarType])
        }
        let fill = Tensor(scalar: value, dtype: dtype, kind: kind == .real ? .real : kind)
        let expandedMask = try mask.expand(to: shape)
        var result = try Tensor.where(expandedMask, fill, self)
        if kind != .real && !requiresGrad { result.kind = kind }
        return result
    }

    /// `|a − b| ≤ atol + rtol·|b|` elementwise, a boolean tensor (PyTorch `isclose`); NaNs are
    /// equal only with `equalNaN`.
    /// - Throws: `CNNError` when the shapes do not broadcast.
    public static func isClose(
        _ a: Tensor, _ b: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNaN: Bool = false
    )
        throws -> Tensor
    {
        let shape = try Broadcasting.shape(a.shape, b.shape)
        let x = try withNoGrad { try a.expand(to: shape) }.scalarsAsDoubles()
        let y = try withNoGrad { try b.expand(to: shape) }.scalarsAsDoubles()
        return try Tensor.filled(shape: shape, dtype: .float32, kind: .boolean) { i in
            let (u, v) = (x[i], y[i])
            if u.isNaN || v.isNaN { return equalNaN && u.isNaN && v.isNaN ? 1 : 0 }
            return u == v || Swift.abs(u - v) <= atol + rtol * Swift.abs(v) ? 1 : 0
        }
    }

    /// Einstein summation (PyTorch `torch.einsum`) for equations of letters, such as `ij,jk->ik`,
    /// `bij,bjk->bik`, `i,i->`, `ij->ji`, `nchw->nc`; without `->` the output is the letters that
    /// appear once, in alphabetical order. Every operand is laid out over all letters and the
    /// broadcast product summed over the letters not kept, so the gradient is the product's.
    /// - Throws: `CNNError` for a malformed equation, a repeated letter inside one operand
    ///   (diagonals are not provided here), `...`, or sizes that disagree.
    public static func einsum(_ equation: String, _ operands: [Tensor]) throws -> Tensor {
        let compact = equation.filter { !$0.isWhitespace }
        guard !compact.contains(".") else { throw CNNError.argument(.einsumEllipsis) }
        let sides = compact.components(separatedBy: "->")
        guard sides.count <= 2 else {
            throw CNNError.argument(.einsumArrows)
        }
        let inputs = sides[0].split(separator: ",", omittingEmptySubsequences: false).map { Array($0) }
        guard inputs.count == operands.count else {
            throw CNNError.argument(
                .einsumOperandCount, ["operands": inputs.count, "tensors": operands.count])
        }
        var sizes: [Character: Int] = [:]
        var counts: [Character: Int] = [:]
        for (letters, operand) in zip(inputs, operands) {
            guard letters.allSatisfy(\.isLetter) else {
                throw CNNError.argument(.einsumSubscript, ["equation": equation])
            }
            guard Set(letters).count == letters.count else {
                throw CNNError.argument(.einsumDiagonal)
            }
            guard letters.count == operand.rank else {
                throw CNNError.argument(
                    .einsumSubscriptCount,
                    ["count": letters.count, "rank": operand.rank, "shape": operand.shape])
            }
            for (letter, size) in zip(letters, operand.shape) {
                counts[letter, default: 0] += 1
                if let known = sizes[letter], known != size, known != 1, size != 1 {
                    throw CNNError.shape(
                        .einsumBroadcast, ["letter": String(letter), "known": known, "size": size])
                }
                sizes[letter] = Swift.max(sizes[letter] ?? 1, size)
            }
        }
        let output: [Character] =
            sides.count == 2 ? Array(sides[1]) : counts.filter { $0.value == 1 }.map(\.key).sorted()
        guard Set(output).count == output.count, output.allSatisfy({ sizes[$0] != nil }) else {
            throw CNNError.argument(.einsumOutput, ["equation": equation])
        }
        let summed = sizes.keys.filter { !output.contains($0) }.sorted()
        let all = output + summed
        // The broadcast product spans every letter: refused before the operands are permuted
        // (copied), which for two 8000² matrices took seconds before the product was refused.
        let productShape = all.map { sizes[$0] ?? 1 }
        let productCount = try Tensor.checkedCount(productShape)
        if let budget = ComputeBudget.current, productCount > budget.maxElements {
            throw CNNError.tooLarge(shape: productShape, elements: productCount, limit: budget.maxElements)
        }
        var product: Tensor? = nil
        for (letters, operand) in zip(inputs, operands) {
            let present = all.filter { letters.contains($0) }
            let order = present.map { letter in letters.firstIndex(of: letter) ?? 0 }
            let permuted = try operand.permute(order)
            let laidOut = try permuted.reshape(
                all.map { letter in
                    letters.firstIndex(of: letter).map { operand.shape[$0] } ?? 1
                })
            product = try product.map { try $0 * laidOut } ?? laidOut
        }
        guard var result = product else {
            throw CNNError.argument(.einsumNoOperand)
        }
        if !summed.isEmpty {
            result = try result.sum(dims: Array(output.count..<all.count))
        }
        return try result.expand(to: output.map { sizes[$0] ?? 1 })
    }
}

/// Adaptive max pooling (PyTorch `F.adaptive_max_pool2d`): window `i` of `n` along a side of
/// length `L` spans `⌊iL/n⌋ ..< ⌈(i+1)L/n⌉`, and each output is its window's largest value (the
/// gradient goes to the first largest position, as in PyTorch).
/// - Throws: `CNNError` for an input that is not `[N, C, H, W]` or `[C, H, W]`, or an output size
///   that is not positive.
public func adaptiveMaxPool2d(_ input: Tensor, outputSize: Size2D) throws -> Tensor {
    guard input.rank == 3 || input.rank == 4 else {
        throw CNNError.shape(.adaptiveMaxPoolRank, ["shape": input.shape])
    }
    guard outputSize.height > 0, outputSize.width > 0 else {
        throw CNNError.argument(.adaptiveMaxPoolSize, ["size": outputSize])
    }
    let x = input.rank == 3 ? try input.unsqueeze(0) : input
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    guard h > 0, w > 0 else { throw CNNError.shape(.adaptiveMaxPoolEmpty, ["shape": input.shape]) }
    let (oh, ow) = (outputSize.height, outputSize.width)
    // The output's size is checked before the cells are built (an output_size of 2**62 looped
    // for ever), and the budget between rows: each cell is a few small tensor operations.
    let outputCount = try Tensor.checkedCount([n, c, oh, ow])
    if let budget = ComputeBudget.current, outputCount > budget.maxElements {
        throw CNNError.tooLarge(shape: [n, c, oh, ow], elements: outputCount, limit: budget.maxElements)
    }
    _ = try Tensor.checkedCount([oh + 1, h])  // the window bounds below, and likewise for width
    _ = try Tensor.checkedCount([ow + 1, w])
    var cells: [Tensor] = []
    for i in 0..<oh {
        try ComputeBudget.checkpoint()
        let (top, bottom) = (i * h / oh, ((i + 1) * h + oh - 1) / oh)
        for j in 0..<ow {
            let (left, right) = (j * w / ow, ((j + 1) * w + ow - 1) / ow)
            let window = try x.indexed([.all, .all, .slice(top, bottom), .slice(left, right)])
            cells.append(try window.reshape([n, c, (bottom - top) * (right - left)]).max(dim: 2).values)
        }
    }
    let pooled = try Tensor.stack(cells, dim: 2).reshape([n, c, oh, ow])
    return input.rank == 3 ? try pooled.squeeze(dim: 0) : pooled
}
