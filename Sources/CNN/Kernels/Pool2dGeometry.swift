/// The shapes of a 2-D pooling window sliding over `[batch, channels, inHeight, inWidth]`, with
/// PyTorch's output-size rule.
///
/// `out = ⌊(in + 2·pad − dilation·(kernel − 1) − 1 + (ceilMode ? stride − 1 : 0)) / stride⌋ + 1`,
/// and with `ceilMode` one less when the last window would start at or past `in + pad`: PyTorch
/// requires every window to start inside the input or its left/top padding.
public struct Pool2dGeometry: Hashable, Sendable {
    public var batch: Int
    public var channels: Int
    public var inHeight: Int
    public var inWidth: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideH: Int
    public var strideW: Int
    public var padH: Int
    public var padW: Int
    public var dilationH: Int
    public var dilationW: Int
    public var ceilMode: Bool

    /// Creates a geometry; sizes are validated by the pooling functions, not here.
    public init(
        batch: Int, channels: Int, inHeight: Int, inWidth: Int,
        kernelHeight: Int, kernelWidth: Int, strideH: Int, strideW: Int,
        padH: Int = 0, padW: Int = 0, dilationH: Int = 1, dilationW: Int = 1, ceilMode: Bool = false
    ) {
        self.batch = batch
        self.channels = channels
        self.inHeight = inHeight
        self.inWidth = inWidth
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideH = strideH
        self.strideW = strideW
        self.padH = padH
        self.padW = padW
        self.dilationH = dilationH
        self.dilationW = dilationW
        self.ceilMode = ceilMode
    }

    /// Output rows; may be ≤ 0 when the window does not fit, which callers reject.
    public var outHeight: Int {
        Self.outputSize(inHeight, kernelHeight, strideH, padH, dilationH, ceilMode)
    }

    /// Output columns; may be ≤ 0 when the window does not fit, which callers reject.
    public var outWidth: Int {
        Self.outputSize(inWidth, kernelWidth, strideW, padW, dilationW, ceilMode)
    }

    /// The window elements a forward pass reads, known from the shapes alone.
    var work: WorkEstimate {
        WorkEstimate(
            .pooling,
            Double(batch) * Double(channels) * Double(outHeight) * Double(outWidth) * Double(kernelHeight)
                * Double(kernelWidth))
    }

    /// `[batch, channels, outHeight, outWidth]`.
    public var outputShape: [Int] { [batch, channels, outHeight, outWidth] }

    /// PyTorch's `pooling_output_shape` for one axis.
    public static func outputSize(
        _ size: Int, _ kernel: Int, _ stride: Int, _ pad: Int, _ dilation: Int, _ ceilMode: Bool
    ) -> Int {
        let span = size + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)
        let floored = span >= 0 ? span / stride : -((-span + stride - 1) / stride)
        var out = floored + 1
        if ceilMode && (out - 1) * stride >= size + pad {
            out -= 1
        }
        return out
    }
}
