import Foundation
import Wording

/// What the lesson REPL needs from progress storage: profiles, attempts, positions and settings.
///
/// ``ProgressStore`` keeps them in SQLite; ``MemoryProgressRecorder`` keeps them in memory for
/// tests. Both give the same answers: the derived queries (latest attempts, statuses, summaries,
/// submissions) have one shared definition in `ProgressRecording+Queries.swift`, which the SQLite
/// store overrides only with SQL that the shared contract tests prove equivalent.
///
/// Every write is durable when the method returns. Methods throw ``ProgressError``.
public protocol ProgressRecording: Sendable {
    /// Returns the profile named `name`, creating it with `language` if it does not exist yet.
    ///
    /// An existing profile keeps its stored language; change it with ``setLanguage(_:profile:)``.
    func openProfile(named name: String, language: Language?) throws -> Profile

    /// All profiles, by name.
    func profiles() throws -> [Profile]

    /// Stores the lesson language a profile prefers (`nil`: the course default).
    func setLanguage(_ language: Language?, profile: String) throws

    /// A profile's setting stored under `key`, or `nil` if it was never set.
    func setting(_ key: String, profile: String) throws -> String?

    /// Stores (or with `nil`, removes) a profile's setting.
    func setSetting(_ key: String, to value: String?, profile: String) throws

    /// Records one attempt, committed before returning.
    func record(_ attempt: Attempt) throws

    /// Every attempt of a profile in a course, oldest first.
    func attempts(profile: String, course: String) throws -> [Attempt]

    /// Moves a profile's position in a lesson to `step`, keeping the lesson's completion.
    func setPosition(profile: String, course: String, lesson: String, step: Int) throws

    /// Marks a lesson finished (keeping the position; creating one at step 0 if there was none).
    func markCompleted(profile: String, course: String, lesson: String) throws

    /// A profile's positions in the lessons of a course, by lesson id.
    func positions(profile: String, course: String) throws -> [LessonPosition]

    /// Forgets a profile's attempts, position and completion in one lesson.
    func reset(profile: String, course: String, lesson: String) throws

    /// The ids of the courses a profile has attempts or positions in, sorted.
    func courses(profile: String) throws -> [String]

    /// The latest attempt at each exercise; with `answeredOnly`, the latest that has answer text.
    ///
    /// "Latest" is the order attempts were committed in, not their `date`.
    func latestAttempts(profile: String, course: String, answeredOnly: Bool) throws
        -> [ExerciseKey: Attempt]

    /// The best status of each exercise a profile attempted in a course.
    func exerciseStatuses(profile: String, course: String) throws -> [ExerciseKey: ExerciseStatus]
}
