/// The element-wise activation functions and their derivatives, one line each.
/// (`@_specialize` below: debug builds compile each file on its own, so without it the callers in
/// `NN/` would run these loops through generic witness calls, about five times slower.)
enum ReferenceActivation: Hashable, Sendable {
    /// `max(0, x)`; its derivative at 0 is taken as 0, as PyTorch does.
    case relu
    /// `x` for `x > 0`, else `slope · x`.
    case leakyRelu(slope: Double)
    /// `1 / (1 + e^(−x))`.
    case sigmoid
    /// `(e^x − e^(−x)) / (e^x + e^(−x))`.
    case tanh

    /// The PyTorch function name, for messages.
    var name: String {
        switch self {
        case .relu: "relu"
        case .leakyRelu: "leaky_relu"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        }
    }

    /// `f(x)`.
    @inline(__always)
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func value<T: TensorScalar>(_ x: T) -> T {
        switch self {
        case .relu: x > 0 ? x : (x.isNaN ? x : 0)
        case .leakyRelu(let slope): x > 0 ? x : x * T(slope)
        // Two forms of one function, so that exp never sees a large positive number.
        case .sigmoid: x >= 0 ? 1 / (1 + T.exp(-x)) : T.exp(x) / (1 + T.exp(x))
        case .tanh: T.tanh(x)
        }
    }

    /// `f′` written in terms of the input `x` and the output `y = f(x)`, whichever is cheaper.
    @inline(__always)
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func derivative<T: TensorScalar>(input x: T, output y: T) -> T {
        switch self {
        case .relu: x > 0 ? 1 : 0
        case .leakyRelu(let slope): x > 0 ? 1 : T(slope)
        case .sigmoid: y * (1 - y)
        case .tanh: 1 - y * y
        }
    }

    /// Applies `f` to every element.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func forward<T: TensorScalar>(input: UnsafeBufferPointer<T>, output: UnsafeMutableBufferPointer<T>) {
        precondition(input.count == output.count, "\(name) sizes")
        for i in 0..<input.count { output[i] = value(input[i]) }
    }

    /// `dx = dy · f′(x)`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func backward<T: TensorScalar>(
        gradOutput: UnsafeBufferPointer<T>, input: UnsafeBufferPointer<T>, output: UnsafeBufferPointer<T>,
        gradInput: UnsafeMutableBufferPointer<T>
    ) {
        precondition(gradOutput.count == input.count && gradInput.count == input.count, "\(name) sizes")
        for i in 0..<input.count {
            gradInput[i] = gradOutput[i] * derivative(input: input[i], output: output[i])
        }
    }
}
