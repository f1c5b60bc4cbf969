/// Reads `Solutions/<lesson>.yaml` and attaches each entry to its exercise.
enum SolutionParser {
    /// Parses `text` (the solutions file at `file`) and returns the lesson with solutions attached;
    /// records a problem for every exercise without a reference, every entry for an unknown
    /// exercise, and every recorded wrong answer naming an unknown mistake.
    static func attach(_ text: String?, file: String, to lesson: Lesson, log: ProblemLog) -> Lesson {
        var lesson = lesson
        guard !lesson.exercises.isEmpty || text != nil else { return lesson }
        guard let text else {
            log.add(
                "no solutions file: expected \(file) with a reference answer for "
                    + lesson.exercises.map(\.id).joined(separator: ", "),
                at: lesson.exercises.first?.location ?? .start(of: lesson.file))
            return lesson
        }
        let source = YAMLSource(text: text, file: file, lineOffset: 0, columnOffset: 0, log: log)
        guard let root = source.parse(what: "solutions file"), let map = root.map("solutions file") else {
            return lesson
        }
        let ids = lesson.exercises.map(\.id)
        map.rejectUnknownKeys(
            allowed: ids,
            hint: "lesson '\(lesson.id)' has no such exercise; expected one of \(ids.joined(separator: ", "))"
        )
        var solutions: [String: Solution] = [:]
        for (id, _) in map.keys where ids.contains(id) {
            guard let entry = map.value(id)?.map("solution '\(id)'") else { continue }
            entry.rejectUnknownKeys(allowed: ["reference", "alternatives", "wrong"])
            guard
                let reference = entry.required("reference", expected: "the reference answer")?.code(
                    "'reference'")
            else { continue }
            let alternatives =
                (entry.value("alternatives").flatMap { $0.isNull ? nil : $0.list("'alternatives'") } ?? [])
                .compactMap { $0.code("an alternative") }
            let wrong = (entry.value("wrong").flatMap { $0.isNull ? nil : $0.list("'wrong'") } ?? [])
                .compactMap { wrongAnswer($0, exerciseID: id) }
            solutions[id] = Solution(
                reference: reference, alternatives: alternatives, wrong: wrong, location: entry.location)
        }
        for index in lesson.steps.indices {
            guard var exercise = lesson.steps[index].exercise else { continue }
            if let solution = solutions[exercise.id] {
                for answer in solution.wrong {
                    if let mistake = answer.mistake, !exercise.mistakes.contains(where: { $0.id == mistake })
                    {
                        let known = exercise.mistakes.map(\.id)
                        log.add(
                            "wrong answer names mistake '\(mistake)', which exercise '\(exercise.id)' does not declare"
                                + (Spelling.nearest(to: mistake, in: known).map { " — did you mean '\($0)'?" }
                                    ?? (known.isEmpty
                                        ? "" : "; it declares \(known.joined(separator: ", "))")),
                            at: answer.location)
                    }
                }
                exercise.solution = solution
            } else {
                log.add(
                    "exercise '\(exercise.id)' has no reference answer: expected '\(exercise.id):' in \(file)",
                    at: exercise.location)
            }
            lesson.steps[index].exercise = exercise
        }
        return lesson
    }

    private static func wrongAnswer(_ value: YAMLValue, exerciseID: String) -> Solution.WrongAnswer? {
        guard let map = value.map("a wrong answer of '\(exerciseID)'") else { return nil }
        map.rejectUnknownKeys(allowed: ["answer", "mistake"])
        guard let answer = map.required("answer", expected: "the wrong answer's text")?.code("'answer'")
        else {
            return nil
        }
        return Solution.WrongAnswer(answer: answer, mistake: map.string("mistake"), location: map.location)
    }
}
