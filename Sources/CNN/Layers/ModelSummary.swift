/// A table of a model's layers — each one's output shape and parameter count — for an input
/// shape, like torchsummary's `summary(model, input_size)`.
public struct ModelSummary: Sendable, CustomStringConvertible {
    /// One layer's line.
    public struct Row: Sendable, Equatable {
        /// Dotted path in the model (`layer1.0.conv1`).
        public var name: String
        /// The layer's type (`Conv2d`).
        public var typeName: String
        /// Shape of the layer's output for the summarised input.
        public var outputShape: [Int]
        /// Parameters the layer owns itself (0 for containers, whose children are listed).
        public var parameterCount: Int
        /// Nesting depth, 1 for the model's direct children.
        public var depth: Int
    }

    /// The input shape the model was run on.
    public let inputShape: [Int]
    /// Every sub-layer in the order its output was produced (children before their container).
    public let rows: [Row]
    /// The model's output shape.
    public let outputShape: [Int]
    /// All parameters (each shared parameter once).
    public let totalParameters: Int

    /// Runs `model` once on zeros of `inputShape`, in evaluation mode and without recording
    /// gradients (so batch-norm statistics are not touched), restoring each layer's mode after.
    /// - Throws: `CNNError` from the forward pass, e.g. when `inputShape` does not fit the model.
    public init(_ model: any Layer, inputShape: [Int]) throws {
        let modes = model.namedLayers.map { ($0.layer, $0.layer.isTraining) }
        defer { for (layer, training) in modes { layer.mode.set(training: training) } }
        model.eval()
        let trace = LayerTrace()
        let input = try Tensor.zeros(inputShape)
        let output = try LayerTrace.$current.withValue(trace) { try withNoGrad { try model(input) } }
        self.inputShape = inputShape
        let traced = trace.recorded.map {
            Row(
                name: $0.path, typeName: $0.typeName, outputShape: $0.outputShape,
                parameterCount: $0.parameterCount, depth: $0.depth)
        }
        // A single layer (no children) is its own only row.
        rows =
            traced.isEmpty
            ? [
                Row(
                    name: "", typeName: model.typeName, outputShape: output.shape,
                    parameterCount: model.parameterCount, depth: 1)
            ]
            : traced
        outputShape = output.shape
        totalParameters = model.parameterCount
    }

    /// The torchsummary-style table: one line per layer, then the totals.
    public var description: String {
        let header = ["Layer (type)", "Output Shape", "Param #"]
        let lines = rows.map { row in
            [
                String(repeating: "  ", count: max(0, row.depth - 1))
                    + (row.name.isEmpty ? row.typeName : "\(row.name) (\(row.typeName))"),
                "\(row.outputShape)", Self.grouped(row.parameterCount),
            ]
        }
        let widths = (0..<3).map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        func format(_ cells: [String]) -> String {
            cells[0].padding(widths[0]) + "  " + cells[1].padding(widths[1]) + "  "
                + String(repeating: " ", count: widths[2] - cells[2].count) + cells[2]
        }
        let rule = String(repeating: "-", count: widths.reduce(4, +))
        let doubleRule = String(repeating: "=", count: widths.reduce(4, +))
        return
            ([rule, format(header), doubleRule] + lines.map(format) + [
                doubleRule,
                "Input shape: \(inputShape)",
                "Output shape: \(outputShape)",
                "Total params: \(Self.grouped(totalParameters))",
                rule,
            ]).joined(separator: "\n")
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }
}

extension String {
    /// This string padded with spaces on the right to `width` characters.
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}

/// The torchsummary-style summary of `model` for `inputShape` (see `ModelSummary`).
/// - Throws: `CNNError` when the input shape does not fit the model.
public func summary(_ model: any Layer, inputShape: [Int]) throws -> ModelSummary {
    try ModelSummary(model, inputShape: inputShape)
}
