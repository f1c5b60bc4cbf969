import Wording

/// The catalog `meanings`: how a mutant of what a tensor calculation means (`MeaningGenerator`)
/// is said — the dimensions a statistic is taken over, the axis a per-channel parameter lines up
/// with, the weights of a running average, the indices of an upsampling. Each change is said as
/// the mutant sentence's `{$change}` ("… what the calculation gives {$change}.").
package enum MeaningKey: String, MessageKey {
    package static let catalog = "meanings"

    /// A statistic taken over other dimensions (`what`, `yours`, `yourKept`, `theirs`,
    /// `theirKept`).
    case reducedOver
    /// A real-valued formula's slips (`MeaningGenerator+Reals`), each with the parts as written:
    /// the division and a term in the other order (`numerator`, `divisor`, `term`).
    case dividedBeforeSubtracting, dividedBeforeAdding, subtractedBeforeDividing, addedBeforeDividing
    /// The divisor squared, or its square root taken (`divisor`); a square root left out
    /// (`inside`); the numerator left out (`numerator`, `divisor`).
    case divisorSquared, divisorRooted, rootLeftOut, numeratorLeftOut
    /// A share `w` and its complement `1 - w` each where the other belongs (`share`).
    case sharesSwapped
    /// A divisor one off (`yours`, `theirs`).
    case divisorOneOff
    /// The exponential left out: of a softmax (`scores`), of one `exp` (`inside`).
    case exponentialLeftOutSoftmax, exponentialLeftOut
    /// A scale (`scale`) applied to what a call (`call`) gives, not to its input (`input`):
    /// dividing, multiplying; the call's result raised to the power 1 / scale.
    case dividedAfterCall, multipliedAfterCall, powerForTemperature
    /// Rounded before multiplying by `scale`; the fraction dropped where rounding belongs.
    case roundedBeforeScaling, truncatedForRounded
    /// The logarithm of the raw scores (`scores`), softmax left out.
    case logWithoutSoftmax
    /// One reduction, as written (`op`).
    case operation
    /// Several reductions changed alike (`ops`, written out).
    case statistics
    /// What a reduction leaves: one value for the whole tensor.
    case keptWhole
    /// One value per index of the kept dimensions (`list`).
    case keptPer
    /// A number of values, where the dimensions have no names (`count`).
    case keptCount
    /// The kept dimensions' nouns, one each.
    case nounExample, nounChannel, nounRow, nounColumn
    /// Two or three nouns together (`a`, `b`, `c`).
    case listTwo, listThree
    /// The statistics of the first example only (`first`, `count`).
    case firstItemOnly
    /// Divided by the variance, not its square root.
    case varianceForDeviation
    /// The unbiased variance (`fewer` = n − 1) where the biased one (`count` = n) belongs, and the
    /// other way round.
    case unbiasedVariance, biasedVariance
    /// Divided by the range (max − min) where the standard deviation belongs.
    case rangeForDeviation
    /// A group normalisation's statistics across the groups (`groups`); the mean subtracted only.
    case statisticsAcrossGroups, centredOnly
    /// A table's share taken otherwise (`entry`, `line`, `table` as written): over the whole
    /// table, the whole diagonal over the whole table.
    case shareOfAll, diagonalShare
    /// A sum divided by n − 1 (`fewer`) where the mean divides by n (`count`).
    case meanOverOneFewer
    /// A parameter (`name`), or two (`name`, `other`), lined up with another axis (`yours`,
    /// `theirs`: an axis phrase).
    case parameterOnAxis, parametersOnAxis
    /// An axis with its name and number (`dim`).
    case axisExamples, axisChannels, axisRows, axisColumns, axisOther
    /// Scale and shift applied in the other order, or undone (`scale`, `shift`).
    case shiftBeforeScale, transformUndone
    /// A running average's slips (`old`, `new`, `weight`).
    case weightsSwapped, unweightedAverage, oldValueReplaced, oldWeightDropped, newWeightDropped
    /// The same slips of a weighted sum of two quantities that is no running update (two losses
    /// mixed): its parts named, never "old" or "new" (`old`, `new`, `weight` as above).
    case mixWeightsSwapped, mixUnweighted, mixOneTermOnly, mixOldWeightDropped, mixNewWeightDropped
    /// A term added whole (`term`) weighted by the complement of the factor beside it, or by
    /// that factor (`weight`) too.
    case complementWeighted, factorOnBoth
    /// The decay term (`term`: `weight` times the parameter `x`) squared, halved, doubled.
    case decaySquared, decayHalved, decayDoubled
    /// The remainder, or the count rounded up (`yours`), where a count of whole steps (`theirs`)
    /// belongs.
    case remainderForFloor, countRoundedUp
    /// A decay (`factor`) at every one of `yours` where it comes once every `every`.
    case decayEveryStep
    /// Divided by a decay's power (`base`, `power`) where the calculation multiplies.
    case powerDivided
    /// A piece (`piece`) subtracted once per step (`yours`: the whole) where the calculation
    /// multiplies by `factor` once per step.
    case powerSubtracted
    /// An index list repeated whole where each index repeats in place (`axis`, `yours`, `theirs`).
    case indicesTiled
    /// Every index list of an upsampling tiled (`yours`, `theirs`: the first list both ways).
    case indicesTiledBoth
    /// Only one axis repeated (`yours`, `other`: axis phrases).
    case oneAxisRepeated
    /// One axis tiled (`axis`; `yours`, `theirs`: the two calls).
    case tiledAlong
    /// The whole map tiled (`yours`: the call).
    case tiledMap
    /// An operation (`op`) along another axis (`yours`, `theirs`).
    case alongOther
    /// A statistic (`what`) without `keepdim=True`, on the last axis (`yours`) for `theirs`.
    case keepdimDropped
    /// `p` (`yours`, `yourValue`) where its complement `1 - p` (`theirs`, `theirValue`) belongs,
    /// and the complement where `p` belongs.
    case complementFor, complementOf
    /// The same for a tensor of probabilities (`yours`, `theirs`), without values.
    case complementForTensor
    /// A tensor factor (`piece`) applied twice.
    case probabilityTwiceTensor
    /// A factor (`piece`, `value`) applied twice (`twice`).
    case probabilityTwice
    /// A factor (`piece`, `value`) written as a percentage (`percent`).
    case probabilityAsPercentage
    /// Divided by a factor (`piece`, `value`) where the calculation multiplies, and back.
    case dividedByFactor, multipliedByFactor
    /// Whole sentences: the answer is a quantity (`piece`, `value`) as a percentage (`percent`);
    /// odds (`written`, `odds`); the probability (`probability`) a loss (`loss`) is the
    /// negative logarithm of.
    case percentageWhole, oddsWhole, probabilityForLoss
    /// A whole sentence: the answer is the loss −log p (`loss`) of the probability asked for
    /// (`probability`).
    case lossForProbability
    /// Two readings of the answer, each a whole sentence (`first`, `second`).
    case twoReadings
    /// A 0/1 mask (`mask`) read the other way round.
    case maskInverted
    /// A dropout layer in evaluation mode given the training-time scale (`p`, `scale`) or the
    /// original paper's test-time scaling (`p`, `keep`).
    case trainScaleAtEvaluation, paperScaleAtEvaluation
    /// Log-probabilities for probabilities and back.
    case logForProbability, probabilityForLog
    /// The sigmoid of each score where softmax normalises over `count` classes.
    case sigmoidForSoftmax
    /// The exponential of a sum: in a softmax, in a logsumexp.
    case expOfSumSoftmax, expOfSumLogsumexp
    /// Another class (`yours`) where the calculation takes class `name` = `theirs`; the class of
    /// the largest score.
    case otherClass, largestClass
    /// The raw scores where log-probabilities belong (what nll_loss gives on scores).
    case nllOnScores
    /// The largest score for logsumexp.
    case maxForLogsumexp
    /// p(1 − p) for the gradient p − y.
    case slopeForGradient
    /// Only the entry of class `name` = `index` of `count` values.
    case targetEntryOnly
    /// A one-hot row of class `name` = `index` taken as 1 everywhere.
    case oneHotEverywhere
    /// A dropout layer in evaluation mode multiplied by its drop probability (`p`).
    case dropScaleAtEvaluation
    /// A square root left out (`variance`, `value`; `deviation`), taken of the whole (`value`),
    /// a variance squared (`variance`, `value`), the root of one side of a ratio only
    /// (`constant`, `denominator`, `yours`, `ratio`).
    case varianceForStd, stdForVariance, squaredForRoot, rootOfDenominatorOnly, rootOfNumeratorOnly
    /// A variance's constant taken otherwise (`yours`, `theirs`, `denominator`, `value`,
    /// `expected`): a uniform bound's square, the variance for it, LeCun's 1 for He's 2.
    case uniformBound, uniformVariance, reluGainDropped
    /// The uniform bound itself, √(3c / fan), where the variance c / fan is asked (`yours` = 3c,
    /// `theirs` = c, `denominator`, `value`, `expected`).
    case uniformBoundRooted
    /// Two fans averaged (`sum`, `average`) taken otherwise: multiplied (`yours`, `value`), summed
    /// (`value`), one alone (`fan`, `value`).
    case fansMultipliedAveraged, sumForAverage, oneFan
    /// A fan-in (`theirs`) taken otherwise: the fan-out (`yours`, `yoursValue`, `theirsValue`),
    /// every weight (`output`, `count`, `fan`, `yours`), both fans added or multiplied (`yours`,
    /// `value`).
    case fanOut, allWeights, fansAdded, fansMultiplied
    /// Two variances (`first`, `second`) added (`sum`) where they multiply (`product`).
    case variancesAdded
    /// A subscript's slices (`slices`) on other dimensions (`yours`, `theirs`: axis phrases).
    case slicedOtherDimensions
    /// A slice (`slice`) in a second pair of brackets cutting `yours` again where `theirs` is cut.
    case chainedSlice
    /// A crop started at 0 on `axes` where it starts at `starts`.
    case sliceFromOrigin
    /// Where a slice starts: a name and its value (`name`, `value`), or a number (`value`).
    case startNamed, startNumber
    /// The first `count` indices of `axis` dropped (`yours`) where the last are (`theirs`), and
    /// the other way round.
    case firstDropped, lastDropped
    /// `F.unfold`'s result (`expected`: [N, C·K·K, L]; `channels`, `window`, `column`, `positions`,
    /// `grid`) laid out otherwise (`yours`, a shape): channels apart, one channel's window,
    /// `Tensor.unfold`'s windows.
    case unfoldChannelsApart, unfoldOneChannel, unfoldWindows
    /// L counted otherwise (`count`): every pixel of the `input`, a square input (`side`), the + 1
    /// forgotten (`yourGrid`).
    case unfoldEveryPixel, unfoldSquare, unfoldPlusOneForgotten
    /// A part of a window's sum of products left out: channel `index` of `count`, the product
    /// `a` · `b` of `count`, row or column `index` (its `count` products); `value` its worth.
    case channelLeftOut, productLeftOut, rowLeftOut, columnLeftOut
    /// A `window` taken as `count` pixels in reading order from `corner` (the image `width`
    /// wide), where it takes `columns` from each of `rows` rows.
    case readingOrder
    /// A shift the other way along `axis`: the padding `pad` at the other end, `slice` cutting the
    /// other end (`count` places).
    case shiftReversed
    /// A shift along another axis (`yours`) than the calculation's (`theirs`).
    case shiftMoved
    /// A group normalisation of `groups` groups of `size` channels done channel by channel.
    case normEachChannel
    /// … done over all `channels` channels of each image at once.
    case normAllChannels
    /// … done channel by channel over the whole batch.
    case normOverBatch
    /// Channels grouped one per group (`channels` groups) where the calculation makes `groups`
    /// groups of `size`.
    case groupsPerChannel
    /// … all `channels` in one group.
    case groupsAllChannels
    /// … in `size` groups of `groups` channels: the number of groups taken for their size.
    case groupSizeForGroups
    /// The last position of a curve (`operand`, `last`) where the position of its `end` value is
    /// asked; `end`: the smallest or the largest.
    case lastPosition, curveSmallest, curveLargest
    /// The position of the second `end` value of `operand`.
    case secondRanked
    /// Every one of `count` values counted where those with `condition` true are.
    case everyValueCounted
    /// The values where `condition` is false counted.
    case complementCounted
    /// An early-stopping question read otherwise (`curve`, `patience` as named, `end`: the
    /// lowest or highest): more than, or one fewer than, `patience` epochs without a new best;
    /// the count not started again; one epoch after the stop; the patience counted from the best
    /// of the whole curve; the kept epoch for the stop; the last epoch (`last`); the stop for the
    /// kept epoch; the whole curve's best for the kept epoch.
    case patienceExceeded, patienceShort, badCountNotReset, stopOneLate, patienceFromOverallBest,
        keptForStop, neverStopped, stopForKept, bestForKept
    /// The best end of a curve: the lowest value, the highest.
    case curveLowest, curveHighest
    /// A flip of `operand` along `axes` read as its values negated.
    case negatedForFlipped
    /// A flip of `operand` along `axis` read as a roll by `count`.
    case rolledForFlipped
    /// A `reshape` (`yours`) where the calculation moves whole dimensions (`theirs`).
    case reshapedForMoved
    /// One of the calculation's operations (`op`, as written) applied to `inner`, where the
    /// calculation applies it to `outer` (`OperationMover`).
    case operationMoved
    /// An index list in another order (`yours`) along `axis` where the calculation's is `theirs`.
    case otherIndexOrder
    /// A matrix product (`theirs`) taken the other way round: its transpose.
    case productReversed
    /// A `window` × `window` average (`yours`) where the calculation averages the whole map
    /// (`theirs`).
    case localForGlobalPooling
    /// A square weight (`name`) multiplied where the calculation multiplies by its transpose;
    /// several (`names`, written out).
    case transposeDropped, transposesDropped
}

