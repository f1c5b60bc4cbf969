/// The direct convolution for layers with few input channels (a network's first layer on
/// grey or RGB images).
///
/// im2col + GEMM spends most of its time there on the column copy and on a GEMM whose inner
/// dimension is only `C·kH·kW` (9 for one channel); the direct loop instead reads a zero-padded
/// copy of the input (`DirectConvLayout`) and keeps 4 channels × 24 output columns in registers
/// (`DirectConvKernel`). Exact up to Float32 rounding of a direct sum, like the reference.
extension FastConv2d {
    /// Ungrouped convolutions with at most 4 input channels, any kernel, stride, padding and
    /// dilation.
    var usesDirect: Bool { g.groups == 1 && g.inChannels <= 4 }

    func directForward(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        let taps = g.inChannels * g.kernelHeight * g.kernelWidth
        try Self.directConvolution(g, input: input, bias: bias, output: output) { k, tap in
            weight[k * taps + tap]
        }
    }

    /// Stride-1 direct-path convolutions whose input gradient runs the direct loop too: from 3
    /// input channels, so that at most one of the 4-channel register tile's channels idles (with
    /// 1 or 2, im2col + GEMM was faster).
    var usesDirectBackwardInput: Bool {
        usesDirect && g.strideH == 1 && g.strideW == 1 && g.inChannels >= 3
    }

    /// The input gradient of a stride-1 convolution is itself one: `gradOutput` (`K` channels)
    /// convolved with the kernel flipped and its channel axes swapped, padded by
    /// `dilation·(kernel − 1) − pad` on each side (negative padding crops).
    func directBackwardInput(
        gradOutput: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        let (kh, kw) = (g.kernelHeight, g.kernelWidth)
        let (spanH, spanW) = (g.dilationH * (kh - 1), g.dilationW * (kw - 1))
        let transposed = Conv2dGeometry(
            batch: g.batch, inChannels: g.outChannels, inHeight: g.outHeight, inWidth: g.outWidth,
            outChannels: g.inChannels, kernelHeight: kh, kernelWidth: kw,
            padTop: spanH - g.padTop, padBottom: spanH - g.padBottom, padLeft: spanW - g.padLeft,
            padRight: spanW - g.padRight, dilationH: g.dilationH, dilationW: g.dilationW)
        precondition(
            transposed.outHeight == g.inHeight && transposed.outWidth == g.inWidth,
            "transposed \(transposed) does not give the input of \(g)")
        try Self.directConvolution(transposed, input: gradOutput, bias: nil, output: gradInput) {
            c, tap in
            // Tap (k, r, s) of the transposed convolution is weight[k, c, kH − 1 − r, kW − 1 − s].
            let (k, rs) = tap.quotientAndRemainder(dividingBy: kh * kw)
            let (r, s) = rs.quotientAndRemainder(dividingBy: kw)
            return weight[((k * g.inChannels + c) * kh + kh - 1 - r) * kw + kw - 1 - s]
        }
    }

    /// Work below this many FLOPs runs on the calling thread. The direct loop does ~90 GFLOP/s,
    /// 2–4× the GEMM paths `Parallelism.minimumFlopsToFanOut` was set on, so the same ~15 µs of
    /// work is 4× the FLOPs: 64,1,8,8,8's forward pass (0.6 MFLOP, 15 µs on one thread) ran at
    /// half speed on two threads of a loaded 2-core machine.
    static let directMinimumFlopsToFanOut: Double = 1_600_000

    /// Output channels per register tile.
    static let directBlock = 4

