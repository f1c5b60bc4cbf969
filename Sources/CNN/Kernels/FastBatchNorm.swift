/// Float32 batch normalisation over a tensor viewed as `[batch, channels, spatial]`, one channel
/// per work item: the training hot path, tested against `ReferenceBatchNorm` in Double.
///
/// A channel's values are `batch` rows of `spatial` contiguous floats. Each kernel makes all of
/// its passes over one channel before moving to the next, so the later passes read the channel
/// from cache rather than memory. Sums are kept in Double, eight floats a step in two
/// `SIMD4<Double>` accumulators (then four, then one, for a row's tail), in an order fixed by the shape: whichever `Parallelism` worker
/// runs a channel, its result has the same bits.
enum FastBatchNorm {
    /// The view of one batch-norm call: where the rows of each channel are.
    struct Layout {
        let batch: Int
        let channels: Int
        let spatial: Int

        /// Values per channel, the `M` of the formulas.
        var perChannel: Int { batch * spatial }

        /// Workers for a kernel of `passes` reads over the whole tensor.
        func workers(passes: Int) -> Int {
            Parallelism.workers(items: channels, flops: Double(passes * batch * channels * spatial))
        }

        /// Offset of row `n` of channel `c`.
        @inline(__always)
        func row(_ n: Int, _ c: Int) -> Int { (n * channels + c) * spatial }
    }

    /// Training forward: each channel's mean and biased variance over batch and spatial positions
    /// (two passes, the second summing squared deviations, so the variance does not cancel), then
    /// `y = (x − mean)·invStd·weight + bias` with `invStd = 1/√(var + eps)`.
    /// - Parameters:
    ///   - mean, variance: `channels` Doubles each, written.
    ///   - weight, bias: `channels` floats, or nil for 1 and 0.
    static func trainingForward(
        input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, weight: UnsafePointer<Float>?,
        bias: UnsafePointer<Float>?, eps: Double, mean: UnsafeMutablePointer<Double>,
        variance: UnsafeMutablePointer<Double>, layout l: Layout
    ) throws(CNNError) {
        try Parallelism.forEach(count: l.channels, workers: l.workers(passes: 3)) { c, _ in
            let m = Double(l.perChannel)
            var sum = 0.0
            for n in 0..<l.batch { sum += rowSum(input + l.row(n, c), l.spatial) }
            let mu = sum / m
            var squares = 0.0
            for n in 0..<l.batch { squares += rowSquaredDeviations(input + l.row(n, c), l.spatial, from: mu) }
            mean[c] = mu
            variance[c] = squares / m
            let invStd = Float(1 / (squares / m + eps).squareRoot())
            let scale = invStd * (weight?[c] ?? 1)
            for n in 0..<l.batch {
                let o = l.row(n, c)
                normalizeRow(
                    input + o, output + o, l.spatial, mean: Float(mu), scale: scale, shift: bias?[c] ?? 0)
            }
        }
    }

    /// Forward with given statistics (evaluation mode): `y = (x − mean)·invStd·weight + bias`.
    static func forward(
        input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, weight: UnsafePointer<Float>?,
        bias: UnsafePointer<Float>?, mean: UnsafePointer<Float>, invStd: UnsafePointer<Float>,
        layout l: Layout
    ) throws(CNNError) {
        try Parallelism.forEach(count: l.channels, workers: l.workers(passes: 1)) { c, _ in
            let scale = invStd[c] * (weight?[c] ?? 1)
            for n in 0..<l.batch {
                let o = l.row(n, c)
                normalizeRow(
                    input + o, output + o, l.spatial, mean: mean[c], scale: scale, shift: bias?[c] ?? 0)
            }
        }
    }

    /// Gradients of the forward, per channel: first `Σdy` and `Σdy·x̂` (x̂ = (x − mean)·invStd)
    /// in Double, which are `dbias` and `dweight`; then, with batch statistics,
    /// `dx = w·invStd·(dy − Σdy/M − x̂·Σ(dy·x̂)/M)`, and with running statistics `dx = w·invStd·dy`.
    /// - Parameters:
    ///   - gradWeight, gradBias: `channels` floats each, written.
    static func backward(
        gradOutput: UnsafePointer<Float>, input: UnsafePointer<Float>, mean: UnsafePointer<Float>,
        invStd: UnsafePointer<Float>, weight: UnsafePointer<Float>?, batchStatistics: Bool,
        gradInput: UnsafeMutablePointer<Float>, gradWeight: UnsafeMutablePointer<Float>,
        gradBias: UnsafeMutablePointer<Float>, layout l: Layout
    ) throws(CNNError) {
        try Parallelism.forEach(count: l.channels, workers: l.workers(passes: 4)) { c, _ in
            var sumGrad = 0.0
            var sumGradCentred = 0.0
            for n in 0..<l.batch {
                let o = l.row(n, c)
                let (g, gx) = rowGradientSums(gradOutput + o, input + o, l.spatial, mean: mean[c])
                sumGrad += g
                sumGradCentred += gx
            }
            let sd = Double(invStd[c])
            let sumGradXHat = sumGradCentred * sd
            gradBias[c] = Float(sumGrad)
            gradWeight[c] = Float(sumGradXHat)
            // dx = a·dy + b·(x − mean) + k, the batch terms folded into b and k in Double.
            let a = Double(invStd[c] * (weight?[c] ?? 1))
            let m = Double(l.perChannel)
            let b = Float(-a * sd * sumGradXHat / m)
            let k = Float(-a * sumGrad / m)
            for n in 0..<l.batch {
                let o = l.row(n, c)
                if batchStatistics {
                    gradientRow(
                        gradOutput + o, input + o, gradInput + o, l.spatial, mean: mean[c], a: Float(a), b: b,
                        k: k)
                } else {
                    normalizeRow(gradOutput + o, gradInput + o, l.spatial, mean: 0, scale: Float(a), shift: 0)
                }
            }
        }
    }

