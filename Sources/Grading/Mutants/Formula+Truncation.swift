extension Formula {
    /// The formula with every `int(…)` read as `math.floor(…)`: a learner who writes
    /// `int((n - f) / s) + 1` rounds a size down, and the two agree wherever the argument is not
    /// negative, as every valid size is. (The catalogue also evaluates at points where a kernel is
    /// larger than the image; there Python's `int` cuts toward zero, which is not what the learner
    /// meant by it.)
    var intAsFloor: Formula {
        switch self {
        case .integer, .real, .name: self
        case .negate(let inner): .negate(inner.intAsFloor)
        case .call("int", let inner): .call("math.floor", inner.intAsFloor)
        case .call(let function, let inner): .call(function, inner.intAsFloor)
        case .binary(let op, let a, let b): .binary(op, a.intAsFloor, b.intAsFloor)
        }
    }
}
