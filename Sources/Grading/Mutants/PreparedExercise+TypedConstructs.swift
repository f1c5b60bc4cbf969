import AnswerLanguage

/// What an answer's typing shows it computed with: its operators, its rounding and roots, its
/// padding. A mutant matched by its value alone tells a change to the reference — a plus written
/// for a minus, a division rounded up, a power one off, the padding left out — and that change
/// is the learner's only where their typing could be it: `math.ceil(f / 2)` has the value of
/// `(f + 1) // 2` but writes no plus; `w / math.sqrt(v)` has the value of `w * v ** (0.5 - 1)`
/// but divides by a root; `F.pad(img, (1, 1))[:, :, 1:-1]` has the value of `img` but pads.
extension PreparedExercise {
    /// Calls whose presence changes a value in a way a story must account for: rounding up or to
    /// the nearest, padding.
    static let tellingCalls: Set<String> = ["ceil", "round", "pad"]

    /// The constructs `source` (one expression) writes, counted: binary operators (`+`, `//`,
    /// `**` …), `**-` for a negative exponent, `root` for a square root, `floor` for a division
    /// floored by a call, and the telling calls (a `padding=` setting that pads counts as `pad`). A square or cube written as a power counts as
    /// the products it is (`K ** 2` as `K * K`), a power 1 as nothing, a root as a power, and a
    /// division floored by a call (`int(a / b)`, `math.floor(a / b)`) as `//` too. Arithmetic on
    /// numbers alone is one number (the `0.5 - 1` of a mutant's exponent); indices and slices
    /// are not read. Nil when `source` is not one expression.
    static func constructs(_ source: String) -> [String: Int]? {
        guard let typed = TypedAnswer(source), typed.statementCount == 1 else { return nil }
        return constructs(of: typed.last)
    }

    /// The constructs every step of `source` writes, added up (an answer in steps: `x = tensor(0.,
    /// requires_grad=True); …; x.grad * 3`); nil unless every statement is an expression or an
    /// assignment. Read only for what an answer never writes anywhere: a step's construct may
    /// serve another purpose than the value's (making an input), so counts are not compared.
    static func constructsOfSteps(_ source: String) -> [String: Int]? {
        guard let program = try? Parser.parse(source),
            program.valueExpressions.count == program.statements.count
        else { return nil }
        return program.valueExpressions.reduce(into: [:]) { total, expression in
            total.merge(constructs(of: expression)) { $0 + $1 }
        }
    }

    /// The constructs one expression writes (`constructs`).
    private static func constructs(of expression: ExpressionSyntax) -> [String: Int] {
        var counts: [String: Int] = [:]
        func number(_ node: ExpressionSyntax) -> Double? {
            guard let formula = Formula(node), formula.names.isEmpty else { return nil }
            return formula.evaluate([:])?.double
        }
        func power(_ exponent: ExpressionSyntax?) {
            guard let exponent, let value = number(exponent) else {
                counts["**", default: 0] += 1
                return
            }
            if value < 0 { counts["**-", default: 0] += 1 }
            if value == 1 { return }
            if value == 0.5 { counts["root", default: 0] += 1 }
            if value == 2 || value == 3 {
                counts["*", default: 0] += Int(value) - 1
            } else {
                counts["**", default: 0] += 1
            }
        }
        func visit(_ node: ExpressionSyntax) {
            switch node.kind {
            case .binary(let op, let left, let right):
                // A number worked out in the typing is one number.
                if number(node) != nil { return }
                if op == .power {
                    power(right)
                } else {
                    counts[op.rawValue, default: 0] += 1
                }
                visit(left)
                visit(right)
            case .subscript(let base, _):
                // Indices and slices say where, not how a value is computed.
                visit(base)
            case .call(let callee, let arguments):
                let name = MutantGenerator.calleeName(callee)?.lowercased() ?? ""
                if ["floor", "int", "trunc"].contains(name), arguments.count == 1,
                    case .binary(.divide, let a, let b) = arguments[0].value.kind
                {
                    // A floor typed as a call: `//`, and a floor all the same.
                    counts["//", default: 0] += 1
                    counts["floor", default: 0] += 1
                    visit(a)
                    visit(b)
                    return
                }
                if name == "sqrt" {
                    counts["**", default: 0] += 1
                    counts["root", default: 0] += 1
                } else if name == "pow" {
                    power(arguments.count == 2 ? arguments[1].value : nil)
                } else if tellingCalls.contains(name) {
                    counts[name, default: 0] += 1
                }
                // A padding given as a setting pads as `F.pad` does.
                for argument in arguments where argument.name == "padding" && Self.pads(argument.value) {
                    counts["pad", default: 0] += 1
                }
                if case .attribute(let base, _, _) = callee.kind { visit(base) }
                for argument in name == "pow" ? Array(arguments.prefix(1)) : arguments {
                    visit(argument.value)
                }
            default:
                for child in node.kind.children { visit(child) }
            }
        }
        visit(expression)
        return counts
    }

