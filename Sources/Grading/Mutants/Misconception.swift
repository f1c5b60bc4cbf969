/// A misconception the grader can recognise without the course recording it: a change to the
/// reference answer's syntax tree that a learner with that misconception would make. The grader
/// applies each to the reference (and alternatives), runs the result in the exercise's setup, and
/// when a wrong answer's value equals one of those values it says which change explains it
/// (`GradingText.mutant`).
public enum Misconception: String, Hashable, Sendable, CaseIterable {
    // Arithmetic.
    /// `a + 1` → `a`: the + 1 of a count of positions.
    case plusOneDropped = "plus-one-dropped"
    /// `a - 1` → `a`.
    case minusOneDropped = "minus-one-dropped"
    /// `a + b` → `a` or `b`, `a - b` → `a`: a term of a sum or difference left out.
    case termDropped = "term-dropped"
    /// `a + b` → `a - b`.
    case minusForPlus = "minus-for-plus"
    /// `a - b` → `a + b`.
    case plusForMinus = "plus-for-minus"
    /// `a - b` → `b - a`, `a / b` → `b / a`, `a ** b` → `b ** a`.
    case operandsSwapped = "operands-swapped"
    /// `a * b` → `a` or `b`: a factor of a product (channels, kernel area, filters) left out.
    case factorDropped = "factor-dropped"
    /// `2 * p` → `p`: padding counted on one side.
    case paddingOneSide = "padding-one-side"
    /// A padding amount (`p`, `padding=`) taken as 0.
    case paddingForgotten = "padding-forgotten"
    /// A stride (`s`, `stride=`) taken as 1.
    case strideForgotten = "stride-forgotten"
    /// `a // b` → `a / b`: the rounding down forgotten.
    case floorForgotten = "floor-forgotten"
    /// `a / b` → `a`: the division left out.
    case divisorDropped = "divisor-dropped"
    /// `a / b` → `b`: only the other side of the ratio.
    case numeratorDropped = "numerator-dropped"
    /// `a / b` → `a * b`.
    case multiplyForDivide = "multiply-for-divide"
    /// `a / b` → `a - b`: a difference where a ratio belongs.
    case subtractForDivide = "subtract-for-divide"
    /// `a ** n` → `a * n`.
    case productForPower = "product-for-power"
    /// `a ** n` → `a ** (n ± 1)`.
    case exponentOffByOne = "exponent-off-by-one"
    /// `a * b` → `a + b`.
    case sumForProduct = "sum-for-product"
    /// `a * b` → `a @ b` on tensors.
    case matmulForMultiply = "matmul-for-multiply"
    /// `n * a` → `(n ± 1) * a`: a repetition count off by one.
    case literalOffByOne = "literal-off-by-one"

    // Reductions, kernels and slices.
    /// `.sum()` → `.mean()`.
    case meanForSum = "mean-for-sum"
    /// `.sum()` left out.
    case sumForgotten = "sum-forgotten"
    /// `.sum()` → `.sum(dim=…)`.
    case sumPartial = "sum-partial"
    /// A kernel rotated by 180° (convolution instead of cross-correlation).
    case kernelFlipped = "kernel-flipped"
    /// A kernel transposed: height and width swapped.
    case kernelTransposed = "kernel-transposed"
    /// A slice's end one smaller (`0:3` → `0:2`): the end thought inclusive.
    case sliceEndInclusive = "slice-end-inclusive"
    /// A slice's end one larger.
    case sliceEndPlusOne = "slice-end-plus-one"
    /// Every slice moved by one (counting from 1).
    case sliceOneBased = "slice-one-based"
    /// The row and column indices swapped.
    case rowsColumnsSwapped = "rows-columns-swapped"
    /// The step of a slice (`::2`) left out: no subsampling.
    case subsampleForgotten = "subsample-forgotten"
    /// One input channel used instead of the sum over channels.
    case oneChannel = "one-channel"
    /// The last input channel left out of the sum.
    case channelDropped = "channel-dropped"

    // Layers and networks.
    /// `relu(e)` → `e`.
    case finalReluMissing = "final-relu-missing"
    /// `relu(f(x) + x)` → `relu(f(x)) + x`.
    case reluBeforeAdd = "relu-before-add"
    /// `relu(f(x) + x)` → `relu(f(x))`.
    case skipMissing = "skip-missing"
    /// `f(x) + x` → `f(x) * x`.
    case multiplyForAdd = "multiply-for-add"
    /// `f(x) + x` → `cat([f(x), x], dim=1)`.
    case catForAdd = "cat-for-add"
    /// An activation on the shortcut: `f(x) + relu(x)`, or a ReLU after a projection.
    case activationOnShortcut = "activation-on-shortcut"
    /// `relu(f(x) + x)` → `f(relu(x)) + x`: the pre-activation order.
    case preActivation = "pre-activation"
    /// `nn.Conv2d(…)` → `nn.Conv2d(…, bias=False)`: the biases not counted.
    case biasForgotten = "bias-forgotten"
    /// A convolution's input channels taken as 1.
    case inChannelsOne = "in-channels-one"
    /// A convolution's output channels (its filters) taken as 1.
    case outChannelsOne = "out-channels-one"
    /// A convolution's kernel taken as 1 × 1: the kernel area left out.
    case kernelOne = "kernel-one"
    /// `F.pad(x, …)` → `x`.
    case paddingDropped = "padding-dropped"
    /// `F.pad(x, (1, 1, 1, 1))` → `F.pad(x, (1, 1))`: only the last dimension padded.
    case paddingOneDimension = "padding-one-dimension"

    /// The built-in diagnosis that tells the same story, if any: when it was found too, its
    /// message (which quotes the shapes and sizes) is kept.
    var diagnosisFinding: Diagnosis.Finding? {
        switch self {
        case .paddingForgotten, .paddingDropped: .paddingForgotten
        case .paddingOneSide: .paddingCountedOnce
        case .kernelFlipped: .kernelFlipped
        case .meanForSum: .wrongScale
        default: nil
        }
    }

    /// Whether the change only says which part of the formula is missing or changed, not why a
    /// learner would make it: when such a mutant and a telling one give the same value, the
    /// telling one explains the answer (`(n - f) // s + 1` is the padding forgotten, not merely
    /// the term `2 * p` left out).
    var isGeneric: Bool {
        switch self {
        case .termDropped, .factorDropped, .divisorDropped, .numeratorDropped, .literalOffByOne,
            .minusForPlus,
            .plusForMinus, .operandsSwapped, .sumForProduct, .multiplyForDivide, .subtractForDivide:
            true
        default: false
        }
    }
}
