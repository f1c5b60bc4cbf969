import Foundation
import Progress
import Yams

/// Writes an ``ExportedSubmission`` as the YAML or JSON file `cnntutor grade` reads.
enum SubmissionFile {
    /// The submission as YAML: fields in the documented order, answers in `order` (course order),
    /// each answer quoted so that text like `3` or `yes` stays text.
    ///
    /// - Parameter order: Answer keys in the order to write them; keys not listed follow, sorted.
    static func yaml(_ submission: ExportedSubmission, order: [String]) throws -> String {
        let listed = order.filter { submission.answers[$0] != nil }
        let rest = submission.answers.keys.filter { !listed.contains($0) }.sorted()
        let answers: [(Node, Node)] = (listed + rest).compactMap { key in
            guard let text = submission.answers[key] else { return nil }
            let style: Node.Scalar.Style = text.contains("\n") ? .literal : .doubleQuoted
            return (Node(key), Node(text, Tag(.str), style))
        }
        let version: Node =
            Int(submission.version) != nil
            ? Node(submission.version, Tag(.int)) : Node(submission.version, Tag(.str), .doubleQuoted)
        var fields: [(Node, Node)] = [
            (Node("learner"), Node(submission.learner, Tag(.str), .doubleQuoted)),
            (Node("course"), Node(submission.course, Tag(.str), .doubleQuoted)),
            (Node("version"), version),
            (Node("answers"), Node.mapping(Node.Mapping(answers))),
        ]
        if !submission.afterSolution.isEmpty {
            // In course order too, so the list reads beside the answers it qualifies.
            let after = Set(submission.afterSolution)
            let keys = order.filter(after.contains) + after.subtracting(order).sorted()
            fields.append(
                (
                    Node("after_solution"),
                    Node.sequence(Node.Sequence(keys.map { Node($0, Tag(.str), .doubleQuoted) }))
                )
            )
        }
        let root = Node.mapping(Node.Mapping(fields))
        return try Yams.serialize(node: root, allowUnicode: true)
    }

    /// The submission as JSON with sorted keys, so the same answers give the same bytes.
    static func json(_ submission: ExportedSubmission) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(submission), as: UTF8.self) + "\n"
    }

    /// JSON for a path ending in `.json`, YAML for anything else (`.yaml`, `.yml`, `-`).
    static func text(_ submission: ExportedSubmission, order: [String], path: String) throws -> String {
        path.lowercased().hasSuffix(".json")
            ? try json(submission) : try yaml(submission, order: order)
    }
}
