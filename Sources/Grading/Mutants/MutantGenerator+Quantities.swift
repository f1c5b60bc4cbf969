import AnswerLanguage

/// Edits of what a formula's quantities and coefficients are (formulas only,
/// `MutantGenerator.arithmetic`): the window moved by its own size where it moves by the stride,
/// the dilation taken as a stride, one name written where another belongs, a count one too low or
/// too high, a `+ 1` or `- 1` added, a term halved or the whole doubled, rounded up for down. Each
/// lands on many small numbers, so each is told only of an answer that is the same formula at
/// several points (`FormulaCatalogue`).
extension MutantGenerator {
    /// The rules at one arithmetic node.
    mutating func quantityRules(
        _ node: ExpressionSyntax, _ op: BinaryOperator, _ left: ExpressionSyntax, _ right: ExpressionSyntax
    ) {
        if op == .add, Self.integer(right) == 1 {
            positionRules(node, count: left)
            // `L * (K - 1) + 1` → `L * (K - 1) + K`: a name of the count where its `+ 1` belongs
            // (the first window counted whole on top of every step).
            for name in Set(names(in: left).map(\.0)).sorted() where isInteger(name) {
                add(.nameForOne, [(right.range, name)], piece: name)
            }
        }
        if op == .add || op == .subtract {
            // A term halved (the shrink of ten layers taken as half of it: one side only), a
            // difference halved before its `+ 1` (`(n - f) / 2 + 1`, a stride of 2 imagined), or a
            // name halved (`n - f / 2`, half the kernel taken off).
            for term in [left, right] {
                let written = text(term)
                switch term.kind {
                case .binary(let inner, _, _) where inner == .multiply || inner == .floorDivide:
                    replace(term, by: "\(written) / 2", as: .termHalved, piece: written, wrapping: true)
                    replace(term, by: "\(written) // 2", as: .termHalved, piece: written, wrapping: true)
                case .binary(let inner, _, _) where (inner == .add || inner == .subtract) && op == .add:
                    let inside = Self.unbracketed(written)
                    replace(term, by: "(\(inside)) / 2", as: .termHalved, piece: inside, wrapping: true)
                    replace(term, by: "(\(inside)) // 2", as: .termHalved, piece: inside, wrapping: true)
                case .name(let name) where isInteger(name):
                    replace(term, by: "\(name) / 2", as: .termHalved, piece: name, wrapping: true)
                default: break
                }
            }
        }
        if op == .multiply, let symbol = operatorRange(left, right, "*") {
            // `2 * 3 * 4` → `2 + 3 * 4`: a plus typed for a times, precedence then binding the rest
            // (the bracketed `(2 + 3) * 4` is `MutantGenerator`'s own).
            add(.sumForProduct, [(symbol, "+")], piece: "*")
        }
        if op == .multiply {
            // `2 * p` → `p * p`: doubled taken as squared.
            for (two, other) in [(left, right), (right, left)] where Self.integer(two) == 2 {
                guard let name = Self.name(other), isInteger(name) else { continue }
                replace(node, by: "\(name) * \(name)", as: .squaredForDoubled, piece: "\(name) * \(name)")
                replace(node, by: "\(name) ** 2", as: .squaredForDoubled, piece: "\(name) ** 2")
            }
            // A count one too low or too high: `L * (K - 1)` → `(L - 1) * (K - 1)`.
            for (count, other) in [(left, right), (right, left)] where !Self.isNumber(other) {
                guard let name = Self.name(count), isInteger(name) else { continue }
                add(.countOffByOne, [(count.range, "(\(name) - 1)")], piece: "\(name) - 1")
                add(.countOffByOne, [(count.range, "(\(name) + 1)")], piece: "\(name) + 1")
            }
        }
        if op == .floorDivide {
            replace(
                node, by: "math.ceil(\(text(left)) / \(text(right)))", as: .ceilForFloor, piece: "//")
        }
    }

