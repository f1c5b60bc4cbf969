import AnswerLanguage
import CNN
import Course
import Wording

/// Grades answers by running them on the engine: setup, answer, reference; compare by kind; run
/// the checks; name the first matching mistake, or diagnose the difference.
///
///     let grader = Grader(options: .forCourse("Lessons"))
///     let verdict = grader.grade("conv2d(img, k)", for: exercise)   // .pass, 2/2 points
///
/// Each exercise's setup and reference run once per grader and are reused for every answer.
/// A grader is used from one thread at a time; grade in parallel with one grader per thread
/// (`BatchGrader` does).
public final class Grader {
    /// The limits and settings answers are graded under.
    public let options: GradingOptions
    private var prepared: [Exercise: Result<PreparedExercise, GradingError>] = [:]
    /// Mutants being computed on another thread (`prepareMutantsInBackground(for:)`), until grading
    /// takes their catalogue.
    private var preparations: [Exercise: MutantPreparation] = [:]
    /// Catalogues of mutants this grader computed on its own thread, and those it took from a
    /// background computation (tests count them: one of the two, once per exercise).
    private(set) var mutantsComputedHere = 0
    private(set) var mutantsTakenFromBackground = 0
    /// Test seams: run on a background computation's thread before it starts, and on the
    /// grading thread when it is about to wait for an unfinished one.
    var beforeBackgroundComputation: (@Sendable () -> Void)?
    var whileWaitingForBackground: (() -> Void)?

    /// Creates a grader.
    public init(options: GradingOptions = GradingOptions()) {
        self.options = options
    }

    deinit {
        // Nobody will take their catalogues.
        for preparation in preparations.values { preparation.cancel() }
    }

    /// Grades one answer, as typed (several lines or `;`-separated statements; the last one's
    /// value is the answer; for a choice exercise, the choice ids).
    ///
    /// Never throws: an answer that does not evaluate is an `error` verdict with its diagnostic, one
    /// that runs out of time a `timeout`, and an exercise that cannot be graded (its setup or
    /// reference fails) an `error` verdict saying so.
    /// - Parameters:
    ///   - answer: The answer as typed.
    ///   - exercise: The exercise, in the language its named-mistake and check messages should be in.
    ///   - language: The language of the grader's own sentences (diagnoses, comparison messages)
    ///     and of the answer language's errors (`LanguageError.message(in:)`); nil for
    ///     `options.language`.
    public func grade(_ answer: String, for exercise: Exercise, language: Language? = nil) -> Verdict {
        let start = ComputeBudget.now()
        var verdict = gradeUntimed(answer, for: exercise, language: language ?? options.language)
        verdict.durationMilliseconds = Int((ComputeBudget.now() - start) / 1_000_000)
        return verdict
    }

    /// Grades a value the learner already computed (in the REPL's own session), as if it were the
    /// value of a typed answer: compared, checked and diagnosed the same way. For a choice exercise
    /// pass the id as a string, or the list of ids. `language` is as for `grade(_:for:language:)`;
    /// `source` is the line that computed the value, when there is one: a misconception is then
    /// told only if the line is that change's kind of answer (a formula is not a call's setting).
    public func grade(value: Value, for exercise: Exercise, language: Language? = nil, source: String? = nil)
        -> Verdict
    {
        let start = ComputeBudget.now()
        let language = language ?? options.language
        let text = GradingText()
        var verdict: Verdict
        do {
            let prepared = try prepare(exercise)
            readyMutants(prepared)
            let session = prepared.session()
            session.interpreter.bind("answer", value)
            session.interpreter.bind("expected", prepared.expected)
            verdict = try judge(
                value, exercise: exercise, prepared: prepared, session: session, language: language,
                source: source)
        } catch let error as GradingError {
            verdict = Verdict(
                status: .error, maxPoints: exercise.points, note: text.cannotBeGraded("\(error)"),
                language: language)
        } catch let error as LanguageError {
            verdict = failure(error, source: nil, maxPoints: exercise.points, language: language)
        } catch {
            verdict = failure(
                LanguageError(from: error), source: nil, maxPoints: exercise.points, language: language)
        }
        verdict.durationMilliseconds = Int((ComputeBudget.now() - start) / 1_000_000)
        return verdict
    }

    /// The engine-computed expected value: the reference answer's value.
    /// - Throws: `GradingError.exercise` when the setup or the reference fails.
    public func expected(for exercise: Exercise) throws(GradingError) -> Value {
        try prepare(exercise).expected
    }

