extension ClassReport {
    /// `{"schema_version", "course", "version", "learners": [{"learner", "file", "points",
    /// "max_points", "results": [{"exercise", "status", "points", "max_points", "message",
    /// "mistake", "duration_ms", "diagnosis"?, "failed_checks"?, "findings"?}], "notes"}], "skipped": [{"file",
    /// "message"}]}`; `docs/grading.md` is the schema's reference.
    func jsonReport() -> String {
        let learners: [JSONValue] = learners.map { learner in
            .object([
                ("learner", .string(learner.learner)),
                ("file", .string(learner.file)),
                ("points", .int(learner.points)),
                ("max_points", .int(learner.maxPoints)),
                ("results", .array(learner.results.map(Self.json))),
                ("notes", .array(learner.notes.map(JSONValue.string))),
            ])
        }
        let document = JSONValue.object([
            ("schema_version", .int(Self.schemaVersion)),
            ("course", .string(course)),
            ("version", .int(version)),
            ("learners", .array(learners)),
            (
                "skipped",
                .array(
                    skipped.map { .object([("file", .string($0.file)), ("message", .string($0.message))]) })
            ),
        ])
        return document.rendered() + "\n"
    }

    private static func json(_ result: Result) -> JSONValue {
        let verdict = result.verdict
        var fields: [(String, JSONValue)] = [
            ("exercise", .string(result.exercise)),
            ("status", .string(verdict.status.rawValue)),
            ("points", .int(verdict.points)),
            ("max_points", .int(verdict.maxPoints)),
            ("message", .string(verdict.message)),
            ("mistake", .optional(verdict.mistake)),
            ("duration_ms", .int(verdict.durationMilliseconds)),
        ]
        if verdict.afterSolution { fields.append(("after_solution", .bool(true))) }
        if let diagnosis = verdict.diagnosis {
            fields.append(("diagnosis", .string(diagnosis.finding.rawValue)))
        }
        if !verdict.failedChecks.isEmpty {
            fields.append(("failed_checks", .array(verdict.failedChecks.map(JSONValue.string))))
        }
        if !verdict.findings.isEmpty {
            fields.append(("findings", .array(verdict.findings.map(\.json))))
        }
        return .object(fields)
    }
}
