/// How `pad` fills the border it adds, with PyTorch's names.
public enum PadMode: String, Sendable, Hashable, CaseIterable {
    /// A constant value (zero unless given): `[1 2 3]` padded by 2 → `[0 0 1 2 3 0 0]`.
    case constant
    /// Mirror without repeating the edge: `[1 2 3]` → `[3 2 1 2 3 2 1]`.
    case reflect
    /// Repeat the edge value: `[1 2 3]` → `[1 1 1 2 3 3 3]`.
    case replicate
    /// Wrap around, as if the input tiled the plane: `[1 2 3]` → `[2 3 1 2 3 1 2]`.
    case circular
}

/// Padding as index arithmetic: every output position reads one input position (or the constant),
/// so forward is a gather and backward the matching scatter-add.
///
/// The padded axes are the last `before.count` axes of a contiguous row-major tensor; all axes in
/// front of them are treated as one "outer" axis. A negative amount crops that side.
/// (`@_specialize` below: debug builds compile each file on its own, so without it the callers in
/// `NN/` would run these loops through generic witness calls, about five times slower.)
enum ReferencePad {
    /// For one axis of `size` elements padded by `before` and `after`, the input index each output
    /// index reads, or -1 where a constant is written.
    ///
    /// A negative amount first crops that side; the border is then filled from what remains (this
    /// matters only for `circular`, which wraps around to the *cropped* far edge, as PyTorch does).
    static func sourceIndices(size: Int, before: Int, after: Int, mode: PadMode) -> [Int] {
        let kept = max(0, -before)..<(size - max(0, -after))
        let n = kept.count
        let outSize = n + max(0, before) + max(0, after)
        precondition(n > 0, "pad: axis of size \(size) padded by (\(before), \(after)) keeps nothing")
        return (0..<outSize).map { o in
            let i = o - max(0, before)  // position relative to the first kept element
            let source: Int
            switch mode {
            case .constant:
                if i < 0 || i >= n { return -1 }
                source = i
            case .reflect:
                // Mirror about the first and last element; PyTorch requires pads < size, so one
                // reflection is enough.
                source = i < 0 ? -i : (i >= n ? 2 * (n - 1) - i : i)
            case .replicate:
                source = min(max(i, 0), n - 1)
            case .circular:
                source = ((i % n) + n) % n
            }
            return kept.lowerBound + source
        }
    }

    /// Writes `input` (shape `outer × inShape`) padded into `output` (shape `outer × outShape`).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func forward<T: TensorScalar>(
        input: UnsafeBufferPointer<T>, output: UnsafeMutableBufferPointer<T>,
        inShape: [Int], before: [Int], after: [Int], mode: PadMode, value: T
    ) throws(CNNError) {
        let tables = zip(inShape, zip(before, after)).map { size, pads in
            sourceIndices(size: size, before: pads.0, after: pads.1, mode: mode)
        }
        try forEachPosition(tables: tables, inShape: inShape, inCount: input.count, outCount: output.count) {
            outIndex, inIndex in
            output[outIndex] = inIndex >= 0 ? input[inIndex] : value
        }
    }

    /// Sums each output gradient into the input position it was read from; the constant border
    /// has no input and its gradient is dropped.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func backward<T: TensorScalar>(
        gradOutput: UnsafeBufferPointer<T>, gradInput: UnsafeMutableBufferPointer<T>,
        inShape: [Int], before: [Int], after: [Int], mode: PadMode
    ) throws(CNNError) {
        let tables = zip(inShape, zip(before, after)).map { size, pads in
            sourceIndices(size: size, before: pads.0, after: pads.1, mode: mode)
        }
        gradInput.initialize(repeating: 0)
        try forEachPosition(
            tables: tables, inShape: inShape, inCount: gradInput.count, outCount: gradOutput.count
        ) { outIndex, inIndex in
            if inIndex >= 0 { gradInput[inIndex] += gradOutput[outIndex] }
        }
    }

    /// Calls `body(outIndex, inIndex)` for every output element in row-major order; `inIndex` is
    /// -1 when any axis reads the constant. Checks the current budget every
    /// `ElementwiseKernels.checkInterval` elements.
    private static func forEachPosition(
        tables: [[Int]], inShape: [Int], inCount: Int, outCount: Int,
        _ body: (_ outIndex: Int, _ inIndex: Int) -> Void
    ) throws(CNNError) {
        let rank = tables.count
        let inPlane = inShape.reduce(1, *)
        let outPlane = tables.reduce(1) { $0 * $1.count }
        precondition(rank == inShape.count && inPlane > 0, "pad: \(rank) padded axes for shape \(inShape)")
        let outer = inCount / inPlane
        precondition(outer * inPlane == inCount && outer * outPlane == outCount, "pad: buffer sizes disagree")
        if outPlane == 0 { return }
        // Row-major strides of the padded axes in the input.
        var inStrides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) {
            inStrides[axis] = inStrides[axis + 1] * inShape[axis + 1]
        }
        var position = [Int](repeating: 0, count: rank)
        var meter = ElementMeter()
        for block in 0..<outer {
            for offset in 0..<outPlane {
                try meter.add(1)
                var inIndex = block * inPlane
                for axis in 0..<rank {
                    let source = tables[axis][position[axis]]
                    if source < 0 {
                        inIndex = -1
                        break
                    }
                    inIndex += source * inStrides[axis]
                }
                body(block * outPlane + offset, inIndex)
                // Advance the odometer over the output's padded axes.
                var axis = rank - 1
                while axis >= 0 {
                    position[axis] += 1
                    if position[axis] < tables[axis].count { break }
                    position[axis] = 0
                    axis -= 1
                }
            }
        }
    }
}
