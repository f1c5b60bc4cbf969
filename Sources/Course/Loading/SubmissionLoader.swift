import Foundation
import Yams

/// Reads submission files (YAML, or JSON, which YAML reads too).
public enum SubmissionLoader {
    /// Reads the submission at `path`.
    /// - Throws: `CourseError` naming the file, line and column when it is unreadable, not YAML or
    ///   JSON, or lacks `learner`, `course`, `version` or `answers`.
    public static func load(at path: String) throws(CourseError) -> LearnerSubmission {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CourseError.unreadable(path, "no such file, or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CourseError.unreadable(path, "not valid UTF-8")
        }
        return try parse(text, file: path)
    }

    /// Parses submission text read from `file`.
    public static func parse(_ text: String, file: String) throws(CourseError) -> LearnerSubmission {
        let log = ProblemLog()
        let source = YAMLSource(text: text, file: file, lineOffset: 0, columnOffset: 0, log: log)
        func fail() -> CourseError {
            let first = log.problems.first
            return CourseError(
                .invalidSubmission,
                first?.message ?? "submission: expected learner, course, version and answers",
                at: first?.location ?? .start(of: file))
        }
        guard let map = source.parse(what: "submission")?.map("submission") else { throw fail() }
        map.rejectUnknownKeys(allowed: ["learner", "course", "version", "answers"])
        let learner = map.required("learner", expected: "the learner's name")?.string("'learner'")
        let course = map.required("course", expected: "the course id")?.string("'course'")
        let version = map.required("version", expected: "the course version")?.int("'version'")
        let answersValue = map.required("answers", expected: "a map from lesson-id/exercise-id to the answer")
        var answers: [(String, String)] = []
        if let answersValue, let answerMap = answersValue.map("'answers'") {
            var seen: Set<String> = []
            for (key, location) in answerMap.keys {
                guard seen.insert(key).inserted else {
                    log.add("'answers': '\(key)' appears twice", at: location)
                    continue
                }
                guard let value = answerMap.value(key) else { continue }
                if value.isNull { continue }
                if case .sequence = value.node {
                    answers.append((key, (value.strings("'\(key)'") ?? []).joined(separator: ", ")))
                } else if let text = value.string("'\(key)'") {
                    answers.append((key, text))
                }
            }
        } else if answersValue?.isNull == true {
            answers = []
        }
        guard log.problems.isEmpty, let learner, let course, let version else { throw fail() }
        return LearnerSubmission(
            learner: learner, course: course, version: version, answers: answers, file: file)
    }
}
