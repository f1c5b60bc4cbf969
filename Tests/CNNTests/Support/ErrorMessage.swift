@testable import CNN

/// The message of the `CNNError` that `body` throws, or nil when it succeeds; any other error's
/// description, so a wrong error type still fails the comparison visibly.
func errorMessage<R>(_ body: () throws -> R) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as CNNError {
        return error.message
    } catch {
        return "not a CNNError: \(error)"
    }
}
