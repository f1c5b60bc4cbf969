import AnswerLanguage

/// The edits only an answer that is a formula gets (`MutantGenerator.arithmetic`): slips of
/// writing a formula rather than of understanding a layer — brackets left out, two names
/// swapped, a term or factor counted twice, a part added where it is subtracted, the `+ 1` of an
/// output size added before dividing. They make many mutants that
/// land on the same small numbers; `FormulaCatalogue` tells them apart by evaluating each at
/// several points.
extension MutantGenerator {
    mutating func formulaRules(
        _ node: ExpressionSyntax, _ op: BinaryOperator, _ left: ExpressionSyntax, _ right: ExpressionSyntax
    ) {
        let l = text(left)
        let r = text(right)
        let symbol = op.rawValue
        // Brackets left out: a sum inside a product, a ratio or a power, or a difference
        // subtracted, written without its brackets (`f - 1 // 2`).
        // Brackets left out: a sum inside a product, a ratio or a power, or a difference
        // subtracted, written without its brackets (`f - 1 // 2`). The brackets are taken out of
        // the whole source, so the formula reads as the learner's would; one that only drops a
        // `1 *` (`(a + 1) * b` → `a + b`) is another slip.
        if [.multiply, .divide, .floorDivide, .power].contains(op) {
            if case .binary(let inner, _, let adjacent) = left.kind, inner == .add || inner == .subtract,
                op != .multiply || Self.integer(adjacent) != 1
            {
                dropBrackets(left)
            }
            if case .binary(let inner, let adjacent, _) = right.kind, inner == .add || inner == .subtract,
                op != .multiply || Self.integer(adjacent) != 1
            {
                dropBrackets(right)
            }
            if op != .multiply, op != .power, case .binary(.multiply, _, _) = right.kind {
                dropBrackets(right)
            }
        }
        if op == .subtract, Self.isSum(right) { dropBrackets(right) }
        if op == .add || op == .subtract {
            // A term counted twice (`n - 2 * f + 1`, the weights of a layer counted twice). Not a
            // term with a number in front (`2 * 32` as `4 * 32` is another count, not the same
            // one twice).
            for (term, isRight) in [(left, false), (right, true)]
            where !Self.isNumber(term) && !Self.isSum(term) && !Self.hasNumberFactor(term) {
                let doubled = "2 * \(text(term))"
                replace(
                    node, by: isRight ? "\(l) \(symbol) \(doubled)" : "\(doubled) \(symbol) \(r)",
                    as: .termCountedTwice, piece: text(term))
            }
            // `a - b + c` → `a + b - c`: the part `b - c` added where it is subtracted (a
            // kernel's f − 1 added: the size of a full convolution).
            if op == .add, case .binary(.subtract, let a, let b) = left.kind, !Self.isNumber(b),
                Self.unbracketed(text(b)) == text(b)
            {
                replace(
                    node, by: "\(text(a)) + (\(text(b)) - \(r))", as: .groupAddedForSubtracted,
                    piece: "\(text(b)) - \(r)")
            }
        }
        // `(a - b) // c` → `a // c - b // c`: each part divided and rounded down on its own (the
        // centre's offset as half the image less half the crop), which can gain or lose a step.
        if op == .floorDivide, case .binary(let inner, let a, let b) = left.kind,
            inner == .add || inner == .subtract, !Self.isNumber(a), !Self.isNumber(b)
        {
            // Both parts quantities: `1 // 2` of `(f - 1) // 2` is no half of anything.
            let apart = "\(text(a)) // \(r) \(inner.rawValue) \(text(b)) // \(r)"
            replace(node, by: apart, as: .floorTakenApart, piece: apart)
        }
        // `(a - b) // c` → `a // c - b`: a term taken out of the division (the kernel subtracted
        // after the stride divides the padded size, `(n + 2 * p) // s - f + 1`).
        // Only a floor divided by a name (a stride): few mutants, where sizes are.
        if op == .floorDivide, Self.name(right) != nil, case .binary(let inner, let a, let b) = left.kind,
            inner == .add || inner == .subtract, !Self.isNumber(a), !Self.isNumber(b)
        {
            replace(
                node, by: "(\(text(a))) \(symbol) \(r) \(inner.rawValue) \(text(b))",
                as: .termOutsideDivision,
                piece: text(b))
        }
        // `x // s + 1` → `(x + 1) // s`: the + 1 of an output size added before dividing.
        if op == .add, Self.integer(right) == 1, case .binary(let division, let a, let b) = left.kind,
            division == .floorDivide || division == .divide
        {
            replace(
                node, by: "(\(text(a)) + 1) \(division.rawValue) \(text(b))", as: .plusOneBeforeDividing,
                piece: "+ 1")
        }
        if op == .multiply {
            // `c * (a - b)` → `c * a - b`: the factor multiplying only part of a difference (the
            // `- 1` of ten layers' `10 * (5 - 1)` taken once). Sums are `MutantGenerator`'s own.
            for (group, other) in [(left, r), (right, l)] {
                if case .binary(.subtract, let a, let b) = group.kind {
                    replace(
                        node, by: "\(text(a)) * \(other) - \(text(b))", as: .distributionForgotten,
                        piece: other)
                }
            }
            // A factor counted twice (`C * C * K * K`: every filter given every channel).
            for operand in [left, right] {
                guard let name = Self.name(operand), isInteger(name) else { continue }
                replace(node, by: "\(l) * \(r) * \(name)", as: .factorCountedTwice, piece: name)
            }
        }
    }

