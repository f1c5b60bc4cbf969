import AnswerLanguage
import CNN
import Course
import Wording

/// Mutants run in the exercise's setup that give one value: the misconceptions that explain it
/// (one, or two the setup cannot tell apart, which the message then names both).
struct MutantGroup: Sendable {
    /// One mutant (of one or two changes), or two single ones the setup cannot tell apart.
    var mutants: [Mutant]
    var value: Value
    /// Whether the group was found by its value alone (not typed as the answer, nor read from
    /// the answer's formula or operations): the answer may then be another change with this value.
    var byValue = false
    /// Meaning mutants and slices moved that tell the same story as one of `mutants` (from an
    /// alternative, or written otherwise): tried in its place when the answer's typing rules that
    /// one out.
    var alternates: [Mutant] = []

    /// The verdict finding's id: the misconceptions of a double slip joined by `+`, those of
    /// two alternative explanations by `|`.
    var findingID: String {
        mutants.map { $0.changes.map(\.misconception.rawValue).joined(separator: "+") }.joined(separator: "|")
    }

    /// Whether a built-in diagnosis with `finding` tells the same story (a single change only).
    func confirms(_ finding: Diagnosis.Finding) -> Bool {
        mutants.contains { $0.changes.count == 1 && $0.misconception.diagnosisFinding == finding }
    }
}

/// An exercise's misconception mutants, run once: the values that tell misconceptions apart, and
/// the mutants the setup cannot tell from the reference (`check` reports them: such a wrong answer
/// would pass).
struct MutantCatalogue: Sendable {
    /// Values that one or two misconceptions explain, each differing from the expected value.
    var groups: [MutantGroup] = []
    /// Mutants whose value the comparison cannot tell from the expected one.
    var indistinguishable: [Mutant] = []
    /// Every mutant that ran, with its value (for `check`).
    var all: [(mutant: Mutant, value: Value)] = []
    /// The reference's formulas and their mutants, for answers that are formulas (nil when the
    /// reference and alternatives are not arithmetic in the setup's whole numbers or literals).
    var formulas: FormulaCatalogue?
    /// The entries of a reference that is a tuple of formulas, each with its mutants (nil
    /// otherwise): a shape or position read entry by entry (`TupleFormulas`).
    var tuples: TupleFormulas?
    /// What a reference that counts parameters counts, and the counts of its layers taken
    /// otherwise (nil when the reference counts no parameters).
    var counts: CountCatalogue?
    /// The reference in the setup's names read as one layer's count (`2 * ch`, a batch norm),
    /// where an alternative's call in literals made `counts`: an answer in those names that no
    /// formula mutant is may still be that layer counted otherwise (`4 * ch`, its buffers).
    var namedCounts: CountCatalogue?
    /// Mutants that swap what an operation does, told only for answers that write the swapped-in
    /// operation (`PreparedExercise+Swaps`).
    var swaps: [SwapEntry] = []
    /// Mutants with one operation applied at another place, told only where no other mutant
    /// explains the answer (`PreparedExercise+MovedOperations`).
    var moves: [MovedEntry] = []
    /// Whether a run made for this catalogue stopped at its time limit (`ExtraRun`): which
    /// mutants it holds then depends on the machine's load, so no story is told by value from it
    /// (an answer typed exactly as a mutant is still that mutant).
    var isPartial = false

    /// Mutants run per exercise at most, so grading stays fast. A count, not a time: the same
    /// answer must get the same verdict however loaded the machine is (each mutant still runs
    /// under the answer time limit).
    static let limit = 120
    /// Pairs of misconceptions run per exercise at most (on top of `limit`).
    static let pairLimit = 400
}

extension PreparedExercise {
    /// The exercise's mutants, computed on first need and kept.
    var mutants: MutantCatalogue {
        if let cachedMutants { return cachedMutants }
        let catalogue = makeMutants()
        cachedMutants = catalogue
        return catalogue
    }

    /// The misconceptions whose mutant has the answer's value, if any.
    /// With the answer's `source`, a mutant explains it only when the two are the same formula:
    /// a formula in the setup's whole-number names that equals a mutant's value at the setup's
    /// numbers by coincidence (`H - D * K + 1` and `H - (D * (K - 1) + 1) - 1` at D = 3) differs
    /// from it at others.
    func mutants(matching answer: Value, source: String?, comparer: Comparer) -> MutantGroup? {
        let group = singleMutants(matching: answer, source: source, comparer: comparer)
        // One of the calculation's operations at another place: the last reading of a value, or
        // of one only generic changes give (`q * sc - zp` is `q * sc - zp * sc` without a factor
        // `sc`, but it moved `- zp` out of `(q - zp) * sc`, which its typing shows).
        if let group, !group.mutants.allSatisfy({ $0.genericCount == $0.changes.count }) { return group }
        guard let source, let moved = movedExplaining(answer, source: source, comparer: comparer) else {
            return group
        }
        return MutantGroup(mutants: [moved], value: answer)
    }

