import Wording

/// Everything that can go wrong while saving or reading a learner's progress.
///
/// Each error names the file it concerns (when there is one) and what failed, as facts: the
/// sentence is the catalog `progress-errors`'s, in any language (`description(in:)`); the
/// executable prints ``description`` (English). A `reason` is the system's or SQLite's own text.
public struct ProgressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed.
    public enum Problem: Sendable, Equatable {
        /// The data directory does not exist and could not be created.
        case cannotCreateDirectory(reason: String)
        /// The database file could not be opened or brought up to date, for a reason other than damage.
        case cannotOpen(reason: String)
        /// Another process held the database's lock for `seconds`.
        case busy(seconds: Int)
        /// The database was written by a newer cnntutor whose migrations this one does not know.
        case newerSchema(unknown: [String])
        /// A damaged database could not be moved out of the way.
        case cannotMoveAside(to: String, reason: String)
        /// A read or write failed after the database was opened.
        case database(Operation, reason: String)
        /// A write named a profile that was never opened.
        case unknownProfile(String)
        /// A profile, course, lesson or exercise name that is empty or only blanks.
        case invalidName(NameKind, String)
    }

    /// What the store was doing when the database failed, and the name it concerned.
    public struct Operation: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case close, readLatestAttempts, readStatuses, openProfile, listProfiles, setLanguage
            case readSetting, saveSetting, recordAttempt, readAttempts, savePosition, markCompleted
            case readPositions, resetLesson, listCourses
        }
        public let kind: Kind
        /// The profile, setting, exercise or lesson concerned; empty when none.
        public let name: String

        public init(_ kind: Kind, _ name: String = "") {
            self.kind = kind
            self.name = name
        }
    }

    /// The names checked before a write.
    public enum NameKind: String, Sendable {
        case profile, course, lesson, exercise
    }

    public let problem: Problem
    /// The file or directory concerned, when there is one.
    public let path: String?

    init(_ problem: Problem, path: String?) {
        self.problem = problem
        self.path = path
    }

    /// What failed, in one sentence (English).
    public var message: String { message(in: .english) }

    /// The message, prefixed with the path it concerns (English).
    public var description: String { description(in: .english) }

    /// What failed, in `language`.
    public func message(in language: Language) -> String {
        let key = ProgressErrorKey.self
        switch problem {
        case .cannotCreateDirectory(let reason):
            return language.say(key.cannotCreateDirectory, ["reason": reason])
        case .cannotOpen(let reason): return language.say(key.cannotOpen, ["reason": reason])
        case .busy(let seconds): return language.say(key.busy, ["seconds": seconds])
        case .newerSchema(let unknown):
            return language.say(key.newerSchema, ["unknown": unknown.joined(separator: ", ")])
        case .cannotMoveAside(let destination, let reason):
            return language.say(key.cannotMoveAside, ["destination": destination, "reason": reason])
        case .database(let operation, let reason):
            return language.say(
                key.database,
                ["operation": operation.kind.rawValue, "name": operation.name, "reason": reason])
        case .unknownProfile(let name): return language.say(key.unknownProfile, ["name": name])
        case .invalidName(let what, let name):
            return language.say(key.invalidName, ["what": what.rawValue, "name": name])
        }
    }

    /// The message in `language`, prefixed with the path it concerns.
    public func description(in language: Language) -> String {
        guard let path else { return message(in: language) }
        return "\(path): \(message(in: language))"
    }

    static func cannotCreateDirectory(_ path: String, reason: String) -> ProgressError {
        ProgressError(.cannotCreateDirectory(reason: reason), path: path)
    }

    static func cannotOpen(_ path: String, reason: String) -> ProgressError {
        ProgressError(.cannotOpen(reason: reason), path: path)
    }

    static func busy(_ path: String, seconds: Int) -> ProgressError {
        ProgressError(.busy(seconds: seconds), path: path)
    }

    static func newerSchema(_ path: String, unknown: [String]) -> ProgressError {
        ProgressError(.newerSchema(unknown: unknown), path: path)
    }

    static func cannotMoveAside(_ path: String, to destination: String, reason: String) -> ProgressError {
        ProgressError(.cannotMoveAside(to: destination, reason: reason), path: path)
    }

    static func database(_ path: String?, while operation: Operation, reason: String) -> ProgressError {
        ProgressError(.database(operation, reason: reason), path: path)
    }

    static func unknownProfile(_ name: String) -> ProgressError {
        ProgressError(.unknownProfile(name), path: nil)
    }

    static func invalidName(_ what: NameKind, _ name: String) -> ProgressError {
        ProgressError(.invalidName(what, name), path: nil)
    }
}

/// The sentences of `ProgressError` (catalog `progress-errors`).
public enum ProgressErrorKey: String, MessageKey {
    public static let catalog = "progress-errors"

    case cannotCreateDirectory, cannotOpen, busy, newerSchema, cannotMoveAside, database, unknownProfile
    case invalidName
}