    /// `count + 1`, the positions of a window: the window moved by its own size, and the dilation
    /// taken as the stride.
    private mutating func positionRules(_ node: ExpressionSyntax, count: ExpressionSyntax) {
        switch count.kind {
        case .binary(.subtract, _, let window):
            // `n - f + 1` → `(n - f) // f + 1`: windows that do not overlap.
            if let name = Self.name(window), isInteger(name) {
                replace(node, by: "(\(text(count))) // \(name) + 1", as: .strideAsWindow, piece: name)
            }
            dilationAsStride(node, count: count, window: window)
        case .binary(let division, let difference, let stride)
        where division == .floorDivide || division == .divide:
            // `(H - K) // S + 1` → `(H - K) // K + 1`.
            // `(n + 2 * p - f) // s + 1` → `n // s`: the size divided by the stride, nothing else.
            if let size = Self.leftmostName(difference), isInteger(size),
                Self.name(stride).map(isInteger) == true
            {
                let only = "\(size) \(division.rawValue) \(text(stride))"
                replace(node, by: only, as: .strideOnly, piece: only)
                // The same written with the other division (`n / s` for `n // s`): the size over
                // the stride is what the learner thought, rounded or not.
                let other = division == .floorDivide ? BinaryOperator.divide : .floorDivide
                let written = "\(size) \(other.rawValue) \(text(stride))"
                replace(node, by: written, as: .strideOnly, piece: written)
            }
            guard case .binary(.subtract, _, let window) = difference.kind, let name = Self.name(window),
                isInteger(name), text(stride) != name
            else { return }
            add(.strideAsWindow, [(stride.range, name)], piece: name)
        default:
            break
        }
    }

    /// `H - (D * (K - 1) + 1) + 1` → `(H - (1 * (K - 1) + 1)) // D + 1`: the dilation's spacing
    /// taken as the window's steps.
    private mutating func dilationAsStride(
        _ node: ExpressionSyntax, count: ExpressionSyntax, window: ExpressionSyntax
    ) {
        let dilations = names(in: window).filter { Self.dilationNames.contains($0.0) && isInteger($0.0) }
        guard let dilation = dilations.first?.0 else { return }
        let undilated = text(count, replacing: dilations.map { ($0.1, "1") })
        replace(node, by: "(\(undilated)) // \(dilation) + 1", as: .strideForDilation, piece: "")
    }

    /// Rules on the whole formula: a `+ 1` or `- 1` added, the whole halved or doubled, and the
    /// dilation taken as the stride where the formula is a size without its `+ 1`
    /// (`H - D * (K - 1)`).
    mutating func wholeFormulaRules(_ whole: ExpressionSyntax) {
        guard isArithmetic(whole), !Self.isNumber(whole) else { return }
        let written = text(whole)
        // The piece as a formula is written, without brackets a change before left around it.
        let piece = Formula.parse(written)?.source ?? written
        replace(whole, by: "\(written) + 1", as: .plusOneAdded, piece: "+ 1", wrapping: true)
        replace(whole, by: "\(written) - 1", as: .minusOneAdded, piece: "- 1", wrapping: true)
        replace(whole, by: "(\(written)) // 2", as: .termHalved, piece: piece, wrapping: true)
        replace(whole, by: "(\(written)) / 2", as: .termHalved, piece: piece, wrapping: true)
        replace(whole, by: "2 * (\(written))", as: .formulaDoubled, piece: piece, wrapping: true)
        if case .binary(.subtract, _, let window) = whole.kind {
            let dilations = names(in: window).filter { Self.dilationNames.contains($0.0) && isInteger($0.0) }
            if let dilation = dilations.first?.0 {
                let undilated = text(whole, replacing: dilations.map { ($0.1, "1") })
                replace(whole, by: "(\(undilated) - 1) // \(dilation) + 1", as: .strideForDilation, piece: "")
            }
        }
    }

    /// One of the formula's whole-number names written where another belongs, at one place.
    mutating func nameForName(in program: Program) {
        var places: [(String, SourceRange)] = []
        for statement in program.statements {
            if case .expression(let expression) = statement { places += names(in: expression) }
        }
        let distinct = Set(places.map(\.0)).filter(isInteger).sorted()
        guard distinct.count >= 2, distinct.count <= 6 else { return }
        for (name, range) in places where isInteger(name) {
            for other in distinct where other != name {
                add(.nameForName, [(range, other)], piece: other)
            }
        }
    }

