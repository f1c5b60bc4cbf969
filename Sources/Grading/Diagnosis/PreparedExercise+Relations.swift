import AnswerLanguage
import Foundation
import Wording

/// Stories about how a wrong answer's value relates to the expected one, each told only when the
/// answer as typed makes it true, not merely its value: a number typed with the decimal point
/// moved (only a typed number can have a misplaced point), a right part with one step too many
/// after it (the part is evaluated and is the expected value), a sum divided by a count other
/// than the number of values it adds (the terms are counted, the tensor's size read), a
/// repeated factor turned upside down or complemented (the repaired power is evaluated), a
/// right answer's pieces grouped otherwise. Two stories need only the value — the reciprocal
/// and the complement of the expected number — and are said as guesses. Misconception mutants
/// and the built-in diagnosis's specific stories come first; these replace only a bare message.
extension PreparedExercise {
    /// The story that explains `answer` (typed as `source`, run in `session`), or nil.
    func relationStory(
        _ answer: Value, source: String?, session: TimedInterpreter, comparer: Comparer, language: Language
    ) -> Diagnosis? {
        guard exercise.kind == .value || exercise.kind == .tensor else { return nil }
        let text = GradingText()
        let number = Grader.number(answer)
        let target = Grader.number(expected)
        let integral = ValueConversion.isInteger(answer) && ValueConversion.isInteger(expected)
        var story: (Diagnosis.Finding, Phrase)?
        if let source, let typed = TypedAnswer(source) {
            // A right answer's pieces grouped otherwise is certain; the answer's own operands
            // regrouped into the expected value is a guess, which a right part with one step more
            // after it (`e / (1 + e) ** 2 * 2`, evaluated) outranks.
            // A size said in another unit than the calculation's is typed on both sides: certain.
            story =
                memoryUnit(typed, number, target, comparer: comparer, text)
                ?? regrouped(
                    typed, integral: integral, ownGroupings: false, session: session, comparer: comparer, text
                )
                ?? typedNumber(typed, number, target, integral: integral, text)
                ?? repeatedFactor(typed, target, session: session, comparer: comparer, text)
            if story == nil {
                story =
                    lastStep(typed, answer, session: session, comparer: comparer, text)
                    ?? regrouped(
                        typed, integral: integral, ownGroupings: true, session: session, comparer: comparer,
                        text)
                    ?? referenceStep(source, answer, session: session, comparer: comparer, text)
                    ?? divisorCount(typed, target, session: session, text)
                    ?? factorsAdded(typed, target, session: session, comparer: comparer, text)
            }
            if story == nil {
                story = repairStory(typed, number, target, session: session, comparer: comparer, text)
            }
        }
        // A module's parameters for its state dict or back: the engine's counts of the module the
        // calculation writes, whatever the answer typed.
        if story == nil { story = stateCountStory(number, session: session, text) }
        if story == nil, !integral, let number, let target,
            !(source.map { takesARightPartOtherwise($0, session: session, comparer: comparer) } ?? false)
        {
            story = valueRelation(number, target, comparer: comparer, text)
            // The complement read from the value alone must hold on other data too.
            if story?.0 == .complement, let source, perturbedSetup.keepsComplement(answer: source) == false {
                story = nil
            }
        }
        guard let story else { return nil }
        return Self.relationDiagnosis(story, number: number, text, language: language)
    }

    /// A relation's story as a diagnosis: the answer's number said first (when it is one), then
    /// what it is; the number kept as the finding's `answer`.
    static func relationDiagnosis(
        _ story: (Diagnosis.Finding, Phrase), number: Double?, _ text: GradingText, language: Language
    ) -> Diagnosis {
        let (finding, said) = story
        let phrase = number.map { text.numberIs(NumberFormat.short($0)) + said } ?? said
        var diagnosis = Diagnosis(
            finding: finding, phrase: phrase, cells: [], differingCount: 0, cellCount: 0, planes: nil,
            language: language)
        if let number { diagnosis.numbers["answer"] = number }
        return diagnosis
    }

