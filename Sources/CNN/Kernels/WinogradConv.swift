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

    /// Tiles per block: a multiple of 8 (one per SIMD lane), at most what keeps a block's V and M
    /// within about 1 MB, and small enough to give up to four blocks of at least 16 tiles to share
    /// among threads (with 32 at least, ResNet-20's last stages on 8×8 images — 32 tiles a call —
    /// ran on one thread).
    var tilesPerBlock: Int {
        let positions = Self.alpha * Self.alpha
        let cacheLimit = max(16, min(512, (1 << 18) / (positions * (inChannels + outChannels))))
        let blocks = max((tileCount + cacheLimit - 1) / cacheLimit, min(4, (tileCount + 15) / 16))
        let perBlock = (tileCount + blocks - 1) / blocks
        return (perBlock + 7) / 8 * 8
    }

    /// Floats between consecutive transform positions ξ of V (or M): the matrix plus 64 bytes, so
    /// that the α² rows a tile touches do not all fall in the same L1 cache sets (a plain
    /// power-of-two multiple made every row collide).
    func positionStride(channels: Int) -> Int { channels * tilesPerBlock + 16 }

    /// Floats of scratch one worker needs: V, M, the lanes of one tile group, the per-tile facts
    /// (`BlockTiles`) and the block's padded input rows.
    var scratchPerWorker: Int {
        let positions = Self.alpha * Self.alpha
        return positions * (positionStride(channels: inChannels) + positionStride(channels: outChannels))
            + 3 * positions * 8 + blockTilesFloats + paddedRowsCount
    }

    /// Floats that hold a block's `BlockTiles` storage (a multiple of 16, keeping what follows
    /// 64-byte aligned).
    var blockTilesFloats: Int {
        let ints = BlockTiles.storageCount(lanes: tilesPerBlock, maxSlots: maxImagesPerBlock)
        return (ints * MemoryLayout<Int>.stride / 4 + 15) / 16 * 16
    }

    /// Carves a worker's scratch into V (`positions · vStride` floats), the second matrix (M or
    /// the gradient tiles, `positions · secondStride`), the tile-group patch, the block's tiles and
    /// its padded rows.
    func layOut(
        scratch: UnsafeMutablePointer<Float>, lanes: Int, secondStride: Int
    ) -> (
        v: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>,
        patch: UnsafeMutablePointer<SIMD8<Float>>, block: BlockTiles, rows: UnsafeMutablePointer<Float>
    ) {
        let positions = Self.alpha * Self.alpha
        let v = scratch
        let second = v + positions * positionStride(channels: inChannels)
        let patchFloats = second + positions * secondStride
        let patch = UnsafeMutableRawPointer(patchFloats).bindMemory(
            to: SIMD8<Float>.self, capacity: 3 * positions)
        let tileFacts = patchFloats + 3 * positions * 8
        let block = BlockTiles(
            UnsafeMutableRawPointer(tileFacts).bindMemory(
                to: Int.self, capacity: BlockTiles.storageCount(lanes: lanes, maxSlots: maxImagesPerBlock)),
            lanes: lanes, maxSlots: maxImagesPerBlock)
        return (v, second, patch, block, tileFacts + blockTilesFloats)
    }

    /// Runs the convolution with weights already transformed into `u`.
    func run(
        input: UnsafePointer<Float>, u: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>, flops: Double
    ) throws(CNNError) {
        let perBlock = tilesPerBlock
        let blocks = (tileCount + perBlock - 1) / perBlock
        let workers = Parallelism.workers(items: blocks, flops: flops)
        try ScratchBuffer.withBuffers(workers: workers, count: scratchPerWorker) {
            (scratch) throws(CNNError) in
            try Parallelism.forEach(count: blocks, workers: workers) { block, worker throws(CNNError) in
                let first = block * perBlock
                let tiles = min(perBlock, tileCount - first)
                runBlock(
                    firstTile: first, tiles: tiles, input: input, u: u, bias: bias, output: output,
                    scratch: scratch[worker])
            }
        }
    }

    private func runBlock(
        firstTile: Int, tiles: Int, input: UnsafePointer<Float>, u: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let (alpha, m) = (Self.alpha, Self.m)
        let positions = alpha * alpha
        let stride = tilesPerBlock
        let lanes = (tiles + 7) / 8 * 8
        let (vStride, mStride) = (positionStride(channels: inChannels), positionStride(channels: outChannels))
        let (v, mm, patch, block, rows) = layOut(scratch: scratch, lanes: lanes, secondStride: mStride)
        let half = patch + positions  // the output's column pass, m×α
        let result = half + m * alpha  // the output tile, m×m
        let resultLanes = UnsafeMutableRawPointer(result).assumingMemoryBound(to: Float.self)
        fill(block, firstTile: firstTile, tiles: tiles)
        transformInputTiles(block, input: input, rows: rows, patch: patch, into: v, positionStride: vStride)
        for xi in 0..<positions {
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(outChannels), Int32(lanes),
                Int32(inChannels), 1, u + xi * outChannels * inChannels, Int32(inChannels),
                v + xi * vStride, Int32(stride), 0, mm + xi * mStride, Int32(stride))
        }
        let outPlane = outHeight * outWidth
        for k in 0..<outChannels {
            let b = bias.map { SIMD8<Float>(repeating: $0[k]) } ?? .zero
            for group in Swift.stride(from: 0, to: lanes, by: 8) {
                let column = mm + k * stride + group
                for xi in 0..<positions { patch[xi] = loadFloats8(column + xi * mStride) }
                for j in 0..<alpha {
                    Tile.outputTransform(patch + j, xStride: alpha, half + j, yStride: alpha)
                }
                for i in 0..<m {
                    Tile.outputTransform(half + i * alpha, xStride: 1, result + i * m, yStride: 1)
                }
                for i in 0..<(m * m) { result[i] += b }
                if m == 4, let starts = block.wholeTileOffsets(group: group, plane: k * outPlane) {
                    storeEightTiles(result, at: starts, rowStride: outWidth, into: output)
                    continue
                }
                for lane in 0..<min(8, tiles - group) {
                    let o = 2 * (group + lane)
                    scatterOutputTile(
                        image: block.origins[o], origin: block.origins[o + 1], channel: k,
                        from: resultLanes + lane, output: output)
                }
            }
        }
    }

    /// Writes `fill`'s per-tile facts for the block's tiles `firstTile ..< firstTile + tiles`
    /// (the lanes past `tiles` are padding lanes).
    func fill(_ block: BlockTiles, firstTile: Int, tiles: Int) {
        fillOrigins(firstTile: firstTile, tiles: tiles, lanes: block.lanes, into: block.origins)
        fillSlotsAndPatchOffsets(block, tiles: tiles)
        let m = Self.m
        for lane in 0..<block.lanes {
            let (image, origin) = (block.origins[2 * lane], block.origins[2 * lane + 1])
            let (y0, x0) = (origin >> 32, origin & 0xFFFF_FFFF)
            let whole = image >= 0 && y0 + m <= outHeight && x0 + m <= outWidth
            block.outputOffsets[lane] =
                whole ? image * outChannels * outHeight * outWidth + y0 * outWidth + x0 : -1
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

    /// Writes lane `lanes[0]` of an m×m result (lane stride 8) to the output tile at `origin` of
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
            for j in 0..<columns { dst[j] = lanes[(i * m + j) * 8] }
        }
    }
}

