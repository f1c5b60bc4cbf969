/// Max over each window (PyTorch `nn.MaxPool2d`). Input `[N, C, H, W]` → `[N, C, H′, W′]` with
/// `H′ = ⌊(H + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1` (⌈…⌉ with `ceilMode`).
public final class MaxPool2d: Layer {
    public let mode = TrainingMode()
    public let kernelSize: Size2D
    /// Defaults to the kernel size, as in PyTorch.
    public let stride: Size2D
    public let padding: Size2D
    public let dilation: Size2D
    public let ceilMode: Bool

    /// Creates the layer; `stride` nil means `kernelSize`.
    public init(
        kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0, dilation: Size2D = 1,
        ceilMode: Bool = false
    ) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.ceilMode = ceilMode
    }

    /// Pools `input` `[N, C, H, W]`.
    /// - Throws: `CNNError` for bad sizes (PyTorch's checks, e.g. padding above half the kernel).
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try maxPool2d(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
            ceilMode: ceilMode)
    }

    public var settingsDescription: String {
        "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding), dilation=\(dilation), ceil_mode=\(ceilMode ? "True" : "False")"
    }
}

/// Mean over each window (PyTorch `nn.AvgPool2d`); `countIncludePad` decides whether padded zeros
/// count in the divisor. Output size as for `MaxPool2d` without dilation.
public final class AvgPool2d: Layer {
    public let mode = TrainingMode()
    public let kernelSize: Size2D
    /// Defaults to the kernel size, as in PyTorch.
    public let stride: Size2D
    public let padding: Size2D
    public let ceilMode: Bool
    public let countIncludePad: Bool

    /// Creates the layer; `stride` nil means `kernelSize`.
    public init(
        kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0, ceilMode: Bool = false,
        countIncludePad: Bool = true
    ) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
    }

    /// Pools `input` `[N, C, H, W]`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try avgPool2d(
            input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
            countIncludePad: countIncludePad)
    }

    public var settingsDescription: String {
        "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding)"
    }
}

/// Averages each channel down to a fixed `outputSize` whatever the input size (PyTorch
/// `nn.AdaptiveAvgPool2d`); output window `i` covers rows `⌊i·H/H′⌋ ..< ⌈(i+1)·H/H′⌉`.
public final class AdaptiveAvgPool2d: Layer {
    public let mode = TrainingMode()
    /// `(H′, W′)`.
    public let outputSize: Size2D

    /// Pools to `outputSize` (1 gives global average pooling).
    public init(_ outputSize: Size2D) { self.outputSize = outputSize }

    /// Pools `input` `[N, C, H, W]` to `[N, C, H′, W′]`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try adaptiveAvgPool2d(input, outputSize: outputSize)
    }

    public var settingsDescription: String { "output_size=\(outputSize)" }
}
