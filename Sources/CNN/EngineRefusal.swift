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
}