    /// Whether the answer typed as `source` is `1 - X` or `1 / X` whose `X` has the expected
    /// value only at the setup's numbers or at the number the calculation types in
    /// (`1 - sigmoid(tensor(0.)) ** 2`: σ(0)² is σ(0)(1 − σ(0)) at 0 only): the complement or the
    /// reciprocal of the expected value, a guess from the number, is not what it took.
    private func takesARightPartOtherwise(_ source: String, session: TimedInterpreter, comparer: Comparer)
        -> Bool
    {
        guard partsMayRunAgain, let typed = TypedAnswer(source), let (op, left, right) = typed.outermost,
            op == .subtract || op == .divide, case .integer(1) = left.kind,
            let reference = exercise.solution?.reference.text,
            let value = try? session.evaluate(typed.text(right)), comparer.matches(value, expected)
        else { return false }
        let part = typed.text(right)
        return sameFormula(part, reference, comparer: comparer) == false
            || differAtOtherReals(part, reference) == true
            || perturbedSetup.differ(part, reference, comparer: comparer) == true
            || differAtTypedData(part, reference, comparer: comparer) == true
    }

    /// Whether evaluating parts of the answer again is cheap and changes nothing: not when the
    /// setup binds a layer (a part may train it, or run a network again).
    private var partsMayRunAgain: Bool { !setupBindsObjects }

    // MARK: Typed numbers

    /// A number typed with the expected value's digits but its point moved (`0.025` for 0.25,
    /// `9.09e-12` for 9.09e-13), or rounded more coarsely than the tolerance accepts. Only for a
    /// number typed out with two significant digits or more (one digit matches too much by
    /// chance), and only where the expected number is not whole (a count typed ten times too
    /// large is as likely another count).
    private func typedNumber(
        _ typed: TypedAnswer, _ number: Double?, _ target: Double?, integral: Bool, _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard let literal = typed.literal, literal.digits >= 2, !integral, let number, let target,
            number != 0, target != 0, target != target.rounded()
        else { return nil }
        for places in 1...6 {
            let factor = pow(10, Double(places))
            for larger in [true, false] {
                let shifted = larger ? target * factor : target / factor
                guard Self.rounds(shifted, to: literal.digits, giving: number) else { continue }
                return (
                    .decimalShifted,
                    text.relation(
                        .decimalShifted,
                        ["places": places, "factor": Int(factor), "larger": larger ? "yes" : "no"])
                )
            }
        }
        if Self.rounds(target, to: literal.digits, giving: number) {
            return (.roundedLiteral, text.relation(.roundedLiteral, ["digits": literal.digits]))
        }
        return nil
    }

    /// Whether `value` rounded (or cut) to `digits` significant digits is `typed`.
    static func rounds(_ value: Double, to digits: Int, giving typed: Double) -> Bool {
        guard value.isFinite, value != 0, typed.isFinite, digits >= 1, digits <= 15 else { return false }
        let exponent = floor(log10(abs(value)))
        let scale = pow(10, Double(digits - 1) - exponent)
        guard scale.isFinite, scale > 0 else { return false }
        let close = { (x: Double) in abs(x - typed) <= 1e-9 * abs(typed) }
        return close((value * scale).rounded() / scale)
            || close((value * scale).rounded(.towardZero) / scale)
    }

    // MARK: Steps

    /// `b ** n` in numbers where `(1 / b) ** n` or `(1 - b) ** n` is the expected value: each of
    /// the n factors upside down, or its complement (`4 ** 20`, `0.75 ** 20` for 0.25 ** 20).
    private func repeatedFactor(
        _ typed: TypedAnswer, _ target: Double?, session: TimedInterpreter, comparer: Comparer,
        _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard let (op, left, right) = typed.outermost, op == .power, let target, target > 0,
            TypedAnswer.isNumeric(left), TypedAnswer.isNumeric(right)
        else { return nil }
        let base = typed.text(left)
        let count = typed.text(right)
        let arguments: [String: any PhraseArgument] = ["base": base, "count": count]
        let repairs: [(String, Diagnosis.Finding, RelationKey)] = [
            ("(1 / (\(base))) ** (\(count))", .factorReciprocal, .factorReciprocal),
            ("(1 - (\(base))) ** (\(count))", .factorComplement, .factorComplement),
        ]
        for (repaired, finding, key) in repairs {
            guard let value = try? session.evaluate(repaired), comparer.matches(value, expected) else {
                continue
            }
            return (finding, text.relation(key, arguments))
        }
        return nil
    }

