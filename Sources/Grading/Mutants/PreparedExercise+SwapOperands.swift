import AnswerLanguage

/// A swapped operation keeps every operand: `eta * lam` → `eta - lam` still reads `eta`. An answer
/// that reads one of the setup's names fewer times than the swap's source (`(1 - lam) ** n` where
/// the swap is `(1 - (eta - lam)) ** n`) left that name out — a different slip, which the
/// operation story would misname ("`-` where `*` belongs" for a rate forgotten). Such a swap is not
/// told; the name left out is the story of a factor or term dropped, when a mutant gives it.
extension PreparedExercise {
    /// Whether `mutant` changes only operators, keeping every operand where it was: a swapped
    /// operation, `+` for `-` and the like, `*` for `**`, `/` for `//`.
    static func keepsOperands(_ mutant: Mutant) -> Bool {
        let operatorOnly: Set<Misconception> = [
            .plusForMinus, .minusForPlus, .operandsSwapped, .sumForProduct, .multiplyForDivide,
            .subtractForDivide,
            .divideForMultiply, .productForPower, .matmulForMultiply, .floorForgotten,
        ]
        return mutant.changes.contains {
            operatorOnly.contains($0.misconception) || $0.misconception.isOperationSwap
        }
    }

    /// Whether the answer typed as `source` reads some setup name fewer times than `mutant`'s
    /// source does. Only names the setup binds count (not `torch`, `F`, nor a name the answer
    /// assigns itself); nil-safe: an answer or mutant that does not parse leaves nothing out.
    func leavesOutOperand(_ source: String, of mutant: String) -> Bool {
        guard let typed = Self.nameCounts(source), let changed = Self.nameCounts(mutant) else { return false }
        let bound = Set(base.boundNames)
        // An answer in numbers alone writes no name at all: told by its value as before.
        guard typed.counts.keys.contains(where: bound.contains) else { return false }
        return changed.counts.contains { name, count in
            guard bound.contains(name), !typed.assigned.contains(name), (typed.counts[name] ?? 0) < count
            else {
                return false
            }
            // A number typed for the name (`0.1` for `eta`) is the name written otherwise.
            switch base[name] {
            case .int(let value)?: return !typed.literals.contains(Double(value))
            case .float(let value)?: return !typed.literals.contains(value)
            default: return true
            }
        }
    }

    /// How many times each name is read in `source`'s statements, the names it assigns and the
    /// numbers it types.
    static func nameCounts(_ source: String) -> (
        counts: [String: Int], assigned: Set<String>, literals: Set<Double>
    )? {
        guard let program = try? Parser.parse(source) else { return nil }
        var counts: [String: Int] = [:]
        var assigned: Set<String> = []
        var literals: Set<Double> = []
        // `x ** 2` writes `x` twice, as `x * x` does.
        var times = 1
        func visit(_ node: ExpressionSyntax) {
            if case .binary(.power, let base, let exponent) = node.kind, case .integer(let n) = exponent.kind,
                (2...4).contains(n)
            {
                let outer = times
                times *= n
                visit(base)
                times = outer
                visit(exponent)
                return
            }
            switch node.kind {
            case .name(let name): counts[name, default: 0] += times
            case .integer(let value): literals.insert(Double(value))
            case .float(let value): literals.insert(value)
            default: break
            }
            for child in node.kind.children { visit(child) }
        }
        for statement in program.statements {
            switch statement {
            case .expression(let expression): visit(expression)
            case .assignment(let targets, let expression):
                visit(expression)
                for target in targets {
                    if case .name(let name, _) = target { assigned.insert(name) }
                }
            case .augmentedAssignment(_, _, let expression, _): visit(expression)
            default: return nil
            }
        }
        return (counts, assigned, literals)
    }
}

/// A double story is told only when each of its halves is true of the typing: "without dividing
/// by `2` and with `f` halved" is false of `f / 2 - 1`, which still divides by 2 (the two
/// changes together give its value, but the first says a division the answer writes is gone).
extension PreparedExercise {
    /// Whether `mutant`, a pair of changes, has a half that leaves out a part the answer typed as
    /// `source` still writes with the same operation as often as the calculation does (`sources`:
    /// the reference and the right alternatives): a divisor it divides by (`/` or `//`), a factor
    /// it multiplies by, a term it adds or subtracts. A part the calculation writes twice and the
    /// answer once may well be dropped at one place.
    static func pairDropsWhatItWrites(_ source: String, _ mutant: Mutant, sources: [String]) -> Bool {
        guard mutant.changes.count >= 2, let typed = TypedAnswer(source) else { return false }
        let written = Self.operands(typed.last, typed)
        let calculations = sources.compactMap { TypedAnswer($0) }.map { Self.operands($0.last, $0) }
        return mutant.changes.contains { change in
            let piece = Self.bare(change.piece)
            guard !piece.isEmpty else { return false }
            let family: String
            switch change.misconception {
            case .divisorDropped: family = "divide"
            case .factorDropped: family = "multiply"
            case .termDropped: family = "add"
            default: return false
            }
            let operand = WrittenOperand(family: family, operand: piece)
            let most = calculations.map { $0[operand, default: 0] }.max() ?? 0
            return most > 0 && written[operand, default: 0] >= most
        }
    }

    /// Whether a pair found for the answer typed as `source` has a half that drops what the
    /// answer writes as often as the exercise's calculation does (`pairDropsWhatItWrites`).
    func pairDropsWhatItWrites(_ source: String, _ mutant: Mutant) -> Bool {
        guard mutant.changes.count >= 2, let solution = exercise.solution else { return false }
        return Self.pairDropsWhatItWrites(
            source, mutant, sources: [solution.reference.text] + solution.alternatives.map(\.text))
    }

    /// An operand as an operation uses it.
    struct WrittenOperand: Hashable {
        var family: String
        var operand: String
    }

    /// Every operand of `node`'s arithmetic, with its operation's family: a divisor (`/`, `//`),
    /// a factor (either side of `*`), a term (either side of `+`, the right of `-`).
    private static func operands(_ node: ExpressionSyntax, _ typed: TypedAnswer) -> [WrittenOperand: Int] {
        var found: [WrittenOperand: Int] = [:]
        func visit(_ node: ExpressionSyntax) {
            if case .binary(let op, let left, let right) = node.kind {
                let l = bare(typed.text(left))
                let r = bare(typed.text(right))
                switch op {
                case .divide, .floorDivide: found[.init(family: "divide", operand: r), default: 0] += 1
                case .multiply:
                    found[.init(family: "multiply", operand: l), default: 0] += 1
                    found[.init(family: "multiply", operand: r), default: 0] += 1
                case .add:
                    found[.init(family: "add", operand: l), default: 0] += 1
                    found[.init(family: "add", operand: r), default: 0] += 1
                case .subtract: found[.init(family: "add", operand: r), default: 0] += 1
                default: break
                }
            }
            for child in node.kind.children { visit(child) }
        }
        visit(node)
        return found
    }

    /// A part's text without spaces and without brackets around the whole.
    private static func bare(_ text: String) -> String {
        var text = text.filter { !$0.isWhitespace }
        while text.hasPrefix("("), text.hasSuffix(")"), text.bracketsEncloseWhole {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }

}
