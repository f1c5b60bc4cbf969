/// The input as one block's tiles read it: for each channel in turn, the image rows the block
/// covers, copied into a small zero-bordered buffer in the worker's scratch (it stays in L1/L2), so
/// gathering a patch is α plain row loads with no edge tests. Padding the whole input up front
/// instead wrote and re-read a copy of it through main memory (12% of a forward pass).
///
/// Padded pixel `(py, px)` of image n is input pixel `(py − padTop, px − padLeft)`, or zero outside
/// the image (a negative pad crops). The tile whose output starts at `(y0, x0)` reads padded rows
/// `y0 ..< y0 + α`, columns `x0 ..< x0 + α`. Each image the block touches has a slot holding its
/// padded rows from its first tile row's `y0` to its last's `y0 + α`; after the slots come α zero
/// rows that padding lanes read, and a few floats of slack for eight-wide row loads.
extension WinogradConv {
    /// Columns of a padded row: the tile grid's columns plus the kernel's reach.
    var paddedWidth: Int { tileColumns * Self.m + 2 }

    /// Images a block's tiles can touch: a run of consecutive tiles.
    var maxImagesPerBlock: Int { tilesPerBlock / (tileRows * tileColumns) + 2 }

    /// Padded rows all of a block's slots hold together, at most: its tiles touch at most
    /// `tilesPerBlock / tileColumns + 2` (image, tile row) pairs, each adding m rows, and each
    /// image 2 more rows of kernel reach.
    var maxPaddedRowsPerBlock: Int { (tilesPerBlock / tileColumns + 2) * Self.m + 2 * maxImagesPerBlock }

    /// Where the zero patch begins in a block's padded rows.
    var zeroPatchOffset: Int { maxPaddedRowsPerBlock * paddedWidth }

    /// Floats of a block's padded rows, zero patch and slack included.
    var paddedRowsCount: Int { zeroPatchOffset + Self.alpha * paddedWidth + 8 }

    /// Fills the block's slots (`BlockTiles.slots`) and each lane's patch offset in the padded rows.
    func fillSlotsAndPatchOffsets(_ block: BlockTiles, tiles: Int) {
        let (m, width) = (Self.m, paddedWidth)
        var slot = -1
        var lastImage = -1
        for lane in 0..<tiles {
            let (image, origin) = (block.origins[2 * lane], block.origins[2 * lane + 1])
            let tileRow = (origin >> 32) / m
            if image != lastImage {
                slot += 1
                lastImage = image
                block.setSlot(slot, image: image, firstTileRow: tileRow)
            }
            block.extendSlot(slot, toTileRow: tileRow)
        }
        block.slotCount = slot + 1
        var rows = 0
        for slot in 0..<block.slotCount {
            block.slots[4 * slot + 3] = rows * width
            rows += (block.slots[4 * slot + 2] - block.slots[4 * slot + 1] + 1) * m + 2
        }
        precondition(rows <= maxPaddedRowsPerBlock, "Winograd block rows \(rows) > \(maxPaddedRowsPerBlock)")
        slot = -1
        lastImage = -1
        for lane in 0..<block.lanes {
            let (image, origin) = (block.origins[2 * lane], block.origins[2 * lane + 1])
            guard lane < tiles else {
                block.patchOffsets[lane] = zeroPatchOffset
                continue
            }
            if image != lastImage {
                slot += 1
                lastImage = image
            }
            let firstRow = block.slots[4 * slot + 1] * m
            block.patchOffsets[lane] =
                block.slots[4 * slot + 3] + ((origin >> 32) - firstRow) * width + origin & 0xFFFF_FFFF
        }
    }

    /// Padded rows all the block's slots hold.
    func slotRows(_ block: BlockTiles) -> Int {
        let last = block.slotCount - 1
        return block.slots[4 * last + 3] / paddedWidth
            + (block.slots[4 * last + 2] - block.slots[4 * last + 1] + 1) * Self.m + 2
    }