    // MARK: One row of a channel

    /// `Σ x` in Double.
    @inline(__always)
    private static func rowSum(_ x: UnsafePointer<Float>, _ count: Int) -> Double {
        var low = SIMD4<Double>(repeating: 0)
        var high = SIMD4<Double>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            let v = load(x + i)
            low += SIMD4<Double>(v.lowHalf)
            high += SIMD4<Double>(v.highHalf)
            i += 8
        }
        if i + 4 <= count {
            low += SIMD4<Double>(load4(x + i))
            i += 4
        }
        var sum = (low + high).sum()
        while i < count {
            sum += Double(x[i])
            i += 1
        }
        return sum
    }

    /// `Σ (x − mean)²` in Double.
    @inline(__always)
    private static func rowSquaredDeviations(_ x: UnsafePointer<Float>, _ count: Int, from mean: Double)
        -> Double
    {
        let mu = SIMD4<Double>(repeating: mean)
        var low = SIMD4<Double>(repeating: 0)
        var high = SIMD4<Double>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            let v = load(x + i)
            let dl = SIMD4<Double>(v.lowHalf) - mu
            let dh = SIMD4<Double>(v.highHalf) - mu
            low.addProduct(dl, dl)
            high.addProduct(dh, dh)
            i += 8
        }
        if i + 4 <= count {
            let d = SIMD4<Double>(load4(x + i)) - mu
            low.addProduct(d, d)
            i += 4
        }
        var sum = (low + high).sum()
        while i < count {
            let d = Double(x[i]) - mean
            sum += d * d
            i += 1
        }
        return sum
    }

    /// `Σ dy` and `Σ dy·(x − mean)` in Double.
    @inline(__always)
    private static func rowGradientSums(
        _ gy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ count: Int, mean: Float
    ) -> (Double, Double) {
        let mu = SIMD8<Float>(repeating: mean)
        var gLow = SIMD4<Double>(repeating: 0)
        var gHigh = SIMD4<Double>(repeating: 0)
        var pLow = SIMD4<Double>(repeating: 0)
        var pHigh = SIMD4<Double>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            let g = load(gy + i)
            let d = load(x + i) - mu
            let gl = SIMD4<Double>(g.lowHalf)
            let gh = SIMD4<Double>(g.highHalf)
            gLow += gl
            gHigh += gh
            pLow.addProduct(gl, SIMD4<Double>(d.lowHalf))
            pHigh.addProduct(gh, SIMD4<Double>(d.highHalf))
            i += 8
        }
        if i + 4 <= count {
            let g = SIMD4<Double>(load4(gy + i))
            gLow += g
            pLow.addProduct(g, SIMD4<Double>(load4(x + i) - mu.lowHalf))
            i += 4
        }
        var sumG = (gLow + gHigh).sum()
        var sumP = (pLow + pHigh).sum()
        while i < count {
            sumG += Double(gy[i])
            sumP += Double(gy[i]) * Double(x[i] - mean)
            i += 1
        }
        return (sumG, sumP)
    }

    /// `y = (x − mean)·scale + shift`.
    @inline(__always)
    private static func normalizeRow(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int, mean: Float, scale: Float,
        shift: Float
    ) {
        let mu = SIMD8<Float>(repeating: mean)
        let s = SIMD8<Float>(repeating: scale)
        let t = SIMD8<Float>(repeating: shift)
        var i = 0
        while i + 8 <= count {
            store(t.addingProduct(load(x + i) - mu, s), y + i)
            i += 8
        }
        if i + 4 <= count {
            store4(t.lowHalf.addingProduct(load4(x + i) - mu.lowHalf, s.lowHalf), y + i)
            i += 4
        }
        while i < count {
            y[i] = shift.addingProduct(x[i] - mean, scale)
            i += 1
        }
    }

    /// `dx = a·dy + b·(x − mean) + k`.
    @inline(__always)
    private static func gradientRow(
        _ gy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ gx: UnsafeMutablePointer<Float>,
        _ count: Int,
        mean: Float, a: Float, b: Float, k: Float
    ) {
        let mu = SIMD8<Float>(repeating: mean)
        let va = SIMD8<Float>(repeating: a)
        let vb = SIMD8<Float>(repeating: b)
        let vk = SIMD8<Float>(repeating: k)
        var i = 0
        while i + 8 <= count {
            store(vk.addingProduct(load(gy + i), va).addingProduct(load(x + i) - mu, vb), gx + i)
            i += 8
        }
        if i + 4 <= count {
            let t = vk.lowHalf.addingProduct(load4(gy + i), va.lowHalf)
            store4(t.addingProduct(load4(x + i) - mu.lowHalf, vb.lowHalf), gx + i)
            i += 4
        }
        while i < count {
            gx[i] = k.addingProduct(gy[i], a).addingProduct(x[i] - mean, b)
            i += 1
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func load4(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
    }

    @inline(__always)
    private static func store4(_ v: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
    }

    @inline(__always)
    private static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
}
