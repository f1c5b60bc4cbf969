import AnswerLanguage
import Wording

/// A wrong answer derived from a reference answer: one misconception applied at one place, or
/// two applied one after the other (a double slip).
struct Mutant: Hashable, Sendable {
    /// One misconception applied at one place.
    struct Change: Hashable, Sendable {
        var misconception: Misconception
        /// The part of the reference the change is about, as written (`+ 1`, `3`, `p`): it lets
        /// the message name the change in the learner's terms.
        var piece: String
        /// The part of the source the change replaced, when it replaced one part (empty when it
        /// changed several places at once): an answer that still has that part as written did
        /// not make this change there.
        var original = ""
        /// The text the change wrote, when it changed one part (`(f / 2)` for `f` halved): a
        /// second change that replaces exactly that text rewrites the first, no second slip.
        var replacement = ""
        /// The layer a count's change is about (`Misconception.isCount`), and a size the change
        /// puts in its place (the input channels a batch norm is counted over).
        var layer: CountedLayer? = nil
        var size: Int? = nil
        /// Another layer a count's change names (the layer whose kernel it took, the layer its
        /// count was multiplied with).
        var other: CountedLayer? = nil
        /// The change said in full, where its sentence needs more than the piece (the dimensions
        /// a statistic is taken over, the axis a parameter lines up with: `MeaningGenerator`).
        var told: Phrase? = nil
        /// The parts a sum adds, where the change leaves one out (`Misconception.partLeftOut`):
        /// each product as a hand-typed sum writes it, those worth 0 marked `0:`.
        var terms: [String] = []
        /// Where the change was made in one or more entries of a tuple (`told` says which): the
        /// entries need not be sizes, so no size's reason is given (`TupleFormulas`).
        var inEntries = false
    }

    /// The changes made, in the order they were applied (one or two).
    var changes: [Change]
    /// The changed source, runnable in the exercise's setup.
    var source: String

    init(misconception: Misconception, source: String, piece: String, original: String = "") {
        changes = [Change(misconception: misconception, piece: piece, original: original)]
        self.source = source
    }

    /// The first change's misconception.
    var misconception: Misconception { changes[0].misconception }

    /// This mutant with `next` (a mutant of this one's source) applied after it.
    func then(_ next: Mutant) -> Mutant {
        var composed = next
        composed.changes = changes + next.changes
        return composed
    }

    /// How many of the changes only say which part changed, not why (`Misconception.isGeneric`).
    var genericCount: Int { changes.filter(\.misconception.isGeneric).count }

    /// The misconceptions, unordered: two mutants with the same set tell the same story.
    var story: Set<Misconception> { Set(changes.map(\.misconception)) }
}

/// Derives misconception mutants from an answer's syntax tree. Each rule looks at one node (an
/// operator, a call, a subscript) and says what a learner with a misconception would have written
/// there instead; the mutant is the source with that node's text replaced. Rules on calls work on
/// what the call means: a convolution's weight, padding and stride, a `Conv2d`'s channels, kernel
/// and bias, `F.pad`'s amounts, the ReLU and the addition of a residual block.
struct MutantGenerator {
    /// Names whose value is a convolution kernel in the exercises' setups.
    static let kernelNames: Set<String> = ["k", "w", "kernel", "weight", "filter", "filters"]
    static let paddingNames: Set<String> = ["p", "P", "pad", "padding"]
    static let strideNames: Set<String> = ["s", "S", "stride"]
    static let dilationNames: Set<String> = ["d", "D", "dilation"]

    let scalars: [Unicode.Scalar]
    /// Whether a name is bound to an integer in the setup (a padding `p` is; a patch `p` is not).
    let isInteger: (String) -> Bool
    /// Whether the answer is a network (a ReLU may then be added after a projection).
    let model: Bool
    /// Whether the edits only a formula gets are made too (`MutantGenerator+Formulas`): brackets
    /// left out, names swapped, a term counted twice… Each such mutant is told apart from a
    /// coincidence only by evaluating it as a formula at several points, so the value-only
    /// catalogue does without them.
    fileprivate(set) var arithmetic = false
    /// Whether only the swapped operations are made (`MutantGenerator+Swaps`): they are kept
    /// apart from the other mutants, since each explains only an answer that writes the other
    /// operation (`OperationProfile`).
    fileprivate(set) var swaps = false
    private var found: [Mutant] = []
    /// Where each sub-expression's text occurs: a misconception about `8 // 2` applies to every
    /// `8 // 2` of the answer, as a learner who holds it would write it everywhere.
    private var occurrences: [String: [SourceRange]] = [:]
    /// Doubled names (`2 * P`) that are no padding: a padding's `2 * p` is added to a size, so a
    /// doubled name that is a factor of a product (`2 * P * 4`) or added only to itself
    /// (`P + P + 2 * P`: Adam's averages counted) is a count, not both sides of a padding.
    private var notPaddings: Set<SourceRange> = []

