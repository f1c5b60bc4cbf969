import Wording

/// A 2-D convolution (PyTorch's cross-correlation) walked one output position at a time, for
/// `:step conv2d(img, k)`: the window highlighted over the input, the elementwise products, their
/// sum, and the output filled in up to the current position.
///
/// Output size per axis, as in PyTorch:
/// `⌊(n + padBefore + padAfter − dilation·(k − 1) − 1) / stride⌋ + 1`. The REPL builds a walk from
/// the engine's own geometry and output (`Conv2dGeometry`), so the two cannot disagree.
public struct ConvolutionWalk: Sendable {
    /// Zero rows and columns added on each side.
    public struct Padding: Hashable, Sendable {
        public var top: Int
        public var bottom: Int
        public var left: Int
        public var right: Int

        public init(top: Int, bottom: Int, left: Int, right: Int) {
            (self.top, self.bottom, self.left, self.right) = (top, bottom, left, right)
        }

        /// The same amount on every side.
        public init(_ all: Int) { self.init(top: all, bottom: all, left: all, right: all) }
    }

    /// The input, already zero-padded.
    public let paddedInput: NumberGrid
    /// The kernel (not flipped: PyTorch's conv2d is a cross-correlation).
    public let kernel: NumberGrid
    /// Step between window positions, down and across.
    public let strideRows: Int
    public let strideCols: Int
    /// Zero rows and columns added around the original input.
    public let padding: Padding
    /// Spacing between kernel taps, down and across (1: adjacent cells).
    public let dilationRows: Int
    public let dilationCols: Int
    /// Added to every output value.
    public let bias: Double
    /// The output as the engine computed it, when given; else the walk's own sums.
    let engineOutput: NumberGrid?

    /// A walk of `kernel` over `input` with one stride and one padding for both axes.
    ///
    /// - Precondition: `stride >= 1`, `padding >= 0`, and the kernel fits in the padded input.
    public init(input: NumberGrid, kernel: NumberGrid, stride: Int = 1, padding: Int = 0, bias: Double = 0) {
        self.init(
            input: input, kernel: kernel, stride: (stride, stride), padding: Padding(padding),
            dilation: (1, 1),
            bias: bias, output: nil)
    }

    /// A walk with the engine's full geometry, showing the engine's `output` when given.
    ///
    /// - Precondition: strides and dilations ≥ 1, padding ≥ 0, the dilated kernel fits in the
    ///   padded input, and `output` (if given) has the walk's output size. The REPL takes these
    ///   from `Conv2dGeometry`, which has checked them.
    public init(
        input: NumberGrid, kernel: NumberGrid, stride: (rows: Int, cols: Int), padding: Padding,
        dilation: (rows: Int, cols: Int), bias: Double = 0, output: NumberGrid?
    ) {
        precondition(
            stride.rows >= 1 && stride.cols >= 1 && dilation.rows >= 1 && dilation.cols >= 1
                && min(padding.top, padding.bottom, padding.left, padding.right) >= 0,
            "ConvolutionWalk: stride \(stride), dilation \(dilation), padding \(padding)")
        let rows = input.rows + padding.top + padding.bottom
        let cols = input.cols + padding.left + padding.right
        precondition(
            dilation.rows * (kernel.rows - 1) + 1 <= rows && dilation.cols * (kernel.cols - 1) + 1 <= cols,
            "ConvolutionWalk: kernel \(kernel.rows)×\(kernel.cols) larger than padded input \(rows)×\(cols)")
        var values = Array(repeating: 0.0, count: rows * cols)
        for row in 0..<input.rows {
            for col in 0..<input.cols {
                values[(row + padding.top) * cols + col + padding.left] = input[row, col]
            }
        }
        paddedInput = NumberGrid(values: values, rows: rows, cols: cols)
        self.kernel = kernel
        (strideRows, strideCols) = stride
        (dilationRows, dilationCols) = dilation
        self.padding = padding
        self.bias = bias
        engineOutput = output
        if let output {
            precondition(
                output.rows == outputRows && output.cols == outputCols,
                "ConvolutionWalk: output \(output.rows)×\(output.cols), walk \(outputRows)×\(outputCols)")
        }
    }

    /// The step between windows when it is the same along both axes (the first one's otherwise).
    public var stride: Int { strideRows }

    /// Output rows: `⌊(paddedRows − dilation·(kernelRows − 1) − 1) / stride⌋ + 1`.
    public var outputRows: Int { (paddedInput.rows - dilationRows * (kernel.rows - 1) - 1) / strideRows + 1 }
    /// Output columns, likewise.
    public var outputCols: Int { (paddedInput.cols - dilationCols * (kernel.cols - 1) - 1) / strideCols + 1 }
    /// How many window positions there are (one per output value), row by row.
    public var stepCount: Int { outputRows * outputCols }

    /// The padded-input cell under kernel tap (`row`, `col`) at `step`.
    func tap(step: Int, row: Int, col: Int) -> (row: Int, col: Int) {
        let (top, left) = windowOrigin(step: step)
        return (top + row * dilationRows, left + col * dilationCols)
    }

    /// The elementwise products of the kernel and the window at output position `step`.
    public func products(step: Int) -> NumberGrid {
        var values: [Double] = []
        for row in 0..<kernel.rows {
            for col in 0..<kernel.cols {
                let cell = tap(step: step, row: row, col: col)
                values.append(paddedInput[cell.row, cell.col] * kernel[row, col])
            }
        }
        return NumberGrid(values: values, rows: kernel.rows, cols: kernel.cols)
    }

