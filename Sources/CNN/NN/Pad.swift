import Wording

/// Pads (or, with negative amounts, crops) the last axes of a tensor, PyTorch's
/// `torch.nn.functional.pad`.
///
/// `pad` lists amounts from the last axis backwards, two per axis:
/// `[left, right]` pads the last axis, `[left, right, top, bottom]` the last two,
/// `[left, right, top, bottom, front, back]` the last three. Each side has its own amount, so
/// padding may be asymmetric; a negative amount removes that many elements (constant mode only
/// in PyTorch's documentation, accepted by every mode here as in PyTorch itself).
/// Output size per padded axis: `size + before + after`.
///
///     try pad(x, [1, 1, 2, 0])                    // 1 column each side, 2 rows on top
///     try pad(x, [2, 2, 2, 2], mode: .reflect)     // mirror 2 pixels on every side
///
/// - Parameters:
///   - input: any tensor; `reflect`, `replicate` and `circular` need 1 or 2 axes in front of
///     the padded ones (`[N, C, W]` or `[C, W]` for a 2-element `pad`, and so on).
///   - pad: the amounts, an even number of them.
///   - mode: how to fill the border, see `PadMode`.
///   - value: the fill value of `.constant` mode; nil means 0. Other modes refuse a value but 0.
/// - Throws: `CNNError` for an odd-length pad list, too many amounts, a mode/rank mismatch, a
///   reflect amount not smaller than its axis, a circular one larger than its axis, or an axis
///   cropped to nothing.
public func pad(_ input: Tensor, _ pad: [Int], mode: PadMode = .constant, value: Double? = nil) throws
    -> Tensor
{
    guard pad.count % 2 == 0 else {
        throw CNNError.argument(.padAmounts, ["pad": pad])
    }
    guard pad.allSatisfy({ abs($0) <= Size2D.largest }) else {
        throw CNNError.argument(.padAmountsAreTooLarge, ["pad": pad])
    }
    let axes = pad.count / 2
    guard axes <= input.rank else {
        throw CNNError.shape(
            .padGotAmountsWhichPad,
            [
                "padCount": pad.count, "axes": axes, "inputShape": input.shape,
                "inputRank": input.rank,
            ])
    }
    if mode != .constant {
        // PyTorch lets `value=0` through (it changes nothing) and refuses any other value.
        guard value == nil || value == 0 else {
            throw CNNError.argument(.padModeDoesnTTake, ["mode": "\(mode.rawValue)"])
        }
        guard axes >= 1 && axes <= 3 && (input.rank == axes + 1 || input.rank == axes + 2) else {
            throw CNNError.shape(
                .padModeWithAmountsPads,
                [
                    "mode": "\(mode.rawValue)", "padCount": pad.count, "axes": axes,
                    "value": axes + 1, "value2": axes + 2, "inputRank": input.rank,
                    "inputShape": input.shape,
                ])
        }
    }
    // Per padded axis, in axis order (the pad list runs backwards).
    let inShape = Array(input.shape.suffix(axes))
    let before = (0..<axes).reversed().map { pad[2 * $0] }
    let after = (0..<axes).reversed().map { pad[2 * $0 + 1] }
    for (i, size) in inShape.enumerated() {
        let dim = input.rank - axes + i
        let amounts = "(\(before[i]), \(after[i]))"
        if size + min(before[i], 0) + min(after[i], 0) <= 0 || (mode != .constant && size == 0) {
            throw CNNError.shape(
                .padLeavesNothingOfDimension,
                ["amounts": amounts, "dim": dim, "size": size, "inputShape": input.shape])
        }
        if mode == .reflect && (before[i] >= size || after[i] >= size) {
            throw CNNError.shape(
                .reflectPaddingMustBeSmaller,
                ["amounts": amounts, "dim": dim, "inputShape": input.shape])
        }
        if mode == .circular && (before[i] > size || after[i] > size) {
            throw CNNError.shape(
                .circularPaddingCanWrapAround,
                ["amounts": amounts, "dim": dim, "inputShape": input.shape])
        }
    }
    let outShape = input.shape.dropLast(axes) + zip(inShape, zip(before, after)).map { $0 + $1.0 + $1.1 }
    let fill = value ?? 0

    func forward<T: TensorScalar>(_: T.Type) throws -> Tensor {
        try input.withUnsafeBufferPointer(as: T.self) { x in
            try Tensor(shape: Array(outShape), of: T.self, kind: input.kind) { out in
                try ReferencePad.forward(
                    input: x, output: out, inShape: inShape, before: before, after: after, mode: mode,
                    value: T(fill))
            }
        }
    }
    let y = try input.dtype == .float32 ? forward(Float.self) : forward(Double.self)
    let inputShape = input.shape
    return y.recordingGradient(of: [input], op: "pad") { g in
        func backward<T: TensorScalar>(_: T.Type) throws -> Tensor {
            try g.withUnsafeBufferPointer(as: T.self) { gy in
                try Tensor(shape: inputShape, of: T.self) { gx in
                    try ReferencePad.backward(
                        gradOutput: gy, gradInput: gx, inShape: inShape, before: before, after: after,
                        mode: mode)
                }
            }
        }
        return [try g.dtype == .float32 ? backward(Float.self) : backward(Double.self)]
    }
}
