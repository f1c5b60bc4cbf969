import AnswerLanguage
import Foundation
import Wording

/// One operation of a calculation applied at another place of it: the same calls and operators,
/// one of them one step lower or higher in the expression tree. `(x + eps * g.sign()).clamp(0, 1)`
/// clamped before the step (`x.clamp(0, 1) + eps * g.sign()`), `gr.abs().amax(dim=1)` with the
/// maximum taken before the absolute value (`gr.amax(dim=1).abs()`), `(q - zp) * sc` with the
/// `* sc` on `q` alone (`q * sc - zp`), `(side - 2 * (k - 1)) // 2` halving `side` alone.
///
/// Each operation `O(E)` — a unary call or method (a clamp, a rounding, an activation, a
/// reduction), or a term or factor `E ± t`, `E * f`, `E / d` — is moved onto each operand `C` of
/// `E` (`E` an operator, or a call's input): the moved operation then runs before `E`'s. Moving
/// an operation up is the same change read from its parent (`Q(O(E))` → `O(Q(E))` is `Q` moved
/// onto `E`), so one direction makes every such mutant. The learner's answer is told this only
/// when it writes exactly the calculation's operations (`operations(in:)`), has the mutant's
/// value, and keeps it where the setup's numbers move (`PreparedExercise+MovedOperations`).
enum OperationMover {
    /// Calls that act on one input (its receiver, or a function's first argument) and may be
    /// applied to another part of a calculation: element-wise maps and reductions.
    static let movableCalls: Set<String> = [
        "clamp", "clip", "abs", "round", "sign", "relu", "sigmoid", "tanh", "softmax", "log_softmax",
        "exp", "log", "sqrt", "square", "floor", "ceil", "trunc", "sum", "mean", "amax", "amin", "max",
        "min", "norm", "neg",
    ]

    /// Bare names never moved: Python's `max(a, b)`, `min(a, b)` and `sum(items)` take more than
    /// one value (a setup's own `relu`, `softmax`, `sigmoid` are moved as called).
    static let builtinReductions: Set<String> = ["max", "min", "sum", "mean", "norm"]

    /// Modules a function is called from: a call on one of them is no method of a tensor.
    static let modules: Set<String> = ["torch", "F", "functional", "nn", "math", "np"]

    /// Operators whose one operand is a term or factor that may be applied elsewhere.
    static let movableOperators: Set<BinaryOperator> = [.add, .subtract, .multiply, .divide, .floorDivide]

