import AnswerLanguage

/// Slices whose bounds are written in names (`m[top:top + cut, left:left + cut]`), and the parts of
/// a value a step assigns to: the same slips as slices in numbers (`MutantGenerator.subscriptRules`)
/// — an end one index too far or one early, every bound counted from 1 — written on the names, and
/// the target of `m[…] = 0` read as any other index, so that an answer built in steps that zeroes
/// one row too many, or a patch one place up and left, is that change.
extension MutantGenerator {
    /// The parts of values the program's steps assign to (`m[a:b, c:d] = 0`, `k[0] *= 2`), as
    /// expressions to walk.
    static func assignedParts(of program: Program) -> [ExpressionSyntax] {
        var parts: [ExpressionSyntax] = []
        func visit(_ target: AssignmentTarget) {
            switch target {
            case .subscript(let base, let items, let range):
                parts.append(ExpressionSyntax(.subscript(base, items), range: range))
            case .tuple(let targets, _): targets.forEach(visit)
            case .name, .attribute: break
            }
        }
        for statement in program.statements {
            switch statement {
            case .assignment(let targets, _): targets.forEach(visit)
            case .augmentedAssignment(let target, _, _, _): visit(target)
            default: break
            }
        }
        return parts
    }

    /// Each slice bounded by a name or a calculation (`a:a + n`), with no step: its end one
    /// further or one short, one slice at a time and all at once, and every such slice counted
    /// from 1 (each bound one further, or one back where a slice starts at a bound). Slices in
    /// numbers alone are `subscriptRules`'.
    mutating func namedSliceRules(_ items: [SubscriptItem]) {
        var ends: [ExpressionSyntax] = []
        var starts: [ExpressionSyntax?] = []
        for item in items {
            guard case .slice(let start, let stop?, nil, _) = item, Self.integer(stop) == nil,
                start.map({ Self.integer($0) == nil }) ?? true
            else { continue }
            ends.append(stop)
            starts.append(start)
        }
        guard !ends.isEmpty else { return }
        func moved(_ node: ExpressionSyntax, _ by: Int) -> (SourceRange, String) {
            (node.range, "\(text(node)) \(by > 0 ? "+" : "-") 1")
        }
        for stop in ends {
            add(.sliceEndPlusOne, [moved(stop, 1)], piece: text(stop))
            add(.sliceEndInclusive, [moved(stop, -1)], piece: text(stop))
        }
        if ends.count > 1 {
            add(.sliceEndPlusOne, ends.map { moved($0, 1) }, piece: "")
            add(.sliceEndInclusive, ends.map { moved($0, -1) }, piece: "")
        }
        // Counted from 1: only where every such slice says where it starts.
        let bounded = starts.compactMap { $0 }
        guard bounded.count == starts.count else { return }
        add(.sliceOneBased, (ends + bounded).map { moved($0, 1) }, piece: "")
        add(.sliceOneBased, (ends + bounded).map { moved($0, -1) }, piece: "")
    }
}

extension Mutant {
    /// Whether the answer typed as `source` writes the slices in names this mutant moved by one
    /// (`left:left + size - 1`), where its change is a slice's end or start moved: the same values
    /// typed otherwise (`left:left + 2`, a number where the name belongs) made another slip.
    func writesNamedSlices(_ source: String) -> Bool {
        guard changes.contains(where: { PreparedExercise.sliceMoves.contains($0.misconception) }) else {
            return true
        }
        let moved = Self.slices(in: self.source, assignedParts: true).filter { slice in
            slice.contains(where: \.isLetter) && (slice.contains("+1") || slice.contains("-1"))
        }
        return moved.isSubset(of: Self.slices(in: source, assignedParts: true))
    }
}
