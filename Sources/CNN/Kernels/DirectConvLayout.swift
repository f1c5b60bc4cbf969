/// The zero-padded copy of input planes that the direct convolution reads, laid out so that
/// every kernel tap of every group of 8 neighbouring output columns is one contiguous, in-bounds
/// 8-float load: the inner loop has no bounds checks and no gathers.
///
/// Padded row `py` holds input row `py − padTop`; padded column `px` holds input column
/// `px − padLeft` (zero outside the input, so negative padding simply crops). Output pixel
/// `(oy, ox)` at tap `(r, s)` reads padded `(oy·strideH + r·dilationH, ox·strideW + s·dilationW)`.
/// With `strideW > 1` each padded row is stored as `strideW` phases, phase `p` holding columns
/// `p, p + strideW, p + 2·strideW, …`, so 8 consecutive output columns read 8 consecutive floats
/// of one phase. Rows are as long as the output width rounded up to 8 needs: the lanes past
/// `outWidth` read zeros and are never stored.
struct DirectConvLayout {
    let g: Conv2dGeometry
    /// Output vectors per output row: `⌈outWidth / 8⌉`.
    let vectorsPerRow: Int
    /// Floats per phase of a padded row.
    let phaseLength: Int
    /// Floats per padded row: `strideW` phases.
    let rowLength: Int
    /// Padded rows per plane: the rows the output reads, `(OH − 1)·strideH + (kH − 1)·dilationH + 1`.
    let rows: Int

    /// `geometry` may have negative padding (it crops); its pads and sizes need not satisfy
    /// `Conv2dGeometry.checkBuffers`, only `outHeight` and `outWidth` ≥ 1.
    init(_ geometry: Conv2dGeometry) {
        g = geometry
        vectorsPerRow = (g.outWidth + 7) / 8
        phaseLength = vectorsPerRow * 8 + (g.kernelWidth - 1) * g.dilationW / g.strideW
        rowLength = g.strideW * phaseLength
        rows = (g.outHeight - 1) * g.strideH + (g.kernelHeight - 1) * g.dilationH + 1
    }

    /// Padded columns some output pixel reads: `(OW − 1)·strideW + (kW − 1)·dilationW + 1`.
    var usedColumns: Int { (g.outWidth - 1) * g.strideW + (g.kernelWidth - 1) * g.dilationW + 1 }

    /// Floats per padded plane.
    var planeCount: Int { rows * rowLength }

    /// Floats per padded image (all input channels).
    var imageCount: Int { g.inChannels * planeCount }

    /// Where tap `(c, r, s)` reads, relative to the output vector's base (`vectorBase`).
    func tapOffset(channel c: Int, r: Int, s: Int) -> Int {
        let column = s * g.dilationW
        return c * planeCount + r * g.dilationH * rowLength + (column % g.strideW) * phaseLength
            + column / g.strideW
    }

    /// Where the output vector `(oy, xv)` (columns `8·xv ..< 8·xv + 8` of row `oy`) reads its
    /// taps from, relative to its padded image.
    @inline(__always)
    func vectorBase(row oy: Int, vector xv: Int) -> Int {
        oy * g.strideH * rowLength + xv * 8
    }

    /// Writes the padded copy of one `[inChannels, inHeight, inWidth]` image into `padded`
    /// (`imageCount` floats).
    ///
    /// Only the padded columns some output reads (`usedColumns`) hold input; the rest are zero,
    /// even where the input has pixels there: the weight gradient multiplies the lanes past
    /// `outWidth` by a zero gradient, and an `inf` or `nan` in a column no output reads would
    /// otherwise make its sums `nan` where PyTorch's are numbers.
    func fill(image: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>) {
        let (height, stride) = (g.inHeight, g.strideW)
        // Input columns the copy may read: those that padded columns below `usedColumns` hold.
        let readable = min(g.inWidth, usedColumns - g.padLeft)
        for c in 0..<g.inChannels {
            let source = image + c * height * g.inWidth
            let plane = padded + c * planeCount
            for py in 0..<rows {
                let row = plane + py * rowLength
                let iy = py - g.padTop
                guard iy >= 0 && iy < height else {
                    zeroFloats(row, count: rowLength)
                    continue
                }
                let sourceRow = source + iy * g.inWidth
                if stride == 1 {
                    // Padded columns [lead, lead + count) hold input columns [first, first + count).
                    let first = max(0, -g.padLeft)
                    let lead = min(rowLength, max(0, g.padLeft))
                    let count = max(0, min(readable - first, rowLength - lead))
                    zeroFloats(row, count: lead)
                    copyFloats(row + lead, from: sourceRow + first, count: count)
                    zeroFloats(row + lead + count, count: rowLength - lead - count)
                    continue
                }
                for phase in 0..<stride {
                    let destination = row + phase * phaseLength
                    for q in 0..<phaseLength {
                        let ix = q * stride + phase - g.padLeft
                        destination[q] = ix >= 0 && ix < readable ? sourceRow[ix] : 0
                    }
                }
            }
        }
    }
}