    /// The misconceptions other than a moved operation whose mutant has the answer's value.
    private func singleMutants(matching answer: Value, source: String?, comparer: Comparer) -> MutantGroup? {
        if let source, let typed = typedMutant(source, value: answer, comparer: comparer) {
            return MutantGroup(mutants: [typed], value: answer)
        }
        // A curve read otherwise, supported by the answer's writing (`curveMutant`): a name for
        // the last epoch (`stopped`) is a formula no mutant is, but not a coincidence.
        if let source, let curve = curveMutant(source, value: answer, comparer: comparer) {
            return MutantGroup(mutants: [curve], value: answer)
        }
        // A sum typed product by product that leaves out one product of the reference, with the
        // value that leaves: certain by its writing, whatever other change gives that value too.
        if let source, Self.typedProducts(source) != nil,
            let entry = mutants.all.first(where: {
                Self.leavesOut(source, $0.mutant) == true && comparer.matches(answer, $0.value)
            })
        {
            return MutantGroup(mutants: [entry.mutant], value: answer)
        }
        if mutants.isPartial { return nil }
        // A count written as the formula of a layer taken otherwise is that layer's story.
        if let source, let found = mutants.counts?.explain(source) {
            return MutantGroup(mutants: found, value: answer)
        }
        // A size formula read in stages (a decoder's stages merged, its last left out) that is the
        // answer's formula at every point is surer than an operation swapped found by value.
        if let source, let formulas = mutants.formulas,
            case .explained(let found) = formulas.explain(source),
            found.allSatisfy({ $0.changes.allSatisfy(\.misconception.isSizeFormula) })
        {
            return MutantGroup(mutants: found, value: answer)
        }
        if let source, let swap = swapExplaining(answer, source: source, comparer: comparer) {
            return MutantGroup(mutants: [swap], value: answer)
        }
        if let source, let formulas = mutants.formulas {
            // Where the calculation reads entries and calls, those only the answer reads
            // (`m.sum()`) make it a formula too, one no mutant is.
            let extra =
                formulas.atoms.isEmpty ? [:] : wholeAtoms(answer: source, besides: formulas.integerNames)
            switch formulas.explain(source, extra: extra) {
            case .explained(let found):
                // The same formula at every point, but typed otherwise than the change writes
                // it (`math.floor(f / 2) + 1` is `math.ceil((f + 1) / 2)`, with no plus for a
                // minus and nothing rounded up): the change is not what the learner did.
                // Nor is a change made inside a part the answer typed as a number worked out.
                // Nor a change whose story the typing does not write (two names swapped where
                // one of them is not written; a `/` swapped where none is typed).
                let typed = found.filter {
                    !typingContradicts(source, $0)
                        && !hidesSlipInWorkedNumber(source, $0, session: comparer.session)
                        && $0.writesNamedChange(source)
                        && !pairDropsWhatItWrites(source, $0)
                        && Self.writesMovedIndex(source, $0)
                }
                return typed.isEmpty ? nil : MutantGroup(mutants: typed, value: answer)
            case .unexplained, .ambiguous:
                // A formula in the setup's names (or in literals read as them) that no mutant
                // is: a mutant with its value at the setup's numbers is a coincidence. Literals
                // of a reference written in literals may still be a number a mutant gives
                // (`64 - 9 * 4`), told by value as before.
                if Formula.parse(source, atoms: formulas.atoms.union(extra.keys))?.names.isEmpty == false
                    || !formulas.liftsLiterals
                {
                    if let found = mutants.namedCounts?.explain(source) {
                        return MutantGroup(mutants: found, value: answer)
                    }
                    return nil
                }
            case .notAFormula: break
            }
        }
        // A statistic of what the reference means, its size-1 dimensions kept or dropped otherwise
        // (`keepdim=True` where it is not): the same values say the same story; the shapes are
        // said in front of it.
        guard
            var group = mutants.groups.first(where: { comparer.matches(answer, $0.value) })
                ?? mutants.groups.first(where: { group in
                    group.mutants.allSatisfy { $0.changes.allSatisfy(\.misconception.isMeaning) }
                        && comparer.matchesSqueezed(answer, group.value)
                })
        else {
            return nil
        }
        group.byValue = true
        // A count is a whole number: a real answer (a ratio of two counts, `a / b`) is no
        // parameter count taken otherwise, whatever its value.
        if case .int = expected, case .float = answer {
            group.mutants = group.mutants.filter { !$0.changes.contains(where: \.misconception.isCount) }
            if group.mutants.isEmpty { return nil }
        }
        // Nor is a quotient of two computed quantities (`parameter_count(a) // parameter_count(b)`,
        // floored or not) any change of a calculation that divides nothing: it is a ratio.
        if case .int = expected, let source, Self.isQuotientOfCalls(source) {
            group.mutants = group.mutants.filter { Self.divides($0.source) }
            if group.mutants.isEmpty { return nil }
        }
        guard let source else { return group.mutants.count <= 2 ? group : nil }
        let told = group.mutants
        var kept: [Mutant] = []
        // One variance change found from the reference and from an alternative is one story.
        for mutant in group.mutants where mayExplain(source, mutant, comparer: comparer) {
            if mutant.changes.allSatisfy(\.misconception.isVariance),
                kept.contains(where: {
                    $0.changes.map(\.misconception) == mutant.changes.map(\.misconception)
                })
            {
                continue
            }
            kept.append(mutant)
        }
        group.mutants = kept
        // A story whose first mutant the typing rules out may still be the answer's as another
        // source writes it (the reference's class index, an alternative's `argmax`).
        for alternate in group.alternates
        where told.contains(where: { Self.sameStory($0, alternate) })
            && !group.mutants.contains(where: { Self.sameStory($0, alternate) })
            && mayExplain(source, alternate, comparer: comparer)
        {
            group.mutants.append(alternate)
        }
        return group.mutants.isEmpty || group.mutants.count > 2 ? nil : group
    }

    /// Whether an answer writes each index a change moved, as a number (`[-2]` for `g[-1]`): an
    /// answer that reaches the same entry otherwise (`[cls - 1]`, a number worked out) did
    /// something its own typing tells. Changes of other kinds hold trivially.
    static func writesMovedIndex(_ source: String, _ mutant: Mutant) -> Bool {
        let typed = source.filter { $0 != " " }
        return mutant.changes.allSatisfy { change in
            guard change.misconception == .indexMoved, let open = change.piece.lastIndex(of: "[") else {
                return true
            }
            return typed.contains(String(change.piece[open...]))
        }
    }

