import CBLAS

/// A 3×3, stride-1, undilated, ungrouped convolution by Winograd's minimal filtering, on raw NCHW
/// buffers: `output[n, k] = Σ_c input[n, c] ⋆ weight[k, c] (+ bias[k])`.
///
/// The batch's output tiles are numbered `(n, tileRow, tileColumn)` and cut into blocks whose size
/// depends only on the shape. Per block, on one thread: transform the input tiles into
/// `V[ξ][c][tile]`, run one GEMM per transform position ξ (`M[ξ] = U[ξ] · V[ξ]`, `U[ξ]` being the
/// transformed weights `[K, C]`), and transform `M` back into output tiles. A block's V and M fit
/// in the core's L2 cache, so the data stays close between the three steps.
///
/// The backward-input pass is the same convolution of `gradOutput` with the kernel rotated by 180°
/// and its channel axes swapped, padded by `2 − pad`; `flipWeights` selects that reading.
struct WinogradConv<Tile: WinogradTile> {
    let batch: Int
    let inChannels: Int
    let outChannels: Int
    let inHeight: Int
    let inWidth: Int
    let outHeight: Int
    let outWidth: Int
    let padTop: Int
    let padLeft: Int

    static var alpha: Int { Tile.inputSide }
    static var m: Int { Tile.outputSide }

    var tileRows: Int { (outHeight + Self.m - 1) / Self.m }
    var tileColumns: Int { (outWidth + Self.m - 1) / Self.m }
    var tileCount: Int { batch * tileRows * tileColumns }

    /// Tiles per block: a multiple of 4 (one per SIMD lane), at most what keeps a block's V and M
    /// within about 1 MB, and small enough to give at least four blocks to share among threads.
    var tilesPerBlock: Int {
        let positions = Self.alpha * Self.alpha
        let cacheLimit = max(16, min(512, (1 << 18) / (positions * (inChannels + outChannels))))
        let blocks = max((tileCount + cacheLimit - 1) / cacheLimit, min(4, (tileCount + 31) / 32))
        let perBlock = (tileCount + blocks - 1) / blocks
        return (perBlock + 3) / 4 * 4
    }

    /// Floats between consecutive transform positions ξ of V (or M): the matrix plus 64 bytes, so
    /// that the α² rows a tile touches do not all fall in the same L1 cache sets (a plain
    /// power-of-two multiple made every row collide).
    func positionStride(channels: Int) -> Int { channels * tilesPerBlock + 16 }

    /// Floats of scratch one worker needs: V, M, the lanes of one tile group, the tile origins
    /// and patch offsets.
    var scratchPerWorker: Int {
        let positions = Self.alpha * Self.alpha
        return positions * (positionStride(channels: inChannels) + positionStride(channels: outChannels))
            + 3 * positions * 4 + tilesPerBlock * 3 * MemoryLayout<Int>.stride / 4
    }

    /// Runs the convolution with weights already transformed into `u`.
    func run(
        input: UnsafePointer<Float>, u: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>, flops: Double
    ) throws(CNNError) {
        let perBlock = tilesPerBlock
        let blocks = (tileCount + perBlock - 1) / perBlock
        let workers = Parallelism.workers(items: blocks, flops: flops)
        try ScratchBuffer.withBuffers(workers: 1, count: paddedCount) { (padded) throws(CNNError) in
            try padInput(input, into: padded[0])
            try ScratchBuffer.withBuffers(workers: workers, count: scratchPerWorker) {
                (scratch) throws(CNNError) in
                try Parallelism.forEach(count: blocks, workers: workers) { block, worker throws(CNNError) in
                    let first = block * perBlock
                    let tiles = min(perBlock, tileCount - first)
                    runBlock(
                        firstTile: first, tiles: tiles, padded: padded[0], u: u, bias: bias, output: output,
                        scratch: scratch[worker])
                }
            }
        }
    }

