import AnswerLanguage

/// The exercise's setup run again with every real-number literal replaced by another number, so
/// that two expressions that agree only on the setup's own data part here.
///
/// A scalar answer often has a mutant's value by coincidence: on a patch whose kernel is
/// antisymmetric, `(p * k).sum().abs()` is the response with the kernel turned by 180°; on a
/// window that happens to sum to a negated response, the whole map's sum reads as "the sign is
/// wrong". The same computation agrees with itself whatever the data, so a story is told only
/// when the answer and the mutant (or the relation a diagnosis reads) still agree with the
/// setup's numbers changed. What cannot be told — no real literal in the setup, a run that
/// fails or is not finite, a reference the change leaves as it was — keeps the story: the check
/// only ever removes a story, never adds one. A run stopped at its time limit (or cancelled) is
/// different: whether it finishes depends on the machine's load, and the same answer must get
/// the same message, so the story it was to confirm is removed (`ExtraRun`).
final class PerturbedSetup {
    private unowned let prepared: PreparedExercise
    /// The perturbed setup's text, nil when the setup has no real literal to change.
    let setup: String?
    private var bindings: [String: Value]??
    private var values: [String: Value?] = [:]
    /// Sources whose perturbed run (or the perturbed setup's, for all of them) was stopped.
    private var stopped: Set<String> = []
    private var setupStopped = false

    init(_ prepared: PreparedExercise) {
        self.prepared = prepared
        setup = prepared.exercise.setup.flatMap { Self.perturbed($0.text) }
    }

    /// Whether `answer` and `other` differ when run in the perturbed setup; nil when that cannot
    /// be told (see the type's summary).
    /// With `squeezed`, values that differ only in dimensions of size 1 are the same
    /// (`Comparer.matchesSqueezed`).
    func differ(_ answer: String, _ other: String, comparer: Comparer, squeezed: Bool = false) -> Bool? {
        guard readsSetup(answer), let reference = prepared.exercise.solution?.reference.text else {
            return nil
        }
        let changed = value(of: reference)
        if wasStopped(reference) { return true }
        guard let changed, !comparer.matches(changed, prepared.expected) else { return nil }
        let a = value(of: answer)
        let b = value(of: other)
        if wasStopped(answer) || wasStopped(other) { return true }
        guard let a, let b else { return nil }
        return !comparer.matches(a, b) && !(squeezed && comparer.matchesSqueezed(a, b))
    }

    /// Whether `answer`, which gives the expected value, gives another value than the reference
    /// with the setup's real literals changed: it agrees with the calculation on this data only
    /// (the first row of a window whose second row of products is 0). Only an answer whose
    /// numbers are all indices or call settings, and that reads every setup value the reference
    /// reads, is read so — one that types a number in could be the setup's data typed by hand —
    /// and a run stopped under load leaves the answer passing.
    func agreesOnlyHere(_ answer: String, comparer: Comparer) -> Bool {
        // Both must be read from the same data: a reference that types a number in (`11` for
        // `c[-1]`) or reads a setup constant the answer leaves to a default (`eps`) would differ
        // from a right answer once the setup's numbers change.
        guard readsSetup(answer), Self.numbersAreSettings(answer),
            let reference = prepared.exercise.solution?.reference.text, Self.numbersAreSettings(reference),
            Set(setupNames(in: reference)).isSubset(of: setupNames(in: answer))
        else { return false }
        let changed = value(of: reference)
        if wasStopped(reference) { return false }
        guard let changed, !comparer.matches(changed, prepared.expected) else { return false }
        let moved = value(of: answer)
        if wasStopped(answer) { return false }
        guard let moved, !comparer.matches(moved, changed) else { return false }
        // Rounding toward zero for rounding down parts only where what is rounded is negative, as
        // a width never is (`(base * alpha).long()` for `(alpha * base).floor()`).
        return !agreesFlooringTruncations(answer, reference: reference, comparer: comparer)
    }

