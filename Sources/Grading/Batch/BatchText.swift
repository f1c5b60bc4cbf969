import Wording

/// The batch grader's own sentences to learners — for answers a worker process could not grade —
/// each a `BatchKey` of the catalog `grading-batch`
/// (`Sources/Wording/Catalogs/<language>/grading-batch.json`), unsaid, as `GradingText` gives the
/// grader's.
enum BatchText {
    /// An answer during which the grading process ended (`reason`: its signal and last words).
    static func stoppedTheGrader(_ reason: String) -> Phrase {
        Phrase(BatchKey.stoppedTheGrader, ["reason": reason])
    }

    /// An answer whose process passed its memory ceiling.
    static func usedTooMuchMemory(_ bytes: Int, ceiling: Int) -> Phrase {
        Phrase(BatchKey.usedTooMuchMemory, ["used": Self.gigabytes(bytes), "limit": Self.gigabytes(ceiling)])
    }

    /// Gigabytes (2³⁰ bytes) to one decimal.
    static func gigabytes(_ bytes: Int) -> Double { (Double(bytes) / Double(1 << 30) * 10).rounded() / 10 }
}

/// The keys of the batch grader's sentences.
package enum BatchKey: String, MessageKey {
    package static let catalog = "grading-batch"

    case stoppedTheGrader, usedTooMuchMemory
}
