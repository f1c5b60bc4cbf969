import Wording

/// The sentences that say how a wrong shape relates to the expected one when no padding or kernel
/// story explains it: the same sizes reversed or in another order, a dimension missing or extra,
/// only the channels different, one number where a shape is asked or a shape where one number is.
/// Catalog `diagnosis`.
extension GradingText {
    func shapeStory(_ key: ShapeKey, _ arguments: [String: any PhraseArgument] = [:]) -> Phrase {
        Phrase(key, arguments)
    }
}

/// The catalog `diagnosis`: what the built-in diagnosis says about shapes.
package enum ShapeKey: String, MessageKey {
    package static let catalog = "diagnosis"

    /// The sizes in reverse order (`.T` on more than two dimensions).
    case dimensionsReversed
    /// The sizes in another order, for a batch of images (the [N, C, H, W] layout).
    case imageDimensionsPermuted
    /// The sizes in another order.
    case dimensionsPermuted
    /// The batch dimension in front is missing (`size`).
    case batchMissing
    /// Dimension `index` (`size`) is missing.
    case dimensionMissing
    /// Dimension `index` (`size`) is one too many.
    case dimensionExtra
    /// Only the channel dimension differs (`answer`, `expected`).
    case channelsChanged
    /// Only the channel dimension differs (`answer`, `expected`), without why a convolution or a
    /// pooling would change it: said where the calculation has no layer (`ReasonPremise.layer`).
    case channelsChangedPlain
    /// A shape with `count` dimensions of size 1 more than the expected one, the other sizes alike.
    case sizeOneAdded
    /// A shape with `count` dimensions of size 1 fewer than the expected one, the other sizes alike.
    case sizeOneDropped
    /// One dimension of `count`: every value of the expected `rank` dimensions in one flat one.
    case flattened
    /// Neighbouring expected dimensions multiplied into one, each group said by `groups`.
    case dimensionsMerged
    /// Expected dimensions given apart as neighbouring ones, each group said by `groups`.
    case dimensionsSplit
    /// One group of a merge or split: the sizes (`sizes`, an extent) and their product (`size`).
    case dimensionGroup
    /// One number given where a shape is asked.
    case numberForShape
    /// Several numbers (`count`, `answer`) given where one is asked.
    case shapeForNumber
    /// A shape (`answer`, a `torch.Size`) given where one number is asked, though it holds one size.
    case sizeObjectForNumber
}
