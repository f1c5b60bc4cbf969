import AnswerLanguage
import Foundation
import Wording

/// What a variance or a fan means, read from the reference's structure rather than its names: a
/// square root (`math.sqrt`, `** 0.5`) over a ratio of a constant and a product of names is a
/// standard deviation from a variance (`math.sqrt(2 / (C_in * K * K))`); a constant over the sum
/// of two products that differ by an input name and its output name (`C_in`, `C_out`; `n_in`,
/// `n_out`; `in_features`, `out_features`) averages a fan-in and a fan-out
/// (`2 / (n_in + n_out)`); a product of such an input name with a squared real number and
/// another factor adds up that many products' variances (`n_in * w_std ** 2 * x_var`); a product
/// of names with an input name whose output name the setup also binds counts a fan-in
/// (`C_in * K * K`). Their mutants: the variance for the standard deviation and back, the root of
/// a part only, a variance squared; every weight, the fan-out, both fans added or multiplied for
/// the fan-in, one fan or the sum where their average belongs; the uniform bound's square (3c) for
/// the variance (c) and back, 1 for He's 2; variances added where they multiply. Each is told with
/// the values of the parts it is about.
extension MeaningGenerator {
    /// The variance and fan mutants of `source` alone (one expression), without repeats: the
    /// formula catalogue takes them with its own mutants, evaluated at its own points.
    static func varianceMutants(of source: String, evaluate: @escaping (String) -> NumericArray?) -> [Mutant]
    {
        guard let program = try? Parser.parse(source), program.statements.count == 1,
            case .expression(let root) = program.statements[0]
        else { return [] }
        var generator = MeaningGenerator(source: SourceText(source), evaluate: evaluate)
        generator.varianceRules(root)
        var seen: Set<String> = [source]
        return generator.found.filter { seen.insert($0.source).inserted }
    }

    /// A constant divided by one product of names (a fan) or by the sum of two (both fans).
    struct FanRatio {
        var node: ExpressionSyntax
        var constant: ExpressionSyntax
        var value: Double
        var denominator: ExpressionSyntax
        var fans: [[ExpressionSyntax]]
    }

