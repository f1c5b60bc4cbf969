import AnswerLanguage
import Course

extension PreparedExercise {
    /// What the expected number of a `value` exercise is: as the exercise declares it
    /// (`quantity:`), or inferred from the reference answer — a shape or a formula in the
    /// setup's size `n` is a size, a formula in `f` or `p` alone a padding, a parameter or element
    /// count a count, a gradient or power a factor, a sum of products a response. Nil when nothing
    /// says, and then the grader tells no story that needs to know.
    var quantity: Exercise.Quantity? {
        if let declared = exercise.quantity { return declared }
        guard exercise.kind == .value, let reference = exercise.solution?.reference.text else { return nil }
        if case .tuple = expected { return .size }
        let names = Self.names(in: reference)
        func integer(_ name: String) -> Bool {
            if case .int = base[name] { return true }
            return false
        }
        if reference.contains(".shape") { return .size }
        if names.contains("n"), integer("n") { return .size }
        // A convolution's, a transposed convolution's or an upsampling's size in the course's own
        // names (`(H_in - 1) * s - 2 * p + k`): a size, though it reads `p` and `s`.
        if let formula = Formula.parse(reference), formula.names.allSatisfy(integer) {
            var integers: [String: Int] = [:]
            for name in formula.names {
                if case .int(let value) = base[name] { integers[name] = value }
            }
            if SizeFormula.isSize(formula, integers: integers) { return .size }
        }
        if names.contains(where: { ["f", "p", "s"].contains($0) && integer($0) }) { return .padding }
        if reference.contains("parameter_count") || reference.contains("numel") { return .count }
        if ["grad", "sigmoid", "backward", "**"].contains(where: reference.contains) { return .factor }
        if reference.contains(".sum(") || reference.contains("conv2d(") { return .response }
        return nil
    }

    /// The names an answer-language source mentions.
    static func names(in source: String) -> Set<String> {
        guard let program = try? Parser.parse(source) else { return [] }
        var found: Set<String> = []
        func visit(_ node: ExpressionSyntax) {
            if case .name(let name) = node.kind { found.insert(name) }
            for child in node.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        return found
    }
}