    /// Whether every number `source` writes is an index, a slice bound or a call's argument
    /// (a dimension, a size), none a real number, an operand of arithmetic or a tensor's data.
    static func numbersAreSettings(_ source: String) -> Bool {
        guard let program = try? Parser.parse(source) else { return false }
        func settings(_ node: ExpressionSyntax, free: Bool) -> Bool {
            switch node.kind {
            case .float: return false
            case .integer: return !free
            case .call(let callee, let arguments):
                if let name = MutantGenerator.calleeName(callee),
                    ["tensor", "as_tensor", "Tensor", "FloatTensor", "full", "full_like"].contains(name)
                {
                    return false
                }
                return settings(callee, free: free)
                    && arguments.allSatisfy { settings($0.value, free: false) }
            case .subscript(let base, let items):
                guard settings(base, free: free) else { return false }
                return items.allSatisfy { item in
                    switch item {
                    case .index(let index): settings(index, free: false)
                    case .slice(let start, let stop, let step, _):
                        [start, stop, step].compactMap { $0 }.allSatisfy { settings($0, free: false) }
                    }
                }
            case .unary(_, let operand): return settings(operand, free: free)
            case .tuple(let items), .list(let items):
                return items.allSatisfy { settings($0, free: free) }
            default:
                return node.kind.children.allSatisfy { settings($0, free: true) }
            }
        }
        return program.statements.allSatisfy { statement in
            switch statement {
            case .expression(let expression), .assignment(_, let expression): settings(expression, free: true)
            default: false
            }
        }
    }

    /// Whether the perturbed run of `source` (already asked for) was stopped at its time limit.
    func wasStopped(_ source: String) -> Bool {
        let wasStopped = setupStopped || stopped.contains(source)
        // A stop kept from an earlier grade decides this one too.
        if wasStopped { prepared.stoppedRuns += 1 }
        return wasStopped
    }

    /// Whether a number's built-in story still holds for `answer` in the perturbed setup: the
    /// sign still the opposite of the reference's, the offset still the same constant. Nil when
    /// that cannot be told (see the type's summary) or `finding` is no such relation.
    func keeps(_ finding: Diagnosis.Finding, answer: String, value original: Value, expected: Value) -> Bool?
    {
        guard finding == .wrongSign || finding == .constantOffset || finding == .offByOne, readsSetup(answer),
            let reference = prepared.exercise.solution?.reference.text
        else { return nil }
        _ = value(of: reference)
        _ = value(of: answer)
        if wasStopped(reference) || wasStopped(answer) { return false }
        guard let a = ValueConversion.numeric(original)?.values,
            let e = ValueConversion.numeric(expected)?.values,
            let changed = value(of: reference).flatMap({ ValueConversion.numeric($0)?.values }),
            let moved = value(of: answer).flatMap({ ValueConversion.numeric($0)?.values }),
            a.count == e.count, changed.count == e.count, moved.count == e.count,
            !Self.close(changed, e)
        else { return nil }
        switch finding {
        case .wrongSign: return Self.close(moved, changed.map { -$0 })
        default: return Self.close(zip(moved, changed).map { $0 - $1 }, zip(a, e).map { $0 - $1 })
        }
    }

    /// Whether `answer` (a number) is still 1 minus the reference's value with the setup's real
    /// numbers changed, as it is here: the negatives' share `(pre < 0).float().mean()` is 1 minus
    /// the share of zeros after a ReLU only on data whose exact zeros happen to make up the
    /// difference; the positives' share is its complement on any data. Nil when that cannot be
    /// told (see the type's summary); false when a run was stopped.
    func keepsComplement(answer: String) -> Bool? {
        switch movedNumbers(answer: answer) {
        case .stopped: return false
        case .untold: return nil
        case .numbers(_, let changed, let moved): return Self.close([moved + changed], [1])
        }
    }

    /// Whether `answer` (a number) still stands to the reference with the setup's numbers
    /// changed as the number `mistake` stands to the expected value here: by the same
    /// offset or the same factor (`int(val.argmin()) + 1` stays one more; `len(val) - 1` does
    /// not). Nil when that cannot be told (see the type's summary); false when a run was stopped.
    func keepsRelation(answer: String, to mistake: Double) -> Bool? {
        let (e, changed, moved): (Double, Double, Double)
        switch movedNumbers(answer: answer) {
        case .stopped: return false
        case .untold: return nil
        case .numbers(let expected, let reference, let answer):
            (e, changed, moved) = (expected, reference, answer)
        }
        // Only a slip's own relation is read (one more or less, twice or half): a mistake whose
        // number is another calculation's (the whole curve's lowest epoch, 3 after the kept
        // one's) moves otherwise, and cannot be told.
        let offset = mistake - e
        let ratio = e == 0 ? 0 : mistake / e
        if abs(abs(offset) - 1) < 1e-9 { return Self.close([moved - changed], [offset]) }
        if Self.close([ratio], [2]) || Self.close([ratio], [0.5]) {
            return Self.close([moved], [changed * ratio])
        }
        return nil
    }

