import AnswerLanguage
import Wording

/// Mutants of what a tensor calculation *means*, derived from the reference's call tree with the
/// shapes of its parts in the exercise's setup: every statistic taken over other dimensions (one
/// per example, per channel, across channels, of the whole tensor) or over the first example
/// only; the normaliser's scale (the variance for its square root, n − 1 for n, the range); a
/// per-channel parameter lined up with another axis, two same-shaped parameters swapped, a scale
/// and shift in the other order or undone; a running average's weights slipped; an upsampling's
/// index list tiled or one axis left out. An answer typed any other way (another spelling, an
/// explicit formula, `x[0]`) is told by its value, on tensors where a match is strong evidence.
/// Each change carries its sentence (`Mutant.Change.told`), in the learner's terms.
struct MeaningGenerator {
    let source: SourceText
    /// The value of a part of the reference in the setup; nil when it does not run or is no
    /// number.
    let evaluate: (String) -> NumericArray?
    private(set) var found: [Mutant] = []
    var shapes: [String: [Int]?] = [:]
    /// The values of parts already read (`value(_:)`).
    var values: [String: NumericArray?] = [:]
    /// The values of parts that are one number (`MeaningGenerator+Variance`), kept likewise.
    var numbers: [String: Double?] = [:]
    /// The layout each setup tensor of the reference shows (`inferLayouts`), where it shows one.
    var nameLayouts: [String: TensorLayout] = [:]
    /// The layout of the reference's tensors of each rank together (`inferLayouts`).
    var rankLayouts: [Int: TensorLayout] = [:]

    /// Reductions whose dimensions are a statistic's meaning (max and min return pairs with a dim).
    static let statistics: Set<String> = ["mean", "sum", "var", "std", "amax", "amin", "nanmean", "nansum"]
    /// The most mutants of one reference: each runs once per exercise.
    static let limit = 80

    /// The meaning mutants of `source` (one expression), without repeats.
    static func mutants(of source: String, evaluate: @escaping (String) -> NumericArray?) -> [Mutant] {
        guard let program = try? Parser.parse(source), program.statements.count == 1,
            case .expression(let root) = program.statements[0]
        else { return [] }
        var generator = MeaningGenerator(source: SourceText(source), evaluate: evaluate)
        // A normalisation written as a call is its formula: its statistics are the meaning.
        if let formula = generator.normalisationFormula(root), formula != source {
            return mutants(of: formula, evaluate: evaluate)
        }
        generator.inferLayouts(root)
        generator.groupStatisticsRules(root)
        generator.tableShareRules(root)
        generator.reductionRules(root)
        generator.scaleRules(root)
        generator.parameterRules(root)
        generator.averageRules(root)
        generator.indexRules(root)
        generator.alongRules(root)
        generator.upsamplingRules(root)
        generator.probabilityRules(root)
        generator.softmaxRules(root)
        generator.classRules(root)
        generator.varianceRules(root)
        generator.sliceRules(root)
        generator.shiftRules(root)
        generator.unfoldRules(root)
        generator.handSumRules(root)
        generator.readingOrderRules(root)
        generator.groupRules(root)
        generator.groupReshapeRules(root)
        generator.stepRules(root)
        generator.curveRules(root)
        generator.flipRules(root)
        generator.moveRules(root)
        generator.indexOrderRules(root)
        generator.productRules(root)
        var seen: Set<String> = [source]
        return Array(generator.found.filter { seen.insert($0.source).inserted }.prefix(limit))
    }

    // MARK: Helpers

    /// The shape of a part of the reference in the setup (kept: parts repeat).
    mutating func shape(_ node: ExpressionSyntax) -> [Int]? {
        let written = text(node)
        if let known = shapes[written] { return known }
        let shape = evaluate(written)?.shape
        shapes[written] = shape
        return shape
    }

    /// Every node of `root`, parents before children.
    static func nodes(_ root: ExpressionSyntax) -> [ExpressionSyntax] {
        var all: [ExpressionSyntax] = [root]
        var index = 0
        while index < all.count {
            all += all[index].kind.children
            index += 1
        }
        return all
    }

    func text(_ node: ExpressionSyntax) -> String { source(node.range) }

    /// A call written as a tensor's method (`val.argmin()`) or as torch's function
    /// (`torch.argmin(val)`): its name, the tensor it works on and the arguments after it; nil for
    /// any other node, and for torch's form without a positional tensor first.
    func methodCall(_ node: ExpressionSyntax) -> (
        name: String, operand: ExpressionSyntax, rest: [ArgumentSyntax]
    )? {
        guard case .call(let callee, let arguments) = node.kind,
            case .attribute(let base, let name, _) = callee.kind
        else { return nil }
        guard text(base) == "torch" else { return (name, base, arguments) }
        guard let first = arguments.first, first.name == nil else { return nil }
        return (name, first.value, Array(arguments.dropFirst()))
    }

    /// The value of a part of the reference in the setup (kept: parts repeat).
    mutating func value(_ written: String) -> NumericArray? {
        if let known = values[written] { return known }
        let value = evaluate(written)
        values[written] = value
        return value
    }

