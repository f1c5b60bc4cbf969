import Wording

/// A 2-D convolution (PyTorch's cross-correlation) walked one output position at a time, for
/// `:step conv2d(img, k)`: the window highlighted over the input, the elementwise products, their
/// sum, and the output filled in up to the current position.
///
/// Output size per axis, as in PyTorch: `(n + 2 * padding - k) / stride + 1` (rounded down).
public struct ConvolutionWalk: Sendable {
    /// The input, already zero-padded by `padding` on every side.
    public let paddedInput: NumberGrid
    /// The kernel (not flipped: PyTorch's conv2d is a cross-correlation).
    public let kernel: NumberGrid
    /// Step between window positions, the same along both axes.
    public let stride: Int
    /// Zero rows and columns added around the original input.
    public let padding: Int
    /// Added to every output value.
    public let bias: Double

    /// A walk of `kernel` over `input`.
    ///
    /// - Precondition: `stride >= 1`, `padding >= 0`, and the kernel fits in the padded input.
    public init(input: NumberGrid, kernel: NumberGrid, stride: Int = 1, padding: Int = 0, bias: Double = 0) {
        precondition(stride >= 1 && padding >= 0, "ConvolutionWalk: stride \(stride), padding \(padding)")
        let rows = input.rows + 2 * padding
        let cols = input.cols + 2 * padding
        precondition(
            kernel.rows <= rows && kernel.cols <= cols,
            "ConvolutionWalk: kernel \(kernel.rows)×\(kernel.cols) larger than padded input \(rows)×\(cols)")
        var values = Array(repeating: 0.0, count: rows * cols)
        for row in 0..<input.rows {
            for col in 0..<input.cols {
                values[(row + padding) * cols + col + padding] = input[row, col]
            }
        }
        paddedInput = NumberGrid(values: values, rows: rows, cols: cols)
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.bias = bias
    }

    /// Output rows: `(paddedRows - kernelRows) / stride + 1`.
    public var outputRows: Int { (paddedInput.rows - kernel.rows) / stride + 1 }
    /// Output columns: `(paddedCols - kernelCols) / stride + 1`.
    public var outputCols: Int { (paddedInput.cols - kernel.cols) / stride + 1 }
    /// How many window positions there are (one per output value), row by row.
    public var stepCount: Int { outputRows * outputCols }

    /// The elementwise products of the kernel and the window at output position `step`.
    public func products(step: Int) -> NumberGrid {
        let (top, left) = windowOrigin(step: step)
        var values: [Double] = []
        for row in 0..<kernel.rows {
            for col in 0..<kernel.cols {
                values.append(paddedInput[top + row, left + col] * kernel[row, col])
            }
        }
        return NumberGrid(values: values, rows: kernel.rows, cols: kernel.cols)
    }

    /// The whole output: at each position the sum of the products plus the bias.
    public var output: NumberGrid {
        NumberGrid(
            values: (0..<stepCount).map { products(step: $0).values.reduce(0, +) + bias }, rows: outputRows,
            cols: outputCols)
    }

    /// The input cell at the window's top-left corner for `step`.
    public func windowOrigin(step: Int) -> (row: Int, col: Int) {
        precondition(step >= 0 && step < stepCount, "ConvolutionWalk: step \(step) of \(stepCount)")
        return ((step / outputCols) * stride, (step % outputCols) * stride)
    }

    /// The picture of position `step` (0-based), at most `width` columns wide where possible.
    ///
    /// Input, kernel and products stand side by side when they fit in `width`, else one above the
    /// other. Cells under the window are bracketed (and highlighted with colour).
    public func picture(step: Int, precision: Int = 2, colorLevel: ColorLevel = .none, width: Int = 80)
        -> [String]
    {
        let (top, left) = windowOrigin(step: step)
        let outRow = step / outputCols
        let outCol = step % outputCols
        var window: [Int: TextStyle] = [:]
        for row in top..<(top + kernel.rows) {
            for col in left..<(left + kernel.cols) {
                window[row * paddedInput.cols + col] = Theme.highlight
            }
        }
        let products = products(step: step)
        let caption = { (text: String) in Theme.frame.apply(text, at: colorLevel) }
        let inputTitle = padding > 0 ? "input (padding \(padding))" : "input"
        let inputLines =
            [caption(inputTitle)]
            + MatrixPicture(
                grid: paddedInput, format: .suited(to: paddedInput.values, precision: precision),
                marks: window
            )
            .lines(colorLevel: colorLevel)
        let kernelLines =
            [caption("kernel")]
            + MatrixPicture(grid: kernel, format: .suited(to: kernel.values, precision: precision)).lines(
                colorLevel: colorLevel)
        let productLines =
            [caption("window × kernel")]
            + MatrixPicture(grid: products, format: .suited(to: products.values, precision: precision))
            .lines(colorLevel: colorLevel)

        let wrapper = WordWrapper(width: width, colorLevel: colorLevel)
        var lines = wrapper.wrap("step \(step + 1) of \(stepCount): output[\(outRow), \(outCol)]")
        let blocks = [inputLines, kernelLines, productLines]
        let sideBySide = TextLayout.sideBySide(blocks, gap: 4)
        if sideBySide.allSatisfy({ displayWidth($0) <= width }) {
            lines += sideBySide
        } else {
            lines += blocks.joined(separator: [""])
        }
        lines += wrapper.wrap(sumText(products, precision: precision))

        let outputValues = output
        let hidden = Set((step + 1)..<stepCount)
        let format = NumberFormat.suited(to: (0...step).map { outputValues.values[$0] }, precision: precision)
        lines.append(caption("output"))
        lines += MatrixPicture(
            grid: outputValues, format: format, marks: [step: Theme.highlight], hidden: hidden
        )
        .lines(colorLevel: colorLevel)
        return lines
    }

    /// "sum = 2 + 0 + (-6) = -4", or just the total when the kernel has more than 9 cells.
    private func sumText(_ products: NumberGrid, precision: Int) -> String {
        let format = NumberFormat.suited(
            to: products.values + [products.values.reduce(0, +) + bias], precision: precision)
        let total = products.values.reduce(0, +) + bias
        let biasText = bias == 0 ? "" : " + bias " + format.format(bias)
        guard products.values.count <= 9 else {
            return "sum of the \(products.values.count) products\(biasText) = " + format.format(total)
        }
        let terms = products.values.map { value in
            value < 0 ? "(" + format.format(value) + ")" : format.format(value)
        }
        return "sum = " + terms.joined(separator: " + ") + biasText + " = " + format.format(total)
    }
}
