import Wording

/// The engine's refusals that carry no `CNNError.Detail` case of their own: each is a sentence of the
/// catalog `engine-refusals` (`Sources/Wording/Catalogs/<language>/engine-refusals.json`), said
/// with the pieces the throw site passes (`CNNError.shape(.catSizes, ["dim": 1, …])`).
///
/// A new refusal is a case here and a message in every language's catalog; the English message is
/// what `CNNError.message` says.
public enum EngineRefusal: String, MessageKey, Sendable {
    public static let catalog = "engine-refusals"

    case backwardWithoutGrad, backwardGradientShape, backwardNeedsGradient, catRanks, catSizes, stackEmpty
    case stackSizes, permuteLength, inferredTwice, expandSize, padAmounts, mseShapes, targetOutOfRange
    case itemOfMany, convLayerSizes, conv2dInputRank, paddingString, batchNormChannels, batchNormRank
    case tooManyIndices, softmaxDim, repeatedDim, negativeSize, raggedNesting
    case splitSize, tooManyDimensions

    // Refusals whose sentences moved here from their throw sites unchanged.
    case youCanOnlyChangeRequires, onlyTensorsOfRealFloating, canTRetainGradOn, shapeNeedsValuesGot
    case shapeNeedsValuesGot2, arangeStepMustBeNonzero, arangeUpperBoundAndLarger, arangeTheRangeWithStep
    case linspaceNumberOfStepsMust, randintHighMustBeGreater, randintTheRangeIsToo, batchSizeMustBeAt
    case dropLastWithBatchSize, imagesMustBeSamplesWith, labelsMustBeSamplesTo, labelsMustBeWholeNumbers
    case dataSetSampleShapeHas, dataSetLabelsOfSamples, dataSetLabelIsOutside, countMustBeAtLeast
    case sizeMustBeAtLeast, noiseMustBeAFinite, batchnormDNeedsNumFeatures, batchnormDNeedsEpsGot
    case inChannelsMustBeDivisible, outChannelsMustBeDivisible
    case dropoutProbabilityHasToBe, flattenDimensionOutOfRange, flattenHasInvalidArgsStart
    case linearNeedsSizesGotIn, aCifarResnetHasDepth, resnetNeedsThreePositiveStage
    case theBlocksThatChangeShape, deepNetNeedsDepthInput, deepNetNeedsPositiveSizes
    case cannotAssignATensorOf, aSkipConnectionAddsThe, anIdentityShortcutNeedsThe
    case sequentialLayerNamesMustBe, aZeroPaddingShortcutCan, strideMustBeAtLeast
    case theOptionAShortcutExpects, adaptiveAvgPoolDExpects, avgPoolDDivisorOverride
    case batchNormExpectsChannelsFor, batchNormExpectsInputBatch, batchNormNeedsMoreThan
    case expectsWeightADTensor, weightCannotHaveADimension, groupsMustBeAPositive
    case withGroupsNeedsInChannels, withGroupsNeedsOutChannels, expectsBiasOutChannelsGot
    case convDExpectsInputOr, convDExpectsPaddingTo, needsInputAndOfThe, crossEntropyLabelSmoothingMust
    case crossEntropyExpectsInputBatch, crossEntropyExpectsTargetOf, crossEntropyTargetMustHold
    case linearExpectsWeightOutFeatures, linearExpectsBiasOutFeatures, padAmountsAreTooLarge
    case padGotAmountsWhichPad, padModeDoesnTTake, padModeWithAmountsPads, padLeavesNothingOfDimension
    case reflectPaddingMustBeSmaller, circularPaddingCanWrapAround, paddingIsMoreThanHalf
    case expectsANonEmptyInput, expectsInputBatchChannelsHeight, isNotAValidValue, expectsToBeAnInt
    case isTooLargeGot, integersToNegativeIntegerPowers, catExpectsANonEmpty
    case zeroDimensionalTensorAtPosition, expectedReductionDimToHave, expectedReductionDimToBe
    case clampAtLeastOneOf, bothArgumentsToMatmulNeed, meanCouldNotInferOutput, invalidShapeDimensionIn
    case cannotSumATensorOf, flattenHasInvalidArgsStart2, permuteDuplicateDimsAreNot
    case inputTensorMustHaveAt, anIndexCanOnlyHave, sliceStepMustBePositive, invalidLearningRate
    case invalidEpsilonValue, invalidBetaParameterAtIndex, invalidBetaParameterAtIndex2
    case invalidWeightDecayValue, fanInAndFanOut, uniformExpectsLowHighBut, normalExpectsStdButFound
    case initializingAZeroElementTensor, invalidMomentumValue, nesterovMomentumRequiresAMomentum
    case stepSizeMustBeAt