/// The names of a tensor's dimensions in a CNN course's layouts: `[N, C, H, W]`, `[C, H, W]`,
/// `[H, W]`, or channels last (`[N, H, W, C]`, `[H, W, C]`) where the exercise shows it
/// (`TensorLayout`). Other ranks, and a layout not known, have none: their dimensions are said by
/// number only.
enum TensorAxes {
    enum Axis { case examples, channels, rows, columns }

    /// The axis `dimension` is in a tensor of `rank` dimensions laid out as `layout`, if it has a
    /// name.
    static func axis(_ dimension: Int, rank: Int, layout: TensorLayout = .channelsFirst) -> Axis? {
        let names: [Axis]
        switch (rank, layout) {
        case (2, _): names = [.rows, .columns]
        case (_, .unknown): return nil
        case (4, .channelsFirst): names = [.examples, .channels, .rows, .columns]
        case (3, .channelsFirst): names = [.channels, .rows, .columns]
        case (4, .channelsLast): names = [.examples, .rows, .columns, .channels]
        case (3, .channelsLast): names = [.rows, .columns, .channels]
        default: return nil
        }
        return dimension >= 0 && dimension < rank ? names[dimension] : nil
    }

    /// "the channels (dimension 1)", or "dimension 4".
    static func phrase(_ dimension: Int, rank: Int, layout: TensorLayout = .channelsFirst) -> Phrase {
        let key: MeaningKey
        switch axis(dimension, rank: rank, layout: layout) {
        case .examples: key = .axisExamples
        case .channels: key = .axisChannels
        case .rows: key = .axisRows
        case .columns: key = .axisColumns
        case nil: key = .axisOther
        }
        return Phrase(key, ["dim": dimension])
    }