    /// Where the operator `symbol` between `left` and `right` is written.
    private func operatorRange(_ left: ExpressionSyntax, _ right: ExpressionSyntax, _ symbol: Unicode.Scalar)
        -> SourceRange?
    {
        let lower = left.range.upperBound.offset
        let upper = right.range.lowerBound.offset
        guard lower < upper, upper <= scalars.count,
            let index = (lower..<upper).first(where: { scalars[$0] == symbol })
        else { return nil }
        return SourceRange(
            SourceLocation(line: 1, column: 0, offset: index),
            SourceLocation(line: 1, column: 0, offset: index + 1))
    }

    /// Each whole-number name squared at one place (`K * K - 1` for `K - 1`: the kernel's area
    /// where its width belongs). Paddings, strides and dilations are amounts, not sides; a factor
    /// of a product squared is that factor counted twice (`factorCountedTwice`'s story).
    mutating func nameSquared(in program: Program) {
        var places: [(String, SourceRange)] = []
        var factors: Set<Int> = []
        func visit(_ node: ExpressionSyntax) {
            if case .binary(.multiply, let left, let right) = node.kind {
                for operand in [left, right] where Self.name(operand) != nil {
                    factors.insert(operand.range.lowerBound.offset)
                }
            }
            for child in node.kind.children { visit(child) }
        }
        for statement in program.statements {
            if case .expression(let expression) = statement {
                places += names(in: expression)
                visit(expression)
            }
        }
        let amounts = Self.paddingNames.union(Self.strideNames).union(Self.dilationNames)
        for (name, range) in places
        where isInteger(name) && !amounts.contains(name) && !factors.contains(range.lowerBound.offset) {
            add(.nameSquared, [(range, "(\(name) * \(name))")], piece: "\(name) * \(name)")
            add(.nameSquared, [(range, "(\(name) ** 2)")], piece: "\(name) ** 2")
        }
    }

    /// The name a sum or difference starts with (`n` of `n + 2 * p - f`), if it starts with one.
    static func leftmostName(_ node: ExpressionSyntax) -> String? {
        switch node.kind {
        case .name(let name): name
        case .binary(let op, let left, _) where op == .add || op == .subtract: leftmostName(left)
        default: nil
        }
    }

    /// The names in `node`, with where each is written.
    private func names(in node: ExpressionSyntax) -> [(String, SourceRange)] {
        if case .name(let name) = node.kind { return [(name, node.range)] }
        if let atom = wholeAtom(node) { return [(atom, node.range)] }
        return node.kind.children.flatMap { names(in: $0) }
    }

    /// The name of the atom `node` is (`Formula+Atoms`), when it is one the formula reads as a
    /// whole number (`box[2]` in `box[2] - box[0]`): it moves, and is written for another, as a
    /// name is.
    func wholeAtom(_ node: ExpressionSyntax) -> String? {
        switch node.kind {
        case .subscript, .attribute, .call:
            let name = Formula.atomName(text(node))
            return isInteger(name) ? name : nil
        default: return nil
        }
    }

    /// `node`'s text with the ranges inside it replaced.
    private func text(_ node: ExpressionSyntax, replacing edits: [(SourceRange, String)]) -> String {
        var result = ""
        var position = node.range.lowerBound.offset
        for (range, replacement) in edits.sorted(by: { $0.0.lowerBound.offset < $1.0.lowerBound.offset }) {
            guard range.lowerBound.offset >= position, range.upperBound.offset <= node.range.upperBound.offset
            else { continue }
            result += text(
                SourceRange(
                    SourceLocation(line: 1, column: 0, offset: position),
                    SourceLocation(line: 1, column: 0, offset: range.lowerBound.offset)))
            result += replacement
            position = range.upperBound.offset
        }
        result += text(
            SourceRange(
                SourceLocation(line: 1, column: 0, offset: position),
                SourceLocation(line: 1, column: 0, offset: node.range.upperBound.offset)))
        return result
    }
}