    /// `output[n, k] = bias[k] + Σ_(c,r,s) weightAt(k, (c·kH + r)·kW + s) · padded input` for the
    /// convolution `g` (whose padding may be negative); `weightAt` lets callers pass a rearranged
    /// weight (the input gradient's flipped, transposed one).
    ///
    /// Work items are runs of whole images sized from the shape alone (≈128 kFLOP each), each
    /// padded into its worker's scratch and then swept tile by tile.
    static func directConvolution(
        _ g: Conv2dGeometry, input: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>, weightAt: (_ k: Int, _ tap: Int) -> Float
    ) throws(CNNError) {
        let layout = DirectConvLayout(g)
        let (kh, kw, channels) = (g.kernelHeight, g.kernelWidth, g.outChannels)
        let taps = g.inChannels * kh * kw
        let blocks = (channels + directBlock - 1) / directBlock
        let (outPlane, vectorsPerImage) = (g.outHeight * g.outWidth, g.outHeight * layout.vectorsPerRow)
        let flopsPerImage = g.forwardFlops / Double(max(1, g.batch))
        let imagesPerItem = max(1, min(g.batch, Int(131_072 / max(1, flopsPerImage))))
        let items = (g.batch + imagesPerItem - 1) / imagesPerItem
        let workers = Parallelism.workers(
            items: items, flops: g.forwardFlops, minimumFlops: directMinimumFlopsToFanOut)
        // Read here: the pool's helper threads do not see the caller's task-local budget.
        let budget = ComputeBudget.current
        // Multiply-adds of one `tile4x3` sweep over every channel block: 3 vectors of 8 lanes.
        let workPerStep = Double(24 * taps * blocks * directBlock)
        // The tap offsets and packed weights live outside any tensor: charged to the session while
        // they do (a kernel as large as the weight's element limit packs as much again).
        let packedCount = blocks * (taps + 1) * directBlock
        let charge = try MemoryCharge(
            count: packedCount + taps * MemoryLayout<Int>.size / MemoryLayout<Float>.size, bytesPerElement: 4,
            shape: [blocks * directBlock, taps + 1])
        defer { withExtendedLifetime(charge) {} }
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: taps) { offsets throws(CNNError) in
            try withUnsafeTemporaryAllocation(of: Float.self, capacity: packedCount) {
                packed throws(CNNError) in
                // Per block: [taps, 4] weights, then the 4 biases; channels past `channels` are 0.
                let packed = packed.baseAddress!
                for c in 0..<g.inChannels {
                    for r in 0..<kh {
                        for s in 0..<kw {
                            offsets[(c * kh + r) * kw + s] = layout.tapOffset(channel: c, r: r, s: s)
                        }
                    }
                }
                for block in 0..<blocks {
                    let base = packed + block * (taps + 1) * directBlock
                    for lane in 0..<directBlock {
                        let k = block * directBlock + lane
                        for tap in 0..<taps {
                            base[tap * directBlock + lane] = k < channels ? weightAt(k, tap) : 0
                        }
                        base[taps * directBlock + lane] = k < channels ? bias?[k] ?? 0 : 0
                    }
                }
                let offsets = UnsafePointer(offsets.baseAddress!)
                try ScratchBuffer.withBuffers(workers: workers, count: imagesPerItem * layout.imageCount) {
                    scratch throws(CNNError) in
                    try Parallelism.forEach(count: items, workers: workers) { item, worker throws(CNNError) in
                        let first = item * imagesPerItem
                        let count = min(imagesPerItem, g.batch - first)
                        let padded = scratch[worker]
                        for j in 0..<count {
                            layout.fill(
                                image: input + (first + j) * g.inChannels * g.inHeight * g.inWidth,
                                into: padded + j * layout.imageCount)
                        }
                        let outputBase = output + first * channels * outPlane
                        var cursor = 0
                        let total = count * vectorsPerImage
                        // The vector `index` of this item, or a filler (lanes 0) past the end.
                        func vector(_ index: Int) -> DirectConvVector {
                            guard index < total else {
                                return DirectConvVector(
                                    input: UnsafePointer(padded), output: outputBase, lanes: 0)
                            }
                            let (j, v) = index.quotientAndRemainder(dividingBy: vectorsPerImage)
                            let (oy, xv) = v.quotientAndRemainder(dividingBy: layout.vectorsPerRow)
                            return DirectConvVector(
                                input: padded + j * layout.imageCount
                                    + layout.vectorBase(row: oy, vector: xv),
                                output: outputBase + j * channels * outPlane + oy * g.outWidth + xv * 8,
                                lanes: min(8, g.outWidth - xv * 8))
                        }
                        var meter = WorkMeter(budget)
                        while cursor < total {
                            try meter.add(workPerStep)
                            var (v0, v1, v2) = (vector(cursor), vector(cursor + 1), vector(cursor + 2))
                            for block in 0..<blocks {
                                let weights = packed + block * (taps + 1) * directBlock
                                DirectConvKernel.tile4x3(
                                    v0, v1, v2, offsets: offsets, taps: taps, weights: weights,
                                    bias: weights + taps * directBlock, channelStride: outPlane,
                                    channels: min(directBlock, channels - block * directBlock))
                                let step = directBlock * outPlane
                                v0.output += step
                                v1.output += step
                                v2.output += step
                            }
                            cursor += 3
                        }
                    }
                }
            }
        }
    }
}