    /// Whether `mutant`, whose value the answer typed as `source` has, may be told as its story:
    /// the answer is that formula, writes that operation, and agrees with it on other numbers
    /// and other data — every rule by which a same value is known to be a coincidence.
    func mayExplain(_ source: String, _ mutant: Mutant, comparer: Comparer) -> Bool {
        // A sum typed product by product says itself which product it left out: the data need
        // not tell (the products worth 0 it leaves out too are worth more on other data).
        let handTyped = Self.leavesOut(source, mutant)
        if handTyped == false { return false }
        // A change that calls its operand a kernel tells nothing where nothing is a filter's
        // kernel (`ReasonPremise`): `w`'s signs flipped in a weight-decay step is no kernel's.
        let premises = diagnosisContext.premises
        if mutant.changes.contains(where: {
            $0.misconception.changePremise.map { !premises.contains($0) } ?? false
        }) {
            return false
        }
        // An operator changed keeps its operands: an answer without one of them left it out.
        if Self.keepsOperands(mutant), leavesOutOperand(source, of: mutant.source) { return false }
        if pairDropsWhatItWrites(source, mutant) { return false }
        // Numbers alone, the calculation's own rearranged: no number was changed or dropped.
        if rearrangesNumbers(source, of: mutant) { return false }
        return sameFormula(source, mutant.source, comparer: comparer) != false && mutant.canExplain(source)
            && !mutant.keepsReplacedPart(of: source)
            && !Self.reducesOtherwise(
                source, mutant.source,
                alike: mutant.changes.allSatisfy {
                    $0.misconception.isMeaning || $0.misconception.changesReductionScope
                })
            && writesSwap(source, of: mutant)
            && mutants.formulas?.differsLifted(source, mutant.source) != true
            && (!mutant.misconception.isCount || mutants.counts?.differs(source, from: mutant) != true)
            && (handTyped == true
                || perturbedSetup.differ(
                    source, mutant.source, comparer: comparer,
                    squeezed: mutant.changes.allSatisfy(\.misconception.isMeaning)) != true)
            && (!mutant.misconception.isElementCount || countsElementsAlike(source, mutant) != false)
            && !Self.keepsDroppedReduction(source, mutant) && !Self.keepsReplacedOperator(source, mutant)
            && Self.writesGenericChange(source, mutant) && writesChangeWithCalls(source, mutant)
            && !typingContradicts(source, mutant)
            && !typingContradictsPair(source, mutant)
            && Self.writesMovedIndex(source, mutant)
            && !hidesSlipInWorkedNumber(source, mutant, session: comparer.session)
            && (!mutant.changes.contains(where: \.misconception.isToldAsReals)
                || sameAsReals(source, mutant.source) != false)
            && (!mutant.changes.contains(where: \.misconception.isRealSlip)
                || realSlipHolds(source, mutant, comparer: comparer))
            && (!mutant.changes.contains(where: \.misconception.isStep)
                || !Self.names(in: source).isDisjoint(with: base.boundNames)
                    && sameAsReals(source, mutant.source) != false)
    }

    /// Whether the answer typed as `source` and `mutant`, both formulas, are the same function of
    /// reals (`Formula.sameAsReals`), the setup's numbers where the answer reads no name; nil when
    /// either is no formula. A variance or fan mutant is told only of an answer written as it is:
    /// `w * math.sqrt(2 / (C_out * K * K))` has the value of `w * math.sqrt(1 / (C_in * K * K))`
    /// wherever `C_out` is twice `C_in`, but it took the fan-out, not LeCun's variance.
    func sameAsReals(_ source: String, _ mutant: String) -> Bool? {
        guard let answer = Formula.parse(source), let other = Formula.parse(mutant) else { return nil }
        var setup: [String: Double] = [:]
        for name in answer.names.union(other.names) {
            switch base[name] {
            case .int(let value)?: setup[name] = Double(value)
            case .float(let value)?: setup[name] = value
            default: break
            }
        }
        return Formula.sameAsReals(answer, other, setup: setup)
    }

    /// Whether an answer typed as `source`, a formula in names, is written as `mutant`, a formula
    /// too, is, when the mutant's change is generic (a factor dropped, a division for a
    /// product): matched by value alone, such a story is the learner's only where the answer
    /// writes the same operators (`batch_mean` has the value of `running + (batch_mean -
    /// running)`, the momentum dropped, but it replaced the old value outright). A number worked
    /// out (`1 + 1`) or a calculation with calls is not judged.
    static func writesGenericChange(_ source: String, _ mutant: Mutant) -> Bool {
        guard mutant.changes.contains(where: \.misconception.isGeneric), let answer = Formula.parse(source),
            !answer.names.isEmpty, Formula.parse(mutant.source) != nil
        else { return true }
        return binaryOperators(in: source) == binaryOperators(in: mutant.source)
    }

    /// Whether the answer typed as `source` writes more of the operator an operator change of
    /// `mutant` replaced than the mutant does (`3 + (2 - 1) * 2 + (3 - 1) * 2` multiplies twice,
    /// as the reference does: whatever its value, it did not add where it should multiply).
    static func keepsReplacedOperator(_ source: String, _ mutant: Mutant) -> Bool {
        let replaced = mutant.changes.reduce(into: Set<String>()) {
            $0.formUnion($1.misconception.replacedOperators)
        }
        guard !replaced.isEmpty, let answer = Formula.parse(source),
            let changed = Formula.parse(mutant.source)
        else { return false }
        let count = { (formula: Formula) in replaced.reduce(0) { $0 + (formula.operations[$1] ?? 0) } }
        return count(answer) > count(changed)
    }

    /// Whether `mutant` drops a reduction (`Misconception.sumForgotten`) that the answer typed as
    /// `source` still writes: summing over another axis (a size-1 batch axis) may leave the same
    /// values as no sum at all, but the sum was not forgotten.
    static func keepsDroppedReduction(_ source: String, _ mutant: Mutant) -> Bool {
        mutant.changes.contains { $0.misconception == .sumForgotten }
            && reductionCalls(source).count > reductionCalls(mutant.source).count
    }

    /// Whether an answer typed as `source` that has the expected value is a formula that agrees
    /// with the reference only at the setup's numbers (`FormulaCatalogue.coincidence`), and what
    /// shows it: it must not pass.
    func coincidence(_ source: String?) -> FormulaCatalogue.Coincidence? {
        guard let source, let formulas = mutants.formulas else { return nil }
        return formulas.coincidence(source)
    }

