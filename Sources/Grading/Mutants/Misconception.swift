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
    /// `(a + b) * c` → `a * c + b`: a factor multiplying only part of a sum (one bias in all
    /// rather than one per filter).
    case distributionForgotten = "distribution-forgotten"
    /// `(a - b) // c` → `a // c - b // c`: each part rounded down on its own.
    case floorTakenApart = "floor-taken-apart"
    /// `a ** -n` → `a ** n`: the sign of an exponent lost, the ratio turned upside down.
    case exponentSignDropped = "exponent-sign-dropped"

    // Writing a formula (`MutantGenerator+Formulas`, formulas only).
    /// `(f - 1) // 2` → `f - 1 // 2`: brackets left out, so precedence changes the formula. Told
    /// only of an answer written that way (`FormulaCatalogue`), never of one that merely has
    /// its value, and never after another change (whose own brackets it would undo).
    case bracketsDropped = "brackets-dropped"
    /// `n - f + 1` → `n - 2 * f + 1`: a term counted twice.
    case termCountedTwice = "term-counted-twice"
    /// `C * K * K` → `C * C * K * K`: a factor counted twice.
    case factorCountedTwice = "factor-counted-twice"
    /// `n - f + 1` → `n + (f - 1)`: a part added where it is subtracted.
    case groupAddedForSubtracted = "group-added-for-subtracted"
    /// `x // s + 1` → `(x + 1) // s`: the + 1 added before dividing.
    case plusOneBeforeDividing = "plus-one-before-dividing"
    /// Two of the setup's names swapped everywhere (`f` and `s`).
    case namesSwapped = "names-swapped"
    /// `a - f + 1` → `(a - f) // f + 1`, `(a - f) // s + 1` → `(a - f) // f + 1`: the window moved
    /// by its own size (windows that do not overlap), where it moves by the stride.
    case strideAsWindow = "stride-as-window"
    /// One of the formula's names written where another belongs, at one place
    /// (`(n + 2 * p - f) // p + 1`). Told only of an answer written so (`FormulaCatalogue`): a
    /// formula that merely equals it is as often another slip.
    case nameForName = "name-for-name"
    /// `torch.minimum(a, b)` → `torch.maximum(a, b)`, `min(a, b)` → `max(a, b)` and back: the
    /// larger of the values where the smaller belongs (a box's overlap edges).
    case extremumSwapped = "extremum-swapped"
    /// `L * x` → `(L - 1) * x`: a count of the setup one too low or too high (one layer fewer).
    case countOffByOne = "count-off-by-one"
    /// `x` → `x + 1`: a + 1 added to the whole formula.
    case plusOneAdded = "plus-one-added"
    /// `x` → `x - 1`: a − 1 added to the whole formula.
    case minusOneAdded = "minus-one-added"
    /// `a - b` → `a - b / 2`, `x` → `x // 2`: a term, or the whole formula, halved.
    case termHalved = "term-halved"
    /// `x` → `2 * x`: the whole formula doubled (a padding counted for both sides).
    case formulaDoubled = "formula-doubled"
    /// `a // b` → `math.ceil(a / b)`: rounded up where the formula rounds down.
    case ceilForFloor = "ceil-for-floor"
    /// `2 * p` → `p * p` or `p ** 2`: a quantity squared where it is doubled. Told only of an
    /// answer written so (`FormulaCatalogue.asWritten`).
    case squaredForDoubled = "squared-for-doubled"
    /// `f` → `f * f` or `f ** 2`: a quantity squared where it belongs once (a kernel's area for
    /// its width). Told only of an answer written so.
    case nameSquared = "name-squared"
    /// `(n + 2 * p - f) // s + 1` → `n // s`: the size divided by the stride, nothing else of
    /// the output size. Told only of an answer written so.
    case strideOnly = "stride-only"
    /// `x + 1` → `x + K`: one of the formula's names where its `+ 1` belongs (the first kernel
    /// counted whole on top of every layer's K − 1). Told only as written.
    case nameForOne = "name-for-one"

    // Reductions, kernels and slices.
    /// `.sum()` → `.mean()`.
    case meanForSum = "mean-for-sum"
    /// `.sum()` left out.
    case sumForgotten = "sum-forgotten"
    /// `.sum()` → `.sum(dim=…)`.
    case sumPartial = "sum-partial"
    /// `.mean()` → `.sum()`: the total where the average belongs.
    case sumForMean = "sum-for-mean"
    /// `.mean()` → `.max()`: max pooling where average pooling belongs.
    case maxForMean = "max-for-mean"
    /// `.mean()` → `.mean(dim=…)`.
    case meanPartial = "mean-partial"
    /// `a * b` → `a / b`: dividing where it should multiply (a stride that spreads, not shrinks).
    case divideForMultiply = "divide-for-multiply"
    /// A kernel rotated by 180° (convolution instead of cross-correlation).
    case kernelFlipped = "kernel-flipped"
    /// A kernel transposed: height and width swapped.
    case kernelTransposed = "kernel-transposed"
    /// A kernel mirrored left to right only (half of the 180° flip).
    case kernelMirrored = "kernel-mirrored"
    /// `conv2d(x, -w)`: every weight of the kernel with its sign flipped. Its value is the
    /// expected one negated; `check` needs it to see a named mistake that a negated kernel also
    /// fits (a kernel that turned by 180° is its own negative).
    case kernelNegated = "kernel-negated"
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
    /// `nn.Conv2d(…, bias=False)` → `nn.Conv2d(…)`: biases counted where the layer has none.
    case biasAdded = "bias-added"
    /// A 1 × 1 convolution's kernel taken as 3 × 3, the size most convolutions have.
    case kernelThree = "kernel-three"
    /// A stride of 2 given to a convolution that moves one pixel at a time.
    case strideAdded = "stride-added"
    /// A dilation (`D`, `dilation=`) taken as 1.
    case dilationForgotten = "dilation-forgotten"
    /// `dilation=d` → `stride=d`: the two spacings mixed up.
    case strideForDilation = "stride-for-dilation"
    /// `max_pool2d` ↔ `avg_pool2d` (also the `nn` layers).
    case poolKindSwapped = "pool-kind-swapped"
    /// A pooling layer given stride 1, where its stride defaults to its window size.
    case poolStrideOne = "pool-stride-one"
    /// `nn.Conv2d(a, b, …)` → `nn.Conv2d(b, a, …)`, `nn.Linear(a, b)` → `nn.Linear(b, a)`.
    case channelsSwapped = "channels-swapped"
    /// `groups=…` left out: a full convolution where a grouped (depthwise) one belongs.
    case groupsForgotten = "groups-forgotten"
    /// `layer(x)` → `x`: a layer's effect left out (`nn.MaxPool2d(2)(x).shape` → `x.shape`).
    case layerSkipped = "layer-skipped"
    /// `relu(f(x) + x)` → `relu(relu(f(x)) + x)`: an extra ReLU on the residual branch.
    case extraReluOnBranch = "extra-relu-on-branch"
    /// `relu(f(x) + x)` → `relu(f(x)) + relu(x)`: each branch activated instead of the sum.
    case reluOnBothBranches = "relu-on-both-branches"

    // What a tensor computation means (`MutantGenerator+Values`).
    /// A `stride`, `padding`, `dilation` or pooling window set to a neighbouring value.
    case settingChanged = "setting-changed"
    /// A padding given where the calculation has none.
    case paddingAdded = "padding-added"
    /// `conv2d(x, w)` → `conv2d(x.transpose(-2, -1), w)`: the image's height and width swapped.
    case inputTransposed = "input-transposed"
    /// `t.sum(dim=1)` → `t.sum()`: reduced over everything where one dimension is asked.
    case reducedEverything = "reduced-everything"
    /// The same calculation one row further (a window's rows or a row index moved by one).
    case rowMoved = "row-moved"
    /// The same calculation one column further.
    case columnMoved = "column-moved"
    /// `g[-1]` → `g[-2]`, `v[2]` → `v[3]`: the entry next to the one asked from a list or a
    /// vector (a layer's, an epoch's, a class's value), one index off.
    case indexMoved = "index-moved"
    /// `x[::2]` → `x[:H // 2]`: the first half kept where every second pixel is asked.
    case cropForSubsample = "crop-for-subsample"
    /// `f(f(f(x)))` → `f(f(x))`: one application fewer in a chain.
    case applicationDropped = "application-dropped"
    /// `tensor(0.)` → `tensor(1.)`: a function evaluated at another point.
    case otherPoint = "other-point"
    /// `f.backward(); x.grad` → `f`: the function's value where its gradient is asked.
    case valueForGradient = "value-for-gradient"
    /// `relu(f(x) + x)` → `relu(f(x + x))`: the skip added before the body.
    case skipInside = "skip-inside"
    /// `relu(f(x) + x)` → `relu(f(x) + 2 * x)`: the shortcut added twice.
    case skipDoubled = "skip-doubled"
    /// `(a + b).shape` → `a.shape + b.shape`: two shapes written one after the other.
    case shapesConcatenated = "shapes-concatenated"
    /// A kernel turned upside down (`flip([-2])`, the other half of the 180° flip).
    case kernelUpsideDown = "kernel-upside-down"

    // What a parameter count counts (`CountInventory`, `CountedLayer`): one layer taken otherwise.
    /// A layer's bias left out of the count.
    case countBiasForgotten = "count-bias-forgotten"
    /// A bias counted for a layer made without one.
    case countBiasAdded = "count-bias-added"
    /// One bias per input channel (feature) instead of one per output.
    case countBiasPerInput = "count-bias-per-input"
    /// A bias for every filter and input channel instead of one per filter.
    case countBiasPerPair = "count-bias-per-pair"
    /// A linear layer counted as `(in + 1) · (out + 1)`: a bias on the inputs too.
    case countBiasBothSides = "count-bias-both-sides"
    /// A 1 × 1 convolution counted as 3 × 3.
    case countKernelThree = "count-kernel-three"
    /// A k × k convolution counted as 1 × 1.
    case countKernelOne = "count-kernel-one"
    /// A batch norm's running mean and variance (buffers) counted as parameters.
    case countBuffers = "count-buffers"
    /// A batch norm's scale counted, its shift not.
    case countScaleOnly = "count-scale-only"
    /// A batch norm counted over the input channels of the convolution before it.
    case countNormInputChannels = "count-norm-input-channels"
    /// A layer counted twice.
    case countLayerTwice = "count-layer-twice"
    /// A layer left out of the count.
    case countLayerForgotten = "count-layer-forgotten"
    /// A layer counted on an identity shortcut, which has none.
    case countShortcutLayer = "count-shortcut-layer"
    /// A running mean and variance counted for a normalisation layer that keeps none (a GroupNorm,
    /// a LayerNorm).
    case countStatisticsImagined = "count-statistics-imagined"
    /// A scale and a shift counted for a normalisation layer made without them (`affine=False`).
    case countAffineCounted = "count-affine-counted"
    /// A GroupNorm's scale and shift counted per group, not per channel.
    case countNormPerGroup = "count-norm-per-group"
    /// A GroupNorm's scale and shift counted for one group's channels only.
    case countNormOneGroup = "count-norm-one-group"
    /// A GroupNorm's scale and shift counted once per group.
    case countNormTimesGroups = "count-norm-times-groups"
    /// A GroupNorm's channels in one group given for its parameters.
    case countGroupChannels = "count-group-channels"
    /// A LayerNorm's scale and shift counted per channel, not per normalised element.
    case countNormPerChannel = "count-norm-per-channel"
    /// A grouped convolution counted as an ordinary one: every filter over all the input channels.
    case countGroupsIgnored = "count-groups-ignored"
    /// The count without groups multiplied by the groups, where they divide it.
    case countGroupsMultiplied = "count-groups-multiplied"
    /// One group's filters counted, not every group's.
    case countOneGroup = "count-one-group"
    /// The groups written where each filter's channels (in / g) belong.
    case countGroupsForChannels = "count-groups-for-channels"
    /// One filter counted (its weights and bias), not every output channel's.
    case countOneFilter = "count-one-filter"
    /// One filter's weights counted, with every bias.
    case countOneFilterWeights = "count-one-filter-weights"
    /// A square kernel's side where its area belongs.
    case countKernelSide = "count-kernel-side"
    /// Each filter counted over one input channel (as a depthwise one), not all of them.
    case countOneInputChannel = "count-one-input-channel"
    /// One bias for the whole layer, not one per output.
    case countOneBias = "count-one-bias"
    /// A convolution's bias counted as one more input channel: `(in + 1) · out · k · k`.
    case countBiasAsInputChannel = "count-bias-as-input-channel"
    /// A convolution's biases counted as one more filter: `(out + 1) · in · k · k`.
    case countBiasAsFilter = "count-bias-as-filter"
    /// Two layers' counts multiplied where they add.
    case countLayersMultiplied = "count-layers-multiplied"
    /// A depthwise convolution and the 1 × 1 after it counted as one ordinary convolution.
    case countSeparableAsOrdinary = "count-separable-as-ordinary"
    /// A 1 × 1 convolution counted with another layer's kernel.
    case countKernelOfOther = "count-kernel-of-other"
    /// A layer counted from its outputs to its outputs (a 1 × 1 from D to D).
    case countOutputsForInputs = "count-outputs-for-inputs"
    /// A reduced size (`C // r`) written without its reduction (`C`).
    case countReductionForgotten = "count-reduction-forgotten"
    /// The reduction (`r`) written where the reduced size (`C // r`) belongs.
    case countReductionAsWidth = "count-reduction-as-width"
    /// A layer's multiply-adds counted once, not at every position of the map.
    case countOncePerMap = "count-once-per-map"
    /// A layer's parameters (its biases with them) given for its multiply-adds.
    case countParametersForOperations = "count-parameters-for-operations"
    // A layer's weight shape taken otherwise (`PreparedExercise+WeightShapes`).
    /// A grouped convolution's weight with the filters divided by the groups, not each filter's channels.
    case weightOutputsDivided = "weight-outputs-divided"
    /// A grouped convolution's weight with a dimension per group.
    case weightGroupDimension = "weight-group-dimension"
    /// A grouped convolution's weight with the groups where each filter's channels belong.
    case weightGroupsForChannels = "weight-groups-for-channels"
    /// A convolution's weight in a transposed convolution's order (inputs first).
    case weightTransposedOrder = "weight-transposed-order"
    /// A transposed convolution's weight in a convolution's order (outputs first).
    case weightConvolutionOrder = "weight-convolution-order"
    /// A convolution's weight with its kernel flattened into one dimension.
    case weightKernelFlattened = "weight-kernel-flattened"
    /// A convolution's weight without its kernel's dimensions (a linear layer's shape).
    case weightKernelDropped = "weight-kernel-dropped"
    /// A convolution's weight without its input channels' dimension.
    case weightInputsDropped = "weight-inputs-dropped"
    // What a call or operator does, swapped (`MutantGenerator+Swaps`): told only when the answer
    // writes the swapped-in operation. The piece is the two operations, `was now`.
    /// `.sum()` → `.max()`, `.min()`, `.prod()`, `.abs().sum()`, `.norm()`; `.mean()` → `.min()` …
    case reductionSwapped = "reduction-swapped"
    /// `relu` → `sigmoid`, `tanh`, and back.
    case activationSwapped = "activation-swapped"
    /// `x[:, :, ::2, ::2]` → `avg_pool2d(x, 2)` or `max_pool2d(x, 2)`, and back.
    case poolingSwapped = "pooling-swapped"
    /// `a * b` → `a - b`, `a + b` → `a * b` on tensors.
    case operatorSwapped = "operator-swapped"
    /// `(a * b).sum()` → `a.sum() * b.sum()`.
    case productOfSums = "product-of-sums"
    /// `x.clamp(min=a, max=b)` → `x.clamp(min=a)` or `x.clamp(max=b)`; the piece is the bound
    /// left out.
    case clampBoundDropped = "clamp-bound-dropped"
    /// `x.clamp(min=0, max=b)` → `x.clamp(min=-b, max=b)`; the piece is the two lower bounds.
    case clampBoundChanged = "clamp-bound-changed"
    /// `F.pad(x, …, mode='reflect')` → `x.flip(dims)` over the padded dimensions: the image
    /// turned around where a reflected border belongs; the piece is `reflect-pad flip`.
    case padSwapped = "pad-swapped"
    /// `m(…)[0, 0, i, j]`, one position of a map a call computes → `m(…).sum()`: every position
    /// added up where one is asked; the piece is the map's call.
    case wholeMapSummed = "whole-map-summed"
    /// `(a * b).sum()` → its first product alone.
    case oneProduct = "one-product"
    /// `(a * b).sum()` → the products of its first row alone, summed.
    case oneRowSummed = "one-row-summed"
    /// `(a * b).sum()` → the products of its first column alone, summed.
    case oneColumnSummed = "one-column-summed"
    // What a count of elements is mistaken for (`MutantGenerator+Counts`).
    /// `x.numel()` → `len(x)`: the size of the first dimension for the number of elements.
    case elementsFirstDimension = "elements-first-dimension"
    /// `x.numel()` → `x.dim()`: the number of dimensions for the number of elements.
    case elementsDimensions = "elements-dimensions"
    /// `x.numel()` → `sum(x.shape)`: the sizes added instead of multiplied.
    case elementsSizesAdded = "elements-sizes-added"
    /// `x.numel()` → `x.numel() - 1`: the last index for the number of elements.
    case elementsLastIndex = "elements-last-index"
    // Which dimension, and how much (`MutantGenerator+Layout`).
    /// `F.pad(t, (0, 0, 0, 0, 1, 1))` → `F.pad(t, (0, 0, 1, 1, 0, 0))`: the padded pair put on
    /// another dimension (the pairs run from the last dimension backwards).
    case padDimensionMoved = "pad-dimension-moved"
    /// `F.pad(t, (1, 1, 1, 1))` → `F.pad(t, (2, 2, 2, 2))`: another amount on each side.
    case padAmountChanged = "pad-amount-changed"
    /// `img[0:3, 0:3]` → `img[:, 0:3]`: one dimension taken whole where a part is asked.
    case sliceWhole = "slice-whole"

    // What a tensor calculation means (`MeaningGenerator`): each change says itself in full
    // (`Mutant.Change.told`), with the dimensions, axes and names it is about.
    /// A statistic taken over other dimensions (per example, per channel, across channels…).
    case reducedOverOtherDimensions = "reduced-over-other-dimensions"
    /// A batch's statistics taken from its first example only.
    case firstItemOnly = "first-item-only"
    /// Divided by the variance where its square root (the standard deviation) belongs.
    case varianceForDeviation = "variance-for-deviation"
    /// The variance divided by n − 1 where it is divided by n, or the other way round.
    case varianceCorrection = "variance-correction"
    /// Divided by the range (max − min) where the standard deviation belongs.
    case rangeForDeviation = "range-for-deviation"
    /// A mean taken as the sum over one value fewer (n − 1).
    case meanOverOneFewer = "mean-over-one-fewer"
    /// A 1-d parameter broadcast along another axis.
    case parameterOnOtherAxis = "parameter-on-other-axis"
    /// Two tensors of one shape (a scale and a shift) each where the other belongs.
    case parametersSwapped = "parameters-swapped"
    /// `g * x + b` → `(x + b) * g`: the shift before the scale.
    case shiftBeforeScale = "shift-before-scale"
    /// `g * x + b` → `(x - b) / g`: the transform undone.
    case transformUndone = "transform-undone"
    /// `(1 - m) * old + m * new` → `m * old + (1 - m) * new`.
    case weightsSwapped = "weights-swapped"
    /// `(1 - m) * old + m * new` → `(old + new) / 2`.
    case unweightedAverage = "unweighted-average"
    /// `(1 - m) * old + m * new` → `new`.
    case oldValueReplaced = "old-value-replaced"
    /// `(1 - m) * old + m * new` → `old + m * new`.
    case oldWeightDropped = "old-weight-dropped"
    /// `(1 - m) * old + m * new` → `(1 - m) * old + new`.
    case newWeightDropped = "new-weight-dropped"
    /// `[0, 0, 1, 1]` → `[0, 1, 0, 1]`: an index list tiled where each index repeats in place.
    case indicesTiled = "indices-tiled"
    /// An upsampling that repeats one axis only.
    case oneAxisRepeated = "one-axis-repeated"
    /// `softmax(x, dim=1)` → `softmax(x, dim=0)`: an operation along one dimension taken along
    /// another.
    case takenAlongOtherDimension = "taken-along-other-dimension"
    /// `x.mean(dim=…, keepdim=True)` → without `keepdim`: the statistics then line up with the
    /// last axis.
    case keepdimDropped = "keepdim-dropped"
    /// A group normalisation's statistics taken across the groups at each place
    /// (`MeaningGenerator+GroupStatistics`).
    case statisticsAcrossGroups = "statistics-across-groups"
    /// A normalisation's mean subtracted, but nothing divided.
    case centredOnly = "centred-only"
    /// A table's entry over the whole table's total where its column's or row's belongs
    /// (`MeaningGenerator+Tables`).
    case shareOfAll = "share-of-all"
    /// The whole diagonal over the whole table (the accuracy) where one entry over its line belongs.
    case diagonalShare = "diagonal-share"
    /// `img[:, a:b, c:d]` → `img[a:b, c:d]`: the slices moved to the dimensions in front.
    case slicedOtherDimensions = "sliced-other-dimensions"
    /// `x[:, a:b, c:d]` → `x[:, a:b][:, c:d]`: the second slice cuts the first one's dimension again.
    case chainedSlice = "chained-slice"
    /// `x[:, top:top + n]` → `x[:, :n]`: a crop started at 0.
    case sliceFromOrigin = "slice-from-origin"
    /// `x[..., :-1]` → `x[..., 1:]` and back: the other end of a dimension dropped.
    case otherEndDropped = "other-end-dropped"
    /// `F.unfold`'s `[N, C · K · K, L]` laid out otherwise (channels apart, one channel, windows).
    case unfoldLayout = "unfold-layout"
    /// `F.unfold`'s positions L counted otherwise (every pixel, a square input, the + 1 forgotten).
    case unfoldPositions = "unfold-positions"
    /// `(a * b).sum()` → without one product, row, column or channel of it.
    case partLeftOut = "part-left-out"
    /// `F.group_norm(x, G)` → `F.group_norm(x, C)`: each channel normalised by itself.
    case normPerChannel = "norm-per-channel"
    /// `F.group_norm(x, G)` → `F.group_norm(x, 1)`: all of an image's channels normalised together.
    case normAllChannels = "norm-all-channels"
    /// `F.group_norm(x, G)` → `F.batch_norm(x, …)`: each channel normalised over the whole batch.
    case normOverBatch = "norm-over-batch"
    /// `x.reshape(N, G, -1)` → `x.reshape(N, C // G, -1)`: G taken as the channels in a group.
    case groupSizeForGroups = "group-size-for-groups"
    /// `img[0:3, 0:3]` → `img.flatten()[0:9].reshape(3, 3)`: a window as pixels in reading order.
    case readingOrder = "reading-order"
    /// `F.pad(x, (1, 0))[..., :-1]` → `F.pad(x, (0, 1))[..., 1:]`: a shift the other way.
    case shiftReversed = "shift-reversed"
    /// `F.pad(x, (1, 0))[..., :-1]` → `F.pad(x, (0, 0, 1, 0))[..., :-1, :]`: a shift along another
    /// dimension.
    case shiftMoved = "shift-moved"

    // What a position on a curve and a count of positions mean (`MeaningGenerator+Curves`).
    /// `val.argmin()` → `len(val) - 1`: the last position where the best one's is asked.
    case lastPosition = "last-position"
    /// `val.argmin()` → `val.sort().indices[1]`: the second best's position.
    case secondRanked = "second-ranked"
    /// `(cond).sum()` → `(cond).numel()`: every value counted.
    case everyValueCounted = "every-value-counted"
    /// `(cond).sum()` → `(~(cond)).sum()`: the values where the condition fails counted.
    case complementCounted = "complement-counted"

    // An early-stopping question read otherwise (`PreparedExercise+CurveQuestion`).
    /// Training stopped after more than `patience` epochs in a row without a new best.
    case patienceExceeded = "patience-exceeded"
    /// … after one epoch fewer than `patience`.
    case patienceShort = "patience-short"
    /// The epochs without a new best counted in all, never starting again at a new best.
    case badCountNotReset = "bad-count-not-reset"
    /// One epoch after the stop.
    case stopOneLate = "stop-one-late"
    /// `patience` counted from the best epoch of the whole curve.
    case patienceFromOverallBest = "patience-from-overall-best"
    /// The kept epoch (the best up to the stop) where the stop is asked.
    case keptForStop = "kept-for-stop"
    /// The last epoch, as if training never stopped.
    case neverStopped = "never-stopped"
    /// The stop where the kept epoch is asked.
    case stopForKept = "stop-for-kept"
    /// The best epoch of the whole curve where the kept one (before the stop) is asked.
    case bestForKept = "best-for-kept"

    // A flip read otherwise (`MeaningGenerator+Flips`).
    /// `x.flip(d)` → `-x`: the values negated where their order is reversed.
    case negatedForFlipped = "negated-for-flipped"
    /// `x.flip(d)` → `x.roll(k, dims=d)`: the values rolled round where their order is reversed.
    case rolledForFlipped = "rolled-for-flipped"
    /// `x.permute(2, 0, 1)` → `x.reshape(3, 2, 3)`: the values cut anew in memory order where
    /// whole dimensions are moved (`MeaningGenerator+Moves`).
    case reshapeForMove = "reshape-for-move"
    /// `(x + d).clamp(0, 1)` → `x.clamp(0, 1) + d`: one of the calculation's operations applied
    /// to another part of it, one step lower or higher (`OperationMover`).
    case operationMoved = "operation-moved"
    /// `x[[2, 1, 0]]` → `x[[2, 0, 1]]`: an index list in another order (`MeaningGenerator+Moves`).
    case indexOrderChanged = "index-order-changed"
    /// `a @ b` → `b.T @ a.T`: the product taken the other way round, its transpose
    /// (`MeaningGenerator+Products`).
    case productReversed = "product-reversed"
    /// `F.adaptive_avg_pool2d(x, 1)` → `F.avg_pool2d(x, 2)`: a small window's average where the
    /// whole map is averaged.
    case localForGlobalPooling = "local-for-global-pooling"
    /// `x @ W.T` → `x @ W`: a square weight's transpose left out.
    case transposeDropped = "transpose-dropped"

    // What a probability means (`MeaningGenerator+Probabilities`, `+Softmax`, `+Classes`).
    /// `1 - p` → `p`, or a factor `p` → `1 - p`: the probability of the opposite outcome.
    case probabilityComplement = "probability-complement"
    /// `1 - p` → `(1 - p) * (1 - p)`: the factor applied twice.
    case probabilityTwice = "probability-twice"
    /// `1 - p` → `(1 - p) * 100`: a probability written as a percentage inside the calculation.
    case probabilityAsPercentage = "probability-as-percentage"
    /// The whole answer `100 * (1 - p)` (or `100 * p`): the probability as a percentage.
    case probabilityPercentage = "probability-percentage"
    /// The whole answer `(1 - p) / p` or `p / (1 - p)`: odds.
    case probabilityOdds = "probability-odds"
    /// `a * (1 - p)` → `a / (1 - p)` and back.
    case probabilityDivided = "probability-divided"
    /// `h * keep` → `h * (1 - keep)`: a 0/1 mask read the other way round.
    case keepMaskInverted = "keep-mask-inverted"
    /// A dropout layer in evaluation mode given a training-time or test-time scale.
    case trainScaleAtEvaluation = "train-scale-at-eval"
    /// `softmax` → `log_softmax`.
    case logForProbability = "log-for-probability"
    /// `log_softmax` → `softmax`.
    case probabilityForLog = "probability-for-log"
    /// `softmax(x)` → `sigmoid(x)`.
    case sigmoidForSoftmax = "sigmoid-for-softmax"
    /// `exp(x) / exp(x).sum()` → `exp(x) / exp(x.sum())`; `logsumexp(x)` → `x.sum()`.
    case expOfSum = "exp-of-sum"
    /// A class index replaced by another class.
    case otherClass = "other-class"
    /// `cross_entropy` → `nll_loss` on the scores; `log_softmax(x)` → `x`.
    case nllOnScores = "nll-on-scores"
    /// `logsumexp(x)` → `x.amax()`.
    case maxForLogsumexp = "max-for-logsumexp"
    /// `p - y` → `p * (1 - p)`.
    case slopeForGradient = "slope-for-gradient"
    /// A value per class → the target class's entry only.
    case targetEntryOnly = "target-entry-only"
    /// A probability → `-log(p)`, the loss of it.
    case lossForProbability = "loss-for-probability"
    /// A one-hot row → 1 for every class.
    case oneHotEverywhere = "one-hot-everywhere"
    /// A loss → `exp(-loss)`, the probability it is the negative logarithm of.
    case probabilityForLoss = "probability-for-loss"
    // What a variance or a fan means (`MeaningGenerator+Variance`): each change says itself in
    // full too, with the parts' values.
    /// `math.sqrt(v)` → `v`: the variance where its square root, the standard deviation, belongs.
    case varianceForStd = "variance-for-std"
    /// `v` → `math.sqrt(v)`: the standard deviation where the variance belongs.
    case stdForVariance = "std-for-variance"
    /// `math.sqrt(v)` → `v ** 2`: a variance squared where its square root belongs.
    case squaredForRoot = "squared-for-root"
    /// `math.sqrt(c / n)` → `c / math.sqrt(n)`: the root of the denominator only.
    case rootOfDenominatorOnly = "root-of-denominator-only"
    /// `math.sqrt(c / n)` → `math.sqrt(c) / n`: the root of the numerator only.
    case rootOfNumeratorOnly = "root-of-numerator-only"
    /// `C_in * K * K` → `C_in * K * K * C_out`: every weight of the layer counted as the fan-in.
    case allWeightsForFan = "all-weights-for-fan"
    /// `C_in * K * K` → `C_out * K * K`: the fan-out where the fan-in belongs.
    case fanOutForFanIn = "fan-out-for-fan-in"
    /// The fan-in → the fan-in plus the fan-out.
    case fansAdded = "fans-added"
    /// The fan-in, or the average of both fans → the fan-in times the fan-out.
    case fansMultiplied = "fans-multiplied"
    /// `2 / (a + b)` → `1 / (a + b)`: the sum of the fans where their average belongs.
    case sumForAverage = "sum-for-average"
    /// `2 / (a + b)` → `2 / a` or `1 / a`: one fan where the average of both belongs.
    case oneFanOnly = "one-fan-only"
    /// `2 / n` → `6 / n`: the square of a uniform initialisation's bound for the variance.
    case uniformBoundForVariance = "uniform-bound-for-variance"
    /// `6 / n` → `2 / n`: the variance for the square of a uniform initialisation's bound.
    case varianceForUniformBound = "variance-for-uniform-bound"
    /// `2 / n` → `1 / n`: LeCun's variance for He's, without the factor 2 for the ReLU.
    case reluGainDropped = "relu-gain-dropped"
    /// `n * s ** 2 * v` → `n * (s ** 2 + v)`: variances added where they multiply.
    case variancesAdded = "variances-added"
    // What an optimiser's step or a schedule means (`MeaningGenerator+Steps`): each change
    // says itself in full too.
    /// A tensor of the step written once where another of its shape belongs (`v - eta * …` for
    /// `theta - eta * …`: the velocity stepped instead of the parameters).
    case tensorForTensor = "tensor-for-tensor"
    /// Two tensors of the step's arithmetic of one shape exchanged (`mu * g + v` for `mu * v + g`:
    /// mu on the gradient instead of the velocity).
    case tensorsSwapped = "tensors-swapped"
    /// `m * a + b` → `m * a + (1 - m) * b`: a term added whole weighted by the complement of the
    /// factor beside it, as a moving average (dampening) weighs it.
    case complementWeighted = "complement-weighted"
    /// `m * a + b` → `m * a + m * b`: the factor multiplying the other term too.
    case factorOnBoth = "factor-on-both"
    /// `x - eta * (g + c * x)` → `… c * x ** 2 …`: the decay term in the penalty's form.
    case decaySquared = "decay-squared"
    /// `c * x` → `c / 2 * x`: the decay term halved (the penalty's 1/2 kept).
    case decayHalved = "decay-halved"
    /// `c * x` → `2 * c * x`: the decay term doubled.
    case decayDoubled = "decay-doubled"
    /// `a // k` → `a % k`: the remainder where a count of whole steps belongs.
    case remainderForFloor = "remainder-for-floor"
    /// `a // k` → `math.ceil(a / k)`: a count of whole steps rounded up.
    case countRoundedUp = "count-rounded-up"
    /// `g ** (a // k)` → `g ** a`: a decay applied at every one of what is counted, where it
    /// comes once every `k`.
    case decayEveryStep = "decay-every-step"
    /// `b * g ** n` → `b / g ** n`: divided by the decay where it multiplies.
    case powerDivided = "power-divided"
    /// `b * g ** n` → `b - g * n` or `b - b * g * n`: subtracted once per step where it multiplies.
    case powerSubtracted = "power-subtracted"

    // What a size formula is (`MutantGenerator+SizeFormulas`): told of a transposed convolution's
    // or an upsampling's size, whose own formula the reference writes (`SizeFormula`).
    /// `(n - 1) * s - 2 * p + k` → `(n + 2 * p - k) // s + 1`: an ordinary convolution's size
    /// where a transposed convolution's belongs (in every stage of a decoder).
    case convolutionForTransposed = "convolution-for-transposed"
    /// `- 2 * p` → `+ 2 * p` in every stage of a decoder's size: the padding added where it trims.
    /// (In one stage it is `plusForMinus`, told with a transposed convolution's reason.)
    case transposedPaddingAdded = "transposed-padding-added"
    /// The last stage of a decoder left out: `((n - 1) * s - 2 * p + k - 1) * s - 2 * p + k` →
    /// `(n - 1) * s - 2 * p + k`, `n * r * r` → `n * r` (one upsampling where two belong).
    case stageLeftOut = "stage-left-out"
    /// `(n - 1) * s - 2 * p + k` → `n * s`: the size multiplied by the stride, nothing else of a
    /// transposed convolution's size (`n * s * s` for two stages). Told only of an answer written so.
    case scaledOnly = "scaled-only"
    /// A decoder's stages taken as one whose stride is their strides' product:
    /// `(n - 1) * s * s - 2 * p + k`, the kernel and padding counted once for all.
    case stagesMerged = "stages-merged"
    /// `(a - b) // c` → `a // c - b`: a term taken out of the division (the kernel subtracted
    /// after the stride divides the padded size).
    case termOutsideDivision = "term-outside-division"

    // A formula over real-valued names and calls slipped (`MeaningGenerator+Reals`): each change
    // says itself in full, and is told only where the answer keeps agreeing with the mutant on the
    // setup's numbers changed (`PreparedExercise+RealSlips`).
    /// `(a - b) / c` → `a / c - b`, and `a / c - b` → `(a - b) / c`: the division and the term in
    /// the other order.
    case divisionReordered = "division-reordered"
    /// `a / s` → `a / s ** 2`: the divisor squared (a variance where the deviation belongs).
    case divisorSquared = "divisor-squared"
    /// `a / s` → `a / sqrt(s)`: the divisor's square root where the divisor belongs.
    case divisorRooted = "divisor-rooted"
    /// `sqrt(e)` → `e`: a square root left out.
    case rootLeftOut = "root-left-out"
    /// `a / b` → `1 / b`: the numerator left out.
    case numeratorLeftOut = "numerator-left-out"
    /// `w` ↔ `1 - w` everywhere: the two shares of a mix each where the other belongs.
    case sharesSwapped = "shares-swapped"
    /// `a / n` → `a / (n - 1)`, `/ 255` → `/ 256`: a divisor one off.
    case divisorOneOff = "divisor-one-off"
    /// `softmax(x)` → `x / x.sum()`, `exp(e)` → `e`: the exponential left out.
    case exponentialLeftOut = "exponential-left-out"
    /// `f(x / T)` → `f(x) / T`: a scale applied to what a call gives instead of to its input.
    case scaleAfterCall = "scale-after-call"
    /// `softmax(x / T)` → `softmax(x) ** (1 / T)`: the probabilities raised to a power, not
    /// normalised again.
    case powerForTemperature = "power-for-temperature"
    /// `round(x * c)` → `round(x) * c`: rounded before scaling.
    case roundedBeforeScaling = "rounded-before-scaling"
    /// `round(e)` → `trunc(e)`: the fraction dropped where the nearest whole number belongs.
    case truncatedForRounded = "truncated-for-rounded"
    /// `log_softmax(x)` → `log(x)`: the logarithm of the raw scores, softmax left out.
    case logWithoutSoftmax = "log-without-softmax"

    /// How a misconception is told and weighed: the one table every other list derives from
    /// (the catalog keys `MisconceptionKey`, the reasons, the generic changes).
    struct Traits {
        /// Whether the change only says which part of the formula is missing or changed, not why
        /// a learner would make it: when such a mutant and a telling one give the same value, the
        /// telling one explains the answer (`(n - f) // s + 1` is the padding forgotten, not
        /// merely the term `2 * p` left out).
        var generic = false
        /// Whether the sentence quotes the changed part (`{$piece}`) and so has a version without
        /// it for parts too long to quote (`<id>.unquoted`).
        var unquoted = false
        /// Where the reason (`<id>.why`) holds: nowhere (none), in any exercise, or only where the
        /// number is a spatial size (the output-size formula's `+ 1`, the padding's 2p).
        var reason = Reason.none
        /// The built-in diagnosis that tells the same story, if any: when it was found too, its
        /// message (which quotes the shapes and sizes) is kept.
        var finding: Diagnosis.Finding?
        /// What the change tells the meaning of (`MeaningGenerator`), if it is about what a
        /// tensor calculation means rather than how it is written.
        var meaning: Meaning?
        /// Whether its reason has a transposed convolution's version (`<id>.why.transposed`),
        /// said in its place where the size is a transposed convolution's: the padding trims,
        /// the patches start s apart (`GradingText.reason`).
        var transposedReason = false
    }

    enum Reason { case none, always, sizes }

    /// What a meaning change is about (`Traits.meaning`).
    enum Meaning {
        /// What a tensor calculation computes (a reduction's dimensions, a statistic, a part).
        case calculation
        /// Where the calculation looks (a slice, a window, a shift): a value it gives is told
        /// once (`toldOncePerValue`).
        case place
        /// What a probability means (`MeaningGenerator+Probabilities`, `+Softmax`, `+Classes`).
        case probability
        /// What a variance or a fan means (`MeaningGenerator+Variance`).
        case variance
        /// What an optimiser's step or a schedule means (`MeaningGenerator+Steps`).
        case step
        /// A formula over real-valued names and calls slipped (`MeaningGenerator+Reals`): told
        /// only where the answer keeps agreeing with it on other numbers (`isRealSlip`).
        case reals
    }

    var traits: Traits {
        switch self {
        case .plusOneDropped: Traits(reason: .sizes)
        case .minusOneDropped: Traits(transposedReason: true)
        // A term left out that is an output padding, and a plus for a padding's minus, have a
        // transposed convolution's reason (`GradingText.reason`).
        case .termDropped: Traits(generic: true, unquoted: true, transposedReason: true)
        case .plusForMinus: Traits(generic: true, transposedReason: true)
        case .minusForPlus, .operandsSwapped, .sumForProduct, .multiplyForDivide, .subtractForDivide:
            Traits(generic: true)
        case .factorDropped: Traits(generic: true, unquoted: true)
        case .paddingOneSide: Traits(reason: .always, finding: .paddingCountedOnce, transposedReason: true)
        case .paddingForgotten: Traits(reason: .sizes, finding: .paddingForgotten, transposedReason: true)
        case .strideForgotten: Traits(reason: .sizes, transposedReason: true)
        case .floorForgotten: Traits(reason: .always)
        case .divisorDropped, .numeratorDropped: Traits(generic: true, unquoted: true)
        case .productForPower: Traits(reason: .always)
        case .exponentOffByOne: Traits()
        case .matmulForMultiply: Traits(reason: .always)
        case .literalOffByOne: Traits(generic: true)
        case .distributionForgotten: Traits(unquoted: true)
        case .floorTakenApart: Traits(unquoted: true, reason: .always)
        case .exponentSignDropped: Traits(reason: .always)
        case .bracketsDropped: Traits(reason: .always)
        case .termCountedTwice, .factorCountedTwice, .groupAddedForSubtracted, .namesSwapped: Traits()
        case .plusOneBeforeDividing: Traits(reason: .sizes)
        case .strideAsWindow: Traits(reason: .always)
        case .nameForName, .countOffByOne, .extremumSwapped: Traits()
        case .plusOneAdded, .minusOneAdded: Traits(transposedReason: true)
        case .termHalved, .formulaDoubled: Traits(unquoted: true)
        case .ceilForFloor: Traits(reason: .sizes)
        case .squaredForDoubled: Traits(reason: .always)
        case .nameSquared: Traits()
        case .strideOnly, .nameForOne: Traits()
        case .meanForSum: Traits(reason: .always, finding: .wrongScale)
        case .sumForMean: Traits(reason: .always)
        case .maxForMean, .meanPartial: Traits()
        case .divideForMultiply: Traits(generic: true)
        case .dilationForgotten: Traits(reason: .always)
        case .strideForDilation: Traits(reason: .always)
        case .poolKindSwapped: Traits()
        case .poolStrideOne: Traits(reason: .always)
        case .channelsSwapped: Traits(reason: .always)
        case .groupsForgotten: Traits(reason: .always)
        case .layerSkipped: Traits(unquoted: true)
        case .sumForgotten, .sumPartial: Traits()
        case .kernelFlipped: Traits(reason: .always, finding: .kernelFlipped)
        case .kernelTransposed: Traits()
        case .kernelMirrored: Traits(reason: .always)
        case .kernelNegated: Traits(reason: .always, finding: .wrongSign)
        case .sliceEndInclusive, .sliceEndPlusOne, .sliceOneBased, .rowsColumnsSwapped:
            Traits(reason: .always)
        case .subsampleForgotten: Traits()
        case .oneChannel, .channelDropped: Traits(reason: .always)
        case .finalReluMissing, .reluBeforeAdd, .skipMissing, .multiplyForAdd, .catForAdd,
            .activationOnShortcut:
            Traits(reason: .always)
        case .preActivation: Traits()
        case .biasForgotten, .inChannelsOne, .outChannelsOne, .kernelOne: Traits(reason: .always)
        case .paddingDropped: Traits(unquoted: true, finding: .paddingForgotten)
        case .paddingOneDimension: Traits()
        case .biasAdded, .kernelThree, .strideAdded, .extraReluOnBranch, .reluOnBothBranches:
            Traits(reason: .always)
        case .settingChanged, .reducedEverything, .applicationDropped, .otherPoint: Traits()
        case .paddingAdded: Traits(reason: .always, finding: .paddingAdded, transposedReason: true)
        case .inputTransposed, .valueForGradient: Traits(unquoted: true, reason: .always)
        case .rowMoved, .columnMoved, .indexMoved, .cropForSubsample, .skipInside, .skipDoubled,
            .shapesConcatenated, .kernelUpsideDown:
            Traits(reason: .always)
        case .countBiasForgotten, .countBiasAdded, .countBiasPerInput, .countBiasPerPair, .countBiasBothSides,
            .countKernelThree, .countKernelOne, .countBuffers, .countScaleOnly, .countNormInputChannels,
            .countShortcutLayer, .countStatisticsImagined, .countAffineCounted, .countNormPerGroup,
            .countNormOneGroup, .countNormTimesGroups, .countNormPerChannel, .countGroupChannels:
            Traits(reason: .always)
        case .weightOutputsDivided, .weightGroupDimension, .weightGroupsForChannels, .weightTransposedOrder,
            .weightConvolutionOrder, .weightKernelFlattened, .weightKernelDropped, .weightInputsDropped:
            Traits(reason: .always)
        case .countGroupsIgnored, .countGroupsMultiplied, .countOneGroup, .countGroupsForChannels,
            .countOneFilter, .countOneFilterWeights, .countKernelSide, .countOneInputChannel, .countOneBias,
            .countBiasAsInputChannel, .countBiasAsFilter, .countLayersMultiplied, .countSeparableAsOrdinary,
            .countKernelOfOther, .countOutputsForInputs, .countReductionForgotten, .countReductionAsWidth,
            .countOncePerMap, .countParametersForOperations:
            Traits(reason: .always)
        case .countLayerTwice, .countLayerForgotten: Traits()
        // Their reason is what each of the two operations does (`OperationKey`).
        case .reductionSwapped, .activationSwapped, .poolingSwapped, .operatorSwapped: Traits()
        case .productOfSums, .clampBoundDropped: Traits(reason: .always)
        case .clampBoundChanged, .padSwapped: Traits()
        case .wholeMapSummed: Traits(unquoted: true, reason: .always)
        case .oneProduct, .oneRowSummed, .oneColumnSummed: Traits(reason: .always)
        case .elementsFirstDimension, .elementsDimensions, .elementsSizesAdded, .elementsLastIndex:
            Traits(reason: .always)
        case .padDimensionMoved, .padAmountChanged: Traits(unquoted: true, reason: .always)
        case .sliceWhole: Traits(reason: .always)
        case .parameterOnOtherAxis, .varianceCorrection, .indicesTiled, .keepdimDropped:
            Traits(reason: .always, meaning: .calculation)
        case .statisticsAcrossGroups, .centredOnly, .shareOfAll, .diagonalShare: Traits(meaning: .calculation)
        case .reducedOverOtherDimensions, .firstItemOnly, .varianceForDeviation, .rangeForDeviation,
            .meanOverOneFewer, .parametersSwapped, .shiftBeforeScale, .transformUndone, .weightsSwapped,
            .unweightedAverage, .oldValueReplaced, .oldWeightDropped, .newWeightDropped, .oneAxisRepeated,
            .takenAlongOtherDimension, .partLeftOut, .normPerChannel, .normAllChannels, .normOverBatch,
            .groupSizeForGroups:
            Traits(meaning: .calculation)
        case .probabilityComplement, .probabilityTwice, .probabilityAsPercentage, .probabilityPercentage,
            .probabilityOdds, .probabilityDivided, .keepMaskInverted, .trainScaleAtEvaluation,
            .logForProbability,
            .probabilityForLog, .sigmoidForSoftmax, .expOfSum, .otherClass, .nllOnScores, .maxForLogsumexp,
            .slopeForGradient, .targetEntryOnly, .probabilityForLoss, .oneHotEverywhere, .lossForProbability:
            Traits(meaning: .probability)
        case .varianceForStd, .stdForVariance, .squaredForRoot, .rootOfDenominatorOnly, .rootOfNumeratorOnly,
            .allWeightsForFan, .fanOutForFanIn, .fansAdded, .fansMultiplied, .sumForAverage, .oneFanOnly,
            .uniformBoundForVariance, .varianceForUniformBound, .reluGainDropped, .variancesAdded:
            Traits(meaning: .variance)
        case .tensorForTensor, .tensorsSwapped, .complementWeighted, .factorOnBoth, .decaySquared,
            .decayHalved, .decayDoubled,
            .remainderForFloor, .countRoundedUp, .decayEveryStep, .powerDivided, .powerSubtracted:
            Traits(meaning: .step)
        case .convolutionForTransposed, .stageLeftOut: Traits(unquoted: true, reason: .always)
        case .scaledOnly, .stagesMerged: Traits(reason: .always)
        case .termOutsideDivision: Traits(reason: .sizes)
        case .divisionReordered, .divisorSquared, .divisorRooted, .rootLeftOut, .numeratorLeftOut,
            .sharesSwapped, .divisorOneOff, .exponentialLeftOut, .scaleAfterCall, .powerForTemperature,
            .roundedBeforeScaling, .truncatedForRounded, .logWithoutSoftmax:
            Traits(meaning: .reals)
        case .transposedPaddingAdded: Traits(reason: .always)
        case .slicedOtherDimensions, .chainedSlice, .sliceFromOrigin, .otherEndDropped,
            .unfoldLayout, .unfoldPositions, .readingOrder, .shiftReversed, .shiftMoved:
            Traits(meaning: .place)
        case .lastPosition, .secondRanked, .everyValueCounted,
            .complementCounted, .patienceExceeded, .patienceShort, .badCountNotReset, .stopOneLate,
            .patienceFromOverallBest, .keptForStop, .neverStopped, .stopForKept, .bestForKept,
            .negatedForFlipped, .rolledForFlipped:
            Traits(meaning: .calculation)
        case .reshapeForMove: Traits(reason: .always, meaning: .calculation)
        case .operationMoved: Traits()
        case .indexOrderChanged: Traits(meaning: .place)
        case .productReversed, .localForGlobalPooling, .transposeDropped:
            Traits(reason: .always, meaning: .calculation)
        }
    }

    /// The built-in diagnosis that tells the same story, if any.
    var diagnosisFinding: Diagnosis.Finding? { traits.finding }

    /// Whether the change is what a transposed convolution's or an upsampling's size formula is
    /// taken for (`MutantGenerator+SizeFormulas`): made on a formula's stages, it explains only an
    /// answer that is its formula at every point.
    var isSizeFormula: Bool {
        switch self {
        case .convolutionForTransposed, .transposedPaddingAdded, .stageLeftOut, .scaledOnly, .stagesMerged:
            true
        default: false
        }
    }

    /// Whether its reason is an ordinary convolution's (its padding widens the input, its `+ 1`
    /// counts positions, its kernel slides s at a time): not said of a size known to be another's.
    var hasConvolutionReason: Bool {
        traits.reason == .sizes || self == .paddingOneSide || self == .paddingAdded
    }

    /// Whether the change is about what a call computes (its settings, its input, the place it
    /// looks at), not about arithmetic: such a change explains only an answer that calls something
    /// itself — a formula landing on the same number is a coincidence.
    var isAboutCalls: Bool {
        switch self {
        case .settingChanged, .paddingAdded, .inputTransposed, .reducedEverything, .rowMoved, .columnMoved,
            .indexMoved, .cropForSubsample, .applicationDropped, .otherPoint, .valueForGradient, .skipInside,
            .skipDoubled, .kernelUpsideDown, .padDimensionMoved, .padAmountChanged:
            true
        default: false
        }
    }

    /// Whether the change is about what a parameter count counts: its mutant's source is the
    /// count's formula as the catalogue writes it (`CountInventory`), not a change to the
    /// learner's text, and its sentence names the layer.
    var isCount: Bool { rawValue.hasPrefix("count-") }

    /// Whether the change is a layer's weight shape taken otherwise (`PreparedExercise+WeightShapes`).
    var isWeightShape: Bool { rawValue.hasPrefix("weight-") }
    /// Whether the change swaps what a call or operator does: its piece is then the two
    /// operations (`was now`), and it explains only an answer that writes the swapped-in one.
    var isOperationSwap: Bool {
        switch self {
        case .reductionSwapped, .activationSwapped, .poolingSwapped, .operatorSwapped, .padSwapped: true
        default: false
        }
    }

    /// Whether the change takes a part of the calculation for the whole or the whole for a part
    /// (one product of a sum, the whole map for one position): it explains only an answer that
    /// writes exactly the mutant's operations, since a value alone cannot tell which part.
    var takesAPart: Bool {
        switch self {
        case .wholeMapSummed, .oneProduct, .oneRowSummed, .oneColumnSummed: true
        default: false
        }
    }

    /// Whether the change is what a count of elements is mistaken for (`x.numel()` → `len(x)`):
    /// told only of an answer that agrees with it on a tensor of another shape.
    var isElementCount: Bool { rawValue.hasPrefix("elements-") }

    /// Whether the change gives a call a setting it did not have, or another value of one (a
    /// stride added, a padding, a dilation dropped): it explains only an answer that calls that
    /// function itself (`Mutant.canExplain`).
    var setsACallsSetting: Bool {
        switch self {
        case .strideAdded, .paddingAdded, .settingChanged, .strideForDilation, .poolStrideOne,
            .groupsForgotten,
            .dilationForgotten:
            true
        default: false
        }
    }

    /// The arithmetic operators a generic operator change replaces (`*` where it adds for a
    /// product); empty for every other change.
    var replacedOperators: Set<String> {
        switch self {
        case .sumForProduct, .divideForMultiply: ["*"]
        case .minusForPlus: ["+"]
        case .plusForMinus: ["-"]
        case .multiplyForDivide, .subtractForDivide: ["/", "//"]
        default: []
        }
    }

    /// Whether the change says over which dimensions a reduction goes (all of them, one only).
    var changesReductionScope: Bool {
        switch self {
        case .reducedEverything, .meanPartial, .sumPartial: true
        default: false
        }
    }

    /// Whether the change rewrites `F.pad`'s amounts (which dimensions, which sides, how much):
    /// two such changes on the same amounts are one other tuple, not two slips (`(1, 1, 1, 1)`
    /// to the last dimension only, then that moved to the height, is the height alone).
    var changesPadAmounts: Bool {
        switch self {
        case .paddingOneDimension, .padDimensionMoved, .padAmountChanged, .paddingOneSide: true
        default: false
        }
    }

    /// Whether the change gives a call's setting another value (a stride added is one: a stride
    /// of 2 added and then set to 3 is `stride=3` typed, one change, not two).
    var isSetting: Bool { self == .settingChanged || self == .paddingAdded || self == .strideAdded }

    /// Whether the change is about what a tensor calculation means (`MeaningGenerator`): its
    /// sentence comes with it, and a mean written as a sum over a count is the same reduction.
    var isMeaning: Bool { traits.meaning != nil }

    /// Whether a value the change gives is told once, with the reference's words, however many
    /// of the written answers give it (`img[:, 1:4, 2:5]` beside `img[:, top:top + size, …]`):
    /// its sentence says where the change is, which is the same in each.
    var toldOncePerValue: Bool { traits.meaning == .place }

    /// Whether the change is about what a probability means (`MeaningGenerator+Probabilities`,
    /// `+Softmax`, `+Classes`).
    var isProbability: Bool { traits.meaning == .probability }

    /// Whether the change is about what a variance or a fan means (`MeaningGenerator+Variance`):
    /// told only of an answer that is the mutant's formula, read as a function of reals
    /// (`Formula.sameAsReals`), wherever both are formulas.
    var isVariance: Bool { traits.meaning == .variance }

    /// Whether the change is told only of an answer that is its mutant's formula read as a
    /// function of reals, wherever both are formulas: a variance's or fan's reading, an
    /// optimiser's step or a schedule read otherwise (a momentum's `mu` on the gradient has the
    /// value of many other slips on three numbers).
    var isToldAsReals: Bool { traits.meaning == .variance || traits.meaning == .step }

    /// Whether the change reads an optimiser's step or a schedule otherwise
    /// (`MeaningGenerator+Steps`): told only of an answer written as its formula, in names, and
    /// never with a second slip on top (a swap then a term dropped is no learner's story).
    var isStep: Bool { traits.meaning == .step }

    /// Whether the change is a real-valued formula's slip (`MeaningGenerator+Reals`): told only of
    /// an answer that writes it and agrees with it on the setup's numbers changed
    /// (`PreparedExercise.realSlipHolds`).
    var isRealSlip: Bool { traits.meaning == .reals }

    /// Whether the change replaces the whole answer (a percentage, odds, the probability for a
    /// loss): its sentence is said whole (`MeaningKey`), not as a change of the calculation.
    var replacesWhole: Bool {
        self == .probabilityPercentage || self == .probabilityOdds || self == .probabilityForLoss
            || self == .lossForProbability
    }

    /// Whether the change is generic (`Traits.generic`).
    var isGeneric: Bool { traits.generic }

    /// Whether the change gives another value only where a division is not exact (`a // k`
    /// rounded up): other whole numbers in the setup may break an exactness the course keeps
    /// (channels a multiple of the reduction), so they prove nothing about it, as for a generic
    /// change.
    var differsOnlyWhereInexact: Bool { self == .countRoundedUp }
}
