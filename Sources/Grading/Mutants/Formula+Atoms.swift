import AnswerLanguage
import Foundation

/// Formulas over the values a course computes with, not only over its names: a course written
/// elsewhere does its arithmetic over a tensor's entries and over calls (`box[2] - box[0]`,
/// `x.shape[1]`, `t.sum()`, `cm[c, c] / cm[:, c].sum()`). Each such part — a subscript, an
/// attribute read or a method call inside the arithmetic — is an *atom*: one quantity, named by its
/// text without spaces, its value the setup's. The same text is the same atom; two atoms of one
/// value stay two quantities, which the catalogue's other points move apart, so a formula that
/// reads one is never taken for a formula that reads the other.
extension Formula {
    /// An atom's name: its text written one way, without spaces but one after each comma
    /// (`box[ 2 ]` and `box[2]` are one atom; `cm[:,c]` is written `cm[:, c]`).
    static func atomName(_ text: String) -> String {
        text.filter { !$0.isWhitespace }.replacingOccurrences(of: ",", with: ", ")
    }

    /// The formula of a single expression with the parts named in `atoms` read as names; nil when
    /// `source` is anything else.
    static func parse(_ source: String, atoms: Set<String>) -> Formula? {
        guard !atoms.isEmpty else { return parse(source) }
        guard let expression = expression(source) else { return nil }
        let text = SourceText(source)
        return Formula(expression) { node in
            let name = atomName(text(node))
            return atoms.contains(name) ? name : nil
        }
    }

    /// The parts of `source` a formula may read as atoms, outermost first, each with its name and
    /// its text as typed: the subscripts, attribute reads and method calls (`t.sum()`,
    /// `torch.max(t)`, `len(t)`) that arithmetic, and the formula's own functions (`int`,
    /// `math.floor` …), apply to. Empty when `source` is not one expression, or has no arithmetic
    /// around its parts (a call alone is a value, not a formula).
    static func atomParts(of source: String) -> [(name: String, text: String, node: ExpressionSyntax)] {
        guard let expression = expression(source) else { return [] }
        let text = SourceText(source)
        var parts: [(name: String, text: String, node: ExpressionSyntax)] = []
        var arithmetic = false
        func visit(_ node: ExpressionSyntax) {
            switch node.kind {
            case .unary(.negate, let operand), .unary(.plus, let operand):
                arithmetic = true
                visit(operand)
            case .binary(let op, let left, let right)
            where [.add, .subtract, .multiply, .divide, .floorDivide, .remainder, .power].contains(op):
                arithmetic = true
                visit(left)
                visit(right)
            case .call(let callee, let arguments) where Self.isOwnFunction(callee):
                arithmetic = true
                if arguments.count == 1 { visit(arguments[0].value) }
            case .subscript, .attribute:
                parts.append((atomName(text(node)), text(node), node))
            case .call(let callee, _):
                switch callee.kind {
                case .attribute, .name("len"): parts.append((atomName(text(node)), text(node), node))
                default: break
                }
            default:
                break
            }
        }
        visit(expression)
        return arithmetic ? parts : []
    }

    /// The name whose data `node` only reads: a name, then subscripts (by numbers, names and
    /// slices of them), attribute reads and method calls given numbers (`cm[:, c].sum()`,
    /// `x.shape[1]`, `t.sum(dim=0)[2]` read `cm`, `x`, `t`); nil for a computation of its own
    /// (`F.conv2d(x, w).shape[2]`, `nn.Conv2d(3, 16, 3).weight.numel()` read `F` and `nn`, which
    /// the caller tells from data).
    static func dataRoot(_ node: ExpressionSyntax) -> String? {
        func plain(_ value: ExpressionSyntax?) -> Bool {
            guard let value else { return true }
            switch value.kind {
            case .integer, .float, .name, .none: return true
            case .unary(.negate, let operand): return plain(operand)
            case .tuple(let items): return items.allSatisfy { plain($0) }
            default: return false
            }
        }
        switch node.kind {
        case .name(let name): return name
        case .attribute(let base, _, _): return dataRoot(base)
        case .subscript(let base, let items):
            let indexed = items.allSatisfy { item in
                switch item {
                case .index(let index): plain(index)
                case .slice(let start, let stop, let step, _): plain(start) && plain(stop) && plain(step)
                }
            }
            return indexed ? dataRoot(base) : nil
        case .call(let callee, let arguments):
            guard case .attribute(let base, _, _) = callee.kind,
                arguments.allSatisfy({ !$0.isSpread && plain($0.value) })
            else { return nil }
            return dataRoot(base)
        default: return nil
        }
    }

    /// Whether `callee` is one of the functions a formula reads (`int`, `abs`, `math.floor` …).
    static func isOwnFunction(_ callee: ExpressionSyntax) -> Bool {
        switch callee.kind {
        case .name(let name): ["int", "float", "abs", "round"].contains(name)
        case .attribute(let base, let name, _):
            ["floor", "ceil", "sqrt"].contains(name) && base.kind == .name("math")
        default: false
        }
    }

    /// The one expression `source` is, or nil.
    static func expression(_ source: String) -> ExpressionSyntax? {
        guard let program = try? Parser.parse(source), program.statements.count == 1,
            case .expression(let expression) = program.statements[0]
        else { return nil }
        return expression
    }
}