    /// The one number a part of the reference is in the setup, if it is one.
    mutating func scalar(_ node: ExpressionSyntax) -> Double? {
        guard let found = value(text(node)), found.values.count == 1 else { return nil }
        return found.values[0]
    }

    /// Adds the mutant `edits` make, said by `told`.
    /// `piece`: what the change writes, where the answer must write it too for the story to be
    /// its (`Mutant.canExplain`).
    mutating func add(
        _ misconception: Misconception, _ edits: [(SourceRange, String)], told: Phrase, piece: String = "",
        terms: [String] = []
    ) {
        let source = self.source.replacing(edits)
        guard !source.isEmpty else { return }
        var mutant = Mutant(misconception: misconception, source: source, piece: piece)
        mutant.changes[0].told = told
        mutant.changes[0].terms = terms
        found.append(mutant)
    }

    /// Calls that work element by element: the layout of what they give is their input's.
    static let elementwise: Set<String> = [
        "exp", "log", "abs", "relu", "sigmoid", "tanh", "sqrt", "square", "neg", "float",
    ]

    /// Whether `node` computes nothing itself: names, numbers, indexing and arithmetic on them,
    /// and element-by-element functions of those.
    static func isPlain(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .name, .integer, .float, .none: true
        case .call(let callee, let arguments):
            switch callee.kind {
            case .attribute(let base, let name, _) where elementwise.contains(name):
                if case .name(let module) = base.kind, ["torch", "F"].contains(module) {
                    arguments.count == 1 && arguments[0].name == nil && isPlain(arguments[0].value)
                } else {
                    arguments.isEmpty && isPlain(base)
                }
            case .name(let name) where elementwise.contains(name):
                arguments.count == 1 && arguments[0].name == nil && isPlain(arguments[0].value)
            default: false
            }
        case .unary(_, let operand): isPlain(operand)
        case .binary(_, let left, let right): isPlain(left) && isPlain(right)
        case .subscript(let base, let items):
            isPlain(base)
                && items.allSatisfy { item in
                    switch item {
                    case .index(let index): isPlain(index)
                    case .slice(let start, let stop, let step, _):
                        [start, stop, step].compactMap { $0 }.allSatisfy(isPlain)
                    }
                }
        default: false
        }
    }

    // MARK: Reductions

    /// A statistic as written: `x.mean(dim=…)` or `torch.mean(x, …)`.
    struct Reduction {
        var node: ExpressionSyntax
        var name: String
        var operand: ExpressionSyntax
        /// The other arguments as written (`unbiased=False`, `keepdim=True`), the dimensions left out.
        var rest: [String]
        var dimensions: Set<Int>
        var shape: [Int]
        var keepdim: Bool
    }

    /// The statistic `node` computes, if it is one on a plain operand of a known shape.
    mutating func reduction(_ node: ExpressionSyntax) -> Reduction? {
        guard case .call(let callee, let arguments) = node.kind,
            case .attribute(let base, var name, _) = callee.kind,
            Self.statistics.contains(name) || name == "max" || name == "min",
            !arguments.contains(where: \.isSpread)
        else { return nil }
        var operand = base
        var rest = arguments
        if ["torch", "F"].contains(text(base)) {
            guard let first = rest.first, first.name == nil else { return nil }
            operand = first.value
            rest.removeFirst()
        }
        // `x.max()` of everything is `amax` over other dimensions (`max` with a dimension gives
        // values and indices, and `torch.max(a, b)` compares two tensors).
        if name == "max" || name == "min" {
            guard rest.isEmpty else { return nil }
            name = "a" + name
        }
        guard Self.isPlain(operand), let shape = shape(operand), (1...4).contains(shape.count) else {
            return nil
        }
        let rank = shape.count
        var dimensions = Set(0..<rank)
        if let index = rest.firstIndex(where: { $0.name == "dim" || $0.name == "axis" })
            ?? rest.firstIndex(where: { $0.name == nil })
        {
            guard let written = Self.dimensions(rest[index].value, rank: rank) else { return nil }
            dimensions = written
            rest.remove(at: index)
        }
        // A positional argument after the dimensions (`keepdim`, `unbiased`) keeps its meaning
        // only in its place: such a call is not rewritten.
        guard rest.allSatisfy({ $0.name != nil }) else { return nil }
        let keepdim = rest.contains { $0.name == "keepdim" && text($0.value) == "True" }
        return Reduction(
            node: node, name: name, operand: operand,
            rest: rest.map { "\($0.name ?? "")=\(text($0.value))" }, dimensions: dimensions, shape: shape,
            keepdim: keepdim)
    }

    /// The dimensions `node` writes (`1`, `-1`, `(0, 2, 3)`, `[2, 3]`), counted from 0.
    static func dimensions(_ node: ExpressionSyntax, rank: Int) -> Set<Int>? {
        func one(_ node: ExpressionSyntax) -> Int? {
            switch node.kind {
            case .integer(let value): return value
            case .unary(.negate, let operand):
                if case .integer(let value) = operand.kind { return -value }
                return nil
            default: return nil
            }
        }
        let items: [ExpressionSyntax]
        switch node.kind {
        case .tuple(let list), .list(let list): items = list
        default: items = [node]
        }
        var result: Set<Int> = []
        for item in items {
            guard let value = one(item), value >= -rank, value < rank else { return nil }
            result.insert(value < 0 ? value + rank : value)
        }
        return result.isEmpty ? nil : result
    }

    /// The call `reduction` rewritten over `dimensions`, on `operand` (its own by default).
    func rewritten(
        _ reduction: Reduction, over dimensions: Set<Int>, operand: String? = nil, name: String? = nil
    )
        -> String
    {
        var arguments = ["dim=\(TensorAxes.written(dimensions))"] + reduction.rest
        // A statistic of everything is one number that broadcasts anywhere; over fewer dimensions
        // it keeps them (size 1), so that it still lines up with what it is combined with.
        let rank = reduction.shape.count
        if reduction.dimensions.count == rank, dimensions.count < rank,
            !reduction.rest.contains(where: {
                $0.hasPrefix("keepdim=")
            })
        {
            arguments.append("keepdim=True")
        }
        return
            "(\(operand ?? text(reduction.operand))).\(name ?? reduction.name)(\(arguments.joined(separator: ", ")))"
    }

    /// For each group of statistics on the same operand over the same dimensions (a normalisation's
    /// mean and variance), the same statistics over every other set of dimensions, and over the
    /// first example only.
    private mutating func reductionRules(_ root: ExpressionSyntax) {
        var groups: [[Reduction]] = []
        for node in Self.nodes(root) {
            guard let found = reduction(node) else { continue }
            if let index = groups.firstIndex(where: {
                text($0[0].operand) == text(found.operand) && $0[0].dimensions == found.dimensions
            }) {
                groups[index].append(found)
            } else {
                groups.append([found])
            }
        }
        for group in groups {
            let first = group[0]
            let rank = first.shape.count
            // Calls nested in one another are one edit too many.
            guard !Self.nested(group.map(\.node)) else { continue }
            let names = Array(Set(group.map(\.name))).sorted()
            let what =
                names.count == 1
                ? Phrase(MeaningKey.operation, ["op": names[0]])
                : Phrase(MeaningKey.statistics, ["ops": names.joined(separator: ", ")])
            let theirs = TensorAxes.written(first.dimensions)
            // The dimensions named as they are in this operand's layout (an `(H, W, C)` image's
            // dimension 0 is its rows), or by number when it is not known.
            let operandLayout = layout(of: first.operand, rank: rank)
            let theirKept = TensorAxes.kept(
                reducing: first.dimensions, shape: first.shape, layout: operandLayout)
            for mask in 1..<(1 << rank) {
                let dimensions = Set((0..<rank).filter { mask & (1 << $0) != 0 })
                guard dimensions != first.dimensions else { continue }
                // A dimension of size 1 reduced or kept changes the shape, not the statistic: a
                // shape story, told by the shape readings.
                if dimensions.symmetricDifference(first.dimensions).contains(where: { first.shape[$0] == 1 })
                {
                    continue
                }
                // Keeping only dimensions of size 1 is one value for the whole tensor: said as that.
                if dimensions.count < rank,
                    (0..<rank).allSatisfy({ dimensions.contains($0) || first.shape[$0] == 1 })
                {
                    continue
                }
                // Over everything without `keepdim`, and a sum or mean of everything along the
                // first or last dimension only: the value rules say those already.
                if dimensions.count == rank, !first.keepdim, first.dimensions.count < rank { continue }
                if first.dimensions.count == rank, dimensions.count == 1,
                    dimensions.first == 0 || dimensions.first == rank - 1,
                    names.allSatisfy({ $0 == "sum" || $0 == "mean" })
                {
                    continue
                }
                let told = Phrase(
                    MeaningKey.reducedOver,
                    [
                        "what": what, "yours": TensorAxes.written(dimensions),
                        "yourKept": TensorAxes.kept(
                            reducing: dimensions, shape: first.shape, layout: operandLayout),
                        "theirs": theirs,
                        "theirKept": theirKept,
                    ])
                add(
                    .reducedOverOtherDimensions,
                    group.map { ($0.node.range, rewritten($0, over: dimensions)) },
                    told: told)
            }
            keepdimRules(group)
            // The first example's statistics, where the batch's pool every example.
            if rank == 4, first.dimensions.contains(0), first.shape[0] > 1 {
                let operand = "(\(text(first.operand)))[:1]"
                let told = Phrase(
                    MeaningKey.firstItemOnly, ["first": "\(text(first.operand))[0]", "count": first.shape[0]])
                add(
                    .firstItemOnly,
                    group.map { ($0.node.range, rewritten($0, over: $0.dimensions, operand: operand)) },
                    told: told)
            }
        }
    }

    /// Whether one of `nodes` lies inside another.
    static func nested(_ nodes: [ExpressionSyntax]) -> Bool {
        for a in nodes {
            for b in nodes where a.range != b.range {
                if a.range.lowerBound.offset <= b.range.lowerBound.offset
                    && b.range.upperBound.offset <= a.range.upperBound.offset
                {
                    return true
                }
            }
        }
        return false
    }
}
