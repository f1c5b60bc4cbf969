/// Who sees a test's result on Gradescope (the autograder specification's `visibility`).
public enum GradescopeVisibility: String, Hashable, Sendable, CaseIterable {
    case visible, hidden
    case afterDueDate = "after_due_date"
    case afterPublished = "after_published"
}

/// One submission's `results.json` for Gradescope's autograder.
public struct GradescopeResults: Hashable, Sendable {
    /// The learner, or nil for a submission that could not be read.
    public var learner: String?
    /// The submission file.
    public var file: String
    /// The document, ending with a newline.
    public var json: String
}

extension ClassReport {
    /// One `results.json` per submission, in the layout of Gradescope's autograder specification:
    /// `{"score", "tests": [{"name", "score", "max_score", "status", "output", "visibility"}],
    /// "extra_data"}` — a test per exercise in course order, named `lesson-id/exercise-id`, its
    /// output the message the learner would read (empty for a pass); `extra_data` holds what is for
    /// the instructor (schema version, course, file, the named mistake ids, notes).
    ///
    /// A submission that could not be read still gets one, with score 0, no tests and the reason
    /// as its `output`, so an autograder always has a result to upload. Learners first (by name),
    /// then the unreadable files.
    public func gradescopeResults(visibility: GradescopeVisibility = .visible) -> [GradescopeResults] {
        var results = learners.map { learner in
            let tests: [JSONValue] = learner.results.map { result in
                .object([
                    ("name", .string(result.exercise)),
                    ("score", .int(result.verdict.points)),
                    ("max_score", .int(result.verdict.maxPoints)),
                    ("status", .string(result.verdict.passed ? "passed" : "failed")),
                    ("output", .string(result.verdict.message)),
                    ("visibility", .string(visibility.rawValue)),
                ])
            }
            let mistakes = learner.results.compactMap { result in
                result.verdict.mistake.map { (result.exercise, JSONValue.string($0)) }
            }
            let findings = learner.results.filter { !$0.verdict.findings.isEmpty }.map { result in
                (result.exercise, JSONValue.array(result.verdict.findings.map(\.json)))
            }
            let document = JSONValue.object([
                ("score", .int(learner.points)),
                ("tests", .array(tests)),
                (
                    "extra_data",
                    .object([
                        ("schema_version", .int(Self.schemaVersion)),
                        ("course", .string(course)),
                        ("version", .int(version)),
                        ("learner", .string(learner.learner)),
                        ("file", .string(learner.file)),
                        ("max_points", .int(learner.maxPoints)),
                        ("mistakes", .object(mistakes)),
                        ("findings", .object(findings)),
                        (
                            "statuses",
                            .object(
                                learner.results.map { ($0.exercise, .string($0.verdict.status.rawValue)) })
                        ),
                        ("notes", .array(learner.notes.map(JSONValue.string))),
                    ])
                ),
            ])
            return GradescopeResults(
                learner: learner.learner, file: learner.file, json: document.rendered() + "\n")
        }
        for item in skipped {
            let document = JSONValue.object([
                ("score", .int(0)),
                ("output", .string(item.message)),
                ("tests", .array([])),
                (
                    "extra_data",
                    .object([
                        ("schema_version", .int(Self.schemaVersion)),
                        ("course", .string(course)),
                        ("version", .int(version)),
                        ("file", .string(item.file)),
                        ("skipped", .bool(true)),
                    ])
                ),
            ])
            results.append(GradescopeResults(learner: nil, file: item.file, json: document.rendered() + "\n"))
        }
        return results
    }

    /// Folder names for `gradescopeResults` written side by side: the learner's name (or the
    /// file's, for an unreadable one) made safe for a path, with the file's name added when two
    /// would clash. Deterministic, one per result, in the same order.
    public static func gradescopeFolderNames(_ results: [GradescopeResults]) -> [String] {
        func safe(_ text: String) -> String {
            let cleaned = String(
                text.map { character -> Character in
                    character.isLetter || character.isNumber || "-_.@".contains(character) ? character : "_"
                })
            let trimmed = cleaned.drop { $0 == "." }
            return trimmed.isEmpty ? "_" : String(trimmed.prefix(100))
        }
        func base(_ file: String) -> String {
            let name = file.split(separator: "/").last.map(String.init) ?? file
            return name.split(separator: ".").dropLast().joined(separator: ".").isEmpty
                ? name : name.split(separator: ".").dropLast().joined(separator: ".")
        }
        let first = results.map { safe($0.learner ?? base($0.file)) }
        var counts: [String: Int] = [:]
        for name in first { counts[name, default: 0] += 1 }
        var used: Set<String> = []
        return zip(results, first).map { result, name in
            var chosen = counts[name, default: 0] > 1 ? name + "~" + safe(base(result.file)) : name
            var suffix = 2
            while used.contains(chosen) {
                chosen = name + "~\(suffix)"
                suffix += 1
            }
            used.insert(chosen)
            return chosen
        }
    }
}
