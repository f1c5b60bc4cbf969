import Foundation
import Testing

@testable import Progress

/// The submission file format `grade` reads.
@Suite("ExportedSubmission")
struct SubmissionTests {
    @Test func wholeNumberVersionsAreWrittenAsNumbers() throws {
        let submission = ExportedSubmission(
            learner: "ada", course: "cnn-foundations", version: "1",
            answers: ["02-filters/edge": "conv2d(img, k)"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(submission), as: UTF8.self)
        #expect(
            json == #"{"answers":{"02-filters\/edge":"conv2d(img, k)"},"course":"cnn-foundations","#
                + #""learner":"ada","version":1}"#)
        #expect(try JSONDecoder().decode(ExportedSubmission.self, from: Data(json.utf8)) == submission)
    }

    @Test func otherVersionsStayText() throws {
        let submission = ExportedSubmission(learner: "ada", course: "c", version: "1.2-beta", answers: [:])
        let data = try JSONEncoder().encode(submission)
        #expect(String(decoding: data, as: UTF8.self).contains(#""version":"1.2-beta""#))
        #expect(try JSONDecoder().decode(ExportedSubmission.self, from: data) == submission)
    }
}
