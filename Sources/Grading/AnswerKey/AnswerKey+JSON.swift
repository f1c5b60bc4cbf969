extension AnswerKey {
    /// `{"course", "version", "language", "lessons": [{"id", "title", "exercises": [{"id", "kind",
    /// "points", "prompt", "setup", "reference", "alternatives", "expected", "hints", "checks",
    /// "mistakes", "wrong_answers": [{"answer", "mistake", "message"}]}]}]}`, plus a few more fields.
    public func json() -> String {
        let lessons: [JSONValue] = lessons.map { lesson in
            .object([
                ("id", .string(lesson.id)),
                ("title", .string(lesson.title)),
                ("points", .int(lesson.points)),
                ("exercises", .array(lesson.exercises.map(Self.json))),
            ])
        }
        return JSONValue.object([
            ("course", .string(course)),
            ("version", .int(version)),
            ("language", .string(language.code)),
            ("title", .string(title)),
            ("points", .int(points)),
            ("lessons", .array(lessons)),
        ]).rendered() + "\n"
    }

    private static func json(_ exercise: ExerciseKey) -> JSONValue {
        var expected: JSONValue = .string(exercise.expectedText)
        if let numbers = exercise.expectedNumbers {
            expected =
                numbers.rank == 0
                ? .number(numbers.values[0])
                : .object([
                    ("shape", .array(numbers.shape.map(JSONValue.int))),
                    ("data", .array(numbers.values.map(JSONValue.number))),
                ])
        }
        return .object([
            ("id", .string(exercise.id)),
            ("key", .string(exercise.key)),
            ("kind", .string(exercise.kind)),
            ("points", .int(exercise.points)),
            ("prompt", .string(exercise.prompt)),
            (
                "choices",
                .array(
                    exercise.choices.map { choice in
                        .object(
                            [("id", .string(choice.id)), ("text", .string(choice.text))]
                                + (exercise.why[choice.id].map { [("why", JSONValue.string($0))] } ?? []))
                    })
            ),
            ("setup", .optional(exercise.setup)),
            ("reference", .string(exercise.reference)),
            ("alternatives", .array(exercise.alternatives.map(JSONValue.string))),
            ("expected", exercise.problem == nil ? expected : .null),
            ("expected_text", .string(exercise.expectedText)),
            ("hints", .array(exercise.hints.map(JSONValue.string))),
            (
                "checks",
                .array(
                    exercise.checks.map {
                        .object([
                            ("id", .string($0.id)), ("expect", .string($0.expect)),
                            ("message", .string($0.message)),
                            ("points", $0.points.map(JSONValue.int) ?? .null),
                        ])
                    })
            ),
            (
                "mistakes",
                .array(
                    exercise.mistakes.map {
                        .object(
                            [("id", .string($0.id))]
                                + ($0.title.map { [("title", JSONValue.string($0))] } ?? [])
                                + [("when", .string($0.when)), ("message", .string($0.message))])
                    })
            ),
            (
                "wrong_answers",
                .array(
                    exercise.wrongAnswers.map {
                        .object([
                            ("answer", .string($0.answer)),
                            ("recorded_mistake", .optional($0.recordedMistake)),
                            ("status", .string($0.status.rawValue)), ("points", .int($0.points)),
                            ("mistake", .optional($0.mistake)), ("message", .string($0.message)),
                            ("findings", .array($0.findings.map(JSONValue.string))),
                        ])
                    })
            ),
            ("problem", .optional(exercise.problem)),
        ])
    }
}
