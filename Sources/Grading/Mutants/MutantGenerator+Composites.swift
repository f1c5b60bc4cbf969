import AnswerLanguage

/// Swaps whose swapped-in operation is written as two (`OperationProfile+Composites`): max pooling
/// taken for min pooling (`-F.max_pool2d(-x, 2)`) or for sum pooling (`F.avg_pool2d(x, 2) * 4`),
/// a cap between 0 and c taken for a soft one (`c * torch.sigmoid(x)`); and a reflected border
/// taken for the image turned around (`x.flip(-1)`). Each explains only an answer that writes that
/// operation, as the other swaps do.
extension MutantGenerator {
    /// `F.max_pool2d(x, k, …)` and `nn.MaxPool2d(k, …)(x)`, without padding or dilation: min
    /// pooling and sum pooling in its place.
    mutating func compositePoolRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]
    ) {
        let settings: [ArgumentSyntax]
        let input: ExpressionSyntax
        let layer: ExpressionSyntax?
        if case .call(let maker, let made) = callee.kind {
            guard Self.calleeName(maker) == "MaxPool2d", arguments.count == 1, arguments[0].name == nil else {
                return
            }
            settings = made
            input = arguments[0].value
            layer = maker
        } else {
            guard Self.calleeName(callee) == "max_pool2d",
                let first = arguments.first(where: { $0.name == "input" })
                    ?? arguments.first(where: { $0.name == nil && !$0.isSpread })
            else { return }
            settings = arguments.filter { $0 != first }
            input = first.value
            layer = nil
        }
        // Only the window and the stride: padding, dilation and the rest pool otherwise.
        let positional = settings.filter { $0.name == nil }
        guard positional.count <= 2, !settings.contains(where: \.isSpread),
            settings.allSatisfy({ $0.name == nil || $0.name == "kernel_size" || $0.name == "stride" }),
            let window = settings.first(where: { $0.name == "kernel_size" })?.value
                ?? positional.first?.value,
            let area = Self.windowArea(window), area > 1
        else { return }
        let written = settings.map(argumentText).joined(separator: ", ")
        let x = text(input)
        let minimum: String
        let sum: String
        if let layer {
            let maker = text(layer)
            let averaging = maker.dropLast("MaxPool2d".count) + "AvgPool2d"
            minimum = "(-\(maker)(\(written))(-(\(x))))"
            sum = "(\(averaging)(\(written))(\(x)) * \(area))"
        } else {
            let name = text(callee)
            let averaging = name.dropLast("max_pool2d".count) + "avg_pool2d"
            minimum = "(-\(name)(-(\(x)), \(written)))"
            sum = "(\(averaging)(\(x), \(written)) * \(area))"
        }
        add(.poolingSwapped, [(node.range, minimum)], piece: Self.swapPiece(.maxPool, .minPool))
        add(.poolingSwapped, [(node.range, sum)], piece: Self.swapPiece(.maxPool, .sumPool))
    }

    /// `x.clamp(min=0, max=c)` with a number `c`: `c * torch.sigmoid(x)`, a smooth cap from 0 to c.
    mutating func softCapRule(
        _ node: ExpressionSyntax, input: String, lower: ExpressionSyntax, upper: ExpressionSyntax
    ) {
        guard Self.integer(lower) == 0 || lower.kind == .float(0), Self.isNumber(upper),
            !ClampBounds.isNegative(upper)
        else { return }
        add(
            .activationSwapped, [(node.range, "(\(text(upper)) * torch.sigmoid(\(input)))")],
            piece: Self.swapPiece(.clamp, .softCap))
    }

    /// `F.pad(x, (l, r, t, b), mode='reflect')` → `x.flip(…)` over the last dimension, the one
    /// before, or both, as the amounts pad them: the image turned around where a border that
    /// mirrors it belongs.
    mutating func reflectAsFlipRule(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]
    ) {
        guard Self.calleeName(callee) == "pad", Self.padMode(arguments) == "reflect" else { return }
        let positional = arguments.filter { $0.name == nil && !$0.isSpread }
        guard let input = arguments.first(where: { $0.name == "input" })?.value ?? positional.first?.value,
            let amounts = arguments.first(where: { $0.name == "pad" })?.value
                ?? (positional.count > 1 ? positional[1].value : nil)
        else { return }
        let items: [ExpressionSyntax]
        switch amounts.kind {
        case .tuple(let list), .list(let list): items = list
        default: return
        }
        let numbers = items.compactMap(Self.integer)
        guard numbers.count == items.count, numbers.count % 2 == 0 else { return }
        // Pairs from the last dimension backwards: (-1), (-2), …
        let padded = stride(from: 0, to: numbers.count, by: 2).compactMap { index -> Int? in
            numbers[index] != 0 || numbers[index + 1] != 0 ? -(index / 2 + 1) : nil
        }
        guard !padded.isEmpty, padded.count <= 2 else { return }
        var choices = padded.map { [$0] }
        if padded.count == 2 { choices.append(padded.sorted()) }
        let x = text(input)
        for dims in choices {
            let list = dims.map(String.init).joined(separator: ", ")
            add(
                .padSwapped, [(node.range, "((\(x)).flip([\(list)]))")],
                piece: Self.swapPiece(.reflectPad, .flip))
        }
    }

    /// The mode a `pad` call is given (`mode='reflect'`, or as its third argument); nil when none.
    static func padMode(_ arguments: [ArgumentSyntax]) -> String? {
        let positional = arguments.filter { $0.name == nil && !$0.isSpread }
        let mode =
            arguments.first { $0.name == "mode" }?.value ?? (positional.count > 2 ? positional[2].value : nil)
        if let mode, case .string(let value) = mode.kind { return value }
        return nil
    }

    /// The number of values in a pooling window written `k` or `(a, b)`; nil for anything else.
    private static func windowArea(_ node: ExpressionSyntax) -> Int? {
        if let k = integer(node) { return k * k }
        switch node.kind {
        case .tuple(let items), .list(let items):
            let sizes = items.compactMap(integer)
            guard sizes.count == 2, items.count == 2 else { return nil }
            return sizes[0] * sizes[1]
        default:
            return nil
        }
    }
}
