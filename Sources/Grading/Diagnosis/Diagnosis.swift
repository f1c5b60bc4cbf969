import Wording

/// What the grader can say about a wrong tensor, shape or number when no named mistake matched:
/// the likeliest cause, and where the answer differs from the expected value.
public struct Diagnosis: Hashable, Sendable, Codable {
    /// The recognised cause.
    public enum Finding: String, Hashable, Sendable, CaseIterable, Codable {
        /// The shape is 2p smaller than expected in each spatial dimension: padding forgotten.
        case paddingForgotten = "padding-forgotten"
        /// The shape is p smaller: padding added on one side only.
        case paddingCountedOnce = "padding-counted-once"
        /// The shape is 2p larger: padding added where none belongs.
        case paddingAdded = "padding-added"
        /// The shape is f − 1 larger: the kernel's shrinking (n − f + 1) forgotten.
        case kernelShrinkForgotten = "kernel-shrink-forgotten"
        /// The shape is f − 1 smaller: the output shrank where it should keep its size.
        case shrankByKernel = "shrank-by-kernel"
        /// The last two dimensions are swapped.
        case transposedShape = "transposed-shape"
        /// The same values in another shape.
        case reshaped
        /// Missing or extra dimensions of size 1 (e.g. `[None, None]`).
        case sizeOneDimensions = "size-one-dimensions"
        /// The same sizes in reverse order (`.T` on more than two dimensions).
        case dimensionsReversed = "dimensions-reversed"
        /// The same sizes in another order (channels last, say).
        case dimensionsPermuted = "dimensions-permuted"
        /// One dimension of the expected shape is missing (the batch, say).
        case dimensionMissing = "dimension-missing"
        /// One dimension more than the expected shape.
        case dimensionExtra = "dimension-extra"
        /// Only the channel dimension of a batch of images differs.
        case channelsChanged = "channels-changed"
        /// A shape of one dimension holding as many values as the expected shape.
        case flattened
        /// Neighbouring dimensions of the expected shape multiplied into one (`(24, 5)` for
        /// [8, 3, 5]).
        case dimensionsMerged = "dimensions-merged"
        /// Dimensions the expected shape has as one given apart (`(3, 6, 5, 7)` for [18, 35]).
        case dimensionsSplit = "dimensions-split"
        /// One number given where a shape is asked.
        case numberForShape = "number-for-shape"
        /// Several numbers (a shape) given where one number is asked.
        case shapeForNumber = "shape-for-number"
        /// Some other shape.
        case wrongShape = "wrong-shape"
        /// Only the batch size differs (`ShapeReading`).
        case batchChanged = "batch-changed"
        /// Height and width half the expected ones: halved once too often.
        case halvedOnceMore = "halved-once-more"
        /// Height and width halved twice from the input's, where the calculation halves once.
        case halvedTwice = "halved-twice"
        /// Height and width halved where the calculation keeps the input's size.
        case halvedWhereKept = "halved-where-kept"
        /// Height and width doubled where the calculation keeps the input's size.
        case doubledWhereKept = "doubled-where-kept"
        /// Height and width doubled where the calculation halves the input's size.
        case doubledWhereHalved = "doubled-where-halved"
        /// Height and width the input's, where the calculation halves them.
        case halvingMissing = "halving-missing"
        /// Every size of the input halved, the batch and channels too (`ShapeReading`).
        case everySizeHalved = "every-size-halved"
        /// A size 1 kept where broadcasting stretches it.
        case sizeOneKept = "size-one-kept"
        /// Exactly one cell differs (`Diagnoser+Cells`).
        case oneCellDiffers = "one-cell-differs"
        /// The expected result with one row left out.
        case rowMissing = "row-missing"
        /// The expected result with one row more.
        case rowExtra = "row-extra"
        /// The expected result with one column left out.
        case columnMissing = "column-missing"
        /// The expected result with one column more.
        case columnExtra = "column-extra"
        /// The expected values inside, zeros around them: the result padded, not the input.
        case outputPadded = "output-padded"
        /// A tensor holding the one expected number at a single place.
        case expectedInside = "expected-inside"
        /// The kernel was rotated by 180°: convolution instead of cross-correlation.
        case kernelFlipped = "kernel-flipped"
        /// The output is rotated by 180°.
        case rotated
        /// Rows and columns are swapped.
        case transposed
        /// The values are shifted by one row.
        case shiftedRow = "shifted-row"
        /// The values are shifted by one column.
        case shiftedColumn = "shifted-column"
        /// The rows are in reverse order: the expected result upside down.
        case flippedRows = "flipped-rows"
        /// The columns are in reverse order: the expected result mirrored left to right.
        case flippedColumns = "flipped-columns"
        /// A patch of a setup tensor at another place than the expected patch of it.
        case otherWindow = "other-window"
        /// Every value has the opposite sign.
        case wrongSign = "wrong-sign"
        /// Every value is the expected one times the same factor.
        case wrongScale = "wrong-scale"
        /// Every value is off by the same amount.
        case constantOffset = "constant-offset"
        /// A number off by one.
        case offByOne = "off-by-one"
        /// A size in bytes divided into another unit than the calculation's (KiB for MiB, MB for
        /// MiB), or counted in bits (`PreparedExercise+MemoryUnits`).
        case memoryUnit = "memory-unit"
        /// The expected number squared, on other data too (`PreparedExercise+ValueRelations`).
        case valueSquared = "value-squared"
        /// The expected number's square root, on other data too.
        case valueRooted = "value-rooted"
        /// The expected number times a part of the calculation, on other data too.
        case timesPart = "times-part"
        /// The expected number divided by a part of the calculation, on other data too.
        case overPart = "over-part"
        /// The calculation's quantity divided by another number than the calculation's.
        case otherDivisor = "other-divisor"
        /// A number typed with the right digits and its decimal point (or exponent) moved.
        case decimalShifted = "decimal-shifted"
        /// A number typed as the expected value rounded more coarsely than the tolerance allows.
        case roundedLiteral = "rounded-literal"
        /// The answer's last step applied to a part that already is the expected value.
        case extraOperation = "extra-operation"
        /// A sum of n numbers written out and divided by another count.
        case meanCount = "mean-count"
        /// A sum over a k × k tensor divided by k rather than k².
        case dividedBySide = "divided-by-side"
        /// A sum whose terms multiplied give the expected number: factors added.
        case factorsAdded = "factors-added"
        /// A factor raised to a power, each factor the reciprocal of the right one.
        case factorReciprocal = "factor-reciprocal"
        /// A factor raised to a power, each factor 1 minus the right one.
        case factorComplement = "factor-complement"
        /// The reciprocal of the expected number.
        case reciprocal
        /// 1 minus the expected number.
        case complement
        /// The pieces of a right answer in the same order, grouped otherwise by brackets.
        case regrouped = "brackets-regrouped"
        /// A value times 100 where the factor 100 is typed: a percentage.
        case percentage
        /// A `//` that, as `/`, gives the expected value: rounded down where it should not be.
        case floorDivision = "floor-division"
        /// An `int(…)` or `math.floor(…)` without which the answer is the expected value.
        case truncated
        /// A power of ten typed, the expected value's nearest one: its order of magnitude.
        case orderOfMagnitude = "order-of-magnitude"
        /// A count in an exponent where the expected value grows by the same amount per step.
        case exponentForCount = "exponent-for-count"
        /// A part of the reference's formula: the calculation stopped before its end.
        case partialStep = "partial-step"
        /// Numbers alone where the expected value is measured on a layer of the setup.
        case numbersForMeasurement = "numbers-for-measurement"
        /// The mean of some of the values a mean of a tensor adds, not all.
        case meanOfSome = "mean-of-some"
        /// A position (`(row, column)` of a tensor's extreme) misread: its coordinates swapped,
        /// counted from 1, split by the wrong size, the value for its place (`Diagnoser+Positions`).
        case positionMisread = "position-misread"
        /// A module's learnable parameters counted where its `state_dict()` is (buffers left out).
        case parametersForState = "parameters-for-state"
        /// A module's `state_dict()` counted without its batch counters (`num_batches_tracked`).
        case counterForgotten = "counter-forgotten"
        /// Everything a module's `state_dict()` holds counted where its parameters are.
        case stateForParameters = "state-for-parameters"
        /// No recognised pattern: only which cells differ.
        case valuesDiffer = "values-differ"
    }

