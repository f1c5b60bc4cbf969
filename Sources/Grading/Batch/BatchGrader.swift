import Course
import Foundation
import Synchronization
import Wording

/// Grades a class's submissions in parallel, with deterministic results: the same files give the
/// same report, whatever the number of jobs.
public struct BatchGrader: Sendable {
    /// The settings answers are graded under.
    public var options: GradingOptions
    /// Answers graded at once, each on its own thread with its own `Grader`.
    public var jobs: Int

    /// Creates a batch grader.
    public init(options: GradingOptions = GradingOptions(), jobs: Int = 2) {
        self.options = options
        self.jobs = max(1, jobs)
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
        var submissions: [LearnerSubmission] = []
        var skipped: [ClassReport.Skipped] = []
        for file in files {
            do {
                let submission = try SubmissionLoader.load(at: file)
                if submission.course != course.id {
                    skipped.append(
                        .init(
                            file: file,
                            message:
                                "the answers are for course '\(submission.course)'; this course is '\(course.id)'"
                        ))
                } else if submission.version != course.version {
                    skipped.append(
                        .init(
                            file: file,
                            message:
                                "the answers are for version \(submission.version) of '\(course.id)'; the course is at version \(course.version)"
                        ))
                } else {
                    submissions.append(submission)
                }
            } catch {
                skipped.append(.init(file: file, message: error.description))
            }
        }
        var report = grade(submissions, course: course)
        report.skipped = skipped.sorted { $0.file < $1.file }
        return report
    }

    /// Grades parsed submissions. Messages are in `options.language`: named mistakes and checks
    /// from the course's translation when it has one, the grader's own sentences from `GradingText`.
    public func grade(_ submissions: [LearnerSubmission], course: Course) -> ClassReport {
        let language = options.language
        let exercises = course.lessons(in: language).flatMap { lesson in
            lesson.exercises.map { (lesson: lesson, exercise: $0) }
        }
        let keys = exercises.map { "\($0.lesson.id)/\($0.exercise.id)" }
        let total = submissions.count * exercises.count
        let verdicts = Mutex<[Verdict?]>(Array(repeating: nil, count: total))
        let next = Atomic<Int>(0)
        let options = self.options
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, total))) { _ in
            let grader = Grader(options: options)
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < total else { return }
                let submission = submissions[index / exercises.count]
                let exercise = exercises[index % exercises.count].exercise
                let verdict =
                    submission.answer(to: keys[index % exercises.count]).map {
                        grader.grade($0, for: exercise)
                    }
                    ?? .unanswered(maxPoints: exercise.points, language: language)
                verdicts.withLock { $0[index] = verdict }
            }
        }
        let all = verdicts.withLock { $0 }
        let learners = submissions.enumerated().map { offset, submission in
            let results = keys.enumerated().map { position, key in
                ClassReport.Result(exercise: key, verdict: all[offset * keys.count + position]!)
            }
            let notes = submission.answers.map(\.key).filter { !keys.contains($0) }.map {
                "the answer to '\($0)' was ignored: the course has no such exercise"
            }
            return ClassReport.Learner(
                learner: submission.learner, file: submission.file, results: results, notes: notes)
        }
        return ClassReport(
            course: course.id, version: course.version, exercises: keys,
            learners: learners.sorted { ($0.learner, $0.file) < ($1.learner, $1.file) }, skipped: [])
    }
}

/// Path joining as the course loader does it, so reports print paths as given.
enum CourseLoaderPath {
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