    /// `E * c`, `c * E`, `E / c`, `E // c`, `E ** c` where the part `E` alone is the expected value: the
    /// last step is one too many (`x.numel() * 4`, `q.clamp(0, 6) / 6`).
    private func lastStep(
        _ typed: TypedAnswer, _ answer: Value, session: TimedInterpreter, comparer: Comparer,
        _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard partsMayRunAgain, let (op, left, right) = typed.outermost,
            [.multiply, .divide, .floorDivide, .power].contains(op)
        else { return nil }
        var options = [(kept: left, piece: "\(op.rawValue) \(typed.text(right))")]
        if op == .multiply { options.append((right, "\(typed.text(left)) *")) }
        for (kept, piece) in options {
            let part = typed.text(kept)
            guard piece.count <= 40, let value = try? session.evaluate(part),
                comparer.matches(value, expected),
                !comparer.matches(value, answer)
            else { continue }
            // A part that is the expected value only at the setup's numbers (`(C_in + C_out) *
            // K` is 400 = `C_in * K * K` at K = 5) is no right calculation with a step more.
            if let reference = exercise.solution?.reference.text,
                sameFormula(part, reference, comparer: comparer) == false
            {
                continue
            }
            if part.count <= 40 {
                return (.extraOperation, text.relation(.extraOperation, ["kept": part, "piece": piece]))
            }
            return (.extraOperation, text.relation(.extraOperationUnquoted, ["piece": piece]))
        }
        return nil
    }

    /// A part of the reference's calculation written as the reference writes it
    /// (`1 - sigmoid(tensor(0.))`, `parameter_count(nn.ResidualBlock(16, 16))`), with that part's
    /// value: a step of the calculation, not its end (`TypedReading.referencePart`).
    private func referenceStep(
        _ source: String, _ answer: Value, session: TimedInterpreter, comparer: Comparer, _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard let part = referencePartStory(source, answer: answer, session: session, comparer: comparer),
            part.count <= 60
        else { return nil }
        return (.partialStep, text.relation(.partialStep, ["part": part]))
    }

    /// `A / d` where A divided by another count n is the expected number, and n is what A
    /// counts: the terms of a sum written out (`(2 + 4 + 6 + 9) / 3`), or the values of the
    /// d × d tensor A sums (`window.sum() / 2` for a 2 × 2 window).
    private func divisorCount(
        _ typed: TypedAnswer, _ target: Double?, session: TimedInterpreter, _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard partsMayRunAgain, let (op, left, right) = typed.outermost, op == .divide,
            case .integer(let divisor) = right.kind, divisor >= 1, let target, target != 0,
            let sum = (try? session.evaluate(typed.text(left))).flatMap(Grader.number),
            let count = NumberFormat.smallWholeNumber(sum / target), count != divisor
        else { return nil }
        if let terms = TypedAnswer.terms(left), terms == count {
            return (.meanCount, text.relation(.meanCount, ["terms": terms, "divisor": divisor]))
        }
        // A sum over a tensor: `t.sum()` or `torch.sum(t)`, t holding divisor² values in a
        // shape with a side of `divisor`.
        guard count == divisor * divisor, case .call(let callee, let arguments) = left.kind,
            MutantGenerator.calleeName(callee) == "sum"
        else { return nil }
        let summed: ExpressionSyntax
        if case .attribute(let base, _, _) = callee.kind, arguments.isEmpty,
            !["torch", "F"].contains(typed.text(base))
        {
            summed = base
        } else if arguments.count == 1, arguments[0].name == nil {
            summed = arguments[0].value
        } else {
            return nil
        }
        guard let values = (try? session.evaluate(typed.text(summed))).flatMap(ValueConversion.numeric),
            values.values.count == count, values.shape.contains(divisor)
        else { return nil }
        return (
            .dividedBySide,
            text.relation(
                .dividedBySide, ["tensor": typed.text(summed), "side": divisor, "count": count])
        )
    }

