import CNN

/// PyTorch's `nn.ModuleList`: layers held in order so that a class written here registers them
/// (`self.blocks = nn.ModuleList([Block(c) for _ in range(3)])`), indexed, iterated and counted,
/// but not called: `forward` calls its layers (`for block in self.blocks: x = block(x)`).
///
/// `@unchecked Sendable`: the layers change only through `append`/`extend`/`insert`, run by the
/// evaluation thread of the interpreter that made the list.
final class ModuleList: Layer, @unchecked Sendable {
    let mode = TrainingMode()
    private(set) var layers: [any Layer]

    init(_ layers: [any Layer]) {
        self.layers = layers
    }

    var typeName: String { "ModuleList" }

    var children: [(name: String, layer: any Layer)] {
        layers.enumerated().map { (String($0.offset), $0.element) }
    }

    /// Printed as PyTorch 2 prints a ModuleList: a run of equal consecutive layers on one line,
    /// `(0-2): 3 x Linear(in_features=2, out_features=2, bias=True)`, any other layer as
    /// `(3): ReLU()`.
    var description: String {
        guard !layers.isEmpty else { return "ModuleList()" }
        var lines = ["ModuleList("]
        var start = 0
        while start < layers.count {
            let text = layers[start].description
            var end = start
            while end + 1 < layers.count, layers[end + 1].description == text { end += 1 }
            let indented = text.split(separator: "\n", omittingEmptySubsequences: false).joined(
                separator: "\n  ")
            lines.append(
                end == start
                    ? "  (\(start)): \(indented)" : "  (\(start)-\(end)): \(end - start + 1) x \(indented)")
            start = end + 1
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }

    /// A ModuleList is not called, as in PyTorch.
    func callAsFunction(_ input: Tensor) throws -> Tensor {
        throw CNNError(.unsupported, .moduleListCalled)
    }

    /// `append`, `extend` and `insert`, in place (a ModuleList is an object, as in PyTorch).
    func change(_ method: String, _ values: [Value]) throws -> Bool {
        func layer(_ value: Value) throws -> any Layer {
            guard case .module(let layer) = value, layer !== self else {
                throw CNNError.argument(.moduleListTakesLayers, ["method": method, "type": value.typeName])
            }
            return layer
        }
        switch (method, values.count) {
        case ("append", 1): layers.append(try layer(values[0]))
        case ("extend", 1):
            guard case .list(let items) = values[0] else {
                throw CNNError.argument(.moduleListExtend)
            }
            layers += try items.map(layer)
        case ("insert", 2):
            guard case .int(let index) = values[0] else {
                throw CNNError.argument(.moduleListInsert)
            }
            let position = index < 0 ? max(layers.count + index, 0) : min(index, layers.count)
            layers.insert(try layer(values[1]), at: position)
        default:
            return false
        }
        return true
    }
}