/// Per-tile facts of one block, in a worker's scratch: where each lane's tile starts in the output
/// (`origins`, as `fillOrigins` writes them), where its input patch starts in the block's padded
/// rows (`patchOffsets`), and, for a 4×4 tile wholly inside the output, the offset of its top-left
/// pixel in output channel 0 (`outputOffsets`, −1 otherwise or for a padding lane). `slots` holds,
/// per image the block touches, `(image, first tile row, last tile row, offset of its padded rows)`.
struct BlockTiles {
    let origins: UnsafeMutablePointer<Int>
    let patchOffsets: UnsafeMutablePointer<Int>
    let outputOffsets: UnsafeMutablePointer<Int>
    let slots: UnsafeMutablePointer<Int>
    private let slotCountStorage: UnsafeMutablePointer<Int>
    let lanes: Int

    /// Ints of storage for `lanes` lanes and `maxSlots` slots.
    static func storageCount(lanes: Int, maxSlots: Int) -> Int { 4 * lanes + 4 * maxSlots + 1 }

    /// Lays the arrays out in `storage` (room for `storageCount(lanes:maxSlots:)` Ints).
    init(_ storage: UnsafeMutablePointer<Int>, lanes: Int, maxSlots: Int) {
        self.lanes = lanes
        origins = storage
        patchOffsets = storage + 2 * lanes
        outputOffsets = storage + 3 * lanes
        slots = storage + 4 * lanes
        slotCountStorage = slots + 4 * maxSlots
    }

