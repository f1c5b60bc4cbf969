import Foundation

/// The derived queries, defined once over the primitive ones so every implementation agrees.
extension ProgressRecording {
    /// The latest attempt at each exercise, computed from ``attempts(profile:course:)``.
    public func latestAttempts(profile: String, course: String, answeredOnly: Bool) throws
        -> [ExerciseKey: Attempt]
    {
        var latest: [ExerciseKey: Attempt] = [:]
        for attempt in try attempts(profile: profile, course: course)
        where !answeredOnly || attempt.answer != nil {
            latest[attempt.key] = attempt
        }
        return latest
    }

    /// The best attempt at each exercise (``Attempt/isBetter(than:isLater:)``), computed from
    /// ``attempts(profile:course:)``.
    /// - Parameter answeredOnly: Only attempts with answer text (what an export can write).
    public func bestAttempts(profile: String, course: String, answeredOnly: Bool) throws
        -> [ExerciseKey: Attempt]
    {
        var best: [ExerciseKey: Attempt] = [:]
        // Attempts come in commit order, so each one is later than the best so far.
        for attempt in try attempts(profile: profile, course: course)
        where !answeredOnly || attempt.answer != nil {
            if let kept = best[attempt.key], !attempt.isBetter(than: kept, isLater: true) { continue }
            best[attempt.key] = attempt
        }
        return best
    }

    /// The best status of each exercise, computed from ``attempts(profile:course:)``.
    public func exerciseStatuses(profile: String, course: String) throws
        -> [ExerciseKey: ExerciseStatus]
    {
        var statuses: [ExerciseKey: ExerciseStatus] = [:]
        var best: [ExerciseKey: Attempt] = [:]
        for attempt in try attempts(profile: profile, course: course) {
            guard var status = statuses[attempt.key], let kept = best[attempt.key] else {
                best[attempt.key] = attempt
                statuses[attempt.key] = ExerciseStatus(
                    key: attempt.key, bestVerdict: attempt.verdict, bestPoints: attempt.points,
                    bestAfterSolution: attempt.afterSolution, everPassed: attempt.verdict == .pass,
                    maxPoints: attempt.maxPoints, attempts: 1, gaveUp: attempt.verdict == .gaveUp,
                    lastAttempt: attempt.date)
                continue
            }
            if attempt.isBetter(than: kept, isLater: true) {
                best[attempt.key] = attempt
                status.bestVerdict = attempt.verdict
                status.bestPoints = attempt.points
                status.bestAfterSolution = attempt.afterSolution
            }
            status.everPassed = status.everPassed || attempt.verdict == .pass
            status.maxPoints = attempt.maxPoints
            status.attempts += 1
            status.gaveUp = status.gaveUp || attempt.verdict == .gaveUp
            status.lastAttempt = attempt.date
            statuses[attempt.key] = status
        }
        return statuses
    }

    /// Each lesson the profile touched in a course: exercise statuses, position and completion.
    ///
    /// - Returns: One summary per lesson with an attempt or a position, sorted by lesson id.
    public func lessonSummaries(profile: String, course: String) throws -> [LessonSummary] {
        let statuses = try exerciseStatuses(profile: profile, course: course)
        let positions = Dictionary(
            try positions(profile: profile, course: course).map { ($0.lesson, $0) },
            uniquingKeysWith: { first, _ in first })
        let lessons = Set(statuses.keys.map(\.lesson)).union(positions.keys).sorted()
        return lessons.map { lesson in
            let exercises = statuses.values.filter { $0.key.lesson == lesson }
            let position = positions[lesson]
            let dates = exercises.map(\.lastAttempt) + [position?.updated].compactMap { $0 }
            return LessonSummary(
                lesson: lesson,
                exercises: Dictionary(uniqueKeysWithValues: exercises.map { ($0.key.exercise, $0) }),
                step: position?.step, completed: position?.completed != nil,
                lastActivity: dates.max())
        }
    }

    /// The position the learner moved most recently in a course: where to resume.
    public func lastPosition(profile: String, course: String) throws -> LessonPosition? {
        // Ties (same millisecond) go to the lesson that sorts last, so the answer is deterministic.
        try positions(profile: profile, course: course).max {
            ($0.updated, $0.lesson) < ($1.updated, $1.lesson)
        }
    }

    /// The profile's best answer to each exercise of a course, as a submission for `grade`.
    ///
    /// The best is the attempt `progress` counts (``Attempt/isBetter(than:isLater:)``: most points,
    /// then best verdict, then latest), among attempts with answer text: give-ups and skips with
    /// no text never hide a typed answer. Exercises whose exported answer came after the learner
    /// saw the solution are listed in ``ExportedSubmission/afterSolution``.
    /// - Parameter version: The course version to state; `nil` uses the latest answer's version.
    public func submission(profile: String, course: String, version: String? = nil) throws
        -> ExportedSubmission
    {
        let best = try bestAttempts(profile: profile, course: course, answeredOnly: true)
        var answers: [String: String] = [:]
        var afterSolution: [String] = []
        for (key, attempt) in best {
            answers[key.description] = attempt.answer
            if attempt.afterSolution { afterSolution.append(key.description) }
        }
        let newest = try latestAttempts(profile: profile, course: course, answeredOnly: true).values.max {
            $0.date < $1.date
        }
        return ExportedSubmission(
            learner: profile, course: course, version: version ?? newest?.courseVersion ?? "",
            answers: answers, afterSolution: afterSolution.sorted())
    }
}