    /// Every mutant of `source`, in the order the rules find them, without repeats.
    static func mutants(
        of source: String, model: Bool = false, arithmetic: Bool = false, swaps: Bool = false,
        isInteger: @escaping (String) -> Bool
    )
        -> [Mutant]
    {
        guard let program = try? Parser.parse(source) else { return [] }
        var generator = MutantGenerator(
            scalars: Array(source.unicodeScalars), isInteger: isInteger, model: model)
        generator.arithmetic = arithmetic
        generator.swaps = swaps
        for expression in program.valueExpressions { generator.index(expression) }
        // A size formula's own readings first: where a generic change writes the same formula
        // (the output padding's term left out), the telling one is kept.
        if arithmetic, !swaps { generator.sizeFormulaRules(in: program) }
        for expression in program.valueExpressions { generator.walk(expression) }
        // The part of a value a step assigns to is indexed as any other (`m[a:b] = 0`).
        if !swaps, !arithmetic {
            for part in assignedParts(of: program) { generator.walk(part) }
        }
        if swaps {
            generator.swapAll(in: program)
            var seen: Set<String> = [source]
            return generator.found.filter { seen.insert($0.source).inserted }
        }
        generator.programRules(program)
        // A name is a padding, a stride or a dilation by its name only where the calculation
        // could use it so: in a count that only multiplies and adds names (`H * W * D * C * K *
        // K`), every name is a count (D output channels), and none is "forgotten" as a setting.
        if !program.valueExpressions.allSatisfy(isCountOfNames) {
            generator.renameAll(paddingNames, to: "0", as: .paddingForgotten, in: program)
            generator.renameAll(strideNames, to: "1", as: .strideForgotten, in: program)
            generator.renameAll(dilationNames, to: "1", as: .dilationForgotten, in: program)
        }
        if arithmetic {
            for statement in program.statements {
                if case .expression(let expression) = statement { generator.wholeFormulaRules(expression) }
            }
            generator.swapNames(in: program)
            generator.nameForName(in: program)
            generator.nameSquared(in: program)
        }
        var seen: Set<String> = [source]
        return generator.found.filter { seen.insert($0.source).inserted }
    }

    private init(scalars: [Unicode.Scalar], isInteger: @escaping (String) -> Bool, model: Bool) {
        self.scalars = scalars
        self.isInteger = isInteger
        self.model = model
    }

    // MARK: Text

    func text(_ node: ExpressionSyntax) -> String { text(node.range) }

    func text(_ range: SourceRange) -> String { SourceText(scalars: scalars)(range) }

    /// Adds the mutant `edits` make. `wrapping` says the edits keep the part they replace
    /// (a `+ 1` added after it, a halving around it): it has no original that an answer could
    /// still have unchanged.
    mutating func add(
        _ misconception: Misconception, _ edits: [(SourceRange, String)], piece: String,
        wrapping: Bool = false
    ) {
        let source = SourceText(scalars: scalars).replacing(edits)
        guard !source.isEmpty else { return }
        let original = edits.count == 1 && !wrapping ? text(edits[0].0) : ""
        var mutant = Mutant(misconception: misconception, source: source, piece: piece, original: original)
        if edits.count == 1 { mutant.changes[0].replacement = edits[0].1 }
        found.append(mutant)
    }

    /// Replaces `node` by `replacement`, parenthesised so precedence around it is kept; when the
    /// same text occurs elsewhere too (`(1, 32, 8 // 2, 8 // 2)`), also a mutant replacing every
    /// occurrence.
    mutating func replace(
        _ node: ExpressionSyntax, by replacement: String, as misconception: Misconception, piece: String,
        wrapping: Bool = false
    ) {
        add(misconception, [(node.range, "(\(replacement))")], piece: piece, wrapping: wrapping)
        let all = occurrences[text(node)] ?? []
        guard all.count > 1, !Self.overlap(all) else { return }
        add(misconception, all.map { ($0, "(\(replacement))") }, piece: piece, wrapping: wrapping)
    }

    private mutating func index(_ node: ExpressionSyntax) {
        if case .binary = node.kind { occurrences[text(node), default: []].append(node.range) }
        if case .binary(let op, let left, let right) = node.kind {
            if op == .multiply {
                notPaddings.formUnion([left.range, right.range])
            } else if op == .add || op == .subtract {
                let terms = Self.terms(of: node)
                for term in terms {
                    guard let name = Self.doubledName(term) else { continue }
                    let others = terms.filter { $0.range != term.range }
                    if others.allSatisfy({ SharedCalls.names(in: $0).isSubset(of: [name]) }) {
                        notPaddings.insert(term.range)
                    }
                }
            }
        }
        for child in node.kind.children { index(child) }
    }

