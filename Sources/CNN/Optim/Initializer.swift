import Wording

/// Weight initialisers with PyTorch's formulas (`torch.nn.init`), each taking its random generator
/// explicitly so that a seeded model starts from the same weights on every machine.
///
/// Each function returns a new tensor of `shape`; assign it with `parameter.assign(_:)`. Fans follow
/// `torch.nn.init._calculate_fan_in_and_fan_out`: for a weight `[out, in, kH, kW]` (or `[out, in]`)
/// `fanIn = in·kH·kW` and `fanOut = out·kH·kW`. The random draws are core's `Tensor.rand` and
/// `Tensor.randn`, so values are not PyTorch's own stream, but the distributions are exactly its.
public enum Initializer {
    /// Which fan scales a Kaiming initialisation: `fanIn` keeps the forward pass's variance,
    /// `fanOut` the backward pass's.
    public enum FanMode: String, Sendable, CaseIterable {
        case fanIn = "fan_in"
        case fanOut = "fan_out"
    }

    /// The nonlinearity a Kaiming or Xavier initialisation is scaled for (`calculate_gain`).
    public enum Nonlinearity: Sendable, Hashable {
        case linear, conv, sigmoid, tanh, relu, selu
        /// Leaky ReLU with the given negative slope (PyTorch's default is 0.01).
        case leakyRelu(negativeSlope: Double)

        /// PyTorch `calculate_gain`: 1 for linear, conv and sigmoid; 5/3 for tanh; √2 for ReLU;
        /// √(2 / (1 + slope²)) for leaky ReLU; 3/4 for SELU.
        public var gain: Double {
            switch self {
            case .linear, .conv, .sigmoid: 1
            case .tanh: 5.0 / 3
            case .relu: 2.0.squareRoot()
            case .selu: 0.75
            case .leakyRelu(let slope): (2 / (1 + slope * slope)).squareRoot()
            }
        }
    }

    /// `(fanIn, fanOut)` of a weight shape.
    /// - Throws: `CNNError.argument` for fewer than two dimensions (PyTorch: "Fan in and fan out
    ///   can not be computed for tensor with fewer than 2 dimensions").
    public static func fans(_ shape: [Int]) throws(CNNError) -> (fanIn: Int, fanOut: Int) {
        guard shape.count >= 2 else {
            throw CNNError.argument(.fanInAndFanOut, ["shape": shape])
        }
        // Checked products: a layer's sizes come from learner code (`nn.Conv2d(1, 1, 2**40)`),
        // and this runs before the weight's own element count is checked.
        let receptiveField = try Tensor.checkedCount(Array(shape.dropFirst(2)))
        return (
            try Tensor.checkedCount([shape[1], receptiveField]),
            try Tensor.checkedCount([shape[0], receptiveField])
        )
    }

    /// Uniform numbers in `[low, high)` (PyTorch `uniform_(a, b)`: `low + (high − low)·u`).
    public static func uniform(
        _ shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32,
        using generator: inout some RandomNumberGenerator
    ) throws -> Tensor {
        guard low <= high else {
            throw CNNError.argument(.uniformExpectsLowHighBut, ["low": low, "high": high])
        }
        var tensor = try Tensor.rand(shape, dtype: dtype, using: &generator)
        try map(&tensor) { low + (high - low) * $0 }
        return tensor
    }

    /// Normal numbers with the given mean and standard deviation (PyTorch `normal_`).
    public static func normal(
        _ shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float32,
        using generator: inout some RandomNumberGenerator
    ) throws -> Tensor {
        guard std >= 0 else { throw CNNError.argument(.normalExpectsStdButFound, ["std": std]) }
        var tensor = try Tensor.randn(shape, dtype: dtype, using: &generator)
        try map(&tensor) { mean + std * $0 }
        return tensor
    }

    /// Every element `value` (PyTorch `constant_`; `zeros_` and `ones_` are `value` 0 and 1).
    public static func constant(_ shape: [Int], _ value: Double, dtype: DType = .float32) throws -> Tensor {
        try Tensor.full(shape, value, dtype: dtype)
    }