    /// How many of `slots` are in use.
    var slotCount: Int {
        get { slotCountStorage.pointee }
        nonmutating set { slotCountStorage.pointee = newValue }
    }

    func setSlot(_ slot: Int, image: Int, firstTileRow: Int) {
        (slots[4 * slot], slots[4 * slot + 1], slots[4 * slot + 2]) = (image, firstTileRow, firstTileRow)
    }

    func extendSlot(_ slot: Int, toTileRow tileRow: Int) {
        slots[4 * slot + 2] = Swift.max(slots[4 * slot + 2], tileRow)
    }

    /// The eight output offsets of the lanes `group ..< group + 8` shifted by `plane`, when all
    /// eight tiles lie wholly inside the output; nil otherwise.
    @inline(__always)
    func wholeTileOffsets(group: Int, plane: Int) -> SIMD8<Int>? {
        let offsets = UnsafeRawPointer(outputOffsets + group).loadUnaligned(as: SIMD8<Int>.self)
        guard offsets.min() >= 0 else { return nil }
        return offsets &+ SIMD8(repeating: plane)
    }
}

/// Writes eight 4×4 tiles (lane q of `tile[i·4 + j]` is tile q's pixel (i, j)) whose top-left
/// pixels are at `starts`, one four-float row per store.
@inline(__always)
func storeEightTiles(
    _ tile: UnsafePointer<SIMD8<Float>>, at starts: SIMD8<Int>, rowStride: Int,
    into output: UnsafeMutablePointer<Float>
) {
    for i in 0..<4 {
        let row = tile + i * 4
        let low = transpose(row[0].lowHalf, row[1].lowHalf, row[2].lowHalf, row[3].lowHalf)
        let high = transpose(row[0].highHalf, row[1].highHalf, row[2].highHalf, row[3].highHalf)
        let rowOutput = output + i * rowStride
        storeFloats4(low.0, rowOutput + starts[0])
        storeFloats4(low.1, rowOutput + starts[1])
        storeFloats4(low.2, rowOutput + starts[2])
        storeFloats4(low.3, rowOutput + starts[3])
        storeFloats4(high.0, rowOutput + starts[4])
        storeFloats4(high.1, rowOutput + starts[5])
        storeFloats4(high.2, rowOutput + starts[6])
        storeFloats4(high.3, rowOutput + starts[7])
    }
}

/// Reads eight 4×4 tiles whose top-left pixels are at `starts` into `tile` (lane q of
/// `tile[i·4 + j]` is tile q's pixel (i, j)): the inverse of `storeEightTiles`.
@inline(__always)
func loadEightTiles(
    from input: UnsafePointer<Float>, at starts: SIMD8<Int>, rowStride: Int,
    into tile: UnsafeMutablePointer<SIMD8<Float>>
) {
    for i in 0..<4 {
        let offset = i * rowStride
        let low = transpose(
            loadFloats4(input + starts[0] + offset), loadFloats4(input + starts[1] + offset),
            loadFloats4(input + starts[2] + offset), loadFloats4(input + starts[3] + offset))
        let high = transpose(
            loadFloats4(input + starts[4] + offset), loadFloats4(input + starts[5] + offset),
            loadFloats4(input + starts[6] + offset), loadFloats4(input + starts[7] + offset))
        let row = tile + i * 4
        row[0] = SIMD8(lowHalf: low.0, highHalf: high.0)
        row[1] = SIMD8(lowHalf: low.1, highHalf: high.1)
        row[2] = SIMD8(lowHalf: low.2, highHalf: high.2)
        row[3] = SIMD8(lowHalf: low.3, highHalf: high.3)
    }
}
