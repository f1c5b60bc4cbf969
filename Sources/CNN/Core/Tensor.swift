import Wording

/// An n-dimensional array of `float32` (or `float64`) numbers with value semantics and
/// reverse-mode automatic differentiation.
///
/// Elements are stored contiguously in row-major order (the last index varies fastest); images
/// are `[batch, channels, height, width]` (NCHW). Copies share one immutable storage until one of
/// them is mutated through `withUnsafeMutableBufferPointer(as:_:)` (copy-on-write), so passing
/// tensors around is cheap. Copies also share their autograd node, so `x.grad` reads the same
/// gradient through any copy of `x`.
///
/// Every operation throws `CNNError` for misuse a learner can cause (shapes that do not fit,
/// arguments out of range, budget limits) and never traps for it:
///
///     var generator = SeededGenerator(seed: 0)
///     let x = try Tensor.randn([2, 3], using: &generator).requiringGrad()
///     let y = try (x * x + 1).sum()
///     try y.backward()
///     print(x.grad!)  // 2·x
public struct Tensor: Sendable {
    /// The size of each dimension; `[]` for a scalar (0-d) tensor.
    public private(set) var shape: [Int]
    /// What the numbers mean (real, integer, boolean); see `ElementKind`.
    public internal(set) var kind: ElementKind
    var storage: TensorStorage
    /// The autograd node this tensor is the output of, or its leaf node when it requires grad.
    var node: AutogradNode?

    init(storage: TensorStorage, shape: [Int], kind: ElementKind = .real, node: AutogradNode? = nil) {
        precondition(
            storage.count == Tensor.product(shape),
            "storage of \(storage.count) elements cannot have shape \(shape)")
        self.storage = storage
        self.shape = shape
        self.kind = kind
        self.node = node
    }

    /// The element type of the storage.
    public var dtype: DType { storage.dtype }

    /// Number of elements (PyTorch `numel()`): the product of `shape`, 1 for a scalar tensor.
    public var count: Int { storage.count }

    /// Number of dimensions (PyTorch `dim()`).
    public var rank: Int { shape.count }

    /// Row-major strides in elements: `strides[i]` is the distance between consecutive indices of
    /// dimension `i`.
    public var strides: [Int] { Tensor.contiguousStrides(shape) }

    /// The size of dimension `dim`, which may be negative to count from the end.
    /// - Throws: `CNNError` when `dim` is out of range.
    public func size(_ dim: Int) throws -> Int {
        shape[try normalizedDim(dim)]
    }

    /// A new tensor with the same storage, shape and kind but no autograd history; used by ops
    /// whose result is computed directly from raw buffers.
    var detachedStorageCopy: Tensor { Tensor(storage: storage, shape: shape, kind: kind) }

    // MARK: Shape arithmetic

    /// Product of the dimensions; 1 for `[]`. Callers validate shapes first.
    static func product(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Row-major strides of a contiguous tensor with this shape.
    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = running
            running *= shape[i]
        }
        return strides
    }

    /// The most dimensions a tensor may have: NumPy's `NPY_MAXDIMS` (64), which is also where
    /// PyTorch's reductions stop working (their dimension masks are 64-bit sets). Without a limit
    /// `zeros([1] * 60000)` builds a tensor whose printing alone runs for minutes (found by fuzzing).
    public static let maxRank = 64

    /// Refuses a shape with more than `maxRank` dimensions.
    static func checkRank(_ shape: [Int]) throws(CNNError) {
        guard shape.count <= maxRank else {
            throw .argument(.tooManyDimensions, ["rank": shape.count, "limit": maxRank])
        }
    }

    /// Validates a shape a learner asked for and returns its element count.
    /// - Throws: `CNNError` for a negative dimension, too many dimensions or a count that overflows.
    static func checkedCount(_ shape: [Int]) throws(CNNError) -> Int {
        try checkRank(shape)
        var count = 1
        for size in shape {
            guard size >= 0 else {
                throw .argument(.negativeSize, ["shape": shape])
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else {
                throw CNNError(.tooLarge, .tooManyElementsToCount, ["shape": shape])
            }
            count = product
        }
        return count
    }

    /// `dim` made non-negative for a tensor of this rank; PyTorch accepts `-rank ..< rank`
    /// (and `-1 ... 0` for a scalar).
    public func normalizedDim(_ dim: Int, rank: Int? = nil) throws(CNNError) -> Int {
        let rank = rank ?? self.rank
        let bound = Swift.max(rank, 1)
        guard dim >= -bound, dim < bound else {
            throw .argument(.dimensionOutOfRange(dim: dim, bound: bound))
        }
        return dim < 0 ? dim + bound : dim
    }
}
