import AnswerLanguage
import Course
import Terminal

/// Presenting one step: its Markdown at the screen's width, its examples, and its exercise.
extension LessonSession {
    /// Shows the current step (paged when longer than the screen) and readies its exercise.
    func presentStep() {
        guard let lesson = currentLesson, let step = currentStep else { return }
        var lines = [""]
        let position = text.stepPosition(stepIndex + 1, of: lesson.steps.count)
        lines += WordWrapper(width: width, colorLevel: colorLevel).wrap("— \(position) —", style: Theme.frame)
        lines += render(titled(Self.markdown(of: step), lesson: lesson))
        // The mutants of an exercise the learner left are no longer wanted.
        grader.stopPreparingMutants(except: step.exercise)
        if let exercise = step.exercise {
            lines.append("")
            lines += exerciseLines(exercise)
            prepare(exercise)
            // While the learner reads the exercise, its misconception mutants are computed on
            // another thread: the first wrong answer need not wait seconds for them.
            if !isSettled(exercise) { grader.prepareMutantsInBackground(for: exercise) }
        } else {
            let hasExample = step.blocks.contains { if case .example = $0 { true } else { false } }
            lines += WordWrapper(width: width, colorLevel: colorLevel).wrap(
                text.continueStep(last: stepIndex + 1 == lesson.steps.count, hasExample: hasExample),
                style: Theme.frame)
        }
        page(lines)
    }

    /// The step's Markdown with a title: the lesson's (`# 2. Filters slide over images`, once) on
    /// its first step, and on a step that starts without a `##` heading (the text after an
    /// exercise) the heading of the section it continues, marked as continued.
    func titled(_ markdown: String, lesson: Lesson) -> String {
        if stepIndex == 0 {
            // The lesson file's own `# Title` is replaced by the numbered one.
            let body = markdown.split(separator: "\n", omittingEmptySubsequences: false)
                .drop { $0.hasPrefix("# ") || $0.trimmingCharacters(in: .whitespaces).isEmpty }
            return "# \((lessonIndex ?? 0) + 1). \(lesson.title)\n\n" + body.joined(separator: "\n")
        }
        guard !markdown.hasPrefix("## ") else { return markdown }
        let section = lesson.steps[..<stepIndex].reversed().compactMap(\.title).first ?? lesson.title
        return "## \(text.continued(section))\n\n" + markdown
    }

    /// The step's text (its `##` heading included) and examples as one Markdown document.
    static func markdown(of step: Step) -> String {
        var parts: [String] = []
        for block in step.blocks {
            switch block {
            case .text(let text): parts.append(text)
            case .example(let code): parts.append("```cnn\n" + code.text.trimmingTrailingNewlines() + "\n```")
            }
        }
        return parts.joined(separator: "\n\n")
    }

    /// The exercise's prompt, its choices, and what to do next.
    func exerciseLines(_ exercise: Exercise) -> [String] {
        var markdown = text.exerciseHeading(exercise.id, points: exercise.points) + "\n\n"
        markdown += exercise.prompt
        if !exercise.choices.isEmpty {
            markdown += "\n\n" + exercise.choices.map { "- **\($0.id)**: \($0.text)" }.joined(separator: "\n")
        }
        var lines = render(markdown)
        let state = currentState
        let note: String
        if isSettled(exercise) {
            note = state.skipped || state.gaveUp ? text.settledAfterSkipping : text.settledAfterPassing
        } else if exercise.kind == .choice {
            note = text.chooseNote(multiple: exercise.multiple)
        } else {
            note = text.answerNote(hints: exercise.hints.count)
        }
        lines += WordWrapper(width: width, colorLevel: colorLevel).wrap(note, style: Theme.frame)
        return lines
    }

    /// Binds the exercise's setup names in the learner's interpreter, with the values the grader
    /// uses, so what the learner inspects is what their answer is graded against.
    func prepare(_ exercise: Exercise) {
        guard exercise.setup != nil else { return }
        do {
            let setup = try grader.setupInterpreter(for: exercise)
            for name in setup.boundNames {
                if let value = setup[name] { interpreter.bind(name, value) }
            }
        } catch {
            say(text.setupFailed("\(error)"), style: Theme.bad)
        }
    }

    /// Runs the step's examples in the learner's interpreter, showing each and its result.
    func runExamples() {
        guard let step = currentStep else { return say(text.noLessonOpen) }
        let examples = step.blocks.compactMap { block -> CodeSnippet? in
            if case .example(let code) = block { return code }
            return nil
        }
        guard !examples.isEmpty else { return say(text.noExample) }
        // The exercise's setup names keep their values: an example may bind `x` or `w` to other
        // values, and the learner's answer must still see the ones it is graded against.
        let protected = currentExercise.map(setupNames) ?? []
        let saved = protected.compactMap { name in interpreter[name].map { (name, $0) } }
        var overwritten: Set<String> = []
        for example in examples {
            let source = example.text.trimmingTrailingNewlines()
            io.screen.writeLines(render("```cnn\n" + source + "\n```"))
            let value = run(example.text)
            // `q` at the pager stops the whole `:run`: the examples after this one neither show nor run.
            let shown = value.map { showValue($0) } ?? .finished
            let bound = (try? Parser.parse(example.text))?.statements.flatMap(\.assignedNames) ?? []
            let clobbered = bound.filter(protected.contains)
            overwritten.formUnion(clobbered)
            // At an exercise, an example that changed the session becomes one of its steps, so an
            // answer using what it bound (`fx.shape` after the example's `fx = …`) re-grades from the
            // export as it was graded here. One that rebinds a setup name is left out: the session
            // gives that name back its setup value, and so does the grader.
            if let value, currentExercise != nil, clobbered.isEmpty, !bound.isEmpty || value == .none {
                var state = currentState
                if state.steps.last != source { state.steps.append(source) }
                currentState = state
            }
            if shown != .finished { break }
        }
        for (name, value) in saved { interpreter.bind(name, value) }
        if !overwritten.isEmpty {
            say(text.setupNamesKept(overwritten.sorted()), style: Theme.frame)
        }
    }

    /// The names the exercise's setup binds (none when it has no setup or the setup fails).
    func setupNames(_ exercise: Exercise) -> [String] {
        guard exercise.setup != nil, let setup = try? grader.setupInterpreter(for: exercise) else {
            return []
        }
        return setup.boundNames
    }
}

extension String {
    /// The string without newlines at its end.
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" || text.last == "\r\n" { text.removeLast() }
        return text
    }
}