    /// What a reduction over `reduced` leaves of a tensor of `shape`: "one per example and
    /// channel", "one value for the whole tensor", or "6 values" where the kept dimensions have
    /// no names.
    static func kept(reducing reduced: Set<Int>, shape: [Int], layout: TensorLayout = .channelsFirst)
        -> Phrase
    {
        let rank = shape.count
        let kept = (0..<rank).filter { !reduced.contains($0) }
        if kept.isEmpty { return Phrase(MeaningKey.keptWhole) }
        let nouns: [Phrase] = kept.compactMap { dimension in
            switch axis(dimension, rank: rank, layout: layout) {
            case .examples: Phrase(MeaningKey.nounExample)
            case .channels: Phrase(MeaningKey.nounChannel)
            case .rows: Phrase(MeaningKey.nounRow)
            case .columns: Phrase(MeaningKey.nounColumn)
            case nil: nil
            }
        }
        guard nouns.count == kept.count, nouns.count <= 3 else {
            return Phrase(MeaningKey.keptCount, ["count": kept.map { shape[$0] }.reduce(1, *)])
        }
        let list: Phrase
        switch nouns.count {
        case 1: list = nouns[0]
        case 2: list = Phrase(MeaningKey.listTwo, ["a": nouns[0], "b": nouns[1]])
        default: list = Phrase(MeaningKey.listThree, ["a": nouns[0], "b": nouns[1], "c": nouns[2]])
        }
        return Phrase(MeaningKey.keptPer, ["list": list])
    }

    /// A set of dimensions as code writes it: `1`, `(0, 2, 3)`.
    static func written(_ dimensions: Set<Int>) -> String {
        let sorted = dimensions.sorted()
        if sorted.count == 1 { return "\(sorted[0])" }
        return "(" + sorted.map(String.init).joined(separator: ", ") + ")"
    }
}
