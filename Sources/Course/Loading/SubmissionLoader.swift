import Foundation
import Yams

/// Reads submission files (YAML, or JSON, which YAML reads too).
public enum SubmissionLoader {
    /// Reads the submission at `path`.
    /// - Throws: `CourseError` naming the file, line and column when it is unreadable, not YAML or
    ///   JSON, or lacks `learner`, `course`, `version` or `answers`. An optional `after_solution`
    ///   lists the answers given after the learner saw the solution.
    public static func load(at path: String) throws(CourseError) -> LearnerSubmission {
        let data = try SourceFile.read(path)
        guard let text = String(data: data, encoding: .utf8) else {
            let bytes = Array(data)
            let (line, column, offset) = invalidUTF8Position(in: bytes)
            let byte = offset < bytes.count ? " 0x" + String(bytes[offset], radix: 16, uppercase: true) : ""
            throw CourseError(
                .invalidSubmission,
                "submission: not valid UTF-8: the byte\(byte) at offset \(offset) does not start a valid character",
                at: CourseLocation(file: path, line: line, column: column))
        }
        return try parse(text, file: path)
    }

    /// Where the first sequence of bytes that is not valid UTF-8 starts: a 1-based line, a 1-based
    /// column counted in characters before it on its line (as editors count) and its 0-based byte
    /// offset. Without such a sequence it returns the end of the text.
    static func invalidUTF8Position(in bytes: [UInt8]) -> (line: Int, column: Int, offset: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            guard length > 0 else { break }
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
        return (line, column, index)
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 when none starts there (RFC 3629:
    /// no overlong forms, no UTF-16 surrogates, nothing above U+10FFFF).
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        let second: ClosedRange<UInt8>
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xE1...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return 0
        }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
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
        map.rejectUnknownKeys(allowed: ["learner", "course", "version", "answers", "after_solution"])
        let learner = map.required("learner", expected: "the learner's name")?.string("'learner'")
        let courseValue = map.required("course", expected: "the course id")
        let course = courseValue?.string("'course'")
        let versionValue = map.required("version", expected: "the course version")
        let version = versionValue?.int("'version'")
        let answersValue = map.required("answers", expected: "a map from lesson-id/exercise-id to the answer")
        var answers: [(String, String)] = []
        if let answersValue, let answerMap = answersValue.map("'answers'") {
            var seen: Set<String> = []
            // Each entry read where it stands: looking each key up again is quadratic, minutes
            // for a file of 200,000 answers.
            for (key, location, value) in answerMap.entries {
                guard seen.insert(key).inserted else {
                    log.add("'answers': '\(key)' appears twice", at: location)
                    continue
                }
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
        let afterSolution = map.strings("after_solution") ?? []
        guard log.problems.isEmpty, let learner, let course, let version else { throw fail() }
        var submission = LearnerSubmission(
            learner: learner, course: course, version: version, answers: answers, file: file,
            afterSolution: Set(afterSolution))
        submission.courseLocation = courseValue?.location ?? .start(of: file)
        submission.versionLocation = versionValue?.location ?? .start(of: file)
        return submission
    }
}
