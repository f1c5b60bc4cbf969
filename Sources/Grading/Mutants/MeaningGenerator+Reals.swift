import AnswerLanguage
import Wording

/// Slips in formulas over real-valued and tensor-valued names and calls: the operations a
/// standardisation, a softmax with a temperature, a rescaling or a mix of two shares does, in the
/// wrong order or with one piece changed. The whole-number catalogue (`FormulaCatalogue`) moves
/// only whole-number names, so `(v - m) / s` typed `v / s - m` had no story; here each rule is a
/// change to the reference's syntax that holds whatever its operands' values are:
/// - the division and a term in the other order (`(a - b) / c` ↔ `a / c - b`);
/// - the divisor squared or square-rooted, a square root left out, the numerator left out;
/// - a share `w` and its complement `1 - w` each where the other belongs;
/// - a divisor one off (`n - 1` for `n`, `256` for `255`);
/// - the exponential of a softmax or an `exp` left out, `log` for `log_softmax`;
/// - a scale (a temperature) applied to what a call gives instead of to its input;
/// - rounding before scaling, or cutting the fraction off where rounding belongs.
/// Each is run once per exercise on its setup and told only where the answer writes the change
/// and keeps agreeing with it on the setup's numbers changed (`PreparedExercise+RealSlips`).
extension MeaningGenerator {
    /// The most real-valued slips of one reference: each runs once per exercise.
    static let realSlipLimit = 40

    /// Calls whose input a scale (a temperature) divides before the call.
    static let scaledCalls: Set<String> = ["softmax", "log_softmax", "sigmoid", "exp", "tanh"]

    /// The real-valued slips of `source` (one expression), without repeats. `isInteger` says
    /// whether a name is a whole number of the setup (a count a divisor may be one off).
    static func realSlips(
        of source: String, isInteger: (String) -> Bool, evaluate: @escaping (String) -> NumericArray?
    ) -> [Mutant] {
        guard let program = try? Parser.parse(source), program.statements.count == 1,
            case .expression(let root) = program.statements[0]
        else { return [] }
        var generator = MeaningGenerator(source: SourceText(source), evaluate: evaluate)
        generator.orderRules(root)
        generator.rootRules(root)
        generator.shareRules(root)
        generator.divisorRules(root, isInteger: isInteger)
        generator.exponentialRules(root)
        generator.scaledCallRules(root)
        generator.roundingRules(root)
        var seen: Set<String> = [source]
        return Array(generator.found.filter { seen.insert($0.source).inserted }.prefix(realSlipLimit))
    }

    // MARK: Order of operations

