import AnswerLanguage
import Foundation

/// What an answer is by its own writing, read against the reference: the expected value with one
/// step more after it (`(7 - 1) // 2 * 2`: its `(7 - 1) // 2` alone is the expected value), or a
/// part of the reference's calculation (`1 - sigmoid(tensor(0.))` of
/// `sigmoid(tensor(0.)) * (1 - sigmoid(tensor(0.)))`). Both are true by construction: the part
/// is evaluated and is what it is said to be.
///
/// A named mistake whose `when` tests the answer's value alone is matched by a number; when the
/// answer's own writing says it is something else with that number, the mistake is not the
/// learner's (`PreparedExercise.contradicts`).
enum TypedReading: Equatable {
    /// `E op c` (or `c op E` for `+` and `*`) whose operand `E`, as typed, alone is the expected
    /// value.
    case extraStep
    /// A proper part of the reference's calculation, written as the reference writes it (up to
    /// `torch.`/`F.` and keyword arguments) and with its value: the part's normalised form, its
    /// text in the reference, and whether a smaller part inside it has the same value (a number
    /// that names that smaller part fits this one only by coincidence).
    case referencePart(String, text: String, holdsSameValuedPart: Bool)
}

extension PreparedExercise {
    /// The answer's typed reading, or nil. `answer` is the value of `source`, run in `session`.
    /// Parts are evaluated again only where that is cheap and changes nothing (no layer in the
    /// setup).
    func typedReading(_ source: String, answer: Value, session: TimedInterpreter, comparer: Comparer)
        -> TypedReading?
    {
        guard !setupBindsObjects, let typed = TypedAnswer(source), typed.statementCount == 1,
            !comparer.matches(answer, expected)
        else { return nil }
        if case .binary(let op, let left, let right) = typed.last.kind, Self.arithmetic.contains(op) {
            var kept = [left]
            if op == .add || op == .multiply { kept.append(right) }
            // A number typed alone (`1` of `1 * 0`) is no calculation that was done first.
            for part in kept where Self.doesSomething(part) {
                if let value = try? session.evaluate(typed.text(part)), comparer.matches(value, expected) {
                    return .extraStep
                }
            }
        }
        let written = Self.normalised(typed.last, typed)
        for part in referenceParts() where part.normalised == written {
            guard let value = try? session.evaluate(part.text), comparer.matches(value, answer) else {
                continue
            }
            // A smaller part inside it with the same value.
            let inner = part.inner.contains { smaller in
                guard let other = try? session.evaluate(smaller) else { return false }
                return comparer.matches(other, answer)
            }
            return .referencePart(written, text: part.text, holdsSameValuedPart: inner)
        }
        return nil
    }

    /// Whether the answer typed as `source` writes, as one operand of its outermost operation,
    /// a calculation that alone is the expected value (`0.25 ** 20` of `1 - 0.25 ** 20`): it did
    /// the calculation and a step more, so no change inside the calculation that its value
    /// happens to fit (`1 ** 20`, "without dividing by 4") is its story. Parts are evaluated
    /// again only where that is cheap and changes nothing (no layer in the setup).
    func writesExpectedWithStep(_ source: String, session: TimedInterpreter, comparer: Comparer) -> Bool {
        guard !setupBindsObjects, let typed = TypedAnswer(source), typed.statementCount == 1,
            case .binary(let op, let left, let right) = typed.last.kind, Self.arithmetic.contains(op)
        else { return false }
        return [left, right].contains { part in
            guard Self.doesSomething(part), let value = try? session.evaluate(typed.text(part)) else {
                return false
            }
            return comparer.matches(value, expected)
        }
    }

