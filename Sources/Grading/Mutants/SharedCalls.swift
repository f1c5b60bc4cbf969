import AnswerLanguage

/// The calls in an exercise's code that compute on a layer of its setup (`grad_norms(net, x, y)`:
/// a gradient through 20 layers), computed once per exercise and shared by every mutant and
/// every named mistake's `when` that makes the same call.
///
/// A setup that binds a layer runs again for every session (an answer could train it), and a
/// reference like `grad_norms(net, x, y)[0] / grad_norms(net, x, y)[-1]` computes the gradients
/// twice: 06/plain-bn-ratio spent ~0.8 s on each of its mutants, and its `when`s as much on every
/// answer. Replacing such a call by its value is exact when
/// - the call reads only the setup's names and builtins (no `answer`, no name the code binds,
///   nothing inside a lambda or comprehension, whose names may be local);
/// - the call gives the same value when made twice in a row in one fresh session (it neither
///   draws random numbers nor changes what it reads), which is checked once per call, and its
///   value is not a layer (which what follows could change);
/// - what is left of the code reads no layer (so nothing else can see a change the call made).
/// The rest then runs in a session of the setup's other values, without running the setup again.
final class SharedCalls {
    /// Unowned: the exercise keeps this.
    private unowned let prepared: PreparedExercise
    /// The setup's names bound to a layer (or a container holding one).
    let objectNames: Set<String>
    /// What was computed, which a background computation hands over with its mutants.
    var state = State()

    /// The calls' values and what was checked, computed once per exercise.
    struct State: Sendable {
        /// Each call's value, by its text; nil when it fails or is not the same twice.
        var values: [String: Value?] = [:]
        /// The calls in the order first shared: a call's name is its index here.
        var texts: [String] = []
        /// Whether sharing gives the reference's own value (checked once, on first need).
        var holdsForReference: Bool?
    }

    /// The prefix of the names that stand for shared calls (no course or answer uses it).
    static let namePrefix = "_shared_call_"

    init(_ prepared: PreparedExercise) {
        self.prepared = prepared
        objectNames = Set(
            prepared.base.boundNames.filter { prepared.base[$0].map(MutantRunner.isObject) ?? false })
    }

    /// Code rewritten to read shared calls' values instead of making the calls.
    struct Rewritten {
        /// The code with each shared call replaced by its name.
        var source: String
        /// The names and values of the calls it reads.
        var values: [(name: String, value: Value)]
    }

    /// `source` (one expression) with its shared calls replaced; nil when it makes none, when
    /// what is left still reads a layer, or when it does not parse. `avoiding`: names the code
    /// may have changed before it runs (an answer typed in the same session): a call that reads
    /// one is not shared.
    func rewrite(_ source: String, avoiding: Set<String> = []) -> Rewritten? {
        guard prepared.sharesCalls, !objectNames.isEmpty, let program = try? Parser.parse(source),
            program.statements.count == 1,
            case .expression(let expression) = program.statements[0]
        else { return nil }
        let excluded = avoiding.union(["answer", "expected"])
        var found: [(range: SourceRange, text: String)] = []
        let scalars = Array(source.unicodeScalars)
        func visit(_ node: ExpressionSyntax) {
            switch node.kind {
            case .lambda, .comprehension: return
            case .call:
                let names = Self.names(in: node)
                if !names.isDisjoint(with: objectNames), names.isDisjoint(with: excluded),
                    let text = Self.text(of: node.range, in: scalars), value(of: text) != nil
                {
                    found.append((node.range, text))
                    return
                }
            default: break
            }
            for child in node.kind.children { visit(child) }
        }
        visit(expression)
        guard !found.isEmpty else { return nil }
        var rewritten = scalars
        var values: [(name: String, value: Value)] = []
        // From the end, so the offsets of the calls before stay valid.
        for (range, text) in found.reversed() {
            guard let value = value(of: text), let index = state.texts.firstIndex(of: text) else {
                return nil
            }
            let name = Self.namePrefix + String(index)
            rewritten.replaceSubrange(
                range.lowerBound.offset..<range.upperBound.offset, with: name.unicodeScalars)
            if !values.contains(where: { $0.name == name }) { values.append((name, value)) }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: rewritten)
        let result = String(view)
        guard PreparedExercise.names(in: result).isDisjoint(with: objectNames) else { return nil }
        return Rewritten(source: result, values: values)
    }

