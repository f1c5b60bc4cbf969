import Foundation

/// The batch grader's own sentences to learners — for answers a worker process could not grade —
/// in the language the grading runs in (English, or Korean for `ko`), as `GradingText` does for
/// the grader's.
struct BatchText: Sendable {
    /// The language code (`en`, `ko`).
    let language: String

    private var korean: Bool { language == "ko" }

    /// An answer during which the grading process ended (`reason`: its signal and last words).
    func stoppedTheGrader(_ reason: String) -> String {
        korean
            ? "이 답을 실행하는 동안 채점 프로세스가 멈춰서 채점하지 못했습니다(\(reason))."
            : "The grading process stopped while running this answer, so it could not be graded (\(reason))."
    }

    /// An answer whose process passed its memory ceiling.
    func usedTooMuchMemory(_ bytes: Int, ceiling: Int) -> String {
        let used = Self.gigabytes(bytes)
        let limit = Self.gigabytes(ceiling)
        return korean
            ? "이 답은 메모리를 \(used) GB 넘게 써서 한도(\(limit) GB)를 넘었으므로 멈췄습니다."
            : "This answer used more than \(used) GB of memory, over the limit of \(limit) GB, and was stopped."
    }

    /// `1.5`: gigabytes (2³⁰ bytes) with one decimal.
    static func gigabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / Double(1 << 30))
    }
}
