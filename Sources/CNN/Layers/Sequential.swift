import Synchronization
import Wording

/// Layers applied one after another (PyTorch `nn.Sequential`); children are named `0`, `1`, … or
/// by the names given, so parameters read `0.weight`, `conv1.weight`, …
public final class Sequential: Layer {
    public let mode = TrainingMode()
    /// The layers in call order, with their names; guarded because `add_module`/`append` change
    /// them after the Sequential is made, as PyTorch's are.
    private let list: Mutex<[(name: String, layer: any Layer)]>

    /// The layers in call order, with their names.
    public var children: [(name: String, layer: any Layer)] { list.withLock { $0 } }

    /// Layers named by position, `0`, `1`, …
    public init(_ layers: [any Layer]) {
        list = Mutex(layers.enumerated().map { (String($0.offset), $0.element) })
    }

    /// Adds `layer` as `name` at the end (PyTorch `add_module`), or in the place of the layer
    /// already named so; `name` nil names it by its position (`append`).
    /// - Throws: `CNNError.argument` for an empty or dotted name.
    public func add(_ layer: any Layer, named name: String? = nil) throws(CNNError) {
        let name = name ?? String(count)
        guard !name.isEmpty, !name.contains(".") else {
            throw CNNError.argument(.sequentialLayerNamesMustBe, ["name": name])
        }
        list.withLock { children in
            if let index = children.firstIndex(where: { $0.name == name }) {
                children[index].layer = layer
            } else {
                children.append((name, layer))
            }
        }
    }

    /// Layers named by position, `0`, `1`, …
    public convenience init(_ layers: any Layer...) { self.init(layers) }

    /// Layers with names of your choosing (PyTorch `nn.Sequential(OrderedDict(...))`).
    /// - Throws: `CNNError.argument` for an empty, dotted or repeated name.
    public init(named layers: [(String, any Layer)]) throws(CNNError) {
        var seen = Set<String>()
        for (name, _) in layers {
            guard !name.isEmpty, !name.contains("."), seen.insert(name).inserted else {
                throw CNNError.argument(.sequentialLayerNamesMustBe, ["name": name])
            }
        }
        list = Mutex(layers.map { ($0.0, $0.1) })
    }

    /// The layers in call order.
    public var layers: [any Layer] { children.map(\.layer) }

    /// Number of layers.
    public var count: Int { children.count }

    /// The layer at `index` (PyTorch `model[i]`).
    public subscript(index: Int) -> any Layer { children[index].layer }

    /// Feeds `input` through every layer in order.
    /// - Throws: the first failing layer's error, prefixed with that layer's name and type so a
    ///   learner sees where in the model it happened (cancellation and time limits pass unchanged).
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        var x = input
        for (name, layer) in children {
            do {
                x = try callChild(name, layer, x)
            } catch let error as CNNError where error.code != .cancelled && error.code != .timeLimit {
                guard let inner = error.detail else { throw error }
                throw CNNError(error.code, .inLayer(name: name, type: layer.typeName, inner: inner))
            }
        }
        return x
    }
}

/// Returns its input unchanged (PyTorch `nn.Identity`); a placeholder where a block has no layer.
public final class Identity: Layer {
    public let mode = TrainingMode()

    /// An identity layer.
    public init() {}

    /// Returns `input`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor { input }
}