    /// A fresh interpreter holding the exercise's setup bindings, for a REPL session at the
    /// exercise (the learner builds an answer in it).
    /// - Throws: `GradingError.exercise` when the setup fails.
    public func setupInterpreter(for exercise: Exercise) throws(GradingError) -> Interpreter {
        try prepare(exercise).base.copy()
    }

    /// The reference network of a `model` exercise in words: `[1, 1, 6, 6] → [1, 2, 6, 6], 20
    /// parameters`, run on zeros of its `input_shape`.
    /// - Throws: `GradingError.exercise` when the setup or reference fails or the network cannot run.
    func modelSummary(for exercise: Exercise) throws(GradingError) -> Phrase {
        let prepared = try prepare(exercise)
        guard let inputShape = exercise.inputShape else {
            return GradingText().networkSummary(input: nil, output: [], count: 0)
        }
        let session = prepared.session()
        session.interpreter.bind("expected", prepared.expected)
        let comparer = Comparer(
            exercise: exercise, prepared: prepared, session: session, language: options.language)
        do {
            let input = try Tensor.zeros(inputShape)
            session.interpreter.bind(Comparer.inputName, .tensor(input))
            let output = try comparer.outputShape(of: "expected")
            let count = try comparer.parameterCount(of: "expected")
            return GradingText().networkSummary(input: inputShape, output: output, count: count)
        } catch {
            throw GradingError(
                .exercise, "the reference network cannot run on \(inputShape): \(error)",
                at: exercise.location)
        }
    }

    /// Runs the setup and reference once (per grader) and keeps the result.
    func prepare(_ exercise: Exercise) throws(GradingError) -> PreparedExercise {
        if let known = prepared[exercise] { return try known.get() }
        let result: Result<PreparedExercise, GradingError>
        do {
            result = .success(try PreparedExercise(exercise, options: options))
        } catch {
            result = .failure(error)
        }
        prepared[exercise] = result
        return try result.get()
    }

    // MARK: - Mutants ahead of the first answer

    /// Starts computing `exercise`'s misconception mutants on another thread, so that the first
    /// wrong answer need not wait for them (the REPL calls this when it shows the exercise; the
    /// learner reads meanwhile). Grading the exercise takes that computation's catalogue, waiting
    /// for it when it is still running: the mutants are computed once, and an answer gets the same
    /// verdict whenever it comes. Does nothing when they are ready or already being computed.
    public func prepareMutantsInBackground(for exercise: Exercise) {
        // A choice has no reference to mutate.
        guard exercise.kind != .choice else { return }
        if case .success(let known)? = prepared[exercise], known.cachedMutants != nil { return }
        if let running = preparations[exercise], !running.isCancelled { return }
        preparations[exercise] = MutantPreparation(
            exercise, options: options, first: beforeBackgroundComputation)
    }

    /// Stops the background computations of every exercise but `exercise` (all when nil): the
    /// learner left them. A stopped computation ends at its next mutant and its work is dropped;
    /// the exercise computes its mutants again when graded or shown again.
    public func stopPreparingMutants(except exercise: Exercise? = nil) {
        for (other, preparation) in preparations where other != exercise {
            preparation.cancel()
            preparations[other] = nil
        }
    }

    /// Whether `exercise`'s mutants are ready, so grading it will not compute or wait for them:
    /// computed already, or finished in the background.
    public func mutantsReady(for exercise: Exercise) -> Bool {
        if case .success(let known)? = prepared[exercise], known.cachedMutants != nil { return true }
        return preparations[exercise]?.isFinished ?? false
    }

    /// Waits for `exercise`'s background computation of mutants to end, checking `stopWaiting`
    /// every 50 ms (Ctrl-C in the REPL); returns false when `stopWaiting` said so first. The
    /// computation goes on either way. Returns at once when nothing is being computed.
    public func waitForMutants(of exercise: Exercise, stopWaiting: () -> Bool) -> Bool {
        guard let preparation = preparations[exercise], !preparation.isCancelled else { return true }
        while preparation.wait(timeout: 0.05) == nil {
            if stopWaiting() { return false }
        }
        return true
    }

    /// Seconds the background computation of `exercise`'s mutants took (its own setup and
    /// reference included), once it finished; nil before, or when none ran (benchmarks).
    public func backgroundMutantSeconds(for exercise: Exercise) -> Double? {
        preparations[exercise]?.seconds ?? finishedPreparationSeconds[exercise]
    }
    private var finishedPreparationSeconds: [Exercise: Double] = [:]

