import AnswerLanguage

/// Misconception rules on what a tensor computation means, rather than on its arithmetic: a
/// convolution's or pooling's settings set to a neighbouring value, the input's height and width
/// swapped, one input channel instead of all, the same calculation one row or column further, a
/// sum over everything where one dimension is summed, a chain of functions one link short, the
/// point a function is evaluated at, the value taken where its gradient is asked, a skip added
/// inside the block or twice, a crop where every second pixel is taken, two shapes written one
/// after the other where they broadcast. `MutantGenerator.walk` calls `valueRules` on every node
/// and `mutants(of:)` calls `programRules` once.
extension MutantGenerator {
    /// The calls whose `stride`, `padding`, `dilation` and window are settings a learner may give
    /// another value.
    private static let settingCalls: Set<String> = [
        "conv2d", "Conv2d", "max_pool2d", "avg_pool2d", "MaxPool2d", "AvgPool2d",
    ]

    mutating func valueRules(_ node: ExpressionSyntax) {
        switch node.kind {
        case .call(let callee, let arguments):
            guard let name = Self.calleeName(callee) else { return }
            if Self.settingCalls.contains(name) { settingRules(node, callee, name, arguments) }
            if name == "conv2d" { inputRules(arguments) }
            if name == "sum" || name == "mean" { reduceAllRules(node, callee, arguments) }
            if name == "relu" { skipRules(node, callee, arguments) }
            chainRules(node, callee, name, arguments)
            pointRules(node, callee, name, arguments)
        case .subscript(let base, let items):
            positionRules(base, items)
            cropRules(base, items)
        case .attribute(let base, let name, _) where name == "shape":
            shapeRules(node, base)
        case .binary(.multiply, let left, let right):
            for operand in [left, right] where Self.isKernel(operand) {
                let kernel = text(operand)
                add(.kernelUpsideDown, [(operand.range, "(\(kernel)).flip([-2])")], piece: kernel)
            }
        default:
            break
        }
    }

    /// Rules on the whole program: `…; f.backward(); x.grad` → `…; f`, the function's value where
    /// its gradient is asked.
    mutating func programRules(_ program: Program) {
        guard program.statements.count >= 2, let last = program.statements.last,
            case .expression(let asked) = last, case .attribute(_, "grad", _) = asked.kind
        else { return }
        for statement in program.statements.dropLast().reversed() {
            guard case .expression(let expression) = statement,
                case .call(let callee, let arguments) = expression.kind, arguments.isEmpty,
                case .attribute(let function, "backward", _) = callee.kind
            else { continue }
            add(.valueForGradient, [(asked.range, text(function))], piece: text(asked))
            return
        }
    }

    // MARK: Settings