    private static func overlap(_ ranges: [SourceRange]) -> Bool {
        let sorted = ranges.sorted { $0.lowerBound.offset < $1.lowerBound.offset }
        return zip(sorted, sorted.dropFirst()).contains { $0.upperBound.offset > $1.lowerBound.offset }
    }

    // MARK: The walk

    private mutating func walk(_ node: ExpressionSyntax) {
        if swaps {
            swapRules(node)
            for child in node.kind.children { walk(child) }
            return
        }
        switch node.kind {
        case .binary(let op, let left, let right):
            binary(node, op, left, right)
            if arithmetic, isArithmetic(node) {
                formulaRules(node, op, left, right)
                quantityRules(node, op, left, right)
            }
        case .call(let callee, let arguments): call(node, callee, arguments)
        case .subscript(let base, let items):
            subscriptRules(node, base, items)
            namedSliceRules(items)
        default: break
        }
        valueRules(node)
        layoutRules(node)
        for child in node.kind.children { walk(child) }
    }

    /// The terms a chain of `+` and `-` adds (`a`, `b`, `c` of `a + b - c`).
    static func terms(of node: ExpressionSyntax) -> [ExpressionSyntax] {
        guard case .binary(let op, let left, let right) = node.kind, op == .add || op == .subtract else {
            return [node]
        }
        return terms(of: left) + terms(of: right)
    }

    /// The name `node` doubles (`p` of `2 * p` or `p * 2`), if it is a padding's name.
    static func doubledName(_ node: ExpressionSyntax) -> String? {
        guard case .binary(.multiply, let left, let right) = node.kind else { return nil }
        if integer(left) == 2, let name = name(right), paddingNames.contains(name) { return name }
        if integer(right) == 2, let name = name(left), paddingNames.contains(name) { return name }
        return nil
    }

    static func integer(_ node: ExpressionSyntax) -> Int? {
        if case .integer(let value) = node.kind { return value }
        return nil
    }