    /// Whether a `padding=` setting typed as `value` pads: not `0`, `(0, 0)` nor `'valid'`.
    static func pads(_ value: ExpressionSyntax) -> Bool {
        switch value.kind {
        case .integer(let p): return p != 0
        case .string(let mode): return mode != "valid"
        case .tuple(let items):
            return !items.allSatisfy {
                if case .integer(0) = $0.kind { return true }
                return false
            }
        default: return true
        }
    }

    /// Whether the answer typed as `source` cannot be the change `mutant` made to the reference,
    /// by its typing. Each change whose story is a construct is read against the answer's: a plus
    /// for a minus needs a `+` typed (a minus for a plus a `-`), multiplying for dividing a `*`,
    /// dividing for multiplying as many divisions as the change writes, a floor forgotten a `/`
    /// left unfloored; rounding up is not what an answer that floors by a call (`int(a / b)`)
    /// did; a power one off or a sign dropped not what one that takes a root (`math.sqrt`) did;
    /// the padding left out not what one that pads did. And an answer that rounds up, to the
    /// nearest, or pads where neither the change nor what it changed does made another slip.
    /// Only an answer that writes some construct is read so: a number worked out says nothing.
    func typingContradicts(_ source: String, _ mutant: Mutant) -> Bool {
        // An answer in steps is read for the operator a swap puts in: `x.grad * 3` after a
        // backward pass writes no `+` anywhere, so its value is no plus written for a minus.
        if Self.constructs(source) == nil, exercise.kind != .model,
            let steps = Self.constructsOfSteps(source),
            !steps.isEmpty
        {
            return mutant.changes.contains { change in
                let needed = Self.putInOperators(change.misconception)
                return !needed.isEmpty && needed.allSatisfy { (steps[$0] ?? 0) == 0 }
            }
        }
        return typingContradicts(source, changed: mutant.source, changes: mutant.changes.map(\.misconception))
    }

    /// The operators an operator change puts in, one of which an answer it explains must write
    /// (`+` for a plus written for a minus); empty for every other change.
    static func putInOperators(_ misconception: Misconception) -> Set<String> {
        switch misconception {
        case .plusForMinus: ["+"]
        case .minusForPlus, .subtractForDivide: ["-"]
        case .multiplyForDivide: ["*"]
        case .divideForMultiply: ["/", "//"]
        case .probabilityDivided: ["*", "/", "//"]
        default: []
        }
    }

    /// Whether a pair of changes found by its value alone is, by the typing of the answer typed
    /// as `source` (a formula in the setup's names), not what it did. One change is read by its
    /// own construct (`typingContradicts`); two agreeing with a value by coincidence are likelier,
    /// so the answer must write every operator the pair adds or takes away — `theta * lam - eta
    /// * g` has the value of `theta - eta * g - (1 - lam) * theta` (the complement of `lam`, the
    /// step's product not distributed) but writes one minus, not three — and make every call the
    /// pair's changes lie inside: `steps * g0` has the value of `g0 * sum(k for k in
    /// range(steps))` (0 + 1 + 2 = 3) but sums nothing.
    func typingContradictsPair(_ source: String, _ mutant: Mutant) -> Bool {
        guard mutant.changes.count >= 2, let answer = Formula.parse(source), !answer.names.isEmpty else {
            return false
        }
        return typingContradicts(source, changed: mutant.source, changes: nil)
            || !Self.calledNames(mutant.source).isSubset(of: Self.calledNames(source))
    }

    /// The names of the functions and methods `source` calls.
    static func calledNames(_ source: String) -> Set<String> {
        guard let typed = TypedAnswer(source) else { return [] }
        var found: Set<String> = []
        func visit(_ node: ExpressionSyntax) {
            if case .call(let callee, _) = node.kind, let name = MutantGenerator.calleeName(callee) {
                found.insert(name)
            }
            for child in node.kind.children { visit(child) }
        }
        visit(typed.last)
        return found
    }

