/// Float32 batch normalisation over a tensor viewed as `[batch, channels, spatial]`: the training
/// hot path, tested against `ReferenceBatchNorm` in Double.
///
/// A channel's values are `batch` rows of `spatial` contiguous floats. Work items are blocks of
/// neighbouring channels holding about `blockElements` values, small enough to stay in cache
/// between a kernel's passes. Inside a block each pass walks the rows in memory order (sample by
/// sample, the block's channels side by side), because one channel alone is short rows far apart,
/// which the hardware prefetcher does not follow. Sums are kept in Double per channel, eight floats
/// a step in two `SIMD4<Double>` accumulators (then four, then one, for a row's tail), and a
/// channel's rows are always added in sample order: whatever the blocks and whichever
/// `Parallelism` worker runs them, every result has the same bits.
enum FastBatchNorm {
    /// Values per work item: 256 KiB of Float32, about what a core's L2 cache keeps.
    static let blockElements = 1 << 16

    /// The view of one batch-norm call: where the rows of each channel are.
    struct Layout {
        let batch: Int
        let channels: Int
        let spatial: Int

        /// Values per channel, the `M` of the formulas.
        var perChannel: Int { batch * spatial }

        /// Channels per work item.
        var blockChannels: Int { max(1, min(channels, FastBatchNorm.blockElements / max(1, perChannel))) }

        /// Runs `body(channels)` for every block of channels, on several threads when a kernel of
        /// `passes` reads over the whole tensor is worth it.
        func forEachBlock(passes: Int, _ body: (Range<Int>) -> Void) throws(CNNError) {
            let width = blockChannels
            let blocks = (channels + width - 1) / width
            let workers = Parallelism.workers(
                items: blocks, flops: Double(passes * batch * channels * spatial))
            try Parallelism.forEach(count: blocks, workers: workers) { block, _ in
                body(block * width..<min(channels, (block + 1) * width))
            }
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
        try l.forEachBlock(passes: 3) { block in
            let m = Double(l.perChannel)
            for c in block { mean[c] = 0 }
            for n in 0..<l.batch {
                for c in block { mean[c] += rowSum(input + l.row(n, c), l.spatial) }
            }
            for c in block {
                mean[c] /= m
                variance[c] = 0
            }
            for n in 0..<l.batch {
                for c in block {
                    variance[c] += rowSquaredDeviations(input + l.row(n, c), l.spatial, from: mean[c])
                }
            }
            for c in block { variance[c] /= m }
            withUnsafeTemporaryAllocation(of: Float.self, capacity: block.count) { scale in
                for (j, c) in block.enumerated() {
                    scale[j] = Float(1 / (variance[c] + eps).squareRoot()) * (weight?[c] ?? 1)
                }
                for n in 0..<l.batch {
                    for (j, c) in block.enumerated() {
                        let o = l.row(n, c)
                        normalizeRow(
                            input + o, output + o, l.spatial, mean: Float(mean[c]), scale: scale[j],
                            shift: bias?[c] ?? 0)
                    }
                }
            }
        }
    }

    /// Forward with given statistics (evaluation mode): `y = (x − mean)·invStd·weight + bias`.
    static func forward(
        input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, weight: UnsafePointer<Float>?,
        bias: UnsafePointer<Float>?, mean: UnsafePointer<Float>, invStd: UnsafePointer<Float>,
        layout l: Layout
    ) throws(CNNError) {
        try l.forEachBlock(passes: 1) { block in
            for n in 0..<l.batch {
                for c in block {
                    let o = l.row(n, c)
                    normalizeRow(
                        input + o, output + o, l.spatial, mean: mean[c], scale: invStd[c] * (weight?[c] ?? 1),
                        shift: bias?[c] ?? 0)
                }
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
        try l.forEachBlock(passes: 4) { block in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * block.count) { sums in
                // sums[j]: Σdy of channel block[j]; sums[count + j]: Σdy·(x − mean).
                let width = block.count
                sums.initialize(repeating: 0)
                for n in 0..<l.batch {
                    for (j, c) in block.enumerated() {
                        let o = l.row(n, c)
                        let (g, gx) = rowGradientSums(gradOutput + o, input + o, l.spatial, mean: mean[c])
                        sums[j] += g
                        sums[width + j] += gx
                    }
                }
                // dx = a·dy + b·(x − mean) + k, the batch terms folded into b and k in Double.
                var coefficients: [(a: Float, b: Float, k: Float)] = []
                coefficients.reserveCapacity(width)
                let m = Double(l.perChannel)
                for (j, c) in block.enumerated() {
                    let sd = Double(invStd[c])
                    let sumGradXHat = sums[width + j] * sd
                    gradBias[c] = Float(sums[j])
                    gradWeight[c] = Float(sumGradXHat)
                    let a = Double(invStd[c] * (weight?[c] ?? 1))
                    coefficients.append((Float(a), Float(-a * sd * sumGradXHat / m), Float(-a * sums[j] / m)))
                }
                for n in 0..<l.batch {
                    for (j, c) in block.enumerated() {
                        let o = l.row(n, c)
                        let (a, b, k) = coefficients[j]
                        if batchStatistics {
                            gradientRow(
                                gradOutput + o, input + o, gradInput + o, l.spatial, mean: mean[c], a: a,
                                b: b, k: k)
                        } else {
                            normalizeRow(
                                gradOutput + o, gradInput + o, l.spatial, mean: 0, scale: a, shift: 0)
                        }
                    }
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
            let v = loadFloats8(x + i)
            low += SIMD4<Double>(v.lowHalf)
            high += SIMD4<Double>(v.highHalf)
            i += 8
        }
        if i + 4 <= count {
            low += SIMD4<Double>(loadFloats4(x + i))
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
            let v = loadFloats8(x + i)
            let dl = SIMD4<Double>(v.lowHalf) - mu
            let dh = SIMD4<Double>(v.highHalf) - mu
            low.addProduct(dl, dl)
            high.addProduct(dh, dh)
            i += 8
        }
        if i + 4 <= count {
            let d = SIMD4<Double>(loadFloats4(x + i)) - mu
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
            let g = loadFloats8(gy + i)
            let d = loadFloats8(x + i) - mu
            let gl = SIMD4<Double>(g.lowHalf)
            let gh = SIMD4<Double>(g.highHalf)
            gLow += gl
            gHigh += gh
            pLow.addProduct(gl, SIMD4<Double>(d.lowHalf))
            pHigh.addProduct(gh, SIMD4<Double>(d.highHalf))
            i += 8
        }
        if i + 4 <= count {
            let g = SIMD4<Double>(loadFloats4(gy + i))
            gLow += g
            pLow.addProduct(g, SIMD4<Double>(loadFloats4(x + i) - mu.lowHalf))
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
            storeFloats8(t.addingProduct(loadFloats8(x + i) - mu, s), y + i)
            i += 8
        }
        if i + 4 <= count {
            storeFloats4(t.lowHalf.addingProduct(loadFloats4(x + i) - mu.lowHalf, s.lowHalf), y + i)
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
            storeFloats8(
                vk.addingProduct(loadFloats8(gy + i), va).addingProduct(loadFloats8(x + i) - mu, vb), gx + i)
            i += 8
        }
        if i + 4 <= count {
            let t = vk.lowHalf.addingProduct(loadFloats4(gy + i), va.lowHalf)
            storeFloats4(t.addingProduct(loadFloats4(x + i) - mu.lowHalf, vb.lowHalf), gx + i)
            i += 4
        }
        while i < count {
            gx[i] = k.addingProduct(gy[i], a).addingProduct(x[i] - mean, b)
            i += 1
        }
    }
}
