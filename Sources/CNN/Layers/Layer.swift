/// A network building block you call on a tensor (PyTorch `nn.Module`): `let y = try conv(x)`.
///
/// Layers are final classes rather than values because their state changes while they run and
/// must be shared: batch norm updates running statistics in a forward pass, `train()`/`eval()`
/// flip a whole model at once, and an optimiser made from `model.parameters()` must update the
/// very weights the model reads (see `Parameter`). Settings (kernel size, stride …) are `let`.
///
/// A conforming type provides the forward pass, its training-mode flag, the parameters it owns
/// directly and its sub-layers; everything else — dotted parameter names like
/// `0.conv1.weight`, counts, `train()`/`eval()`, `zeroGrad()`, a PyTorch-style printout — comes
/// from this protocol's extension.
public protocol Layer: AnyObject, Sendable, CustomStringConvertible {
    /// The forward pass. Layouts are stated by each layer (images are
    /// `[batch, channels, height, width]`).
    /// - Throws: `CNNError` when the input's shape does not fit the layer.
    func callAsFunction(_ input: Tensor) throws -> Tensor

    /// This layer's training/evaluation flag.
    var mode: TrainingMode { get }

    /// The parameters this layer owns itself, with their local names (`weight`, `bias`), in the
    /// order PyTorch registers them.
    var ownParameters: [(name: String, parameter: Parameter)] { get }

    /// Direct sub-layers with their names (`0`, `conv1`, `shortcut`), in call order.
    var children: [(name: String, layer: any Layer)] { get }

    /// The layer's type as printed (`Conv2d`).
    var typeName: String { get }

    /// The settings shown inside the parentheses when printed (PyTorch `extra_repr`), e.g.
    /// `1, 8, kernel_size=(3, 3), stride=(1, 1)`.
    var settingsDescription: String { get }
}

extension Layer {
    public var ownParameters: [(name: String, parameter: Parameter)] { [] }
    public var children: [(name: String, layer: any Layer)] { [] }
    public var typeName: String { String(describing: type(of: self)) }
    public var settingsDescription: String { "" }

    /// Every layer in the model with its dotted path, this one first as `""` (PyTorch
    /// `named_modules()`), depth first in call order.
    public var namedLayers: [(name: String, layer: any Layer)] {
        var result: [(name: String, layer: any Layer)] = [("", self)]
        for (name, child) in children {
            for (path, layer) in child.namedLayers {
                result.append((path.isEmpty ? name : "\(name).\(path)", layer))
            }
        }
        return result
    }

    /// Every parameter with its dotted path (`0.conv1.weight`), like PyTorch `named_parameters()`:
    /// a layer's own parameters first, then its children's; a parameter shared by two layers is
    /// listed once.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(name: String, parameter: Parameter)] = []
        for (path, layer) in namedLayers {
            for (name, parameter) in layer.ownParameters
            where seen.insert(ObjectIdentifier(parameter)).inserted {
                result.append((path.isEmpty ? name : "\(path).\(name)", parameter))
            }
        }
        return result
    }

    /// All parameters, in `namedParameters` order (PyTorch `parameters()`), for an optimiser.
    public func parameters() -> [Parameter] { namedParameters.map(\.parameter) }

    /// Total number of scalars in the parameters (`sum(p.numel() for p in model.parameters())`).
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.parameter.count } }

    /// True while the model is in training mode.
    public var isTraining: Bool { mode.isTraining }

    /// Puts this layer and every sub-layer in training mode (PyTorch `train()`).
    @discardableResult
    public func train(_ training: Bool = true) -> Self {
        for (_, layer) in namedLayers { layer.mode.set(training: training) }
        return self
    }

    /// Puts this layer and every sub-layer in evaluation mode (PyTorch `eval()`).
    @discardableResult
    public func eval() -> Self { train(false) }

    /// Converts every parameter to `dtype` (PyTorch `model.double()` / `model.float()`), e.g. to
    /// check a model's gradients by finite differences in float64. Do it before creating an
    /// optimiser; batch-norm statistics follow the input's dtype on the next forward pass.
    /// - Throws: `CNNError` if a budget refuses the memory.
    @discardableResult
    public func to(_ dtype: DType) throws -> Self {
        for parameter in parameters() { try parameter.convert(to: dtype) }
        return self
    }

    /// Forgets every parameter's gradient (PyTorch `zero_grad()`).
    public func zeroGrad() {
        for parameter in parameters() { parameter.zeroGrad() }
    }

    /// The model printed like PyTorch prints a module: `Conv2d(1, 8, kernel_size=(3, 3), …)`, or a
    /// container with one indented `(name): child` line per sub-layer.
    public var description: String {
        let kids = children
        if kids.isEmpty { return "\(typeName)(\(settingsDescription))" }
        var lines = ["\(typeName)(" + (settingsDescription.isEmpty ? "" : settingsDescription)]
        for (name, child) in kids {
            let text = child.description.split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\n  ")
            lines.append("  (\(name)): \(text)")
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }
}
