import CBLAS

/// The weight gradient by the same minimal filtering, read backwards.
///
/// The forward tile computes the trilinear form `Σ_ij dY[i,j]·Y[i,j] = Σ_ξ (G g Gᵀ)[ξ] ·
/// (Bᵀ d B)[ξ] · (A dY Aᵀ)[ξ]`, so its derivative in the kernel g is
/// `Gᵀ [(Bᵀ d B) ⊙ (A dY Aᵀ)] G`, summed over every tile of the batch. Per block: transform the
/// input tiles into V (as the forward pass does) and the output-gradient tiles into
/// `Gt[ξ][k][tile]`, then one GEMM per ξ accumulates `dU[ξ][k][c] += Σ_tile Gt · V`. The blocks are
/// summed in a fixed number of chunks (each into its own dU) that are added in order, so the
/// result does not depend on the thread count; finally `Gᵀ dU G` gives each 3×3 kernel.
extension WinogradConv {
    /// Writes `gradWeight` (`[K, C, 3, 3]`) from `input` and `gradOutput` (this plan's
    /// `[N, C, H, W]` and `[N, K, OH, OW]`).
    func weightGradient(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeight: UnsafeMutablePointer<Float>, flops: Double
    ) throws(CNNError) {
        let positions = Self.alpha * Self.alpha
        let perBlock = tilesPerBlock
        let blocks = (tileCount + perBlock - 1) / perBlock
        let chunks = FastConv2d.weightChunks(batch: blocks)
        let partialCount = positions * outChannels * inChannels
        let workers = Parallelism.workers(items: chunks, flops: flops)
        try ScratchBuffer.withBuffers(workers: 1, count: chunks * partialCount) {
            (buffers) throws(CNNError) in
            let partials = buffers[0]
            try ScratchBuffer.withBuffers(workers: workers, count: scratchPerWorker) {
                (scratch) throws(CNNError) in
                try Parallelism.forEach(count: chunks, workers: workers) { chunk, worker throws(CNNError) in
                    let range = FastConv2d.chunkRange(chunk, of: chunks, batch: blocks)
                    for block in range {
                        let first = block * perBlock
                        accumulateBlock(
                            firstTile: first, tiles: min(perBlock, tileCount - first), input: input,
                            gradOutput: gradOutput, into: partials + chunk * partialCount,
                            overwrite: block == range.lowerBound, scratch: scratch[worker])
                    }
                }
            }
            sumChunks(partials, chunks: chunks, stride: partialCount, count: partialCount, into: partials)
            untransformWeightGradient(partials, into: gradWeight)
        }
    }

    /// Adds (or with `overwrite`, writes) one block's `Σ_tile Gt[ξ] · V[ξ]ᵀ` into `du`
    /// (`[ξ][k][c]`).
    private func accumulateBlock(
        firstTile: Int, tiles: Int, input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        into du: UnsafeMutablePointer<Float>, overwrite: Bool, scratch: UnsafeMutablePointer<Float>
    ) {
        let (alpha, m) = (Self.alpha, Self.m)
        let positions = alpha * alpha
        let stride = tilesPerBlock
        let lanes = (tiles + 7) / 8 * 8
        let (vStride, gStride) = (positionStride(channels: inChannels), positionStride(channels: outChannels))
        let (v, gt, patch, block, rows) = layOut(scratch: scratch, lanes: lanes, secondStride: gStride)
        fill(block, firstTile: firstTile, tiles: tiles)
        transformInputTiles(block, input: input, rows: rows, patch: patch, into: v, positionStride: vStride)

        let tile = patch  // m×m gradient values, then the α×m column pass, then α×α
        let columns = patch + m * m
        let transformed = columns + alpha * m
        let tileLanes = UnsafeMutableRawPointer(tile).assumingMemoryBound(to: Float.self)
        let outPlane = outHeight * outWidth
        for k in 0..<outChannels {
            for group in Swift.stride(from: 0, to: lanes, by: 8) {
                if m == 4, let starts = block.wholeTileOffsets(group: group, plane: k * outPlane) {
                    loadEightTiles(from: gradOutput, at: starts, rowStride: outWidth, into: tile)
                } else {
                    for lane in 0..<8 {
                        let o = 2 * (group + lane)
                        gatherGradientTile(
                            image: block.origins[o], origin: block.origins[o + 1], channel: k,
                            gradOutput: gradOutput, into: tileLanes + lane)
                    }
                }
                for j in 0..<m { Tile.gradientTransform(tile + j, xStride: m, columns + j, yStride: m) }
                for i in 0..<alpha {
                    Tile.gradientTransform(columns + i * m, xStride: 1, transformed + i * alpha, yStride: 1)
                }
                let column = gt + k * stride + group
                for xi in 0..<positions { storeFloats8(transformed[xi], column + xi * gStride) }
            }
        }
        for xi in 0..<positions {
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(outChannels), Int32(inChannels), Int32(lanes),
                1, gt + xi * gStride, Int32(stride), v + xi * vStride, Int32(stride), overwrite ? 0 : 1,
                du + xi * outChannels * inChannels, Int32(inChannels))
        }
    }

    /// Copies the m×m output-gradient tile at `origin` of `image`, channel `channel`, into lane
    /// `lanes[0]` (lane stride 8), zero past the output's edges or for a padding lane.
    @inline(__always)
    private func gatherGradientTile(
        image: Int, origin: Int, channel: Int, gradOutput: UnsafePointer<Float>,
        into lanes: UnsafeMutablePointer<Float>
    ) {
        let m = Self.m
        let (y0, x0) = (origin >> 32, origin & 0xFFFF_FFFF)
        guard image >= 0 else {
            for i in 0..<(m * m) { lanes[i * 8] = 0 }
            return
        }
        let plane = gradOutput + (image * outChannels + channel) * outHeight * outWidth
        for i in 0..<m {
            let inside = y0 + i < outHeight
            for j in 0..<m {
                lanes[(i * m + j) * 8] = inside && x0 + j < outWidth ? plane[(y0 + i) * outWidth + x0 + j] : 0
            }
        }
    }
}
