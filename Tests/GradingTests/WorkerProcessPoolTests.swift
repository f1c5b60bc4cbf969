import Foundation
import Synchronization
import Testing

@testable import Course
@testable import Grading

/// The batch's worker processes under answers that crash, hang or grow without bound. A small
/// shell script stands in for the worker (it speaks the same protocol), so each misbehaviour is
/// exactly the one meant, whatever the engine's own defences do by now.
@Suite struct WorkerProcessPoolTests {
    /// Answers `pass` to everything except three words: `crash` (the worker dies of SIGSEGV),
    /// `hang` (it sleeps, ignoring everything) and `grow` (it becomes `tail /dev/zero`, whose
    /// memory grows until something stops it).
    static let script = """
        while IFS= read -r line; do
          echo ready
          case "$line" in
            *crash*) echo "Fatal error: the fake worker crashed" >&2; kill -SEGV $$ ;;
            *hang*) exec sleep 1000 ;;
            *grow*) exec tail /dev/zero ;;
            *) echo '{"status":"pass","points":2,"maxPoints":2,"message":"","failedChecks":[],"durationMilliseconds":1}' ;;
          esac
        done
        """

    /// `timeLimit`: 0.5 s where a hang is to be stopped soon; a memory test gives `grow` longer, so
    /// that on a loaded machine the ceiling, not the clock, stops it.
    static func pool(jobs: Int = 1, timeLimit: Double = 0.5) throws -> WorkerProcessPool {
        let course = try CourseLoader.load(at: TestExercises.tinyCourse)
        var options = GradingOptions()
        options.timeLimit = timeLimit
        options.setupTimeLimit = 1
        return WorkerProcessPool(
            command: ["/bin/sh", "-c", script], options: options,
            exercises: BatchExercises(course: course, language: "en"), jobs: jobs, kernelThreads: 1,
            memoryCeiling: 100 << 20)
    }

    static func run(_ texts: [String], jobs: Int = 1, timeLimit: Double = 0.5) throws -> [Verdict] {
        let verdicts = Mutex<[Int: Verdict]>([:])
        try pool(jobs: jobs, timeLimit: timeLimit).run(texts.map { AnswerTask(exercise: 0, text: $0) }) {
            index, verdict in
            verdicts.withLock { $0[index] = verdict }
        }
        return verdicts.withLock { state in texts.indices.map { state[$0]! } }
    }

    @Test func aCrashCostsOneVerdictAndTheNextAnswerGetsAFreshWorker() throws {
        let verdicts = try Self.run(["a.sum()", "crash", "a.sum()"])
        #expect(verdicts.map(\.status) == [.pass, .error, .pass])
        #expect(verdicts[1].message.contains("signal 11"))
        #expect(verdicts[1].message.contains("Fatal error: the fake worker crashed"))
        #expect(verdicts[1].maxPoints == 2)
    }

    @Test func aWorkerThatIgnoresItsTimeLimitIsStoppedAndTheAnswerTimesOut() throws {
        let start = Date()
        let verdicts = try Self.run(["hang", "a.sum()"])
        #expect(verdicts.map(\.status) == [.timeout, .pass])
        #expect(verdicts[0].message == "stopped: the time limit of 0.5 s was reached")
        // The limit plus the watchdog's slack (3 s), not the sleep's 1000 s.
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(verdicts[0].durationMilliseconds >= 3000)
    }

    @Test func aWorkerPastItsMemoryCeilingIsStopped() throws {
        let verdicts = try Self.run(["grow", "a.sum()"], timeLimit: 10)
        #expect(verdicts.map(\.status) == [.error, .pass])
        #expect(verdicts[0].message.contains("over the limit of 0.1 GB"), "\(verdicts[0].message)")
    }

    @Test func misbehavioursInParallelLanesStayInTheirOwnVerdicts() throws {
        let texts = ["a.sum()", "crash", "hang", "a.sum()", "grow", "a.sum()", "crash", "a.sum()"]
        let verdicts = try Self.run(texts, jobs: 2, timeLimit: 5)
        #expect(verdicts.map(\.status) == [.pass, .error, .timeout, .pass, .error, .pass, .error, .pass])
    }

    @Test func aWorkerThatCannotStartIsReportedOnEveryAnswer() throws {
        let course = try CourseLoader.load(at: TestExercises.tinyCourse)
        let pool = WorkerProcessPool(
            command: ["/nonexistent/cnntutor"], options: GradingOptions(),
            exercises: BatchExercises(course: course, language: "en"), jobs: 1, kernelThreads: 1,
            memoryCeiling: nil)
        let verdicts = Mutex<[Verdict]>([])
        pool.run([AnswerTask(exercise: 0, text: "a.sum()")]) { _, verdict in
            verdicts.withLock { $0.append(verdict) }
        }
        let verdict = try #require(verdicts.withLock { $0.first })
        #expect(verdict.status == .error)
        #expect(verdict.message.contains("could not be started"))
    }

    /// Verdicts cross the process boundary as JSON: every field must come back, a diagnosis with
    /// non-finite cells included.
    @Test func verdictsRoundTripThroughTheWorkerCoding() throws {
        let exercise = TestExercises.make(
            .tensor, setup: "x = tensor([[1., 2.], [3., 4.]])", reference: "x * 2",
            checks: [
                (
                    id: "shape", expect: "answer.shape == expected.shape", message: "Shape {answer.shape}.",
                    points: 1
                )
            ])
        let grader = Grader()
        for answer in ["x * 2", "x * 3", "x.t() * 2", "x / 0", "x.sum()", "x.summ()", ""] {
            var verdict = grader.grade(answer, for: exercise)
            verdict.durationMilliseconds = 7
            let data = try GradingWorker.encoder().encode(verdict)
            let decoded = try GradingWorker.decoder().decode(Verdict.self, from: data)
            // NaN is never equal to itself: compare the re-encoded bytes.
            #expect(try GradingWorker.encoder().encode(decoded) == data, "\(answer)")
            #expect(decoded.status == verdict.status && decoded.message == verdict.message)
            #expect(decoded.diagnosis?.finding == verdict.diagnosis?.finding)
        }
    }
}
