import AnswerLanguage

/// What a named mistake's recorded answers type, read against the calculation they come from.
///
/// A named mistake whose `when` tests the answer's value or shape alone (`answer.shape == (3,
/// 6)`) is matched by a number; its message, though, is about a typing: "`img[:3][:3]` slices the
/// rows twice: the second `[:3]` …". Where every recorded answer of the mistake in `Solutions/`
/// is the calculation with something more written on it (a second subscript, a call around it,
/// a keyword), that something is the mistake, and an answer with the value that writes none of
/// it made another slip: `img[0:3]` has the shape of `img[:3][:3]` but slices once.
/// A recorded answer written by another route (`img.reshape(8, 8, 1, 1)` for `img[None, None]`)
/// or worked out by hand (`9`) says nothing of what the mistake writes, and keeps the mistake.
extension PreparedExercise {
    /// Whether the answer typed as `source` leaves out what every recorded answer of the named
    /// mistake `id` (`when` a value or shape test alone) writes on top of the calculation.
    func leavesOutRecordedStep(by id: String, when: String, source: String?) -> Bool {
        // Only a mistake named by a shape or a number says nothing of its own calculation; one
        // that compares with a calculation (`allclose(answer, conv2d(x, w.flip([2, 3])))`) is
        // that calculation's value however typed (`torch.rot90(w, 2, (2, 3))` flips too).
        let condition = when.filter { !$0.isWhitespace }
        let byNumber =
            Self.testedFormula(when).flatMap { Formula.parse($0.1.text($0.0)) }.map { $0.names.isEmpty }
            ?? false
        guard let source, byNumber || condition.hasPrefix("answer.shape=="),
            let answer = Self.typingProfile(source), let solution = exercise.solution
        else { return false }
        let recorded = (solution.wrong).filter { $0.mistake == id }.map(\.answer.text)
        guard !recorded.isEmpty else { return false }
        let calculations = ([solution.reference] + solution.alternatives).compactMap {
            Self.typingProfile($0.text)
        }.filter { !$0.isEmpty }
        for text in recorded {
            guard let written = Self.typingProfile(text) else { return false }
            // What it writes beyond a calculation it writes all of; none: no step to look for.
            let added = calculations.filter { calculation in
                calculation.allSatisfy { (written[$0.key] ?? 0) >= $0.value }
            }.map { calculation in
                written.filter { $0.value > (calculation[$0.key] ?? 0) }
            }.filter { !$0.isEmpty }
            guard let step = added.min(by: { $0.count < $1.count }) else { return false }
            // This recorded answer's step is written: the mistake may be the answer's.
            if step.allSatisfy({ (answer[$0.key] ?? 0) >= $0.value }) { return false }
        }
        return true
    }

    /// The steps `source` (one expression) writes, counted: each binary operator, each call by its
    /// name (`F.pad` and `torch.nn.functional.pad` alike), each subscript, and a `padding=` that
    /// pads as a `pad` call (as `F.pad` does). Arguments are not steps: positional and keyword
    /// are one. Nil when `source` is not one expression.
    static func typingProfile(_ source: String) -> [String: Int]? {
        guard let typed = TypedAnswer(source), typed.statementCount == 1 else { return nil }
        var counts: [String: Int] = [:]
        func visit(_ node: ExpressionSyntax) {
            switch node.kind {
            case .binary(let op, _, _): counts["op \(op.rawValue)", default: 0] += 1
            case .subscript: counts["[]", default: 0] += 1
            case .call(let callee, let arguments):
                if let name = MutantGenerator.calleeName(callee) { counts["call \(name)", default: 0] += 1 }
                for argument in arguments where argument.name == "padding" && Self.pads(argument.value) {
                    counts["call pad", default: 0] += 1
                }
            default: break
            }
            for child in node.kind.children { visit(child) }
        }
        visit(typed.last)
        return counts
    }
}

extension PreparedExercise {
    /// Whether a named mistake whose `when` compares the answer with a number alone (`answer ==
    /// 9`, no setup name in it) fits the answer typed as `source` on this data only: the mistake's
    /// number stands to the expected value by an offset or a factor (9 is 8 + 1: "counted from
    /// 1"), and with the setup's real numbers changed (`PerturbedSetup`) the answer no longer
    /// stands so to the reference's value there (`len(val) - 1` is still 9 when the lowest loss
    /// moves; `int(val.argmin()) + 1` moves with it). What cannot be told keeps the mistake: an
    /// answer that reads no setup name, a setup without real numbers, a reference that does not
    /// move.
    func holdsOnThisDataOnly(when: String, source: String?) -> Bool {
        guard let source, !isMistakesFormula(source, when: when),
            let (named, typed) = Self.testedFormula(when),
            let formula = Formula.parse(typed.text(named)), formula.names.isEmpty,
            let mistake = formula.evaluate([:])?.double
        else { return false }
        return perturbedSetup.keepsRelation(answer: source, to: mistake) == false
    }
}