    /// Whether an answer typed as `source` with the expected value is the reference wherever the
    /// names it writes move, its numbers the rest worked out (`FormulaCatalogue.worksOutTheRest`):
    /// a name it leaves out is in those numbers, not forgotten.
    func worksOutTheRest(_ source: String?) -> Bool {
        guard let source, let formulas = mutants.formulas else { return false }
        return formulas.worksOutTheRest(source)
    }

    /// Where the answer typed as `source`, a formula in the setup's names, is written otherwise
    /// than the reference (`FormulaCatalogue.difference`), said with the parts' values.
    func formulaDifference(_ source: String?) -> Phrase? {
        guard let source else { return nil }
        guard let formulas = mutants.formulas else { return atomDifference(source) }
        let extra = wholeAtoms(answer: source, besides: formulas.integerNames)
        guard let found = formulas.difference(source, extra: extra) else { return atomDifference(source) }
        return GradingText().difference(found, values: formulas.quantities.merging(extra) { own, _ in own })
    }

    /// The single telling mutant the answer is, as typed (spaces aside), with the answer's value:
    /// the change is then certain, whatever else its value may also fit (a named mistake matched
    /// by value, two misconceptions giving the same number).
    func typedMutant(_ source: String, value: Value, comparer: Comparer) -> Mutant? {
        let typed = source.filter { !$0.isWhitespace }
        return mutants.all.first { entry in
            !entry.mutant.misconception.isGeneric && entry.mutant.source.filter({ !$0.isWhitespace }) == typed
                && comparer.matches(value, entry.value)
        }?.mutant
    }

    /// Whether the named mistake `id` may be the course's name for `mutant`'s change: it has no
    /// recorded wrong answer in `Solutions/`, or one of them is a mutant of the same misconception
    /// (or is the same text).
    func mistake(_ id: String, couldBe mutant: Mutant) -> Bool {
        let written = (exercise.solution?.wrong ?? []).filter { $0.mistake == id }.map(\.answer.text)
        let recorded = written.map { $0.filter { !$0.isWhitespace } }
        guard !recorded.isEmpty else { return true }
        if recorded.contains(mutant.source.filter { !$0.isWhitespace }) { return true }
        // A swapped operation is the mistake whose recorded answer writes the same operations
        // (`(p * k).mean()` is the mutant `((p * k)).mean()`).
        if mutant.misconception.changesOperation {
            let profile = OperationProfile(mutant.source)
            if written.contains(where: { OperationProfile($0) == profile }) { return true }
        }
        return (mutants.all.map(\.mutant) + mutants.swaps.map(\.mutant)).contains { other in
            other.misconception == mutant.misconception
                && recorded.contains(other.source.filter { !$0.isWhitespace })
        }
    }

    /// Whether a built-in diagnosis's story (`finding`) is a coincidence for the answer typed as
    /// `source`: the single mutants of the same misconception give the answer's value, but none is
    /// the answer's formula (`n + 2 * p - 2 * f + 1` is p smaller than expected when p = f, not
    /// the padding counted once).
    func isCoincidentalStory(_ finding: Diagnosis.Finding, answer: Value, source: String?, comparer: Comparer)
        -> Bool
    {
        guard let source else { return false }
        if finding == .offByOne, let typed = TypedAnswer(source), typed.literal == nil {
            // One off as typed, and still one off with the setup's numbers changed:
            // `len(val) - 1` is one more than the lowest loss's epoch on this curve only.
            return !Self.typesOneOff(source, typed, formulas: mutants.formulas)
                || perturbedSetup.keeps(finding, answer: source, value: answer, expected: expected) == false
        }
        // "The sign is wrong" presumes the answer is the expected expression negated: an answer
        // that reduces otherwise than the reference and every written alternative that reduces
        // (a `max` where they sum; a number written out reduces nothing) is another expression
        // whose value only happens to be the negated one.
        if finding == .wrongSign, let solution = exercise.solution {
            let written = ([solution.reference.text] + solution.alternatives.map(\.text)).filter {
                !Self.reductionCalls($0).isEmpty
            }
            if !written.isEmpty, written.allSatisfy({ Self.reducesOtherwise(source, $0) }) { return true }
        }
        // The relation read from the value alone must hold with the setup's numbers changed too.
        if perturbedSetup.keeps(finding, answer: source, value: answer, expected: expected) == false {
            return true
        }
        // Without every mutant's value, a mutant telling this story otherwise may be missing.
        if mutants.isPartial { return true }
        let same = mutants.all.filter {
            $0.mutant.changes.count == 1 && $0.mutant.misconception.diagnosisFinding == finding
                && comparer.matches(answer, $0.value)
        }
        return !same.isEmpty
            && same.allSatisfy { sameFormula(source, $0.mutant.source, comparer: comparer) == false }
    }

    /// Whether the answer typed as `source` divides (`/` or `//`) one computed quantity by another,
    /// each side calling something (`parameter_count(a) // parameter_count(b)`): a ratio, whatever
    /// its value.
    static func isQuotientOfCalls(_ source: String) -> Bool {
        guard let typed = TypedAnswer(source), typed.statementCount == 1,
            case .binary(let op, let left, let right) = typed.last.kind, op == .divide || op == .floorDivide
        else { return false }
        func calls(_ node: ExpressionSyntax) -> Bool {
            if case .call = node.kind { return true }
            return node.kind.children.contains(where: calls)
        }
        return calls(left) && calls(right)
    }

    /// Whether `source` divides (`/` or `//`) anywhere.
    static func divides(_ source: String) -> Bool {
        guard let typed = TypedAnswer(source) else { return false }
        func visit(_ node: ExpressionSyntax) -> Bool {
            if case .binary(let op, _, _) = node.kind, op == .divide || op == .floorDivide { return true }
            return node.kind.children.contains(where: visit)
        }
        return visit(typed.last)
    }

