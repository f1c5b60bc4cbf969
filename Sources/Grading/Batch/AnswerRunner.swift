import Course
import Dispatch
import Synchronization
import Wording

/// Where a batch's answers run: in this process, or in worker processes that a crash, a hang or
/// a runaway allocation can take down without taking the class's report with it.
public enum BatchIsolation: Sendable, Hashable {
    /// Threads of this process, each with its own `Grader`. Fastest to start; an answer that
    /// crashes the engine ends the whole batch.
    case inProcess
    /// Worker processes started as `command` (the executable, then its arguments), each serving
    /// answers on its standard input (`GradingWorker`); see `WorkerProcessPool`.
    case workerProcesses(command: [String])
}

/// Grades a list of tasks, calling `done(task, verdict)` once per task from any thread, before
/// `run` returns — also for an answer that crashed, hung or exhausted its worker (as `error` or
/// `timeout`). `BatchGrader` relies on this to fill every report slot.
protocol AnswerRunner {
    func run(_ tasks: [AnswerTask], done: @escaping @Sendable (Int, Verdict) -> Void)
}

/// The batch's exercises, in course order, in the grading language.
struct BatchExercises: Sendable {
    let keys: [String]
    let exercises: [Exercise]

    init(course: Course, language: Language) {
        let pairs = course.lessons(in: language).flatMap { lesson in
            lesson.exercises.map { ("\(lesson.id)/\($0.id)", $0) }
        }
        keys = pairs.map(\.0)
        exercises = pairs.map(\.1)
    }

    /// The exercise named `key`, if the course has it.
    func exercise(_ key: String) -> Exercise? { keys.firstIndex(of: key).map { exercises[$0] } }
}

/// Grades on `jobs` threads of this process, each with its own `Grader` (whose prepared
/// exercises it keeps across tasks).
struct InProcessRunner: AnswerRunner {
    let options: GradingOptions
    let exercises: BatchExercises
    let jobs: Int

    func run(_ tasks: [AnswerTask], done: @escaping @Sendable (Int, Verdict) -> Void) {
        guard !tasks.isEmpty else { return }
        let next = Atomic<Int>(0)
        let options = options
        let exercises = exercises
        DispatchQueue.concurrentPerform(iterations: min(jobs, tasks.count)) { _ in
            let grader = Grader(options: options)
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < tasks.count else { return }
                let task = tasks[index]
                done(index, grader.grade(task.text, for: exercises.exercises[task.exercise]))
            }
        }
    }
}