    /// Whether the named mistake whose `when` is `when` (a value test) says something of the
    /// answer that its typed `reading` says is not so: the mistake's formula is not the expected
    /// value with one step more, or it is another part of the reference than the answer, or a
    /// number that the answer's part has only because a smaller part inside it has it too.
    func contradicts(
        _ reading: TypedReading, when: String, source: String, session: TimedInterpreter, comparer: Comparer
    ) -> Bool {
        guard let (named, typed) = Self.testedFormula(when) else { return false }
        switch reading {
        case .extraStep:
            // A number names no calculation: the answer's own says what it did.
            if TypedAnswer.isNumeric(named) { return true }
            // A mistake that is itself a step more (`2 * ((f - 1) // 2)`) is the answer's.
            if case .binary(let op, let left, let right) = named.kind, Self.arithmetic.contains(op),
                [left, right].contains(where: { part in
                    guard let value = try? session.evaluate(typed.text(part)) else { return false }
                    return comparer.matches(value, expected)
                })
            {
                return false
            }
            // The answer is the mistake's formula where the setup's numbers are moved
            // (`64 * 7 * 7 * 32` read as `C * H * W * N`), or its data is (`(p * k).sum() / 9` is
            // `(p * k).mean()` on any patch); another formula there is another mistake. What
            // cannot be told keeps the mistake.
            let formula = typed.text(named)
            if let same = mutants.formulas?.reads(source, as: formula) { return !same }
            if let differ = perturbedSetup.differ(source, formula, comparer: comparer) { return differ }
            return false
        case .referencePart(let written, _, let holdsSameValuedPart):
            let formula = Self.normalised(named, typed)
            if formula == written { return false }
            if TypedAnswer.isNumeric(named) { return holdsSameValuedPart }
            return referenceParts().contains { $0.normalised == formula }
        }
    }

    /// The text in the reference of the part the answer typed as `source` is, for the story told
    /// of it (`RelationKey.partialStep`); nil when it is none.
    func referencePartStory(_ source: String, answer: Value, session: TimedInterpreter, comparer: Comparer)
        -> String?
    {
        guard
            case .referencePart(_, let text, _)? = typedReading(
                source, answer: answer, session: session, comparer: comparer)
        else { return nil }
        return text
    }

    static let arithmetic: Set<BinaryOperator> = [.add, .subtract, .multiply, .divide, .floorDivide, .power]

    /// Whether the answer typed as `source` still writes a part of the reference that every
    /// recorded wrong answer of the named mistake `id` leaves out, where the mistake's `when`
    /// tests the answer's value or shape alone: the mistake is that part left out
    /// (`F.pad(x, (0, 0, 0, 0, 1, 1))` without the `x[:, :, ::2, ::2]`), and an answer that keeps
    /// it made another slip with that shape (`F.pad(x[:, :, ::2, ::2], (1, 1, 1, 1, 1, 1))`).
    /// Recorded answers that are numbers worked out say nothing of what was left out.
    func writesPartLeftOut(by id: String, when: String, source: String?) -> Bool {
        let condition = when.filter { !$0.isWhitespace }
        guard let source, Self.isValueTest(when) || condition.hasPrefix("answer.shape=="),
            let typed = TypedAnswer(source), typed.statementCount == 1
        else { return false }
        guard let reference = exercise.solution?.reference.text, let calculation = TypedAnswer(reference)
        else { return false }
        // Only a recorded answer that calls what the calculation calls is the calculation with
        // something left out; one worked out by hand (`(8, 1, 5)`, `full((5, 5), 9.)`) or by
        // another route says nothing of what was left out.
        let called = Self.callees(calculation.last, calculation)
        let recorded = (exercise.solution?.wrong ?? []).filter { $0.mistake == id }.compactMap {
            TypedAnswer($0.answer.text)
        }.filter { $0.statementCount == 1 && !Self.callees($0.last, $0).isDisjoint(with: called) }
        guard !recorded.isEmpty else { return false }
        let written = recorded.map { Self.nodes($0.last, $0) }
        let leftOut = referenceParts(keywords: true).map(\.normalised).filter { part in
            !written.contains { $0.contains(part) }
        }
        guard !leftOut.isEmpty else { return false }
        return !Self.nodes(typed.last, typed).isDisjoint(with: leftOut)
    }

    /// The functions `node` calls, normalised (`F.pad` and `torch.nn.functional.pad` are `pad`).
    private static func callees(_ node: ExpressionSyntax, _ typed: TypedAnswer) -> Set<String> {
        var found: Set<String> = []
        func visit(_ node: ExpressionSyntax) {
            if case .call(let callee, _) = node.kind {
                found.insert(normalised(ExpressionSyntax(.call(callee, []), range: node.range), typed))
            }
            for child in node.kind.children { visit(child) }
        }
        visit(node)
        return found
    }

    /// Every node of `node` that does something, normalised with its keyword arguments.
    private static func nodes(_ node: ExpressionSyntax, _ typed: TypedAnswer) -> Set<String> {
        var found: Set<String> = []
        func visit(_ node: ExpressionSyntax) {
            if doesSomething(node) { found.insert(normalised(node, typed, keywords: true)) }
            for child in node.kind.children { visit(child) }
        }
        visit(node)
        return found
    }

