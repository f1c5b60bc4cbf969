/// Max, average and adaptive-average pooling over NCHW planes, written as PyTorch's CPU kernels
/// define them (window clipping, divisor and tie rules included), one readable loop each.
///
/// Every `[batch, channels]` plane is pooled on its own, so the loops run over
/// `planes = batch · channels` and index within an `inHeight × inWidth` plane.
/// (`@_specialize` below: debug builds compile each file on its own, so without it the callers in
/// `NN/` would run these loops through generic witness calls, about five times slower.)
enum ReferencePool2d {
    /// Max pooling. Writes each window's largest value and, in `indices`, its position within the
    /// input plane (`row · inWidth + col`, PyTorch's `return_indices`). Padding never wins: it acts
    /// as −∞. A NaN wins over every number (the last NaN, as in PyTorch), and of equal values the first
    /// in row-major order wins.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func maxForward<T: TensorScalar>(
        input: UnsafeBufferPointer<T>, output: UnsafeMutableBufferPointer<T>,
        indices: UnsafeMutableBufferPointer<Int>, geometry g: Pool2dGeometry
    ) throws(CNNError) {
        let (outH, outW) = (g.outHeight, g.outWidth)
        let planes = g.batch * g.channels
        precondition(input.count == planes * g.inHeight * g.inWidth, "max_pool2d input size")
        precondition(
            output.count == planes * outH * outW && indices.count == output.count, "max_pool2d output size")
        try ComputeBudget.requireTime(for: g.work)
        var meter = WorkMeter(ComputeBudget.current)
        let window = Double(g.kernelHeight * g.kernelWidth)
        for plane in 0..<planes {
            let inBase = plane * g.inHeight * g.inWidth
            try ComputeBudget.checkpoint()  // per plane: pooling planes are cheap, the lookup is not
            for y in 0..<outH {
                for x in 0..<outW {
                    try meter.add(window)
                    var best = -T.infinity
                    var bestIndex = -1
                    for i in 0..<g.kernelHeight {
                        let row = y * g.strideH - g.padH + i * g.dilationH
                        if row < 0 || row >= g.inHeight { continue }
                        for j in 0..<g.kernelWidth {
                            let col = x * g.strideW - g.padW + j * g.dilationW
                            if col < 0 || col >= g.inWidth { continue }
                            let value = input[inBase + row * g.inWidth + col]
                            // PyTorch starts from the window's first position, so a window
                            // of −∞ still names an input to route its gradient to.
                            if bestIndex < 0 { bestIndex = row * g.inWidth + col }
                            if value > best || value.isNaN {
                                best = value
                                bestIndex = row * g.inWidth + col
                            }
                        }
                    }
                    let o = (plane * outH + y) * outW + x
                    output[o] = best
                    indices[o] = bestIndex
                }
            }
        }
    }

    /// Routes each output gradient to the input position that won its window.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func maxBackward<T: TensorScalar>(
        gradOutput: UnsafeBufferPointer<T>, indices: UnsafeBufferPointer<Int>,
        gradInput: UnsafeMutableBufferPointer<T>, geometry g: Pool2dGeometry
    ) {
        let outPlane = g.outHeight * g.outWidth
        let inPlane = g.inHeight * g.inWidth
        precondition(gradOutput.count == g.batch * g.channels * outPlane, "max_pool2d gradient size")
        gradInput.initialize(repeating: 0)
        for plane in 0..<(g.batch * g.channels) {
            for o in 0..<outPlane {
                let winner = indices[plane * outPlane + o]
                if winner >= 0 { gradInput[plane * inPlane + winner] += gradOutput[plane * outPlane + o] }
            }
        }
    }

    /// Average pooling. The divisor is `divisorOverride` when given; else the window's size
    /// clipped to the padded input (`countIncludePad`) or to the input itself.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func avgForward<T: TensorScalar>(
        input: UnsafeBufferPointer<T>, output: UnsafeMutableBufferPointer<T>,
        geometry g: Pool2dGeometry, countIncludePad: Bool, divisorOverride: Int?
    ) throws(CNNError) {
        let (outH, outW) = (g.outHeight, g.outWidth)
        precondition(output.count == g.batch * g.channels * outH * outW, "avg_pool2d output size")
        try ComputeBudget.requireTime(for: g.work)
        var meter = WorkMeter(ComputeBudget.current)
        let window = Double(g.kernelHeight * g.kernelWidth)
        for plane in 0..<(g.batch * g.channels) {
            let inBase = plane * g.inHeight * g.inWidth
            try ComputeBudget.checkpoint()  // per plane: pooling planes are cheap, the lookup is not
            for y in 0..<outH {
                for x in 0..<outW {
                    try meter.add(window)
                    let w = avgWindow(g, y, x, countIncludePad, divisorOverride)
                    var sum: T = 0
                    for row in w.rows {
                        for col in w.cols { sum += input[inBase + row * g.inWidth + col] }
                    }
                    output[(plane * outH + y) * outW + x] =
                        w.rows.isEmpty || w.cols.isEmpty ? 0 : sum / T(w.divisor)
                }
            }
        }
    }

    /// Spreads each output gradient evenly (÷ the same divisor) over its window's input positions.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func avgBackward<T: TensorScalar>(
        gradOutput: UnsafeBufferPointer<T>, gradInput: UnsafeMutableBufferPointer<T>,
        geometry g: Pool2dGeometry, countIncludePad: Bool, divisorOverride: Int?
    ) throws(CNNError) {
        let (outH, outW) = (g.outHeight, g.outWidth)
        precondition(gradOutput.count == g.batch * g.channels * outH * outW, "avg_pool2d gradient size")
        try ComputeBudget.requireTime(for: g.work)
        var meter = WorkMeter(ComputeBudget.current)
        let window = Double(g.kernelHeight * g.kernelWidth)
        gradInput.initialize(repeating: 0)
        for plane in 0..<(g.batch * g.channels) {
            let inBase = plane * g.inHeight * g.inWidth
            for y in 0..<outH {
                for x in 0..<outW {
                    try meter.add(window)
                    let w = avgWindow(g, y, x, countIncludePad, divisorOverride)
                    let share = gradOutput[(plane * outH + y) * outW + x] / T(w.divisor)
                    for row in w.rows {
                        for col in w.cols { gradInput[inBase + row * g.inWidth + col] += share }
                    }
                }
            }
        }
    }

    /// The input rows and columns of output position (y, x) and its divisor, as PyTorch's
    /// `avg_pool2d` computes them: the window is first clipped to the padded input (that size is
    /// the `countIncludePad` divisor), then to the input itself.
    private static func avgWindow(
        _ g: Pool2dGeometry, _ y: Int, _ x: Int, _ countIncludePad: Bool, _ divisorOverride: Int?
    ) -> (rows: Range<Int>, cols: Range<Int>, divisor: Int) {
        let top = y * g.strideH - g.padH
        let left = x * g.strideW - g.padW
        let bottom = min(top + g.kernelHeight, g.inHeight + g.padH)
        let right = min(left + g.kernelWidth, g.inWidth + g.padW)
        let paddedSize = (bottom - top) * (right - left)
        let rows = max(top, 0)..<max(max(top, 0), min(bottom, g.inHeight))
        let cols = max(left, 0)..<max(max(left, 0), min(right, g.inWidth))
        let divisor = divisorOverride ?? (countIncludePad ? paddedSize : rows.count * cols.count)
        return (rows, cols, max(divisor, 1))
    }

    /// Adaptive average pooling: output cell (y, x) averages input rows
    /// `⌊y·H/outH⌋ ..< ⌈(y+1)·H/outH⌉` and the matching columns, so windows may overlap.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func adaptiveAvgForward<T: TensorScalar>(
        input: UnsafeBufferPointer<T>, output: UnsafeMutableBufferPointer<T>,
        planes: Int, inHeight: Int, inWidth: Int, outHeight: Int, outWidth: Int
    ) throws(CNNError) {
        precondition(input.count == planes * inHeight * inWidth, "adaptive_avg_pool2d input size")
        precondition(output.count == planes * outHeight * outWidth, "adaptive_avg_pool2d output size")
        for plane in 0..<planes {
            let inBase = plane * inHeight * inWidth
            for y in 0..<outHeight {
                // Per output row: an output of 10⁸ cells over a large input runs for seconds.
                try ComputeBudget.checkpoint()
                let rows = adaptiveRange(y, inHeight, outHeight)
                for x in 0..<outWidth {
                    let cols = adaptiveRange(x, inWidth, outWidth)
                    var sum: T = 0
                    for row in rows {
                        for col in cols { sum += input[inBase + row * inWidth + col] }
                    }
                    output[(plane * outHeight + y) * outWidth + x] = sum / T(rows.count * cols.count)
                }
            }
        }
    }

    /// Spreads each output gradient evenly over its adaptive window.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func adaptiveAvgBackward<T: TensorScalar>(
        gradOutput: UnsafeBufferPointer<T>, gradInput: UnsafeMutableBufferPointer<T>,
        planes: Int, inHeight: Int, inWidth: Int, outHeight: Int, outWidth: Int
    ) throws(CNNError) {
        precondition(gradInput.count == planes * inHeight * inWidth, "adaptive_avg_pool2d gradient size")
        gradInput.initialize(repeating: 0)
        for plane in 0..<planes {
            let inBase = plane * inHeight * inWidth
            for y in 0..<outHeight {
                // Per output row: an output of 10⁸ cells over a large input runs for seconds.
                try ComputeBudget.checkpoint()
                let rows = adaptiveRange(y, inHeight, outHeight)
                for x in 0..<outWidth {
                    let cols = adaptiveRange(x, inWidth, outWidth)
                    let share =
                        gradOutput[(plane * outHeight + y) * outWidth + x] / T(rows.count * cols.count)
                    for row in rows {
                        for col in cols { gradInput[inBase + row * inWidth + col] += share }
                    }
                }
            }
        }
    }

    /// PyTorch's `start_index ..< end_index` for adaptive pooling.
    static func adaptiveRange(_ index: Int, _ inSize: Int, _ outSize: Int) -> Range<Int> {
        (index * inSize / outSize)..<(((index + 1) * inSize + outSize - 1) / outSize)
    }
}