    /// He et al. (2015) uniform: `U(−b, b)` with `b = gain·√(3 / fan)` (PyTorch
    /// `kaiming_uniform_(a, mode, nonlinearity)`; `a` is the leaky-ReLU slope used by the gain).
    public static func kaimingUniform(
        _ shape: [Int], a: Double = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity? = nil,
        dtype: DType = .float32, using generator: inout some RandomNumberGenerator
    ) throws -> Tensor {
        let std = try kaimingStd(shape, a: a, mode: mode, nonlinearity: nonlinearity)
        let bound = 3.0.squareRoot() * std
        return try uniform(shape, low: -bound, high: bound, dtype: dtype, using: &generator)
    }

    /// He et al. (2015) normal: `N(0, std²)` with `std = gain / √fan` (PyTorch `kaiming_normal_`).
    public static func kaimingNormal(
        _ shape: [Int], a: Double = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity? = nil,
        dtype: DType = .float32, using generator: inout some RandomNumberGenerator
    ) throws -> Tensor {
        let std = try kaimingStd(shape, a: a, mode: mode, nonlinearity: nonlinearity)
        return try normal(shape, std: std, dtype: dtype, using: &generator)
    }

    /// Glorot & Bengio (2010) uniform: `U(−b, b)` with `b = gain·√(6 / (fanIn + fanOut))`
    /// (PyTorch `xavier_uniform_`).
    public static func xavierUniform(
        _ shape: [Int], gain: Double = 1, dtype: DType = .float32,
        using generator: inout some RandomNumberGenerator
    ) throws -> Tensor {
        let (fanIn, fanOut) = try fans(shape)
        let bound = 3.0.squareRoot() * gain * (2 / Double(fanIn + fanOut)).squareRoot()
        return try uniform(shape, low: -bound, high: bound, dtype: dtype, using: &generator)
    }

    /// Glorot & Bengio (2010) normal: `N(0, std²)` with `std = gain·√(2 / (fanIn + fanOut))`
    /// (PyTorch `xavier_normal_`).
    public static func xavierNormal(
        _ shape: [Int], gain: Double = 1, dtype: DType = .float32,
        using generator: inout some RandomNumberGenerator
    ) throws -> Tensor {
        let (fanIn, fanOut) = try fans(shape)
        let std = gain * (2 / Double(fanIn + fanOut)).squareRoot()
        return try normal(shape, std: std, dtype: dtype, using: &generator)
    }

    /// PyTorch's default for `Conv2d` and `Linear` weights, `kaiming_uniform_(w, a=√5)`, which
    /// works out to `U(−1/√fanIn, 1/√fanIn)`.
    public static func pytorchDefaultWeight(
        _ shape: [Int], dtype: DType = .float32, using generator: inout some RandomNumberGenerator
    ) throws -> Tensor {
        try kaimingUniform(shape, a: 5.0.squareRoot(), dtype: dtype, using: &generator)
    }

    /// PyTorch's default for `Conv2d` and `Linear` biases: `U(−1/√fanIn, 1/√fanIn)` with the
    /// weight's fan-in (0 bound when the fan-in is 0).
    public static func pytorchDefaultBias(
        _ count: Int, fanIn: Int, dtype: DType = .float32, using generator: inout some RandomNumberGenerator
    ) throws -> Tensor {
        let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
        return try uniform([count], low: -bound, high: bound, dtype: dtype, using: &generator)
    }

    /// `gain / √fan` for Kaiming; the gain defaults to leaky ReLU with slope `a`, as PyTorch's
    /// `nonlinearity='leaky_relu'` default does.
    private static func kaimingStd(_ shape: [Int], a: Double, mode: FanMode, nonlinearity: Nonlinearity?)
        throws(CNNError) -> Double
    {
        let (fanIn, fanOut) = try fans(shape)
        let fan = mode == .fanIn ? fanIn : fanOut
        guard fan > 0 else {
            throw CNNError.argument(.initializingAZeroElementTensor, ["shape": shape])
        }
        let gain = (nonlinearity ?? .leakyRelu(negativeSlope: a)).gain
        return gain / Double(fan).squareRoot()
    }

    /// Applies `transform` to every element in place, computing in Double and rounding once.
    private static func map(_ tensor: inout Tensor, _ transform: (Double) -> Double) throws {
        switch tensor.dtype {
        case .float32:
            try tensor.withUnsafeMutableBufferPointer(as: Float.self) { values in
                for i in values.indices { values[i] = Float(transform(Double(values[i]))) }
            }
        case .float64:
            try tensor.withUnsafeMutableBufferPointer(as: Double.self) { values in
                for i in values.indices { values[i] = transform(values[i]) }
            }
        }
    }
}