    // Refusals of loss functions, indexing, einsum and the rarer tensor methods.
    case nllLossScalarInput, nllLossTargetShape, classWeightShape, crossEntropyWeightAndSmoothing
    case crossEntropyScalarInput, optimizerNeedsLeaf, inPlaceShape, overwriteNonLeaf, normNeedsFloat
    case repeatTooFewSizes, splitSizesSum, chunkCount, maskedFillMask, einsumEllipsis, einsumArrows
    case einsumOperandCount, einsumSubscript, einsumDiagonal, einsumSubscriptCount, einsumBroadcast
    case einsumOutput, einsumNoOperand, adaptiveMaxPoolRank, adaptiveMaxPoolSize, adaptiveMaxPoolEmpty
    case bitwiseNeedsIntegers, bitwiseNotNeedsIntegers, smoothL1Beta, bceShapes, bceInputRange
    case bceWithLogitsShapes, indexShapesMismatch, indexTensorType, indexWithScalarMask, maskShape
    case indexPutShape, narrowScalar, narrowStart, narrowLength, narrowPastEnd, unfoldNegativeSize
    case unfoldSize, unfoldStep, traceRank, outerRanks, unfoldPatchesRank, unfoldPatchesSettings
    case unfoldPatchesTooSmall, gradInputWithoutGrad, gradInputUnused, tensordotLengths, tensordotSizes
    case tensordotDims, rot90Dims, rot90Rank, rot90SameDims, movedimLengths, movedimRepeated, diagRank
    case diagonalDims, mvRanks, oneHotType, oneHotNegative, oneHotTooFew
    case convTransposeInputRank, convTransposeWeightRank, convTransposeGroups, convTransposeChannels
    case convTransposeBias, convTransposeOutputPadding, convTransposeOutputTooSmall
    case interpolateRank, interpolateBilinearRank, interpolateBilinearType, interpolateAlignCorners
    case interpolateSizeOrScale, interpolateSize, interpolateScale, interpolateMode

    // Files a course or a learner names: `.npy` arrays and the digits CSV (`file` is its path).
    case npyUnreadable, npyUnwritable, npyNotNumpy, npyTruncatedHeader, npyVersion, npyHeaderNotText
    case npyFortranOrder, npyDtype, npyShapeTooLarge, npyTruncatedData, npyUnreadableData, npyHeaderField
    case npyStructured, npyFortranField, npyShapeField, npyShapeSize, npyNotRegular, npyTooManyElements
    case digitsUnreadable, digitsRowLength, digitsNotWhole, digitsOutOfRange, digitsEmpty

    // Modules written in the answer language (`class Net(nn.Module)`, `nn.ModuleList`), and `t()`.
    case transposeRank, moduleListCalled, moduleListTakesLayers, moduleListExtend, moduleListInsert
    case parameterShape, parameterNeedsWrapper, moduleContainsItself, assignBeforeSuperInit
    case moduleOutsideItsCode, forwardResult

    // Sizes past what the machine can hold or count.
    case convWorkAreaTooLarge, tooManyElementsToCount, matmulTooLargeForBLAS

    // Hooks on gradients (`x.register_hook`).
    case hookChangedSize

    // Fold (col2im) and local response normalisation.
    case foldRank, foldChannels, foldBlocks, localResponseNormRank, localResponseNormSize
    case maxUnpoolShapes, maxUnpoolIndex
}