    /// Whether the answer typed as `source` (no number alone) differs from the reference by a ±1
    /// term as typed, so that "off by one" is its story: a formula that is the reference plus or
    /// minus 1 at other numbers too (`FormulaCatalogue.differsByOne`), or an expression that is
    /// no formula and adds or takes away a whole number at its top (`x.numel() - 1`). A ratio of
    /// two counts that is 1 where 0 is expected, or `n - f // 2` one off at these numbers only,
    /// made another slip.
    static func typesOneOff(_ source: String, _ typed: TypedAnswer, formulas: FormulaCatalogue?) -> Bool {
        if let formulas, let ones = formulas.differsByOne(source) { return ones }
        guard Formula.parse(source) == nil else { return true }
        guard case .binary(let op, let left, let right) = typed.last.kind, op == .add || op == .subtract
        else { return false }
        if case .integer = right.kind { return true }
        if op == .add, case .integer = left.kind { return true }
        return false
    }

    /// Whether a named mistake's `when` holds for the answer typed as `answer` only at the setup's
    /// numbers: true when the answer is a formula in the setup's whole-number names and `when`
    /// no longer holds with those names moved (the reference moved with them). Nil when that
    /// cannot be told: no formula, or the answer, the reference or `when` reads any other setup
    /// name (too costly and not safe to run again).
    func holdsByCoincidence(_ when: String, answer: String?) -> Bool? {
        guard let answer, let reference = exercise.solution?.reference.text else { return nil }
        for source in [when, reference] {
            for name in Self.names(in: source) where base[name] != nil {
                guard case .int = base[name] else { return nil }
            }
        }
        guard let moved = movedIntegers(in: answer) else { return nil }
        let interpreter = moved()
        let session = TimedInterpreter(interpreter, seconds: answerSeconds)
        // A run stopped at its time limit could not show the mistake holds at other numbers: it
        // is not said (`ExtraRun`), whatever the machine's load.
        let answerRun = extraRun(.movedNumbers) { () throws(LanguageError) -> Value in try session.run(answer)
        }
        if answerRun.isStopped { return true }
        let expectedRun = extraRun(.movedNumbers) { () throws(LanguageError) -> Value in
            try TimedInterpreter(moved(), seconds: answerSeconds).run(reference)
        }
        if expectedRun.isStopped { return true }
        guard let answerValue = answerRun.value, let expectedValue = expectedRun.value else { return nil }
        interpreter.bind("answer", answerValue)
        interpreter.bind("expected", expectedValue)
        let held = extraRun(.movedNumbers) { () throws(LanguageError) -> Value in try session.evaluate(when) }
        if held.isStopped { return true }
        guard let held = held.value else { return nil }
        return !ValueConversion.truthy(held)
    }

    /// Whether a named mistake whose `when` is a value test alone (`answer == 32 * 16 + 32`, in
    /// literals) fits the answer typed as `answer` only by its value: read with their literals as
    /// the quantities they are (the reference's literals, `FormulaCatalogue.liftsLiterals`), the
    /// answer and the mistake's formula differ at other numbers (`32 * 16 + 2 * 16` is 544 too,
    /// but BatchNorm counted on the input channels, not a bias). An answer with a literal that is
    /// no quantity (`512 + 32`, `544`) cannot be told apart, and the mistake is said.
    func isAnotherFormula(than when: String, answer: String?) -> Bool {
        guard let answer, let formulas = mutants.formulas else { return false }
        let sides = when.components(separatedBy: "==")
        guard sides.count == 2, sides[0].trimmingCharacters(in: .whitespaces) == "answer" else {
            return false
        }
        if formulas.differsLifted(answer, sides[1]) == true { return true }
        // A mistake named by one number (`answer == 9`): its formulas are the reference's single
        // changes with that value (`(56 - 2) // 6`, the factor 3 left out). An answer in the
        // reference's numbers that is none of them at other numbers (`56 // 6`, the `- 2` left
        // out too, equal only by rounding) reached the number by another slip.
        // A single number typed is not read so (`Formula` needs two literals).
        guard let number = Double(sides[1].trimmingCharacters(in: .whitespaces)) else { return false }
        let named = mutants.all.filter { entry in
            entry.mutant.changes.count == 1
                && ValueConversion.numeric(entry.value).map { $0.values == [number] } == true
        }.map(\.mutant.source)
        // Read as reals (`//` as `/`, a rounding call as its argument): a division typed
        // unfloored (`(56 - 2) / 6`) or rounded by a call (`int((56 - 2) / 6)`) is the same slip
        // where its quotient is whole, as the mistake's number is.
        let real = { (source: String) in
            source.replacingOccurrences(of: "//", with: "/").replacingOccurrences(
                of: #"\b(int|round|math\.floor|math\.ceil|math\.trunc)\("#, with: "(",
                options: .regularExpression)
        }
        return !named.isEmpty && named.allSatisfy { formulas.differsLifted(real(answer), real($0)) == true }
    }

    /// An interpreter maker with the setup's whole numbers bound, those `source` uses moved up by
    /// different amounts; nil when `source` uses none of them or reads another setup name.
    private func movedIntegers(in source: String) -> (() -> Interpreter)? {
        var integers: [(String, Int)] = []
        for name in Self.names(in: source).filter({ base[$0] != nil }).sorted() {
            guard case .int(let value) = base[name] else { return nil }
            integers.append((name, value))
        }
        guard !integers.isEmpty else { return nil }
        let offsets = [3, 5, 7, 11, 13, 17, 19, 23]
        return { [base, answerOptions] in
            let interpreter = Interpreter(options: answerOptions)
            for name in base.boundNames {
                if case .int(let value) = base[name] { interpreter.bind(name, .int(value)) }
            }
            for (index, (name, value)) in integers.enumerated() {
                interpreter.bind(name, .int(value.moved(by: offsets[index % offsets.count])))
            }
            return interpreter
        }
    }

