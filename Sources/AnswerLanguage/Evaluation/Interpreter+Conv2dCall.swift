import CNN

/// A `conv2d(…)` call's arguments, bound exactly as the `conv2d` builtin binds them (positions,
/// keywords, defaults, `'same'`, pairs), with the engine's geometry and output.
public struct Conv2dCall: Sendable {
    /// The input as given (`[N, C, H, W]` or `[C, H, W]`).
    public var input: Tensor
    /// The filters, `[K, C/groups, kH, kW]`.
    public var weight: Tensor
    /// One value per output channel, or nil.
    public var bias: Tensor?
    /// Where each window sits: strides, padding per side, dilation, groups, output size.
    public var geometry: Conv2dGeometry
    /// What `conv2d` returns for these arguments.
    public var output: Tensor
}

extension Interpreter {
    /// Binds the arguments of a `conv2d(…)` call (bare, `F.`, `torch.nn.functional.`) as the
    /// builtin does and runs it, for `:step`.
    ///
    /// - Returns: nil when `source` is not one call of the `conv2d` builtin.
    /// - Throws: `LanguageError` with the message the call itself would give when an argument
    ///   does not evaluate, does not bind, or the engine refuses it.
    public func conv2dCall(_ source: String) throws(LanguageError) -> Conv2dCall? {
        let expression = try Parser.parseExpression(source, options: evaluator.options.parser)
        guard case .call(let callee, let arguments) = expression.kind,
            !arguments.contains(where: \.isSpread)
        else { return nil }
        final class Found: @unchecked Sendable { var call: Conv2dCall? }
        let found = Found()
        _ = try execute { (evaluator: Evaluator) throws(LanguageError) -> Value in
            guard case .function(let function) = try evaluator.evaluate(callee, in: nil),
                case .builtin(let builtin) = function.implementation, builtin.name == "conv2d"
            else { return .none }
            var evaluated: [EvaluatedArgument] = []
            for argument in arguments {
                evaluated.append(
                    EvaluatedArgument(
                        name: argument.name, nameRange: argument.nameRange,
                        value: try evaluator.evaluate(argument.value, in: nil), range: argument.value.range))
            }
            let call = try Call(
                builtin.signature, arguments: evaluated, evaluator: evaluator, range: expression.range)
            do {
                let input = try call.tensor("input")
                let weight = try call.tensor("weight")
                let bias = try call.optionalTensor("bias")
                let stride = try call.size2D("stride")
                let padding = try call.convPadding("padding")
                let dilation = try call.size2D("dilation")
                let groups = try call.int("groups")
                let geometry = try Conv2dGeometry.conv2d(
                    input: input.shape, weight: weight.shape, bias: bias?.shape, stride: stride,
                    padding: padding, dilation: dilation, groups: groups)
                let output = try CNN.conv2d(
                    input, weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                    groups: groups)
                found.call = Conv2dCall(
                    input: input, weight: weight, bias: bias, geometry: geometry, output: output)
            } catch {
                throw LanguageError(from: error, at: expression.range)
            }
            return .none
        }
        return found.call
    }
}
