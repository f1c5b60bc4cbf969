/// `tensordot` and `rot90`, built from `permute`, `reshape`, `matmul`, `flip` and `transpose`, so
/// their gradients are those primitives'.
extension Tensor {
    /// The sum of products over `dimsA` of `a` and `dimsB` of `b`, paired in order (PyTorch
    /// `torch.tensordot(a, b, dims=(dimsA, dimsB))`): the result has `a`'s other dimensions, then
    /// `b`'s. `tensordot(a, b, dims: 1)` of two matrices is `a @ b`.
    /// - Throws: `CNNError` for lists of different lengths, a repeated or out-of-range dimension,
    ///   or paired dimensions of different sizes.
    public static func tensordot(_ a: Tensor, _ b: Tensor, dimsA: [Int], dimsB: [Int]) throws -> Tensor {
        guard dimsA.count == dimsB.count else {
            throw CNNError.argument(.tensordotLengths, ["a": dimsA.count, "b": dimsB.count])
        }
        let contractedA = try dimsA.map { try a.normalizedDim($0) }
        let contractedB = try dimsB.map { try b.normalizedDim($0) }
        for (i, dim) in contractedA.enumerated() where contractedA[..<i].contains(dim) {
            throw CNNError.argument(.repeatedDim, ["dim": dim])
        }
        for (i, dim) in contractedB.enumerated() where contractedB[..<i].contains(dim) {
            throw CNNError.argument(.repeatedDim, ["dim": dim])
        }
        for (da, db) in zip(contractedA, contractedB) where a.shape[da] != b.shape[db] {
            throw CNNError.shape(
                .tensordotSizes, ["sizeA": a.shape[da], "dimA": da, "sizeB": b.shape[db], "dimB": db])
        }
        let freeA = (0..<a.rank).filter { !contractedA.contains($0) }
        let freeB = (0..<b.rank).filter { !contractedB.contains($0) }
        let inner = contractedA.map { a.shape[$0] }.reduce(1, *)
        let outerA = freeA.map { a.shape[$0] }
        let outerB = freeB.map { b.shape[$0] }
        let left = try a.permute(freeA + contractedA).reshape([outerA.reduce(1, *), inner])
        let right = try b.permute(contractedB + freeB).reshape([inner, outerB.reduce(1, *)])
        return try Tensor.matmul(left, right).reshape(outerA + outerB)
    }

    /// `tensordot` contracting the last `dims` dimensions of `a` with the first `dims` of `b`.
    /// - Throws: `CNNError` for a negative `dims`, more dimensions than a tensor has, or sizes
    ///   that differ.
    public static func tensordot(_ a: Tensor, _ b: Tensor, dims: Int) throws -> Tensor {
        guard dims >= 0, dims <= a.rank, dims <= b.rank else {
            throw CNNError.argument(.tensordotDims, ["dims": dims, "a": a.rank, "b": b.rank])
        }
        return try tensordot(a, b, dimsA: Array(a.rank - dims..<a.rank), dimsB: Array(0..<dims))
    }

    /// This tensor turned by 90° `k` times in the plane of `dims`, from the first dimension toward
    /// the second (PyTorch `torch.rot90(x, k, dims)`; negative `k` turns the other way).
    /// - Throws: `CNNError` unless `dims` names two different dimensions of a tensor of at least
    ///   two.
    public func rot90(_ k: Int = 1, dims: [Int] = [0, 1]) throws -> Tensor {
        guard dims.count == 2 else { throw CNNError.argument(.rot90Dims, ["count": dims.count]) }
        guard rank >= 2 else { throw CNNError.argument(.rot90Rank, ["rank": rank]) }
        let (d0, d1) = (try normalizedDim(dims[0]), try normalizedDim(dims[1]))
        guard d0 != d1 else { throw CNNError.argument(.rot90SameDims, ["dim0": d0, "dim1": d1]) }
        switch ((k % 4) + 4) % 4 {
        case 1: return try flip([d1]).transpose(d0, d1)
        case 2: return try flip([d0, d1])
        case 3: return try flip([d0]).transpose(d0, d1)
        default: return try cloned()
        }
    }
}