    /// Whether `answer` and `mutant` agree when the whole-number setup names the answer uses are
    /// moved to other values (each by a different amount, upwards, so sizes stay valid). Nil
    /// when the answer uses no such name or either reads any other setup name (no formula to
    /// compare, or too costly and not safe to run again), or when either fails there.
    func sameFormula(_ answer: String, _ mutant: String, comparer: Comparer) -> Bool? {
        // Only whole numbers of the setup are read, on both sides: nothing else is bound, so a
        // layer of the setup (shared between sessions) is never run, let alone trained, here.
        if let same = mutants.formulas?.same(answer, mutant) { return same }
        for name in Self.names(in: mutant) where base[name] != nil {
            guard case .int = base[name] else { return nil }
        }
        guard let moved = movedIntegers(in: answer) else { return nil }
        // Stopped at a time limit: not shown to be the same formula, so not told (`ExtraRun`).
        let a = extraRun(.movedNumbers) { () throws(LanguageError) -> Value in
            try TimedInterpreter(moved(), seconds: answerSeconds).run(answer)
        }
        if a.isStopped { return false }
        let m = extraRun(.movedNumbers) { () throws(LanguageError) -> Value in
            try TimedInterpreter(moved(), seconds: answerSeconds).run(mutant)
        }
        if m.isStopped { return false }
        guard let a = a.value, let m = m.value else { return nil }
        return comparer.matches(a, m)
    }

    /// Runs the reference's and alternatives' mutants in the setup. A value that two different
    /// misconceptions both give is dropped: the grader could not say which one the learner had.
    private func makeMutants() -> MutantCatalogue {
        var catalogue = MutantCatalogue()
        let model = exercise.kind == .model
        guard exercise.compare,
            exercise.kind == .value || exercise.kind == .tensor || (model && exercise.inputShape != nil),
            let solution = exercise.solution
        else { return catalogue }
        let base = self.base
        let comparer = Comparer(exercise: exercise, prepared: self, session: session(), language: "en")
        // Only answers that pass are worth mutating: a mutant of a wrong alternative would name
        // a change to something that was never right.
        var stopped = false
        let sources =
            [solution.reference]
            + solution.alternatives.filter { alternative in
                let run = extraRun(.mutant) { () throws(LanguageError) -> Value in
                    try self.session().run(alternative.text)
                }
                if run.isStopped { stopped = true }
                guard let value = run.value else { return false }
                return comparer.matches(value, expected)
            }
        let isInteger: (String) -> Bool = { name in
            if case .int = base[name] { return true }
            return false
        }
        var mutants: [Mutant] = []
        var origins: [String: String] = [:]
        var seen: Set<String> = Set(sources.map(\.text))
        for source in sources {
            for mutant in MutantGenerator.mutants(of: source.text, model: model, isInteger: isInteger)
            where seen.insert(mutant.source).inserted {
                mutants.append(mutant)
                origins[mutant.source] = source.text
            }
        }
        // What the reference means, changed (`MeaningGenerator`): run on top of the syntactic
        // mutants, with a budget of their own, since a long reference fills that list first.
        var meanings: [Mutant] = []
        if !model {
            for source in sources {
                for mutant in meaningMutants(of: source.text) where seen.insert(mutant.source).inserted {
                    meanings.append(mutant)
                    origins[mutant.source] = source.text
                }
            }
            // An early-stopping question's misreadings (`PreparedExercise+CurveQuestion`).
            for mutant in curveQuestionMutants(reference: solution.reference.text)
            where seen.insert(mutant.source).inserted {
                meanings.append(mutant)
                origins[mutant.source] = solution.reference.text
            }
        }
        // A layer's weight shape taken otherwise (`PreparedExercise+WeightShapes`).
        var shapes: [Mutant] = []
        if exercise.kind == .value {
            for mutant in weightShapeMutants(sources.map(\.text)) where seen.insert(mutant.source).inserted {
                shapes.append(mutant)
                origins[mutant.source] = solution.reference.text
            }
        }
        let runner = MutantRunner(self)
        var found: [(mutant: Mutant, value: Value)] = []
        for mutant in Array(mutants.prefix(MutantCatalogue.limit)) + shapes
            + meanings.prefix(MeaningGenerator.limit)
        {
            guard let value = runner.value(of: mutant.source) else { continue }
            if comparer.matches(value, expected) {
                catalogue.indistinguishable.append(mutant)
            } else {
                found.append((mutant, value))
            }
        }
        // Slips in a real-valued formula (`MeaningGenerator+Reals`), on top of the others: only
        // values no telling mutant gives already.
        if !model {
            found += realSlipValues(
                sources.map(\.text), seen: &seen, found: found, runner: runner, comparer: comparer)
        }
        catalogue.all = found
        catalogue.swaps = swapEntries(
            of: sources.map(\.text),
            found: found.map { ($0.mutant, $0.value, origins[$0.mutant.source] ?? "") },
            seen: &seen, runner: runner, comparer: comparer, model: model)
        if !model {
            catalogue.moves = movedEntries(
                of: sources.map(\.text), seen: &seen, runner: runner, comparer: comparer)
        }
        if exercise.kind == .value {
            var integers: [String: Int] = [:]
            for name in base.boundNames {
                if case .int(let value) = base[name] { integers[name] = value }
            }
            // The tensor entries and calls the formulas read (`box[2] - box[0]`), as quantities.
            let atoms = wholeAtoms(of: sources.map(\.text))
            integers.merge(atoms) { name, _ in name }
            catalogue.formulas = FormulaCatalogue(
                sources: sources.map(\.text), integers: integers, atoms: Set(atoms.keys))
            catalogue.formulas?.wholeSizes = quantity == .size || quantity == .count
            catalogue.tuples = TupleFormulas(sources: sources.map(\.text), integers: integers)
        }
        let floors = sources.contains { $0.text.contains("//") }
        var counted: [(mutant: Mutant, value: Value)] = []
        if exercise.kind == .value {
            catalogue.counts = countCatalogue(sources.map(\.text), stopped: &stopped)
            counted = (catalogue.counts?.entries ?? []).map { ($0.mutant, Value.int($0.value)) }
            if let counts = catalogue.counts, counts.inventory.values.isEmpty, let reference = sources.first {
                var integers: [String: Int] = [:]
                for name in base.boundNames {
                    if case .int(let value) = base[name] { integers[name] = value }
                }
                catalogue.namedCounts = CountInventory.ofFormula([reference.text], integers: integers)
                    .flatMap(CountCatalogue.init)
            }
        }
        catalogue.groups = Self.explained(found + counted, floors: floors, comparer: comparer)
        catalogue.isPartial = stopped || runner.stoppedRuns > 0
        // Double slips: a second misconception applied to each single mutant. Only values no
        // single mutant gives (one change explains better than two), and only arithmetic and
        // tensor answers (a network's mutants are too costly to run in pairs), and only where a
        // session is cheap to make.
        // A setup that binds a layer runs again for every session: hundreds of pairs would cost
        // seconds there.
        guard !model, !setupBindsObjects else { return catalogue }
        let singles = ValueIndex(found.map(\.value), comparer: comparer)
        var candidates: [Mutant] = []
        // A whole answer read as something else (a percentage, odds) is no calculation to slip in.
        // Nor is a step read otherwise (`MeaningGenerator+Steps`) one to slip in again.
        // Nor is a weight shape taken otherwise one to slip in again (its dimensions are told).
        for (single, _) in found
        where !single.misconception.replacesWhole && !single.misconception.isStep
            && !single.misconception.isWeightShape && !single.misconception.isRealSlip
        {
            for next in MutantGenerator.mutants(of: single.source, model: false, isInteger: isInteger)
            where seen.insert(next.source).inserted {
                let pair = single.then(next)
                // The same change twice at two places reads as one change; it is left out.
                guard pair.changes[0] != pair.changes[1] else { continue }
                // A setting given two other values in a row is one change of that setting.
                guard !pair.changes.allSatisfy(\.misconception.isSetting) else { continue }
                // A second change that rewrites only what the first one wrote is no second slip
                // when it is the same change again (a point moved twice is one move to the second
                // point, `tensor(0.)` → `tensor(2.)`), or when it narrows again the reduction the
                // first widened, or moves again the padding the first one moved (two readings that
                // contradict each other).
                let reference = origins[single.source] ?? solution.reference.text
                let samePart =
                    single.misconception.changesPadAmounts && next.misconception.changesPadAmounts
                    ? Self.rewritesOnly(reference, single.source, next.source, overlapping: true)
                    : (single.misconception == next.misconception
                        || single.misconception.changesReductionScope
                            && next.misconception.changesReductionScope)
                        && Self.rewritesOnly(reference, single.source, next.source)
                if samePart {
                    if single.misconception == .otherPoint, next.misconception == .otherPoint {
                        candidates.append(next)
                    }
                    continue
                }
                candidates.append(pair)
            }
        }
        // Telling pairs first, so the limit drops the generic ones.
        candidates.sort { $0.genericCount < $1.genericCount }
        var pairs: [(mutant: Mutant, value: Value)] = []
        for pair in candidates.prefix(MutantCatalogue.pairLimit) {
            guard let value = runner.value(of: pair.source), !comparer.matches(value, expected),
                !singles.contains(value)
            else {
                continue
            }
            pairs.append((pair, value))
        }
        catalogue.groups += Self.explainedPairs(pairs, floors: floors, comparer: comparer)
        catalogue.isPartial = stopped || runner.stoppedRuns > 0
        return catalogue
    }

