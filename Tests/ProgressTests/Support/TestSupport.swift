import Foundation
import Synchronization

@testable import Progress

/// A clock that starts at a fixed instant and moves one second per reading, so dates are
/// deterministic and strictly increasing (whole seconds survive the database's millisecond text).
final class StepClock: Sendable {
    private let current: Mutex<Date>

    /// 2026-01-01T00:00:00Z, an arbitrary fixed start.
    init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        current = Mutex(start)
    }

    /// The next instant.
    func now() -> Date {
        current.withLock { date in
            date += 1
            return date
        }
    }
}

/// A fresh directory under the system's temporary directory, for one test.
func temporaryDirectory(_ label: String = #function) throws -> URL {
    let name = "cnntutor-progress-\(label.filter(\.isLetter))-\(UUID().uuidString)"
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Opens a store in `directory`, expecting no recovery.
func openStore(_ directory: URL, clock: StepClock = StepClock()) throws -> ProgressStore {
    try ProgressStore.open(directory: directory, now: { clock.now() }).store
}

/// An attempt with the fields tests vary; the rest fixed.
func attempt(
    _ profile: String = "ada", course: String = "cnn", version: String = "1",
    lesson: String, exercise: String, answer: String? = "x", verdict: AttemptVerdict,
    points: Double = 0, maxPoints: Double = 2, mistake: String? = nil, hints: Int = 0,
    date: Date
) -> Attempt {
    Attempt(
        profile: profile, course: course, courseVersion: version,
        key: ExerciseKey(lesson: lesson, exercise: exercise), answer: answer, verdict: verdict,
        points: points, maxPoints: maxPoints, mistake: mistake, hintsUsed: hints,
        durationMilliseconds: 12, date: date)
}