    /// Copies channel `channel` of every slot's image pixels from `input` (`[N, C, H, W]`) into
    /// `rows`. Only pixels are written: the zero border is the same for every channel, so
    /// `transformInputTiles` zeroes the slots once per block (per-row zeroing cost more than the
    /// copy on 8×8 images).
    func copySlots(
        _ block: BlockTiles, channel: Int, input: UnsafePointer<Float>, into rows: UnsafeMutablePointer<Float>
    ) {
        let (m, width) = (Self.m, paddedWidth)
        // Padded columns that hold input pixels, and how many.
        let firstColumn = max(0, padLeft)
        let copied = min(width, padLeft + inWidth) - firstColumn
        guard copied > 0 else { return }
        for slot in 0..<block.slotCount {
            let image = block.slots[4 * slot]
            let firstRow = block.slots[4 * slot + 1] * m
            let count = (block.slots[4 * slot + 2] + 1) * m + 2 - firstRow
            let source = input + (image * inChannels + channel) * inHeight * inWidth + (firstColumn - padLeft)
            let slotRows = rows + block.slots[4 * slot + 3] + firstColumn
            // Padded rows r whose input row y = firstRow + r − padTop lies in the image: none when
            // the slot's rows are all border (a padding taller than the image).
            let firstImageRow = max(0, padTop - firstRow)
            let endImageRow = min(count, inHeight + padTop - firstRow)
            guard firstImageRow < endImageRow else { continue }
            for r in firstImageRow..<endImageRow {
                copyFloats(
                    slotRows + r * width, from: source + (firstRow + r - padTop) * inWidth, count: copied)
            }
        }
    }

    /// `V[ξ][c][lane] = (Bᵀ d B)[ξ]` for every input channel and tile of the block, where V's
    /// position ξ starts at `v + ξ·positionStride` and its rows are `tilesPerBlock` long.
    /// `rows` is room for `paddedRowsCount` floats; `patch` for α² `SIMD8`s.
    func transformInputTiles(
        _ block: BlockTiles, input: UnsafePointer<Float>, rows: UnsafeMutablePointer<Float>,
        patch: UnsafeMutablePointer<SIMD8<Float>>, into v: UnsafeMutablePointer<Float>, positionStride: Int
    ) {
        let alpha = Self.alpha
        let positions = alpha * alpha
        let width = paddedWidth
        zeroFloats(rows, count: slotRows(block) * width)
        zeroFloats(rows + zeroPatchOffset, count: paddedRowsCount - zeroPatchOffset)
        for c in 0..<inChannels {
            copySlots(block, channel: c, input: input, into: rows)
            for group in Swift.stride(from: 0, to: block.lanes, by: 8) {
                func source(_ lane: Int) -> UnsafePointer<Float> {
                    UnsafePointer(rows + block.patchOffsets[group + lane])
                }
                let (p0, p1, p2, p3) = (source(0), source(1), source(2), source(3))
                let (p4, p5, p6, p7) = (source(4), source(5), source(6), source(7))
                for i in 0..<alpha {
                    // Eight lanes' rows of (at least) α floats turned into α columns of eight lanes.
                    let row = i * width
                    let (r0, r1, r2, r3) = (
                        loadFloats8(p0 + row), loadFloats8(p1 + row), loadFloats8(p2 + row),
                        loadFloats8(p3 + row)
                    )
                    let (r4, r5, r6, r7) = (
                        loadFloats8(p4 + row), loadFloats8(p5 + row), loadFloats8(p6 + row),
                        loadFloats8(p7 + row)
                    )
                    let a = transpose(r0.lowHalf, r1.lowHalf, r2.lowHalf, r3.lowHalf)
                    let b = transpose(r4.lowHalf, r5.lowHalf, r6.lowHalf, r7.lowHalf)
                    let d = patch + i * alpha
                    d[0] = SIMD8(lowHalf: a.0, highHalf: b.0)
                    d[1] = SIMD8(lowHalf: a.1, highHalf: b.1)
                    d[2] = SIMD8(lowHalf: a.2, highHalf: b.2)
                    d[3] = SIMD8(lowHalf: a.3, highHalf: b.3)
                    if alpha > 4 {
                        let e = transpose(r0.highHalf, r1.highHalf, r2.highHalf, r3.highHalf)
                        let f = transpose(r4.highHalf, r5.highHalf, r6.highHalf, r7.highHalf)
                        d[4] = SIMD8(lowHalf: e.0, highHalf: f.0)
                        d[5] = SIMD8(lowHalf: e.1, highHalf: f.1)
                    }
                }
                for j in 0..<alpha { Tile.inputTransform(patch + j, stride: alpha) }
                for i in 0..<alpha { Tile.inputTransform(patch + i * alpha, stride: 1) }
                let column = v + c * tilesPerBlock + group
                for xi in 0..<positions { storeFloats8(patch[xi], column + xi * positionStride) }
            }
        }
    }
}
