/// Everything a 2-D convolution kernel needs to know about its shapes, resolved once.
///
/// Layout: input `[batch, inChannels, inHeight, inWidth]`, weight
/// `[outChannels, inChannels / groups, kernelHeight, kernelWidth]`, output
/// `[batch, outChannels, outHeight, outWidth]`, all contiguous row-major (NCHW).
///
/// Output size per spatial axis, as PyTorch defines it:
/// `out = ⌊(in + padBefore + padAfter − dilation·(kernel − 1) − 1) / stride⌋ + 1`.
/// Padding is per side so that PyTorch's `padding='same'` with an even kernel (more padding after
/// than before) is represented exactly.
public struct Conv2dGeometry: Hashable, Sendable, CustomStringConvertible {
    public var batch: Int
    public var inChannels: Int
    public var inHeight: Int
    public var inWidth: Int
    public var outChannels: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideH: Int
    public var strideW: Int
    public var padTop: Int
    public var padBottom: Int
    public var padLeft: Int
    public var padRight: Int
    public var dilationH: Int
    public var dilationW: Int
    public var groups: Int

    public init(
        batch: Int, inChannels: Int, inHeight: Int, inWidth: Int,
        outChannels: Int, kernelHeight: Int, kernelWidth: Int,
        strideH: Int = 1, strideW: Int = 1,
        padTop: Int = 0, padBottom: Int = 0, padLeft: Int = 0, padRight: Int = 0,
        dilationH: Int = 1, dilationW: Int = 1, groups: Int = 1
    ) {
        self.batch = batch
        self.inChannels = inChannels
        self.inHeight = inHeight
        self.inWidth = inWidth
        self.outChannels = outChannels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideH = strideH
        self.strideW = strideW
        self.padTop = padTop
        self.padBottom = padBottom
        self.padLeft = padLeft
        self.padRight = padRight
        self.dilationH = dilationH
        self.dilationW = dilationW
        self.groups = groups
    }

    /// `⌊(H + padTop + padBottom − dilationH·(kH − 1) − 1) / strideH⌋ + 1`; may be ≤ 0 for a
    /// kernel larger than the padded input, which callers must reject before running a kernel.
    public var outHeight: Int {
        Self.outputSize(
            inHeight, padTop + padBottom, kernelHeight, strideH, dilationH)
    }

    /// `⌊(W + padLeft + padRight − dilationW·(kW − 1) − 1) / strideW⌋ + 1`.
    public var outWidth: Int {
        Self.outputSize(inWidth, padLeft + padRight, kernelWidth, strideW, dilationW)
    }

    public var inChannelsPerGroup: Int { inChannels / groups }
    public var outChannelsPerGroup: Int { outChannels / groups }

    public var inputShape: [Int] { [batch, inChannels, inHeight, inWidth] }
    public var weightShape: [Int] { [outChannels, inChannels / groups, kernelHeight, kernelWidth] }
    public var outputShape: [Int] { [batch, outChannels, outHeight, outWidth] }

    /// Multiply-adds × 2 of the forward pass: `2·N·K·OH·OW·(C/groups)·kH·kW`, the FLOP convention
    /// of `../shared/bench/README.md`.
    public var forwardFlops: Double {
        // In Double throughout: the product of a learner's sizes can pass Int.max before any
        // tensor is allocated.
        2 * Double(batch) * Double(outChannels) * Double(outHeight) * Double(outWidth)
            * Double(inChannelsPerGroup) * Double(kernelHeight) * Double(kernelWidth)
    }

    /// `⌊(size + totalPad − dilation·(kernel − 1) − 1) / stride⌋ + 1`, floored like Python's `//`.
    public static func outputSize(
        _ size: Int, _ totalPad: Int, _ kernel: Int, _ stride: Int, _ dilation: Int
    ) -> Int {
        let span = size + totalPad - dilation * (kernel - 1) - 1
        let floored = span >= 0 ? span / stride : -((-span + stride - 1) / stride)
        return floored + 1
    }

    public var description: String {
        "conv2d(N=\(batch), C=\(inChannels), H=\(inHeight), W=\(inWidth), K=\(outChannels), "
            + "kernel=\(kernelHeight)×\(kernelWidth), stride=(\(strideH),\(strideW)), "
            + "pad=(t\(padTop),b\(padBottom),l\(padLeft),r\(padRight)), "
            + "dilation=(\(dilationH),\(dilationW)), groups=\(groups))"
    }
}
