import Wording

/// Making tensors from Swift values and from the usual factories (PyTorch `torch.tensor`,
/// `zeros`, `ones`, `full`, `arange`, `linspace`, `eye`).
extension Tensor {
    /// A tensor of `shape` holding `scalars` in row-major order.
    /// - Throws: `CNNError` when `scalars.count` is not the product of `shape`.
    public init(_ scalars: [Double], shape: [Int], dtype: DType = .float32) throws {
        let count = try Tensor.checkedCount(shape)
        guard scalars.count == count else {
            throw CNNError.shape(
                .shapeNeedsValuesGot,
                ["shape": shape, "count": count, "scalarsCount": scalars.count])
        }
        self = try Tensor.filled(shape: shape, dtype: dtype, kind: .real) { scalars[$0] }
    }

    /// A float32 tensor of `shape` holding `scalars` in row-major order.
    /// - Throws: `CNNError` when `scalars.count` is not the product of `shape`.
    public init(_ scalars: [Float], shape: [Int]) throws {
        let count = try Tensor.checkedCount(shape)
        guard scalars.count == count else {
            throw CNNError.shape(
                .shapeNeedsValuesGot,
                ["shape": shape, "count": count, "scalarsCount": scalars.count])
        }
        self = try Tensor(shape: shape, of: Float.self) { out in
            for i in 0..<count { out[i] = scalars[i] }
        }
    }

    /// An integer tensor (PyTorch `int64`, stored as float32, exact up to 2^24) of `shape`.
    /// - Throws: `CNNError` when `values.count` is not the product of `shape`.
    public init(_ values: [Int], shape: [Int]) throws {
        let count = try Tensor.checkedCount(shape)
        guard values.count == count else {
            throw CNNError.shape(
                .shapeNeedsValuesGot2,
                ["shape": shape, "count": count, "valuesCount": values.count])
        }
        self = try Tensor.filled(shape: shape, dtype: .float32, kind: .integer) { Double(values[$0]) }
    }

    /// A scalar (0-d, shape `[]`) tensor.
    public init(_ value: Double, dtype: DType = .float32) {
        self.init(scalar: value, dtype: dtype, kind: .real)
    }

    /// A scalar integer tensor.
    public init(_ value: Int) {
        self.init(scalar: Double(value), dtype: .float32, kind: .integer)
    }

    init(scalar value: Double, dtype: DType, kind: ElementKind) {
        let storage = TensorStorage(uncountedCount: 1, dtype: dtype)
        switch dtype {
        case .float32: storage.pointer(as: Float.self)[0] = Float(value)
        case .float64: storage.pointer(as: Double.self)[0] = value
        }
        self.init(storage: storage, shape: [], kind: kind)
    }

    /// A tensor from nested lists, like `torch.tensor([[1, 2], [3, 4]])`.
    /// - Throws: `CNNError` for ragged nesting ("expected sequence of length 2 at dim 1 (got 3)").
    public init(nested: NestedScalars, dtype: DType = .float32) throws {
        let shape = try nested.shape()
        var flat: [Double] = []
        flat.reserveCapacity(Tensor.product(shape))
        nested.flatten(into: &flat)
        self = try Tensor.filled(shape: shape, dtype: dtype, kind: nested.isAllIntegers ? .integer : .real) {
            flat[$0]
        }
    }

    /// A matrix from rows; `Tensor([[1, 2], [3, 4]])` has shape `[2, 2]`.
    /// - Throws: `CNNError` when the rows differ in length.
    public init(_ rows: [[Double]], dtype: DType = .float32) throws {
        try self.init(nested: .list(rows.map { .list($0.map(NestedScalars.real)) }), dtype: dtype)
        kind = .real
    }

    /// A 3-d tensor from nested lists; shape `[planes.count, rows, columns]`.
    /// - Throws: `CNNError` for ragged nesting.
    public init(_ planes: [[[Double]]], dtype: DType = .float32) throws {
        try self.init(
            nested: .list(planes.map { .list($0.map { .list($0.map(NestedScalars.real)) }) }), dtype: dtype)
        kind = .real
    }

    /// A 4-d tensor from nested lists, e.g. a batch of images `[N][C][H][W]`.
    /// - Throws: `CNNError` for ragged nesting.
    public init(_ batches: [[[[Double]]]], dtype: DType = .float32) throws {
        try self.init(
            nested: .list(
                batches.map { .list($0.map { .list($0.map { .list($0.map(NestedScalars.real)) }) }) }),
            dtype: dtype)
        kind = .real
    }