    mutating func varianceRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            if let deviation = rootedDenominator(node) {
                deviationRules(deviation)
                continue
            }
            guard let inside = squareRooted(node), let ratio = fanRatio(inside) else { continue }
            rootRules(node, inside: inside, ratio: ratio)
            ratioRules(ratio, rooted: true)
        }
        if let ratio = fanRatio(root), hasFans(ratio) {
            wholeRooted(root)
            ratioRules(ratio, rooted: false)
        }
        if let factors = product(root), factors.count >= 2 {
            productRules(root, factors: factors)
        }
    }

    // MARK: Reading the structure

    /// The factors of a product of names, whole numbers and names raised to a whole number;
    /// nil for anything else or a product of numbers alone.
    func product(_ node: ExpressionSyntax) -> [ExpressionSyntax]? {
        var factors: [ExpressionSyntax] = []
        func visit(_ node: ExpressionSyntax) -> Bool {
            switch node.kind {
            case .binary(.multiply, let a, let b): return visit(a) && visit(b)
            case .name, .integer:
                factors.append(node)
                return true
            case .binary(.power, let base, let exponent):
                guard case .name = base.kind, case .integer = exponent.kind else { return false }
                factors.append(node)
                return true
            default: return false
            }
        }
        guard visit(node), factors.contains(where: { if case .integer = $0.kind { false } else { true } })
        else { return nil }
        return factors
    }

    /// `c / P` or `c / (P + Q)` with a positive constant `c` and products `P`, `Q`.
    func fanRatio(_ node: ExpressionSyntax) -> FanRatio? {
        guard case .binary(.divide, let constant, let denominator) = node.kind else { return nil }
        let value: Double
        switch constant.kind {
        case .integer(let c): value = Double(c)
        case .float(let c): value = c
        default: return nil
        }
        guard value > 0 else { return nil }
        if let single = product(denominator) {
            return FanRatio(
                node: node, constant: constant, value: value, denominator: denominator, fans: [single])
        }
        guard case .binary(.add, let a, let b) = denominator.kind, let first = product(a),
            let second = product(b)
        else { return nil }
        return FanRatio(
            node: node, constant: constant, value: value, denominator: denominator, fans: [first, second])
    }

    /// The output name that goes with an input name (`C_in` → `C_out`, `in_features` →
    /// `out_features`, `Cin` → `Cout`), when the setup binds it to a number.
    mutating func outputName(of name: String) -> String? {
        var candidates: [String] = []
        if name.hasSuffix("_in") { candidates.append(String(name.dropLast(3)) + "_out") }
        if name.hasPrefix("in_") { candidates.append("out_" + String(name.dropFirst(3))) }
        if let range = name.range(of: "In") {
            candidates.append(name.replacingCharacters(in: range, with: "Out"))
        }
        if name.count <= 4, name.hasSuffix("in") { candidates.append(String(name.dropLast(2)) + "out") }
        for candidate in candidates where number(candidate) != nil { return candidate }
        return nil
    }

    /// The first factor that is an input name with a bound output name, and that name; nil when
    /// the product counts the output name too (`C_in * C_out * K * K` counts weights, not a fan).
    mutating func inputFactor(_ factors: [ExpressionSyntax]) -> (index: Int, output: String)? {
        for (index, factor) in factors.enumerated() {
            guard case .name(let name) = factor.kind, let output = outputName(of: name) else { continue }
            if factors.contains(where: { text($0) == output }) { return nil }
            return (index, output)
        }
        return nil
    }

    /// Whether a ratio's denominator is a fan: one product with an input name whose output name
    /// is bound, or two products, one of which is the other with such a name for its input name.
    mutating func hasFans(_ ratio: FanRatio) -> Bool {
        if ratio.fans.count == 1 { return inputFactor(ratio.fans[0]) != nil }
        return fanOut(ratio.fans[0]) == written(ratio.fans[1])
            || fanOut(ratio.fans[1]) == written(ratio.fans[0])
    }

    /// The text of `node` without the brackets around it, if it is written in brackets.
    func bare(_ node: ExpressionSyntax) -> String {
        var written = text(node)
        while case let inner = MutantGenerator.unbracketed(written), inner != written { written = inner }
        return written
    }

    /// A product's factors written as a product.
    func written(_ factors: [ExpressionSyntax]) -> String { factors.map(text).joined(separator: " * ") }

    /// A fan's product with its input name replaced by the output name (the fan-out), if it has one.
    mutating func fanOut(_ factors: [ExpressionSyntax]) -> String? {
        guard let (index, output) = inputFactor(factors) else { return nil }
        var parts = factors.map(text)
        parts[index] = output
        return parts.joined(separator: " * ")
    }

    /// The value of `source` in the setup, when it is one number (kept: parts repeat).
    mutating func number(_ source: String) -> Double? {
        if let known = numbers[source] { return known }
        let value = evaluate(source).flatMap { $0.values.count == 1 ? $0.values[0] : nil }
        numbers[source] = value
        return value
    }

    /// A standard deviation written as a constant over the square root of a fan
    /// (`1 / math.sqrt(n_in)`, `math.sqrt(2) / math.sqrt(C_in * K * K)`): the node, the fan's
    /// factors and where they are written, and the variance's constant (the square of the
    /// numerator, or what its square root is of).
    struct RootedDenominator {
        var node: ExpressionSyntax
        var fan: ExpressionSyntax
        var factors: [ExpressionSyntax]
        var constant: Double
    }

    func rootedDenominator(_ node: ExpressionSyntax) -> RootedDenominator? {
        guard case .binary(.divide, let numerator, let denominator) = node.kind,
            let fan = squareRooted(denominator), let factors = product(fan)
        else { return nil }
        var constant: Double
        switch numerator.kind {
        case .integer(let c): constant = Double(c * c)
        case .float(let c): constant = c * c
        default:
            guard let inside = squareRooted(numerator) else { return nil }
            switch inside.kind {
            case .integer(let c): constant = Double(c)
            case .float(let c): constant = c
            default: return nil
            }
        }
        guard constant > 0, constant < 1000 else { return nil }
        return RootedDenominator(node: node, fan: fan, factors: factors, constant: constant)
    }

    /// A number as a learner writes it: whole where it is whole.
    static func written(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e6 ? "\(Int(value))" : "\(value)"
    }

    /// The variance for such a deviation, squared for rooted, its constant taken otherwise, its fan
    /// taken otherwise (the fan-out, every weight, both fans).
    private mutating func deviationRules(_ deviation: RootedDenominator) {
        let fan = bare(deviation.fan)
        let c = deviation.constant
        let variance = "\(Self.written(c)) / (\(fan))"
        guard let value = number(variance), let expected = number(text(deviation.node)) else { return }
        add(
            .varianceForStd, [(deviation.node.range, "(\(variance))")],
            told: Phrase(
                MeaningKey.varianceForStd, ["variance": variance, "value": value, "deviation": expected]))
        add(
            .squaredForRoot, [(deviation.node.range, "(\(variance)) ** 2")],
            told: Phrase(MeaningKey.squaredForRoot, ["variance": variance, "value": value]))
        var changes: [(Misconception, Double, MeaningKey)] = [
            (.uniformBoundForVariance, 3 * c, .uniformBound)
        ]
        if c == c.rounded(), Int(c) % 3 == 0 {
            changes.append((.varianceForUniformBound, c / 3, .uniformVariance))
        }
        if c == 2 { changes.append((.reluGainDropped, 1, .reluGainDropped)) }
        for (misconception, other, key) in changes {
            let yours = Self.written(other)
            guard let changed = number("\(yours) / (\(fan))") else { continue }
            add(
                misconception, [(deviation.node.range, "(math.sqrt(\(yours)) / math.sqrt(\(fan)))")],
                told: Phrase(
                    key,
                    [
                        "yours": yours, "theirs": Self.written(c), "denominator": fan, "value": changed,
                        "expected": value,
                    ]))
        }
        fanRules(deviation.factors, at: deviation.fan.range, bracketed: true)
    }

    // MARK: Rules

    /// A square root over a ratio: the variance itself, squared, or the root of one side only.
    private mutating func rootRules(_ node: ExpressionSyntax, inside: ExpressionSyntax, ratio: FanRatio) {
        let variance = bare(inside)
        guard let value = number("(\(variance))"), let deviation = number(text(node)) else { return }
        add(
            .varianceForStd, [(node.range, "(\(variance))")],
            told: Phrase(
                MeaningKey.varianceForStd, ["variance": variance, "value": value, "deviation": deviation]))
        add(
            .squaredForRoot, [(node.range, "(\(variance)) ** 2")],
            told: Phrase(MeaningKey.squaredForRoot, ["variance": variance, "value": value]))
        let constant = text(ratio.constant)
        let denominator = bare(ratio.denominator)
        let lower = "\(constant) / math.sqrt(\(denominator))"
        if let yours = number(lower) {
            add(
                .rootOfDenominatorOnly, [(node.range, "(\(lower))")],
                told: Phrase(
                    MeaningKey.rootOfDenominatorOnly,
                    ["constant": constant, "denominator": denominator, "yours": yours, "ratio": variance]))
        }
        let upper = "math.sqrt(\(constant)) / (\(denominator))"
        if let yours = number(upper) {
            add(
                .rootOfNumeratorOnly, [(node.range, "(\(upper))")],
                told: Phrase(
                    MeaningKey.rootOfNumeratorOnly,
                    ["constant": constant, "denominator": denominator, "yours": yours, "ratio": variance]))
        }
    }

    /// The whole calculation, a variance, square-rooted: the standard deviation.
    private mutating func wholeRooted(_ root: ExpressionSyntax) {
        let whole = text(root)
        guard let value = number(whole), value > 0 else { return }
        add(
            .stdForVariance, [(root.range, "math.sqrt(\(whole))")],
            told: Phrase(MeaningKey.stdForVariance, ["value": value]))
    }

    /// The constant of a variance's ratio and its fans taken otherwise.
    private mutating func ratioRules(_ ratio: FanRatio, rooted: Bool) {
        let constant = text(ratio.constant)
        let denominator = bare(ratio.denominator)
        guard let expected = number(text(ratio.node)) else { return }
        let fans = hasFans(ratio)
        // The constant: three times it is a uniform bound's square (a uniform distribution on
        // (−a, a) has variance a² / 3), a third of it the variance where that square belongs, and
        // 1 for 2 over one fan is LeCun's variance for He's.
        if fans || rooted {
            let c = ratio.value
            var changes: [(Misconception, Double, MeaningKey)] = [
                (.uniformBoundForVariance, 3 * c, .uniformBound)
            ]
            if c == c.rounded(), c < 1000, Int(c) % 3 == 0 {
                changes.append((.varianceForUniformBound, c / 3, .uniformVariance))
            }
            if c == 2, ratio.fans.count == 1 { changes.append((.reluGainDropped, 1, .reluGainDropped)) }
            for (misconception, other, key) in changes {
                let written = other == other.rounded() ? "\(Int(other))" : "\(other)"
                guard let value = number("\(written) / (\(denominator))") else { continue }
                add(
                    misconception, [(ratio.constant.range, written)],
                    told: Phrase(
                        key,
                        [
                            "yours": written, "theirs": constant, "denominator": denominator, "value": value,
                            "expected": expected,
                        ]))
            }
            // A variance asked, the uniform bound itself given: √(3c / fan).
            let bound = "math.sqrt(\(Self.written(3 * c)) / (\(denominator)))"
            if !rooted, let value = number(bound) {
                add(
                    .uniformBoundForVariance, [(ratio.node.range, bound)],
                    told: Phrase(
                        MeaningKey.uniformBoundRooted,
                        [
                            "yours": Self.written(3 * c), "theirs": constant, "denominator": denominator,
                            "value": value, "expected": expected,
                        ]))
            }
        }
        guard fans else { return }
        if ratio.fans.count == 1 {
            fanRules(ratio.fans[0], at: ratio.denominator.range, bracketed: true)
            return
        }
        // Two fans averaged (`2 / (a + b)` is 1 over their average): multiplied, summed, one alone.
        let (a, b) = (written(ratio.fans[0]), written(ratio.fans[1]))
        guard let average = number("(\(denominator)) / 2") else { return }
        if let value = number("\(a) * \(b)") {
            add(
                .fansMultiplied, [(ratio.denominator.range, "(\(a) * \(b))")],
                told: Phrase(
                    MeaningKey.fansMultipliedAveraged,
                    ["yours": "\(a) * \(b)", "value": value, "sum": denominator, "average": average]))
        }
        if ratio.value == 2, let value = number(denominator) {
            add(
                .sumForAverage, [(ratio.constant.range, "1")],
                told: Phrase(
                    MeaningKey.sumForAverage, ["sum": denominator, "value": value, "average": average]))
        }
        for fan in [a, b] {
            guard let value = number(fan) else { continue }
            let one = Phrase(
                MeaningKey.oneFan, ["fan": fan, "value": value, "sum": denominator, "average": average])
            add(.oneFanOnly, [(ratio.denominator.range, "(\(fan))")], told: one)
            if ratio.value == 2 {
                add(.oneFanOnly, [(ratio.node.range, "(1 / (\(fan)))")], told: one)
            }
        }
    }

    /// A fan-in (`factors`, written at `range`) taken otherwise: the fan-out, every weight of the
    /// layer, both fans added or multiplied.
    private mutating func fanRules(_ factors: [ExpressionSyntax], at range: SourceRange, bracketed: Bool) {
        guard let (_, output) = inputFactor(factors), let fanOut = fanOut(factors) else { return }
        let fanIn = written(factors)
        guard let theirs = number(fanIn), let outputs = number(output) else { return }
        let wrap = { (text: String) in bracketed ? "(\(text))" : text }
        let changes: [(Misconception, String, (Double) -> Phrase)] = [
            (
                .fanOutForFanIn, fanOut,
                {
                    Phrase(
                        MeaningKey.fanOut,
                        ["yours": fanOut, "yoursValue": $0, "theirs": fanIn, "theirsValue": theirs])
                }
            ),
            (
                .allWeightsForFan, "\(fanIn) * \(output)",
                {
                    Phrase(
                        MeaningKey.allWeights,
                        ["output": output, "count": outputs, "fan": fanIn, "yours": $0, "theirs": theirs])
                }
            ),
            (
                .fansAdded, "\(fanIn) + \(fanOut)",
                {
                    Phrase(
                        MeaningKey.fansAdded, ["yours": "\(fanIn) + \(fanOut)", "value": $0, "theirs": fanIn])
                }
            ),
            (
                .fansMultiplied, "\(fanIn) * \(fanOut)",
                {
                    Phrase(
                        MeaningKey.fansMultiplied,
                        ["yours": "\(fanIn) * \(fanOut)", "value": $0, "theirs": fanIn])
                }
            ),
        ]
        for (misconception, replacement, told) in changes {
            guard let value = number(replacement) else { continue }
            add(misconception, [(range, wrap(replacement))], told: told(value))
        }
    }

    /// A product that is the whole calculation: a fan-in counted (`C_in * K * K`), or the
    /// variance of a sum of that many products (`n_in * w_std ** 2 * x_var`, a real number
    /// squared in it).
    private mutating func productRules(_ root: ExpressionSyntax, factors: [ExpressionSyntax]) {
        guard let (input, output) = inputFactor(factors) else { return }
        var squared: Int?
        for (index, factor) in factors.enumerated() {
            guard case .binary(.power, let base, let exponent) = factor.kind,
                case .integer(2) = exponent.kind,
                let value = number(text(base)), value != value.rounded()
            else { continue }
            squared = index
        }
        guard let squared else {
            // A product of whole numbers with an input name: a fan-in. (A product with a real
            // in it, `n_in * w_var`, is no count of inputs.)
            let counts = factors.allSatisfy { factor in
                number(text(factor)).map { $0 == $0.rounded() } ?? false
            }
            if counts { fanRules(factors, at: root.range, bracketed: false) }
            return
        }
        wholeRooted(root)
        let count = text(factors[input])
        let others = factors.indices.filter { $0 != input && $0 != squared }
        if let theirs = number(count) {
            for (misconception, replacement, key) in [
                (Misconception.fanOutForFanIn, output, MeaningKey.fanOut),
                (.fansAdded, "(\(count) + \(output))", .fansAdded),
            ] {
                guard let value = number(replacement) else { continue }
                let told =
                    key == .fanOut
                    ? Phrase(
                        key, ["yours": output, "yoursValue": value, "theirs": count, "theirsValue": theirs])
                    : Phrase(key, ["yours": "\(count) + \(output)", "value": value, "theirs": count])
                add(misconception, [(factors[input].range, replacement)], told: told)
            }
        }
        // Each other factor that is a name (an input's variance) added to the squared one.
        for other in others {
            guard case .name = factors[other].kind else { continue }
            let (first, second) = (text(factors[squared]), text(factors[other]))
            guard let sum = number("\(first) + \(second)"), let product = number("\(first) * \(second)")
            else {
                continue
            }
            let rest = factors.indices.filter { $0 != squared && $0 != other }.map { text(factors[$0]) }
            let rewritten = (rest + ["(\(first) + \(second))"]).joined(separator: " * ")
            add(
                .variancesAdded, [(root.range, rewritten)],
                told: Phrase(
                    MeaningKey.variancesAdded,
                    ["first": first, "second": second, "sum": sum, "product": product]))
        }
    }
}
