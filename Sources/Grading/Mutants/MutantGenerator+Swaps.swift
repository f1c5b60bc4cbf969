import AnswerLanguage

/// Misconception rules that swap what a call or an operator does: one reduction for another
/// (`.max()` for `.sum()`), one activation for another (`sigmoid` for `relu`), pooling for taking
/// every second pixel and back, one element-wise operator for another on tensors (`-` for `*`),
/// the sums multiplied where the products are summed, a clamp's bound left out or mirrored.
/// `MutantGenerator.mutants(of:swaps:)` makes only these; each explains an answer only when the
/// answer writes the swapped-in operation (`OperationProfile`), so they are kept apart from the
/// mutants a value alone may tell.
extension MutantGenerator {
    /// What a reduction may be taken for. The pairs other rules already make with the reference
    /// unreduced by dimension (`.mean()` for `.sum()` and back, `.max()` for `.mean()`) are left out
    /// there.
    private static let reductionSwaps: [Operation: [Operation]] = [
        .sum: [.mean, .max, .min, .prod, .absSum, .norm],
        .mean: [.sum, .max, .min],
        .max: [.sum, .mean, .min],
        .min: [.sum, .mean, .max],
    ]

    /// The activations a learner may write for one another.
    private static let activationSwaps: [Operation: [Operation]] = [
        .relu: [.sigmoid, .tanh], .sigmoid: [.relu, .tanh], .tanh: [.sigmoid, .relu],
    ]

    mutating func swapRules(_ node: ExpressionSyntax) {
        switch node.kind {
        case .call(let callee, let arguments):
            compositePoolRules(node, callee, arguments)
            reflectAsFlipRule(node, callee, arguments)
            guard let name = Self.calleeName(callee) else { return }
            reductionRules(node, callee, name, arguments)
            poolToSubsampleRules(node, callee, name, arguments)
            if name == "clamp" || name == "clip" { clampRules(node, callee, arguments) }
        case .subscript(let base, let items):
            subsampleToPoolRules(node, base, items)
            wholeMapRule(node, base, items)
        case .binary(let op, let left, let right):
            operatorRules(node, op, left, right)
        default:
            break
        }
    }

    /// The piece of a swap: the reference's operation and the one put in its place.
    static func swapPiece(_ was: Operation, _ now: Operation) -> String { "\(was.rawValue) \(now.rawValue)" }

    // MARK: Reductions

