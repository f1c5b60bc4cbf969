/// Everything that can go wrong while saving or reading a learner's progress.
///
/// Each error names the file it concerns (when there is one) and what failed, in words a learner
/// can act on; the executable prints ``description`` as is.
public struct ProgressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure; kept private so new ones can be added without breaking callers.
    private enum Code: Sendable, Equatable {
        case cannotCreateDirectory
        case cannotOpen
        case newerSchema
        case cannotMoveAside
        case database
        case unknownProfile
        case invalidName
    }

    private let code: Code
    /// The file or directory concerned, when there is one.
    public let path: String?
    /// What failed, in one sentence.
    public let message: String

    private init(_ code: Code, path: String?, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// The message, prefixed with the path it concerns.
    public var description: String {
        guard let path else { return message }
        return "\(path): \(message)"
    }

    /// The data directory does not exist and could not be created.
    static func cannotCreateDirectory(_ path: String, reason: String) -> ProgressError {
        ProgressError(
            .cannotCreateDirectory, path: path,
            message: "cannot create the progress directory (\(reason))")
    }

    /// The database file could not be opened or brought up to date, for a reason other than damage.
    static func cannotOpen(_ path: String, reason: String) -> ProgressError {
        ProgressError(.cannotOpen, path: path, message: "cannot open the progress database (\(reason))")
    }

    /// The database was written by a newer cnntutor whose migrations this one does not know.
    static func newerSchema(_ path: String, unknown: [String]) -> ProgressError {
        ProgressError(
            .newerSchema, path: path,
            message: "the progress database was written by a newer cnntutor "
                + "(unknown migrations: \(unknown.joined(separator: ", "))); update cnntutor to use it")
    }

    /// A damaged database could not be moved out of the way.
    static func cannotMoveAside(_ path: String, to destination: String, reason: String) -> ProgressError {
        ProgressError(
            .cannotMoveAside, path: path,
            message: "the progress database is damaged and could not be moved to \(destination) (\(reason))")
    }

    /// A read or write failed after the database was opened.
    static func database(_ path: String?, while operation: String, reason: String) -> ProgressError {
        ProgressError(.database, path: path, message: "could not \(operation) (\(reason))")
    }

    /// A write named a profile that was never opened.
    static func unknownProfile(_ name: String) -> ProgressError {
        ProgressError(
            .unknownProfile, path: nil,
            message: "no profile named '\(name)'; open it with openProfile(named:language:) first")
    }

    /// A profile, course, lesson or exercise name that is empty or only blanks.
    static func invalidName(_ what: String, _ name: String) -> ProgressError {
        ProgressError(.invalidName, path: nil, message: "\(what) name '\(name)' is empty")
    }
}