    private func runBlock(
        firstTile: Int, tiles: Int, padded: UnsafePointer<Float>, u: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let (alpha, m) = (Self.alpha, Self.m)
        let positions = alpha * alpha
        let stride = tilesPerBlock
        let lanes = (tiles + 3) / 4 * 4
        let (vStride, mStride) = (positionStride(channels: inChannels), positionStride(channels: outChannels))
        let v = scratch
        let mm = v + positions * vStride
        let patch = UnsafeMutableRawPointer(mm + positions * mStride)
            .bindMemory(to: SIMD4<Float>.self, capacity: 3 * positions)
        let half = patch + positions  // the output's column pass, m×α
        let result = half + m * alpha  // the output tile, m×m
        let resultLanes = UnsafeMutableRawPointer(result).assumingMemoryBound(to: Float.self)
        let origins = UnsafeMutableRawPointer(patch + 3 * positions).bindMemory(
            to: Int.self, capacity: 3 * lanes)
        let offsets = origins + 2 * lanes
        fillOrigins(firstTile: firstTile, tiles: tiles, lanes: lanes, into: origins)
        fillPatchOffsets(origins: origins, lanes: lanes, into: offsets)
        transformInputTiles(
            offsets: offsets, lanes: lanes, padded: padded, patch: patch, into: v, positionStride: vStride)
        for xi in 0..<positions {
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(outChannels), Int32(lanes),
                Int32(inChannels), 1, u + xi * outChannels * inChannels, Int32(inChannels),
                v + xi * vStride, Int32(stride), 0, mm + xi * mStride, Int32(stride))
        }
        for k in 0..<outChannels {
            let b = bias.map { SIMD4<Float>(repeating: $0[k]) } ?? .zero
            for group in Swift.stride(from: 0, to: lanes, by: 4) {
                let column = UnsafeRawPointer(mm + k * stride + group)
                for xi in 0..<positions {
                    patch[xi] = column.load(fromByteOffset: xi * mStride * 4, as: SIMD4<Float>.self)
                }
                for j in 0..<alpha {
                    Tile.outputTransform(patch + j, xStride: alpha, half + j, yStride: alpha)
                }
                for i in 0..<m {
                    Tile.outputTransform(half + i * alpha, xStride: 1, result + i * m, yStride: 1)
                }
                for i in 0..<(m * m) { result[i] += b }
                if m == 4 && group + 4 <= tiles
                    && scatterFourFullTiles(origins + 2 * group, channel: k, from: result, output: output)
                {
                    continue
                }
                for lane in 0..<min(4, tiles - group) {
                    let o = 2 * (group + lane)
                    scatterOutputTile(
                        image: origins[o], origin: origins[o + 1], channel: k, from: resultLanes + lane,
                        output: output)
                }
            }
        }
    }

    /// Where each of the block's tiles has its output's top-left pixel: `origins[2·lane]` is the
    /// image (-1 for a padding lane past `tiles`), `origins[2·lane + 1]` is `row << 32 | column`.
    func fillOrigins(firstTile: Int, tiles: Int, lanes: Int, into origins: UnsafeMutablePointer<Int>) {
        let m = Self.m
        let perImage = tileRows * tileColumns
        for lane in 0..<lanes {
            let tile = firstTile + lane
            guard lane < tiles else {
                origins[2 * lane] = -1
                continue
            }
            let n = tile / perImage
            let rest = tile - n * perImage
            let row = rest / tileColumns
            origins[2 * lane] = n
            origins[2 * lane + 1] = (row * m) << 32 | (rest - row * tileColumns) * m
        }
    }

    /// Writes four 4×4 results (lane q of each `SIMD4` is tile q) when every tile lies wholly
    /// inside the output, a row of four floats per store; false (nothing written) otherwise.
    @inline(__always)
    private func scatterFourFullTiles(
        _ origins: UnsafePointer<Int>, channel: Int, from result: UnsafePointer<SIMD4<Float>>,
        output: UnsafeMutablePointer<Float>
    ) -> Bool {
        var rowStarts: (Int, Int, Int, Int) = (0, 0, 0, 0)
        for lane in 0..<4 {
            let (image, origin) = (origins[2 * lane], origins[2 * lane + 1])
            let (y0, x0) = (origin >> 32, origin & 0xFFFF_FFFF)
            guard y0 + 4 <= outHeight && x0 + 4 <= outWidth else { return false }
            let start = ((image * outChannels + channel) * outHeight + y0) * outWidth + x0
            switch lane {
            case 0: rowStarts.0 = start
            case 1: rowStarts.1 = start
            case 2: rowStarts.2 = start
            default: rowStarts.3 = start
            }
        }
        let raw = UnsafeMutableRawPointer(output)
        for i in 0..<4 {
            let (t0, t1, t2, t3) = transpose(
                result[i * 4], result[i * 4 + 1], result[i * 4 + 2], result[i * 4 + 3])
            let offset = i * outWidth
            raw.storeBytes(of: t0, toByteOffset: (rowStarts.0 + offset) * 4, as: SIMD4<Float>.self)
            raw.storeBytes(of: t1, toByteOffset: (rowStarts.1 + offset) * 4, as: SIMD4<Float>.self)
            raw.storeBytes(of: t2, toByteOffset: (rowStarts.2 + offset) * 4, as: SIMD4<Float>.self)
            raw.storeBytes(of: t3, toByteOffset: (rowStarts.3 + offset) * 4, as: SIMD4<Float>.self)
        }
        return true
    }

    /// Writes lane `lanes[0]` of an m×m result (lane stride 4) to the output tile at `origin` of
    /// `image`, channel `channel`, dropping the part past the output's bottom or right edge.
    @inline(__always)
    private func scatterOutputTile(
        image: Int, origin: Int, channel: Int, from lanes: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        let m = Self.m
        let (y0, x0) = (origin >> 32, origin & 0xFFFF_FFFF)
        let plane = output + (image * outChannels + channel) * outHeight * outWidth
        let rows = min(m, outHeight - y0)
        let columns = min(m, outWidth - x0)
        for i in 0..<rows {
            let dst = plane + (y0 + i) * outWidth + x0
            for j in 0..<columns { dst[j] = lanes[(i * m + j) * 4] }
        }
    }
}