    /// The walk's own sums: at each position the sum of the products plus the bias.
    public var sums: NumberGrid {
        NumberGrid(
            values: (0..<stepCount).map { products(step: $0).values.reduce(0, +) + bias }, rows: outputRows,
            cols: outputCols)
    }

    /// The whole output: the engine's when the walk was given it, else ``sums``.
    public var output: NumberGrid { engineOutput ?? sums }

    /// The input cell at the window's top-left corner for `step`.
    public func windowOrigin(step: Int) -> (row: Int, col: Int) {
        precondition(step >= 0 && step < stepCount, "ConvolutionWalk: step \(step) of \(stepCount)")
        return ((step / outputCols) * strideRows, (step % outputCols) * strideCols)
    }

    /// "input", "input (padding 1)", "input (padding top 0, bottom 1, left 0, right 1, dilation 2)",
    /// in `language`.
    func inputTitle(in language: Language = .english) -> String {
        var parts: [String] = []
        let p = padding
        if p.top == p.bottom && p.top == p.left && p.top == p.right {
            if p.top > 0 { parts.append(language.say(PictureKey.walkPadding, ["amount": p.top])) }
        } else {
            parts.append(
                language.say(
                    PictureKey.walkPaddingSides,
                    ["top": p.top, "bottom": p.bottom, "left": p.left, "right": p.right]))
        }
        if dilationRows > 1 || dilationCols > 1 {
            parts.append(
                dilationRows == dilationCols
                    ? language.say(PictureKey.walkDilation, ["amount": dilationRows])
                    : language.say(
                        PictureKey.walkDilationRowsCols, ["rows": dilationRows, "cols": dilationCols]))
        }
        return parts.isEmpty
            ? language.say(PictureKey.walkInput)
            : language.say(PictureKey.walkInputWith, ["details": parts.joined(separator: ", ")])
    }

    /// The picture of position `step` (0-based), at most `width` columns wide where possible, its
    /// captions in `language`.
    ///
    /// Input, kernel and products stand side by side when they fit in `width`, else one above the
    /// other. Cells under the window are bracketed (and highlighted with colour).
    public func picture(
        step: Int, precision: Int = 2, colorLevel: ColorLevel = .none, width: Int = 80,
        language: Language = .english
    ) -> [String] {
        let outRow = step / outputCols
        let outCol = step % outputCols
        var window: [Int: TextStyle] = [:]
        for row in 0..<kernel.rows {
            for col in 0..<kernel.cols {
                let cell = tap(step: step, row: row, col: col)
                window[cell.row * paddedInput.cols + cell.col] = Theme.highlight
            }
        }
        let products = products(step: step)
        let caption = { (text: String) in Theme.frame.apply(text, at: colorLevel) }
        let inputLines =
            [caption(inputTitle(in: language))]
            + MatrixPicture(
                grid: paddedInput, format: .suited(to: paddedInput.values, precision: precision),
                marks: window
            )
            .lines(colorLevel: colorLevel)
        let kernelLines =
            [caption(language.say(PictureKey.walkKernel))]
            + MatrixPicture(grid: kernel, format: .suited(to: kernel.values, precision: precision)).lines(
                colorLevel: colorLevel)
        let productLines =
            [caption(language.say(PictureKey.walkProducts))]
            + MatrixPicture(grid: products, format: .suited(to: products.values, precision: precision))
            .lines(colorLevel: colorLevel)

        let wrapper = WordWrapper(width: width, colorLevel: colorLevel)
        var lines = wrapper.wrap(
            language.say(
                PictureKey.walkStep, ["step": step + 1, "count": stepCount, "row": outRow, "col": outCol]))
        let blocks = [inputLines, kernelLines, productLines]
        let sideBySide = TextLayout.sideBySide(blocks, gap: 4)
        if sideBySide.allSatisfy({ displayWidth($0) <= width }) {
            lines += sideBySide
        } else {
            lines += blocks.joined(separator: [""])
        }
        lines += wrapper.wrap(sumText(products, precision: precision, language: language))

        let outputValues = output
        let hidden = Set((step + 1)..<stepCount)
        let format = NumberFormat.suited(to: (0...step).map { outputValues.values[$0] }, precision: precision)
        lines.append(caption(language.say(PictureKey.walkOutput)))
        lines += MatrixPicture(
            grid: outputValues, format: format, marks: [step: Theme.highlight], hidden: hidden
        )
        .lines(colorLevel: colorLevel)
        return lines
    }

    /// "sum = 2 + 0 + (-6) = -4", or just the total when the kernel has more than 9 cells. The
    /// numbers are written in one format suited to all of them, so the terms line up with the
    /// pictures above (hence text, not typed numbers).
    private func sumText(_ products: NumberGrid, precision: Int, language: Language) -> String {
        let format = NumberFormat.suited(
            to: products.values + [products.values.reduce(0, +) + bias], precision: precision)
        let total = products.values.reduce(0, +) + bias
        let biasText = bias == 0 ? "" : language.say(PictureKey.walkBias, ["bias": format.format(bias)])
        guard products.values.count <= 9 else {
            return language.say(
                PictureKey.walkSumOfProducts,
                ["count": products.values.count, "bias": biasText, "total": format.format(total)])
        }
        let terms = products.values.map { value in
            value < 0 ? "(" + format.format(value) + ")" : format.format(value)
        }
        return language.say(
            PictureKey.walkSum,
            ["terms": terms.joined(separator: " + "), "bias": biasText, "total": format.format(total)])
    }
}
