import AnswerLanguage
import Wording

/// Running and telling the slips of a real-valued formula (`MeaningGenerator+Reals`). Real values
/// make coincidences rarer than whole numbers do, but a comparison's tolerance is looser, so a
/// slip is told only where the answer writes the change (its operators, its calls) and keeps
/// agreeing with it when the setup's numbers change (`PerturbedSetup`), or, where the setup has
/// no real number to change, as a function of real numbers (`Formula.sameAsReals`).
extension PreparedExercise {
    /// The values of `sources`' real-valued slips, run in the setup: those the setup cannot tell
    /// from the reference are left out (not reported by `check`: they are no course's problem),
    /// and so are those whose value another mutant already gives: its story stands (`w / (1 - w)`
    /// with its shares swapped is the ratio turned upside down, already told so).
    func realSlipValues(
        _ sources: [String], seen: inout Set<String>, found: [(mutant: Mutant, value: Value)],
        runner: MutantRunner, comparer: Comparer
    ) -> [(mutant: Mutant, value: Value)] {
        let isInteger: (String) -> Bool = { name in
            if case .int = self.base[name] { return true }
            return false
        }
        var slips: [Mutant] = []
        for source in sources {
            let made = MeaningGenerator.realSlips(of: source, isInteger: isInteger) { text in
                let run = self.extraRun(.mutant) { () throws(LanguageError) -> Value in
                    try self.session().run(text)
                }
                return run.value.flatMap(ValueConversion.numeric)
            }
            for mutant in made where seen.insert(mutant.source).inserted { slips.append(mutant) }
        }
        var values: [(mutant: Mutant, value: Value)] = []
        for mutant in slips.prefix(MeaningGenerator.realSlipLimit) {
            guard let value = runner.value(of: mutant.source), !comparer.matches(value, expected),
                !found.contains(where: { comparer.matches(value, $0.value) })
            else { continue }
            values.append((mutant, value))
        }
        return values
    }

    /// Whether the real-valued slip `mutant`, whose value the answer typed as `source` has, is the
    /// answer's: it writes what the change says and agrees with the mutant on other numbers.
    func realSlipHolds(_ source: String, _ mutant: Mutant, comparer: Comparer) -> Bool {
        guard mutant.changes.count == 1, Self.writesRealSlip(source, mutant) else { return false }
        if leavesOutOperand(source, of: mutant.source) { return false }
        if source.filter({ !$0.isWhitespace }) == mutant.source.filter({ !$0.isWhitespace }) { return true }
        switch perturbedSetup.differ(source, mutant.source, comparer: comparer) {
        case false?: return true
        case true?: return false
        case nil: return sameWithOpaqueParts(source, mutant.source) == true
        }
    }

    /// Whether the answer typed as `source` and `mutant` are the same function of real numbers,
    /// every part that is no arithmetic (a call, a subscript, an attribute: `std_c[:, None, None]`,
    /// `softmax(z, dim=0)`) read as one quantity of its own, named by its text (`Formula+Atoms`),
    /// and the setup's numbers where the formulas read a name. For a setup whose numbers cannot be
    /// changed (a real literal that is a size: `arange(18.)`), this tells a formula typed as the
    /// change from one that only shares its value here. Nil when either is no such formula.
    func sameWithOpaqueParts(_ source: String, _ mutant: String) -> Bool? {
        let atoms = Self.opaqueParts(source).union(Self.opaqueParts(mutant))
        guard let answer = Formula.parse(source, atoms: atoms),
            let other = Formula.parse(mutant, atoms: atoms)
        else { return nil }
        var setup: [String: Double] = [:]
        for name in answer.names.union(other.names) {
            switch base[name] {
            case .int(let value)?: setup[name] = Double(value)
            case .float(let value)?: setup[name] = value
            default: break
            }
        }
        // A part only one of them reads has no setup number: not the same formula.
        guard other.names.subtracting(answer.names).isEmpty else { return false }
        return Formula.sameAsReals(answer, other, setup: setup)
    }

    /// The names (`Formula.atomName`) of the outermost parts of `source` that are no arithmetic:
    /// calls other than the formula's own functions, subscripts and attribute reads.
    static func opaqueParts(_ source: String) -> Set<String> {
        guard let program = try? Parser.parse(source), program.statements.count == 1,
            case .expression(let root) = program.statements[0]
        else { return [] }
        let text = SourceText(source)
        var parts: Set<String> = []
        func visit(_ node: ExpressionSyntax) {
            switch node.kind {
            case .unary(_, let operand): visit(operand)
            case .binary(_, let left, let right):
                visit(left)
                visit(right)
            case .call(let callee, let arguments) where Formula.isOwnFunction(callee):
                arguments.forEach { visit($0.value) }
            case .call, .subscript, .attribute:
                parts.insert(Formula.atomName(text(node)))
            default:
                break
            }
        }
        visit(root)
        return parts
    }

    /// Whether the answer typed as `source` writes the change `mutant` makes: the operators it
    /// writes, the calls it makes or leaves out, the number it divides by.
    static func writesRealSlip(_ source: String, _ mutant: Mutant) -> Bool {
        let called = calledNames(source)
        let typed = source.filter { !$0.isWhitespace }
        let operators = binaryOperators(in: source)
        let sameOperators = operators != nil && operators == binaryOperators(in: mutant.source)
        let exponentials: Set<String> = ["exp", "softmax", "log_softmax", "logsumexp", "sigmoid"]
        let roots = { (text: String) in
            calledNames(text).contains("sqrt") || text.filter { !$0.isWhitespace }.contains("**0.5")
        }
        let change = mutant.changes[0]
        switch change.misconception {
        case .divisionReordered, .numeratorLeftOut, .sharesSwapped:
            return sameOperators
        case .divisorOneOff:
            return sameOperators && typed.contains(change.piece.filter { !$0.isWhitespace })
        case .divisorSquared:
            return typed.contains("**2") || called.contains("square") || called.contains("pow")
                || sameOperators
        case .divisorRooted:
            return roots(source)
        case .rootLeftOut:
            return !roots(source) || roots(mutant.source)
        case .exponentialLeftOut:
            return called.isDisjoint(with: exponentials.subtracting(calledNames(mutant.source)))
        case .logWithoutSoftmax:
            return called.contains("log") && called.isDisjoint(with: exponentials)
        case .scaleAfterCall:
            return sameOperators && calledNames(mutant.source).isSubset(of: called)
        case .powerForTemperature:
            return (typed.contains("**") || called.contains("pow"))
                && calledNames(mutant.source).isSubset(of: called)
        case .roundedBeforeScaling:
            return called.contains("round")
        case .truncatedForRounded:
            let cuts: Set<String> = ["long", "int", "trunc", "floor", "to", "fix"]
            return !called.isDisjoint(with: cuts) && !called.contains("round")
        default:
            return false
        }
    }
}
