import AnswerLanguage
import Wording

/// What a class index means: a setup name that picks one class out of a few (`p[target]`,
/// `F.one_hot(tensor(target), 4)`, `torch.eye(4)[target]`, a cross-entropy's `tensor([target])`)
/// replaced by another class — the class of the largest score said as such —, a one-hot row taken
/// as 1 for every class, and a calculation with one value per class cut down to the target's entry.
extension MeaningGenerator {
    /// The most classes whose every other class is a mutant.
    static let classLimit = 10

    mutating func classRules(_ root: ExpressionSyntax) {
        let all = Self.nodes(root)
        var classes: [(name: String, index: Int, count: Int)] = []
        func found(_ name: String, _ index: Double?, _ count: Int?) {
            guard let index, let count, (2...Self.classLimit).contains(count), index == index.rounded(),
                index >= 0, index < Double(count), !classes.contains(where: { $0.name == name })
            else { return }
            classes.append((name, Int(index), count))
        }
        var scores: ExpressionSyntax? = scoreCalls(root).first?.operand
        // One-hot rows of a class (`F.one_hot(tensor(t), C)`, `torch.eye(C)[t]`).
        var oneHots: [(range: SourceRange, name: String)] = []
        for node in all {
            switch node.kind {
            case .subscript(let base, let items):
                guard items.count == 1, case .index(let index) = items[0], case .name(let name) = index.kind
                else {
                    continue
                }
                if let shape = shape(base), shape.count == 1 {
                    found(name, scalar(index), shape[0])
                    if scores == nil, Self.isPlain(base) { scores = base }
                } else if case .call(let callee, let arguments) = base.kind,
                    MutantGenerator.calleeName(callee) == "eye", arguments.count == 1,
                    case .integer(let count) = arguments[0].value.kind
                {
                    found(name, scalar(index), count)
                    oneHots.append((node.range, name))
                }
            case .call(let callee, let arguments):
                let called = MutantGenerator.calleeName(callee)
                if called == "one_hot", arguments.count == 2,
                    let name = Self.tensorOfName(arguments[0].value, listed: false),
                    case .integer(let count) = arguments[1].value.kind
                {
                    found(name, value(name)?.values.first, count)
                    oneHots.append((node.range, name))
                }
                if called == "cross_entropy" || called == "nll_loss", arguments.count >= 2,
                    let name = Self.tensorOfName(arguments[1].value, listed: true),
                    let shape = shape(arguments[0].value), let last = shape.last
                {
                    found(name, value(name)?.values.first, last)
                }
            default:
                continue
            }
        }
        // An index is a class only where the calculation reads scores or one-hot targets: `v[i]`
        // alone is any index.
        guard !classes.isEmpty, !scoreCalls(root).isEmpty || !oneHots.isEmpty else { return }
        var largest: Int?
        if let scores, let values = value(text(scores))?.values, values.count >= 2,
            let top = values.indices.max(by: { values[$0] < values[$1] }),
            values.filter({ $0 == values[top] }).count == 1
        {
            largest = top
        }
        let whole = value(text(root))
        for entry in classes {
            let uses = all.filter { node in
                if case .name(entry.name) = node.kind { return true }
                return false
            }
            for other in 0..<entry.count where other != entry.index {
                add(
                    .otherClass, uses.map { ($0.range, "\(other)") },
                    told: Phrase(
                        MeaningKey.otherClass, ["yours": other, "name": entry.name, "theirs": entry.index]))
            }
            // The class of the largest score, found as such (`argmax`): with other scores it is
            // another class, so it is a mutant of its own.
            if let largest, largest != entry.index, let scores {
                add(
                    .otherClass, uses.map { ($0.range, "int((\(text(scores))).argmax())") },
                    told: Phrase(
                        MeaningKey.largestClass,
                        ["yours": largest, "name": entry.name, "theirs": entry.index]))
            }
            // The one-hot target taken as 1 for every class.
            for node in all where oneHots.contains(where: { $0.range == node.range && $0.name == entry.name })
            {
                add(
                    .oneHotEverywhere, [(node.range, "1")],
                    told: Phrase(MeaningKey.oneHotEverywhere, ["name": entry.name, "index": entry.index]))
            }
            if let whole, whole.shape == [entry.count] {
                add(
                    .targetEntryOnly, [(root.range, "(\(text(root)))[\(entry.name)]")],
                    told: Phrase(
                        MeaningKey.targetEntryOnly,
                        ["name": entry.name, "index": entry.index, "count": entry.count]))
            }
        }
    }

    /// `tensor(t)` / `torch.tensor(t)` (or, `listed`, `tensor([t])`): the name `t`.
    static func tensorOfName(_ node: ExpressionSyntax, listed: Bool) -> String? {
        guard case .call(let callee, let arguments) = node.kind,
            MutantGenerator.calleeName(callee) == "tensor",
            arguments.count == 1
        else { return nil }
        var inside = arguments[0].value
        if listed {
            guard case .list(let items) = inside.kind, items.count == 1 else { return nil }
            inside = items[0]
        }
        if case .name(let name) = inside.kind { return name }
        return nil
    }
}
