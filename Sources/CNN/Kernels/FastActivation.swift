/// Float32 ReLU and its gradient, eight lanes at a time (one AVX2 register when the engine is
/// built for haswell), for the training hot path; `ReferenceActivation` is what they are tested
/// against, element for element.
///
/// The generic reference loop switches on the activation and branches on the sign of every
/// element, and signs of activations are close to random, so it mispredicts about every other
/// element; these loops are branch-free. Large tensors are split into fixed-size chunks across
/// `Parallelism` workers (`ElementwiseKernels.forEachChunk`): each element's result depends on
/// that element alone, so any split gives the same bits.
enum FastActivation {
    /// `y = max(0, x)` with NaN kept, exactly `ReferenceActivation.relu.value`: `x ≤ 0` (false for
    /// NaN) gives +0, so −0 becomes +0 as well.
    static func reluForward(input: UnsafeBufferPointer<Float>, output: UnsafeMutableBufferPointer<Float>)
        throws(CNNError)
    {
        precondition(input.count == output.count, "relu sizes \(input.count) and \(output.count)")
        guard let x = input.baseAddress, let y = output.baseAddress else { return }
        try ElementwiseKernels.forEachChunk(count: input.count) { range in
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                let v = loadFloats8(x + i)
                storeFloats8(v.replacing(with: 0, where: v .<= 0), y + i)
                i += 8
            }
            while i < range.upperBound {
                y[i] = x[i] <= 0 ? 0 : x[i]
                i += 1
            }
        }
    }

    /// `dx = dy · (x > 0 ? 1 : 0)`, the product kept (not a select) so that the bits match the
    /// reference's `dy · f′(x)` for every `dy`, including the sign of zero and NaN.
    static func reluBackward(
        gradOutput: UnsafeBufferPointer<Float>, input: UnsafeBufferPointer<Float>,
        gradInput: UnsafeMutableBufferPointer<Float>
    ) throws(CNNError) {
        precondition(
            gradOutput.count == input.count && gradInput.count == input.count,
            "relu backward sizes \(gradOutput.count), \(input.count) and \(gradInput.count)")
        guard let gy = gradOutput.baseAddress, let x = input.baseAddress, let gx = gradInput.baseAddress
        else { return }
        try ElementwiseKernels.forEachChunk(count: input.count) { range in
            let zero = SIMD8<Float>(repeating: 0)
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                let (v, g) = (loadFloats8(x + i), loadFloats8(gy + i))
                storeFloats8(g * zero.replacing(with: 1, where: v .> 0), gx + i)
                i += 8
            }
            while i < range.upperBound {
                gx[i] = gy[i] * (x[i] > 0 ? 1 : 0)
                i += 1
            }
        }
    }

}
