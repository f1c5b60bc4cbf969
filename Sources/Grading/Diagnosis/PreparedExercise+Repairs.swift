import AnswerLanguage
import Foundation
import Wording

/// Stories that undo one step of the answer as typed and find the expected value: a rounding
/// down (`//` for `/`, `int(…)`, `math.floor(…)`) that the expected value does not have, a factor
/// of 100 (a percentage), a number typed as the nearest power of ten. Each is true by
/// construction: the answer without that step is evaluated (or, for the factor of 100, its value
/// divided by it) and is the expected value. And a count in an exponent where the reference
/// grows by the same amount with each one more of it. Part of `relationStory`.
extension PreparedExercise {
    /// The first repair story that fits, or nil.
    func repairStory(
        _ typed: TypedAnswer, _ number: Double?, _ target: Double?, session: TimedInterpreter,
        comparer: Comparer, _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        percentage(typed, number, comparer: comparer, text)
            ?? roundedDown(typed, session: session, comparer: comparer, text)
            ?? powerOfTen(typed, number, target, text)
            ?? exponentForCount(typed, text)
            ?? step(typed, text)
            ?? measured(typed, text)
            ?? meanOfSome(typed, text)
    }

    /// `(a + b) / 2` in typed numbers, each a value of the setup tensor whose mean the reference
    /// takes (`window.mean()`), fewer than all of them: the mean of those values only (the smallest
    /// and the largest, one row) where the mean adds them all.
    private func meanOfSome(_ typed: TypedAnswer, _ text: GradingText) -> (Diagnosis.Finding, Phrase)? {
        guard typed.statementCount == 1, case .binary(.divide, let sum, let divisor) = typed.last.kind,
            case .integer(let count) = divisor.kind, let terms = TypedAnswer.addends(sum),
            terms.count == count,
            let reference = exercise.solution?.reference.text, let tensor = Self.meanedName(reference),
            let values = base[tensor].flatMap(ValueConversion.numeric)?.values, terms.count < values.count
        else { return nil }
        var left = values
        for term in terms {
            let number: Double
            switch term.kind {
            case .integer(let value): number = Double(value)
            case .float(let value): number = value
            default: return nil
            }
            guard let index = left.firstIndex(where: { abs($0 - number) <= 1e-9 * max(1, abs(number)) })
            else {
                return nil
            }
            left.remove(at: index)
        }
        return (
            .meanOfSome,
            text.relation(.meanOfSome, ["terms": terms.count, "count": values.count, "tensor": tensor])
        )
    }

    /// The setup name whose mean a reference takes: `t.mean()` or `torch.mean(t)`, nothing else.
    static func meanedName(_ reference: String) -> String? {
        guard let typed = TypedAnswer(reference), typed.statementCount == 1,
            case .call(let callee, let arguments) = typed.last.kind,
            MutantGenerator.calleeName(callee) == "mean"
        else { return nil }
        if case .attribute(let base, _, _) = callee.kind, arguments.isEmpty, case .name(let name) = base.kind,
            name != "torch"
        {
            return name
        }
        if arguments.count == 1, arguments[0].name == nil, case .name(let name) = arguments[0].value.kind {
            return name
        }
        return nil
    }

    /// A part of the reference's formula, the calculation stopped before its end
    /// (`FormulaCatalogue.step`).
    private func step(_ typed: TypedAnswer, _ text: GradingText) -> (Diagnosis.Finding, Phrase)? {
        guard typed.statementCount == 1, let formulas = mutants.formulas,
            let part = formulas.step(in: typed.text(typed.last))
        else { return nil }
        return (.partialStep, text.relation(.partialStep, ["part": part]))
    }

    /// An answer in numbers alone where the reference measures the value on a layer or network of
    /// the setup (`grad_norms(net, x, y)[-1] / …`): a value from the theory, or an estimate, where
    /// the exercise asks for the measurement. Only for a real expected value: a whole one (a count
    /// of a setup network's parameters) is as well worked out by hand.
    private func measured(_ typed: TypedAnswer, _ text: GradingText) -> (Diagnosis.Finding, Phrase)? {
        guard typed.statementCount == 1, TypedAnswer.isNumeric(typed.last),
            !ValueConversion.isInteger(expected),
            let reference = exercise.solution?.reference.text
        else { return nil }
        let objects = Self.names(in: reference).sorted().filter { name in
            if case .module? = base[name] { return true }
            return false
        }
        guard let object = objects.first else { return nil }
        return (.numbersForMeasurement, text.relation(.numbersForMeasurement, ["name": object]))
    }

