import AnswerLanguage

/// The operations a source writes, counted (`(p - k).sum()`: one subtraction, one sum), however
/// it spells them: `torch.sum(x)` and `x.sum()`, `amax` and `max`, `F.relu` and `nn.ReLU()`, `*`
/// and `torch.mul`. Calls that change nothing a story is about (`.item()`, `.flatten()`) are not
/// counted. A clamp's bounds count as the bounds it has (`clamp.min`, `clamp.max`) and whether
/// its lower bound is negative; a ReLU writes a clamp with the lower bound 0 as well.
///
/// A swapped-operation mutant explains an answer only when the answer writes every operation the
/// mutant does and no more of those the change took away: the learner then did write the other
/// operation, and its value is not a coincidence of another mistake.
struct OperationProfile: Equatable, Sendable {
    /// How often each operation (`Operation.rawValue`) or clamp bound is written.
    private(set) var counts: [String: Int] = [:]

    static let clamp = "clamp"
    static let lowerBound = "clamp.min"
    static let upperBound = "clamp.max"
    static let negativeLowerBound = "clamp.min-negative"

    /// The profile of `source`; empty when it does not parse or writes none of the operations.
    init(_ source: String) {
        guard let program = try? Parser.parse(source) else { return }
        for expression in program.valueExpressions { visit(expression) }
    }

    /// Whether the source writes any operation.
    var isEmpty: Bool { counts.isEmpty }

    /// Whether the answer with this profile writes what `mutant` does where it changed `reference`:
    /// every operation the mutant writes, and none of those the change took away (however often:
    /// a maximum over two dimensions is one `.max()` of a flattened tensor, or two in a row).
    func writes(_ mutant: OperationProfile, changedFrom reference: OperationProfile) -> Bool {
        guard !mutant.isEmpty, mutant.counts.keys.allSatisfy({ counts[$0] != nil }) else { return false }
        return reference.counts.keys.allSatisfy { mutant.counts[$0] != nil || counts[$0] == nil }
    }

    private mutating func count(_ token: String) { counts[token, default: 0] += 1 }

    private mutating func visit(_ node: ExpressionSyntax) {
        // Min pooling, sum pooling, a soft cap: one operation written as two.
        if let (operation, parts) = Self.composite(node) {
            count(operation.rawValue)
            for part in parts { visit(part) }
            return
        }
        switch node.kind {
        case .binary(let op, _, _):
            if let operation = Operation.written(op) { count(operation.rawValue) }
        case .call(let callee, let arguments):
            if let name = MutantGenerator.calleeName(callee) {
                if name == "clamp" || name == "clip" {
                    clamp(callee, arguments)
                } else if name == "pad", MutantGenerator.padMode(arguments) == "reflect" {
                    count(Operation.reflectPad.rawValue)
                } else if let (upper, bound) = Self.elementwiseBound(callee, arguments) {
                    // `torch.minimum(x, c)` is `x.clamp(max=c)`; `torch.maximum(x, c)` is
                    // `x.clamp(min=c)`.
                    count(Self.clamp)
                    count(upper ? Self.upperBound : Self.lowerBound)
                    if !upper, ClampBounds.isNegative(bound) { count(Self.negativeLowerBound) }
                } else if let operation = Operation.called(name) {
                    count(operation.rawValue)
                    // `relu(x)` is `x.clamp(min=0)`: it writes that bound too.
                    if operation == .relu {
                        count(Self.clamp)
                        count(Self.lowerBound)
                    }
                }
            }
        case .subscript(_, let items):
            let steps = items.contains { item in
                if case .slice(_, _, let step?, _) = item, MutantGenerator.integer(step) ?? 1 > 1 {
                    return true
                }
                return false
            }
            if steps { count(Operation.subsample.rawValue) }
        default:
            break
        }
        for child in node.kind.children { visit(child) }
    }

    /// `x.clamp(min, max)`, `torch.clamp(x, min, max)`, with keywords or not.
    private mutating func clamp(_ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]) {
        count(Self.clamp)
        let bounds = ClampBounds(callee, arguments)
        if let lower = bounds.lower {
            count(Self.lowerBound)
            if ClampBounds.isNegative(lower) { count(Self.negativeLowerBound) }
        }
        if bounds.upper != nil { count(Self.upperBound) }
    }
}

/// The bounds a clamp call gives: `x.clamp(0, 6)`, `x.clamp(min=0)`, `torch.clamp(x, max=6)`; a
/// bound written `None` is no bound.
struct ClampBounds {
    /// The input, for the function form (`torch.clamp(x, …)`); nil for the method form.
    var input: ArgumentSyntax?
    var lower: ExpressionSyntax?
    var upper: ExpressionSyntax?

    init(_ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]) {
        var positional = arguments.filter { $0.name == nil && !$0.isSpread }
        if case .attribute(let base, _, _) = callee.kind, !["torch", "F"].contains(Self.lastName(base)) {
            input = nil
        } else if !positional.isEmpty {
            input = positional.removeFirst()
        }
        let given = { (keyword: String, position: Int) -> ExpressionSyntax? in
            let value =
                arguments.first { $0.name == keyword }?.value
                ?? (positional.count > position ? positional[position].value : nil)
            if let value, case .none = value.kind { return nil }
            return value
        }
        lower = given("min", 0)
        upper = given("max", 1)
    }

    private static func lastName(_ node: ExpressionSyntax) -> String {
        switch node.kind {
        case .name(let name): name
        case .attribute(_, let name, _): name
        default: ""
        }
    }

    /// `-6`, `-6.`: a negative number as written.
    static func isNegative(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer(let value): value < 0
        case .float(let value): value < 0
        case .unary(.negate, let operand): MutantGenerator.isNumber(operand)
        // `torch.tensor(-6.)`: a bound written as a tensor of one number.
        case .call(let callee, let arguments):
            MutantGenerator.calleeName(callee) == "tensor"
                && arguments.first.map { isNegative($0.value) } == true
        default: false
        }
    }
}
