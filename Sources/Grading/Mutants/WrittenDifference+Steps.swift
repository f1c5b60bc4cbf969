/// An answer that is the calculation with one step more or one step fewer, everything else
/// written alike: an activation added after a layer (`relu(conv2d(x, w))`), the body applied
/// twice (`f(f(x))`), the skip added once more (`relu(f(x) + x) + x`), a final `relu` left out.
/// A step is a call or an arithmetic operator around one part of the calculation.
extension WrittenDifference {
    /// One step added or left out.
    struct Step: Hashable, Sendable {
        /// Whether the answer has the step the calculation does not (else the calculation has
        /// it and the answer not).
        var added: Bool
        /// The step as written, its part shown as `…`: `relu(…)`, `… + x`.
        var written: String
        /// The part it is applied to, as the learner wrote it; nil when it is the whole
        /// calculation (the step comes at the end).
        var part: String?
        /// The activation the step is, when it is one (its sentence says what it does).
        var operation: Operation?
        /// Whether the step is a call (`torch.sqrt(…)`), not an operator around a part.
        var isCall = false
        /// Whether the step is `… + 1` around a position (`argmin`, `argmax`, a pair's indices):
        /// the position counted from 1 (added) or from 0 (left out).
        var countsFromOne = false
    }

    /// Whether `tree` gives positions: an `argmin` or `argmax`, or the indices of a pair
    /// (`max(…).indices`, `sort(…)[1]`), a number read out around it or not.
    static func givesPositions(_ tree: CallTree) -> Bool {
        let name = tree.scalarRead.calleeName
        return ["argmin", "argmax"].contains(name) || name.hasSuffix(".indices") || name.hasSuffix("[1]")
    }

    /// The longest step and part quoted.
    static let longestStep = 32

    /// Operators a step may be (the tag of a binary or unary node, `∘` for the operands).
    private static let stepOperators: Set<String> = [
        "∘+∘", "∘-∘", "∘*∘", "∘/∘", "∘//∘", "∘**∘", "∘@∘", "-∘",
    ]

    /// How `answer` is `reference` with one step added or left out; nil otherwise.
    static func step(_ answer: CallTree, _ reference: CallTree) -> WrittenDifference? {
        guard answer.key != reference.key else { return nil }
        if let step = stepAdded(answer, reference, added: true, atEnd: true) {
            return WrittenDifference(arguments: [], step: step)
        }
        if let step = stepAdded(reference, answer, added: false, atEnd: true) {
            return WrittenDifference(arguments: [], step: step)
        }
        return nil
    }

    /// `outer` is `inner` with one step around one of its parts.
    private static func stepAdded(_ outer: CallTree, _ inner: CallTree, added: Bool, atEnd: Bool) -> Step? {
        if let step = wrap(outer, around: inner, added: added, atEnd: atEnd) { return step }
        guard let pairs = childPairs(outer, inner) else { return nil }
        let differing = pairs.filter { $0.0.key != $0.1.key }
        guard differing.count == 1 else { return nil }
        return stepAdded(differing[0].0, differing[0].1, added: added, atEnd: false)
    }

    /// The step `outer` is around `inner`, when one of its parts is `inner`.
    private static func wrap(_ outer: CallTree, around inner: CallTree, added: Bool, atEnd: Bool) -> Step? {
        let parts: [CallTree]
        switch outer.kind {
        case .plain(let tag):
            guard stepOperators.contains(tag) else { return nil }
            parts = outer.children
        case .call:
            parts = outer.order.filter { $0 != "#callee" }.compactMap { outer.arguments[$0]?.tree }
        }
        let holes = parts.filter { $0.key == inner.key }
        guard holes.count == 1, let hole = holes.first, let start = outer.offset, let at = hole.offset else {
            return nil
        }
        let scalars = Array(outer.text.unicodeScalars)
        let lower = at - start
        let upper = lower + hole.text.unicodeScalars.count
        guard lower >= 0, upper <= scalars.count else { return nil }
        var written = String.UnicodeScalarView()
        written.append(contentsOf: scalars[..<lower])
        written.append(contentsOf: "…".unicodeScalars)
        written.append(contentsOf: scalars[upper...])
        let step = String(written)
        let part = added ? hole.text : inner.text
        guard step.count <= longestStep, atEnd || part.count <= longest else { return nil }
        let operation = outer.isCall ? Operation.called(outer.calleeName) : nil
        var counted = false
        if case .plain("∘+∘") = outer.kind, outer.children.count == 2, outer.children[0].key == hole.key,
            case .plain("int:1") = outer.children[1].kind, givesPositions(hole)
        {
            counted = true
        }
        return Step(
            added: added, written: step, part: atEnd ? nil : part,
            operation: [.relu, .sigmoid, .tanh].contains(operation) ? operation : nil, isCall: outer.isCall,
            countsFromOne: counted)
    }

    /// The parts of two nodes of the same kind, paired; nil when they are not the same kind of
    /// node (another operator, another callee, other arguments given).
    private static func childPairs(_ a: CallTree, _ b: CallTree) -> [(CallTree, CallTree)]? {
        switch (a.kind, b.kind) {
        case (.plain(let x), .plain(let y)):
            guard x == y, a.children.count == b.children.count else { return nil }
            return Array(zip(a.children, b.children))
        case (.call(let x, _), .call(let y, _)):
            guard x == y, Set(a.arguments.keys) == Set(b.arguments.keys) else { return nil }
            return a.order.compactMap { name in
                guard let p = a.arguments[name], let q = b.arguments[name] else { return nil }
                return (p.tree, q.tree)
            }
        default:
            return nil
        }
    }
}
