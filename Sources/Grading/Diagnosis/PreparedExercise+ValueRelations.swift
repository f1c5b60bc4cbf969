import AnswerLanguage
import Foundation
import Wording

/// How a wrong number stands to the expected one, told only when the same relation still holds
/// with the setup's numbers moved (`PerturbedSetup`): a relation read from two numbers alone is
/// too often a coincidence (0.25 is 1/2 of 0.5, and the square of 0.5), one that survives other
/// data is how the answer is built. Three relations, each a fact about the answer:
///
/// - the expected value squared, or its square root (`eps ** 2 * C * H * W` for the norm
///   `eps * math.sqrt(C * H * W)`: the root left out of the whole thing);
/// - the expected value multiplied or divided by a part of the calculation or a setup name's
///   value, said by that part as the calculation types it (`eps / math.sqrt(C * H * W)` is the
///   expected value divided by `C * H * W`);
/// - the same quantity divided by another number: the answer and the calculation both end by
///   dividing, the two dividends agree on any data and the divisors differ (`w.abs().max() / 255`
///   where the calculation divides by 127; a sum divided by every pixel where it divides by the
///   union's).
///
/// What cannot be confirmed (a setup with no real number to move, a run that fails or stops, a
/// calculation the move leaves as it was) is not told: a less specific message, never a wrong one.
extension PreparedExercise {
    /// The longest part of the calculation said by its text.
    private static let partLimit = 40

    /// The story of `answer` (typed as `source`) where nothing else is told: the same quantity
    /// over another divisor, or a relation to the expected value that holds with the setup's
    /// numbers moved. Last of all the grader's stories — a mutant, a written difference or a
    /// formula read as typed says the slip itself, these only its effect.
    func confirmedRelationStory(
        _ answer: Value, source: String, session: TimedInterpreter, comparer: Comparer, language: Language
    ) -> Diagnosis? {
        guard exercise.kind == .value || exercise.kind == .tensor, let typed = TypedAnswer(source) else {
            return nil
        }
        let text = GradingText()
        let number = Grader.number(answer)
        let integral = ValueConversion.isInteger(answer) && ValueConversion.isInteger(expected)
        var story = otherDivisor(typed, session: session, comparer: comparer, text)
        if story == nil, !integral, let number, let target = Grader.number(expected) {
            story = confirmedValueRelation(
                typed, source: source, number, target, session: session, comparer: comparer, text)
        }
        guard let story else { return nil }
        return Self.relationDiagnosis(story, number: number, text, language: language)
    }

    /// The relation story of a real number `number` typed as `source`, or nil.
    private func confirmedValueRelation(
        _ typed: TypedAnswer, source: String, _ number: Double, _ target: Double, session: TimedInterpreter,
        comparer: Comparer, _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard !setupBindsObjects, typed.statementCount == 1, number.isFinite, target.isFinite, number != 0,
            target != 0, readsSetupName(source), let reference = exercise.solution?.reference.text,
            let moved = movedPair(source, reference)
        else { return nil }
        // The expected value squared, or its square root: not where the value is near 0 or 1,
        // which are (nearly) their own squares.
        if abs(abs(target) - 1) > 0.05, abs(target) > 1e-6 {
            if close(number, target * target), close(moved.answer, moved.reference * moved.reference) {
                return (.valueSquared, text.relation(.valueSquared))
            }
            if target > 0, close(number, target.squareRoot()), moved.reference > 0,
                close(moved.answer, moved.reference.squareRoot())
            {
                return (.valueRooted, text.relation(.valueRooted))
            }
        }
        return scaledByPart(number, target, reference: reference, moved: moved, session: session, text)
    }

    /// The expected value times or over a part of the calculation, or a setup name's value.
    private func scaledByPart(
        _ number: Double, _ target: Double, reference: String, moved: (answer: Double, reference: Double),
        session: TimedInterpreter, _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        for part in scalingParts(reference) {
            guard let value = (try? session.evaluate(part)).flatMap(Grader.number), value.isFinite,
                abs(abs(value) - 1) > 0.05, abs(value) > 1e-9, !close(value, target)
            else { continue }
            let times = close(number, target * value)
            let over = !times && close(number, target / value)
            guard times || over, let movedPart = perturbedSetup.value(of: part).flatMap(Grader.number),
                !perturbedSetup.wasStopped(part)
            else { continue }
            let holds =
                times
                ? close(moved.answer, moved.reference * movedPart)
                : movedPart != 0 && close(moved.answer, moved.reference / movedPart)
            guard holds else { continue }
            return (
                times ? .timesPart : .overPart,
                text.relation(times ? .timesPart : .overPart, ["part": part])
            )
        }
        return nil
    }