    /// `stride`, `padding` and `dilation` given as whole numbers set one larger or doubled (one
    /// smaller, down to their least value, where other rules do not already say "forgotten"); a
    /// padding or dilation added where there is none; a pooling window one larger or doubled.
    private mutating func settingRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ name: String, _ arguments: [ArgumentSyntax]
    ) {
        let layer = name.first?.isUppercase == true
        let pooling = name.lowercased().contains("pool")
        func changed(_ index: Int, to value: String) -> String {
            var texts = arguments.map(argumentText)
            let argument = arguments[index]
            texts[index] = (argument.name.map { "\($0)=" } ?? "") + value
            return rebuilt(callee, texts)
        }
        for (index, argument) in arguments.enumerated() {
            guard let value = Self.integer(argument.value) else { continue }
            let keyword: String
            if let name = argument.name {
                keyword = name
            } else if pooling, arguments.prefix(index).filter({ $0.name == nil }).count == (layer ? 0 : 1) {
                keyword = "kernel_size"
            } else {
                continue
            }
            let least = keyword == "padding" ? 0 : 1
            guard ["stride", "padding", "dilation", "kernel_size"].contains(keyword),
                !(keyword == "kernel_size" && !pooling)
            else { continue }
            var values = [value.moved(by: 1), value.scaled(by: 2)]
            let less = value.moved(by: -1)
            if less >= least, less != least || keyword == "kernel_size" { values.append(less) }
            for new in Set(values).sorted() where new != value && new >= least {
                let piece = "\(keyword)=\(new)"
                let misconception: Misconception =
                    keyword == "padding" && value == 0 ? .paddingAdded : .settingChanged
                add(misconception, [(node.range, changed(index, to: "\(new)"))], piece: piece)
            }
        }
        let given = Set(arguments.compactMap(\.name))
        let all = arguments.map(argumentText)
        if !given.contains("padding"), !pooling, arguments.filter({ $0.name == nil }).count < 5 {
            for amount in 1...2 {
                add(
                    .paddingAdded, [(node.range, rebuilt(callee, all + ["padding=\(amount)"]))],
                    piece: "padding=\(amount)")
            }
        }
        // A pooling pads with nothing a sum would see as zeros (max pooling pads with −∞): only the
        // setting is said, not the convolution's padding story.
        if !given.contains("padding"), pooling {
            add(.settingChanged, [(node.range, rebuilt(callee, all + ["padding=1"]))], piece: "padding=1")
        }
        if !given.contains("dilation"), !pooling {
            add(.settingChanged, [(node.range, rebuilt(callee, all + ["dilation=2"]))], piece: "dilation=2")
        }
    }

    // MARK: Inputs and channels

    /// `conv2d(x, w)`: the input's height and width swapped; only its first channel used (with
    /// the weight's first input channel).
    private mutating func inputRules(_ arguments: [ArgumentSyntax]) {
        let positional = arguments.filter { $0.name == nil && !$0.isSpread }
        guard positional.count >= 2, !Self.isKernel(positional[0].value) else { return }
        let input = positional[0].value
        let weight = positional[1].value
        let x = text(input)
        add(.inputTransposed, [(input.range, "(\(x)).transpose(-2, -1)")], piece: x)
        add(
            .oneChannel,
            [(input.range, "(\(x))[:, 0:1]"), (weight.range, "(\(text(weight)))[:, 0:1]")],
            piece: "0")
    }

    /// `t.sum(dim=…)` → `t.sum()`: summed over every dimension where one is asked.
    private mutating func reduceAllRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]
    ) {
        guard case .attribute(let base, let name, _) = callee.kind,
            let dim = arguments.first(where: { $0.name == "dim" })
                ?? arguments.first(where: { $0.name == nil })
        else { return }
        replace(node, by: "(\(text(base))).\(name)()", as: .reducedEverything, piece: text(dim.value))
    }

    // MARK: Positions

    /// The same calculation one row or one column further: every slice of the row (or column)
    /// dimension moved by one, or the row (or column) index one larger.
    private mutating func positionRules(_ base: ExpressionSyntax, _ items: [SubscriptItem]) {
        if items.count == 1 { entryRules(base, items[0]) }
        guard items.count >= 2 else { return }
        for (offset, misconception) in [(2, Misconception.rowMoved), (1, .columnMoved)] {
            let item = items[items.count - offset]
            switch item {
            case .index(let index):
                guard let value = Self.integer(index), value >= 0 else { continue }
                add(misconception, [(index.range, "\(value.moved(by: 1))")], piece: "")
            case .slice(let start, let stop, let step, let range):
                guard step == nil, let stop, let end = Self.integer(stop) else { continue }
                let first = start.flatMap(Self.integer) ?? 0
                guard start == nil || start.flatMap(Self.integer) != nil else { continue }
                add(misconception, [(range, "\(first + 1):\(end + 1)")], piece: "")
                if first >= 1 { add(misconception, [(range, "\(first - 1):\(end - 1)")], piece: "") }
            }
        }
    }

    /// `g[-1]` → `g[-2]`, `v[2]` → `v[1]` and `v[3]`: the entry next to the one asked, counted
    /// from the same end (from 0 forwards, from -1 backwards; `0` and `-1` are never taken for
    /// each other, which is another story).
    /// A shape's or size's entries are dimensions (the layout's stories), not values.
    private mutating func entryRules(_ base: ExpressionSyntax, _ item: SubscriptItem) {
        guard case .index(let index) = item else { return }
        switch base.kind {
        case .attribute(_, let name, _) where name == "shape": return
        case .call(let callee, _) where Self.calleeName(callee) == "size": return
        default: break
        }
        let value: Int
        if let n = Self.integer(index) {
            value = n
        } else if case .unary(.negate, let operand) = index.kind, let n = Self.integer(operand), n >= 1 {
            value = -n
        } else {
            return
        }
        let moved =
            value >= 0
            ? [value + 1, value - 1].filter { $0 >= 0 } : [value - 1, value + 1].filter { $0 < 0 }
        // An entry the calculation itself reads (`box[0]` beside `box[1]`) is one of its own
        // entries taken for another, which the formula's atoms tell ("`box[0]` where `box[1]`
        // belongs"), not an index off.
        let whole = String(String.UnicodeScalarView(scalars)).filter { $0 != " " }
        for now in moved where !whole.contains("\(text(base))[\(now)]".filter { $0 != " " }) {
            // The entry quoted with its list where that is a name (`g[-2]`), alone otherwise.
            let list: String
            if case .name = base.kind { list = text(base) } else { list = "" }
            add(.indexMoved, [(index.range, "\(now)")], piece: "\(list)[\(now)]")
        }
    }

    /// `x[:, :, ::2, ::2]` → `x[:, :, :H // 2, :W // 2]`: the first half kept where every second
    /// pixel is asked.
    private mutating func cropRules(_ base: ExpressionSyntax, _ items: [SubscriptItem]) {
        var edits: [(SourceRange, String)] = []
        for (dimension, item) in items.enumerated() {
            guard case .slice(nil, nil, let step?, let range) = item, let s = Self.integer(step), s > 1 else {
                continue
            }
            edits.append((range, ":(\(text(base))).shape[\(dimension)] // \(s)"))
        }
        guard !edits.isEmpty else { return }
        add(.cropForSubsample, edits, piece: "::2")
    }

    // MARK: Chains and points

    /// `f(f(f(x)))` → `f(f(x))`: one application of a function fewer in a chain of them.
    private mutating func chainRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ name: String, _ arguments: [ArgumentSyntax]
    ) {
        guard arguments.count == 1, arguments[0].name == nil,
            case .call(let inner, _) = arguments[0].value.kind, Self.calleeName(inner) == name,
            text(inner) == text(callee)
        else { return }
        add(.applicationDropped, [(node.range, text(arguments[0].value))], piece: name)
    }

    /// `sigmoid(tensor(0.))` evaluated at 1 instead (every `tensor(0.)` of the answer at once): a
    /// derivative or a value taken at another point than asked.
    private mutating func pointRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ name: String, _ arguments: [ArgumentSyntax]
    ) {
        guard name == "tensor", arguments.count == 1, arguments[0].name == nil else { return }
        let value: Double
        switch arguments[0].value.kind {
        case .float(let number): value = number
        case .integer(let number): value = Double(number)
        default: return
        }
        let point = text(node)
        guard let program = try? Parser.parse(String(String.UnicodeScalarView(scalars))) else { return }
        var ranges: [SourceRange] = []
        func visit(_ expression: ExpressionSyntax) {
            if text(expression) == point, case .call = expression.kind {
                ranges.append(expression.range)
                return
            }
            for child in expression.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        // Only the first occurrence makes the mutant, so that it is made once.
        guard ranges.first == node.range else { return }
        for other in [value + 1, value - 1] {
            let written = "tensor(\(NumberFormatForSource.literal(other)))"
            add(.otherPoint, ranges.map { ($0, written) }, piece: NumberFormatForSource.literal(other))
        }
    }

    // MARK: Skips and shapes

    /// `relu(f(x) + x)` → `relu(f(x + x))` (the skip added inside the block, before its body) and
    /// `relu(f(x) + 2 * x)` (the shortcut counted twice).
    private mutating func skipRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]
    ) {
        guard arguments.count == 1, arguments[0].name == nil,
            case .binary(.add, let left, let right) = arguments[0].value.kind
        else { return }
        let (branch, shortcut) =
            Self.name(left) != nil && Self.name(right) == nil ? (right, left) : (left, right)
        guard Self.name(shortcut) != nil, case .call(let body, let inner) = branch.kind, inner.count == 1,
            text(inner[0].value) == text(shortcut)
        else { return }
        let x = text(shortcut)
        let f = text(body)
        replace(node, by: "\(text(callee))(\(f)(\(x) + \(x)))", as: .skipInside, piece: "")
        replace(node, by: "\(text(callee))(\(text(branch)) + 2 * \(x))", as: .skipDoubled, piece: "")
    }

    /// `(a + b).shape` → `tuple(a.shape) + tuple(b.shape)`: two shapes written one after the other
    /// where broadcasting lines them up.
    private mutating func shapeRules(_ node: ExpressionSyntax, _ base: ExpressionSyntax) {
        guard case .binary(let op, let left, let right) = base.kind,
            [.add, .subtract, .multiply, .divide].contains(op)
        else { return }
        add(
            .shapesConcatenated,
            [(node.range, "(tuple((\(text(left))).shape) + tuple((\(text(right))).shape))")], piece: "")
    }
}