    /// The proper parts of the reference's (one-statement) calculation that do something — an
    /// operation or a call, not a bare name or number — each normalised, with its text and the
    /// texts of the parts inside it.
    func referenceParts(keywords: Bool = false) -> [(normalised: String, text: String, inner: [String])] {
        guard let reference = exercise.solution?.reference.text, let typed = TypedAnswer(reference),
            typed.statementCount == 1
        else { return [] }
        var found: [(normalised: String, text: String, inner: [String])] = []
        func visit(_ node: ExpressionSyntax, top: Bool) -> [String] {
            var below: [String] = []
            for child in node.kind.children { below += visit(child, top: false) }
            guard Self.doesSomething(node) else { return below }
            let text = Self.unbracketed(typed.text(node))
            if !top { found.append((Self.normalised(node, typed, keywords: keywords), text, below)) }
            return below + [text]
        }
        _ = visit(typed.last, top: true)
        return found
    }

    /// `text` without brackets around the whole of it (`(1 - s)` → `1 - s`; `(a) * (b)` stays).
    static func unbracketed(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        while text.hasPrefix("("), text.hasSuffix(")") {
            var depth = 0
            var closesEarly = false
            for (index, character) in text.enumerated() {
                if character == "(" { depth += 1 }
                if character == ")" { depth -= 1 }
                if depth == 0, index < text.count - 1 {
                    closesEarly = true
                    break
                }
            }
            guard !closesEarly else { break }
            text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    private static func doesSomething(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .binary, .call, .subscript: true
        case .unary(_, let operand): doesSomething(operand)
        default: false
        }
    }

    /// The formula a value test compares the answer with (`answer == X`, `X == answer`,
    /// `allclose(answer, X, …)`, `abs(answer - X) < tol`), with the text it is in; nil for any
    /// other condition.
    static func testedFormula(_ when: String) -> (ExpressionSyntax, TypedAnswer)? {
        guard isValueTest(when), let typed = TypedAnswer(when) else { return nil }
        switch typed.last.kind {
        case .comparison(let first, let links) where links.count == 1 && links[0].op == .equal:
            if case .name("answer") = first.kind { return (links[0].operand, typed) }
            if case .name("answer") = links[0].operand.kind { return (first, typed) }
            return nil
        case .comparison(let first, let links)
        where links.count == 1 && (links[0].op == .less || links[0].op == .lessOrEqual):
            guard case .call(let callee, let arguments) = first.kind, case .name("abs") = callee.kind,
                arguments.count == 1, case .binary(.subtract, let a, let b) = arguments[0].value.kind
            else { return nil }
            if case .name("answer") = a.kind { return (b, typed) }
            if case .name("answer") = b.kind { return (a, typed) }
            return nil
        case .call(_, let arguments) where arguments.count >= 2:
            guard case .name("answer") = arguments[0].value.kind, arguments[1].name == nil else { return nil }
            return (arguments[1].value, typed)
        default:
            return nil
        }
    }

    /// A node written the same whoever typed it: without `torch.`, `F.` and
    /// `torch.nn.functional.` before a call, without keyword arguments (the parts compared are
    /// evaluated too), every operation bracketed, numbers as their values.
    static func normalised(_ node: ExpressionSyntax, _ typed: TypedAnswer, keywords: Bool = false) -> String {
        func walk(_ node: ExpressionSyntax) -> String {
            switch node.kind {
            case .integer(let value): return "\(value)"
            case .float(let value): return "\(value)"
            case .name(let name): return name
            case .unary(let op, let operand): return "\(op.rawValue)\(walk(operand))"
            case .binary(let op, let left, let right): return "(\(walk(left)) \(op.rawValue) \(walk(right)))"
            case .call(let callee, let arguments):
                let positional = arguments.filter { keywords || $0.name == nil }.map {
                    ($0.name.map { "\($0)=" } ?? ($0.isSpread ? "*" : "")) + walk($0.value)
                }
                return "\(callable(callee))(\(positional.joined(separator: ", ")))"
            case .attribute(let base, let name, _): return "\(walk(base)).\(name)"
            default: return typed.text(node).filter { !$0.isWhitespace }
            }
        }
        func callable(_ callee: ExpressionSyntax) -> String {
            var dotted = walk(callee)
            for (prefix, replacement) in [
                ("torch.nn.functional.", ""), ("nn.functional.", ""), ("torch.nn.", "nn."), ("torch.", ""),
                ("F.", ""),
            ] where dotted.hasPrefix(prefix) {
                dotted = replacement + dotted.dropFirst(prefix.count)
                break
            }
            return dotted
        }
        return walk(node)
    }
}
