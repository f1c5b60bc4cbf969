import CNN

/// A value of the answer language: what a name is bound to and what an evaluation returns.
///
/// Numbers follow Python: `.int` and `.float` stay distinct (`7 // 2` is `3`, `7 / 2` is `3.5`),
/// and `.bool` is its own case. `.shape` is PyTorch's `torch.Size`: it compares equal to a tuple
/// or list of the same integers, so a check can say `answer.shape == (1, 1, 6, 6)`.
///
/// Printing (`description`) is what the REPL shows; `json` is what `cnntutor eval --json` prints.
/// Switch over this enum with a `default:` branch: cases may be added as the engine grows
/// (optimisers and data sets, for instance).
public enum Value: Sendable {
    /// Python's `None`.
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case tensor(Tensor)
    /// `[a, b]`.
    case list([Value])
    /// `(a, b)`.
    case tuple([Value])
    /// A tensor's shape (PyTorch `torch.Size`), equal to tuples and lists of the same integers.
    case shape([Int])
    /// A string-keyed table in insertion order (per-layer gradient norms, a training history).
    case dict([DictEntry])
    /// An element type: `torch.float32`, `torch.float64`, `torch.int64`, `torch.bool`.
    case dtype(ScalarType)
    /// A layer or a whole model (PyTorch `nn.Module`): `nn.Conv2d(1, 8, 3)`, `nn.Sequential(…)`.
    /// Layers are objects: two names bound to one model see the same weights.
    case module(any Layer)
    /// A builtin, a method bound to its receiver, or a `lambda`.
    case function(Function)
    /// Something for the terminal to draw: a heatmap, bars or curves (`show(x)`).
    case figure(Figure)
    /// `torch`, `F`, `nn`: a namespace of builtins reached with `.`.
    case namespace(Namespace)
    /// Python's `Ellipsis` (`...`), meaningful inside subscripts.
    case ellipsis
    /// Preformatted text shown as it is, without quotes: `summary(model, …)`, `help(conv2d)`.
    case text(String)

    /// One entry of a `.dict`.
    public struct DictEntry: Sendable {
        public var key: String
        public var value: Value

        /// Creates an entry.
        public init(_ key: String, _ value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// The type's name as Python would say it in an error message: `int`, `Tensor`, `list`, ….
    public var typeName: String {
        switch self {
        case .none: "NoneType"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "str"
        case .tensor: "Tensor"
        case .module(let layer): layer.typeName
        case .list: "list"
        case .tuple: "tuple"
        case .shape: "torch.Size"
        case .dict: "dict"
        case .dtype: "torch.dtype"
        case .function(let function): function.typeName
        case .figure: "figure"
        case .namespace(let namespace): namespace.typeName
        case .ellipsis: "ellipsis"
        case .text: "text"
        }
    }

    /// The tensor, if this is one.
    public var tensor: Tensor? {
        if case .tensor(let tensor) = self { return tensor }
        return nil
    }

    /// The layer, if this is one.
    public var module: (any Layer)? {
        if case .module(let layer) = self { return layer }
        return nil
    }

    /// The value as a Double, for `.int`, `.float`, `.bool` and one-element tensors.
    public var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .float(let value): value
        case .bool(let value): value ? 1 : 0
        case .tensor(let tensor) where tensor.count == 1: try? tensor.item()
        default: nil
        }
    }

    /// The integers of a `.shape`, or of a tuple or list holding only integers.
    public var integers: [Int]? {
        switch self {
        case .shape(let sizes): return sizes
        case .tuple(let items), .list(let items):
            var result: [Int] = []
            for item in items {
                guard case .int(let value) = item else { return nil }
                result.append(value)
            }
            return result
        default: return nil
        }
    }
}

extension Value: Equatable {
    /// Python's `==` for values that are not tensors: numbers compare by value across
    /// int/float/bool, shapes equal tuples and lists of the same integers, and containers compare
    /// item by item. Tensors are equal when their shapes and elements are; functions and
    /// namespaces only to themselves.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.text(let a), .text(let b)): return a == b
        case (.text(let text), .function(let function)), (.function(let function), .text(let text)):
            // `type(x) == float`, `type(m) == nn.Conv2d`: what `type()` says is the class the
            // builtin makes.
            return text == "<class '\(function.name)'>"
        case (.string(let a), .string(let b)): return a == b
        case (.dtype(let a), .dtype(let b)): return a == b
        case (.tensor(let a), .tensor(let b)): return a.shape == b.shape && a.isEqual(to: b)
        case (.function(let a), .function(let b)): return a === b
        case (.module(let a), .module(let b)): return a === b
        case (.namespace(let a), .namespace(let b)): return a.name == b.name
        case (.figure(let a), .figure(let b)): return a == b
        case (.dict(let a), .dict(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0 == $1 }
        case (.shape, _), (_, .shape):
            guard let a = lhs.integers, let b = rhs.integers else { return false }
            return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.int, _), (.float, _), (.bool, _):
            guard case .tensor = rhs else {
                guard let a = lhs.number, let b = rhs.number else { return false }
                return a == b
            }
            return false
        default:
            return false
        }
    }
}
