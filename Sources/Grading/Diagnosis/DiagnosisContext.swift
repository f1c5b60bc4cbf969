import Course

/// What the grader knows about an exercise that helps explain a wrong answer: the kernel sizes and
/// padding its setup and reference use, and the value the reference gives with its kernels rotated
/// by 180° (computed on the engine).
struct DiagnosisContext: Sendable {
    /// What the expected number is (a `value` exercise's declared or inferred quantity): size and
    /// padding stories are told only about sizes, off-by-one only about whole numbers that count.
    var quantity: Exercise.Quantity?
    /// Which size formula the reference computes (`SizeFormula`): an ordinary convolution's size
    /// stories are told only where it is not known to be another's.
    var sizeFormula = SizeFormula.unknown
    /// Whether the exercise has a stride other than 1 (`s`, `stride=`): a size then changes by
    /// 2p / s, not 2p, and no size story is told about a number.
    var strided = false
    /// Whether the exercise dilates its kernels (`D`, `dilation=`): a kernel then spans
    /// d · (f − 1) + 1 pixels, and no size story in f or p is told.
    var dilated = false
    /// Whether the reference involves a layer or convolution, whose bias may explain a constant
    /// offset; otherwise an offset is said without guessing a cause.
    var hasBias = false
    /// How many values a kernel of the exercise sums at one position (its elements, per filter,
    /// per channel): the only counts "averaged over n values instead of summed" may name.
    var windowCounts: Set<Int> = []
    /// Spatial sizes of the kernels bound by the setup (4-D weights' last dimensions).
    var kernelSizes: [Int] = []
    /// The padding the reference passes (`padding=p`), if a plain integer.
    var padding: Int?
    /// Whether the reference pads nothing: it convolves without any padding written
    /// (`conv2d(x, w)`: PyTorch's 0), or it is a size formula with no padding in it (`n - f + 1`).
    /// Its output shrinks by f − 1 itself, so no story says the size should have stayed.
    var unpadded = false
    /// The setup's small tensors (2-D or more), by name: a wrong patch may be one of them taken at
    /// another place (`Diagnoser.otherWindow`).
    var tensors: [(name: String, values: NumericArray)] = []
    /// The reference's value with every setup kernel rotated by 180°.
    var flippedKernelExpected: NumericArray?
    /// The input and broadcast operands a wrong shape is read against (`Diagnoser.shapeReading`).
    var shapeInputs = ShapeInputs()
    /// Whether a wrong shape's per-dimension reading is said: not for a network's output, whose
    /// message the comparison composes itself.
    var readsShapes = true
    /// Whether a 4-d expected shape is a batch of images, [N, C, H, W], as far as the course says:
    /// not where the reference types the shape as a tuple whose first size is a name that is no
    /// batch (`(C_in, C_out, k, k)`, a weight's shape). Only then is a missing first dimension
    /// "the batch", and a difference at index 1 "the channels".
    var imageLayout = true
    /// What the reference and its right alternatives compute, as far as a sentence takes it for
    /// granted (`ReasonPremise`): a filter's response, a residual block, pooling, a layer.
    var premises: Set<ReasonPremise> = Set(ReasonPremise.allCases)
    /// Whether an expected tuple of whole numbers is a shape (`PreparedExercise.tupleIsShape`):
    /// not a position or another pair the reference computes with other calls.
    var tupleIsShape = true
    /// The setup tensor whose extreme's `(row, column)` the exercise asks for, if it asks one
    /// (`PreparedExercise.positionSource`).
    var position: PositionSource?
    /// Names a batch size goes by.
    static let batchNames: Set<String> = ["N", "B", "batch", "batch_size", "bs", "n_batch", "n_images"]
}
