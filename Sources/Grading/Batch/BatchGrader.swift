import CNN
import Course
import Dispatch
import Foundation
import Synchronization
import Wording

/// Grades a class's submissions in parallel, with deterministic results: the same files give the
/// same report, whatever the number of jobs, the isolation, or whether verdicts are reused.
///
/// Each distinct (exercise, normalised answer) is graded once and its verdict given to every
/// learner who wrote it (`BatchPlan`); where the answers run is `isolation`.
public struct BatchGrader: Sendable {
    /// How far a batch has got, as reported to `progress`.
    public struct Progress: Sendable, Hashable {
        /// Learners all of whose answers are graded.
        public var learnersDone: Int
        /// Learners in the batch.
        public var learners: Int
        /// Distinct answers graded so far.
        public var graded: Int
        /// Distinct answers to grade (more may be added at the end: see `BatchPlan.addOwnGradings`).
        public var toGrade: Int
    }

    /// The settings answers are graded under.
    public var options: GradingOptions
    /// Answers graded at once (at most: see `jobs(fittingMemoryOf:)`).
    public var jobs: Int
    /// Where answers run.
    public var isolation: BatchIsolation
    /// Whether identical answers share one grading (false grades every answer on its own; the
    /// report is the same either way, only slower).
    public var reusesVerdicts: Bool
    /// Called (from any thread, serialised) after each grading and once at the start.
    public var progress: (@Sendable (Progress) -> Void)?

    /// Creates a batch grader.
    public init(
        options: GradingOptions = GradingOptions(), jobs: Int = 2, isolation: BatchIsolation = .inProcess,
        reusesVerdicts: Bool = true, progress: (@Sendable (Progress) -> Void)? = nil
    ) {
        self.options = options
        self.jobs = max(1, jobs)
        self.isolation = isolation
        self.reusesVerdicts = reusesVerdicts
        self.progress = progress
    }

    /// The files `paths` name: a file as itself, a folder as every visible file directly in it,
    /// sorted by name.
    public static func submissionFiles(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue
            else {
                return [path]
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { CourseLoaderPath.join(path, $0) }
                .filter { file in
                    var isDirectory: ObjCBool = false
                    return FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
                        && !isDirectory.boolValue
                }
        }
    }

    /// Reads and grades the submission files; unreadable or mismatched ones are skipped and listed.
    public func grade(files: [String], course: Course) -> ClassReport {
        // Reading a thousand YAML files is a few seconds of parsing: spread it like the grading.
        let loaded = Mutex<[Result<LearnerSubmission, CourseError>?]>(
            Array(repeating: nil, count: files.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, files.count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < files.count else { return }
                let result: Result<LearnerSubmission, CourseError>
                do throws(CourseError) {
                    result = .success(try SubmissionLoader.load(at: files[index]))
                } catch {
                    result = .failure(error)
                }
                loaded.withLock { $0[index] = result }
            }
        }
        var submissions: [LearnerSubmission] = []
        var skipped: [ClassReport.Skipped] = []
        for (file, result) in zip(files, loaded.withLock { $0 }) {
            switch result {
            case .success(let submission) where submission.course != course.id:
                skipped.append(
                    .init(
                        file: file,
                        message:
                            "\(submission.courseLocation): the answers are for course '\(submission.course)'; this course is '\(course.id)'"
                    ))
            case .success(let submission) where submission.version != course.version:
                skipped.append(
                    .init(
                        file: file,
                        message:
                            "\(submission.versionLocation): the answers are for version \(submission.version) of '\(course.id)'; the course is at version \(course.version)"
                    ))
            case .success(let submission):
                submissions.append(submission)
            case .failure(let error):
                skipped.append(.init(file: file, message: error.description))
            case nil:
                skipped.append(.init(file: file, message: "\(file): not read"))
            }
        }
        var report = grade(submissions, course: course)
        report.skipped = skipped.sorted { $0.file < $1.file }
        return report
    }

