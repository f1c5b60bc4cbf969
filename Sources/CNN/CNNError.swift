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

    /// The refusals a learner commonly meets, with their pieces, so that a caller can say them in
    /// another language than `message`'s English. Shapes and sizes are the ones in `message`.
    public enum Detail: Hashable, Sendable {
        /// `a ⊕ b` failed at `dimension` (counted after aligning the last dimensions), where the
        /// sizes were `sizes[0]` and `sizes[1]`.
        case broadcast([Int], [Int], sizes: [Int], dimension: Int)
        /// `matmul(a, b)` with inner sizes `inner[0]` (last of `a`) and `inner[1]` (of `b`).
        case matmul([Int], [Int], inner: [Int])
        /// A convolution whose weight's `in_channels` does not match the input's channels.
        case convChannels(function: String, input: [Int], weight: [Int], expected: String, groups: Int)
        /// A convolution whose (dilated) kernel does not fit the padded input; sizes as `5×5`;
        /// `span` and `dilation` (as the call wrote it) only when the dilation widens the kernel.
        case kernelLargerThanInput(
            function: String, kernel: String, span: String?, dilation: String?, padded: String)
        /// A convolution or pooling setting below its minimum (`stride` 0, `padding` -1).
        case tooSmall(function: String, argument: String, minimum: Int, got: String)
        /// `padding='same'` with a stride other than 1.
        case sameWithStride
        /// A pooling window (`kernel`, as `3×3`) that does not fit the padded input.
        case windowLargerThanInput(
            function: String, kernel: String, span: String?, dilation: String?, padded: String)
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
    }

    public let code: Code
    public let message: String
    /// The refusal's pieces, for the commonest ones; nil for the rest.
    public let detail: Detail?

    public init(_ code: Code, _ message: String, detail: Detail? = nil) {
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
        let values = arguments.mapValues(\.messageValue)
        self.init(code, Language.english.say(refusal, values), detail: .refusal(refusal, values))
    }

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
    public static func shape(_ message: String, detail: Detail? = nil) -> CNNError {
        CNNError(.shapeMismatch, message, detail: detail)
    }

    /// An argument outside what the function accepts.
    public static func argument(_ message: String, detail: Detail? = nil) -> CNNError {
        CNNError(.invalidArgument, message, detail: detail)
    }

    public static func tooLarge(shape: [Int], elements: Int, limit: Int) -> CNNError {
        CNNError(
            .tooLarge,
            "a tensor of shape \(shape) would have \(elements) elements; the limit is \(limit)",
            detail: .tooLarge(shape: shape, elements: elements, limit: limit))
    }

    public static func outOfMemory(requestedBytes: Int, inUse: Int, limit: Int) -> CNNError {
        CNNError(
            .outOfMemory,
            "out of memory: \(NumberFormat.bytes(requestedBytes)) more requested with \(NumberFormat.bytes(inUse)) already held by this "
                + "session's tensors and lists; the session's limit is \(NumberFormat.bytes(limit)) "
                + "(del names you no longer need to give memory back)",
            detail: .outOfMemory(requestedBytes: requestedBytes, inUse: inUse, limit: limit))
    }

    public static func timeLimit(seconds: Double) -> CNNError {
        CNNError(
            .timeLimit, "stopped: the time limit of \(NumberFormat.seconds(seconds)) s was reached",
            detail: .timeLimit(seconds: seconds))
    }

    /// Work refused before it starts because the time left cannot hold it: "this convolution is
    /// 4.0 × 10¹² multiply-adds; the 2 s left allow about 4.0 × 10¹¹".
    public static func tooMuchWork(_ work: WorkEstimate, secondsLeft: Double, allowed: Double) -> CNNError {
        let what: String =
            switch work.kind {
            case .convolution: "this convolution is \(NumberFormat.magnitude(work.amount)) multiply-adds"
            case .matrixProduct: "this matrix product is \(NumberFormat.magnitude(work.amount)) multiply-adds"
            case .pooling: "this pooling reads \(NumberFormat.magnitude(work.amount)) window elements"
            case .randomNumbers: "this asks for \(NumberFormat.magnitude(work.amount)) random numbers"
            case .elements: "this builds \(NumberFormat.magnitude(work.amount)) elements one by one"
            }
        return CNNError(
            .timeLimit,
            "\(what); the \(NumberFormat.seconds(secondsLeft)) s left of the time limit allow about "
                + "\(NumberFormat.magnitude(allowed)) — make the sizes smaller",
            detail: .tooMuchWork(
                kind: work.kind, amount: work.amount, secondsLeft: secondsLeft, allowed: allowed))
    }

    public static func cancelled() -> CNNError { CNNError(.cancelled, "interrupted", detail: .cancelled) }
}
