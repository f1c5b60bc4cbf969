import Wording

/// Everything the engine can refuse, in words a learner knows.
///
/// Misuse a learner or a lesson can cause (wrong shapes, bad arguments, limits) throws this; bugs of
/// the engine itself trap with `precondition`. `message` is complete and printable as it is.
public struct CNNError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of refusal this is, for code that reacts differently to each.
    public enum Code: String, Sendable, Equatable {
        case shapeMismatch
        case invalidArgument
        case tooLarge
        case outOfMemory
        case timeLimit
        case cancelled
        case unsupported
        case io
    }

    /// The refusals a learner commonly meets, as facts: the sentence saying each is in the
    /// catalog `engine-errors` (`sentence(in:)`), `message` is its English.
    public enum Detail: Hashable, Sendable {
        /// `a ⊕ b` failed at `dimension` (counted after aligning the last dimensions), where the
        /// sizes were `sizes[0]` and `sizes[1]`.
        case broadcast([Int], [Int], sizes: [Int], dimension: Int)
        /// `matmul(a, b)` with inner sizes `inner[0]` (last of `a`) and `inner[1]` (of `b`).
        case matmul([Int], [Int], inner: [Int])
        /// A convolution whose weight's `in_channels` is not the input's channels over `groups`.
        case convChannels(function: String, input: [Int], weight: [Int], groups: Int)
        /// A convolution's kernel or a pooling window (`kernel`, one size per spatial axis) that
        /// does not fit the `padded` input; `dilation` (as the call wrote it) and the `span` it
        /// gives only when the dilation widens the kernel.
        case kernelLargerThanInput(function: String, kernel: [Int], dilated: Dilated?, padded: [Int])
        /// A convolution or pooling setting below its minimum (`stride` 0, `padding` -1).
        case tooSmall(function: String, argument: String, minimum: Int, got: Size2D)
        /// `padding='same'` with a stride other than 1.
        case sameWithStride
        /// `reshape`/`view` to `shape`, which does not hold `count` elements of `from`.
        case reshape(shape: [Int], count: Int, from: [Int])
        /// A dimension outside `-bound..<bound`.
        case dimensionOutOfRange(dim: Int, bound: Int)
        /// An index outside a dimension of `size`.
        case indexOutOfRange(index: Int, dimension: Int, size: Int)
        /// `linear` with an input whose last size is not the weight's `in_features`.
        case linearFeatures(inFeatures: Int, weight: [Int], input: [Int])
        case tooLarge(shape: [Int], elements: Int, limit: Int)
        case outOfMemory(requestedBytes: Int, inUse: Int, limit: Int)
        case timeLimit(seconds: Double)
        /// Work of `kind` and `amount` that the `secondsLeft` cannot hold (`allowed` units at
        /// the kind's fastest rate).
        case tooMuchWork(kind: WorkEstimate.Kind, amount: Double, secondsLeft: Double, allowed: Double)
        case cancelled
        /// `inner` happened in layer `name` (of type `type`) of a `Sequential`.
        indirect case inLayer(name: String, type: String, inner: Detail)
        /// Any other refusal: its sentence in the catalog `engine-refusals`, and the pieces.
        case refusal(EngineRefusal, [String: MessageValue])

        /// A dilation that widens a kernel: as the call wrote it, and the size it spans.
        public struct Dilated: Hashable, Sendable {
            public let dilation: Size2D
            public let span: [Int]
        }
    }

    public let code: Code
    public let message: String
    /// The refusal's facts, which say it in any language; nil only for errors a test writes out.
    public let detail: Detail?

    /// A refusal said by `detail`: the English `message` comes from the catalog.
    public init(_ code: Code, _ detail: Detail) {
        self.init(code, detail.sentence(in: .english), detail: detail)
    }

    /// A refusal with its English message written out, for tests that state PyTorch's words;
    /// everything the engine throws is said from a `Detail`.
    init(_ code: Code, _ message: String, detail: Detail? = nil) {
        self.code = code
        self.message = message
        self.detail = detail
    }

    public var description: String { message }

    /// Two refusals are the same when they say the same: `detail` only repeats `message`'s pieces.
    public static func == (lhs: CNNError, rhs: CNNError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message
    }

    /// A refusal said by `refusal`'s sentence: the English `message` comes from the catalog, and
    /// other languages say the same facts in their own words.
    public init(_ code: Code, _ refusal: EngineRefusal, _ arguments: [String: any MessageArgument] = [:]) {
        self.init(code, .refusal(refusal, arguments.mapValues(\.messageValue)))
    }

    /// The message in `language`.
    public func message(in language: Language) -> String { detail?.sentence(in: language) ?? message }

    /// Two shapes that had to agree and did not, said by `refusal`.
    public static func shape(_ refusal: EngineRefusal, _ arguments: [String: any MessageArgument] = [:])
        -> CNNError
    {
        CNNError(.shapeMismatch, refusal, arguments)
    }

    /// An argument outside what the function accepts, said by `refusal`.
    public static func argument(_ refusal: EngineRefusal, _ arguments: [String: any MessageArgument] = [:])
        -> CNNError
    {
        CNNError(.invalidArgument, refusal, arguments)
    }

    /// Two shapes that had to agree and did not.
    public static func shape(_ detail: Detail) -> CNNError { CNNError(.shapeMismatch, detail) }

    /// An argument outside what the function accepts.
    public static func argument(_ detail: Detail) -> CNNError { CNNError(.invalidArgument, detail) }

    /// Two shapes that had to agree and did not, in English written out (tests).
    static func shape(_ message: String) -> CNNError { CNNError(.shapeMismatch, message) }

    /// An argument outside what the function accepts, in English written out (tests).
    static func argument(_ message: String) -> CNNError { CNNError(.invalidArgument, message) }

    public static func tooLarge(shape: [Int], elements: Int, limit: Int) -> CNNError {
        CNNError(.tooLarge, .tooLarge(shape: shape, elements: elements, limit: limit))
    }

    public static func outOfMemory(requestedBytes: Int, inUse: Int, limit: Int) -> CNNError {
        CNNError(.outOfMemory, .outOfMemory(requestedBytes: requestedBytes, inUse: inUse, limit: limit))
    }

    public static func timeLimit(seconds: Double) -> CNNError {
        CNNError(.timeLimit, .timeLimit(seconds: seconds))
    }

    /// Work refused before it starts because the time left cannot hold it: "this convolution is
    /// 4.0 × 10¹² multiply-adds; the 2 s left allow about 4.0 × 10¹¹".
    public static func tooMuchWork(_ work: WorkEstimate, secondsLeft: Double, allowed: Double) -> CNNError {
        CNNError(
            .timeLimit,
            .tooMuchWork(kind: work.kind, amount: work.amount, secondsLeft: secondsLeft, allowed: allowed))
    }

    public static func cancelled() -> CNNError { CNNError(.cancelled, .cancelled) }
}
