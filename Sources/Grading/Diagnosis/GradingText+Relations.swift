import Wording

/// The sentences that say how a wrong answer's value relates to the expected one, read from the
/// answer as typed (`PreparedExercise.relationStory`): a number typed with its decimal point
/// moved or rounded too coarsely, a right value with one step too many at the end, a mean
/// divided by the wrong count, a repeated factor upside down or complemented, the reciprocal or
/// the complement of the expected value, the right pieces grouped otherwise. Catalog `relations`.
extension GradingText {
    func relation(_ key: RelationKey, _ arguments: [String: any PhraseArgument] = [:]) -> Phrase {
        Phrase(key, arguments)
    }
}

/// The catalog `relations`: what the grader says about a wrong number whose value relates to the
/// expected one in a way a misconception explains.
package enum RelationKey: String, MessageKey {
    package static let catalog = "relations"

    /// The same bytes divided into another unit: `yours` and `theirs` the divisors as typed
    /// (`/ 2 ** 10`), `unit` and `theirUnit` their units (`KiB`, `MiB`).
    case otherUnit
    /// A number counted in bits where the calculation counts bytes: `yours` the factor typed
    /// (`32`), `theirs` the calculation's (`4`).
    case bitsForBytes
    /// A typed number with the right digits, the point `places` places off (`factor` = 10^places,
    /// `larger` yes or no).
    case decimalShifted
    /// A typed number that is the expected value rounded to `digits` significant digits, which
    /// the tolerance does not accept.
    case roundedLiteral
    /// `kept` alone is the expected value; the final step `piece` is one too many.
    case extraOperation
    /// As `extraOperation`, for a `kept` too long to quote.
    case extraOperationUnquoted
    /// A sum of `terms` numbers written out, divided by `divisor`.
    case meanCount
    /// A sum over `tensor`, which holds `side` × `side` = `count` values, divided by `side`.
    case dividedBySide
    /// A sum of `count` terms whose product is (`about`: about) the expected number.
    case factorsAdded
    /// `count` factors of `base`, each the reciprocal of the right one.
    case factorReciprocal
    /// `count` factors of `base`, each 1 minus the right one.
    case factorComplement
    /// The reciprocal of the expected value.
    case reciprocal
    /// 1 minus the expected value.
    case complement
    /// The pieces of a right answer in the same order, grouped otherwise.
    case regrouped
    /// A typed factor of 100 without which the answer is the expected value.
    case percentage
    /// A `//` that, as `/`, gives the expected value.
    case floorDivision
    /// A call `call` (`int`, `math.floor`) without which the answer is the expected value.
    case truncated
    /// A typed power of ten that is the expected value's order of magnitude.
    case orderOfMagnitude
    /// A count `count` in an exponent where the expected value grows evenly with it.
    case exponentForCount
    /// The part `part` of the reference's formula: a step, not the end.
    case partialStep
    /// Numbers alone where the expected value is measured on the setup's `name`.
    case numbersForMeasurement
    /// The mean of `terms` of the `count` values of `tensor`.
    case meanOfSome
    /// `module`'s learnable parameters alone (`parameters`), where its state dict (`state`) is
    /// counted.
    case parametersForState
    /// `module`'s state dict without its `counters` batch counters.
    case counterForgotten
    /// Everything `module`'s state dict holds (`state`), where its parameters (`parameters`) are
    /// counted.
    case stateForParameters
    /// The expected value squared, with the setup's numbers moved too.
    case valueSquared
    /// The expected value's square root, with the setup's numbers moved too.
    case valueRooted
    /// The expected value multiplied by the calculation's `part`.
    case timesPart
    /// The expected value divided by the calculation's `part`.
    case overPart
    /// The calculation's quantity divided by `divisor` (its value `value`) where the calculation
    /// divides it by `theirs`; `how`: `typed` (a number, or too long to quote: no value beside
    /// it), `mean` (the count a mean divides by) or `other`.
    case otherDivisor
}
