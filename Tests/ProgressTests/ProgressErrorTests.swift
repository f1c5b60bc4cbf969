import Testing
import Wording

@testable import Progress

/// A progress failure is said from the catalog `progress-errors` in every language: English as it
/// always read, Korean without an English sentence of the tool's own.
@Suite struct ProgressErrorTests {
    static let reason = "disk I/O error"
    static let errors: [ProgressError] =
        [
            .cannotCreateDirectory("/d", reason: reason), .cannotOpen("/d/p", reason: reason),
            .busy("/d/p", seconds: 5), .newerSchema("/d/p", unknown: ["v99", "v100"]),
            .cannotMoveAside("/d/p", to: "/d/p.damaged", reason: reason), .unknownProfile("minji"),
            .invalidName(.lesson, " "),
        ]
        + ProgressError.Operation.Kind.allCases.map {
            .database("/d/p", while: .init($0, "01-tensors"), reason: reason)
        }

    @Test func englishReadsAsBefore() {
        #expect(
            ProgressError.busy("/d/p", seconds: 5).description
                == "/d/p: cannot open the progress database (another cnntutor kept the progress database busy for 5 s)"
        )
        #expect(
            ProgressError.database("/d/p", while: .init(.savePosition, "01-tensors"), reason: Self.reason)
                .description
                == "/d/p: could not save the position in lesson '01-tensors' (disk I/O error)")
        #expect(ProgressError.invalidName(.exercise, "").message == "exercise name '' is empty")
    }

    @Test func everyFailureIsSaidInKorean() {
        let korean = Language("ko")
        var sentences: Set<String> = []
        for error in Self.errors {
            let said = error.description(in: korean)
            #expect(said.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }, "\(said)")
            // Only the system's reason is English.
            let own = said.replacingOccurrences(of: Self.reason, with: "")
            #expect(
                own.range(of: #"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}"#, options: .regularExpression) == nil,
                "\(said)")
            sentences.insert(said)
        }
        // Every operation has words of its own.
        #expect(sentences.count == Self.errors.count)
    }
}
