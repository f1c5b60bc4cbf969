import AnswerLanguage

/// Rounding toward zero (`int(…)`, `.long()`, `math.trunc`, `.to(torch.int64)`) and rounding down
/// (`.floor()`, `//`) are one rounding wherever what is rounded is not negative — a width, a size,
/// a count at the setup's numbers. The perturbed setup puts negative numbers in
/// (`PerturbedSetup.replacements`), where the two part, so an answer that truncates where the
/// reference floors (or back) would seem right "on this data only". Before that is said, both are
/// run once more with every truncation written as a floor: a right answer agrees then.
extension PerturbedSetup {
    /// Whether `answer` and `reference` agree in the perturbed setup once every truncation in
    /// either is written as a floor; false when neither truncates or a run fails or is stopped.
    func agreesFlooringTruncations(_ answer: String, reference: String, comparer: Comparer) -> Bool {
        guard let floored = Self.flooringTruncations(answer),
            let flooredReference = Self.flooringTruncations(reference),
            floored != answer || flooredReference != reference
        else { return false }
        let moved = value(of: floored)
        let changed = value(of: flooredReference)
        guard let moved, let changed, !wasStopped(floored), !wasStopped(flooredReference) else {
            return false
        }
        return comparer.matches(moved, changed)
    }

    /// `source` with every truncation written as a floor of the same value (`int(x)` as
    /// `int((x) // 1)`, `x.long()` as `(x).floor().long()`, `math.trunc(x)` as `math.floor(x)`);
    /// nil when it does not parse.
    static func flooringTruncations(_ source: String) -> String? {
        guard let program = try? Parser.parse(source) else { return nil }
        let text = SourceText(source)
        var found: [Truncation] = []
        for root in program.valueExpressions {
            for node in MeaningGenerator.nodes(root) {
                if let truncation = truncation(node, text) { found.append(truncation) }
            }
        }
        guard !found.isEmpty else { return source }
        return rewrite(0..<text.scalars.count, found, text)
    }

    /// A truncation: the call's range, the range of what it rounds, and how a floor of that is
    /// written.
    private struct Truncation {
        var whole: Range<Int>
        var operand: Range<Int>
        var floor: (String) -> String
    }

    private static let integerTypes: Set<String> = [
        "torch.long", "torch.int64", "torch.int", "torch.int32", "torch.int16", "torch.int8",
        "torch.LongTensor",
        "torch.IntTensor",
    ]

    private static func truncation(_ node: ExpressionSyntax, _ text: SourceText) -> Truncation? {
        guard case .call(let callee, let arguments) = node.kind,
            arguments.allSatisfy({ $0.name == nil && !$0.isSpread })
        else { return nil }
        let whole = node.range.lowerBound.offset..<node.range.upperBound.offset
        func range(_ node: ExpressionSyntax) -> Range<Int> {
            node.range.lowerBound.offset..<node.range.upperBound.offset
        }
        switch callee.kind {
        case .name("int") where arguments.count == 1:
            return Truncation(whole: whole, operand: range(arguments[0].value)) { "int((\($0)) // 1)" }
        case .attribute(let base, let name, _):
            let owner = text(base)
            if owner == "math", name == "trunc", arguments.count == 1 {
                return Truncation(whole: whole, operand: range(arguments[0].value)) { "math.floor(\($0))" }
            }
            if owner == "torch", ["trunc", "fix"].contains(name), arguments.count == 1 {
                return Truncation(whole: whole, operand: range(arguments[0].value)) { "torch.floor(\($0))" }
            }
            if ["trunc", "fix"].contains(name), arguments.isEmpty {
                return Truncation(whole: whole, operand: range(base)) { "(\($0)).floor()" }
            }
            if ["long", "int"].contains(name), arguments.isEmpty {
                return Truncation(whole: whole, operand: range(base)) { "(\($0)).floor().\(name)()" }
            }
            if ["to", "type"].contains(name), arguments.count == 1,
                integerTypes.contains(text(arguments[0].value))
            {
                let type = text(arguments[0].value)
                return Truncation(whole: whole, operand: range(base)) { "(\($0)).floor().\(name)(\(type))" }
            }
            return nil
        default:
            return nil
        }
    }

    /// The text of `range` with the outermost truncations inside it written as floors, each of
    /// their operands rewritten the same way.
    private static func rewrite(_ range: Range<Int>, _ found: [Truncation], _ text: SourceText) -> String {
        let inside = found.filter {
            range.contains($0.whole.lowerBound) && $0.whole.upperBound <= range.upperBound
        }
        let outermost = inside.filter { candidate in
            !inside.contains { other in
                other.whole != candidate.whole && other.whole.lowerBound <= candidate.whole.lowerBound
                    && candidate.whole.upperBound <= other.whole.upperBound
            }
        }.sorted { $0.whole.lowerBound < $1.whole.lowerBound }
        var result = ""
        var position = range.lowerBound
        for truncation in outermost where truncation.whole.lowerBound >= position {
            result += piece(position..<truncation.whole.lowerBound, text)
            result += truncation.floor(rewrite(truncation.operand, found, text))
            position = truncation.whole.upperBound
        }
        result += piece(position..<range.upperBound, text)
        return result
    }

    private static func piece(_ range: Range<Int>, _ text: SourceText) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.scalars[range])
        return String(view)
    }
}