    /// The brackets around `group` taken out of the source, when it has them.
    private mutating func dropBrackets(_ group: ExpressionSyntax) {
        let written = text(group)
        let inside = Self.unbracketed(written)
        guard inside != written else { return }
        let open = group.range.lowerBound
        let close = group.range.upperBound
        func one(_ offset: Int) -> SourceRange {
            SourceRange(
                SourceLocation(line: open.line, column: 0, offset: offset),
                SourceLocation(line: open.line, column: 0, offset: offset + 1))
        }
        add(.bracketsDropped, [(one(open.offset), ""), (one(close.offset - 1), "")], piece: inside)
    }

    /// Two whole-number names swapped everywhere (`s` and `f`). (One name written where another
    /// belongs at one place is left out: `(H - S) // S + 1` is `H // S` whatever the learner
    /// meant, so such a story is as often a coincidence as not.)
    mutating func swapNames(in program: Program) {
        var places: [(String, SourceRange)] = []
        func visit(_ node: ExpressionSyntax) {
            if case .name(let name) = node.kind, isInteger(name) { places.append((name, node.range)) }
            if let atom = wholeAtom(node) { return places.append((atom, node.range)) }
            for child in node.kind.children { visit(child) }
        }
        for statement in program.statements {
            if case .expression(let expression) = statement { visit(expression) }
        }
        var names: [String] = []
        for (name, _) in places where !names.contains(name) { names.append(name) }
        guard names.count >= 2, names.count <= 6 else { return }
        for (i, a) in names.enumerated() {
            for b in names[(i + 1)...] {
                let edits = places.compactMap { place -> (SourceRange, String)? in
                    place.0 == a ? (place.1, b) : place.0 == b ? (place.1, a) : nil
                }
                add(.namesSwapped, edits, piece: "\(a) \(b)")
            }
        }
    }

    /// `text` without the brackets around all of it, if it has them (`(f - 1)` → `f - 1`; not
    /// `(a) * (b)`).
    static func unbracketed(_ text: String) -> String {
        guard text.hasPrefix("("), text.hasSuffix(")") else { return text }
        var depth = 0
        for (index, character) in text.enumerated() {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0, index < text.count - 1 { return text }
        }
        return String(text.dropFirst().dropLast())
    }

    /// A product with a coefficient among its factors (`2 * p`, `0.5 * x`): a 0, 1, 2 or a real.
    static func hasNumberFactor(_ node: ExpressionSyntax) -> Bool {
        guard case .binary(let op, let a, let b) = node.kind, op == .multiply else { return false }
        func coefficient(_ factor: ExpressionSyntax) -> Bool {
            if case .float = factor.kind { return true }
            return integer(factor).map { (0...2).contains($0) } ?? false
        }
        return coefficient(a) || coefficient(b) || hasNumberFactor(a) || hasNumberFactor(b)
    }

    /// A sum or difference (which needs brackets inside a product).
    static func isSum(_ node: ExpressionSyntax) -> Bool {
        if case .binary(let op, _, _) = node.kind { return op == .add || op == .subtract }
        return false
    }
}