    /// Every mutant of `source` with one operation applied one step lower in its tree, then those
    /// with it two steps lower (`torch.sigmoid(z / n) - t` for `(torch.sigmoid(z) - t) / n`), so
    /// that a limit drops the farther moves first; each says the operation, where the answer
    /// applies it and where the calculation does (`Change.told`).
    static func mutants(of source: String) -> [Mutant] {
        guard let program = try? Parser.parse(source) else { return [] }
        let text = SourceText(source)
        var found: [Mutant] = []
        var farther: [Mutant] = []
        var seen: Set<String> = [source]
        func visit(_ node: ExpressionSyntax) {
            // A `± 1` moved to the other side of an operation is one moved, no slip told (a formula's
            // rule: `f // 2 - 1` for `(f - 1) // 2` is as much a 1 taken off the halved size).
            for (input, display) in applications(node, text) where isOperation(input) && !isOffByOne(input) {
                let near = operands(of: input)
                let far = near.filter { !isOffByOne($0) }.flatMap(operands(of:))
                for (depth, operand) in near.map({ (1, $0) }) + far.map({ (2, $0) }) {
                    let moved = applied(node, to: input, operand: operand, text)
                    let written = text.replacing([(node.range, "(\(moved))")])
                    guard !written.isEmpty, seen.insert(written).inserted,
                        let inner = ReadablePiece.name(unbracketed(text(operand)), beside: ""),
                        let outer = ReadablePiece.name(unbracketed(text(input)), beside: ""),
                        inner != outer
                    else { continue }
                    var mutant = Mutant(misconception: .operationMoved, source: written, piece: display)
                    // What the answer must write: the operation, applied to the inner part.
                    mutant.changes[0].terms = [key(node, input: input, text), text(operand)]
                    mutant.changes[0].told = Phrase(
                        MeaningKey.operationMoved, ["op": display, "inner": inner, "outer": outer])
                    if depth == 1 { found.append(mutant) } else { farther.append(mutant) }
                }
            }
            for child in node.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        return found + farther
    }

    /// The inputs `node` applies a movable operation to, each with the operation as the sentence
    /// quotes it (`.clamp(0, 1)`, `torch.round(…)`, `- zp`, `2 *`).
    static func applications(_ node: ExpressionSyntax, _ text: SourceText) -> [(ExpressionSyntax, String)] {
        switch node.kind {
        case .binary(let op, let left, let right) where movableOperators.contains(op):
            var found: [(ExpressionSyntax, String)] = []
            if !MutantGenerator.isNumber(left) { found.append((left, "\(op.rawValue) \(text(right))")) }
            // `theta - …` and `n / …` are no term or factor applied to what follows: the learner's
            // slip there is what the subtraction or division takes, said by other stories.
            if !MutantGenerator.isNumber(right), op == .add || op == .multiply {
                found.append((right, "\(text(left)) \(op.rawValue)"))
            }
            return found
        case .call:
            guard let input = movableInput(node) else { return [] }
            return [(input, display(node, input, text))]
        case .attribute(let base, let name, _) where ["values", "indices"].contains(name):
            // `x.max(dim=1).values`: the reduction with its values is one operation.
            guard case .call = base.kind, let input = movableInput(base) else { return [] }
            return [(input, display(node, input, text))]
        default:
            return []
        }
    }

    /// The input of a movable call: a method's receiver, a function's first argument.
    static func movableInput(_ node: ExpressionSyntax) -> ExpressionSyntax? {
        guard case .call(let callee, let arguments) = node.kind, let name = MutantGenerator.calleeName(callee)
        else { return nil }
        let positional = arguments.filter { $0.name == nil && !$0.isSpread }
        switch callee.kind {
        case .attribute(let base, _, _):
            guard movableCalls.contains(name) else { return nil }
            if let owner = MutantGenerator.name(base), modules.contains(owner) {
                return arguments.first.flatMap { $0.name == nil && !$0.isSpread ? $0.value : nil }
            }
            if case .attribute(_, let last, _) = base.kind, modules.contains(last) {
                return arguments.first.flatMap { $0.name == nil && !$0.isSpread ? $0.value : nil }
            }
            return base
        case .name:
            guard movableCalls.contains(name), !builtinReductions.contains(name),
                let first = positional.first,
                arguments.first?.name == nil
            else { return nil }
            return first.value
        default:
            return nil
        }
    }

    /// `x + 1`, `x - 1`, `1 + x`: a count's one, whose place stories do not tell.
    static func isOffByOne(_ node: ExpressionSyntax) -> Bool {
        guard case .binary(let op, let left, let right) = node.kind, op == .add || op == .subtract else {
            return false
        }
        return MutantGenerator.integer(right) == 1 || MutantGenerator.integer(left) == 1
    }

    /// Whether `node` is itself an operation with operands an operation could be moved onto.
    static func isOperation(_ node: ExpressionSyntax) -> Bool { !operands(of: node).isEmpty }

    /// The parts of `node` an operation applied to it could be applied to instead: both sides of
    /// an arithmetic operator, the input of a call; never a number typed.
    static func operands(of node: ExpressionSyntax) -> [ExpressionSyntax] {
        var found: [ExpressionSyntax] = []
        switch node.kind {
        case .binary(.power, let left, _):
            // `(w ** 2).sum()` → `w.sum() ** 2`: the base, not the exponent.
            found = [left]
        case .binary(_, let left, let right):
            found = [left, right]
        case .unary(.negate, let operand):
            found = [operand]
        case .call(let callee, let arguments):
            if let input = movableInput(node) {
                found = [input]
            } else if case .attribute(let base, _, _) = callee.kind,
                MutantGenerator.name(base).map(modules.contains) != true,
                !isModulePath(base)
            {
                found = [base]
            } else if let first = arguments.first, first.name == nil, !first.isSpread {
                found = [first.value]
            }
        case .attribute(let base, let name, _) where ["values", "indices"].contains(name):
            if case .call = base.kind, let input = movableInput(base) { found = [input] }
        default:
            break
        }
        return found.filter { !MutantGenerator.isNumber($0) }
    }

    /// `torch.nn.functional`: a dotted path of modules.
    private static func isModulePath(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .name(let name): modules.contains(name)
        case .attribute(let base, let name, _): modules.contains(name) || isModulePath(base)
        default: false
        }
    }

    /// `node` (an operation on `input`) rewritten to apply `input`'s own operation to `operand`
    /// with `node`'s operation applied to `operand` first.
    private static func applied(
        _ node: ExpressionSyntax, to input: ExpressionSyntax, operand: ExpressionSyntax, _ text: SourceText
    ) -> String {
        let prefix = text(SourceRange(node.range.lowerBound, input.range.lowerBound))
        let suffix = text(SourceRange(input.range.upperBound, node.range.upperBound))
        let lowered = "\(prefix)(\(text(operand)))\(suffix)"
        let inner = SourceText(text(input))
        let start = input.range.lowerBound.offset
        let shifted = SourceRange(
            SourceLocation(line: 1, column: 1, offset: operand.range.lowerBound.offset - start),
            SourceLocation(line: 1, column: 1, offset: operand.range.upperBound.offset - start))
        return inner.replacing([(shifted, "(\(lowered))")])
    }

