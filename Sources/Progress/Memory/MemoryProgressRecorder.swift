import Foundation
import Synchronization
import Wording

/// Progress kept in memory, for tests of code that records progress (the REPL's among them).
///
/// Behaves like ``ProgressStore`` without a file: the same validation, the same errors for
/// unknown profiles, and the shared derived queries. Safe to use from several threads.
public final class MemoryProgressRecorder: ProgressRecording {
    private struct State {
        var profiles: [String: Profile] = [:]
        var settings: [String: [String: String]] = [:]
        var attempts: [Attempt] = []
        /// Positions by profile, then course, then lesson.
        var positions: [String: [String: [String: LessonPosition]]] = [:]
    }

    private let state = Mutex(State())
    private let now: @Sendable () -> Date

    /// Creates an empty recorder.
    /// - Parameter now: The clock stamped on new profiles and positions.
    public init(now: @escaping @Sendable () -> Date = Date.init) {
        self.now = now
    }

    public func openProfile(named name: String, language: Language?) throws -> Profile {
        try ProgressNames.check(.profile, name)
        let created = now()
        return state.withLock { state in
            if let profile = state.profiles[name] { return profile }
            let profile = Profile(name: name, language: language, created: created)
            state.profiles[name] = profile
            return profile
        }
    }

    public func profiles() throws -> [Profile] {
        state.withLock { $0.profiles.values.sorted { $0.name < $1.name } }
    }

    public func setLanguage(_ language: Language?, profile: String) throws {
        try state.withLock { state in
            try Self.requireProfile(profile, in: state)
            state.profiles[profile]?.language = language
        }
    }

    public func setting(_ key: String, profile: String) throws -> String? {
        try state.withLock { state in
            try Self.requireProfile(profile, in: state)
            return state.settings[profile]?[key]
        }
    }

    public func setSetting(_ key: String, to value: String?, profile: String) throws {
        try state.withLock { state in
            try Self.requireProfile(profile, in: state)
            state.settings[profile, default: [:]][key] = value
        }
    }

    public func record(_ attempt: Attempt) throws {
        try ProgressNames.check(attempt)
        try state.withLock { state in
            try Self.requireProfile(attempt.profile, in: state)
            state.attempts.append(attempt)
        }
    }

    public func attempts(profile: String, course: String) throws -> [Attempt] {
        state.withLock { state in
            state.attempts.filter { $0.profile == profile && $0.course == course }
        }
    }

    public func setPosition(profile: String, course: String, lesson: String, step: Int) throws {
        try ProgressNames.check(course: course, lesson: lesson)
        let updated = now()
        try state.withLock { state in
            try Self.requireProfile(profile, in: state)
            let old = state.positions[profile]?[course]?[lesson]
            state.positions[profile, default: [:]][course, default: [:]][lesson] = LessonPosition(
                lesson: lesson, step: step, completed: old?.completed, updated: updated)
        }
    }

    public func markCompleted(profile: String, course: String, lesson: String) throws {
        try ProgressNames.check(course: course, lesson: lesson)
        let date = now()
        try state.withLock { state in
            try Self.requireProfile(profile, in: state)
            let old = state.positions[profile]?[course]?[lesson]
            state.positions[profile, default: [:]][course, default: [:]][lesson] = LessonPosition(
                lesson: lesson, step: old?.step ?? 0, completed: old?.completed ?? date, updated: date)
        }
    }

    public func positions(profile: String, course: String) throws -> [LessonPosition] {
        state.withLock { state in
            (state.positions[profile]?[course] ?? [:]).values.sorted { $0.lesson < $1.lesson }
        }
    }

    public func reset(profile: String, course: String, lesson: String) throws {
        try state.withLock { state in
            try Self.requireProfile(profile, in: state)
            state.attempts.removeAll {
                $0.profile == profile && $0.course == course && $0.key.lesson == lesson
            }
            state.positions[profile]?[course]?[lesson] = nil
        }
    }

    public func courses(profile: String) throws -> [String] {
        state.withLock { state in
            let attempted = state.attempts.filter { $0.profile == profile }.map(\.course)
            let positioned = (state.positions[profile] ?? [:]).filter { !$0.value.isEmpty }.keys
            return Set(attempted).union(positioned).sorted()
        }
    }

    private static func requireProfile(_ name: String, in state: State) throws {
        guard state.profiles[name] != nil else { throw ProgressError.unknownProfile(name) }
    }
}
