import AnswerLanguage
import Wording

/// A module's parameters told apart from everything its `state_dict()` holds: the buffers it keeps
/// but does not learn (a batch norm's running mean and variance, its batch counter
/// `num_batches_tracked`). Where the calculation counts a module's state dict
/// (`….state_dict().values()`), an answer that is the module's parameter count counted the
/// parameters alone, and one that is the state less its batch counters forgot them; where it
/// counts the module's parameters (`parameter_count(…)`), an answer that is the state dict's count
/// counted the buffers too. The module is the one the calculation writes, and the counts are
/// the engine's, so each story is true of the number; it is told only where the two counts
/// differ. Part of `relationStory`.
extension PreparedExercise {
    /// The story of `number` as a count of a module's state or parameters, or nil.
    func stateCountStory(_ number: Double?, session: TimedInterpreter, _ text: GradingText) -> (
        Diagnosis.Finding, Phrase
    )? {
        // `Int(exactly:)`: a learner's number may be infinite (`float('inf')`) or past Int's range.
        guard !setupBindsObjects, let number, let answer = Int(exactly: number),
            let solution = exercise.solution, let target = Grader.number(expected), number != target
        else { return nil }
        for source in [solution.reference] + solution.alternatives {
            for (module, countsState) in Self.countedModules(source.text) {
                guard let counts = stateCounts(of: module, session: session),
                    counts.state != counts.parameters
                else { continue }
                let arguments: [String: any PhraseArgument] = [
                    "module": module, "parameters": counts.parameters, "state": counts.state,
                    "counters": counts.counters,
                ]
                if countsState, Double(counts.state) == target {
                    if answer == counts.parameters {
                        return (.parametersForState, text.relation(.parametersForState, arguments))
                    }
                    if counts.counters > 0, answer == counts.state - counts.counters {
                        return (.counterForgotten, text.relation(.counterForgotten, arguments))
                    }
                } else if !countsState, Double(counts.parameters) == target, answer == counts.state {
                    return (.stateForParameters, text.relation(.stateForParameters, arguments))
                }
            }
        }
        return nil
    }

    /// The modules a source counts, as written, and whether it counts their state dict
    /// (`nn.BatchNorm2d(ch).state_dict()`) or their parameters (`parameter_count(nn.BatchNorm2d(24))`).
    static func countedModules(_ source: String) -> [(module: String, countsState: Bool)] {
        guard let program = try? Parser.parse(source) else { return [] }
        let text = SourceText(source)
        var found: [(module: String, countsState: Bool)] = []
        func visit(_ node: ExpressionSyntax) {
            if case .call(let callee, let arguments) = node.kind {
                if case .attribute(let base, let name, _) = callee.kind, name == "state_dict",
                    arguments.isEmpty
                {
                    found.append((text(base), true))
                } else if MutantGenerator.calleeName(callee) == "parameter_count", arguments.count == 1,
                    arguments[0].name == nil
                {
                    found.append((text(arguments[0].value), false))
                }
            }
            for child in node.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        return found
    }

    /// The module's parameter count, the numbers its state dict holds and those of them that are
    /// batch counters; nil when any does not evaluate.
    private func stateCounts(of module: String, session: TimedInterpreter) -> (
        parameters: Int, state: Int, counters: Int
    )? {
        guard case .int(let parameters)? = try? session.evaluate("parameter_count(\(module))"),
            case .list(let keys)? = try? session.evaluate("list((\(module)).state_dict().keys())"),
            case .list(let sizes)? = try? session.evaluate(
                "[v.numel() for v in (\(module)).state_dict().values()]"),
            keys.count == sizes.count
        else { return nil }
        var state = 0
        var counters = 0
        for (key, size) in zip(keys, sizes) {
            guard case .int(let n) = size else { return nil }
            state += n
            if case .string(let name) = key, name.hasSuffix("num_batches_tracked") { counters += n }
        }
        return (parameters, state, counters)
    }
}
