/// Softmax and log-softmax along one axis of a contiguous tensor viewed as `[outer, size, inner]`
/// (`size` is the softmax axis; `outer` and `inner` are the products of the axes before and after).
///
/// Both subtract each slice's maximum before exponentiating, so large logits do not overflow;
/// the result is mathematically unchanged because softmax ignores a shift of all its inputs.
/// (`@_specialize` below: debug builds compile each file on its own, so without it the callers in
/// `NN/` would run these loops through generic witness calls, about five times slower.)
enum ReferenceSoftmax {
    /// `y_i = exp(x_i − max) / Σ_j exp(x_j − max)`, or its logarithm when `log` is true:
    /// `x_i − max − log Σ_j exp(x_j − max)`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func forward<T: TensorScalar>(
        input: UnsafeBufferPointer<T>, output: UnsafeMutableBufferPointer<T>,
        outer: Int, size: Int, inner: Int, log: Bool
    ) throws(CNNError) {
        precondition(input.count == outer * size * inner && output.count == input.count, "softmax sizes")
        var meter = ElementMeter()
        for o in 0..<outer {
            for k in 0..<inner {
                try meter.add(size)
                let base = o * size * inner + k
                var largest = -T.infinity
                for i in 0..<size { largest = max(largest, input[base + i * inner]) }
                var total: T = 0
                for i in 0..<size { total += T.exp(input[base + i * inner] - largest) }
                let logTotal = T.log(total)
                for i in 0..<size {
                    let shifted = input[base + i * inner] - largest
                    output[base + i * inner] = log ? shifted - logTotal : T.exp(shifted) / total
                }
            }
        }
    }

    /// Gradient of softmax (`log == false`): `dx_i = y_i · (dy_i − Σ_j dy_j · y_j)`;
    /// of log-softmax (`log == true`): `dx_i = dy_i − exp(y_i) · Σ_j dy_j`. `output` is `y`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func backward<T: TensorScalar>(
        gradOutput: UnsafeBufferPointer<T>, output: UnsafeBufferPointer<T>,
        gradInput: UnsafeMutableBufferPointer<T>, outer: Int, size: Int, inner: Int, log: Bool
    ) throws(CNNError) {
        precondition(
            gradOutput.count == outer * size * inner && gradInput.count == gradOutput.count, "softmax sizes")
        var meter = ElementMeter()
        for o in 0..<outer {
            for k in 0..<inner {
                try meter.add(size)
                let base = o * size * inner + k
                var dot: T = 0
                for i in 0..<size {
                    let at = base + i * inner
                    dot += log ? gradOutput[at] : gradOutput[at] * output[at]
                }
                for i in 0..<size {
                    let at = base + i * inner
                    gradInput[at] =
                        log
                        ? gradOutput[at] - T.exp(output[at]) * dot
                        : output[at] * (gradOutput[at] - dot)
                }
            }
        }
    }
}
