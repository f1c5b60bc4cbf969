import AnswerLanguage

/// Runs an exercise's mutants in its setup. A reference built in steps (`g = grad_norms(net, x,
/// y); g[19] / g[0]`) has most of its mutants in the last step only: the steps before it, often
/// the costly ones (a network's gradients), then run once and the mutants start from their result
/// — when the last step reads nothing from them that it could change (no layer), so sharing the
/// values is the same as recomputing them. A reference of one line shares its calls on the setup's
/// layers between mutants instead (`SharedCalls`).
final class MutantRunner {
    private let prepared: PreparedExercise
    /// The bindings after each prefix ran (nil: it failed, or binds a layer the tail reads).
    private var prefixes: [String: [String: Value]?] = [:]
    /// Runs stopped at their time limit (`ExtraRun`): a catalogue made with any tells no story by
    /// value, since which mutants it holds would depend on the machine's load.
    private(set) var stoppedRuns = 0

    init(_ prepared: PreparedExercise) { self.prepared = prepared }

    /// The mutant's value in the setup; nil when it fails, has no value, or comes out 0 — zero is
    /// what too many different slips give (a kernel summing to 0 times anything): a mutant that
    /// comes out 0 explains nothing — or not finite (an infinity is close to any number by a
    /// relative tolerance, and a NaN to none). With `allowingZero`, a value of 0 is kept: a swapped
    /// operation's mutant that is 0 explains only an answer written as that mutant is.
    func value(of source: String, allowingZero: Bool = false) -> Value? {
        if prepared.stopMutants?() == true { return nil }
        let outcome = run(source)
        if outcome.isStopped { stoppedRuns += 1 }
        guard let value = outcome.value else { return nil }
        if case .none = value { return nil }
        if let number = ValueConversion.numeric(value) {
            if (!allowingZero && number.values.allSatisfy({ $0 == 0 }))
                || number.values.contains(where: { !$0.isFinite })
            {
                return nil
            }
        }
        return value
    }

    private func run(_ source: String) -> ExtraRun {
        if let (prefix, tail) = Self.split(source), let bindings = bindings(after: prefix),
            !PreparedExercise.names(in: tail).contains(where: { bindings[$0].map(Self.isObject) ?? false })
        {
            let interpreter = Interpreter(options: prepared.answerOptions)
            for (name, value) in bindings { interpreter.bind(name, value) }
            return prepared.extraRun(.mutant) { () throws(LanguageError) -> Value in
                try TimedInterpreter(interpreter, seconds: prepared.answerSeconds).run(tail)
            }
        }
        // A call on a layer of the setup that the mutant keeps as written runs once for all.
        if let shared = prepared.sharedCalls.run(source) { return shared }
        return prepared.extraRun(.mutant) { () throws(LanguageError) -> Value in
            try prepared.session().run(source)
        }
    }

    private func bindings(after prefix: String) -> [String: Value]? {
        if let known = prefixes[prefix] { return known }
        let session = prepared.session()
        var bindings: [String: Value]?
        if (try? session.run(prefix)) != nil {
            var values: [String: Value] = [:]
            for name in session.interpreter.boundNames {
                if let value = session.interpreter[name] { values[name] = value }
            }
            bindings = values
        }
        prefixes[prefix] = bindings
        return bindings
    }

    /// The source before its last statement, and the last statement; nil for one statement.
    static func split(_ source: String) -> (String, String)? {
        guard let program = try? Parser.parse(source), program.statements.count >= 2,
            let last = program.statements.last
        else { return nil }
        let scalars = Array(source.unicodeScalars)
        let offset = last.range.lowerBound.offset
        guard offset > 0, offset < scalars.count else { return nil }
        var prefix = String.UnicodeScalarView()
        prefix.append(contentsOf: scalars[..<offset])
        var tail = String.UnicodeScalarView()
        tail.append(contentsOf: scalars[offset...])
        return (String(prefix), String(tail))
    }

    /// A layer (or a container holding one): shared, and changed by training, so never reused.
    static func isObject(_ value: Value) -> Bool {
        switch value {
        case .module: true
        case .list(let items), .tuple(let items): items.contains(where: isObject)
        case .dict(let entries): entries.contains { isObject($0.value) }
        default: false
        }
    }
}