    /// What the number questions above compare: the expected number here, and the reference's
    /// and the answer's numbers with the setup's numbers changed.
    private enum MovedNumbers {
        /// A run was stopped (time, Ctrl-C): the question is answered no.
        case stopped
        /// Cannot be told: the answer reads no setup name, a value is no number, or changing the
        /// setup did not move the reference.
        case untold
        case numbers(expected: Double, reference: Double, answer: Double)
    }

    private func movedNumbers(answer: String) -> MovedNumbers {
        guard readsSetup(answer), let reference = prepared.exercise.solution?.reference.text,
            let e = Grader.number(prepared.expected)
        else { return .untold }
        let changed = value(of: reference)
        let moved = value(of: answer)
        if wasStopped(reference) || wasStopped(answer) { return .stopped }
        guard let changed = changed.flatMap(Grader.number), let moved = moved.flatMap(Grader.number),
            !Self.close([changed], [e])
        else { return .untold }
        return .numbers(expected: e, reference: changed, answer: moved)
    }

    /// Whether `source` reads a name the setup binds: an answer worked out by hand in literals
    /// (`3 * 1 + 0 * 2 + …`) is the same whatever the setup's numbers, so changing them tells
    /// nothing about it.
    private func readsSetup(_ source: String) -> Bool {
        PreparedExercise.names(in: source).contains { prepared.base[$0] != nil }
    }

    /// The names of the setup's values `source` reads.
    private func setupNames(in source: String) -> [String] {
        PreparedExercise.names(in: source).filter { prepared.base[$0] != nil }
    }

