/// The weight gradient of the direct path: `gradWeight[k, (c, r, s)] = Σ_(n, oy, ox)
/// gradOutput[n, k, oy, ox] · input at tap (c, r, s) of (oy, ox)`, read from the same padded copy
/// as the forward pass, 4 channels × 3 taps of SIMD8 sums at a time (`gradientTile4x3`).
extension FastConv2d {
    /// Output pixels (as whole 8-float vectors) swept per tile call: 4 channels of gradient
    /// (16 KiB) and the input rows they read stay in a 32 KiB L1 cache.
    static let directGradientPixels = 1024

    /// Batch items are summed in `weightChunks` chunks fixed by the batch size; within a chunk
    /// images, row strips and lanes are added in a fixed order, and the chunks' partial sums in
    /// chunk order, so the result does not depend on the thread count.
    func directBackwardWeight(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeight: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>?
    ) throws(CNNError) {
        let layout = DirectConvLayout(g)
        let (channels, kh, kw) = (g.outChannels, g.kernelHeight, g.kernelWidth)
        let taps = g.inChannels * kh * kw
        let (channelBlocks, tapBlocks) = ((channels + 3) / 4, (taps + 2) / 3)
        let outPlane = g.outHeight * g.outWidth
        let vectorsPerRow = layout.vectorsPerRow
        // A ragged last vector reads its gradient from a copy whose rows are zero-padded to
        // whole vectors, so the lanes past the output width add nothing.
        let ragged = g.outWidth % 8 != 0
        let gradientRow = ragged ? vectorsPerRow * 8 : g.outWidth
        let gradientImage = channels * g.outHeight * gradientRow
        let imagePixels = g.outHeight * vectorsPerRow * 8
        let imagesPerGroup = max(1, min(g.batch, Self.directGradientPixels / imagePixels))
        let stripRows = max(1, Self.directGradientPixels / (vectorsPerRow * 8))
        let chunks = Self.weightChunks(batch: g.batch)
        let sumCount = channelBlocks * tapBlocks * 12
        let partialCount = channels * taps + channels
        let scratchCount =
            sumCount * 8 + imagesPerGroup * layout.imageCount + (ragged ? imagesPerGroup * gradientImage : 0)
        let workers = Parallelism.workers(
            items: chunks, flops: g.forwardFlops, minimumFlops: Self.directMinimumFlopsToFanOut)
        try ScratchBuffer.withBuffers(workers: 1, count: chunks * partialCount) { partials throws(CNNError) in
            try ScratchBuffer.withBuffers(workers: workers, count: scratchCount) { scratch throws(CNNError) in
                try Parallelism.forEach(count: chunks, workers: workers) { chunk, worker throws(CNNError) in
                    // The 64-byte-aligned buffer starts with the SIMD8 sums.
                    let sums = UnsafeMutableRawPointer(scratch[worker]).bindMemory(
                        to: SIMD8<Float>.self, capacity: sumCount)
                    sums.initialize(repeating: .zero, count: sumCount)
                    let padded = scratch[worker] + sumCount * 8
                    let gradientCopy = padded + imagesPerGroup * layout.imageCount
                    let partial = partials[0] + chunk * partialCount
                    let biasSums = partial + channels * taps
                    biasSums.initialize(repeating: 0, count: channels)
                    let images = Self.chunkRange(chunk, of: chunks, batch: g.batch)
                    for first in Swift.stride(
                        from: images.lowerBound, to: images.upperBound, by: imagesPerGroup)
                    {
                        let count = min(imagesPerGroup, images.upperBound - first)
                        let gradient = gradOutput + first * channels * outPlane
                        for j in 0..<count {
                            layout.fill(
                                image: input + (first + j) * g.inChannels * g.inHeight * g.inWidth,
                                into: padded + j * layout.imageCount)
                            for k in 0..<channels {
                                biasSums[k] += sumFloats(
                                    gradient + (j * channels + k) * outPlane, count: outPlane)
                            }
                        }
                        if ragged {
                            copyPaddingRows(
                                gradient, rows: count * channels * g.outHeight, into: gradientCopy,
                                rowLength: gradientRow)
                        }
                        let source = ragged ? UnsafePointer(gradientCopy) : gradient
                        for top in Swift.stride(from: 0, to: g.outHeight, by: stripRows) {
                            let rows = min(stripRows, g.outHeight - top)
                            let stripGradient = source + top * gradientRow
                            let stripInput = UnsafePointer(padded) + layout.vectorBase(row: top, vector: 0)
                            for block in 0..<channelBlocks {
                                let k0 = block * 4
                                let plane = g.outHeight * gradientRow
                                let shift = { (lane: Int) in k0 + lane < channels ? lane * plane : 0 }
                                for tapBlock in 0..<tapBlocks {
                                    let tap = { (lane: Int) in
                                        let t = min(tapBlock * 3 + lane, taps - 1)
                                        return layout.tapOffset(
                                            channel: t / (kh * kw), r: t / kw % kh, s: t % kw)
                                    }
                                    DirectConvKernel.gradientTile4x3(
                                        gradient: stripGradient + k0 * plane,
                                        channels: (shift(1), shift(2), shift(3)),
                                        gradientRow: gradientRow, gradientImage: gradientImage,
                                        input: stripInput, inputRow: g.strideH * layout.rowLength,
                                        inputImage: layout.imageCount, taps: (tap(0), tap(1), tap(2)),
                                        images: count, rows: rows, vectorsPerRow: vectorsPerRow,
                                        sums: sums + (block * tapBlocks + tapBlock) * 12)
                                }
                            }
                        }
                    }
                    // Lanes added in order into the chunk's [channels, taps] partial.
                    for block in 0..<channelBlocks {
                        for tapBlock in 0..<tapBlocks {
                            let tile = sums + (block * tapBlocks + tapBlock) * 12
                            for lane in 0..<12 {
                                let (k, t) = (block * 4 + lane / 3, tapBlock * 3 + lane % 3)
                                if k < channels && t < taps { partial[k * taps + t] = tile[lane].sum() }
                            }
                        }
                    }
                }
            }
            let first = partials[0]
            sumChunks(first, chunks: chunks, stride: partialCount, count: channels * taps, into: gradWeight)
            if let gradBias {
                sumChunks(
                    first + channels * taps, chunks: chunks, stride: partialCount, count: channels,
                    into: gradBias)
            }
        }
    }

    /// Copies `rows` rows of `outWidth` floats into rows of `rowLength`, zero-filling the rest.
    func copyPaddingRows(
        _ source: UnsafePointer<Float>, rows: Int, into destination: UnsafeMutablePointer<Float>,
        rowLength: Int
    ) {
        for row in 0..<rows {
            let target = destination + row * rowLength
            copyFloats(target, from: source + row * g.outWidth, count: g.outWidth)
            zeroFloats(target + g.outWidth, count: rowLength - g.outWidth)
        }
    }
}
