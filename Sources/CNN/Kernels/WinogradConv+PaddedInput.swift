/// The input as the tiles read it: each channel plane copied into a zero-bordered plane that covers
/// every tile's α×α patch, so gathering a patch is six plain row loads with no edge tests.
///
/// Padded pixel `(py, px)` is input pixel `(py − padTop, px − padLeft)`, or zero outside the image
/// (a negative pad crops). The tile whose output starts at `(y0, x0)` reads padded rows
/// `y0 ..< y0 + α`, columns `x0 ..< x0 + α`. After the last plane come α zero rows that padding
/// lanes read, and a few floats of slack for the eight-wide row loads.
extension WinogradConv {
    /// Rows of a padded plane: the tile grid's rows plus the kernel's reach.
    var paddedHeight: Int { tileRows * Self.m + 2 }
    /// Columns of a padded plane.
    var paddedWidth: Int { tileColumns * Self.m + 2 }
    var paddedPlane: Int { paddedHeight * paddedWidth }
    /// Where the zero patch that padding lanes read begins.
    var zeroPatchOffset: Int { batch * inChannels * paddedPlane }
    /// Floats of the padded input, zero patch and slack included.
    var paddedCount: Int { zeroPatchOffset + Self.alpha * paddedWidth + 8 }

    /// Copies `input` (`[N, C, H, W]`) into `padded` (`paddedCount` floats), an image per work item.
    func padInput(
        _ input: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        let (height, width) = (paddedHeight, paddedWidth)
        // Padded columns that hold input pixels, and the input column the first of them reads.
        let firstColumn = max(0, padLeft)
        let endColumn = min(width, padLeft + inWidth)
        let copied = max(0, endColumn - firstColumn)
        let workers = Parallelism.workers(items: batch, flops: Double(batch * inChannels * paddedPlane) * 8)
        try Parallelism.forEach(count: batch, workers: workers) { n, _ throws(CNNError) in
            for c in 0..<inChannels {
                let source = input + (n * inChannels + c) * inHeight * inWidth
                let plane = padded + (n * inChannels + c) * paddedPlane
                for py in 0..<height {
                    let row = plane + py * width
                    let y = py - padTop
                    guard y >= 0 && y < inHeight && copied > 0 else {
                        row.update(repeating: 0, count: width)
                        continue
                    }
                    row.update(repeating: 0, count: firstColumn)
                    row.advanced(by: firstColumn).update(
                        from: source + y * inWidth + (firstColumn - padLeft), count: copied)
                    row.advanced(by: firstColumn + copied).update(
                        repeating: 0, count: width - firstColumn - copied)
                }
            }
        }
        (padded + zeroPatchOffset).update(repeating: 0, count: paddedCount - zeroPatchOffset)
    }

    /// For each lane of a block, the offset in the padded input of its patch's top-left pixel in
    /// channel 0 (`origins` as `fillOrigins` wrote them); padding lanes get `zeroPatchOffset`.
    func fillPatchOffsets(
        origins: UnsafePointer<Int>, lanes: Int, into offsets: UnsafeMutablePointer<Int>
    ) {
        for lane in 0..<lanes {
            let (image, origin) = (origins[2 * lane], origins[2 * lane + 1])
            offsets[lane] =
                image < 0
                ? zeroPatchOffset
                : image * inChannels * paddedPlane + (origin >> 32) * paddedWidth + origin & 0xFFFF_FFFF
        }
    }

    /// `V[ξ][c][lane] = (Bᵀ d B)[ξ]` for every input channel and tile of the block, where V's
    /// position ξ starts at `v + ξ·positionStride` and its rows are `tilesPerBlock` long.
    /// `patch` is room for α² `SIMD8`s.
    func transformInputTiles(
        _ block: BlockTiles, padded: UnsafePointer<Float>, patch: UnsafeMutablePointer<SIMD8<Float>>,
        into v: UnsafeMutablePointer<Float>, positionStride: Int
    ) {
        let alpha = Self.alpha
        let positions = alpha * alpha
        let width = paddedWidth
        for c in 0..<inChannels {
            for group in Swift.stride(from: 0, to: block.lanes, by: 8) {
                // A padding lane reads the zero patch whatever the channel.
                func source(_ lane: Int) -> UnsafePointer<Float> {
                    let offset = block.patchOffsets[group + lane]
                    return padded + (offset == zeroPatchOffset ? offset : offset + c * paddedPlane)
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
                let column = UnsafeMutableRawPointer(v + c * tilesPerBlock + group)
                for xi in 0..<positions {
                    (column + xi * positionStride * 4).storeBytes(of: patch[xi], as: SIMD8<Float>.self)
                }
            }
        }
    }
}

@inline(__always)
func loadFloats8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}
