import Foundation

/// Why a file could not be read or written, as a fact the catalogs choose their words by
/// (`{$cause -> [missing] … *[other] {$reason}}`): the common causes are said in the learner's
/// language, anything else by the system's own text (`reason`).
enum FileCause: String {
    case missing, denied, directory, notText, other

    /// Why reading `url` failed.
    static func reading(_ url: URL, asText: Bool = false) -> FileCause {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return .missing
        }
        if isDirectory.boolValue { return .directory }
        guard FileManager.default.isReadableFile(atPath: url.path) else { return .denied }
        return asText ? .notText : .other
    }

    /// Why writing `url` failed.
    static func writing(_ url: URL) -> FileCause {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return .directory }
            return FileManager.default.isWritableFile(atPath: url.path) ? .other : .denied
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else { return .missing }
        return FileManager.default.isWritableFile(atPath: folder) ? .other : .denied
    }

    /// The placeholders of a file refusal: the file, the cause, and the system's text.
    static func arguments(_ cause: FileCause, _ url: URL, _ error: any Error) -> [String: String] {
        ["file": url.path, "cause": cause.rawValue, "reason": error.localizedDescription]
    }
}
