/// Reads `Solutions/<lesson>.yaml` and attaches each entry to its exercise.
enum SolutionParser {
    /// Parses `text` (the solutions file at `file`) and returns the lesson with solutions attached;
    /// records a problem for every exercise without a reference, every entry for an unknown
    /// exercise, every recorded wrong answer naming an unknown mistake, and every `why` for an
    /// unknown choice or lacking one of `languages` (the default, `defaultLanguage`, first).
    static func attach(
        _ text: String?, file: String, to lesson: Lesson, languages: [String] = ["en"],
        defaultLanguage: String = "en", log: ProblemLog
    ) -> Lesson {
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
            entry.rejectUnknownKeys(allowed: ["reference", "alternatives", "wrong", "why"])
            guard
                let reference = entry.required("reference", expected: "the reference answer")?.code(
                    "'reference'")
            else { continue }
            let alternatives =
                (entry.value("alternatives").flatMap { $0.isNull ? nil : $0.list("'alternatives'") } ?? [])
                .compactMap { $0.code("an alternative") }
            let wrong = (entry.value("wrong").flatMap { $0.isNull ? nil : $0.list("'wrong'") } ?? [])
                .compactMap { wrongAnswer($0, exerciseID: id) }
            let exercise = lesson.exercises.first { $0.id == id }
            let why = entry.value("why").flatMap { $0.isNull ? nil : $0.map("'why' of '\(id)'") }.map {
                whyTexts(
                    $0, exercise: exercise, languages: languages, defaultLanguage: defaultLanguage, log: log)
            }
            solutions[id] = Solution(
                reference: reference, alternatives: alternatives, wrong: wrong, location: entry.location,
                why: why ?? [:])
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

    /// A `why:` map: choice id → the text (in the default language) or a map of language code →
    /// text; every course language must be there (a translation gap otherwise).
    private static func whyTexts(
        _ map: YAMLMap, exercise: Exercise?, languages: [String], defaultLanguage: String, log: ProblemLog
    ) -> [String: LocalizedText] {
        let choices = exercise?.choices.map(\.id) ?? []
        guard let exercise, exercise.kind == .choice else {
            log.add("'why' only applies to choice exercises", at: map.location)
            return [:]
        }
        map.rejectUnknownKeys(
            allowed: choices,
            hint:
                "exercise '\(exercise.id)' has no such choice; expected one of \(choices.joined(separator: ", "))"
        )
        var result: [String: LocalizedText] = [:]
        for (choice, location) in map.keys where choices.contains(choice) {
            guard let value = map.value(choice), !value.isNull else { continue }
            var texts: [String: String] = [:]
            if case .scalar = value.node {
                texts[defaultLanguage] = value.string("'why' of choice '\(choice)'")
            } else if let byLanguage = value.map("'why' of choice '\(choice)'") {
                byLanguage.rejectUnknownKeys(
                    allowed: languages,
                    hint: "expected a language of course.yaml: \(languages.joined(separator: ", "))")
                for code in languages {
                    texts[code] = byLanguage.string(code)
                }
            }
            guard !texts.isEmpty else { continue }
            for code in languages where texts[code] == nil {
                log.add(
                    "'why' of choice '\(choice)' of '\(exercise.id)' lacks its '\(code)' text", at: location)
            }
            result[choice] = LocalizedText(texts: texts, defaultLanguage: defaultLanguage, location: location)
        }
        return result
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
