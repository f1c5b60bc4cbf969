import AnswerLanguage

/// One of grading's own evaluations beyond the answer and its checks: a mutant run in the setup,
/// the setup re-run with other literals (`PerturbedSetup`), a formula run with the setup's whole
/// numbers moved. How such a run ended decides which story the learner is told, so it must not
/// depend on how loaded the machine is.
///
/// A run that fails (an error, no value) fails the same way every time, and each check reads
/// that as it always did. A run stopped at its time limit or cancelled might have finished on an
/// idle machine: it is `stopped`, and every check takes its safe side for it — the story it
/// guards is not told (a perturbed run that could not confirm a story removes it; a mutant
/// catalogue with a stopped run tells no story by value). Under load a learner may then get a
/// less specific message, never another story.
enum ExtraRun {
    /// It gave a value.
    case value(Value)
    /// It failed or gave nothing, as it would on any machine.
    case failed
    /// It stopped at a time limit or was cancelled.
    case stopped

    /// Which kind of extra run it is (for `PreparedExercise.stopsExtraRun`, tests).
    enum Kind: Sendable {
        /// A mutant of the reference; the setup with other literals; a formula with the setup's
        /// whole numbers moved; a right alternative run to know it passes (`WrittenReading`).
        case mutant, perturbed, movedNumbers, alternative
    }

    /// Runs `body`, sorting its end into the three outcomes.
    static func run(_ body: () throws(LanguageError) -> Value) -> ExtraRun {
        do {
            return .value(try body())
        } catch {
            return error.kind == .timeLimit || error.kind == .cancelled ? .stopped : .failed
        }
    }

    /// The value, if it gave one.
    var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    var isStopped: Bool {
        if case .stopped = self { return true }
        return false
    }
}

extension PreparedExercise {
    /// Runs one extra evaluation of `kind`; `stopsExtraRun` (tests) can make it end as stopped
    /// without running, as a time limit hit under load would.
    func extraRun(_ kind: ExtraRun.Kind, _ body: () throws(LanguageError) -> Value) -> ExtraRun {
        let run: ExtraRun = stopsExtraRun?(kind) == true ? .stopped : ExtraRun.run(body)
        if run.isStopped { stoppedRuns += 1 }
        return run
    }
}