    /// A session for rewritten code: the setup's values but its layers (the setup does not run
    /// again), and the shared calls' values, under the answer limits.
    func session(for rewritten: Rewritten) -> TimedInterpreter {
        let interpreter = Interpreter(options: prepared.answerOptions)
        for name in prepared.base.boundNames where !objectNames.contains(name) {
            if let value = prepared.base[name] { interpreter.bind(name, value) }
        }
        for (name, value) in rewritten.values { interpreter.bind(name, value) }
        return TimedInterpreter(interpreter, seconds: prepared.answerSeconds)
    }

    /// Runs `source` with its shared calls' values; nil when it cannot be rewritten, it fails, or
    /// sharing does not give the reference's own value (then nothing is shared for this exercise).
    func run(_ source: String) -> ExtraRun? {
        guard sharingHolds, let rewritten = rewrite(source) else { return nil }
        return prepared.extraRun(.mutant) { () throws(LanguageError) -> Value in
            try session(for: rewritten).run(rewritten.source)
        }
    }

    /// Whether the reference, rewritten, gives exactly the expected value: a last check that
    /// sharing changes nothing for this exercise.
    var sharingHolds: Bool {
        if let holds = state.holdsForReference { return holds }
        var holds = false
        if let reference = prepared.exercise.solution?.reference.text, let rewritten = rewrite(reference),
            let value = try? session(for: rewritten).run(rewritten.source)
        {
            holds = value == prepared.expected
        }
        state.holdsForReference = holds
        return holds
    }

    /// The call's value in a fresh session when it is the same made twice and is not a layer.
    private func value(of text: String) -> Value? {
        if let known = state.values[text] { return known }
        let session = prepared.session()
        var value: Value?
        if let first = try? session.run(text), !MutantRunner.isObject(first),
            let second = try? session.run(text),
            first == second
        {
            value = first
            state.texts.append(text)
        }
        state.values[text] = .some(value)
        return value
    }

    static func names(in node: ExpressionSyntax) -> Set<String> {
        var found: Set<String> = []
        func visit(_ node: ExpressionSyntax) {
            if case .name(let name) = node.kind { found.insert(name) }
            for child in node.kind.children { visit(child) }
        }
        visit(node)
        return found
    }

    static func text(of range: SourceRange, in scalars: [Unicode.Scalar]) -> String? {
        guard range.lowerBound.offset >= 0, range.upperBound.offset <= scalars.count,
            range.lowerBound.offset < range.upperBound.offset
        else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range.lowerBound.offset..<range.upperBound.offset])
        return String(view)
    }
}

extension PreparedExercise {
    /// Evaluates a named mistake's `when` (or any condition of the exercise) in `session`, its
    /// shared calls read from their values. `typed`: the answer when it ran in `session` (it may
    /// have changed the names it mentions; a call reading one is then made as written), nil when
    /// the session is fresh.
    func evaluate(condition: String, in session: TimedInterpreter, typed: String?) throws(LanguageError)
        -> Value
    {
        guard let touched = typed.map(SharedCalls.namesTouched(by:)) ?? [],
            let rewritten = sharedCalls.rewrite(condition, avoiding: touched.union(namesReadByChecks))
        else { return try session.evaluate(condition) }
        for (name, value) in rewritten.values { session.interpreter.bind(name, value) }
        return try session.evaluate(rewritten.source)
    }
}

extension PreparedExercise {
    /// The names the exercise's checks read: they run in the session before a `when`, and could
    /// change what they read (a layer's running statistics); calls reading them are not shared.
    var namesReadByChecks: Set<String> {
        exercise.checks.reduce(into: []) { $0.formUnion(Self.names(in: $1.expect.text)) }
    }

    /// Computes the shared calls of the named mistakes' `when`s ahead of the first answer (a
    /// background computation hands them over with the mutants).
    func shareMistakeCalls() {
        for mistake in exercise.mistakes {
            _ = sharedCalls.rewrite(mistake.when.text, avoiding: namesReadByChecks)
        }
    }
}

extension SharedCalls {
    /// The names an answer may have changed: every name it mentions; nil when it has statements
    /// other than assignments and expressions (a loop, a function), which this does not follow.
    static func namesTouched(by typed: String) -> Set<String>? {
        guard let program = try? Parser.parse(typed) else { return nil }
        var names: Set<String> = []
        for statement in program.statements {
            switch statement {
            case .expression(let expression): names.formUnion(Self.names(in: expression))
            case .assignment(_, let expression):
                names.formUnion(Self.names(in: expression))
                names.formUnion(statement.boundNames)
            default: return nil
            }
        }
        return names
    }
}