    /// `text` without brackets around the whole of it (`(a + d)` is quoted `a + d`).
    static func unbracketed(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        while text.hasPrefix("("), text.hasSuffix(")"), text.bracketsEncloseWhole {
            text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// The operation as the sentence quotes it: what `node` writes around `input`, the input
    /// shown as `…` (`torch.round(…)`), or the part after it alone (`.clamp(0, 1)`).
    private static func display(_ node: ExpressionSyntax, _ input: ExpressionSyntax, _ text: SourceText)
        -> String
    {
        var prefix = text(SourceRange(node.range.lowerBound, input.range.lowerBound))
        var suffix = text(SourceRange(input.range.upperBound, node.range.upperBound))
        // `(x + y).clamp(0, 1)`: the brackets around the input are no part of the operation.
        while prefix.hasSuffix("("), suffix.hasPrefix(")"),
            prefix.dropLast().last.map({
                !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ")" || $0 == "]")
            })
                ?? true
        {
            prefix.removeLast()
            suffix.removeFirst()
        }
        return prefix.isEmpty ? suffix : "\(prefix)…\(suffix)"
    }

    /// What identifies the operation `node` applies, however it is spelled: a call by its name
    /// (`clamp` of `x.clamp(0, 1)` and `torch.clamp(x, 0, 1)`, `max` of `x.amax(1)` and
    /// `x.max(dim=1).values`), an operator by its symbol and its other operand as typed (`* sc`,
    /// `2 *`). Only for an operation of one input (`applications`).
    static func key(_ node: ExpressionSyntax, input: ExpressionSyntax, _ text: SourceText) -> String {
        switch node.kind {
        case .binary(let op, let left, let right):
            return "\(op.rawValue) "
                + (left.range == input.range
                    ? "_ \(text(right).filter { !$0.isWhitespace })"
                    : "\(text(left).filter { !$0.isWhitespace }) _")
        case .attribute(let base, _, _): return key(base, input: input, text)
        case .call(let callee, _):
            let name = MutantGenerator.calleeName(callee) ?? ""
            return "call " + (aliases[name] ?? name)
        default: return ""
        }
    }

    /// Whether the answer typed as `source` applies the operation `key` names to a part that
    /// computes what `inner` does — the same names, the same calls and operators however
    /// spelled (`(x / sc).round()` for `torch.round(x / sc)`): the place the story says the
    /// answer put it. `(side - 4 * (k - 1)) // 2` equals `side // 2 - 2 * (k - 1)` wherever the
    /// numbers move, but it halves the whole, not `side`.
    static func writes(_ source: String, key wanted: String, appliedTo inner: String) -> Bool {
        guard let program = try? Parser.parse(source), let innerProgram = try? Parser.parse(inner) else {
            return false
        }
        let text = SourceText(source)
        let innerNames = innerProgram.valueExpressions.reduce(into: Set<String>()) {
            $0.formUnion(names(in: $1))
        }
        let innerOperations = operations(in: inner)
        var found = false
        func visit(_ node: ExpressionSyntax) {
            if found { return }
            for (input, _) in applications(node, text)
            where key(node, input: input, text) == wanted && names(in: input) == innerNames
                && operations(in: text(input)) == innerOperations
            {
                found = true
            }
            for child in node.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        return found
    }

    /// The names `node` reads, the modules functions are called from aside (`torch` of
    /// `torch.round(x)`).
    static func names(in node: ExpressionSyntax) -> Set<String> {
        SharedCalls.names(in: node).subtracting(modules)
    }

    /// Spellings of one operation.
    static let aliases = ["amax": "max", "amin": "min", "clip": "clamp", "absolute": "abs", "relu_": "relu"]

    /// The calls and operators a source writes, counted, however it spells them (`amax` is `max`,
    /// `torch.round(x)` is `x.round()`, `clip` is `clamp`); calls that change no value a story is
    /// about (`.float()`, `.item()`, `.values`) are not counted. Nil when it does not parse.
    static func operations(in source: String) -> [String: Int]? {
        guard let program = try? Parser.parse(source) else { return nil }
        let ignored: Set<String> = [
            "item", "float", "double", "detach", "clone", "cpu", "numpy", "tolist", "tensor", "contiguous",
        ]
        var counts: [String: Int] = [:]
        func visit(_ node: ExpressionSyntax) {
            switch node.kind {
            case .binary(let op, _, _): counts[op.rawValue, default: 0] += 1
            case .unary(.negate, let operand) where !MutantGenerator.isNumber(operand):
                counts["neg", default: 0] += 1
            case .call(let callee, let arguments):
                if let name = MutantGenerator.calleeName(callee), !ignored.contains(name) {
                    counts[aliases[name] ?? name, default: 0] += 1
                }
                // The callee's module path (`torch.`, `F.`) is no operation; its receiver is.
                switch callee.kind {
                case .attribute(let base, _, _) where !isModulePath(base): visit(base)
                case .call: visit(callee)
                default: break
                }
                for argument in arguments { visit(argument.value) }
                return
            default: break
            }
            for child in node.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        return counts
    }
}
