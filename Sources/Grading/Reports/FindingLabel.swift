import Wording

extension Verdict.Finding {
    /// The finding as an instructor's report shows it, the one form every report uses:
    /// `source:id`, the choice it is about, and its numbers sorted by name —
    /// `mistake:flipped-kernel`, `choice:choice-wrong b (missing=0, wrong=1)`,
    /// `mutant:plus-one-dropped (answer=5)`. Ids and numbers, not sentences: a report reads the
    /// same whatever language the learner was graded in.
    var label: String {
        var text = "\(source.rawValue):\(id)"
        if let choice { text += " \(choice)" }
        if !numbers.isEmpty {
            text +=
                " ("
                + numbers.keys.sorted().map { "\($0)=\(NumberFormat.short(numbers[$0] ?? 0))" }.joined(
                    separator: ", ") + ")"
        }
        return text
    }

    /// The finding in a JSON report: `{"source", "id", "choice"?, "numbers", "specific"}`.
    var json: JSONValue {
        var fields: [(String, JSONValue)] = [("source", .string(source.rawValue)), ("id", .string(id))]
        if let choice { fields.append(("choice", .string(choice))) }
        fields.append(
            ("numbers", .object(numbers.keys.sorted().map { ($0, JSONValue.number(numbers[$0] ?? 0)) })))
        fields.append(("specific", .bool(isSpecific)))
        return .object(fields)
    }
}

extension Verdict {
    /// Every finding's label, `; `-separated (empty for a pass); a verdict made before findings
    /// existed shows its named mistake.
    var findingLabels: String {
        if findings.isEmpty, let mistake { return Finding(.mistake, mistake, isSpecific: true).label }
        return findings.map(\.label).joined(separator: "; ")
    }

    /// What explains a wrong answer, for a report's "commonest" tables: the named mistake, else
    /// the first finding that names a cause (a mutant, a choice, a built-in diagnosis, a check's
    /// own message), with whether it is the course's named mistake.
    var explanation: (name: String, named: Bool)? {
        if let mistake { return (mistake, true) }
        guard
            let finding = findings.first(where: { $0.isSpecific && $0.source != .check })
                ?? findings.first(where: \.isSpecific)
        else { return nil }
        return (finding.choice.map { "\(finding.id) \($0)" } ?? finding.id, false)
    }
}
