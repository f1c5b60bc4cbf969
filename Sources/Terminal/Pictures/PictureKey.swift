import Wording

/// The words inside the REPL's pictures (`:step`'s convolution walk, `:show`'s heatmaps), catalog
/// `pictures`: captions and legends a learner reads in the session's language.
public enum PictureKey: String, MessageKey {
    public static let catalog = "pictures"

    /// "step 2 of 9: output[0, 1]": the walk's position and the output cell it fills.
    case walkStep
    /// The input's caption, alone or with its padding and dilation.
    case walkInput, walkInputWith, walkPadding, walkPaddingSides, walkDilation, walkDilationRowsCols
    case walkKernel, walkProducts, walkOutput
    /// "sum = 2 + 0 + (-6) = -4", the long form's count, and the bias term.
    case walkSum, walkSumOfProducts, walkBias
    /// A heatmap's ASCII legend, the note of a reduced heatmap, and an empty one.
    case heatmapScale, heatmapReduced, heatmapEmpty
    /// A bar chart's scale line; a line plot's log-scale note and an empty plot.
    case barsLinearScale, barsLogScale, barsLogScaleEmpty, plotLogScale, plotEmpty
    /// `:show`'s line above a tensor's heatmap, the note when only its first plane is drawn, and an
    /// empty tensor.
    case tensorShape, firstPlane, emptyTensor
}