    static func isNumber(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer, .float: true
        case .unary(_, let operand): isNumber(operand)
        default: false
        }
    }

    /// Arithmetic on numbers, names bound to integers and atoms read as whole numbers
    /// (`box[2]`: `Formula+Atoms`) only (no tensors, other calls or indexing).
    func isArithmetic(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer: true
        case .name(let name): isInteger(name)
        case .subscript, .attribute, .call: wholeAtom(node) != nil
        case .unary(_, let operand): isArithmetic(operand)
        case .binary(_, let left, let right): isArithmetic(left) && isArithmetic(right)
        default: false
        }
    }

    static func name(_ node: ExpressionSyntax) -> String? {
        if case .name(let name) = node.kind { return name }
        return nil
    }

    /// A kernel: a kernel-like name, or an index into one (`w[0]`).
    static func isKernel(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .name(let name): kernelNames.contains(name.lowercased())
        case .subscript(let base, _): isKernel(base)
        default: false
        }
    }

    private mutating func binary(
        _ node: ExpressionSyntax, _ op: BinaryOperator, _ left: ExpressionSyntax, _ right: ExpressionSyntax
    ) {
        let l = text(left)
        let r = text(right)
        switch op {
        case .add:
            if Self.integer(right) == 1 {
                replace(node, by: l, as: .plusOneDropped, piece: "+ 1")
            } else {
                replace(node, by: l, as: .termDropped, piece: r)
                replace(node, by: r, as: .termDropped, piece: l)
            }
            replace(node, by: "\(l) - \(r)", as: .minusForPlus, piece: "+")
        case .subtract:
            if Self.integer(right) == 1 {
                replace(node, by: l, as: .minusOneDropped, piece: "- 1")
            } else {
                replace(node, by: l, as: .termDropped, piece: r)
            }
            replace(node, by: "\(l) + \(r)", as: .plusForMinus, piece: "-")
            replace(node, by: "\(r) - \(l)", as: .operandsSwapped, piece: "-")
        case .multiply:
            let isCount = notPaddings.contains(node.range)
            if !isCount, Self.integer(left) == 2, let name = Self.name(right),
                Self.paddingNames.contains(name)
            {
                replace(node, by: r, as: .paddingOneSide, piece: "\(l) * \(r)")
            } else if !isCount, Self.integer(right) == 2, let name = Self.name(left),
                Self.paddingNames.contains(name)
            {
                replace(node, by: l, as: .paddingOneSide, piece: "\(l) * \(r)")
            } else {
                replace(node, by: l, as: .factorDropped, piece: r)
                replace(node, by: r, as: .factorDropped, piece: l)
            }
            replace(node, by: "\(l) + \(r)", as: .sumForProduct, piece: "*")
            for (sum, other) in [(left, r), (right, l)] {
                if case .binary(.add, let a, let b) = sum.kind {
                    replace(
                        node, by: "\(text(a)) * \(other) + \(text(b))", as: .distributionForgotten,
                        piece: other)
                }
            }
            // Dividing for multiplying only between whole-number quantities (a stride's spread): on
            // tensors a division by a kernel's zeros says nothing.
            if isArithmetic(left), isArithmetic(right), !Self.isNumber(left) || !Self.isNumber(right) {
                replace(node, by: "\(l) / \(r)", as: .divideForMultiply, piece: "*")
                replace(node, by: "\(l) // \(r)", as: .divideForMultiply, piece: "*")
            }
            if !Self.isNumber(left), !Self.isNumber(right) {
                replace(node, by: "\(l) @ \(r)", as: .matmulForMultiply, piece: "*")
                for operand in [left, right] where Self.isKernel(operand) {
                    let kernel = text(operand)
                    add(.kernelFlipped, [(operand.range, "(\(kernel)).flip([-2, -1])")], piece: kernel)
                    add(.kernelTransposed, [(operand.range, "(\(kernel)).transpose(-2, -1)")], piece: kernel)
                    add(.kernelMirrored, [(operand.range, "(\(kernel)).flip([-1])")], piece: kernel)
                    add(.kernelNegated, [(operand.range, "(-(\(kernel)))")], piece: kernel)
                }
                channelRules(left, right)
            }
            for (count, other) in [(left, r), (right, l)] {
                // A repetition count (ten layers), not a structural constant (2p, three stages):
                // small factors off by one coincide with too many other mistakes.
                if let n = Self.integer(count), n >= 4, !Self.isNumber(count == left ? right : left) {
                    replace(node, by: "\(n - 1) * \(other)", as: .literalOffByOne, piece: "\(n)")
                    replace(node, by: "\(n + 1) * \(other)", as: .literalOffByOne, piece: "\(n)")
                }
            }
        case .divide, .floorDivide:
            let symbol = op.rawValue
            if op == .floorDivide {
                replace(node, by: "\(l) / \(r)", as: .floorForgotten, piece: "//")
            }
            if let name = Self.name(right), Self.strideNames.contains(name) {
                replace(node, by: l, as: .strideForgotten, piece: "\(symbol) \(r)")
            } else {
                replace(node, by: l, as: .divisorDropped, piece: r)
            }
            replace(node, by: r, as: .numeratorDropped, piece: l)
            replace(node, by: "\(r) \(symbol) \(l)", as: .operandsSwapped, piece: symbol)
            replace(node, by: "\(l) * \(r)", as: .multiplyForDivide, piece: symbol)
            replace(node, by: "\(l) - \(r)", as: .subtractForDivide, piece: symbol)
        case .power:
            replace(node, by: "\(l) * \(r)", as: .productForPower, piece: "**")
            replace(node, by: "\(l) ** (\(r) + 1)", as: .exponentOffByOne, piece: r)
            replace(node, by: "\(l) ** (\(r) - 1)", as: .exponentOffByOne, piece: r)
            replace(node, by: "\(r) ** \(l)", as: .operandsSwapped, piece: "**")
            if case .unary(.negate, let operand) = right.kind {
                replace(node, by: "\(l) ** \(text(operand))", as: .exponentSignDropped, piece: r)
            }
        default:
            break
        }
    }

    /// `x[0, :, …] * w[0]`: the sum over channels replaced by one channel, or by all but the last.
    private mutating func channelRules(_ left: ExpressionSyntax, _ right: ExpressionSyntax) {
        guard case .subscript(_, let items) = left.kind, items.count >= 3,
            let colon = items.dropFirst().firstIndex(where: { $0.isFullSlice }),
            case .slice(_, _, _, let colonRange) = items[colon]
        else { return }
        let weight = text(right)
        let pick: (String) -> String = { index in
            if case .subscript = right.kind { return "(\(weight))[\(index)]" }
            return "(\(weight))[:, \(index)]"
        }
        for channel in 0..<3 {
            add(
                .oneChannel, [(colonRange, "\(channel)"), (right.range, pick("\(channel)"))],
                piece: "\(channel)")
        }
        add(.channelDropped, [(colonRange, ":-1"), (right.range, pick(":-1"))], piece: "")
    }

    // MARK: Calls

    static func calleeName(_ callee: ExpressionSyntax) -> String? {
        switch callee.kind {
        case .name(let name): name
        case .attribute(_, let name, _): name
        default: nil
        }
    }

    private mutating func call(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]
    ) {
        // `nn.MaxPool2d(2)(x)`: a layer made and applied at once; without it, `x`.
        if case .call(let maker, _) = callee.kind, let layer = Self.calleeName(maker),
            layer.first?.isUppercase == true, arguments.count == 1, arguments[0].name == nil
        {
            replace(node, by: text(arguments[0].value), as: .layerSkipped, piece: text(callee))
        }
        guard let name = Self.calleeName(callee) else { return }
        extremumRule(callee, name, arguments)
        let positional = arguments.filter { $0.name == nil && !$0.isSpread }
        let isMethod: Bool = {
            if case .attribute(let base, _, _) = callee.kind {
                return !["F", "torch", "nn", "functional"].contains(
                    text(base).split(separator: ".").last ?? "")
            }
            return false
        }()
        switch name {
        case "sum" where isMethod && arguments.isEmpty:
            guard case .attribute(let base, _, _) = callee.kind else { return }
            let b = text(base)
            replace(node, by: "(\(b)).mean()", as: .meanForSum, piece: ".sum()")
            replace(node, by: b, as: .sumForgotten, piece: ".sum()")
            replace(node, by: "(\(b)).sum(dim=0)", as: .sumPartial, piece: "0")
            replace(node, by: "(\(b)).sum(dim=-1)", as: .sumPartial, piece: "-1")
        case "sum" where isMethod && arguments.contains(where: { $0.name == "dim" || $0.name == nil }):
            // A sum over channels (`.sum(dim=1, keepdim=True)`) left out.
            guard case .attribute(let base, _, _) = callee.kind else { return }
            replace(node, by: text(base), as: .sumForgotten, piece: text(node))
        case "mean" where isMethod && arguments.isEmpty:
            guard case .attribute(let base, _, _) = callee.kind else { return }
            let b = text(base)
            replace(node, by: "(\(b)).sum()", as: .sumForMean, piece: ".mean()")
            replace(node, by: "(\(b)).max()", as: .maxForMean, piece: ".mean()")
            replace(node, by: "(\(b)).mean(dim=0)", as: .meanPartial, piece: "0")
            replace(node, by: "(\(b)).mean(dim=-1)", as: .meanPartial, piece: "-1")
        case "numel", "nelement":
            elementCountRules(node, callee, arguments, isMethod: isMethod)
        case "max_pool2d", "avg_pool2d", "MaxPool2d", "AvgPool2d":
            poolRules(node, callee, name, arguments, positional)
        case "Linear":
            linearRules(node, callee, arguments, positional)
        case "relu" where isMethod && arguments.isEmpty:
            guard case .attribute(let base, _, _) = callee.kind else { return }
            residualRules(node, body: base)
        case "relu" where !isMethod && positional.count == 1:
            residualRules(node, body: positional[0].value)
        case "conv2d" where !isMethod:
            let weight =
                arguments.first { $0.name == "weight" } ?? (positional.count >= 2 ? positional[1] : nil)
            if let weight, Self.name(weight.value) != nil || Self.isKernel(weight.value) {
                let w = text(weight.value)
                add(.kernelFlipped, [(weight.value.range, "(\(w)).flip([-2, -1])")], piece: w)
                add(.kernelTransposed, [(weight.value.range, "(\(w)).transpose(-2, -1)")], piece: w)
                add(.kernelMirrored, [(weight.value.range, "(\(w)).flip([-1])")], piece: w)
                add(.kernelNegated, [(weight.value.range, "(-(\(w)))")], piece: w)
            }
            dropKeyword("padding", as: .paddingForgotten, node, callee, arguments)
            dropKeyword("stride", as: .strideForgotten, node, callee, arguments)
            dropKeyword("dilation", as: .dilationForgotten, node, callee, arguments)
            if let dilation = arguments.first(where: { $0.name == "dilation" }),
                let keyword = dilation.nameRange,
                !arguments.contains(where: { $0.name == "stride" })
            {
                add(.strideForDilation, [(keyword, "stride")], piece: "")
            }
            if !arguments.contains(where: { $0.name == "stride" }), positional.count < 4 {
                add(
                    .strideAdded, [(node.range, rebuilt(callee, arguments.map(argumentText) + ["stride=2"]))],
                    piece: "")
            }
        case "Conv2d":
            conv2dModuleRules(node, callee, arguments, positional)
        case "pad" where positional.count >= 2:
            padRules(node, callee, arguments, positional)
        default:
            break
        }
    }

    /// The call rebuilt with `arguments` (each as its text, keywords included).
    func rebuilt(_ callee: ExpressionSyntax, _ arguments: [String]) -> String {
        "\(text(callee))(\(arguments.joined(separator: ", ")))"
    }

    func argumentText(_ argument: ArgumentSyntax) -> String {
        (argument.isSpread ? "*" : "") + (argument.name.map { "\($0)=" } ?? "") + text(argument.value)
    }

    private mutating func dropKeyword(
        _ keyword: String, as misconception: Misconception, _ node: ExpressionSyntax,
        _ callee: ExpressionSyntax,
        _ arguments: [ArgumentSyntax]
    ) {
        guard let dropped = arguments.first(where: { $0.name == keyword }) else { return }
        let kept = arguments.filter { $0.name != keyword }.map(argumentText)
        add(misconception, [(node.range, rebuilt(callee, kept))], piece: text(dropped.value))
    }

    /// `nn.Conv2d(in, out, k, stride, padding, …, bias=…)`: what a count or a layer means.
    private mutating func conv2dModuleRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax],
        _ positional: [ArgumentSyntax]
    ) {
        let all = arguments.map(argumentText)
        biasRules(node, callee, arguments)
        let slots: [(Int, String, Misconception)] = [
            (0, "in_channels", .inChannelsOne), (1, "out_channels", .outChannelsOne),
            (2, "kernel_size", .kernelOne),
        ]
        for (position, keyword, misconception) in slots {
            let argument =
                arguments.first { $0.name == keyword }
                ?? (positional.count > position ? positional[position] : nil)
            guard let argument else { continue }
            if misconception == .kernelOne, ["1", "(1, 1)"].contains(text(argument.value)) {
                add(.kernelThree, [(argument.value.range, "3")], piece: "1")
            }
            guard text(argument.value) != "1" else { continue }
            add(misconception, [(argument.value.range, "1")], piece: text(argument.value))
        }
        if positional.count >= 4 {
            add(.strideForgotten, [(positional[3].value.range, "1")], piece: text(positional[3].value))
        }
        if positional.count >= 5 {
            add(.paddingForgotten, [(positional[4].value.range, "0")], piece: text(positional[4].value))
        }
        dropKeyword("stride", as: .strideForgotten, node, callee, arguments)
        dropKeyword("padding", as: .paddingForgotten, node, callee, arguments)
        dropKeyword("groups", as: .groupsForgotten, node, callee, arguments)
        dropKeyword("dilation", as: .dilationForgotten, node, callee, arguments)
        swapSizes(arguments, positional)
        // A ReLU after the convolution is one on the shortcut only where the convolution is a
        // shortcut: a 1 × 1 projection that is the whole network asked for, or one in a network
        // that adds a shortcut. After a head's or a stage's convolution it is a layer too many,
        // which the layer-by-layer comparison says.
        let kernel =
            arguments.first { $0.name == "kernel_size" } ?? (positional.count > 2 ? positional[2] : nil)
        let whole = String(String.UnicodeScalarView(scalars)).filter { !$0.isWhitespace }
        let projection =
            kernel.map { ["1", "(1, 1)"].contains(text($0.value)) } == true
            && (text(node).filter { !$0.isWhitespace } == whole || whole.contains("Residual")
                || whole.contains("shortcut"))
        if model, projection {
            add(
                .activationOnShortcut, [(node.range, "nn.Sequential(\(rebuilt(callee, all)), nn.ReLU())")],
                piece: "")
        }
    }

    /// `F.pad(x, (…))`: padding left out, put on one side, or on the last dimension only.
    private mutating func padRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax],
        _ positional: [ArgumentSyntax]
    ) {
        replace(node, by: text(positional[0].value), as: .paddingDropped, piece: text(positional[1].value))
        let amounts: [ExpressionSyntax]
        switch positional[1].value.kind {
        case .tuple(let items), .list(let items): amounts = items
        default: return
        }
        let values = amounts.compactMap(Self.integer)
        guard values.count == amounts.count, values.count % 2 == 0, values.count >= 2 else { return }
        let range = positional[1].value.range
        if values.count >= 4, values[2...].contains(where: { $0 != 0 }) {
            let kept = [values[0], values[1]] + Array(repeating: 0, count: values.count - 2)
            add(
                .paddingOneDimension, [(range, "(\(kept.map(String.init).joined(separator: ", ")))")],
                piece: text(positional[1].value))
        }
        let pairs = stride(from: 0, to: values.count, by: 2).map { (values[$0], values[$0 + 1]) }
        guard pairs.contains(where: { $0.0 > 0 && $0.1 > 0 }) else { return }
        let front = pairs.map { "\($0.0 + $0.1), 0" }.joined(separator: ", ")
        let back = pairs.map { "0, \($0.0 + $0.1)" }.joined(separator: ", ")
        let once = pairs.map { "0, \($0.1)" }.joined(separator: ", ")
        let piece = text(positional[1].value)
        add(.paddingOneSide, [(range, "(\(front))")], piece: piece)
        add(.paddingOneSide, [(range, "(\(back))")], piece: piece)
        add(.paddingOneSide, [(range, "(\(once))")], piece: piece)
    }

    /// A pooling call: the other kind of pooling, and a stride of 1 where none is given (the
    /// stride then defaults to the window).
    private mutating func poolRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ name: String, _ arguments: [ArgumentSyntax],
        _ positional: [ArgumentSyntax]
    ) {
        let other = [
            "max_pool2d": "avg_pool2d", "avg_pool2d": "max_pool2d", "MaxPool2d": "AvgPool2d",
            "AvgPool2d": "MaxPool2d",
        ][name]
        if let other, case .attribute(let base, _, _) = callee.kind {
            add(.poolKindSwapped, [(callee.range, "\(text(base)).\(other)")], piece: "")
        } else if let other {
            add(.poolKindSwapped, [(callee.range, other)], piece: "")
        }
        let layer = name.first?.isUppercase == true
        let windowAt = layer ? 0 : 1
        guard !arguments.contains(where: { $0.name == "stride" }), positional.count <= windowAt + 1,
            positional.count == windowAt + 1 || arguments.contains(where: { $0.name == "kernel_size" })
        else { return }
        add(
            .poolStrideOne, [(node.range, rebuilt(callee, arguments.map(argumentText) + ["stride=1"]))],
            piece: "")
    }

    /// A layer's `bias=`: a bias added where the reference has none, or forgotten where it has one.
    private mutating func biasRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]
    ) {
        let bias = arguments.first { $0.name == "bias" }
        let kept = arguments.filter { $0.name != "bias" }.map(argumentText)
        if let bias, text(bias.value) == "False" {
            add(.biasAdded, [(node.range, rebuilt(callee, kept))], piece: "")
        } else if bias == nil || bias.map({ text($0.value) }) == "True" {
            add(.biasForgotten, [(node.range, rebuilt(callee, kept + ["bias=False"]))], piece: "")
        }
    }

    /// `nn.Linear(in, out, bias=…)`: the bias left out, the sizes swapped.
    private mutating func linearRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax],
        _ positional: [ArgumentSyntax]
    ) {
        biasRules(node, callee, arguments)
        swapSizes(arguments, positional)
    }

    /// A layer's first two positional sizes swapped (in and out), when they differ.
    private mutating func swapSizes(_ arguments: [ArgumentSyntax], _ positional: [ArgumentSyntax]) {
        guard positional.count >= 2 else { return }
        let a = text(positional[0].value)
        let b = text(positional[1].value)
        guard a != b else { return }
        add(.channelsSwapped, [(positional[0].value.range, b), (positional[1].value.range, a)], piece: "")
    }

    /// `relu(body)` where the body is a residual block's sum `F(x) + x`: the block's classic
    /// mix-ups, the final ReLU left out among them. The shortcut is the operand that is a plain
    /// name (`x`); the other is the residual branch. Every story here says "a residual block adds
    /// x to F(x)", so a ReLU around anything else (an SE gate's hidden layer, a bias added) is
    /// no block and gets none of them: its ReLU left out is told as the step it is
    /// (`WrittenDifference+Steps`).
    private mutating func residualRules(_ node: ExpressionSyntax, body: ExpressionSyntax) {
        guard case .binary(.add, let left, let right) = body.kind else { return }
        let (branch, shortcut) =
            Self.name(left) != nil && Self.name(right) == nil ? (right, left) : (left, right)
        guard Self.isSkip(shortcut, of: branch) else { return }
        replace(node, by: text(body), as: .finalReluMissing, piece: "")
        let a = text(branch)
        let x = text(shortcut)
        replace(node, by: "F.relu(\(a)) + \(x)", as: .reluBeforeAdd, piece: "")
        replace(node, by: "F.relu(F.relu(\(a)) + \(x))", as: .extraReluOnBranch, piece: "")
        replace(node, by: "F.relu(\(a)) + F.relu(\(x))", as: .reluOnBothBranches, piece: "")
        replace(node, by: "F.relu(\(a))", as: .skipMissing, piece: x)
        replace(node, by: "F.relu(\(a) * \(x))", as: .multiplyForAdd, piece: "")
        replace(node, by: "F.relu(cat([\(a), \(x)], dim=1))", as: .catForAdd, piece: "")
        replace(node, by: "F.relu(\(a) + F.relu(\(x)))", as: .activationOnShortcut, piece: "")
        if case .call(let f, let inner) = branch.kind, inner.count == 1, text(inner[0].value) == x {
            replace(node, by: "\(text(f))(F.relu(\(x))) + \(x)", as: .preActivation, piece: "")
        }
    }

    /// Whether `node` is a count in names alone: names multiplied and added, nothing else (no
    /// number, no difference, no division), as a count of parameters or multiply-adds is.
    static func isCountOfNames(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .name: return true
        case .binary(let op, let left, let right) where op == .add || op == .multiply:
            return isCountOfNames(left) && isCountOfNames(right)
        default: return false
        }
    }

    /// Whether `shortcut` is a residual block's skip around `branch`: it reads its input, and the
    /// branch reads every name it does (`x` of `f(x) + x`, `proj(x)` of `bn(conv(x)) + proj(x)`);
    /// a bias or another tensor added (`conv2d(x, w) + b`) is no skip.
    static func isSkip(_ shortcut: ExpressionSyntax, of branch: ExpressionSyntax) -> Bool {
        // Modules a function is called from are no input (`F.relu`, `torch.cat`).
        let modules: Set<String> = ["F", "torch", "nn", "functional", "math"]
        func names(_ node: ExpressionSyntax) -> Set<String> {
            switch node.kind {
            case .name(let name): return modules.contains(name) ? [] : [name]
            case .call(let callee, let arguments):
                // A function's own name is no input it reads (`proj` of `proj(x)`).
                var read: Set<String> = []
                if case .attribute(let base, _, _) = callee.kind { read = names(base) }
                return arguments.reduce(read) { $0.union(names($1.value)) }
            default: return node.kind.children.reduce([]) { $0.union(names($1)) }
            }
        }
        let read = names(shortcut)
        return !read.isEmpty && read.isSubset(of: names(branch))
    }

    // MARK: Subscripts

    private mutating func subscriptRules(
        _ node: ExpressionSyntax, _ base: ExpressionSyntax, _ items: [SubscriptItem]
    ) {
        var ends: [(SourceRange, Int)] = []
        var starts: [(SourceRange?, Int, SourceRange)] = []  // start's range (nil when omitted), value, slice
        for item in items {
            guard case .slice(let start, let stop, let step, let range) = item else { continue }
            if let step, Self.integer(step) ?? 1 > 1 {
                let kept = "\(start.map(text) ?? ""):\(stop.map(text) ?? "")"
                add(.subsampleForgotten, [(range, kept)], piece: text(step))
            }
            guard step == nil, let stop, let end = Self.integer(stop) else { continue }
            ends.append((stop.range, end))
            if let start {
                guard let first = Self.integer(start) else { continue }
                starts.append((start.range, first, range))
            } else {
                starts.append((nil, 0, range))
            }
        }
        for (range, end) in ends where end > 1 {
            add(.sliceEndInclusive, [(range, "\(end - 1)")], piece: "\(end)")
            add(.sliceEndPlusOne, [(range, "\(end + 1)")], piece: "\(end)")
        }
        if ends.count > 1 {
            add(.sliceEndInclusive, ends.map { ($0.0, "\($0.1 - 1)") }, piece: "")
            add(.sliceEndPlusOne, ends.map { ($0.0, "\($0.1 + 1)") }, piece: "")
        }
        if !ends.isEmpty, ends.count == starts.count {
            var edits = ends.map { ($0.0, "\($0.1 + 1)") }
            for (range, first, slice) in starts {
                if let range {
                    edits.append((range, "\(first + 1)"))
                } else {
                    edits.append((SourceRange(at: slice.lowerBound), "1"))
                }
            }
            add(.sliceOneBased, edits, piece: "")
            if starts.allSatisfy({ $0.1 >= 1 }) {
                var back = ends.map { ($0.0, "\($0.1 - 1)") }
                for (range, first, _) in starts {
                    if let range { back.append((range, "\(first - 1)")) }
                }
                add(.sliceOneBased, back, piece: "")
            }
        }
        // Plain indices counted from 1: every whole-number index one further, or only the last two
        // (a pixel's row and column, the batch and channel left as they are).
        let indices = items.compactMap { item -> (SourceRange, Int)? in
            if case .index(let index) = item, let value = Self.integer(index), value >= 0 {
                return (index.range, value)
            }
            return nil
        }
        if !indices.isEmpty, ends.isEmpty {
            add(.sliceOneBased, indices.map { ($0.0, "\($0.1 + 1)") }, piece: "")
            if indices.count > 2 {
                add(.sliceOneBased, indices.suffix(2).map { ($0.0, "\($0.1 + 1)") }, piece: "")
            }
        }
        let indexed = items.enumerated().filter {
            switch $0.element {
            case .slice: true
            case .index(let index): Self.integer(index) != nil
            }
        }
        if items.count >= 2, indexed.count == items.count || items.count == 2 {
            let last = items.count - 1
            if let a = items[last - 1].range(in: self), let b = items[last].range(in: self) {
                let ta = text(a)
                let tb = text(b)
                if ta != tb { add(.rowsColumnsSwapped, [(a, tb), (b, ta)], piece: "") }
            }
        }
        _ = base
    }
}

extension SubscriptItem {
    /// `:` alone: every index of the dimension.
    var isFullSlice: Bool {
        if case .slice(nil, nil, nil, _) = self { return true }
        return false
    }

    /// The item's source range.
    fileprivate func range(in generator: MutantGenerator) -> SourceRange? {
        switch self {
        case .index(let index): index.range
        case .slice(_, _, _, let range): range
        }
    }
}

extension MutantGenerator {
    /// Every occurrence of a name in `names` bound to an integer replaced at once (a padding `p`
    /// taken as 0, a stride `s` as 1), as one mutant.
    fileprivate mutating func renameAll(
        _ names: Set<String>, to value: String, as misconception: Misconception, in program: Program
    ) {
        var edits: [(SourceRange, String)] = []
        var piece = ""
        func visit(_ node: ExpressionSyntax) {
            if case .name(let name) = node.kind, names.contains(name), isInteger(name) {
                edits.append((node.range, value))
                piece = name
            }
            for child in node.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        if !edits.isEmpty { add(misconception, edits, piece: piece) }
    }
}