/// A number as the answer language writes it in a mutant's source: `1.`, `-1.`, `2.5`.
private enum NumberFormatForSource {
    static func literal(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))." : "\(value)"
    }
}

extension Mutant {
    /// Whether the answer typed as `source` still has, as written, an operation one of the
    /// changes replaced (`3 + (2 - 1) * 2 + …` keeps the `2 - 1` a "`- 1` left out" drops): it
    /// did not make that change, whatever the two values are.
    func keepsReplacedPart(of source: String) -> Bool {
        guard let answer = Formula.parse(source) else { return false }
        return changes.contains { change in
            guard !change.original.isEmpty, let part = Formula.parse(change.original), case .binary = part
            else {
                return false
            }
            return answer.contains(part)
        }
    }

    /// Whether this mutant may explain the answer typed as `source`: a change about what a call
    /// computes (`Misconception.isAboutCalls`) only explains an answer that calls something, and
    /// a setting given to a call (`Misconception.setsACallsSetting`) only one that calls a
    /// function the mutant calls: a patch sliced by hand at another place may have the value of
    /// a convolution with a stride, but no stride was written.
    func canExplain(_ source: String) -> Bool {
        // The smaller for the larger is told of an answer that takes the swapped-in one as often
        // as the mutant does (however spelled: `torch.min(a, b)` is `torch.minimum(a, b)`): a
        // number typed, or the reference's own extremum kept, is another slip.
        for change in changes where change.misconception == .extremumSwapped {
            let family = MutantGenerator.extremumFamily(change.piece)
            if family.reduce(0, { $0 + MutantGenerator.calls(of: $1, in: source) })
                < family.reduce(0, { $0 + MutantGenerator.calls(of: $1, in: self.source) })
            {
                return false
            }
        }
        // A count of window positions taken otherwise is a shape worked out by hand: an answer
        // that calls something (`F.unfold(x, K, padding=1).shape`) made its slip in the call.
        if changes.contains(where: { $0.misconception == .unfoldPositions }),
            !Self.calledNames(source).subtracting(Self.literalMakers).isEmpty
        {
            return false
        }
        // A part of a window's sum left out is told of an answer that reads the tensors element
        // by element or row by row, not of a number typed in.
        if changes.contains(where: { $0.misconception == .partLeftOut }), !Self.indexes(source) {
            return false
        }
        // A slice's other end, a second pair of brackets and a shift the other way are told of an
        // answer that writes them: the same values typed otherwise (the input unshifted, rows
        // picked at once) made another slip.
        // A table's share taken otherwise is told of an answer that reads the table (the piece):
        // the same number reached from other numbers is another slip.
        for change in changes where [.shareOfAll, .diagonalShare].contains(change.misconception) {
            let names = source.split { !($0.isLetter || $0.isNumber || $0 == "_") }
            if !names.contains(Substring(change.piece)) { return false }
            // The whole diagonal is read as such (`diag`, `trace`) or entry by entry (three at
            // least), not one entry of it.
            let typed = source.filter { !$0.isWhitespace }
            if change.misconception == .diagonalShare, !typed.contains("diag"), !typed.contains("trace"),
                typed.components(separatedBy: change.piece + "[").count < 4
            {
                return false
            }
        }
        // Another class of a table (`cm[k, k]`) is told of an answer that indexes the table.
        for change in changes where change.misconception == .otherClass && change.piece.hasSuffix("[") {
            if !source.filter({ !$0.isWhitespace }).contains(change.piece) { return false }
        }
        let typed = source.filter { !$0.isWhitespace }
        for change in changes
        where [.otherEndDropped, .shiftReversed, .shiftMoved].contains(change.misconception) {
            // The slice itself (`1:`), not one that holds it (`1:-1` cuts both ends).
            if !Self.slices(in: source).contains(change.piece) { return false }
        }
        if changes.contains(where: { $0.misconception == .chainedSlice }), !typed.contains("][") {
            return false
        }
        // Where a slice or a window is cut is told of an answer that cuts one; a window in reading
        // order of one that flattens or reshapes.
        let slicing: Set<Misconception> = [
            .slicedOtherDimensions, .chainedSlice, .sliceFromOrigin, .otherEndDropped,
        ]
        if changes.contains(where: { slicing.contains($0.misconception) }), !Self.indexes(source) {
            return false
        }
        if !writesAbsoluteValues(source) { return false }
        if !canExplainCurve(source) || !canExplainFlip(source) || !writesNamedSlices(source) { return false }
        if !writesNamedChange(source) { return false }
        if changes.contains(where: { $0.misconception == .readingOrder }),
            Self.calledNames(source).isDisjoint(with: ["flatten", "reshape", "view", "ravel"])
        {
            return false
        }
        if changes.contains(where: \.misconception.setsACallsSetting) {
            // A value typed out (`(8, 16, 27, 27)`, `torch.Size([…])`) was worked out by hand:
            // any setting may have gone into it.
            let typed = Self.calledNames(source).subtracting(Self.literalMakers)
            let called = Self.calledNames(self.source)
            if !called.isEmpty, !typed.isEmpty, called.isDisjoint(with: typed) { return false }
        }
        guard changes.contains(where: \.misconception.isAboutCalls) else { return true }
        guard let program = try? Parser.parse(source) else { return false }
        func calls(_ node: ExpressionSyntax) -> Bool {
            if case .call = node.kind { return true }
            return node.kind.children.contains(where: calls)
        }
        return program.valueExpressions.contains(where: calls)
    }

