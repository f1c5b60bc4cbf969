import Wording

/// The ResNet paper's option A shortcut: keep every `stride`-th row and column (starting at 0, as
/// `x[:, :, ::stride, ::stride]`) and add zero channels, `(out − in) / 2` in front and the rest
/// behind, so `[N, inChannels, H, W]` → `[N, outChannels, ⌈H/stride⌉, ⌈W/stride⌉]`. No parameters.
///
/// Written as one op with its backward beside it: the gradient of a kept pixel flows back to where
/// it was taken from; dropped pixels and padded channels get none.
public final class ZeroPadShortcut: Layer {
    public let mode = TrainingMode()
    public let inChannels: Int
    public let outChannels: Int
    public let stride: Int
    /// Zero channels added before the input's channels.
    public var channelsBefore: Int { (outChannels - inChannels) / 2 }

    /// Creates the shortcut.
    /// - Throws: `CNNError.argument` when `outChannels < inChannels` or `stride < 1`.
    public init(_ inChannels: Int, _ outChannels: Int, stride: Int) throws(CNNError) {
        guard inChannels > 0, outChannels >= inChannels else {
            throw CNNError.argument(
                .aZeroPaddingShortcutCan, ["inChannels": inChannels, "outChannels": outChannels])
        }
        guard stride >= 1 else { throw CNNError.argument(.strideMustBeAtLeast, ["stride": stride]) }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.stride = stride
    }

    /// Subsamples and zero-pads `input` `[N, inChannels, H, W]`.
    /// - Throws: `CNNError.shape` for a wrong rank or channel count.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.rank == 4, input.shape[1] == inChannels else {
            throw CNNError.shape(
                .theOptionAShortcutExpects, ["inChannels": inChannels, "inputShape": input.shape])
        }
        let (n, h, w) = (input.shape[0], input.shape[2], input.shape[3])
        let (oh, ow) = ((h + stride - 1) / stride, (w + stride - 1) / stride)
        let (cIn, cOut, front, step) = (inChannels, outChannels, channelsBefore, stride)
        // Visits every kept pixel once: (flat index in input, flat index in output).
        let forEachPair: @Sendable ((Int, Int) -> Void) -> Void = { body in
            for sample in 0..<n {
                for channel in 0..<cIn {
                    for i in 0..<oh {
                        for j in 0..<ow {
                            let source = ((sample * cIn + channel) * h + i * step) * w + j * step
                            let target = ((sample * cOut + channel + front) * oh + i) * ow + j
                            body(source, target)
                        }
                    }
                }
            }
        }
        let output = try Self.scatter(input, into: [n, cOut, oh, ow]) { body in forEachPair { body($0, $1) } }
        let inputShape = input.shape
        return output.recordingGradient(of: [input], op: "zero_pad_shortcut") { gradient in
            [try Self.scatter(gradient, into: inputShape) { body in forEachPair { body($1, $0) } }]
        }
    }

    /// A zero tensor of `shape` with `target[t] = source[s]` for every pair `(s, t)` visited.
    private static func scatter(
        _ source: Tensor, into shape: [Int], pairs: (((Int, Int) -> Void)) -> Void
    ) throws -> Tensor {
        switch source.dtype {
        case .float32: try scatter(Float.self, source, shape, pairs)
        case .float64: try scatter(Double.self, source, shape, pairs)
        }
    }

    private static func scatter<T: TensorScalar>(
        _: T.Type, _ source: Tensor, _ shape: [Int], _ pairs: (((Int, Int) -> Void)) -> Void
    ) throws -> Tensor {
        try source.withUnsafeBufferPointer(as: T.self) { from in
            try Tensor(shape: shape, of: T.self) { to in
                pairs { s, t in to[t] = from[s] }
            }
        }
    }

    public var settingsDescription: String { "\(inChannels), \(outChannels), stride=\(stride)" }
}