    /// One cell where the answer and the expected value differ.
    public struct Cell: Hashable, Sendable, Codable {
        /// The cell's index, one entry per dimension.
        public var index: [Int]
        /// The answer's value there.
        public var answer: Double
        /// The expected value there.
        public var expected: Double
    }

    /// The recognised cause.
    public var finding: Finding
    /// One or two sentences for the learner, unsaid: `message` says them in `language`, a
    /// `VerdictRenderer` in any language.
    public var phrase: Phrase
    /// The first differing cells (at most `cellLimit`), for same-shaped tensors.
    public var cells: [Cell]
    /// How many cells differ.
    public var differingCount: Int
    /// How many cells the result has.
    public var cellCount: Int
    /// Answer and expected side by side, with differing cells marked, for small 2-D results: the
    /// two planes, drawn in a language by `SideBySide`.
    public var planes: SideBySide.Planes?
    /// The language the grading ran in, which `message` and `fullText` say the phrase in.
    public var language: Language
    /// Whether the diagnosis names a cause, rather than only where or by how much the answer
    /// differs (a cell list, a ratio with no guess at its cause).
    public var isSpecific = true
    /// The numbers the finding is about: `answer`, `expected`, `size`, `ratio`, `offset`.
    public var numbers: [String: Double] = [:]

    /// How many differing cells a diagnosis lists.
    public static let cellLimit = 6

    /// The diagnosis as a verdict's finding.
    public var verdictFinding: Verdict.Finding {
        Verdict.Finding(.diagnosis, finding.rawValue, numbers: numbers, isSpecific: isSpecific)
    }

    /// The phrase in the grading language.
    public var message: String { language.say(phrase) }

    /// Answer and expected side by side in the grading language.
    public var sideBySide: String? { planes?.text(in: language) }

    /// The list of differing cells, when the diagnosis lists them (a pattern found for every cell
    /// needs no list); nil otherwise.
    var cellList: Phrase? {
        guard differingCount > 0, finding == .valuesDiffer || differingCount < cellCount else { return nil }
        return GradingText().differingCells(cells, more: differingCount > cells.count)
    }

    /// The message followed by the cell list and the side-by-side view, in the grading language.
    public var fullText: String {
        VerdictRenderer.diagnosisText(self, language: language)
    }
}

extension Diagnosis {
    /// Takes `other`'s differing cells and picture: a story told in place of a tensor's plain
    /// comparison keeps showing where the values differ.
    mutating func keepCells(of other: Diagnosis) {
        cells = other.cells
        differingCount = other.differingCount
        cellCount = other.cellCount
        planes = other.planes
    }
}