    /// The slices `source` writes between brackets, each without spaces (`1:`, `:-1`), in its
    /// values and, with `assignedParts`, in the parts its steps assign to (`m[top:top+cut] = 0`).
    static func slices(in source: String, assignedParts: Bool = false) -> Set<String> {
        guard let program = try? Parser.parse(source) else { return [] }
        let text = SourceText(source)
        var found: Set<String> = []
        func visit(_ node: ExpressionSyntax) {
            if case .subscript(_, let items) = node.kind {
                for case .slice(_, _, _, let range) in items {
                    found.insert(text(range).filter { !$0.isWhitespace })
                }
            }
            for child in node.kind.children { visit(child) }
        }
        (program.valueExpressions + (assignedParts ? MutantGenerator.assignedParts(of: program) : []))
            .forEach(visit)
        return found
    }

    /// Whether `source` indexes or slices anything.
    static func indexes(_ source: String) -> Bool {
        guard let program = try? Parser.parse(source) else { return false }
        func visit(_ node: ExpressionSyntax) -> Bool {
            if case .subscript = node.kind { return true }
            return node.kind.children.contains(where: visit)
        }
        return program.valueExpressions.contains(where: visit)
    }

    /// Calls that only write a value out.
    static let literalMakers: Set<String> = ["size", "tensor", "tuple", "list", "int", "float"]

    /// The names of the functions `source` calls, a layer's class and its function alike
    /// (`conv2d` for `F.conv2d(x, w)` and `nn.Conv2d(1, 1, 3)`, `maxpool2d` for `F.max_pool2d`
    /// and `nn.MaxPool2d`, `sum` for `x.sum()`); empty when it does not parse.
    static func calledNames(_ source: String) -> Set<String> {
        guard let program = try? Parser.parse(source) else { return [] }
        var names: Set<String> = []
        func visit(_ node: ExpressionSyntax) {
            if case .call(let callee, _) = node.kind, let name = MutantGenerator.calleeName(callee) {
                names.insert(name.lowercased().filter { $0 != "_" })
            }
            for child in node.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        return names
    }
}
