extension AnswerKey {
    /// The key as GitHub-flavoured Markdown.
    public func markdown() -> String {
        var out: [String] = []
        out.append("# Answer key: \(title)")
        out.append("")
        out.append(
            "Course `\(course)`, version \(version), language `\(language)`. \(points) points in total.")
        out.append(
            "Expected values were computed by running the reference answers on the engine; every wrong")
        out.append("answer below was graded when this key was made.")
        out.append("")
        out.append("| lesson | exercises | points |")
        out.append("|---|---:|---:|")
        for lesson in lessons {
            out.append(
                "| [\(lesson.id) — \(lesson.title.markdownCell)](#\(lesson.id)) | \(lesson.exercises.count) | \(lesson.points) |"
            )
        }
        out.append("| **total** | \(lessons.reduce(0) { $0 + $1.exercises.count }) | \(points) |")
        for lesson in lessons {
            out.append("")
            out.append("<a id=\"\(lesson.id)\"></a>")
            out.append("## \(lesson.id) — \(lesson.title) (\(lesson.points) points)")
            for exercise in lesson.exercises { out += markdown(exercise) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func markdown(_ exercise: ExerciseKey) -> [String] {
        var out = [
            "",
            "### \(exercise.key) (\(exercise.kind), \(exercise.points) point\(exercise.points == 1 ? "" : "s"))",
            "",
        ]
        out.append(exercise.prompt)
        if !exercise.choices.isEmpty {
            out.append("")
            out += exercise.choices.map { choice in
                "- **\(choice.id)**: \(choice.text)"
                    + (exercise.why[choice.id].map { " — why not: \($0)" } ?? "")
            }
        }
        if let problem = exercise.problem {
            out += ["", "**This exercise cannot be graded:** \(problem)"]
        }
        if let setup = exercise.setup {
            out += ["", "Setup:", "", "```cnn", setup, "```"]
        }
        out += ["", "Reference answer:", "", "```cnn", exercise.reference, "```"]
        if !exercise.alternatives.isEmpty {
            out += ["", "Also accepted:", ""]
            out += exercise.alternatives.map { "- `\($0.inlineCode)`" }
        }
        if exercise.problem == nil {
            let expected = exercise.expectedNumbers.map(MatrixText.render) ?? exercise.expectedText
            out += ["", "Expected value (computed by the engine):", "", "```", expected, "```"]
        }
        if !exercise.checks.isEmpty {
            out += ["", "Checks (each must hold):", ""]
            out += exercise.checks.map { check in
                let points =
                    check.points.map { " (\($0) point\($0 == 1 ? "" : "s") of partial credit)" } ?? ""
                return "- `\(check.id)`\(points): `\(check.expect.inlineCode)`; otherwise: “\(check.message)”"
            }
        }
        if !exercise.hints.isEmpty {
            out += ["", "Hints:", ""]
            out += exercise.hints.enumerated().map { "\($0.offset + 1). \($0.element)" }
        }
        if !exercise.mistakes.isEmpty {
            out += ["", "Named mistakes:", ""]
            out += exercise.mistakes.map {
                "- `\($0.id)`\($0.title.map { " (\($0))" } ?? "") when `\($0.when.inlineCode)`: “\($0.message)”"
            }
        }
        if !exercise.wrongAnswers.isEmpty {
            out += ["", "Recorded wrong answers, as the grader judges them:", ""]
            out.append("| answer | recorded mistake | verdict | mistake | findings | message |")
            out.append("|---|---|---|---|---|---|")
            for wrong in exercise.wrongAnswers {
                out.append(
                    "| `\(wrong.answer.inlineCode.markdownCell)` | \(wrong.recordedMistake ?? "none") | \(wrong.status.rawValue) \(wrong.points)/\(exercise.points) | \(wrong.mistake ?? "none") | \(wrong.findings.joined(separator: "; ").markdownCell) | \(wrong.message.markdownCell) |"
                )
            }
        }
        return out
    }
}

extension String {
    /// Text safe inside a Markdown table cell: pipes escaped, line breaks as `<br>`.
    var markdownCell: String {
        replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
    }

    /// Code on one line for an inline code span.
    var inlineCode: String {
        split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
            .replacingOccurrences(of: "`", with: "'")
    }
}
