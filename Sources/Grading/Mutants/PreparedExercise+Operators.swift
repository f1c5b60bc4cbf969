import AnswerLanguage

/// Telling apart mutants that give the same value by what the answer writes. Two changes to the
/// reference that land on the same number (`g[19]` and `g[19] - g[0]` when `g[0]` is tiny) leave
/// the value unexplained; but an answer that subtracts is not the one without the division, and
/// an answer with no operator at all is not the subtraction. Among the single mutants with the
/// answer's value, those whose sources use the answer's operators (the same binary operators, as
/// many times each) are the candidates, chosen as the catalogue chooses (`explained`): telling
/// changes before generic ones, one generic change at most, none with floors.
extension PreparedExercise {
    /// The mutant group that explains `answer`, typed as `source`, once the mutants with its value
    /// are narrowed to those written with the same operators; nil when none or too many remain,
    /// or when the answer is a formula the formula catalogue did not explain (a coincidence).
    func mutantsByOperators(_ answer: Value, source: String?, comparer: Comparer) -> MutantGroup? {
        // A number typed out has no operators to tell anything by: which change it came from
        // cannot be read from it.
        guard let source, !mutants.isPartial, !Self.names(in: source).isEmpty,
            let operators = Self.binaryOperators(in: source)
        else { return nil }
        if let formulas = mutants.formulas {
            guard case .notAFormula = formulas.explain(source) else { return nil }
        }
        let candidates = mutants.all.filter { entry in
            entry.mutant.changes.count == 1 && Self.binaryOperators(in: entry.mutant.source) == operators
                && comparer.matches(answer, entry.value)
        }.map(\.mutant).filter { mayExplain(source, $0, comparer: comparer) }
        var distinct: [Mutant] = []
        // A setting changed to two other values is two stories, as in `explained`.
        for mutant in candidates
        where !distinct.contains(where: {
            $0.misconception == mutant.misconception
                && ($0.misconception != .settingChanged || $0.changes[0].piece == mutant.changes[0].piece)
        }) {
            distinct.append(mutant)
        }
        let telling = distinct.filter { !$0.misconception.isGeneric }
        let floors = ([exercise.solution?.reference] + (exercise.solution?.alternatives ?? [])).contains {
            $0?.text.contains("//") == true
        }
        if floors, telling.isEmpty { return nil }
        let chosen = telling.isEmpty ? distinct : telling
        guard !chosen.isEmpty, chosen.count <= (telling.isEmpty || floors ? 1 : 2) else { return nil }
        return MutantGroup(mutants: chosen, value: answer)
    }

    /// How many times each binary operator occurs in a source's statements; nil when it does not
    /// parse.
    static func binaryOperators(in source: String) -> [String: Int]? {
        guard let program = try? Parser.parse(source) else { return nil }
        var counts: [String: Int] = [:]
        func visit(_ node: ExpressionSyntax) {
            if case .binary(let op, _, _) = node.kind { counts[op.rawValue, default: 0] += 1 }
            for child in node.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        return counts
    }
}