    /// Whether the named mistake whose `when` tests the answer's value against a formula in the
    /// setup's names (`answer == (n + 2 * p - f + 1) // s + 1`) is, by the typing, not what the
    /// answer typed as `source` did: it writes fewer of an operator the mistake's formula adds to
    /// the reference (`round((n + 2 * p - f) / s) + 1` writes no `+ 1` inside the division), or
    /// more of one it takes away, or rounds or pads where neither does; or, both in numbers alone,
    /// the mistake's power with another base and exponent (`writesOtherNumbers`). A single
    /// number, or the mistake's own formula, is not judged.
    func typingContradicts(_ source: String?, when: String) -> Bool {
        guard let source, let (named, typed) = Self.testedFormula(when),
            let formula = Formula.parse(typed.text(named)), !isMistakesFormula(source, when: when)
        else { return false }
        guard !formula.names.isEmpty else { return Self.writesOtherNumbers(source, as: formula) }
        return typingContradicts(source, changed: typed.text(named), changes: nil)
    }

    /// Whether the answer typed as `source`, numbers alone, is the power `named` is (numbers
    /// alone too) with another base and another exponent: `(1 / 4) ** 10` has the value of
    /// `0.5 ** 20`, but a quarter per step over ten steps is not a half over twenty. (Products
    /// and sums regroup their numbers freely: `16 * 27` is `16 * 3 * 3 * 3`.)
    static func writesOtherNumbers(_ source: String, as named: Formula) -> Bool {
        guard let answer = Formula.parse(source), answer.names.isEmpty,
            case .binary(.power, let a, let b) = answer, case .binary(.power, let x, let y) = named,
            let a = a.evaluate([:]), let b = b.evaluate([:]), let x = x.evaluate([:]), let y = y.evaluate([:])
        else { return false }
        return !a.same(x) && !b.same(y)
    }

    /// `changes`: the misconceptions the change made, read one by one; nil for a formula whose
    /// every operator added or taken away is read.
    private func typingContradicts(_ source: String, changed changedSource: String, changes: [Misconception]?)
        -> Bool
    {
        guard exercise.kind != .model, let answer = Self.constructs(source), !answer.isEmpty,
            let changed = Self.constructs(changedSource)
        else { return false }
        // The solution the change was made from: the one whose constructs are nearest.
        let distance = { (other: [String: Int]) in
            Set(other.keys).union(changed.keys).reduce(0) { $0 + abs((other[$1] ?? 0) - (changed[$1] ?? 0)) }
        }
        guard let original = solutionConstructs.min(by: { distance($0) < distance($1) }) else { return false }
        let typed = { (key: String) in answer[key] ?? 0 }
        let made = { (key: String) in changed[key] ?? 0 }
        let was = { (key: String) in original[key] ?? 0 }
        // The answer rounds up, to the nearest, or pads where neither the change nor what it
        // changed does.
        for key in ["ceil", "round", "pad"] where typed(key) > made(key) && made(key) == was(key) {
            return true
        }
        guard let changes else {
            for key in Set(answer.keys).union(changed.keys).union(original.keys) {
                if made(key) > was(key), typed(key) < made(key) { return true }
                if made(key) < was(key), typed(key) > made(key) { return true }
            }
            return false
        }
        for change in changes {
            switch change {
            case .plusForMinus: if typed("+") == 0 { return true }
            case .minusForPlus, .subtractForDivide: if typed("-") == 0 { return true }
            case .multiplyForDivide: if typed("*") == 0 { return true }
            case .divideForMultiply: if typed("/") + typed("//") < made("/") + made("//") { return true }
            case .floorForgotten: if typed("/") < made("/") { return true }
            case .ceilForFloor: if typed("floor") > 0 { return true }
            case .exponentOffByOne, .exponentSignDropped: if typed("root") > 0 { return true }
            case .paddingDropped, .paddingForgotten: if typed("pad") > made("pad") { return true }
            // Dividing where the calculation multiplies (or back) needs a product or a quotient
            // typed: `(1 - q) ** 1` for `(1 - q) ** -1` dropped the exponent's sign.
            case .probabilityDivided: if typed("*") + typed("/") + typed("//") == 0 { return true }
            default: break
            }
        }
        return false
    }
}
