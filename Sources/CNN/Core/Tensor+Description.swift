/// Printing like PyTorch: `tensor([[1., 2.],\n        [3., 4.]])`.
extension Tensor: CustomStringConvertible {
    /// Tensors with more elements than this are summarised with `...` (PyTorch's threshold).
    static let summaryThreshold = 1000
    /// Entries kept at each end of a summarised dimension (PyTorch's `edgeitems`).
    static let edgeItems = 3
    /// Line width for wrapping (PyTorch's `linewidth`).
    static let lineWidth = 80

    /// The tensor as PyTorch prints it, including `dtype=torch.float64`, `requires_grad=True` and
    /// `grad_fn=<…Backward0>` suffixes. Large tensors are summarised with `...` like PyTorch and,
    /// unlike PyTorch, followed by `size=(…)` so the shape is not lost.
    public var description: String {
        let prefix = "tensor("
        let indent = prefix.count
        let values = scalarsAsDoubles()
        let summarize = count > Tensor.summaryThreshold
        var suffixes: [String] = []
        var body: String
        if count == 0 {
            body = "[]"
            if rank != 1 { suffixes.append("size=\(tupleText(shape))") }
        } else {
            let shown = summarize ? summarizedValues(values) : values
            let formatter = ScalarFormatter(values: shown, kind: kind)
            body = render(values, dim: 0, base: 0, indent: indent, summarize: summarize, formatter)
            if summarize { suffixes.append("size=\(tupleText(shape))") }
        }
        if dtype == .float64 && kind == .real { suffixes.append("dtype=torch.float64") }
        if kind.wraps { suffixes.append("dtype=torch.\(scalarType.rawValue)") }
        if let name = gradientFunctionName {
            suffixes.append("grad_fn=<\(name.prefix(1).uppercased() + name.dropFirst())Backward0>")
        } else if requiresGrad {
            suffixes.append("requires_grad=True")
        }
        // PyTorch's `_add_suffixes`, including its count of the last line (two more than its length).
        var lastLineLength =
            (prefix + body).split(separator: "\n", omittingEmptySubsequences: false).last!.count + 2
        for suffix in suffixes {
            if lastLineLength + suffix.count + 2 > Tensor.lineWidth {
                body += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLength = indent + suffix.count
            } else {
                body += ", " + suffix
                lastLineLength += suffix.count + 2
            }
        }
        return prefix + body + ")"
    }

    private func tupleText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// The positions shown along a dimension of `size`: all, or the edges when summarising.
    private func shownIndices(_ size: Int, summarize: Bool) -> [Int?] {
        let edge = Tensor.edgeItems
        if summarize && size > 2 * edge {
            return Array(0..<edge) + [nil] + Array((size - edge)..<size)
        }
        return Array(0..<size)
    }

    /// The values that will be printed, for sizing the columns (PyTorch's `get_summarized_data`).
    private func summarizedValues(_ values: [Double]) -> [Double] {
        var shown: [Double] = []
        func collect(dim: Int, base: Int) {
            if dim == rank {
                shown.append(values[base])
                return
            }
            for index in shownIndices(shape[dim], summarize: true) {
                if let index { collect(dim: dim + 1, base: base + index * strides[dim]) }
            }
        }
        collect(dim: 0, base: 0)
        return shown
    }

    private func render(
        _ values: [Double], dim: Int, base: Int, indent: Int, summarize: Bool, _ formatter: ScalarFormatter
    ) -> String {
        if rank == 0 { return formatter.format(values[0]) }
        let indices = shownIndices(shape[dim], summarize: summarize)
        let stride = strides[dim]
        if dim == rank - 1 {
            let entries = indices.map { $0.map { formatter.format(values[base + $0 * stride]) } ?? " ..." }
            let perLine = Swift.max(1, (Tensor.lineWidth - indent) / (formatter.width + 2))
            let lines = Swift.stride(from: 0, to: entries.count, by: perLine).map {
                entries[$0..<Swift.min($0 + perLine, entries.count)].joined(separator: ", ")
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let slices = indices.map { index in
            index.map {
                render(
                    values, dim: dim + 1, base: base + $0 * stride, indent: indent + 1, summarize: summarize,
                    formatter)
            } ?? "..."
        }
        let separator =
            "," + String(repeating: "\n", count: rank - dim - 1) + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: separator) + "]"
    }
}