    /// `a + b + c` whose terms multiplied give the expected number (`0.25 + 0.235 + 0.227` for
    /// the product of three slopes): factors added. Within the tolerance, or within 2 % when every
    /// term is a number typed out (rounded by hand, so only about the product); at least three
    /// terms where the expected number is whole (two whole numbers multiply to many a count).
    private func factorsAdded(
        _ typed: TypedAnswer, _ target: Double?, session: TimedInterpreter, comparer: Comparer,
        _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard partsMayRunAgain, let terms = TypedAnswer.addends(typed.last), let target, target != 0,
            terms.count >= (target == target.rounded() ? 3 : 2)
        else { return nil }
        let product = terms.map { "(\(typed.text($0)))" }.joined(separator: " * ")
        guard let value = try? session.evaluate(product) else { return nil }
        let about: Bool
        if comparer.matches(value, expected) {
            about = false
        } else if terms.allSatisfy(TypedAnswer.isNumeric), let number = Grader.number(value),
            abs(number - target) <= 0.02 * abs(target)
        {
            about = true
        } else {
            return nil
        }
        return (
            .factorsAdded,
            text.relation(.factorsAdded, ["count": terms.count, "about": about ? "yes" : "no"])
        )
    }

    /// The answer written with a right answer's numbers, names and operations in the same
    /// order, grouped otherwise: a right answer written so (`sigmoid(a) * 1 - sigmoid(a)` for
    /// `sigmoid(a) * (1 - sigmoid(a))`), or, for a real number, the answer's own operands and
    /// operators grouped another way give the expected value (`0.5 * 1 - 0.5`).
    /// `ownGroupings`: whether to try the answer's own operands grouped otherwise, rather than a
    /// right answer's pieces.
    private func regrouped(
        _ typed: TypedAnswer, integral: Bool, ownGroupings: Bool, session: TimedInterpreter,
        comparer: Comparer, _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard let pieces = typed.pieces, let solution = exercise.solution else { return nil }
        let right = [solution.reference] + solution.alternatives
        // The same pieces grouped alike are the same answer (an alternative graded by `check`).
        if !ownGroupings {
            let regroupsRight = right.contains {
                guard let other = TypedAnswer($0.text) else { return false }
                return other.pieces == pieces && other.canonical != typed.canonical
            }
            return regroupsRight ? (.regrouped, text.relation(.regrouped)) : nil
        }
        // Whole numbers land on the same value by too many groupings to tell a story.
        guard !integral, partsMayRunAgain, let chain = typed.chain, (3...5).contains(chain.operands.count)
        else { return nil }
        // The answer's own grouping is among them, but its value is not the expected one.
        for grouping in TypedAnswer.groupings(chain.operands, chain.operators) {
            guard let value = try? session.evaluate(grouping), comparer.matches(value, expected) else {
                continue
            }
            // A grouping that is the expected value only at the setup's numbers or data, or at the
            // number the calculation types in (`(1 - sigmoid(tensor(0.))) ** 2` is σ(1 − σ) at 0
            // only), or at the setup's whole numbers only (`epoch // (every + 1)`), is no right
            // answer regrouped.
            let reference = solution.reference.text
            if sameFormula(grouping, reference, comparer: comparer) == false
                || differAtOtherReals(grouping, reference) == true
                || perturbedSetup.differ(grouping, reference, comparer: comparer) == true
                || differAtTypedData(grouping, reference, comparer: comparer) == true
                || coincidenceWithReals(grouping) != nil
            {
                continue
            }
            return (.regrouped, text.relation(.regrouped))
        }
        return nil
    }

    // MARK: Values

    /// The reciprocal or the complement of the expected number, said as a guess. The reciprocal
    /// not where the expected number is near 1 (then it is near its own reciprocal), the
    /// complement only for fractions away from 1/2.
    private func valueRelation(_ number: Double, _ target: Double, comparer: Comparer, _ text: GradingText)
        -> (Diagnosis.Finding, Phrase)?
    {
        guard number != 0, target != 0 else { return nil }
        if !(0.8...1.25).contains(abs(target)), comparer.matches(.float(1 / number), expected) {
            return (.reciprocal, text.relation(.reciprocal))
        }
        if target > 0, target < 1, number > 0, number < 1, abs(target - 0.5) > 0.05,
            comparer.matches(.float(1 - number), expected)
        {
            return (.complement, text.relation(.complement))
        }
        return nil
    }
}
