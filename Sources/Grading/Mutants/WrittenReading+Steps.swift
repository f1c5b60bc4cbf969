import AnswerLanguage

/// An answer read against a calculation written in steps (`k = …` lines, then the result): step
/// by step, one step written otherwise (`stepwiseDifference`), or one of the calculation's steps
/// given as the answer (`earlierStep`). Both are true by construction: what the learner wrote.
extension WrittenReading {
    /// An answer written in steps (`k = …` lines, then the result) compared step by step with the
    /// reference's or a passing alternative's steps: the same names bound in the same order,
    /// every step the same calls but one, and that one written differently in its arguments or
    /// callee (`argmin` where the calculation's `k = …` has `argmax`). The names each step reads
    /// are bound alike before the differing step, so its arguments are valued in `session`.
    func stepwiseDifference(_ source: String, session: TimedInterpreter, comparer: Comparer)
        -> WrittenDifference?
    {
        guard let answer = steps(source) else { return nil }
        for (index, entry) in sources.enumerated() where entry.tree == nil {
            guard let theirs = steps(entry.text), theirs.count == answer.count,
                zip(answer, theirs).allSatisfy({ $0.name == $1.name })
            else { continue }
            var differing: [(CallTree, CallTree)] = []
            for (yours, calculation) in zip(answer, theirs) where yours.tree.key != calculation.tree.key {
                differing.append((yours.tree, calculation.tree))
            }
            guard differing.count == 1, var found = WrittenDifference.between(differing[0].0, differing[0].1)
            else { continue }
            found.arguments = found.arguments.filter { !sameValue($0, session: session) }
            guard !found.arguments.isEmpty, found.arguments.allSatisfy({ isSetting($0, session: session) })
            else { continue }
            if index > 0 {
                guard let passes = passing(entry.text, comparer: comparer) else { return nil }
                guard passes else { continue }
            }
            return found
        }
        return nil
    }

    /// The steps of a source of two statements or more: each a name bound once (not a name of
    /// the setup, whose value a step would change under the others) or an expression run for
    /// what it does (`….backward()`, its name nil), with its value's call tree, the last the
    /// result (its name nil); nil for any other source.
    func steps(_ source: String) -> [(name: String?, tree: CallTree)]? {
        guard let program = try? Parser.parse(source), program.statements.count >= 2 else { return nil }
        let text = SourceText(source)
        var result: [(name: String?, tree: CallTree)] = []
        for (position, statement) in program.statements.enumerated() {
            let last = position == program.statements.count - 1
            switch statement {
            case .assignment(let targets, let value) where !last:
                guard targets.count == 1, case .name(let name, _) = targets[0], prepared.base[name] == nil,
                    !result.contains(where: { $0.name == name }), let tree = reader.read(text(value))
                else { return nil }
                result.append((name, tree))
            case .expression(let value):
                guard let tree = reader.read(text(value)) else { return nil }
                result.append((nil, tree))
            default:
                return nil
            }
        }
        return result
    }

    /// The calculation's step (not its last) that the answer is, a number read out around either
    /// or not (`(…).argmax()` for `k = int((…).argmax())`): the answer stops where the calculation
    /// goes on. The reference's steps, or a passing alternative's.
    func earlierStep(_ answer: CallTree, comparer: Comparer) -> WrittenDifference? {
        for (index, entry) in sources.enumerated() where entry.tree == nil {
            guard let theirs = steps(entry.text),
                let step = theirs.dropLast().first(where: {
                    $0.name != nil && $0.tree.scalarRead.key == answer.scalarRead.key
                }),
                let name = step.name
            else { continue }
            if index > 0 {
                guard let passes = passing(entry.text, comparer: comparer) else { return nil }
                guard passes else { continue }
            }
            return WrittenDifference(arguments: [], stoppedAt: name)
        }
        return nil
    }
}