    private static func close(_ x: [Double], _ y: [Double]) -> Bool {
        zip(x, y).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($0), abs($1)) }
    }

    /// `source`'s value in the perturbed setup; nil when it fails, has no value or is not finite.
    func value(of source: String) -> Value? {
        if let known = values[source] { return known }
        let value = run(source)
        values[source] = value
        return value
    }

    /// An interpreter for one run in the perturbed setup; nil when the setup has no real literal
    /// or fails perturbed. A setup that binds a layer runs again for every run, as `session()`
    /// does: an answer that trains it must not change it for the next.
    private func interpreter() -> Interpreter? {
        guard let setup else { return nil }
        let interpreter = Interpreter(options: prepared.answerOptions)
        if prepared.setupBindsObjects {
            guard let fresh = run(setup: setup) else { return nil }
            for (name, value) in fresh { interpreter.bind(name, value) }
        } else {
            if bindings == nil { bindings = .some(run(setup: setup)) }
            guard let shared = bindings ?? nil else { return nil }
            for (name, value) in shared { interpreter.bind(name, value) }
        }
        return interpreter
    }

    private func run(_ source: String) -> Value? {
        guard let interpreter = interpreter() else { return nil }
        let outcome = prepared.extraRun(.perturbed) { () throws(LanguageError) -> Value in
            try TimedInterpreter(interpreter, seconds: prepared.answerSeconds).run(source)
        }
        if outcome.isStopped { stopped.insert(source) }
        guard let value = outcome.value else { return nil }
        if case .none = value { return nil }
        if let number = ValueConversion.numeric(value), number.values.contains(where: { !$0.isFinite }) {
            return nil
        }
        return value
    }

    private func run(setup: String) -> [String: Value]? {
        let interpreter = Interpreter(options: prepared.base.options)
        let outcome = prepared.extraRun(.perturbed) { () throws(LanguageError) -> Value in
            try TimedInterpreter(interpreter, seconds: prepared.setupSeconds).run(setup)
        }
        if outcome.isStopped { setupStopped = true }
        guard outcome.value != nil else { return nil }
        var values: [String: Value] = [:]
        for name in interpreter.boundNames {
            if let value = interpreter[name] { values[name] = value }
        }
        return values
    }

    /// Numbers put in place of the setup's real literals, in turn: small, exact in float32, of
    /// both signs and no pattern a kernel's symmetry could keep.
    static let replacements: [Double] = [1.5, -2, 0.5, 3, -1, 2.5, -0.5, 4, 1.25, -3, 0.75, -1.5]

    /// `setup` with each real literal (`1.`, `0.25`, `1e-3`; not whole numbers, which are sizes,
    /// counts and indices) replaced by the next of `replacements` that differs from it, bracketed
    /// so that a sign stays with its number; strings and comments are left as they are. A list of
    /// 0s and 1s (a mask, `maskSpans`) is moved to another mask. Nil when the setup has no real
    /// literal.
    static func perturbed(_ setup: String) -> String? {
        let characters = Array(setup)
        let masks = maskSpans(characters)
        var result = ""
        var index = 0
        var replaced = 0
        var maskPosition = 0
        var maskEntriesTurned = 0
        while index < characters.count {
            let character = characters[index]
            if character == "#" {
                while index < characters.count, characters[index] != "\n" {
                    result.append(characters[index])
                    index += 1
                }
            } else if character == "'" || character == "\"" {
                let end = stringEnd(characters, from: index)
                result += String(characters[index..<end])
                index = end
            } else if character.isLetter || character == "_" {
                while index < characters.count,
                    characters[index].isLetter || characters[index].isNumber || characters[index] == "_"
                {
                    result.append(characters[index])
                    index += 1
                }
            } else if character.isASCII && character.isNumber
                || character == "." && index + 1 < characters.count && characters[index + 1].isASCII
                    && characters[index + 1].isNumber
            {
                let end = numberEnd(characters, from: index)
                let literal = String(characters[index..<end])
                // A number too small to move the setup's values (an `eps` of 1e-5) stays: an
                // answer that leaves it out is right at the setup's numbers, and must stay so here.
                if literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
                    let value = Double(literal.filter { $0 != "_" }),
                    masks.contains(where: { $0.contains(index) })
                {
                    let moved = maskEntry(value, position: maskPosition)
                    maskPosition += 1
                    if moved != value { maskEntriesTurned += 1 }
                    result += "(\(moved))"
                } else if literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
                    let value = Double(literal.filter { $0 != "_" }), value == 0 || abs(value) >= 1e-3
                {
                    var choice = replacements[replaced % replacements.count]
                    if choice == value { choice = replacements[(replaced + 1) % replacements.count] }
                    replaced += 1
                    result += "(\(choice))"
                } else {
                    result += literal
                }
                index = end
            } else {
                result.append(character)
                index += 1
            }
        }
        return replaced + maskEntriesTurned == 0 ? nil : result
    }

    /// Where the string literal starting at `start` (a quote) ends: after its closing quote, or at
    /// the end of the text. Triple quotes and backslash escapes are followed.
    private static func stringEnd(_ characters: [Character], from start: Int) -> Int {
        let quote = characters[start]
        let triple =
            start + 2 < characters.count && characters[start + 1] == quote && characters[start + 2] == quote
        var index = start + (triple ? 3 : 1)
        while index < characters.count {
            if characters[index] == "\\" {
                index += 2
                continue
            }
            if characters[index] == quote {
                if !triple { return index + 1 }
                if index + 2 < characters.count, characters[index + 1] == quote,
                    characters[index + 2] == quote
                {
                    return index + 3
                }
            }
            index += 1
        }
        return characters.count
    }

    /// Where the number literal starting at `start` ends: digits and `_`, one `.`, an exponent.
    private static func numberEnd(_ characters: [Character], from start: Int) -> Int {
        var index = start
        func digits() {
            while index < characters.count,
                characters[index].isASCII && characters[index].isNumber || characters[index] == "_"
            {
                index += 1
            }
        }
        digits()
        if index < characters.count, characters[index] == ".",
            !(index + 1 < characters.count
                && (characters[index + 1].isLetter || characters[index + 1] == "_"))
        {
            index += 1
            digits()
        }
        if index < characters.count, characters[index] == "e" || characters[index] == "E" {
            var look = index + 1
            if look < characters.count, characters[look] == "+" || characters[look] == "-" { look += 1 }
            if look < characters.count, characters[look].isASCII, characters[look].isNumber {
                index = look
                digits()
            }
        }
        return index
    }
}
