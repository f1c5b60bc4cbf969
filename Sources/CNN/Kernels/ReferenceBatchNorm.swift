/// Batch normalisation per channel of a tensor viewed as `[batch, channels, spatial]` (`spatial`
/// is the product of the axes after the channel axis; 1 for `[batch, features]`).
///
/// `y = (x − mean) / √(var + eps) · weight + bias`, where `mean`/`var` are the batch's own
/// (biased) statistics in training and the running statistics in evaluation.
/// (`@_specialize` below: debug builds compile each file on its own, so without it the callers in
/// `NN/` would run these loops through generic witness calls, about five times slower.)
enum ReferenceBatchNorm {
    /// Per-channel mean and biased variance over batch and spatial positions (two passes, so the
    /// variance does not lose precision to cancellation).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func statistics<T: TensorScalar>(
        input: UnsafeBufferPointer<T>, batch: Int, channels: Int, spatial: Int
    ) -> (mean: [T], variance: [T]) {
        precondition(input.count == batch * channels * spatial, "batch_norm input size")
        let count = T(batch * spatial)
        var mean = [T](repeating: 0, count: channels)
        var variance = [T](repeating: 0, count: channels)
        for c in 0..<channels {
            var sum: T = 0
            for n in 0..<batch {
                let base = (n * channels + c) * spatial
                for s in 0..<spatial { sum += input[base + s] }
            }
            mean[c] = sum / count
            var squares: T = 0
            for n in 0..<batch {
                let base = (n * channels + c) * spatial
                for s in 0..<spatial {
                    let d = input[base + s] - mean[c]
                    squares += d * d
                }
            }
            variance[c] = squares / count
        }
        return (mean, variance)
    }

    /// Normalises with the given per-channel `mean` and `invStd = 1/√(var + eps)`, then scales
    /// and shifts (`weight`/`bias` nil mean 1 and 0).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func forward<T: TensorScalar>(
        input: UnsafeBufferPointer<T>, output: UnsafeMutableBufferPointer<T>,
        mean: [T], invStd: [T], weight: UnsafeBufferPointer<T>?, bias: UnsafeBufferPointer<T>?,
        batch: Int, channels: Int, spatial: Int
    ) {
        precondition(
            output.count == input.count && input.count == batch * channels * spatial, "batch_norm sizes")
        for n in 0..<batch {
            for c in 0..<channels {
                let scale = invStd[c] * (weight?[c] ?? 1)
                let shift = bias?[c] ?? 0
                let base = (n * channels + c) * spatial
                for s in 0..<spatial { output[base + s] = (input[base + s] - mean[c]) * scale + shift }
            }
        }
    }

    /// Gradients of `forward`. With `batchStatistics` the mean and variance depend on the input
    /// too, giving `dx = w·invStd/M · (M·dy − Σdy − x̂·Σ(dy·x̂))` (M = batch · spatial); with running
    /// statistics they are constants and `dx = w · invStd · dy`. Always `dw = Σ dy·x̂`, `db = Σ dy`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func backward<T: TensorScalar>(
        gradOutput: UnsafeBufferPointer<T>, input: UnsafeBufferPointer<T>,
        mean: [T], invStd: [T], weight: UnsafeBufferPointer<T>?, batchStatistics: Bool,
        gradInput: UnsafeMutableBufferPointer<T>, gradWeight: inout [T], gradBias: inout [T],
        batch: Int, channels: Int, spatial: Int
    ) {
        precondition(gradOutput.count == input.count && gradInput.count == input.count, "batch_norm sizes")
        let count = T(batch * spatial)
        gradWeight = [T](repeating: 0, count: channels)
        gradBias = [T](repeating: 0, count: channels)
        for c in 0..<channels {
            var sumGrad: T = 0
            var sumGradXHat: T = 0
            for n in 0..<batch {
                let base = (n * channels + c) * spatial
                for s in 0..<spatial {
                    sumGrad += gradOutput[base + s]
                    sumGradXHat += gradOutput[base + s] * (input[base + s] - mean[c]) * invStd[c]
                }
            }
            gradWeight[c] = sumGradXHat
            gradBias[c] = sumGrad
            let scale = invStd[c] * (weight?[c] ?? 1)
            for n in 0..<batch {
                let base = (n * channels + c) * spatial
                for s in 0..<spatial {
                    let dy = gradOutput[base + s]
                    if batchStatistics {
                        let xHat = (input[base + s] - mean[c]) * invStd[c]
                        gradInput[base + s] = scale / count * (count * dy - sumGrad - xHat * sumGradXHat)
                    } else {
                        gradInput[base + s] = scale * dy
                    }
                }
            }
        }
    }
}
