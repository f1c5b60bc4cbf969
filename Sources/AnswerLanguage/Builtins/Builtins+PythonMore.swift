/// Python's `map`, `filter` and `divmod`, which learners use to count parameters
/// (`sum(map(torch.numel, model.parameters()))`) and to split a size (`divmod(f - 1, 2)`).
extension Builtins {
    static let pythonMore: [Builtin] = [
        // Python's map is lazy; here, as the language's generators are, it is a list.
        Builtin(
            "map(function, *iterables)", "function applied to the items (of several iterables side by side)"
        ) {
            call in
            let function = try call.value("function")
            guard !call.rest.isEmpty else {
                throw LanguageError(
                    .argument, .missingArgument(function: "map", name: "iterables"), at: call.range)
            }
            let columns = try call.rest.indices.map { index in
                try call.evaluator.iterate(call.rest[index], at: call.restRanges[index])
            }
            let length = columns.map(\.count).min() ?? 0
            var results: [Value] = []
            for row in 0..<length {
                let arguments = columns.map {
                    EvaluatedArgument(name: nil, nameRange: nil, value: $0[row], range: call.range)
                }
                results.append(try call.evaluator.call(function, arguments, at: call.range))
            }
            try call.evaluator.requireShallow(results, at: call.range)
            return .list(results)
        },
        Builtin(
            "filter(function, iterable)", "the items for which function is true (all true items for None)"
        ) {
            call in
            let function = try call.value("function")
            var kept: [Value] = []
            for item in try call.evaluator.iterate(try call.value("iterable"), at: call.range(of: "iterable"))
            {
                let test =
                    function == .none
                    ? item
                    : try call.evaluator.call(
                        function,
                        [EvaluatedArgument(name: nil, nameRange: nil, value: item, range: call.range)],
                        at: call.range)
                if try call.evaluator.truth(test, at: call.range) { kept.append(item) }
            }
            return .list(kept)
        },
        Builtin("divmod(a, b)", "(a // b, a % b), rounding down as Python does") { call in
            let (a, b) = (try call.value("a"), try call.value("b"))
            return .tuple([
                try call.evaluator.binary(.floorDivide, a, b, at: call.range),
                try call.evaluator.binary(.remainder, a, b, at: call.range),
            ])
        },
    ]
}