    /// A count of the setup in an exponent of the answer's formula where the reference grows by
    /// the same amount with each one more of it (`FormulaCatalogue.exponentCount`).
    private func exponentForCount(_ typed: TypedAnswer, _ text: GradingText) -> (Diagnosis.Finding, Phrase)? {
        guard typed.statementCount == 1, let formulas = mutants.formulas,
            let count = formulas.exponentCount(in: typed.text(typed.last))
        else { return nil }
        return (.exponentForCount, text.relation(.exponentForCount, ["count": count]))
    }

    /// `100 * a / b`, `a / b * 100`: a factor of 100 in the answer's outermost product, and the
    /// answer's value divided by 100 is the expected value. Read from the typing and the value
    /// alone, so it holds where parts of the answer cannot run again (a trained network).
    private func percentage(
        _ typed: TypedAnswer, _ number: Double?, comparer: Comparer, _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard let number, number != 0, Self.multipliedFactors(typed.last).contains(where: Self.isHundred),
            comparer.matches(.float(number / 100), expected)
        else { return nil }
        return (.percentage, text.relation(.percentage))
    }

    /// The operands a product multiplies by, however it is grouped: in `a * b / c`, `a` and `b`
    /// (not `c`, which it divides by).
    static func multipliedFactors(_ node: ExpressionSyntax) -> [ExpressionSyntax] {
        guard case .binary(let op, let left, let right) = node.kind else { return [node] }
        switch op {
        case .multiply: return multipliedFactors(left) + multipliedFactors(right)
        case .divide: return multipliedFactors(left)
        default: return [node]
        }
    }

    private static func isHundred(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer(let value): value == 100
        case .float(let value): value == 100
        default: false
        }
    }

    /// A `//`, `int(…)` or `math.floor(…)` in the answer that, undone (`/` for `//`, the call's
    /// argument for the call), gives the expected value: the rounding down made the answer wrong.
    private func roundedDown(
        _ typed: TypedAnswer, session: TimedInterpreter, comparer: Comparer, _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard !setupBindsObjects else { return nil }
        var repairs: [(ExpressionSyntax, String, RelationKey, String)] = []
        func visit(_ node: ExpressionSyntax) {
            switch node.kind {
            case .binary(.floorDivide, let left, let right):
                repairs.append((node, "(\(typed.text(left))) / (\(typed.text(right)))", .floorDivision, "//"))
            case .call(let callee, let arguments)
            where arguments.count == 1 && arguments[0].name == nil && !arguments[0].isSpread:
                let name = typed.text(callee)
                if ["int", "math.floor", "floor", "math.trunc", "trunc"].contains(name) {
                    repairs.append((node, "(\(typed.text(arguments[0].value)))", .truncated, name))
                }
            default: break
            }
            for child in node.kind.children { visit(child) }
        }
        visit(typed.last)
        for (node, replacement, key, piece) in repairs.prefix(6) {
            let repaired = typed.text(typed.last, replacing: node, with: replacement)
            guard let value = try? session.evaluate(repaired), comparer.matches(value, expected) else {
                continue
            }
            let finding: Diagnosis.Finding = key == .floorDivision ? .floorDivision : .truncated
            return (finding, text.relation(key, ["call": piece]))
        }
        return nil
    }

    /// A number typed as a power of ten (`1e-12`, `0.001`) that is the expected value's nearest
    /// one on a logarithmic scale, where the expected value is not itself a power of ten: its
    /// order of magnitude, too coarse an answer.
    private func powerOfTen(_ typed: TypedAnswer, _ number: Double?, _ target: Double?, _ text: GradingText)
        -> (Diagnosis.Finding, Phrase)?
    {
        guard let literal = typed.literal, literal.digits == 1, let number, let target, number > 0,
            target > 0,
            target != target.rounded()
        else { return nil }
        let exponent = log10(number)
        guard abs(exponent - exponent.rounded()) < 1e-9, (log10(target)).rounded() == exponent.rounded(),
            abs(log10(target) - exponent) > 1e-9
        else { return nil }
        return (.orderOfMagnitude, text.relation(.orderOfMagnitude))
    }
}

extension TypedAnswer {
    /// `whole`'s text as typed with `part` (a node inside it) replaced by `replacement`.
    func text(_ whole: ExpressionSyntax, replacing part: ExpressionSyntax, with replacement: String) -> String
    {
        let before = SourceRange(whole.range.lowerBound, part.range.lowerBound)
        let after = SourceRange(part.range.upperBound, whole.range.upperBound)
        return text(before) + replacement + text(after)
    }
}
