import Wording

/// Broadcasting arithmetic: `+ - * /`, powers, unary minus, `maximum`/`minimum`.
///
/// Operands of different shapes are broadcast (see `Broadcasting`); float32 with float64 gives
/// float64; a Swift number keeps the tensor's dtype. All of them throw `CNNError` when the shapes
/// cannot be broadcast ("cannot broadcast shapes [2, 3] and [4] …"), so write `try a + b`.
extension Tensor {
    /// Elementwise sum with broadcasting. Backward: the gradient, summed over broadcast dimensions.
    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let y = try elementwise(lhs, rhs, .add)
        return y.recordingGradient(of: [lhs, rhs], op: "add") { g in
            [
                lhs.requiresGrad ? try g.sumToShape(lhs.shape) : nil,
                rhs.requiresGrad ? try g.sumToShape(rhs.shape) : nil,
            ]
        }
    }

    /// Elementwise difference with broadcasting.
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let y = try elementwise(lhs, rhs, .subtract)
        return y.recordingGradient(of: [lhs, rhs], op: "sub") { g in
            [
                lhs.requiresGrad ? try g.sumToShape(lhs.shape) : nil,
                rhs.requiresGrad ? try (-g).sumToShape(rhs.shape) : nil,
            ]
        }
    }

    /// Elementwise product with broadcasting. Backward: `∂/∂a = g·b`, `∂/∂b = g·a`.
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let y = try elementwise(lhs, rhs, .multiply)
        return y.recordingGradient(of: [lhs, rhs], op: "mul") { g in
            [
                lhs.requiresGrad ? try (g * rhs).sumToShape(lhs.shape) : nil,
                rhs.requiresGrad ? try (g * lhs).sumToShape(rhs.shape) : nil,
            ]
        }
    }

    /// Elementwise true division with broadcasting (integers give reals, like Python's `/`).
    /// Backward: `∂/∂a = g/b`, `∂/∂b = −g·a/b²`.
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let y = try elementwise(lhs, rhs, .divide)
        return y.recordingGradient(of: [lhs, rhs], op: "div") { g in
            [
                lhs.requiresGrad ? try (g / rhs).sumToShape(lhs.shape) : nil,
                rhs.requiresGrad ? try (-g * lhs / (rhs * rhs)).sumToShape(rhs.shape) : nil,
            ]
        }
    }

    /// The negation. Backward: `−g`.
    public static prefix func - (x: Tensor) throws -> Tensor {
        let y = try x.dtype.dispatch(UnaryKernel(x: x, operation: .negate))
        return y.recordingGradient(of: [x], op: "neg") { g in [try -g] }
    }

    /// `x + value`; the result keeps `x.dtype`.
    public static func + (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs + lhs.scalarLike(rhs) }
    /// `value + x`.
    public static func + (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.scalarLike(lhs) + rhs }
    /// `x − value`.
    public static func - (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs - lhs.scalarLike(rhs) }
    /// `value − x`.
    public static func - (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.scalarLike(lhs) - rhs }
    /// `x · value`.
    public static func * (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs * lhs.scalarLike(rhs) }
    /// `value · x`.
    public static func * (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.scalarLike(lhs) * rhs }
    /// `x / value`.
    public static func / (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs / lhs.scalarLike(rhs) }
    /// `value / x`.
    public static func / (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.scalarLike(lhs) / rhs }

    /// `x` raised to the power `exponent`, elementwise (PyTorch `x ** p`).
    /// Backward: `g·p·x^(p−1)`.
    public func pow(_ exponent: Double) throws -> Tensor {
        let x = self
        if kind != .real && exponent < 0 && exponent == exponent.rounded() {
            throw CNNError.argument(.integersToNegativeIntegerPowers)
        }
        var y = try Tensor.elementwise(x, x.scalarLike(exponent), .power)
        // Integers to whole non-negative powers stay integers (`arange(4) ** 2` is int64 in PyTorch).
        if kind != .real && exponent >= 0 && exponent == exponent.rounded() {
            y.kind = kind == .boolean ? .integer : kind
        }
        return y.recordingGradient(of: [x], op: "pow") { g in
            [try g * exponent * x.pow(exponent - 1)]
        }
    }

    /// `x` raised to `exponent` elementwise, with broadcasting (PyTorch `x ** t`).
    /// Backward: `∂/∂x = g·t·x^(t−1)`, `∂/∂t = g·x^t·ln x` (0 where `x = 0`, as PyTorch).
    public func pow(_ exponent: Tensor) throws -> Tensor {
        let x = self
        if kind != .real && exponent.kind != .real && exponent.scalarsAsDoubles().contains(where: { $0 < 0 })
        {
            throw CNNError.argument(.integersToNegativeIntegerPowers)
        }
        let y = try Tensor.elementwise(x, exponent, .power)
        return y.recordingGradient(of: [x, exponent], op: "pow") { g in
            [
                x.requiresGrad ? try (g * exponent * x.pow(exponent - 1)).sumToShape(x.shape) : nil,
                exponent.requiresGrad
                    ? try (g * y * Tensor.where(x .== 0, x.scalarLike(0), x.log())).sumToShape(exponent.shape)
                    : nil,
            ]
        }
    }

    /// The larger of `a` and `b` elementwise with broadcasting (PyTorch `torch.maximum`; NaN wins).
    /// Backward: the gradient goes to the larger operand, split evenly on ties.
    public static func maximum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let y = try elementwise(a, b, .maximum)
        return y.recordingGradient(of: [a, b], op: "maximum") { g in
            try selectionGradients(g, a, b, aWins: a > b)
        }
    }

    /// The smaller of `a` and `b` elementwise with broadcasting (PyTorch `torch.minimum`).
    /// Backward: the gradient goes to the smaller operand, split evenly on ties.
    public static func minimum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let y = try elementwise(a, b, .minimum)
        return y.recordingGradient(of: [a, b], op: "minimum") { g in
            try selectionGradients(g, a, b, aWins: a < b)
        }
    }

    /// `⌊a / b⌋` elementwise with broadcasting (Python's `//`, PyTorch `floor_divide`); division by
    /// zero gives ±inf or NaN rather than an error. Its gradient is zero almost everywhere.
    public static func floorDivide(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let y = try elementwise(a, b, .floorDivide)
        return y.recordingGradient(of: [a, b], op: "floorDivide") { g in
            [
                a.requiresGrad ? try Tensor.zeros(a.shape, dtype: g.dtype) : nil,
                b.requiresGrad ? try Tensor.zeros(b.shape, dtype: g.dtype) : nil,
            ]
        }
    }

    /// `a mod b` elementwise with the sign of `b` (Python's `%`, PyTorch `remainder`).
    /// Backward: `∂/∂a = g`, `∂/∂b = −g·⌊a/b⌋`.
    public static func remainder(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let y = try elementwise(a, b, .remainder)
        return y.recordingGradient(of: [a, b], op: "remainder") { g in
            [
                a.requiresGrad ? try g.sumToShape(a.shape) : nil,
                b.requiresGrad
                    ? try (-g * Tensor.elementwise(a, b, .floorDivide)).sumToShape(b.shape) : nil,
            ]
        }
    }

    private static func selectionGradients(_ g: Tensor, _ a: Tensor, _ b: Tensor, aWins: Tensor) throws
        -> [Tensor?]
    {
        let tie = try (a .== b).float() * 0.5
        let shareA = try aWins.float() + tie
        return [
            a.requiresGrad ? try (g * shareA).sumToShape(a.shape) : nil,
            b.requiresGrad ? try (g * (1 - shareA)).sumToShape(b.shape) : nil,
        ]
    }
}

/// `x` raised to the power `exponent` elementwise (PyTorch `torch.pow`).
public func pow(_ x: Tensor, _ exponent: Double) throws -> Tensor { try x.pow(exponent) }

/// `x` raised to `exponent` elementwise, with broadcasting (PyTorch `torch.pow`).
public func pow(_ x: Tensor, _ exponent: Tensor) throws -> Tensor { try x.pow(exponent) }