    /// How many of `exercise`'s mutants gave a value other than the expected one, and how many
    /// values the catalogue explains (one or two misconceptions each); nil before the mutants
    /// were made ready by grading (benchmarks).
    public func mutantCounts(for exercise: Exercise) -> (values: Int, explained: Int)? {
        guard case .success(let known)? = prepared[exercise], let catalogue = known.cachedMutants else {
            return nil
        }
        return (catalogue.all.count, catalogue.groups.count)
    }

    /// Makes the exercise's mutants ready before an answer is judged: the background
    /// computation's catalogue when one ran to its end (waiting for it if it is still running),
    /// otherwise computed here.
    private func readyMutants(_ prepared: PreparedExercise) {
        guard prepared.cachedMutants == nil else { return }
        if let preparation = preparations.removeValue(forKey: prepared.exercise), !preparation.isCancelled {
            if !preparation.isFinished { whileWaitingForBackground?() }
            if case .ready(let catalogue, let shared)? = preparation.wait() {
                prepared.cachedMutants = catalogue
                prepared.sharedCalls.state = shared
                mutantsTakenFromBackground += 1
            }
            finishedPreparationSeconds[prepared.exercise] = preparation.seconds
        }
        if prepared.cachedMutants == nil { mutantsComputedHere += 1 }
        _ = prepared.mutants
    }

    private func gradeUntimed(_ typed: String, for exercise: Exercise, language: Language) -> Verdict {
        let maxPoints = exercise.points
        let text = GradingText()
        if typed.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .unanswered(maxPoints: maxPoints, language: language)
        }
        let prepared: PreparedExercise
        do {
            prepared = try prepare(exercise)
        } catch {
            return Verdict(
                status: .error, maxPoints: maxPoints, note: text.cannotBeGraded("\(error)"),
                language: language)
        }
        // The mutants run once per exercise, before the answer's time limit starts: the answer
        // that happens to come first must not pay for them (nor time out because of them).
        readyMutants(prepared)
        let session = prepared.session()

        let answer: Value
        if exercise.kind == .choice {
            switch ChoiceAnswer.parse(typed, choices: exercise.choices.map(\.id), multiple: exercise.multiple)
            {
            case .success(let ids): answer = ChoiceAnswer.value(ids, multiple: exercise.multiple)
            case .failure(let problem):
                return Verdict(status: .error, maxPoints: maxPoints, note: problem.phrase, language: language)
            }
        } else {
            do {
                answer = try session.run(typed)
            } catch {
                return failure(error, source: typed, maxPoints: maxPoints, language: language)
            }
            if case .none = answer {
                return Verdict(
                    status: .error, maxPoints: maxPoints, note: noValueNote(typed), language: language)
            }
        }
        session.interpreter.bind("answer", answer)
        session.interpreter.bind("expected", prepared.expected)

