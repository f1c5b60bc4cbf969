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

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Two shapes that had to agree and did not.
    public static func shape(_ message: String) -> CNNError { CNNError(.shapeMismatch, message) }

    /// An argument outside what the function accepts.
    public static func argument(_ message: String) -> CNNError { CNNError(.invalidArgument, message) }

    public static func tooLarge(shape: [Int], elements: Int, limit: Int) -> CNNError {
        CNNError(
            .tooLarge,
            "a tensor of shape \(shape) would have \(elements) elements; the limit is \(limit)")
    }

    public static func outOfMemory(requestedBytes: Int, inUse: Int, limit: Int) -> CNNError {
        CNNError(
            .outOfMemory,
            "out of memory: \(requestedBytes) more bytes requested with \(inUse) in use; the limit is \(limit)"
        )
    }

    public static func timeLimit(seconds: Double) -> CNNError {
        CNNError(.timeLimit, "stopped: the time limit of \(seconds) s was reached")
    }

    public static func cancelled() -> CNNError { CNNError(.cancelled, "interrupted") }
}
