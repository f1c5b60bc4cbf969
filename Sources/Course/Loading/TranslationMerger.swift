import Wording

/// Builds a translated lesson: the translation's steps and text, each exercise's grading logic from
/// the default language, and the default language's text wherever the translation lacks some.
/// Every gap is a problem, so `check` reports it.
struct TranslationMerger {
    let original: Lesson
    let log: ProblemLog

    func merge(_ parsed: LessonParser.Parsed, language: Language, file: String) -> Lesson {
        let defaultFile = original.file
        if let id = parsed.id, id != original.id {
            log.add(
                "the translation's id is '\(id)'; expected '\(original.id)' as in \(defaultFile)",
                at: parsed.frontMatterLocation)
        }
        var steps = parsed.steps
        var placed: [String] = []
        for (index, text) in parsed.texts.sorted(by: { $0.key < $1.key }) {
            guard let exercise = original.exercise(text.id) else {
                log.add(
                    "exercise '\(text.id)' is not in \(defaultFile); a translation cannot add exercises",
                    at: text.location)
                continue
            }
            if placed.contains(text.id) {
                log.add("exercise '\(text.id)' is translated twice", at: text.location)
                continue
            }
            placed.append(text.id)
            steps[index].exercise = translated(exercise, with: text)
        }
        let order = original.exercises.map(\.id)
        if placed != order.filter(placed.contains),
            let first = parsed.texts.values.min(by: { $0.location < $1.location })
        {
            log.add(
                "exercises are in a different order than in \(defaultFile): expected \(order.joined(separator: ", "))",
                at: first.location)
        }
        // A missing exercise is shown in the default language, after the step of the exercise
        // before it.
        for (position, exercise) in original.exercises.enumerated() where !placed.contains(exercise.id) {
            log.add(
                "the translation lacks exercise '\(exercise.id)' (\(exercise.location)); learners see it in the default language",
                at: parsed.frontMatterLocation)
            let previous = original.exercises[..<position].last { placed.contains($0.id) }?.id
            let insertAt =
                previous.flatMap { id in steps.firstIndex { $0.exercise?.id == id }.map { $0 + 1 } }
                ?? steps.firstIndex { $0.exercise != nil } ?? steps.count
            let step =
                original.steps.first { $0.exercise?.id == exercise.id }
                ?? Step(title: nil, blocks: [], exercise: exercise, location: exercise.location)
            steps.insert(step, at: insertAt)
            placed.append(exercise.id)
        }
        return Lesson(
            id: original.id, language: language, title: parsed.title ?? original.title,
            minutes: original.minutes,
            requires: original.requires, steps: steps, file: file)
    }

    private func translated(_ exercise: Exercise, with text: ExerciseText) -> Exercise {
        var result = exercise
        let what = "translation of exercise '\(exercise.id)'"
        if let prompt = text.prompt {
            result.prompt = prompt
        } else {
            log.add("\(what) lacks its prompt", at: text.location)
        }

        let hints = text.hints ?? []
        if hints.count != exercise.hints.count {
            log.add(
                "\(what) has \(hints.count) hint(s); expected \(exercise.hints.count) as in \(original.file)",
                at: text.hints == nil ? text.location : text.hintsLocation)
        }
        result.hints = exercise.hints.indices.map { $0 < hints.count ? hints[$0] : exercise.hints[$0] }

        result.checks = exercise.checks.map { check in
            var check = check
            if let message = text.checks[check.id] {
                check.message = message
                check.location = text.keyLocations["checks/\(check.id)"] ?? text.location
            } else {
                log.add("\(what) lacks the message of check '\(check.id)'", at: text.location)
            }
            return check
        }
        result.mistakes = exercise.mistakes.map { mistake in
            var mistake = mistake
            // A title is the translation's or none: the default language's words would name the
            // mistake in another language than the session's.
            mistake.title = text.mistakeTitles[mistake.id]
            if mistake.title == nil, exercise.mistakes.first(where: { $0.id == mistake.id })?.title != nil {
                log.add("\(what) lacks the title of mistake '\(mistake.id)'", at: text.location)
            }
            if let message = text.mistakes[mistake.id] {
                mistake.message = message
                mistake.location = text.keyLocations["mistakes/\(mistake.id)"] ?? text.location
            } else {
                log.add("\(what) lacks the message of mistake '\(mistake.id)'", at: text.location)
            }
            return mistake
        }
        result.choices = exercise.choices.map { choice in
            var choice = choice
            if let text = text.choices[choice.id] {
                choice.text = text
            } else {
                log.add("\(what) lacks the text of choice '\(choice.id)'", at: text.location)
            }
            return choice
        }
        unknownKeys(
            text.checks.keys, known: exercise.checks.map(\.id), group: "checks", text: text, what: what)
        unknownKeys(
            text.mistakes.keys, known: exercise.mistakes.map(\.id), group: "mistakes", text: text, what: what)
        unknownKeys(
            text.choices.keys, known: exercise.choices.map(\.id), group: "choices", text: text, what: what)
        return result
    }

    private func unknownKeys(
        _ keys: Dictionary<String, String>.Keys, known: [String], group: String, text: ExerciseText,
        what: String
    ) {
        for key in keys.sorted() where !known.contains(key) {
            let nearest = Spelling.nearest(to: key, in: known).map { " — did you mean '\($0)'?" } ?? ""
            log.add(
                "\(what): '\(key)' is not one of the exercise's \(group) in \(original.file)\(nearest)",
                at: text.keyLocations["\(group)/\(key)"] ?? text.location)
        }
    }
}