        do {
            return try judge(
                answer, exercise: exercise, prepared: prepared, session: session, language: language,
                source: typed)
        } catch {
            return failure(error, source: nil, maxPoints: maxPoints, language: language)
        }
    }

    /// Compares, runs the checks, and names a mistake; throws only a time limit or cancellation.
    /// `source` is the answer as typed, when there is one: a mutant then explains it only if
    /// it is the same formula, not merely the same number. The verdict's findings carry what it
    /// says; its `message` is `VerdictRenderer`'s, in `language`.
    private func judge(
        _ answer: Value, exercise: Exercise, prepared: PreparedExercise, session: TimedInterpreter,
        language: Language, source: String? = nil
    ) throws(LanguageError) -> Verdict {
        let text = GradingText()
        let stoppedBefore = prepared.stoppedRuns
        var comparison: Comparison =
            exercise.compare
            ? try Comparer(exercise: exercise, prepared: prepared, session: session, language: language)
                .compare(answer, prepared.expected)
            : .same
        // A formula that has the expected value only at the setup's numbers is a mistake's
        // formula: it fails, and the mutant it is says which (formulas' lane, kept small here).
        // In whole and real numbers together too (`gamma ** (epoch // (every + 1))`).
        let coincidence =
            comparison.isSame && exercise.compare
            ? prepared.coincidence(source) ?? prepared.coincidenceWithReals(source) : nil
        // An answer whose numbers are the rest worked out for the names it writes (`H_in * 4`)
        // leaves no name out and is right on other data of those names.
        let worked = coincidence == nil && comparison.isSame && prepared.worksOutTheRest(source)
        // Nor does one that leaves out a name whose value is 1 here (`x_var = 1.0`).
        let factorOfOne =
            coincidence == nil && !worked && comparison.isSame && exercise.compare && exercise.kind == .value
            ? prepared.factorOfOne(
                source,
                comparer: Comparer(
                    exercise: exercise, prepared: prepared, session: session, language: language))
            : nil
        // Nor one that writes `1 - x` where the calculation has `x` (or back), right only because
        // x is one half here.
        let complement =
            coincidence == nil && !worked && factorOfOne == nil && comparison.isSame && exercise.compare
                && (exercise.kind == .value || exercise.kind == .tensor)
            ? prepared.complementAtHalf(
                source,
                comparer: Comparer(
                    exercise: exercise, prepared: prepared, session: session, language: language))
            : nil
        let coincidental = coincidence != nil || factorOfOne != nil || complement != nil
        // What shows it: the answer's numbers read as names, a point where it differs.
        let coincidentalStory =
            coincidence.map { text.coincidence($0) } ?? factorOfOne.map { text.factorOfOne($0) }
            ?? complement.map { text.complementAtHalf($0) } ?? .empty
        if let coincidence {
            comparison = .different(
                message: coincidentalStory, diagnosis: nil,
                finding: Verdict.Finding(
                    .comparison, "coincidental-formula", isSpecific: !coincidence.moves.isEmpty))
        } else if factorOfOne != nil || complement != nil {
            comparison = .different(
                message: coincidentalStory, diagnosis: nil,
                finding: Verdict.Finding(.comparison, "coincidental-formula", isSpecific: true))
        } else if comparison.isSame, !worked, exercise.compare,
            exercise.kind == .value || exercise.kind == .tensor,
            let source,
            prepared.perturbedSetup.agreesOnlyHere(
                source,
                comparer: Comparer(
                    exercise: exercise, prepared: prepared, session: session, language: language))
        {
            // The expected value on this data only: another calculation that agrees here.
            comparison = .bare(text.coincidentalData, "coincidental-data")
        } else if comparison.isSame, exercise.compare, exercise.kind == .value || exercise.kind == .tensor,
            let source,
            prepared.agreesOnlyAtTypedData(
                source,
                comparer: Comparer(
                    exercise: exercise, prepared: prepared, session: session, language: language))
        {
            // The expected value at the number the calculation types in only (`tensor(0.)`).
            comparison = .bare(text.coincidentalPoint, "coincidental-data")
        }
        var failed: [Exercise.Check] = []
        var errored: Set<String> = []
        var earned = 0
        for check in exercise.checks {
            switch try outcome(check.expect.text, in: session) {
            case .held: earned += check.points ?? 0
            case .failed: failed.append(check)
            case .errored:
                failed.append(check)
                errored.insert(check.id)
            }
        }
        if comparison.isSame, failed.isEmpty {
            return Verdict(status: .pass, points: exercise.points, maxPoints: exercise.points, message: "")
        }
        let fills = { (template: String) in MessageTemplate.fills(template) { try? session.evaluate($0) } }
        let renderer = VerdictRenderer(exercise: exercise, language: language)
        // A named mistake whose message cannot be said for this answer gives way to the next one.
        // One that holds for this number only by coincidence (the answer a formula that agrees with
        // the mistake's at the setup's numbers, not at others) is not this answer's mistake.
        // An answer that is, as typed, a telling mutant of the reference is explained by that
        // change below rather than by a mistake its value fits but whose recorded answers are
        // another change.
        let comparer = Comparer(exercise: exercise, prepared: prepared, session: session, language: language)
        // A swapped operation the answer writes exactly (`F.max_pool2d` where the reference takes
        // every second pixel) is as certain as a mutant typed as it is.
        let typedMutant = source.flatMap {
            prepared.typedMutant($0, value: answer, comparer: comparer)
                ?? prepared.swapExplaining(answer, source: $0, comparer: comparer, exactly: true)
                ?? prepared.curveMutant($0, value: answer, comparer: comparer)
        }
        // An answer whose operators, bracketed otherwise, give the expected value made a slip of
        // precedence: a mistake named for its value alone is not its story.
        let precedenceSlip = prepared.isPrecedenceSlip(source)
        // An answer whose writing says what it is (the expected value with a step more, a part
        // of the reference) is not a mistake named for its value alone that says otherwise.
        var reading: TypedReading??
        func deniedByReading(_ when: String) -> Bool {
            guard let source, PreparedExercise.isValueTest(when),
                !prepared.isMistakesFormula(source, when: when)
            else { return false }
            if reading == nil {
                reading = .some(
                    prepared.typedReading(source, answer: answer, session: session, comparer: comparer))
            }
            guard case .some(let typed?) = reading else { return false }
            return prepared.contradicts(
                typed, when: when, source: source, session: session, comparer: comparer)
        }
        for mistake in exercise.mistakes {
            // An answer that is the mistake's own formula (typed otherwise: multiplied out, a
            // name typed as its number) is that mistake, whatever else its value fits.
            let ownFormula = prepared.isMistakesFormula(source, when: mistake.when.text)
            guard ownFormula || typedMutant.map({ prepared.mistake(mistake.id, couldBe: $0) }) ?? true,
                !precedenceSlip || !PreparedExercise.isValueTest(mistake.when.text)
                    || PreparedExercise.writesMistakesFormula(source, when: mistake.when.text),
                try holds(mistake.when.text, in: session, prepared: prepared, typed: source),
                // One named for a network's parameter count alone is not told of another output.
                !prepared.countOnlyMistakeDenied(mistake.when.text, answer: answer),
                prepared.holdsByCoincidence(mistake.when.text, answer: source) != true,
                !prepared.isAnotherFormula(than: mistake.when.text, answer: source),
                !deniedByReading(mistake.when.text),
                !prepared.typingContradicts(source, when: mistake.when.text),
                !prepared.countsOtherwise(source, value: answer, when: mistake.when.text, comparer: comparer),
                !prepared.writesPartLeftOut(by: mistake.id, when: mistake.when.text, source: source),
                // Nor one whose recorded answers write a step more that the answer leaves out
                // (`img[:3][:3]`'s second slice, for `img[0:3]` of the same shape).
                ownFormula
                    || !prepared.leavesOutRecordedStep(
                        by: mistake.id, when: mistake.when.text, source: source),
                // Nor one named by a number alone that the answer reaches on this data only.
                !prepared.holdsOnThisDataOnly(when: mistake.when.text, source: source),
                // Nor one recorded as a call left out that the answer writes (`ker.flip(…)`).
                !prepared.writesRecordedOmission(by: mistake.id, source: source),
                // Nor one matched by its condition whose recorded answers are of another kind
                // (shape, the reference's pattern turned), nor one whose recorded answers leave
                // out a setting the answer gives as the calculation does.
                ownFormula
                    || !prepared.differsInKindFromRecorded(
                        by: mistake.id, answer: answer, comparer: comparer),
                ownFormula || !prepared.writesSettingRecordedWithout(by: mistake.id, source: source),
                let values = fills(mistake.message)
            else { continue }
            var verdict = Verdict(
                status: .fail, points: earned, maxPoints: exercise.points, message: "",
                mistake: mistake.id, failedChecks: failed.map(\.id))
            var finding = Verdict.Finding(.mistake, mistake.id, isSpecific: true)
            finding.fills = values
            verdict.findings = [finding]
            verdict.message = renderer.message(verdict)
            return verdict
        }
        // A check that raised an error (the answer is not even of a shape the check can use) is
        // not worth a sentence when another check failed plainly: that one says what is wrong.
        let plainly = failed.filter { !errored.contains($0.id) }
        var findings: [Verdict.Finding] = []
        for check in plainly.isEmpty ? failed : plainly {
            if errored.contains(check.id) {
                // What its message claims is not known of an answer the check cannot run on
                // (a network that cannot take the check's input): that the condition cannot be
                // evaluated is what is true.
                findings.append(
                    Verdict.Finding(
                        .check, check.id,
                        says: text.checkCannotRun(check.expect.text),
                        isSpecific: false))
            } else if let values = fills(check.message) {
                var finding = Verdict.Finding(.check, check.id, isSpecific: true)
                finding.fills = values
                findings.append(finding)
            } else {
                findings.append(
                    Verdict.Finding(
                        .check, check.id, says: text.checkDoesNotHold(check.expect.text), isSpecific: false))
            }
        }
        var diagnosis: Diagnosis?
        if case .different(var finding, var found) = comparison {
            // A mirror or a turn read from the values alone is no story of an answer that only
            // reorders dimensions (`TypedAnswer.permutesWithoutReversing`): its cells are said.
            if var story = found, [.flippedRows, .flippedColumns, .rotated].contains(story.finding),
                let source, TypedAnswer.permutesWithoutReversing(source)
            {
                story.finding = .valuesDiffer
                story.isSpecific = false
                story.phrase = text.valuesDiffer(story.differingCount, of: story.cellCount)
                found = story
                finding = story.verdictFinding
                finding.says = story.phrase
            }
            // A number's built-in story that the answer's formula does not tell is said plainly.
            if let story = found, story.isSpecific || story.finding == .offByOne, story.cells.isEmpty,
                let printed = Self.printed(answer),
                prepared.isCoincidentalStory(
                    story.finding, answer: answer, source: source, comparer: comparer)
            {
                var plain = story
                plain.finding = .valuesDiffer
                plain.isSpecific = false
                plain.phrase = text.numberIs(printed) + text.notExpectedNumber
                found = plain
                finding = plain.verdictFinding
                finding.says = plain.phrase
            }
            // A size story read from the number alone yields to the padding the answer typed.
            if let story = found, story.cells.isEmpty, let printed = Self.printed(answer),
                let number = Self.number(answer), let wanted = Self.number(prepared.expected)
            {
                let reading = prepared.typedPaddingReading(
                    story, answer: number, expected: wanted, source: source, session: session)
                var told = story
                switch reading {
                case .keep: break
                case .added(let p):
                    told.finding = .paddingAdded
                    told.isSpecific = true
                    told.phrase =
                        text.numberIs(printed)
                        + text.sizeDelta(
                            .paddingAdded, size: 2 * p, padding: prepared.diagnosisContext.padding,
                            kernel: nil)
                case .plain:
                    told.finding = .valuesDiffer
                    told.isSpecific = false
                    told.phrase = text.numberIs(printed) + text.notExpectedNumber
                }
                if reading != .keep {
                    found = told
                    finding = told.verdictFinding
                    finding.says = told.phrase
                }
            }
            // A part left out with no readable name is not told ("without one of its terms").
            var match = prepared.mutants(matching: answer, source: source, comparer: comparer)
                .flatMap(\.nameable)
            // An answer whose own operators, bracketed otherwise, give the expected value made a
            // slip of precedence (`1 / 1 - p`): a change found by its value alone is not its story.
            if precedenceSlip, let group = match, group.byValue,
                !group.mutants.contains(where: {
                    $0.changes.allSatisfy { $0.misconception == .bracketsDropped }
                })
            {
                match = nil
            }
            // An answer right only at the setup's numbers that is the size times the strides
            // alone: the coincidence says it, and "nothing but" adds no cause to it.
            if coincidental, let group = match,
                group.mutants.allSatisfy({ $0.changes.allSatisfy { $0.misconception == .scaledOnly } })
            {
                match = nil
            }
            // An answer that writes the calculation whole with a step around it (`1 - 0.25 **
            // 20`) did that step: a generic change inside the calculation its value fits ("without
            // dividing by 4") is not its story. A telling change that is such a step (the last
            // index, `x.numel() - 1`) still is.
            if let group = match, group.byValue, let source,
                group.mutants.allSatisfy({ $0.changes.allSatisfy(\.misconception.isGeneric) }),
                prepared.writesExpectedWithStep(source, session: session, comparer: comparer)
            {
                match = nil
            }
            var related = false
            // A bare message gives way to how the answer, as typed, relates to the expected value,
            // or to the mutant of its value that is written with the answer's operators.
            // An answer with the expected value (a formula right only here) has no relation to it
            // to tell: only the formula's own mutant may be.
            if match == nil, found?.isSpecific != true, !coincidental {
                if var story = prepared.relationStory(
                    answer, source: source, session: session, comparer: comparer, language: language)
                {
                    related = true
                    // A tensor's differing cells and picture stay with the story.
                    if let cells = found { story.keepCells(of: cells) }
                    found = story
                    finding = story.verdictFinding
                    finding.says = story.phrase
                } else {
                    match = prepared.mutantsByOperators(answer, source: source, comparer: comparer)
                        .flatMap(\.nameable)
                }
            }
            // A mutant found by its value alone is a coincidence when the answer is written as
            // the calculation with another argument changed: what was written says what differs.
            // What was written is told only where every run that could rank a story above it
            // finished: a run stopped under load leaves a less specific message, never another
            // story than on an idle machine (`ExtraRun`).
            let decided = !prepared.mutants.isPartial && prepared.stoppedRuns == stoppedBefore
            var written: WrittenDifference?
            // A double slip that gives the answer's value, where the answer is the calculation
            // with one step fewer or more (the square root left out, told "`*` where `**` belongs
            // and without the factor `0.5`"): the one change typed is told, not two.
            if let group = match, decided, let source,
                group.mutants.allSatisfy({ $0.changes.count == 2 }),
                let step = prepared.writtenReading.oneStep(source, comparer: comparer)
            {
                match = nil
                written = step
            }
            if let group = match, group.byValue, let source {
                written = prepared.writtenReading.difference(source, session: session, comparer: comparer)
                if let found = written,
                    !prepared.writtenReading.mayTellTheSame(source, found, as: group.mutants)
                {
                    match = nil
                } else {
                    written = nil
                }
            }
            // Where nothing else is told, or only a cell or shape reading of the value, what was
            // written says what differs. A network's layer-by-layer comparison and its size story,
            // also read from what was built, keep their word.
            let readingOnly =
                exercise.kind == .model
                ? found == nil && !finding.isSpecific : found != nil || !finding.isSpecific
            if written == nil, match == nil, !related, readingOnly, decided, !coincidental, let source {
                // A step added or left out does not outrank a reading of the value: only a bare
                // message gives way to it.
                written = prepared.writtenReading.difference(
                    source, session: session, comparer: comparer,
                    steps: found?.isSpecific != true && !finding.isSpecific)
            }
            // A number typed otherwise in a formula is the formula catalogue's to tell, with the
            // parts' values (`FormulaCatalogue+Difference`).
            if let typed = written, typed.arguments.contains(where: \.isOperand), !finding.isSpecific,
                prepared.formulaDifference(source) != nil
            {
                written = nil
            }
            // A tuple of formulas that nothing else explains, read entry by entry: the reference's
            // with a change in its entries, at every point (`TupleFormulas`).
            if match == nil, written == nil, !related, found?.isSpecific != true, !finding.isSpecific,
                !coincidental, let source, let tuple = prepared.tupleMutant(source)
            {
                match = MutantGroup(mutants: [tuple], value: answer)
            }
            diagnosis = found
            // A built-in diagnosis telling the same story keeps its message: it quotes the sizes.
            let confirmed =
                found.map { diagnosis in
                    diagnosis.isSpecific
                        && (match?.confirms(diagnosis.finding) ?? false)
                } ?? false
            if let match, !confirmed {
                // A misconception mutant of the reference gives this very value: say which change
                // explains it, rather than only how the value differs. What the comparison said
                // about a wrong shape or a network's output stays in front.
                var sentence = text.mutants(
                    match, answer: Self.printed(answer),
                    sizes: prepared.quantity == .size, network: exercise.kind == .model,
                    sizeFormula: prepared.diagnosisContext.sizeFormula,
                    premises: prepared.diagnosisContext.premises)
                if coincidental { sentence = coincidentalStory + sentence }
                if let shapes = Self.shapeContext(
                    answer, prepared.expected, comparison: comparison, exercise: exercise, text: text)
                {
                    sentence = shapes + sentence
                }
                var numbers = finding.numbers
                if let number = ValueConversion.numeric(answer)?.scalarOrSelf, number.rank == 0 {
                    numbers["answer"] = number.values[0]
                }
                let id = match.findingID
                findings.append(
                    Verdict.Finding(.mutant, id, numbers: numbers, says: sentence, isSpecific: true))
            } else if let source, let random = prepared.randomMaskStory(source) {
                // Dropout drawn afresh where the step's mask is given: a random mask, not any
                // value, explains the difference.
                findings.append(Verdict.Finding(.mutant, "random-mask", says: random, isSpecific: true))
            } else if let source, let fresh = prepared.freshLayerStory(source) {
                // A layer of the answer's own where the reference uses a given weight: its random
                // weights, not any value, explain the difference.
                findings.append(Verdict.Finding(.mutant, "fresh-layer", says: fresh, isSpecific: true))
            } else if let written {
                // The answer is the calculation's calls with an argument written otherwise: that
                // difference is true by construction, where a reading of the value (a column too
                // many, a cell) may be true only by coincidence.
                var sentence = text.written(written)
                if coincidental { sentence = coincidentalStory + sentence }
                if let shapes = Self.shapeContext(
                    answer, prepared.expected, comparison: comparison, exercise: exercise, text: text)
                {
                    sentence = shapes + sentence
                }
                findings.append(
                    Verdict.Finding(.mutant, WrittenDifference.findingID, says: sentence, isSpecific: true))
            } else if !finding.isSpecific, let difference = prepared.formulaDifference(source) {
                // A formula no misconception explains: where it is written otherwise, as typed.
                findings.append(
                    Verdict.Finding(
                        .mutant, FormulaCatalogue.differenceID, says: difference, isSpecific: true))
            } else if !finding.isSpecific, found?.isSpecific != true, !related, !coincidental, let source,
                var story = prepared.confirmedRelationStory(
                    answer, source: source, session: session, comparer: comparer, language: language)
            {
                // Where nothing says the slip, how the value stands to the expected one on any
                // data (`PreparedExercise+ValueRelations`); a tensor's cells stay with it.
                if let cells = found { story.keepCells(of: cells) }
                diagnosis = story
                var told = story.verdictFinding
                told.says = story.phrase
                findings.append(told)
            } else {
                findings.append(finding)
            }
        }
        var verdict = Verdict(
            status: .fail, points: earned, maxPoints: exercise.points, message: "",
            diagnosis: diagnosis, failedChecks: failed.map(\.id))
        verdict.findings = findings
        verdict.message = renderer.message(verdict)
        return verdict
    }

    /// What a message about a wrong shape should keep in front of a mutant's sentence: the two
    /// shapes of a tensor, or a network's output sentence; nil when the shapes agree.
    static func shapeContext(
        _ answer: Value, _ expected: Value, comparison: Comparison, exercise: Exercise, text: GradingText
    ) -> Phrase? {
        guard case .different(let finding, let diagnosis) = comparison else { return nil }
        if exercise.kind == .model {
            // The comparison of output shapes starts its message with the network's output.
            guard
                diagnosis != nil || finding.id == "network-output-shape"
                    || finding.numbers[Comparer.outputShapeDiffers] != nil
            else { return nil }
            // A layer's difference said after the output shapes is left to the mutant's sentence.
            if finding.numbers[Comparer.outputShapeDiffers] != nil, case .joined(let parts, _) = finding.says,
                let first = parts.first
            {
                return first
            }
            return finding.says
        }
        guard exercise.kind == .tensor, let a = ValueConversion.numeric(answer),
            let e = ValueConversion.numeric(expected), a.shape != e.shape
        else { return nil }
        return text.shape(a.shape, expected: e.shape)
    }

    /// A value's one number, when it has exactly one.
    static func number(_ value: Value) -> Double? {
        guard let number = ValueConversion.numeric(value)?.scalarOrSelf, number.rank == 0 else { return nil }
        return number.values[0]
    }

    /// A number or shape as a message quotes it (`6`, `0.25`, `[1, 32, 4, 4]`); nil for tensors
    /// and other values, which a sentence cannot quote.
    static func printed(_ value: Value) -> String? {
        if let shape = value.integers, value.number == nil { return "\(shape)" }
        return number(value).map(NumberFormat.short)
    }

    private enum CheckOutcome { case held, failed, errored }

    /// Whether a check holds, fails, or raises an error; throws only when time ran out.
    private func outcome(_ condition: String, in session: TimedInterpreter) throws(LanguageError)
        -> CheckOutcome
    {
        do {
            return ValueConversion.truthy(try session.evaluate(condition)) ? .held : .failed
        } catch  where error.kind == .timeLimit || error.kind == .cancelled {
            throw error
        } catch {
            return .errored
        }
    }

    /// Whether a condition holds; a condition that fails to evaluate does not hold, unless time ran out.
    /// Its calls on the setup's layers are made once per exercise (`SharedCalls`); `typed` is the
    /// answer when it ran in `session`.
    private func holds(
        _ condition: String, in session: TimedInterpreter, prepared: PreparedExercise, typed: String?
    ) throws(LanguageError) -> Bool {
        do {
            return ValueConversion.truthy(
                try prepared.evaluate(condition: condition, in: session, typed: typed))
        } catch  where error.kind == .timeLimit || error.kind == .cancelled {
            throw error
        } catch {
            return false
        }
    }

    private func failure(_ error: LanguageError, source: String?, maxPoints: Int, language: Language)
        -> Verdict
    {
        switch error.kind {
        // The engine's and answer language's errors are said by their own modules, in the grading
        // language; the verdict keeps that text.
        case .timeLimit, .cancelled:
            return Verdict(
                status: .timeout, maxPoints: maxPoints, note: .verbatim(error.message(in: language)),
                language: language)
        default:
            let message =
                source.map { error.diagnostic(source: $0, language: language) }
                ?? error.message(in: language)
            return Verdict(status: .error, maxPoints: maxPoints, note: .verbatim(message), language: language)
        }
    }
}