    /// The parts a ratio may be said by: the calculation's sub-expressions that read a setup name
    /// (not the whole calculation, not numbers alone), shortest first, then the setup's names.
    private func scalingParts(_ reference: String) -> [String] {
        guard let typed = TypedAnswer(reference) else { return [] }
        var parts: [String] = []
        func visit(_ node: ExpressionSyntax, top: Bool) {
            if !top, !TypedAnswer.isNumeric(node) {
                let written = typed.text(node).trimmingCharacters(in: .whitespaces)
                if written.count <= Self.partLimit, readsSetupName(written), !parts.contains(written) {
                    parts.append(written)
                }
            }
            for child in node.kind.children { visit(child, top: false) }
        }
        visit(typed.last, top: true)
        for name in base.boundNames.sorted() where !parts.contains(name) {
            if let value = base[name], Grader.number(value) != nil { parts.append(name) }
        }
        return parts.sorted { $0.count < $1.count }
    }

    /// `A / d` where the calculation is `A' / d'`, `A` and `A'` agree here and with the setup's
    /// numbers moved, and `d` differs from `d'`: the same quantity divided by another number. A
    /// mean without arguments (`x.float().mean()`) on either side is read as its sum over its
    /// count of values.
    private func otherDivisor(
        _ typed: TypedAnswer, session: TimedInterpreter, comparer: Comparer, _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard !setupBindsObjects, typed.statementCount == 1, let mine = Self.division(typed),
            let reference = exercise.solution?.reference.text, let theirs = TypedAnswer(reference),
            let their = Self.division(theirs)
        else { return nil }
        guard readsSetupName(mine.dividend), let dividend = try? session.evaluate(mine.dividend),
            let theirDividend = try? session.evaluate(their.dividend),
            comparer.matches(dividend, theirDividend),
            let divisor = (try? session.evaluate(mine.divisor)).flatMap(Grader.number),
            let theirDivisor = (try? session.evaluate(their.divisor)).flatMap(Grader.number),
            divisor.isFinite, theirDivisor.isFinite, !close(divisor, theirDivisor),
            // The dividends must agree on other data too: a part equal here only is no
            // calculation's quantity.
            perturbedSetup.differ(mine.dividend, their.dividend, comparer: comparer) == false
        else { return nil }
        let quoted = mine.written && mine.divisor.count <= Self.partLimit
        return (
            .otherDivisor,
            text.relation(
                .otherDivisor,
                [
                    "divisor": quoted ? mine.divisor : NumberFormat.short(divisor),
                    "value": NumberFormat.short(divisor), "theirs": NumberFormat.short(theirDivisor),
                    // A number typed as the divisor needs no value beside it; a mean's count is
                    // said as what it counts.
                    "how": !mine.written ? "mean" : !quoted || mine.numeric ? "typed" : "other",
                ])
        )
    }

    /// What an expression divides and by what, as texts to evaluate: `A / d` as typed, or a
    /// mean without arguments as its values' sum over their count (`written` false).
    private static func division(_ typed: TypedAnswer) -> (
        dividend: String, divisor: String, written: Bool, numeric: Bool
    )? {
        switch typed.last.kind {
        case .binary(.divide, let left, let right):
            return (typed.text(left), typed.text(right), true, TypedAnswer.isNumeric(right))
        case .call(let callee, let arguments):
            guard arguments.isEmpty, case .attribute(let base, "mean", _) = callee.kind else { return nil }
            let values = typed.text(base)
            return ("(\(values)).sum()", "(\(values)).numel()", false, true)
        default:
            return nil
        }
    }

    /// The answer's and the reference's numbers with the setup's real numbers moved; nil when
    /// that cannot be told or the move leaves the reference's value as it was.
    private func movedPair(_ source: String, _ reference: String) -> (answer: Double, reference: Double)? {
        guard let target = Grader.number(expected),
            let changed = perturbedSetup.value(of: reference).flatMap(Grader.number),
            let moved = perturbedSetup.value(of: source).flatMap(Grader.number)
        else { return nil }
        if perturbedSetup.wasStopped(reference) || perturbedSetup.wasStopped(source) { return nil }
        guard changed.isFinite, moved.isFinite, !close(changed, target) else { return nil }
        return (moved, changed)
    }

    /// Whether `source` reads a name the setup binds.
    private func readsSetupName(_ source: String) -> Bool {
        Self.names(in: source).contains { base[$0] != nil }
    }

    private func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-4 * max(abs(a), abs(b)) + 1e-12
    }
}