    /// The mutants of what `source` means, the shapes of its parts read in the setup.
    private func meaningMutants(of source: String) -> [Mutant] {
        MeaningGenerator.mutants(of: source) { text in
            let run = self.extraRun(.mutant) { () throws(LanguageError) -> Value in
                try self.session().run(text)
            }
            return run.value.flatMap(ValueConversion.numeric)
        }
    }

    /// Whether `second` (a mutant of `first`, itself a mutant of `original`) changes `first` only
    /// inside the part `first` changed: the span between the texts' common start and common end.
    /// `overlapping`: whether it changes anything of that part (and perhaps more around it, as a
    /// tuple of pad amounts rewritten whole).
    static func rewritesOnly(_ original: String, _ first: String, _ second: String, overlapping: Bool = false)
        -> Bool
    {
        func span(_ a: [Character], _ b: [Character]) -> Range<Int> {
            let prefix = zip(a, b).prefix { $0 == $1 }.count
            let suffix = zip(a.reversed(), b.reversed()).prefix { $0 == $1 }.count
            // Where a and b share more than either is long, the change is an insertion at `prefix`.
            let end = max(prefix, b.count - min(suffix, b.count - prefix))
            return prefix..<end
        }
        let (o, f, s) = (Array(original), Array(first), Array(second))
        // The part of `first` its change wrote, and the part of `first` the second change replaced.
        let written = span(o, f)
        let replaced = span(s, f)
        if overlapping { return !written.isEmpty && written.overlaps(replaced) }
        return !written.isEmpty && written.lowerBound <= replaced.lowerBound
            && replaced.upperBound <= written.upperBound
    }

    /// The count catalogue of the first source that counts parameters (`CountInventory`), its
    /// modules made in the setup.
    private func countCatalogue(_ sources: [String], stopped: inout Bool) -> CountCatalogue? {
        var stoppedHere = false
        defer { if stoppedHere { stopped = true } }
        var integers: [String: Int] = [:]
        for name in base.boundNames {
            if case .int(let value) = base[name] { integers[name] = value }
        }
        for (index, source) in sources.enumerated() {
            guard
                var inventory = CountInventory.of(
                    source, integers: integers,
                    evaluate: { text in
                        let run = self.extraRun(.mutant) { () throws(LanguageError) -> Value in
                            try self.session().run(text)
                        }
                        if run.isStopped { stoppedHere = true }
                        return run.value
                    })
            else { continue }
            // A layer written in an alternative's call is no call of the reference's: the counts
            // its call arguments give (its bias, its kernel) are made as for any layer.
            if index > 0 { inventory.direct = false }
            guard let catalogue = CountCatalogue(inventory) else { continue }
            return catalogue
        }
        // A formula in the setup's whole numbers that is one layer's count.
        return CountInventory.ofFormula(sources, integers: integers).flatMap(CountCatalogue.init)
    }

