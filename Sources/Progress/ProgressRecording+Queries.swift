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

    /// The best status of each exercise, computed from ``attempts(profile:course:)``.
    public func exerciseStatuses(profile: String, course: String) throws
        -> [ExerciseKey: ExerciseStatus]
    {
        var statuses: [ExerciseKey: ExerciseStatus] = [:]
        for attempt in try attempts(profile: profile, course: course) {
            guard var status = statuses[attempt.key] else {
                statuses[attempt.key] = ExerciseStatus(
                    key: attempt.key, bestVerdict: attempt.verdict, bestPoints: attempt.points,
                    maxPoints: attempt.maxPoints, attempts: 1, gaveUp: attempt.verdict == .gaveUp,
                    lastAttempt: attempt.date)
                continue
            }
            if attempt.verdict.rank < status.bestVerdict.rank { status.bestVerdict = attempt.verdict }
            status.bestPoints = max(status.bestPoints, attempt.points)
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

    /// The profile's latest answer to each exercise of a course, as a submission for `grade`.
    ///
    /// Give-ups and skips with no text are left out, so an earlier typed answer still counts.
    /// - Parameter version: The course version to state; `nil` uses the latest answer's version.
    public func submission(profile: String, course: String, version: String? = nil) throws
        -> ExportedSubmission
    {
        let latest = try latestAttempts(profile: profile, course: course, answeredOnly: true)
        var answers: [String: String] = [:]
        for (key, attempt) in latest {
            answers[key.description] = attempt.answer
        }
        let newest = latest.values.max { $0.date < $1.date }
        return ExportedSubmission(
            learner: profile, course: course, version: version ?? newest?.courseVersion ?? "",
            answers: answers)
    }
}