    /// A tensor of `shape` whose element at flat index `i` is `value(i)`.
    static func filled(
        shape: [Int], dtype: DType, kind: ElementKind, _ value: (Int) -> Double
    ) throws -> Tensor {
        switch dtype {
        case .float32:
            try Tensor(shape: shape, of: Float.self, kind: kind) { out in
                try ElementwiseKernels.forEachRange(count: out.count) { range in
                    for i in range { out[i] = Float(value(i)) }
                }
            }
        case .float64:
            try Tensor(shape: shape, of: Double.self, kind: kind) { out in
                try ElementwiseKernels.forEachRange(count: out.count) { range in
                    for i in range { out[i] = value(i) }
                }
            }
        }
    }

    /// A tensor of `shape` filled with 0.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        let count = try checkedCount(shape)
        let storage = try TensorStorage(count: count, dtype: dtype, shape: shape)
        return Tensor(storage: storage, shape: shape)
    }

    /// A tensor of `shape` filled with 1.
    public static func ones(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try full(shape, 1, dtype: dtype)
    }

    /// A tensor of `shape` filled with `value` (PyTorch `torch.full`).
    public static func full(_ shape: [Int], _ value: Double, dtype: DType = .float32) throws -> Tensor {
        try filled(shape: shape, dtype: dtype, kind: .real) { _ in value }
    }

    /// Zeros with the shape and dtype of `other`.
    public static func zeros(like other: Tensor) throws -> Tensor {
        try zeros(other.shape, dtype: other.dtype)
    }

    /// Ones with the shape and dtype of `other`.
    public static func ones(like other: Tensor) throws -> Tensor { try ones(other.shape, dtype: other.dtype) }

    /// The integers `0, 1, …, end − 1` (PyTorch `torch.arange(end)`, an integer tensor).
    /// - Throws: `CNNError` for a negative `end`.
    public static func arange(_ end: Int) throws -> Tensor { try arange(0, end) }

    /// The integers `start, start + step, …` below `end` (above it for a negative step).
    /// - Throws: `CNNError` for a zero step or a step pointing away from `end`.
    public static func arange(_ start: Int, _ end: Int, step: Int = 1) throws -> Tensor {
        let count = try arangeCount(Double(start), Double(end), Double(step))
        return try filled(shape: [count], dtype: .float32, kind: .integer) { Double(start + $0 * step) }
    }

    /// The real numbers `start, start + step, …` below `end`: `⌈(end − start) / step⌉` of them.
    /// - Throws: `CNNError` for a zero step or a step pointing away from `end`.
    public static func arange(
        _ start: Double, _ end: Double, step: Double = 1, dtype: DType = .float32
    ) throws -> Tensor {
        let count = try arangeCount(start, end, step)
        return try filled(shape: [count], dtype: dtype, kind: .real) { start + Double($0) * step }
    }

    private static func arangeCount(_ start: Double, _ end: Double, _ step: Double) throws(CNNError) -> Int {
        guard step != 0, step.isFinite else { throw .argument(.arangeStepMustBeNonzero) }
        let span = ((end - start) / step).rounded(.up)
        guard span >= 0 else {
            throw .argument(.arangeUpperBoundAndLarger)
        }
        guard span < Double(1 << 53) else {
            throw .argument(
                .arangeTheRangeWithStep, ["start": start, "end": end, "step": step])
        }
        return Int(span)
    }

    /// `steps` evenly spaced values from `start` to `end` inclusive (PyTorch `torch.linspace`,
    /// which computes the first half from `start` and the second half back from `end`).
    /// - Throws: `CNNError` for negative `steps`.
    public static func linspace(
        _ start: Double, _ end: Double, steps: Int, dtype: DType = .float32
    ) throws -> Tensor {
        guard steps >= 0 else { throw CNNError.argument(.linspaceNumberOfStepsMust) }
        let step = steps > 1 ? (end - start) / Double(steps - 1) : 0
        let half = steps / 2
        return try filled(shape: [steps], dtype: dtype, kind: .real) { i in
            i < half || steps == 1 ? start + step * Double(i) : end - step * Double(steps - 1 - i)
        }
    }

    /// The `n × m` identity matrix (`m` defaults to `n`): ones on the diagonal.
    /// - Throws: `CNNError` for negative sizes.
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = .float32) throws -> Tensor {
        let columns = m ?? n
        return try filled(shape: [n, columns], dtype: dtype, kind: .real) { i in
            i / columns == i % columns ? 1 : 0
        }
    }
}
