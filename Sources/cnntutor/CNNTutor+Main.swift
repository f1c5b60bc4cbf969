import ArgumentParser
import CNN
import Foundation

extension CNNTutor {
    /// Runs the command like ArgumentParser's default `main()`, except that usage errors (a bad or
    /// missing option) exit with status 2, as every cnntutor command promises (0 success, 1
    /// "checked or graded and something failed", 2 usage or input error), instead of 64.
    static func main() {
        applyThreadSetting(ProcessInfo.processInfo.environment)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// `CNNTUTOR_THREADS` caps the engine's threads (default: all cores). Results do not depend on
    /// it (the kernels split work by shape, not by thread), only speed does. A value that is not
    /// a positive whole number is ignored, with a warning, rather than stopping the learner.
    static func applyThreadSetting(_ environment: [String: String]) {
        guard let text = environment["CNNTUTOR_THREADS"], !text.isEmpty else { return }
        guard let count = Int(text.trimmingCharacters(in: .whitespaces)), count >= 1 else {
            FileHandle.standardError.write(
                Data("cnntutor: ignoring CNNTUTOR_THREADS=\(text): expected a whole number ≥ 1\n".utf8))
            return
        }
        Parallelism.threadCount = count
    }
}