    /// Single mutants with the same value: telling misconceptions win over generic ones; one or
    /// two of a kind explain the value, more leave it unexplained.
    private static func explained(
        _ found: [(mutant: Mutant, value: Value)], floors: Bool, comparer: Comparer
    ) -> [MutantGroup] {
        var groups: [MutantGroup] = []
        for same in ValueIndex.grouped(found, comparer: comparer) {
            var distinct: [Mutant] = []
            var alternates: [Mutant] = []
            // A setting changed to two other values is two stories: each quotes its own value.
            for mutant in same.map(\.mutant) {
                guard distinct.contains(where: { Self.sameStory($0, mutant) }) else {
                    distinct.append(mutant)
                    continue
                }
                // A slice moved in names is told only of an answer that writes that slice
                // (`writesNamedSlices`): the same move in an alternative's numbers stands in.
                if mutant.changes.count == 1,
                    mutant.misconception.isMeaning || Self.sliceMoves.contains(mutant.misconception)
                {
                    alternates.append(mutant)
                }
            }
            let telling = distinct.filter { !$0.misconception.isGeneric }
            // With floor division so many formulas land on the same small number that only one
            // telling misconception may explain it; a generic change (a minus for a plus) is then a
            // coincidence as often as not.
            if floors, telling.isEmpty { continue }
            let chosen = telling.isEmpty ? distinct : telling
            // Two generic changes agreeing is a coincidence, not an explanation. Variance and fan
            // changes that agree (the fan-out is LeCun's variance where C_out = 2 · C_in) are kept
            // all: each is told only of an answer written as it is (`sameAsReals`), so the typing
            // picks one, or none is told.
            let limit = telling.isEmpty || floors ? 1 : 2
            guard chosen.count <= limit || chosen.allSatisfy(\.misconception.isVariance) else { continue }
            var group = MutantGroup(mutants: chosen, value: same[0].value)
            group.alternates = alternates.filter { alternate in
                chosen.contains { Self.sameStory($0, alternate) }
            }
            groups.append(group)
        }
        return groups
    }

    /// A slice's end or start moved by one: the same move may be written in names (the reference)
    /// and in numbers (an alternative).
    static let sliceMoves: Set<Misconception> = [.sliceEndPlusOne, .sliceEndInclusive, .sliceOneBased]

    /// Whether two single mutants with one value tell one story: the same misconception at the
    /// same layer, a setting changed to the same value, and a meaning mutant said alike (each
    /// tells its own dimensions or axis; a probability's reading is one story whether it comes from
    /// the reference or an alternative, another class its own).
    static func sameStory(_ a: Mutant, _ b: Mutant) -> Bool {
        a.misconception == b.misconception && a.changes[0].layer == b.changes[0].layer
            && (a.misconception != .settingChanged || a.changes[0].piece == b.changes[0].piece)
            // Each meaning mutant tells its own story (other dimensions, another axis), except
            // those told once per value; a probability's reading told two ways (from the
            // reference and from an alternative) is one story, and another class is its own.
            && (!b.misconception.isMeaning || b.misconception.toldOncePerValue
                || a.changes[0].told == b.changes[0].told
                || b.misconception.isProbability && b.misconception != .otherClass)
    }

    /// Pairs with the same value: the pairs with fewest generic changes compete, and the value is
    /// explained only when one story (set of misconceptions) remains and at least one change is
    /// telling (both, where `//` floors many formulas onto the same small numbers).
    private static func explainedPairs(
        _ pairs: [(mutant: Mutant, value: Value)], floors: Bool, comparer: Comparer
    ) -> [MutantGroup] {
        var groups: [MutantGroup] = []
        for same in ValueIndex.grouped(pairs, comparer: comparer) {
            guard let fewest = same.map(\.mutant.genericCount).min() else { continue }
            let best = same.map(\.mutant).filter { $0.genericCount == fewest }
            // Two generic changes (a minus for a plus and a term dropped) land on small numbers
            // by coincidence too often to be told; with floors, only two telling changes are.
            guard Set(best.map(\.story)).count == 1, fewest <= (floors ? 0 : 1) else { continue }
            groups.append(MutantGroup(mutants: [best[0]], value: same[0].value))
        }
        return groups
    }
}

/// Values bucketed by a coarse key (a number to 3 significant digits, a tensor by shape and sum),
/// so that finding equal values among hundreds compares only within a bucket.
private struct ValueIndex {
    private var buckets: [String: [Value]] = [:]
    private let comparer: Comparer

    init(_ values: [Value], comparer: Comparer) {
        self.comparer = comparer
        for value in values { buckets[Self.key(value), default: []].append(value) }
    }

    func contains(_ value: Value) -> Bool {
        buckets[Self.key(value)]?.contains { comparer.matches(value, $0) } ?? false
    }

    static func key(_ value: Value) -> String {
        if case .module = value { return "module" }
        guard let number = ValueConversion.numeric(value)?.scalarOrSelf else { return "\(value)" }
        let total = number.values.reduce(0, +)
        return "\(number.shape):" + String(format: "%.3g", total)
    }

    /// The entries grouped by equal value (in the order each group's first entry came).
    static func grouped<T>(_ entries: [(mutant: T, value: Value)], comparer: Comparer) -> [[(
        mutant: T, value: Value
    )]] {
        var groups: [[(mutant: T, value: Value)]] = []
        var byKey: [String: [Int]] = [:]
        for entry in entries {
            let key = key(entry.value)
            if let index = byKey[key, default: []].first(where: {
                comparer.matches(entry.value, groups[$0][0].value)
            }) {
                groups[index].append(entry)
            } else {
                byKey[key, default: []].append(groups.count)
                groups.append([entry])
            }
        }
        return groups
    }
}
