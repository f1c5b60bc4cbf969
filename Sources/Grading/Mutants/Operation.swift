import AnswerLanguage
import Wording

/// What a call or an operator does, as far as telling a swapped operation apart goes: a reduction,
/// an activation, a way of downsampling, an element-wise operator. A learner who holds the wrong
/// idea of an operation writes another one in its place (`.max()` for `.sum()`, `sigmoid` for
/// `relu`, `avg_pool2d` for every second pixel, `-` for `*`); `MutantGenerator+Swaps` makes those
/// mutants and `OperationProfile` checks that the learner's answer does write the other one.
enum Operation: String, CaseIterable, Sendable {
    // Reductions.
    case sum, mean, max, min, prod, norm
    /// `.abs().sum()`: the absolute values added.
    case absSum = "abs-sum"
    // Activations.
    case relu, sigmoid, tanh
    // Downsampling.
    case maxPool = "max-pool"
    case avgPool = "avg-pool"
    /// `x[:, :, ::2, ::2]`: every second pixel kept.
    case subsample
    /// `-max_pool2d(-x, k)`: the smallest value of each window (min pooling).
    case minPool = "min-pool"
    /// `avg_pool2d(x, k) * k * k`: the values of each window added (sum pooling).
    case sumPool = "sum-pool"
    // Caps.
    /// `x.clamp(min=0, max=c)`, `torch.minimum`/`maximum` with a bound: values outside set to
    /// the bound, the others kept.
    case clamp
    /// `c * sigmoid(x)`: every value squashed smoothly into 0 to c.
    case softCap = "soft-cap"
    // Borders.
    /// `F.pad(x, …, mode='reflect')`: a border mirroring the pixels next to the edge.
    case reflectPad = "reflect-pad"
    /// `x.flip(dims)`: the tensor turned around along `dims`.
    case flip
    // Element-wise operators.
    case multiply, add, subtract, divide, matmul

    /// How the operation is written in a sentence (code, the same in every language).
    var written: String {
        switch self {
        case .sum, .mean, .max, .min, .prod, .norm: ".\(rawValue)()"
        case .absSum: ".abs().sum()"
        case .relu, .sigmoid, .tanh: rawValue
        case .maxPool: "max_pool2d"
        case .avgPool: "avg_pool2d"
        case .subsample: "::2"
        case .minPool: "-max_pool2d(-x)"
        case .sumPool: "avg_pool2d(x, k) * k * k"
        case .clamp: "clamp"
        case .softCap: "c * sigmoid(x)"
        case .reflectPad: "F.pad(…, mode='reflect')"
        case .flip: "flip"
        case .multiply: "*"
        case .add: "+"
        case .subtract: "-"
        case .divide: "/"
        case .matmul: "@"
        }
    }

    /// The operation a call's name (`amax`, `F.relu`'s `relu`, `nn.MaxPool2d`) stands for.
    static func called(_ name: String) -> Operation? {
        switch name {
        case "sum", "nansum": .sum
        case "mean", "nanmean": .mean
        case "max", "amax": .max
        case "min", "amin": .min
        case "prod": .prod
        case "norm": .norm
        case "relu", "ReLU", "relu_": .relu
        case "sigmoid", "Sigmoid": .sigmoid
        case "tanh", "Tanh": .tanh
        case "max_pool2d", "MaxPool2d": .maxPool
        case "avg_pool2d", "AvgPool2d": .avgPool
        case "flip", "fliplr", "flipud": .flip
        case "mul", "multiply": .multiply
        case "add": .add
        case "sub", "subtract": .subtract
        case "div", "divide", "true_divide": .divide
        case "matmul", "mm": .matmul
        default: nil
        }
    }

    /// The operation an operator stands for.
    static func written(_ op: BinaryOperator) -> Operation? {
        switch op {
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .matmul: .matmul
        default: nil
        }
    }
}

/// The catalog `operations`: for each operation, a sentence saying what it does (told after a
/// swapped operation's change, for the learner's operation and the reference's); and the story
/// of a fresh layer where a given weight belongs.
package enum OperationKey: String, MessageKey, CaseIterable {
    package static let catalog = "operations"

    case sum, mean, max, min, prod, norm
    case absSum = "abs-sum"
    case relu, sigmoid, tanh
    case maxPool = "max-pool"
    case avgPool = "avg-pool"
    case subsample
    case minPool = "min-pool"
    case sumPool = "sum-pool"
    case clamp
    case softCap = "soft-cap"
    case reflectPad = "reflect-pad"
    case flip
    case multiply, add, subtract, divide, matmul
    /// "Your answer makes a new `nn.Conv2d` layer: …"
    case freshLayer = "fresh-layer"
    /// "Your answer calls `F.dropout`, which draws a random mask of its own: …"
    case randomMask = "random-mask"

    /// The sentence saying what `operation` does (the keys mirror `Operation`'s cases one to one,
    /// which `OperationTests` checks).
    init?(_ operation: Operation) { self.init(rawValue: operation.rawValue) }
}
