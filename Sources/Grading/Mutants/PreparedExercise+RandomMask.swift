import AnswerLanguage
import Wording

/// The story of a dropout drawn afresh where the exercise gives the step's mask: the reference
/// multiplies by a setup tensor of 0s and 1s that the answer never reads, and the answer calls
/// dropout in training mode (`F.dropout(h, p)`, `nn.Dropout(p)(h)`), which draws a random mask of
/// its own. No value is compared: a random draw explains any value.
extension PreparedExercise {
    /// The calls that drop values at random.
    static let dropoutCalls: Set<String> = ["dropout", "Dropout", "dropout2d", "Dropout2d", "alpha_dropout"]

    func randomMaskStory(_ source: String) -> Phrase? {
        guard exercise.kind != .model, let reference = exercise.solution?.reference.text,
            let answer = try? Parser.parse(source), let written = try? Parser.parse(reference)
        else { return nil }
        var called: String?
        var referenceDrops = false
        func visit(_ node: ExpressionSyntax, answer isAnswer: Bool) {
            if case .call(let callee, let arguments) = node.kind {
                var name = MutantGenerator.calleeName(callee)
                var maker = callee
                // `nn.Dropout(p)(h)`: the layer made and applied at once.
                if case .call(let inner, _) = callee.kind {
                    name = MutantGenerator.calleeName(inner)
                    maker = inner
                }
                let off = arguments.contains { argument in
                    argument.name == "training"
                        && SourceText(isAnswer ? source : reference)(argument.value) == "False"
                }
                if let name, Self.dropoutCalls.contains(name), !off {
                    if isAnswer {
                        if called == nil { called = SourceText(source)(maker) }
                    } else {
                        referenceDrops = true
                    }
                }
            }
            for child in node.kind.children { visit(child, answer: isAnswer) }
        }
        for (program, isAnswer) in [(answer, true), (written, false)] {
            for expression in program.valueExpressions { visit(expression, answer: isAnswer) }
        }
        guard let called, !referenceDrops else { return nil }
        let named = Self.names(in: source)
        let mask = Self.names(in: reference).sorted().first { name in
            guard !named.contains(name), let value = base[name],
                let numbers = ValueConversion.numeric(value), numbers.values.count >= 2
            else { return false }
            let ones = numbers.values.filter { $0 == 1 }.count
            let zeros = numbers.values.filter { $0 == 0 }.count
            return ones > 0 && zeros > 0 && ones + zeros == numbers.values.count
        }
        guard let mask else { return nil }
        return Phrase(OperationKey.randomMask, ["call": called, "mask": mask])
    }
}
