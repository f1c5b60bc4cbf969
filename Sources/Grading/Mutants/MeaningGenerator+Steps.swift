import AnswerLanguage
import Wording

/// What an optimiser's step and a learning-rate schedule mean: a tensor of the step written where
/// another of its shape belongs (the velocity stepped instead of the parameters, the parameters
/// where the gradient belongs) or two exchanged (`mu` on the gradient instead of the velocity); a
/// term added whole also weighted by the complement of the factor beside it (dampening, as a
/// moving average weighs it) or by that factor itself; the decay term `c * x` of the parameter `x`
/// the step updates squared (the penalty's form), halved or doubled; a count of whole steps
/// `a // k` taken as the remainder `a % k` or rounded up; a decay raised to such a count applied
/// at every one of what is counted; a factor raised to a count (`gamma ** n`) divided by, or
/// subtracted once per step, where it multiplies. Each change is told only of an answer that
/// is the mutant's formula as a function of reals (`Misconception.isToldAsReals`).
extension MeaningGenerator {
    mutating func stepRules(_ root: ExpressionSyntax) {
        let all = Self.nodes(root)
        nameRules(root, all)
        weightRules(all)
        decayRules(root)
        scheduleRules(all)
    }

    /// A real number of the setup strictly between 0 and 1, written as a name: a momentum, a
    /// decay factor, a weight.
    private mutating func fraction(_ node: ExpressionSyntax) -> Double? {
        guard case .name = node.kind, let value = scalar(node), value > 0, value < 1 else { return nil }
        return value
    }

    /// Whether `node` is a name of a tensor of at least two values in the setup.
    private mutating func tensorName(_ node: ExpressionSyntax) -> String? {
        guard case .name(let name) = node.kind, let shape = shape(node), !shape.isEmpty,
            shape.reduce(1, *) >= 2
        else { return nil }
        return name
    }

    /// Each tensor of the step's arithmetic written once where another of its shape belongs; for a
    /// result of one dimension, two such tensors exchanged everywhere too (`parameterRules`
    /// exchanges them for larger ones).
    private mutating func nameRules(_ root: ExpressionSyntax, _ all: [ExpressionSyntax]) {
        var places: [String: [ExpressionSyntax]] = [:]
        var order: [String] = []
        // Only tensors the step computes with, operands of its arithmetic: a tensor passed to a
        // call for its shape (`zeros_like(h)`) may be another of that shape and change nothing.
        for node in all {
            guard case .binary(let op, let left, let right) = node.kind,
                [.add, .subtract, .multiply, .divide].contains(op)
            else { continue }
            for operand in [left, right] {
                guard let name = tensorName(operand) else { continue }
                if places[name] == nil { order.append(name) }
                places[name, default: []].append(operand)
            }
        }
        guard order.count >= 2, order.count <= 4 else { return }
        for (index, a) in order.enumerated() {
            for b in order.dropFirst(index + 1) {
                guard let sa = shapes[a].flatMap({ $0 }), let sb = shapes[b].flatMap({ $0 }), sa == sb else {
                    continue
                }
                if (shape(root)?.count ?? 0) < 2 {
                    let edits =
                        (places[a] ?? []).map { ($0.range, b) } + (places[b] ?? []).map { ($0.range, a) }
                    add(
                        .tensorsSwapped, edits,
                        told: Phrase(MisconceptionKey.change(.namesSwapped), ["first": a, "second": b]))
                }
                for (written, belongs) in [(b, a), (a, b)] {
                    for node in places[belongs] ?? [] {
                        add(
                            .tensorForTensor, [(node.range, written)],
                            told: Phrase(
                                MisconceptionKey.change(.nameForName),
                                ["piece": written, "original": belongs]))
                    }
                }
            }
        }
    }

    /// `m * a + b` (terms and factors in any order, `a` and `b` names) with `m` a fraction and `b`
    /// added whole: `b` weighted by `1 - m` (the moving average's dampening), or by `m` too.
    private mutating func weightRules(_ all: [ExpressionSyntax]) {
        for node in all {
            guard case .binary(.add, let left, let right) = node.kind else { continue }
            for (weighted, whole) in [(left, right), (right, left)] {
                // A momentum's `mu * v + g`: names, not a running average's `old + m * (new - old)`.
                guard case .binary(.multiply, let x, let y) = weighted.kind, case .name = whole.kind else {
                    continue
                }
                for (weight, other) in [(x, y), (y, x)] {
                    guard case .name = other.kind else { continue }
                    // At one half a weight is its own complement: no story tells them apart.
                    guard let value = fraction(weight), abs(value - 0.5) > 1e-9 else { continue }
                    let (m, b) = (text(weight), text(whole))
                    let told = ["term": MutantGenerator.unbracketed(b), "weight": m]
                    add(
                        .complementWeighted, [(whole.range, "((1 - \(m)) * \(Self.grouped(b)))")],
                        told: Phrase(MeaningKey.complementWeighted, told))
                    add(
                        .factorOnBoth, [(whole.range, "(\(m) * \(Self.grouped(b)))")],
                        told: Phrase(MeaningKey.factorOnBoth, told))
                }
            }
        }
    }

