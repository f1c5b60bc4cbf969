extension ClassReport {
    /// `learner,file,<exercise>…,total,max_points,findings`: one row per learner (per submission
    /// file, so a learner name met in two files has two rows told apart by `file`), the points per
    /// exercise, and every failing answer's findings (`exercise: label; label | exercise: …`).
    func csvReport() -> String {
        var rows = [
            (["learner", "file"] + exercises + ["total", "max_points", "findings"]).map(Self.csvField).joined(
                separator: ",")
        ]
        for learner in learners {
            let points = exercises.map { key in
                learner.results.first { $0.exercise == key }.map { String($0.verdict.points) } ?? ""
            }
            let fields =
                [learner.learner, learner.file] + points + [
                    String(learner.points), String(learner.maxPoints),
                    learner.results.filter { !$0.verdict.findingLabels.isEmpty }.map {
                        "\($0.exercise): \($0.verdict.findingLabels)"
                    }.joined(separator: " | "),
                ]
            rows.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting: fields with commas, quotes or line breaks are quoted, quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
