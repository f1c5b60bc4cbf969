import CNN

/// Something `show(…)` asks the terminal to draw. The language only describes the picture; the
/// `cnntutor` executable renders it with module Terminal.
public enum Figure: Sendable, Equatable {
    /// A 2-D tensor (or an image `[1, 1, H, W]` / `[C, H, W]` reduced to its first plane) drawn
    /// as shaded cells.
    case heatmap(Tensor, title: String?)
    /// One bar per label, e.g. gradient norms per layer.
    case bars(labels: [String], values: [Double], title: String?)
    /// One or more curves over steps, e.g. a training loss.
    case curves([Series], title: String?)

    /// A named sequence of y values at x = 0, 1, 2, ….
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double]

        /// Creates a series.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// The figure's title, if it has one.
    public var title: String? {
        switch self {
        case .heatmap(_, let title), .bars(_, _, let title), .curves(_, let title): title
        }
    }

    public static func == (lhs: Figure, rhs: Figure) -> Bool {
        switch (lhs, rhs) {
        case (.heatmap(let a, let t), .heatmap(let b, let u)):
            t == u && a.shape == b.shape && a.isEqual(to: b)
        case (.bars(let l, let v, let t), .bars(let m, let w, let u)): l == m && v == w && t == u
        case (.curves(let s, let t), .curves(let r, let u)): s == r && t == u
        default: false
        }
    }
}
