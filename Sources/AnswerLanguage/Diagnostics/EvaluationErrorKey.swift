import Wording

/// The answer language's own refusals that have no `LanguageError.Detail` case of their own: the
/// sentences of the catalog `evaluation-errors` (Python's runtime and syntax complaints, the
/// builtins' argument checks, the limits on lists and models), said with their pieces.
///
/// A new one is a case here, a message in every language's `evaluation-errors.json`, and
/// `throw LanguageError.said(.value, .key, ["name": …], at: range)`; its English message is what
/// `LanguageError.message` says.
public enum EvaluationErrorKey: String, MessageKey, Sendable {
    public static let catalog = "evaluation-errors"

    case returnIndicesUnsupported, geluApproximate, modelTooDeep, normOrder, bmmRanks, bmmBatches
    case dotRanks, dotSizes, batchNormNeedsTraining, networkTooDeep, noDataDirectory, tooManyImages
    case stepClosureUnsupported, fansNeedMatrix, fanMode, nonlinearity, rangeTooLong, takesTwoTensors
    case extremumArguments, dictTakesPairs, setattrOnModules, isinstanceClassinfo, gradcheckInput
    case gradcheckNoInput, gradcheckResult, gradcheckFailed, unbiasedAndCorrection, expandLeadingMinusOne
    case trainInputsTargets, noSuchArgument, mTNeedsMatrices, specialAttribute, attributeNotSettable
    case tensorAttributeNotSettable, augmentedOneTarget, comprehensionTooLong, methodNoKeywords
    case listTooLong, insertPosition, popPosition, sortArguments, updateArgument, takesStrings
    case emptySeparator, joinStrings, formatUnclosed, formatTooFewArguments, formatNoArgument
    case formatNoKeyword, extendedSliceSize, dictKeysAreStrings, listOverLimit, joinedTooLong
    case repeatedTooLong, tensorOperatorMissing, classBase, attributeNotDeletable, callsTooDeep
    case bytesLiteral, fStringNested, fStringSingleBrace, fStringEmpty, fStringConversion
    case dictDisplaySpread, parameterTwice, doubleStarLast, classKeywords, nonlocalOutsideFunction
    case annotationTarget, inputTooLong, tooManyToUnpack, notEnoughToUnpack, methodArgumentCount
    case methodArgumentRange, invalidUTF8, mathDomain, mathRange, indexSelectVector
    case createGraphUnsupported, gradOneOutput
    /// Lists, tuples and dicts nested past `Value.maxNesting` (hostile, session 12).
    case containerTooDeep
    // A format specification (`f'{x:>8.2f}'`, `format(x, spec)`) that cannot be applied.
    case formatInvalidSpecifier, formatWidthTooLarge, formatPrecisionMissing, formatPrecisionTooLarge
    case formatPrecisionForInteger, formatCharacterOutOfRange, formatUnknownCode, formatSignForString
    case formatUnsupportedType
    /// An error of another type than the engine's and the language's (a bug): said by its type.
    case unexpectedError
    case fStringUnclosedField, nestedTooDeeply, callGivesNonTensor, leafChangedInPlace
    // Gathers, sorts, normalisations and activations PyTorch has beyond the engine's.
    case indexRank, indexMustBeInteger, indexLarger, indexOutOfBounds, scatterReduce, scatterSrcOrValue,
        kOutOfRange, medianEmpty, heavisideTypes
    // Reach (session 9): what a notebook types that PyTorch has and the language refuses precisely.
    case parameterGroupKeyFixed, learningRateNumber, crossEntropyTargetType, eyeNeedsMatrix, roundingMode,
        stopIteration,
        sizeMismatchBetweenTensors, percentIncomplete, percentTooFewArguments, percentTooManyArguments,
        percentUnknownCode, finfoNeedsFloat, boolSubtraction
    case inPlaceResultType, instanceNormRunningStats, groupsDivideChannels, softmax2dInputRank,
        instanceNormInputRank, layerNormShape, groupNormInputRank, preluWeights, preluParameters
    case dropout2dInputRank, celuAlphaZero, int32Unsupported, pool1dInputRank, rollShiftsDims, diffOrder,
        repeatsNegative, batchNorm1dInputRank
    case amsgradUnsupported, lastEpochUnsupported, diffScalar
    case uniqueDim, bincountInput, bincountWeights, histcBins, histcRange, searchsortedShapes,
        meshgridIndexing, meshgridVectors
    case blockDiagInputs, klDivReduction, huberDelta, cdistShapes, quantileReal, quantileQ,
        quantileInterpolation, indexAddSource
    case randpermNegative, normalStd, bernoulliRange, multinomialInput, multinomialSamples
    // Reach (session 10): dtypes kept by in-place writes, alpha, rounding, state dicts, grads.
    case augmentedResultType, alphaIntegral, integerDivisionByZero, dtypeUnsupported, float16Unsupported,
        gradSize, gradType, gradNotTensor, gradWithoutRequiresGrad, stateDictNotDict,
        stateDictSizeMismatch, stateDictErrors, stateDictMissingKeys,
        stateDictUnexpectedKeys, stateDictValueNotTensor, tensorDatasetEmpty,
        plateauMode, plateauFactor
    // Reach (session 11): one-cycle schedules and splitting data sets.
    case oneCycleSteps, oneCyclePositive, oneCyclePctStart, oneCycleAnneal, oneCycleTooManySteps,
        randomSplitSum, randomSplitFraction, randomSplitNegative, dataLoaderOption, subsetIndex,
        stateDictNewKey, deepcopyModule
    // Reach (session 13): parameter groups.
    case parameterGroupWithoutParams, iinfoNeedsInteger, unravelIndexNeedsIntegers, unravelIndexShape,
        quantizedTensorsUnsupported
    // Reach (session 12): binary targets, hooks, fold, local response norm.
    case binaryTargetType, forwardHookResult, hookWithoutGrad, hookResult, containerFromDictChanged,
        diracRank, diracGroups, orthogonalRank, addToBuiltinLayer
    // An integer tensor's element past int64's range (its arithmetic overflowed).
    case integerOverflow
}

extension LanguageError {
    /// An error of `kind` said by `key` of the catalog `evaluation-errors`, its placeholders filled
    /// from `arguments` (typed: counts as `Int`, shapes as `[Int]`, names and code as `String`).
    public static func said(
        _ kind: Kind, _ key: EvaluationErrorKey, _ arguments: [String: any MessageArgument] = [:],
        at range: SourceRange? = nil
    ) -> LanguageError {
        LanguageError(kind, .evaluation(key, arguments.mapValues(\.messageValue)), at: range)
    }
}
