import AnswerLanguage

/// A count of convolutions, transposed convolutions and linear layers whose modules are made from
/// the setup's whole numbers (`nn.Conv2d(C_in, C_out, K, groups=g)`, `nn.Linear(C, C // r)`): each
/// size a module's argument writes in names is read as that name or expression, so that the count
/// and its mutants are formulas in the learner's names (`C_out * (C_in // g) * K * K`,
/// `C * (C // r) + C // r`), told of an answer typed in them — and of one typed in literals, whose
/// numbers are read as the names of those values (`CountCatalogue`).
///
/// The sizes stand in as distinct placeholder numbers (as for a formula reference,
/// `CountInventory.ofFormula`), so that a size of 1 or 2 (a 2 × 2 kernel `k`) is never confused
/// with a count's multiplier, and a size derived from two names (a group's channels,
/// `C_in // g`) is written as the division.
extension CountInventory {
    /// Reads the layers' sizes in the names `modules`' arguments write them in; leaves the
    /// inventory in literals when it counts anything but convolutions and linear layers, or no
    /// size is written in names.
    mutating func nameLayers(_ modules: [String], _ integers: [String: Int]) {
        guard values.isEmpty, !layers.isEmpty, identityShortcuts.isEmpty, subtracted.isEmpty,
            layers.allSatisfy(\.isWeighted)
        else { return }
        let sizes = Set(layers.flatMap(\.slots))
        // The expressions each value is written as; a value two expressions share is neither's.
        var written: [Int: Set<String>] = [:]
        var parsed: [String: Formula] = [:]
        for module in modules {
            for argument in Self.arguments(module) {
                guard let formula = Formula.parse(argument), !formula.names.isEmpty,
                    formula.names.isSubset(of: integers.keys),
                    case .int(let value)? = formula.evaluate(integers), value >= 1, sizes.contains(value)
                else { continue }
                written[value, default: []].insert(formula.source)
                parsed[formula.source] = formula
            }
        }
        let named = written.compactMapValues { $0.count == 1 ? $0.first : nil }
        guard !named.isEmpty else { return }
        // Each expression a placeholder, and each name an expression reads one too (the `r` of
        // `C // r`, which a reduction story puts where `C // r` belongs).
        var placeholders: [Int: String] = [:]
        var byValue: [Int: Int] = [:]
        var next = Self.placeholderBase
        for (value, text) in named.sorted(by: { $0.value < $1.value }) {
            byValue[value] = next
            placeholders[next] = text
            next += 2
        }
        var read: [String: Int] = [:]
        for text in Set(named.values) {
            for name in parsed[text]?.names ?? [] { read[name] = integers[name] }
        }
        for name in read.keys.sorted() where !placeholders.values.contains(name) {
            placeholders[next] = name
            next += 2
        }
        for index in layers.indices {
            layers[index].kind = layers[index].kind.mapSizes { byValue[$0] ?? $0 }
            layers[index].names = placeholders
        }
        values = read
        divisions = Self.divisions(in: Array(named.values), parsed)
    }

    /// The whole-number divisions a count's names make (`C // r`: C divided by r), each as the
    /// dividend's and divisor's names: where a formula is compared at other numbers, the dividend
    /// is kept a multiple of the divisor, so that `C * C // r` and `C * (C // r)` stay one count.
    static func divisions(in texts: [String], _ parsed: [String: Formula]) -> [Division] {
        var found: [Division] = []
        func visit(_ formula: Formula) {
            switch formula {
            case .binary(let op, let a, let b):
                if op == .floorDivide || op == .divide, case .name(let x) = a, case .name(let y) = b {
                    found.append(Division(dividend: x, divisor: y))
                }
                visit(a)
                visit(b)
            case .negate(let inner), .call(_, let inner): visit(inner)
            default: break
            }
        }
        for text in texts { if let formula = parsed[text] { visit(formula) } }
        return found
    }

    /// The text of every argument of every call in `module`.
    static func arguments(_ module: String) -> [String] {
        guard let program = try? Parser.parse(module), program.statements.count == 1,
            case .expression(let expression) = program.statements[0]
        else { return [] }
        let text = SourceText(module)
        var found: [String] = []
        func visit(_ node: ExpressionSyntax) {
            if case .call(_, let arguments) = node.kind {
                for argument in arguments where !argument.isSpread { found.append(text(argument.value)) }
            }
            for child in node.kind.children { visit(child) }
        }
        visit(expression)
        return found
    }
}

/// A whole-number division between two names of a count (`C // r`).
struct Division: Hashable, Sendable {
    var dividend: String
    var divisor: String
}

extension CountedLayer {
    /// Whether it is a convolution, a transposed convolution or a linear layer: a layer whose
    /// sizes are all read from its arguments.
    var isWeighted: Bool {
        switch kind {
        case .conv, .transposedConv, .linear: true
        default: false
        }
    }

    /// The sizes its arguments give (channels, features, groups, kernel sides), not those derived
    /// from them.
    var slots: [Int] {
        switch kind {
        case .conv(let a, let b, let kernel, let groups),
            .transposedConv(let a, let b, let kernel, let groups):
            [a, b, groups] + kernel
        case .linear(let a, let b): [a, b]
        default: []
        }
    }
}

extension CountedLayer.Kind {
    /// The kind with each size its arguments give mapped by `transform`.
    func mapSizes(_ transform: (Int) -> Int) -> Self {
        switch self {
        case .conv(let a, let b, let kernel, let groups):
            .conv(
                inChannels: transform(a), outChannels: transform(b), kernel: kernel.map(transform),
                groups: groups == 1 ? 1 : transform(groups))
        case .transposedConv(let a, let b, let kernel, let groups):
            .transposedConv(
                inChannels: transform(a), outChannels: transform(b), kernel: kernel.map(transform),
                groups: groups == 1 ? 1 : transform(groups))
        case .linear(let a, let b): .linear(inFeatures: transform(a), outFeatures: transform(b))
        default: self
        }
    }
}