    /// Grades parsed submissions. Messages are in `options.language`, rendered from each verdict's
    /// findings by `VerdictRenderer`: named mistakes and checks from the course's translation when
    /// it has one, the grader's own sentences from the catalogs.
    public func grade(_ submissions: [LearnerSubmission], course: Course) -> ClassReport {
        let language = options.language
        let exercises = BatchExercises(course: course, language: language)
        let keys = exercises.keys
        var plan = BatchPlan(submissions: submissions, keys: keys, reuse: reusesVerdicts)
        let counter = LearnerProgress(pending: plan.pendingPerLearner)
        let report = Mutex<(verdicts: [Verdict?], toGrade: Int)>(
            (Array(repeating: nil, count: plan.tasks.count), plan.tasks.count))
        let progress = self.progress
        let learnerCount = submissions.count
        progress?(
            Progress(
                learnersDone: counter.learnersDone, learners: learnerCount, graded: 0,
                toGrade: plan.tasks.count))
        let runner = self.runner(for: exercises)

        func run(_ range: Range<Int>, of plan: BatchPlan) {
            let tasks = Array(plan.tasks[range])
            runner.run(tasks) { offset, verdict in
                let index = range.lowerBound + offset
                let completing = plan.learnersCompleted(by: index, verdict: verdict)
                report.withLock { state in
                    state.verdicts[index] = verdict
                    let (done, graded) = counter.record(completing: completing)
                    // Under the lock, so the reports arrive one at a time and in order.
                    progress?(
                        Progress(
                            learnersDone: done, learners: learnerCount, graded: graded, toGrade: state.toGrade
                        ))
                }
            }
        }

        run(0..<plan.tasks.count, of: plan)
        // Program invariant, not input: `AnswerRunner.run` returns only after calling `done` once
        // for every task (a worker that crashes, hangs or runs out of memory still yields an
        // `error`/`timeout` verdict), so no slot is nil here.
        let first = report.withLock { $0.verdicts.map { $0! } }
        let own = plan.addOwnGradings(verdicts: first)
        if !own.isEmpty {
            report.withLock {
                $0.verdicts += Array(repeating: nil, count: own.count)
                $0.toGrade = plan.tasks.count
            }
            run(own, of: plan)
        }
        let verdicts = report.withLock { $0.verdicts.map { $0! } }  // every slot filled, as above

        let renderers = exercises.exercises.map { VerdictRenderer(exercise: $0, language: language) }
        let byName = Dictionary(grouping: submissions.map { ($0.learner, $0.file) }, by: \.0)
        let learners = submissions.enumerated().map { offset, submission in
            let results = keys.enumerated().map { position, key in
                let verdict: Verdict
                switch plan.slots[offset][position] {
                case .unanswered:
                    verdict = .unanswered(maxPoints: exercises.exercises[position].points, language: language)
                case .task(let index, _):
                    // Said here, from the findings, whatever the grading worker wrote.
                    verdict = renderers[position].rendered(verdicts[index])
                }
                // An answer given after the learner saw the solution is worth what the course says.
                return ClassReport.Result(
                    exercise: key,
                    verdict: submission.afterSolution.contains(key)
                        ? verdict.cappedAfterSolution(at: course.afterSolutionPoints) : verdict)
            }
            var notes = submission.answers.map(\.key).filter { !keys.contains($0) }.map {
                "the answer to '\($0)' was ignored: the course has no such exercise"
            }
            let others = (byName[submission.learner] ?? []).map(\.1).filter { $0 != submission.file }
            for other in others.sorted() {
                notes.append("the same learner name is also in \(other); both files are graded")
            }
            return ClassReport.Learner(
                learner: submission.learner, file: submission.file, results: results, notes: notes)
        }
        var classReport = ClassReport(
            course: course.id, version: course.version, exercises: keys,
            learners: learners.sorted { ($0.learner, $0.file) < ($1.learner, $1.file) }, skipped: [])
        for (key, exercise) in zip(keys, exercises.exercises) {
            let titles = exercise.mistakes.compactMap { mistake in mistake.title.map { (mistake.id, $0) } }
            if !titles.isEmpty { classReport.mistakeTitles[key] = Dictionary(titles) { first, _ in first } }
        }
        return classReport
    }

    /// The runner for `isolation`, with `jobs` fitted to the machine's memory.
    private func runner(for exercises: BatchExercises) -> any AnswerRunner {
        let jobs = self.jobs(fittingMemoryOf: exercises.exercises)
        switch isolation {
        case .inProcess:
            return InProcessRunner(options: options, exercises: exercises, jobs: jobs)
        case .workerProcesses(let command):
            return WorkerProcessPool(
                command: command, options: options, exercises: exercises, jobs: jobs,
                kernelThreads: max(1, ProcessInfo.processInfo.activeProcessorCount / jobs),
                memoryCeiling: workerMemoryCeiling(exercises.exercises))
        }
    }

    /// `jobs`, lowered so that as many answers, each at its memory limit, fit in three quarters of
    /// the machine's physical memory together (at least 1).
    public func jobs(fittingMemoryOf exercises: [Exercise]) -> Int {
        let perJob = workerMemoryCeiling(exercises)
        return max(1, min(jobs, MemoryBudget.usableMemory / 4 * 3 / max(1, perJob)))
    }

    /// The resident memory a worker may reach: twice the largest memory limit of an answer (its
    /// tensors, and the temporaries of the operation in progress) plus room for the engine, the
    /// course and the prepared exercises.
    func workerMemoryCeiling(_ exercises: [Exercise]) -> Int {
        let largest = exercises.map { $0.limits.memory ?? options.maxBytes }.max() ?? options.maxBytes
        return 2 * largest + (512 << 20)
    }
}

/// Path joining as the course loader does it, so reports print paths as given.
enum CourseLoaderPath {
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