    /// `b.sum(…)`, `torch.sum(b, …)`: another reduction over the same dimensions, and for a sum
    /// or mean of a product, the product of the sums (means).
    private mutating func reductionRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ name: String, _ arguments: [ArgumentSyntax]
    ) {
        guard let was = Operation.called(name), let targets = Self.reductionSwaps[was],
            case .attribute(let owner, _, _) = callee.kind
        else { return }
        let function = ["torch"].contains(text(owner))
        let input: ExpressionSyntax
        var rest = arguments
        if function {
            guard let first = arguments.first, first.name == nil, !first.isSpread else { return }
            input = first.value
            rest.removeFirst()
        } else {
            input = owner
        }
        // `max(dim)` returns values and indices; only a reduction to one number, or over named
        // dimensions (`dim=`), keeps the same kind of result.
        let positional = rest.filter { $0.name == nil }
        guard positional.count <= 1,
            rest.allSatisfy({ $0.name == nil || $0.name == "dim" || $0.name == "keepdim" })
        else { return }
        if (was == .max || was == .min), !rest.isEmpty { return }
        let b = text(input)
        let kept = rest.map(argumentText).joined(separator: ", ")
        let dims = Self.dimensions(rest)
        for now in targets {
            // The swaps other rules make for a plain `.sum()` / `.mean()` stay theirs.
            if rest.isEmpty, !function,
                [(Operation.sum, Operation.mean), (.mean, .sum), (.mean, .max)].contains(where: {
                    $0 == (was, now)
                })
            {
                continue
            }
            let call: String
            switch now {
            case .max, .min:
                // `max(dim)` gives values and indices: over named dimensions, one after the other.
                guard rest.isEmpty || dims != nil else { continue }
                call =
                    rest.isEmpty
                    ? "\(now.rawValue)()"
                    : (dims ?? []).map { "\(now.rawValue)(dim=\($0)).values" }.joined(separator: ".")
            case .prod, .norm:
                guard rest.isEmpty else { continue }
                call = "\(now.rawValue)()"
            case .absSum: call = "abs().sum(\(kept))"
            default: call = "\(now.rawValue)(\(kept))"
            }
            let misconception: Misconception = (was, now) == (.mean, .sum) ? .sumForMean : .reductionSwapped
            let piece = misconception == .sumForMean ? ".mean()" : Self.swapPiece(was, now)
            add(misconception, [(node.range, "(\(b)).\(call)")], piece: piece)
        }
        if was == .sum, rest.isEmpty { partRules(sumOf: input, at: node) }
        // `(a * b).sum()` → `a.sum() * b.sum()`: the sums multiplied where the products are summed.
        if (was == .sum || was == .mean), rest.isEmpty,
            case .binary(.multiply, let left, let right) = input.kind
        {
            add(
                .productOfSums,
                [(node.range, "((\(text(left))).\(was.rawValue)() * (\(text(right))).\(was.rawValue)())")],
                piece: "")
        }
    }

    /// The dimensions a reduction's arguments name (`dim=(2, 3)`, `1`), in the order they can be
    /// reduced one after the other (the last first); nil when they cannot be read, or `keepdim`
    /// is given.
    private static func dimensions(_ arguments: [ArgumentSyntax]) -> [Int]? {
        guard arguments.count == 1, arguments[0].name == nil || arguments[0].name == "dim" else { return nil }
        let value = arguments[0].value
        let items: [ExpressionSyntax]
        switch value.kind {
        case .tuple(let list), .list(let list): items = list
        default: items = [value]
        }
        let numbers = items.compactMap { item -> Int? in
            if let n = integer(item) { return n }
            if case .unary(.negate, let operand) = item.kind, let n = integer(operand) { return -n }
            return nil
        }
        guard numbers.count == items.count, !numbers.isEmpty else { return nil }
        if numbers.allSatisfy({ $0 >= 0 }) { return numbers.sorted(by: >) }
        // Negative dimensions: the one furthest from the end first, so the others keep their place.
        if numbers.allSatisfy({ $0 < 0 }) { return numbers.sorted() }
        return nil
    }

    // MARK: Activations

    /// Every call of one activation (`relu`, `F.relu`, `x.relu()`, `nn.ReLU()`) made another at
    /// once: a learner who takes one for the other writes it everywhere.
    mutating func swapAll(in program: Program) {
        var calls: [Operation: [(callee: ExpressionSyntax, layer: Bool)]] = [:]
        func visit(_ node: ExpressionSyntax) {
            if case .call(let callee, let arguments) = node.kind, let name = Self.calleeName(callee),
                let operation = Operation.called(name), Self.activationSwaps[operation] != nil
            {
                let layer = name.first?.isUppercase == true
                if layer ? arguments.isEmpty : arguments.count <= 1 {
                    calls[operation, default: []].append((callee, layer))
                }
            }
            for child in node.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        for (was, found) in calls.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for now in Self.activationSwaps[was] ?? [] {
                var edits: [(SourceRange, String)] = []
                for (callee, layer) in found {
                    edits.append((callee.range, activationCallee(callee, now, layer: layer)))
                }
                add(.activationSwapped, edits, piece: Self.swapPiece(was, now))
            }
        }
    }

    /// The callee of `now` written as `callee` was: `x.sigmoid`, `torch.sigmoid`, `nn.Sigmoid`.
    private func activationCallee(_ callee: ExpressionSyntax, _ now: Operation, layer: Bool) -> String {
        if layer {
            let name = ["relu": "ReLU", "sigmoid": "Sigmoid", "tanh": "Tanh"][now.rawValue] ?? now.rawValue
            if case .attribute(let base, _, _) = callee.kind { return "\(text(base)).\(name)" }
            return "nn.\(name)"
        }
        if case .attribute(let base, _, _) = callee.kind {
            let owner = text(base)
            // `F.sigmoid` is deprecated in PyTorch: the function form is `torch.sigmoid`.
            return ["F", "nn.functional", "torch.nn.functional", "torch"].contains(owner)
                ? "torch.\(now.rawValue)" : "\(owner).\(now.rawValue)"
        }
        return "torch.\(now.rawValue)"
    }

    // MARK: Pooling and subsampling

    /// `x[:, :, ::s, ::s]` (also `x[..., ::s, ::s]`) → `F.avg_pool2d(x, s)`, `F.max_pool2d(x, s)`:
    /// pooled where every s-th pixel is taken.
    private mutating func subsampleToPoolRules(
        _ node: ExpressionSyntax, _ base: ExpressionSyntax, _ items: [SubscriptItem]
    ) {
        guard items.count >= 2 else { return }
        let last = items.suffix(2).compactMap { item -> Int? in
            guard case .slice(nil, nil, let step?, _) = item, let s = Self.integer(step), s > 1 else {
                return nil
            }
            return s
        }
        guard last.count == 2, last[0] == last[1] else { return }
        let leading = items.dropLast(2)
        let whole = leading.allSatisfy { item in
            if item.isFullSlice { return true }
            if case .index(let index) = item, case .ellipsis = index.kind { return true }
            return false
        }
        guard whole, leading.count == 2 || (leading.count == 1 && !leading[leading.startIndex].isFullSlice)
        else { return }
        for now in [Operation.avgPool, .maxPool] {
            add(
                .poolingSwapped, [(node.range, "F.\(now.written)(\(text(base)), \(last[0]))")],
                piece: Self.swapPiece(.subsample, now))
        }
    }

    /// `F.max_pool2d(x, s)` (window and stride alike, no padding) → `x[:, :, ::s, ::s]`: every s-th
    /// pixel taken where a window is pooled.
    private mutating func poolToSubsampleRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ name: String, _ arguments: [ArgumentSyntax]
    ) {
        guard let was = Operation.called(name), was == .maxPool || was == .avgPool,
            name.first?.isLowercase == true
        else { return }
        let positional = arguments.filter { $0.name == nil && !$0.isSpread }
        guard
            positional.count >= 2
                || (positional.count == 1 && arguments.contains { $0.name == "kernel_size" })
        else { return }
        let window = arguments.first { $0.name == "kernel_size" }?.value ?? positional[1].value
        let stride =
            arguments.first { $0.name == "stride" }?.value
            ?? (positional.count > 2 ? positional[2].value : nil)
        guard positional.count <= 3, !arguments.contains(where: { $0.name == "padding" }),
            let s = Self.integer(window), s > 1, stride.map({ Self.integer($0) == s }) ?? true
        else { return }
        let x = text(positional[0].value)
        add(
            .poolingSwapped, [(node.range, "(\(x))[:, :, ::\(s), ::\(s)]")],
            piece: Self.swapPiece(was, .subsample))
    }

    /// A method call's receiver (`q` of `q.clamp(…)`); nil for a function of `torch` or `F`.
    static func receiver(_ callee: ExpressionSyntax) -> ExpressionSyntax? {
        guard case .attribute(let base, _, _) = callee.kind else { return nil }
        if case .name(let name) = base.kind, ["torch", "F"].contains(name) { return nil }
        return base
    }

    // MARK: Operators

    /// On tensors (not whole-number arithmetic, which the formula rules cover): `*` → `-` and
    /// `+` → `*`, the swaps the other rules do not make.
    private mutating func operatorRules(
        _ node: ExpressionSyntax, _ op: BinaryOperator, _ left: ExpressionSyntax, _ right: ExpressionSyntax
    ) {
        guard !isArithmetic(node), !Self.isNumber(left) || !Self.isNumber(right) else { return }
        let l = text(left)
        let r = text(right)
        switch op {
        case .multiply:
            add(
                .operatorSwapped, [(node.range, "(\(l) - \(r))")], piece: Self.swapPiece(.multiply, .subtract)
            )
        case .add:
            add(.operatorSwapped, [(node.range, "(\(l) * \(r))")], piece: Self.swapPiece(.add, .multiply))
        default:
            break
        }
    }

    // MARK: Clamps

    /// `x.clamp(min=a, max=b)`: one bound left out; a lower bound of 0 taken as −b (clipped on
    /// both sides alike).
    private mutating func clampRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]
    ) {
        let bounds = ClampBounds(callee, arguments)
        // A clamp with one bound (`relu(q).clamp(max=6)`) left out altogether.
        if let only = bounds.lower.map({ ("min", $0) }) ?? bounds.upper.map({ ("max", $0) }),
            (bounds.lower == nil) != (bounds.upper == nil)
        {
            let input: String
            if let given = bounds.input {
                input = text(given.value)
            } else if case .attribute(let base, _, _) = callee.kind {
                input = text(base)
            } else {
                return
            }
            add(.clampBoundDropped, [(node.range, "(\(input))")], piece: "\(only.0)=\(text(only.1))")
            return
        }
        guard let lower = bounds.lower, let upper = bounds.upper else { return }
        if let input = bounds.input.map({ text($0.value) }) ?? Self.receiver(callee).map(text) {
            softCapRule(node, input: input, lower: lower, upper: upper)
        }
        let start = bounds.input.map { text($0.value) + ", " } ?? ""
        let name = text(callee)
        func call(_ inside: String) -> String { "\(name)(\(start)\(inside))" }
        let l = text(lower)
        let u = text(upper)
        add(.clampBoundDropped, [(node.range, call("min=\(l)"))], piece: "max=\(u)")
        add(.clampBoundDropped, [(node.range, call("max=\(u)"))], piece: "min=\(l)")
        if let zero = Self.integer(lower) ?? (lower.kind == .float(0) ? 0 : nil), zero == 0,
            Self.isNumber(upper), !ClampBounds.isNegative(upper)
        {
            add(.clampBoundChanged, [(node.range, call("min=-\(u), max=\(u)"))], piece: "min=\(l) min=-\(u)")
        }
    }
}
