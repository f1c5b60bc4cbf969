import Wording

/// The sentences that say which misconception explains a wrong answer (a misconception mutant's
/// value equals the answer's). Each names the change in the learner's terms — the part of the
/// calculation that was left out or changed, as written (`{$piece}`) — and, where it is true
/// whatever the exercise, why it matters (`<id>.why`). Catalog `misconceptions`; the sentence
/// around them is `grading`'s `mutant…`.
extension GradingText {
    /// "Your answer is 6: that is what the calculation gives with the `+ 1` left out." `answer`
    /// is the learner's value as printed (nil for a tensor), `found` the one or two changes that
    /// give it with the part of the reference each is about, `sizes` whether the number is a
    /// spatial size (then the output-size reasons may be given), `network` whether it is a model.
    func mutants(_ found: [(Misconception, String)], answer: String?, sizes: Bool, network: Bool = false)
        -> String
    {
        guard let (misconception, piece) = found.first else { return "" }
        var change = self.change(misconception, piece)
        var reason = self.reason(misconception, sizes: sizes)
        if found.count > 1 {
            // Two changes give this value and the setup cannot tell which: say both, no reason.
            change = say(.mutantEither, ["first": change, "second": self.change(found[1].0, found[1].1)])
            reason = nil
        }
        let first: String
        if network {
            first = say(.mutantNetwork, ["change": change])
        } else if let answer {
            first = say(.mutantAnswer, ["answer": answer, "change": change])
        } else {
            first = say(.mutantValue, ["change": change])
        }
        return reason.map { first + " " + $0 } ?? first
    }

    /// A piece short enough to quote; a long one (a whole sub-expression) would give the
    /// reference away and read badly, so the sentence then names the change without it.
    private func quotable(_ piece: String) -> Bool { !piece.isEmpty && piece.count <= 20 }

    private func change(_ misconception: Misconception, _ piece: String) -> String {
        if !quotable(piece), let key = MisconceptionKey(rawValue: misconception.rawValue + ".unquoted") {
            return language.say(key)
        }
        guard let key = MisconceptionKey(rawValue: misconception.rawValue) else {
            return misconception.rawValue
        }
        return language.say(key, ["piece": piece])
    }

    /// Reasons that hold only for sizes (the output-size formula's `+ 1`, the padding's 2p, the
    /// stride's steps) are given only for sizes.
    private static let sizeReasons: Set<Misconception> = [
        .plusOneDropped, .paddingForgotten, .strideForgotten,
    ]

    private func reason(_ misconception: Misconception, sizes: Bool) -> String? {
        guard sizes || !Self.sizeReasons.contains(misconception),
            let key = MisconceptionKey(rawValue: misconception.rawValue + ".why")
        else { return nil }
        return language.say(key)
    }
}

/// The catalog `misconceptions`: for each misconception the change it makes (`<id>`, with the
/// part as written in `{$piece}`), a version without the part for long ones (`<id>.unquoted`), and
/// why it matters where that holds in any exercise (`<id>.why`).
package enum MisconceptionKey: String, MessageKey {
    package static let catalog = "misconceptions"

    case plusOneDropped = "plus-one-dropped"
    case minusOneDropped = "minus-one-dropped"
    case termDropped = "term-dropped"
    case minusForPlus = "minus-for-plus"
    case plusForMinus = "plus-for-minus"
    case operandsSwapped = "operands-swapped"
    case factorDropped = "factor-dropped"
    case paddingOneSide = "padding-one-side"
    case paddingForgotten = "padding-forgotten"
    case strideForgotten = "stride-forgotten"
    case floorForgotten = "floor-forgotten"
    case divisorDropped = "divisor-dropped"
    case numeratorDropped = "numerator-dropped"
    case multiplyForDivide = "multiply-for-divide"
    case subtractForDivide = "subtract-for-divide"
    case productForPower = "product-for-power"
    case exponentOffByOne = "exponent-off-by-one"
    case sumForProduct = "sum-for-product"
    case matmulForMultiply = "matmul-for-multiply"
    case literalOffByOne = "literal-off-by-one"
    case meanForSum = "mean-for-sum"
    case sumForgotten = "sum-forgotten"
    case sumPartial = "sum-partial"
    case kernelFlipped = "kernel-flipped"
    case kernelTransposed = "kernel-transposed"
    case sliceEndInclusive = "slice-end-inclusive"
    case sliceEndPlusOne = "slice-end-plus-one"
    case sliceOneBased = "slice-one-based"
    case rowsColumnsSwapped = "rows-columns-swapped"
    case subsampleForgotten = "subsample-forgotten"
    case oneChannel = "one-channel"
    case channelDropped = "channel-dropped"
    case finalReluMissing = "final-relu-missing"
    case reluBeforeAdd = "relu-before-add"
    case skipMissing = "skip-missing"
    case multiplyForAdd = "multiply-for-add"
    case catForAdd = "cat-for-add"
    case activationOnShortcut = "activation-on-shortcut"
    case preActivation = "pre-activation"
    case biasForgotten = "bias-forgotten"
    case inChannelsOne = "in-channels-one"
    case outChannelsOne = "out-channels-one"
    case kernelOne = "kernel-one"
    case paddingDropped = "padding-dropped"
    case paddingOneDimension = "padding-one-dimension"
    case termDroppedUnquoted = "term-dropped.unquoted"
    case factorDroppedUnquoted = "factor-dropped.unquoted"
    case divisorDroppedUnquoted = "divisor-dropped.unquoted"
    case numeratorDroppedUnquoted = "numerator-dropped.unquoted"
    case paddingDroppedUnquoted = "padding-dropped.unquoted"
    case plusOneDroppedWhy = "plus-one-dropped.why"
    case paddingOneSideWhy = "padding-one-side.why"
    case paddingForgottenWhy = "padding-forgotten.why"
    case strideForgottenWhy = "stride-forgotten.why"
    case floorForgottenWhy = "floor-forgotten.why"
    case productForPowerWhy = "product-for-power.why"
    case matmulForMultiplyWhy = "matmul-for-multiply.why"
    case meanForSumWhy = "mean-for-sum.why"
    case kernelFlippedWhy = "kernel-flipped.why"
    case sliceEndInclusiveWhy = "slice-end-inclusive.why"
    case sliceEndPlusOneWhy = "slice-end-plus-one.why"
    case sliceOneBasedWhy = "slice-one-based.why"
    case rowsColumnsSwappedWhy = "rows-columns-swapped.why"
    case oneChannelWhy = "one-channel.why"
    case channelDroppedWhy = "channel-dropped.why"
    case reluBeforeAddWhy = "relu-before-add.why"
    case finalReluMissingWhy = "final-relu-missing.why"
    case skipMissingWhy = "skip-missing.why"
    case multiplyForAddWhy = "multiply-for-add.why"
    case catForAddWhy = "cat-for-add.why"
    case activationOnShortcutWhy = "activation-on-shortcut.why"
    case biasForgottenWhy = "bias-forgotten.why"
    case inChannelsOneWhy = "in-channels-one.why"
    case outChannelsOneWhy = "out-channels-one.why"
    case kernelOneWhy = "kernel-one.why"
}
