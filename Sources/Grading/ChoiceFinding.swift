import Course

/// What is wrong with a choice answer, told one choice at a time so that the message never prints
/// the whole key: the first picked choice that is wrong, else the first right choice left out.
struct ChoiceFinding: Hashable, Sendable {
    /// Which of the two it is.
    enum Kind: String, Hashable, Sendable {
        /// `choice` was picked and is wrong.
        case wrong = "choice-wrong"
        /// `choice` is right and was not picked (only for `multiple` exercises: a single choice's
        /// missing right choice is the key itself).
        case missing = "choice-missing"
    }

    /// Which of the two it is.
    var kind: Kind
    /// The choice id the finding is about.
    var choice: String
    /// How many picked choices are wrong.
    var wrongCount: Int
    /// How many right choices were not picked.
    var missingCount: Int
    /// Whether the finding tells the learner more than the verdict does: a wrong pick with the
    /// author's `why`, a right choice left out, or which of several picks is wrong. A single wrong
    /// pick without a `why` ("Choice d is not right.") says only that the answer is wrong, so it
    /// is no diagnosis (`Verdict.Finding.isSpecific` false).
    var saysMore = true

    /// A finding as a verdict carried it.
    init(kind: Kind, choice: String, wrongCount: Int, missingCount: Int) {
        self.kind = kind
        self.choice = choice
        self.wrongCount = wrongCount
        self.missingCount = missingCount
    }

    /// The finding for `picked` against the `right` ids, in the exercise's choice order; nil when
    /// they agree.
    init?(picked: [String], right: [String], exercise: Exercise) {
        let order = exercise.choices.map(\.id)
        let wrong = order.filter { picked.contains($0) && !right.contains($0) }
        let missing = order.filter { right.contains($0) && !picked.contains($0) }
        if let first = wrong.first {
            kind = .wrong
            choice = first
        } else if let first = missing.first, exercise.multiple {
            kind = .missing
            choice = first
        } else {
            return nil
        }
        wrongCount = wrong.count
        missingCount = missing.count
        saysMore =
            kind == .missing || picked.count > 1 || exercise.solution?.why[choice] != nil
    }

    /// The finding as a verdict carries it: its choice, and the counts as numbers.
    var verdictFinding: Verdict.Finding {
        var finding = Verdict.Finding(
            .choice, kind.rawValue,
            numbers: ["wrong": Double(wrongCount), "missing": Double(missingCount)], isSpecific: saysMore)
        finding.choice = choice
        return finding
    }
}
