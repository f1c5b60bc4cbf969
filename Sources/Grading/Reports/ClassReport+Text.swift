extension ClassReport {
    /// A table per learner (each answer's status, points, every finding and the message's first
    /// line), then the class summary: per-exercise pass rate and the most common named mistakes.
    func textReport() -> String {
        var lines: [String] = [
            "\(course) v\(version): \(learners.count) learner\(learners.count == 1 ? "" : "s")"
        ]
        for learner in learners {
            lines.append("")
            lines.append(
                "\(learner.learner) (\(learner.file)): \(learner.points)/\(learner.maxPoints) points")
            let rows = learner.results.map { result -> [String] in
                let verdict = result.verdict
                return [
                    result.exercise, verdict.statusText, "\(verdict.points)/\(verdict.maxPoints)",
                    verdict.findingLabels, Self.firstLine(verdict.message),
                ]
            }
            lines += Self.table(header: ["exercise", "status", "points", "findings", "message"], rows: rows)
                .map { "  " + $0 }
            for note in learner.notes { lines.append("  note: \(note)") }
        }
        for item in skipped {
            lines.append("")
            lines.append(
                item.message.hasPrefix(item.file)
                    ? "skipped \(item.message)" : "skipped \(item.file): \(item.message)")
        }
        lines.append("")
        guard !learners.isEmpty else {
            // A table of 0/0 rows would read as a class that failed everything.
            lines.append("No submission could be graded, so there is no class summary.")
            return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n") + "\n"
        }
        lines.append("Class summary")
        let summaryRows = exercises.map { key -> [String] in
            let verdicts = learners.compactMap { $0.results.first { $0.exercise == key }?.verdict }
            let passed = verdicts.filter(\.passed).count
            let percent = verdicts.isEmpty ? 0 : (passed * 100 + verdicts.count / 2) / verdicts.count
            return [key, "\(passed)/\(verdicts.count)", "\(percent)%"]
        }
        lines += Self.table(header: ["exercise", "passed", "rate"], rows: summaryRows).map { "  " + $0 }
        let mistakes = commonMistakes()
        if !mistakes.isEmpty {
            lines.append("")
            lines.append("Most common named mistakes")
            lines += Self.table(
                header: ["mistake", "exercise", "learners"],
                rows: mistakes.prefix(10).map {
                    [mistakeName($0.mistake, exercise: $0.exercise), $0.exercise, String($0.count)]
                }
            ).map { "  " + $0 }
        }
        return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n") + "\n"
    }

    /// Named mistakes by how many learners made them, most first; ties by exercise then id.
    public func commonMistakes() -> [(mistake: String, exercise: String, count: Int)] {
        var counts: [String: (String, String, Int)] = [:]
        for learner in learners {
            for result in learner.results {
                guard let mistake = result.verdict.mistake else { continue }
                let key = result.exercise + "\u{0}" + mistake
                counts[key, default: (mistake, result.exercise, 0)].2 += 1
            }
        }
        return counts.values.sorted { ($1.2, $0.1, $0.0) < ($0.2, $1.1, $1.0) }.map { ($0.0, $0.1, $0.2) }
    }

    private static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return line.count > 72 ? String(line.prefix(71)) + "…" : line
    }

    /// Left-aligned columns, the header underlined.
    static func table(header: [String], rows: [[String]]) -> [String] {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(
                separator: "  ")
        }
        return [line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
    }
}
