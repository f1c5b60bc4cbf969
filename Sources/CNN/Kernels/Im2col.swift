/// im2col and its adjoint col2im: the rearrangement that turns a convolution into one GEMM.
///
/// For one image and one group, the column matrix has a row per `(channel, r, s)` of the kernel
/// (row `(c·kH + r)·kW + s`) and a column per output pixel `(oh, ow)` (column `oh·OW + ow`):
/// `col[(c,r,s), (oh,ow)] = input[c, oh·strideH − padTop + r·dilationH,
/// ow·strideW − padLeft + s·dilationW]`, zero where that falls in the padding.
/// Then `output[k, :] = Σ weight[k, (c,r,s)] · col[(c,r,s), :]`.
extension Conv2dGeometry {
    /// Rows of the column matrix of one group: `(C/groups)·kH·kW`.
    var columnRows: Int { inChannelsPerGroup * kernelHeight * kernelWidth }

    /// Columns of the column matrix: `OH·OW`.
    var outPixels: Int { outHeight * outWidth }

    /// The output columns `ow` for which kernel column `s` reads inside the image, as a range.
    @inline(__always)
    func validOutputColumns(kernelColumn s: Int) -> Range<Int> {
        let offset = s * dilationW - padLeft  // iw = ow·strideW + offset
        let first = offset >= 0 ? 0 : (-offset + strideW - 1) / strideW
        let lastExclusive = inWidth - offset <= 0 ? 0 : (inWidth - offset + strideW - 1) / strideW
        let upper = min(outWidth, lastExclusive)
        return first < upper ? first..<upper : 0..<0
    }

    /// Column-matrix floats written or read between two budget checks: about 4 ms of copying, so
    /// a cancel or the deadline stops even a column matrix at the memory limit (~1 s of copying in
    /// one call) within the 100 ms the limits promise.
    static let floatsPerCheck = 1 << 20

    /// Writes the column matrix of `channels` input planes starting at `image` into `col`, with
    /// row stride `ldc` (≥ OH·OW; lets several images share one wide matrix).
    /// - Throws: what `budget.check()` throws (cancelled, time limit), checked every
    ///   `floatsPerCheck` floats (at an output row's end).
    func im2col(
        image: UnsafePointer<Float>, channels: Int, col: UnsafeMutablePointer<Float>, ldc: Int,
        budget: ComputeBudget?
    ) throws(CNNError) {
        let (oh, ow) = (outHeight, outWidth)
        let plane = inHeight * inWidth
        var row = col
        var sinceCheck = 0
        for c in 0..<channels {
            let channel = image + c * plane
            for r in 0..<kernelHeight {
                for s in 0..<kernelWidth {
                    let valid = validOutputColumns(kernelColumn: s)
                    let columnOffset = s * dilationW - padLeft
                    for y in 0..<oh {
                        sinceCheck += ow
                        if sinceCheck >= Self.floatsPerCheck {
                            sinceCheck = 0
                            try budget?.check()
                        }
                        let dst = row + y * ow
                        let ih = y * strideH - padTop + r * dilationH
                        guard ih >= 0 && ih < inHeight, !valid.isEmpty else {
                            zeroFloats(dst, count: ow)
                            continue
                        }
                        zeroFloats(dst, count: valid.lowerBound)
                        let src = channel + ih * inWidth + columnOffset
                        if strideW == 1 {
                            copyFloats(
                                dst + valid.lowerBound, from: src + valid.lowerBound, count: valid.count)
                        } else if strideW == 2 {
                            let first = 2 * valid.lowerBound
                            copyEveryOther(
                                dst + valid.lowerBound, from: src + first, count: valid.count,
                                readable: inWidth - columnOffset - first)
                        } else {
                            for x in valid { dst[x] = src[x * strideW] }
                        }
                        zeroFloats(dst + valid.upperBound, count: ow - valid.upperBound)
                    }
                    row += ldc
                }
            }
        }
    }

    /// Adds the column matrix back onto `channels` input planes at `image` (the adjoint of
    /// `im2col`): every column entry is summed into the input pixel it was read from.
    /// The planes must be initialised (zero for a fresh gradient).
    /// - Throws: what `budget.check()` throws, checked every `floatsPerCheck` floats.
    func col2imAdd(
        col: UnsafePointer<Float>, ldc: Int, image: UnsafeMutablePointer<Float>, channels: Int,
        budget: ComputeBudget?
    ) throws(CNNError) {
        let (oh, ow) = (outHeight, outWidth)
        let plane = inHeight * inWidth
        var row = col
        var sinceCheck = 0
        for c in 0..<channels {
            let channel = image + c * plane
            for r in 0..<kernelHeight {
                for s in 0..<kernelWidth {
                    let valid = validOutputColumns(kernelColumn: s)
                    let columnOffset = s * dilationW - padLeft
                    if !valid.isEmpty {
                        for y in 0..<oh {
                            sinceCheck += ow
                            if sinceCheck >= Self.floatsPerCheck {
                                sinceCheck = 0
                                try budget?.check()
                            }
                            let ih = y * strideH - padTop + r * dilationH
                            guard ih >= 0 && ih < inHeight else { continue }
                            let src = row + y * ow
                            let dst = channel + ih * inWidth + columnOffset
                            if strideW == 1 {
                                for x in valid { dst[x] += src[x] }
                            } else {
                                for x in valid { dst[x * strideW] += src[x] }
                            }
                        }
                    }
                    row += ldc
                }
            }
        }
    }
}

/// `dst[x] = src[2·x]` for `x < count`: a stride-2 convolution's im2col row. Eight at a time by
/// loading sixteen floats and keeping the even ones, while those loads stay within the `readable`
/// floats that follow `src` in its image row; the scalar loop it replaces was 44% of a stride-2
/// forward pass.
@inline(__always)
func copyEveryOther(
    _ dst: UnsafeMutablePointer<Float>, from src: UnsafePointer<Float>, count: Int, readable: Int
) {
    var x = 0
    while x + 8 <= count && 2 * x + 16 <= readable {
        let (low, high) = (loadFloats8(src + 2 * x), loadFloats8(src + 2 * x + 8))
        storeFloats8(SIMD8(lowHalf: low.evenHalf, highHalf: high.evenHalf), dst + x)
        x += 8
    }
    while x < count {
        dst[x] = src[2 * x]
        x += 1
    }
}
