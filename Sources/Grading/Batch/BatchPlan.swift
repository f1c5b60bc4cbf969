import Course
import Synchronization

/// One answer text to grade for one exercise of a batch.
public struct AnswerTask: Hashable, Sendable {
    /// The exercise's index in the batch's exercise list (course order).
    public var exercise: Int
    /// The answer as typed.
    public var text: String

    /// A task.
    public init(exercise: Int, text: String) {
        self.exercise = exercise
        self.text = text
    }
}

/// How a batch's answers map onto the distinct gradings it needs.
///
/// Answers are deterministic: every answer runs in a fresh session whose random numbers start from
/// the grading seed (`GradingOptions.seed`, the same for every learner; `PreparedExercise.session`),
/// after the exercise's own setup. So a verdict depends only on the exercise and the text, and
/// each distinct (exercise, normalised text) is graded once (`AnswerText`), its verdict copied to
/// every learner who wrote it. An `error` verdict quotes the answer's line in its caret
/// diagnostic, so an answer whose exact text differs from the one graded, and whose verdict is
/// `error`, is graded again under its own text (`addOwnGradings`).
struct BatchPlan: Sendable {
    /// Where one learner's answer to one exercise gets its verdict.
    enum Slot: Sendable {
        /// Not answered, or blank: no grading needed.
        case unanswered
        /// The task at this index, for the answer's exact `text`.
        case task(Int, text: String)
    }

    /// `slots[learner][exercise]`.
    private(set) var slots: [[Slot]]
    /// The gradings, in order of first appearance (learner by learner, course order); each is
    /// graded under the first exact text met.
    private(set) var tasks: [AnswerTask] = []
    /// For each task, the learners whose answers it grades, with their exact texts.
    private(set) var waiting: [[(learner: Int, text: String)]] = []

    /// Plans `submissions` against the exercise `keys` (`lesson-id/exercise-id`, course order).
    /// With `reuse` false every answer is its own task (to check reuse against, and to measure it).
    init(submissions: [LearnerSubmission], keys: [String], reuse: Bool = true) {
        var index: [AnswerTask: Int] = [:]
        var tasks: [AnswerTask] = []
        var waiting: [[(learner: Int, text: String)]] = []
        slots = submissions.enumerated().map { learner, submission in
            var answers: [String: String] = [:]
            for (key, answer) in submission.answers where answers[key] == nil { answers[key] = answer }
            return keys.enumerated().map { exercise, key in
                guard let text = answers[key], !text.allSatisfy(\.isWhitespace) else { return .unanswered }
                let normalised = AnswerText.normalised(text)
                // A comment alone normalises to nothing, yet is an answer (with no value): keep it.
                let key = AnswerTask(exercise: exercise, text: normalised.isEmpty ? text : normalised)
                let number: Int
                if reuse, let known = index[key] {
                    number = known
                } else {
                    number = tasks.count
                    if reuse { index[key] = number }
                    tasks.append(AnswerTask(exercise: exercise, text: text))
                    waiting.append([])
                }
                waiting[number].append((learner, text))
                return .task(number, text: text)
            }
        }
        self.tasks = tasks
        self.waiting = waiting
    }

    /// How many tasks each learner waits on; a learner with none is complete from the start.
    var pendingPerLearner: [Int] {
        var pending = Array(repeating: 0, count: slots.count)
        for learners in waiting { for entry in learners { pending[entry.learner] += 1 } }
        return pending
    }

    /// The learners whose answers task `index` completes when its verdict is `verdict`: all of
    /// them, except, for an `error`, those whose exact text differs (they wait for their own).
    func learnersCompleted(by index: Int, verdict: Verdict) -> [Int] {
        waiting[index].filter { verdict.status != .error || $0.text == tasks[index].text }.map(\.learner)
    }

    /// Adds a task for every answer whose shared verdict (in `verdicts`, by task) is an error
    /// graded under another text, points its slot there, and returns the new tasks' indices.
    mutating func addOwnGradings(verdicts: [Verdict]) -> Range<Int> {
        let first = tasks.count
        var index: [AnswerTask: Int] = [:]
        for learner in slots.indices {
            for exercise in slots[learner].indices {
                guard case .task(let number, let text) = slots[learner][exercise], number < first,
                    verdicts[number].status == .error, tasks[number].text != text
                else { continue }
                let task = AnswerTask(exercise: exercise, text: text)
                let own: Int
                if let known = index[task] {
                    own = known
                } else {
                    own = tasks.count
                    index[task] = own
                    tasks.append(task)
                    waiting.append([])
                }
                waiting[own].append((learner, text))
                slots[learner][exercise] = .task(own, text: text)
            }
        }
        return first..<tasks.count
    }
}

/// Learners complete so far, counted as their gradings come back (from any thread).
final class LearnerProgress: Sendable {
    private let state: Mutex<(pending: [Int], done: Int, graded: Int)>

    /// Progress over learners waiting on `pending[learner]` gradings each.
    init(pending: [Int]) {
        state = Mutex((pending, pending.filter { $0 == 0 }.count, 0))
    }

    /// Records a grading that completes `learners`' answers; returns (learners complete, gradings done).
    func record(completing learners: [Int]) -> (learners: Int, graded: Int) {
        state.withLock { state in
            state.graded += 1
            for learner in learners {
                state.pending[learner] -= 1
                if state.pending[learner] == 0 { state.done += 1 }
            }
            return (state.done, state.graded)
        }
    }

    /// Learners complete so far.
    var learnersDone: Int { state.withLock { $0.done } }
}
