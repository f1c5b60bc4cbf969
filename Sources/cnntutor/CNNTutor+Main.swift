import ArgumentParser
import Foundation

extension CNNTutor {
    /// Runs the command like ArgumentParser's default `main()`, except that usage errors (a bad or
    /// missing option) exit with status 2, as every cnntutor command promises (0 success, 1
    /// "checked or graded and something failed", 2 usage or input error), instead of 64.
    static func main() {
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
}
