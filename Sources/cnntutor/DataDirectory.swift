import Foundation

/// Where the learner's data lives: `progress.sqlite` and the per-profile line-editor history.
///
/// The first that is set wins: `--data-dir`, `CNNTUTOR_DATA_DIR`, `$XDG_DATA_HOME/cnntutor`,
/// `~/.local/share/cnntutor`. Only the executable reads the environment, so this lives here.
enum DataDirectory {
    /// Resolves the data directory from the command line option and this process's environment.
    /// - Parameter option: The `--data-dir` value, if given.
    static func resolve(option: String?) -> URL {
        let environment = ProcessInfo.processInfo.environment
        let home =
            environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        return resolve(option: option, environment: environment, home: home)
    }

    /// Resolves the data directory from explicit inputs (the rule itself, testable on its own).
    ///
    /// Relative paths in `--data-dir` and `CNNTUTOR_DATA_DIR` are taken from the current directory;
    /// a relative `XDG_DATA_HOME` is ignored, as the XDG Base Directory specification requires.
    static func resolve(option: String?, environment: [String: String], home: String) -> URL {
        if let option, !option.isEmpty {
            return URL(fileURLWithPath: option, isDirectory: true)
        }
        if let explicit = environment["CNNTUTOR_DATA_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("cnntutor")
        }
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/cnntutor")
    }
}