    /// `x - …` whose subtracted part holds `c * x` (the tensor `x` the step updates, `c` a real
    /// number): the decay term squared, halved or doubled.
    private mutating func decayRules(_ root: ExpressionSyntax) {
        guard case .binary(.subtract, let base, let step) = root.kind, let x = tensorName(base) else {
            return
        }
        for node in Self.nodes(step) {
            guard case .binary(.multiply, let a, let b) = node.kind else { continue }
            for (coefficient, parameter) in [(a, b), (b, a)] {
                guard case .name(let written) = parameter.kind, written == x,
                    case .name(let c) = coefficient.kind,
                    let value = scalar(coefficient), value > 0
                else { continue }
                let term = text(node)
                let told = ["term": MutantGenerator.unbracketed(term), "x": x, "weight": c]
                add(
                    .decaySquared, [(parameter.range, "(\(x) ** 2)")],
                    told: Phrase(MeaningKey.decaySquared, told))
                add(
                    .decayHalved, [(node.range, "(\(c) / 2 * \(x))")],
                    told: Phrase(MeaningKey.decayHalved, told))
                add(
                    .decayDoubled, [(node.range, "(2 * \(c) * \(x))")],
                    told: Phrase(MeaningKey.decayDoubled, told))
            }
        }
    }

    /// A count of whole steps `a // k` taken as the remainder; `b * g ** n` (`g` a fraction)
    /// divided by the power, or with `g` (or `b * g`) subtracted once per step.
    private mutating func scheduleRules(_ all: [ExpressionSyntax]) {
        for node in all {
            if case .binary(.floorDivide, let a, let k) = node.kind {
                let theirs = MutantGenerator.unbracketed(text(node))
                let remainder = "\(operand(a)) % \(operand(k))"
                add(
                    .remainderForFloor, [(node.range, "(\(remainder))")],
                    told: Phrase(MeaningKey.remainderForFloor, ["yours": remainder, "theirs": theirs]))
                // A tensor is rounded up by `torch.ceil`, a number by `math.ceil`.
                let ceil = (shape(a)?.isEmpty ?? true) ? "math.ceil" : "torch.ceil"
                let rounded = "\(ceil)(\(operand(a)) / \(operand(k)))"
                add(
                    .countRoundedUp, [(node.range, "(\(rounded))")],
                    told: Phrase(MeaningKey.countRoundedUp, ["yours": rounded, "theirs": theirs]))
            }
            // A decay raised to a count of whole steps (`gamma ** (epoch // every)`), applied at
            // every one of what is counted instead.
            if case .binary(.power, let g, let n) = node.kind, fraction(g) != nil,
                case .binary(.floorDivide, let a, let k) = n.kind
            {
                add(
                    .decayEveryStep, [(n.range, operand(a))],
                    told: Phrase(
                        MeaningKey.decayEveryStep,
                        ["factor": text(g), "yours": MutantGenerator.unbracketed(text(a)), "every": text(k)]))
            }
            guard case .binary(.multiply, let left, let right) = node.kind else { continue }
            for (b, power) in [(left, right), (right, left)] {
                guard case .binary(.power, let g, let n) = power.kind, fraction(g) != nil, case .name = b.kind
                else { continue }
                let (base, factor, count) = (text(b), text(g), operand(n))
                let p = text(power)
                add(
                    .powerDivided, [(node.range, "(\(base) / \(p))")],
                    told: Phrase(MeaningKey.powerDivided, ["base": base, "power": p]))
                for piece in [factor, "\(base) * \(factor)"] {
                    let yours = "\(base) - \(piece) * \(count)"
                    add(
                        .powerSubtracted, [(node.range, "(\(yours))")],
                        told: Phrase(
                            MeaningKey.powerSubtracted, ["yours": yours, "piece": piece, "factor": factor]))
                }
            }
        }
    }

    /// `node` as an operand of a product or a remainder: in brackets when it is an operation.
    private func operand(_ node: ExpressionSyntax) -> String {
        let written = MutantGenerator.unbracketed(text(node))
        switch node.kind {
        case .binary, .unary: return "(\(written))"
        default: return written
        }
    }
}