    /// `(a - b) / c` → `a / c - b` (and `+`), and a term added to a quotient, `a / c - b` or
    /// `a / c * g + b`, → `(a - b) / c`, `(a * g + b) / c`.
    private mutating func orderRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard case .binary(let op, let left, let right) = node.kind else { continue }
            if op == .divide, case .binary(let inner, let a, let b) = left.kind,
                inner == .add || inner == .subtract
            {
                let d = wrapped(right)
                var pairs = [(a, b)]
                if inner == .add { pairs.append((b, a)) }
                for (kept, term) in pairs where !Self.isZero(term) {
                    let sign = inner == .add ? "+" : "-"
                    add(
                        .divisionReordered,
                        [(node.range, "(\(wrapped(kept)) / \(d) \(sign) \(wrapped(term)))")],
                        told: Phrase(
                            inner == .add
                                ? MeaningKey.dividedBeforeAdding : MeaningKey.dividedBeforeSubtracting,
                            ["numerator": text(kept), "divisor": text(right), "term": text(term)]))
                }
            }
            guard op == .add || op == .subtract else { continue }
            var pairs = [(left, right)]
            if op == .add { pairs.append((right, left)) }
            for (quotient, term) in pairs where !Self.isZero(term) {
                guard let (numerator, divisor) = dividedLast(quotient) else { continue }
                let sign = op == .add ? "+" : "-"
                add(
                    .divisionReordered,
                    [(node.range, "((\(numerator) \(sign) \(wrapped(term))) / \(wrapped(divisor)))")],
                    told: Phrase(
                        op == .add ? MeaningKey.addedBeforeDividing : MeaningKey.subtractedBeforeDividing,
                        ["numerator": numerator, "divisor": text(divisor), "term": text(term)]))
            }
        }
    }

    /// A quotient `n / d`, or `n / d * g` (`g * (n / d)`), as the numerator written without the
    /// division (`n`, `n * g`) and the divisor.
    private func dividedLast(_ node: ExpressionSyntax) -> (String, ExpressionSyntax)? {
        switch node.kind {
        case .binary(.divide, let n, let d):
            return (wrapped(n), d)
        case .binary(.multiply, let left, let right):
            if case .binary(.divide, let n, let d) = left.kind {
                return ("\(wrapped(n)) * \(wrapped(right))", d)
            }
            if case .binary(.divide, let n, let d) = right.kind {
                return ("\(wrapped(left)) * \(wrapped(n))", d)
            }
            return nil
        default:
            return nil
        }
    }

    // MARK: Square roots and divisors

    /// A divisor squared or square-rooted, a square root left out, the numerator left out.
    private mutating func rootRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            if let inside = squareRooted(node) {
                add(
                    .rootLeftOut, [(node.range, "(\(text(inside)))")],
                    told: Phrase(MeaningKey.rootLeftOut, ["inside": text(inside)]))
            }
            guard case .binary(.divide, let numerator, let divisor) = node.kind, !Self.isNumber(divisor)
            else {
                continue
            }
            let n = wrapped(numerator)
            let d = wrapped(divisor)
            if squareRooted(divisor) == nil {
                add(
                    .divisorSquared, [(node.range, "(\(n) / \(d) ** 2)")],
                    told: Phrase(MeaningKey.divisorSquared, ["divisor": text(divisor)]))
                add(
                    .divisorRooted, [(node.range, "(\(n) / \(d) ** 0.5)")],
                    told: Phrase(MeaningKey.divisorRooted, ["divisor": text(divisor)]))
            }
            if !Self.isNumber(numerator) {
                add(
                    .numeratorLeftOut, [(node.range, "(1 / \(d))")],
                    told: Phrase(
                        MeaningKey.numeratorLeftOut, ["numerator": text(numerator), "divisor": text(divisor)])
                )
            }
        }
    }

    /// A share `w` written both alone and as `1 - w`: each where the other belongs, everywhere.
    private mutating func shareRules(_ root: ExpressionSyntax) {
        let all = Self.nodes(root)
        var complements: [String: [SourceRange]] = [:]
        for node in all {
            guard case .binary(.subtract, let one, let share) = node.kind, Self.isOne(one),
                case .name(let name) = share.kind
            else { continue }
            complements[name, default: []].append(node.range)
        }
        for (name, ranges) in complements.sorted(by: { $0.key < $1.key }) {
            let alone = all.filter { node in
                guard case .name(name) = node.kind else { return false }
                return !ranges.contains {
                    $0.lowerBound.offset <= node.range.lowerBound.offset
                        && node.range.upperBound.offset <= $0.upperBound.offset
                }
            }
            guard !alone.isEmpty else { continue }
            let edits = ranges.map { ($0, "(\(name))") } + alone.map { ($0.range, "(1 - \(name))") }
            add(.sharesSwapped, edits, told: Phrase(MeaningKey.sharesSwapped, ["share": name]))
        }
    }

    /// A divisor one off: a whole-number name `n` as `n - 1` or `n + 1`, a number as the next
    /// one up or down (`256`, `254` for `255`).
    private mutating func divisorRules(_ root: ExpressionSyntax, isInteger: (String) -> Bool) {
        for node in Self.nodes(root) {
            guard case .binary(.divide, let numerator, let divisor) = node.kind else { continue }
            var others: [String] = []
            switch divisor.kind {
            case .name(let name) where isInteger(name):
                others = ["\(name) - 1", "\(name) + 1"]
            // Bounded so that a course's huge literal (`10**400` typed as `1e400`) cannot trap.
            case .integer(let value) where value >= 3 && value < 1 << 53:
                others = ["\(value + 1)", "\(value - 1)"]
            case .float(let value) where value >= 3 && value < 0x1p53 && value == value.rounded():
                others = ["\(Int(value) + 1).0", "\(Int(value) - 1).0"]
            default:
                continue
            }
            for other in others {
                add(
                    .divisorOneOff, [(node.range, "(\(wrapped(numerator)) / (\(other)))")],
                    told: Phrase(MeaningKey.divisorOneOff, ["yours": other, "theirs": text(divisor)]),
                    piece: other)
            }
        }
    }

    // MARK: Exponentials and calls

    /// A call of one of `names` with its input, written as a function (`softmax(x, dim=0)`,
    /// `F.softmax(x, 0)`, `torch.exp(x)`, `math.exp(x)`) or as a method (`x.softmax(0)`,
    /// `x.exp()`): the name, the input and the dimension given, if any.
    func unaryCall(_ node: ExpressionSyntax, _ names: Set<String>) -> (
        name: String, input: ExpressionSyntax, dim: String?
    )? {
        guard case .call(let callee, let arguments) = node.kind, !arguments.contains(where: \.isSpread) else {
            return nil
        }
        var rest = arguments
        let name: String
        let input: ExpressionSyntax
        switch callee.kind {
        case .name(let called):
            guard let first = rest.first, first.name == nil || first.name == "input" else { return nil }
            (name, input) = (called, first.value)
            rest.removeFirst()
        case .attribute(let base, let called, _):
            if ["torch", "F", "math", "nn.functional", "torch.nn.functional"].contains(text(base)) {
                guard let first = rest.first, first.name == nil || first.name == "input" else { return nil }
                (name, input) = (called, first.value)
                rest.removeFirst()
            } else {
                (name, input) = (called, base)
            }
        default:
            return nil
        }
        guard names.contains(name) else { return nil }
        let dim = (rest.first(where: { $0.name == "dim" }) ?? rest.first(where: { $0.name == nil }))
            .map { text($0.value) }
        return (name, input, dim)
    }

    /// Softmax without its exponential (`x / x.sum(dim)`), an `exp` left out (every one of the
    /// same input at once), and `log` of the raw scores for `log_softmax`.
    private mutating func exponentialRules(_ root: ExpressionSyntax) {
        let all = Self.nodes(root)
        var exps: [String: [SourceRange]] = [:]
        for node in all {
            guard let call = unaryCall(node, ["softmax", "log_softmax", "exp"]) else { continue }
            let x = wrapped(call.input)
            switch call.name {
            case "softmax":
                let sum = call.dim.map { "\(x).sum(dim=\($0), keepdim=True)" } ?? "\(x).sum()"
                add(
                    .exponentialLeftOut, [(node.range, "(\(x) / \(sum))")],
                    told: Phrase(MeaningKey.exponentialLeftOutSoftmax, ["scores": text(call.input)]))
            case "log_softmax":
                add(
                    .logWithoutSoftmax, [(node.range, "torch.log(\(x))")],
                    told: Phrase(MeaningKey.logWithoutSoftmax, ["scores": text(call.input)]))
            default:
                exps[text(call.input), default: []].append(node.range)
            }
        }
        for (inside, ranges) in exps.sorted(by: { $0.key < $1.key }) {
            add(
                .exponentialLeftOut, ranges.map { ($0, Self.grouped(inside)) },
                told: Phrase(MeaningKey.exponentialLeftOut, ["inside": inside]))
        }
    }

    /// `f(x / T)` → `f(x) / T`, `f(x * c)` → `f(x) * c`, and `softmax(x / T)` →
    /// `softmax(x) ** (1 / T)`: the scale applied to what the call gives.
    private mutating func scaledCallRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard let call = unaryCall(node, Self.scaledCalls),
                case .binary(let op, let left, let right) = call.input.kind, op == .divide || op == .multiply
            else { continue }
            var pairs = [(left, right)]
            if op == .multiply { pairs.append((right, left)) }
            for (input, scale) in pairs where Self.isAtom(scale) {
                let before = source(SourceRange(node.range.lowerBound, call.input.range.lowerBound))
                let after = source(SourceRange(call.input.range.upperBound, node.range.upperBound))
                let unscaled = "\(before)\(wrapped(input))\(after)"
                let told = ["call": call.name, "input": text(input), "scale": text(scale)]
                add(
                    .scaleAfterCall, [(node.range, "(\(unscaled) \(op.rawValue) \(text(scale)))")],
                    told: Phrase(
                        op == .divide ? MeaningKey.dividedAfterCall : MeaningKey.multipliedAfterCall, told))
                if op == .divide, call.name == "softmax" {
                    add(
                        .powerForTemperature, [(node.range, "(\(unscaled) ** (1 / \(text(scale))))")],
                        told: Phrase(MeaningKey.powerForTemperature, told))
                }
            }
        }
    }

    /// `round(x * c)` → `round(x) * c`, and `round(e)` → `trunc(e)`.
    private mutating func roundingRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard let call = unaryCall(node, ["round"]), call.dim == nil else { continue }
            add(
                .truncatedForRounded, [(node.range, "torch.trunc(\(text(call.input)))")],
                told: Phrase(MeaningKey.truncatedForRounded))
            guard case .binary(.multiply, let left, let right) = call.input.kind else { continue }
            for (input, scale) in [(left, right), (right, left)] where Self.isAtom(scale) {
                add(
                    .roundedBeforeScaling, [(node.range, "(torch.round(\(text(input))) * \(text(scale)))")],
                    told: Phrase(MeaningKey.roundedBeforeScaling, ["scale": text(scale)]))
            }
        }
    }

    // MARK: Helpers

    /// The node's text, in brackets unless it is a name, a number or a call (which keep their
    /// precedence wherever they go).
    private func wrapped(_ node: ExpressionSyntax) -> String {
        Self.isAtom(node) || Self.isCallOrIndex(node) ? text(node) : "(\(text(node)))"
    }

    static func isAtom(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .name, .integer, .float: true
        default: false
        }
    }

    static func isCallOrIndex(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .call, .subscript, .attribute: true
        default: false
        }
    }

    static func isNumber(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer, .float: true
        case .unary(_, let inner): isNumber(inner)
        default: false
        }
    }

    static func isZero(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer(let value): value == 0
        case .float(let value): value == 0
        default: false
        }
    }
}
