import AnswerLanguage

/// An expression read the way the evaluator reads its calls: each call of a builtin has its
/// arguments bound to the builtin's parameter names (positional = keyword), an argument equal to
/// its parameter's default is left out, `(2, 2)` is `2` where PyTorch reads a pair as one size
/// (a 2-d convolution's or pooling's `kernel_size`, `stride`, `padding`, `dilation`), and every
/// spelling of one builtin (`F.relu`, `torch.relu`, `torch.nn.functional.relu`, `relu`, a tensor's
/// `.relu()`) is the same callee. Everything else is compared as written, spaces and brackets
/// aside. Two trees with the same `key` compute the same thing the same way.
struct CallTree: Sendable {
    /// One bound argument of a call.
    struct Argument: Sendable {
        var tree: CallTree
        /// The value as typed (`(2, 1)`), for quoting.
        var text: String
    }

    enum Kind: Sendable {
        /// Any node but a bound call: `tag` is its text with each child replaced by `∘`.
        case plain(tag: String)
        /// A call whose arguments are bound to names: `callee` is who is called (a builtin by its
        /// signature, or another callee's key), `named` whether the names are the callee's
        /// parameters (else `#0`, `#1`… for positions).
        case call(callee: String, named: Bool)
    }

    var kind: Kind
    /// A plain node's children, in source order.
    var children: [CallTree] = []
    /// A call's arguments by parameter name, and the names in the callee's order.
    var arguments: [String: Argument] = [:]
    var order: [String] = []
    /// The builtin's name, for a bound call (`conv2d`, `Conv2d`, `max_pool2d`).
    var calleeName: String = ""
    /// The parameter a method's receiver is bound to (`input` of `t.backward()`), for a builtin
    /// called as a method: the receiver is what the method is called on, no argument typed.
    var receiver: String?
    /// The node as typed.
    var text: String
    /// Where it starts in its source (in scalars); nil for a node made of several (a variadic
    /// parameter's values).
    var offset: Int?
    /// Equal keys: the same tree.
    private(set) var key: String = ""

    fileprivate mutating func seal() {
        switch kind {
        case .plain(let tag):
            key = tag + "(" + children.map(\.key).joined(separator: ",") + ")"
        case .call(let callee, _):
            key =
                callee + "{"
                + arguments.keys.sorted().map { "\($0)=\(arguments[$0]?.tree.key ?? "")" }.joined(
                    separator: ",")
                + "}"
        }
    }

    /// Whether this node or one inside it is a call.
    var makesCall: Bool {
        isCall || children.contains(where: \.makesCall) || arguments.values.contains { $0.tree.makesCall }
    }

    /// Whether this node is a call with bound arguments.
    var isCall: Bool {
        if case .call = kind { return true }
        return false
    }

    /// The callee's identity, for a call.
    var callee: String? {
        if case .call(let callee, _) = kind { return callee }
        return nil
    }

    /// Whether the call's argument names are its parameters' (a builtin's), not positions.
    var namesParameters: Bool {
        if case .call(_, let named) = kind { return named }
        return false
    }

    /// Conversions to floating point: the same values, of another type.
    static let conversions: Set<String> = ["float", "double"]

    /// The tree without a conversion to floating point around it (`(p == t).float()` is
    /// `p == t`, counted or averaged alike).
    var unconverted: CallTree {
        guard namesParameters, Self.conversions.contains(calleeName), arguments.count == 1,
            let input = arguments["input"]
        else { return self }
        return input.tree.unconverted
    }

    /// Calls that read a one-number tensor as a Python number (`int(t)`, `float(t)`, `t.item()`):
    /// the grader compares the number either way.
    static let scalarReads: Set<String> = ["int", "float", "item"]

    /// The tree without the calls around it that read its one number as a Python number
    /// (`int(val.argmin())` is `val.argmin()`): around the whole answer they change nothing
    /// a comparison sees, so they are no difference of how it is written.
    var scalarRead: CallTree {
        guard isScalarRead, let only = arguments.values.first else { return self }
        return only.tree.scalarRead
    }

    /// Whether the tree is a call that reads a one-number tensor out (`scalarReads`).
    var isScalarRead: Bool {
        namesParameters && Self.scalarReads.contains(calleeName) && arguments.count == 1
    }
}

/// Reads expressions into `CallTree`s, resolving callees through a fresh interpreter (builtins
/// only: a name the setup binds is called as written).
final class CallTreeReader {
    /// A builtin's parameters, read from its signature text.
    struct Parameter {
        var name: String
        var defaultKey: String?
        var isVariadic: Bool
        var isKeywordOnly: Bool
    }

    /// A callee resolved to a builtin: its identity, name and parameters.
    struct Builtin {
        var identity: String
        var name: String
        var parameters: [Parameter]
    }

    /// Parameters PyTorch reads as a pair (`_pair`) in its 2-d convolutions and poolings.
    static let pairParameters: Set<String> = ["kernel_size", "stride", "padding", "dilation"]

    private let isBoundInSetup: (String) -> Bool
    private let resolver: Interpreter
    private var functions: [String: Builtin?] = [:]
    private var methods: [String: Builtin?] = [:]

    /// `isBoundInSetup`: whether the setup binds a name (a callee rooted there is not a builtin).
    init(options: EvaluationOptions, isBoundInSetup: @escaping (String) -> Bool) {
        self.isBoundInSetup = isBoundInSetup
        resolver = Interpreter(options: options)
    }

    /// The tree of `source` when it is one expression; nil otherwise.
    func read(_ source: String) -> CallTree? {
        guard let program = try? Parser.parse(source), program.statements.count == 1,
            case .expression(let expression) = program.statements[0]
        else { return nil }
        return tree(expression, SourceText(source))
    }

    private func tree(_ node: ExpressionSyntax, _ text: SourceText) -> CallTree {
        if case .call(let callee, let arguments) = node.kind,
            let call = bound(node, callee, arguments, text)
        {
            return call
        }
        if let picked = picked(node, text) { return picked }
        return plain(node, text)
    }

    /// Builtins that return a pair of values and indices.
    static let pairCalls: Set<String> = ["max", "min", "topk", "sort", "kthvalue", "cummin", "cummax"]

    /// `x.max(dim=1).values`, `x.topk(2)[1]`: one half of the pair a call returns, read as a call
    /// of its own. The values of `max` or `min` over a dimension are `amax` or `amin`, their
    /// indices `argmax` or `argmin`; another call's half is that call with `.values` or
    /// `.indices` after it. `calleeName` says it as written: `max(…)[0]`, `topk(…).indices`.
    private func picked(_ node: ExpressionSyntax, _ text: SourceText) -> CallTree? {
        let base: ExpressionSyntax
        let values: Bool
        let suffix: String
        switch node.kind {
        case .attribute(let of, let name, _) where name == "values" || name == "indices":
            (base, values, suffix) = (of, name == "values", "." + name)
        case .subscript(let of, let items):
            guard items.count == 1, case .index(let index) = items[0],
                case .integer(let position) = index.kind,
                position == 0 || position == 1
            else { return nil }
            (base, values, suffix) = (of, position == 0, "[\(position)]")
        default:
            return nil
        }
        guard case .call(let callee, let arguments) = base.kind,
            let call = bound(base, callee, arguments, text), call.namesParameters,
            Self.pairCalls.contains(call.calleeName)
        else { return nil }
        var result = call
        if call.calleeName == "max" || call.calleeName == "min" {
            // Over a dimension only (`max(1)` binds the 1 as one of `*others`): `max()` of
            // everything is one number, and `max(a, b)` compares two tensors.
            var bound = call.arguments
            if let others = bound.removeValue(forKey: "*others") {
                guard bound["dim"] == nil, others.tree.children.count == 1,
                    case .plain(let tag) = others.tree.children[0].kind, tag.hasPrefix("int:") || tag == "-∘"
                else { return nil }
                bound["dim"] = CallTree.Argument(tree: others.tree.children[0], text: others.text)
            }
            guard bound["dim"] != nil, bound["key"] == nil,
                let builtin = function("torch." + (values ? "a" : "arg") + call.calleeName)
            else { return nil }
            result.kind = .call(callee: builtin.identity, named: true)
            result.arguments = bound
            result.order = builtin.parameters.map { $0.isVariadic ? "*" + $0.name : $0.name }
        } else {
            result.kind = .call(callee: (call.callee ?? "") + (values ? "#values" : "#indices"), named: true)
        }
        result.calleeName = call.calleeName + "(…)" + suffix
        result.text = text(node)
        result.offset = node.range.lowerBound.offset
        result.seal()
        return result
    }

    private func plain(_ node: ExpressionSyntax, _ text: SourceText) -> CallTree {
        let written = text(node)
        var tag: String
        var children = node.kind.children.sorted { $0.range.lowerBound.offset < $1.range.lowerBound.offset }
        switch node.kind {
        // A string's quotes and a number's spelling are not what it is.
        case .string(let value): tag = "str:" + value
        case .integer(let value): tag = "int:\(value)"
        case .float(let value): tag = "float:\(value)"
        default:
            let nested = zip(children, children.dropFirst()).allSatisfy {
                $0.range.upperBound.offset <= $1.range.lowerBound.offset
            }
            let inside = children.allSatisfy {
                $0.range.lowerBound.offset >= node.range.lowerBound.offset
                    && $0.range.upperBound.offset <= node.range.upperBound.offset
            }
            if nested, inside {
                var scalars = String.UnicodeScalarView()
                var position = node.range.lowerBound.offset
                for child in children {
                    scalars.append(contentsOf: Self.slice(text, position, child.range.lowerBound.offset))
                    scalars.append("∘")
                    position = child.range.upperBound.offset
                }
                scalars.append(contentsOf: Self.slice(text, position, node.range.upperBound.offset))
                tag = String(scalars)
            } else {
                tag = written
                children = []
            }
            // Brackets only group: the tree keeps the grouping.
            tag = String(tag.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "(" && $0 != ")" })
        }
        var result = CallTree(
            kind: .plain(tag: tag), children: children.map { tree($0, text) }, text: written,
            offset: node.range.lowerBound.offset)
        result.seal()
        return result
    }

    /// A call with its arguments bound by name: a builtin's to its parameters, any other callee's
    /// by position and keyword. Nil when they cannot be bound (a spread, an unknown keyword): the
    /// call is then compared as written.
    private func bound(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax],
        _ text: SourceText
    ) -> CallTree? {
        guard !arguments.contains(where: \.isSpread) else { return nil }
        var positional = arguments.filter { $0.name == nil }.map(\.value)
        let keywords = arguments.filter { $0.name != nil }
        var builtin: Builtin?
        var methodForm = false
        if let path = Self.dottedPath(callee), !isBoundInSetup(path[0]) {
            builtin = function(path.joined(separator: "."))
        } else if case .attribute(let receiver, let name, _) = callee.kind, let method = method(name) {
            // A tensor method is its function with the tensor first.
            builtin = method
            positional.insert(receiver, at: 0)
            methodForm = true
        }
        var result: CallTree
        if let builtin {
            guard let bound = bind(positional, keywords, to: builtin, text) else { return nil }
            result = CallTree(
                kind: .call(callee: builtin.identity, named: true), text: text(node),
                offset: node.range.lowerBound.offset)
            result.calleeName = builtin.name
            result.arguments = bound
            if methodForm { result.receiver = builtin.parameters.first?.name }
            result.order = builtin.parameters.map { $0.isVariadic ? "*" + $0.name : $0.name }
        } else {
            // What is called is read like an argument, so that a difference inside it (a layer
            // built with another setting, then called) is found there.
            result = CallTree(
                kind: .call(callee: "call", named: false), text: text(node),
                offset: node.range.lowerBound.offset)
            result.calleeName = text(callee)
            result.arguments["#callee"] = CallTree.Argument(tree: tree(callee, text), text: text(callee))
            result.order.append("#callee")
            for (index, value) in positional.enumerated() {
                result.arguments["#\(index)"] = CallTree.Argument(tree: tree(value, text), text: text(value))
                result.order.append("#\(index)")
            }
            for keyword in keywords {
                guard let name = keyword.name, result.arguments[name] == nil else { return nil }
                result.arguments[name] = CallTree.Argument(
                    tree: tree(keyword.value, text), text: text(keyword.value))
                result.order.append(name)
            }
        }
        result.seal()
        return result
    }

    /// Builtins whose first parameter means the second one when it is given alone, as PyTorch's
    /// and Python's overloads read them: `arange(end)`, `range(stop)`, `randint(high, size=…)`.
    /// The first parameter then takes its value 0 (`arange(10)` is `arange(0, 10)`).
    static let aloneMeansSecond: [String: (first: String, second: String)] = [
        "arange": ("start", "end"), "range": ("start", "stop"), "randint": ("low", "high"),
    ]

    /// Binds arguments as `Call` does; an argument equal to its parameter's default is left out.
    /// A call of an overloaded builtin given its first parameter alone binds it as PyTorch does
    /// (`aloneMeansSecond`), and its first parameter's 0 is a default.
    private func bind(
        _ positional: [ExpressionSyntax], _ keywords: [ArgumentSyntax], to builtin: Builtin,
        _ text: SourceText
    ) -> [String: CallTree.Argument]? {
        guard var result = bindAsSigned(positional, keywords, to: builtin, text) else { return nil }
        if let (first, second) = Self.aloneMeansSecond[builtin.name] {
            if let alone = result[first], result[second] == nil {
                result[second] = alone
                result[first] = nil
            } else if result[first]?.tree.key == Self.zeroKey {
                result[first] = nil
            }
        }
        return result
    }

    /// The key of the number `0` as a tree reads it.
    private static let zeroKey: String = {
        var zero = CallTree(kind: .plain(tag: "int:0"), text: "0")
        zero.seal()
        return zero.key
    }()

    /// Binds arguments in the order the builtin's signature gives them.
    private func bindAsSigned(
        _ positional: [ExpressionSyntax], _ keywords: [ArgumentSyntax], to builtin: Builtin,
        _ text: SourceText
    ) -> [String: CallTree.Argument]? {
        var bound: [String: (value: CallTree, text: String)] = [:]
        let ordered = builtin.parameters.filter { !$0.isKeywordOnly }
        var index = 0
        for parameter in ordered {
            guard index < positional.count else { break }
            if parameter.isVariadic {
                let rest = positional[index...]
                var children = rest.map { Self.asArgument(tree($0, text)) }
                // `x.flip([2, 3])` is `x.flip(2, 3)`: one sequence given is the values.
                if children.count == 1, case .plain(let tag) = children[0].kind,
                    tag.allSatisfy({ $0 == "∘" || $0 == "," }), tag.contains(",")
                {
                    children = children[0].children
                }
                var values = CallTree(
                    kind: .plain(tag: "*"), children: children,
                    text: rest.map { text($0) }.joined(separator: ", "))
                values.seal()
                bound["*" + parameter.name] = (values, values.text)
                index = positional.count
                break
            }
            bound[parameter.name] = (Self.asArgument(tree(positional[index], text)), text(positional[index]))
            index += 1
        }
        guard index == positional.count else { return nil }
        for keyword in keywords {
            guard let name = keyword.name, bound[name] == nil,
                builtin.parameters.contains(where: { $0.name == name && !$0.isVariadic })
            else { return nil }
            bound[name] = (Self.asArgument(tree(keyword.value, text)), text(keyword.value))
        }
        var result: [String: CallTree.Argument] = [:]
        let pairs = builtin.name.lowercased().hasSuffix("2d")
        for (name, entry) in bound {
            var value = entry.value
            if pairs, Self.pairParameters.contains(name) { value = Self.unpaired(value) }
            let parameter = builtin.parameters.first { $0.name == name }
            if let defaultKey = parameter?.defaultKey, value.key == defaultKey { continue }
            result[name] = CallTree.Argument(tree: value, text: entry.text)
        }
        return result
    }

    /// A list given as an argument read as the tuple it could be (`F.pad(x, [1, 1])`,
    /// `x.flip([2, 3])`): PyTorch takes either.
    static func asArgument(_ tree: CallTree) -> CallTree {
        guard case .plain(let tag) = tree.kind, tag.hasPrefix("["), tag.hasSuffix("]") else { return tree }
        var tuple = tree
        tuple.kind = .plain(tag: String(tag.dropFirst().dropLast()) + (tree.children.count == 1 ? "," : ""))
        tuple.seal()
        return tuple
    }

    /// `(2, 2)` or `[2, 2]` read as `2`.
    static func unpaired(_ tree: CallTree) -> CallTree {
        guard case .plain(let tag) = tree.kind, tag == "∘,∘", tree.children.count == 2,
            tree.children[0].key == tree.children[1].key
        else { return tree }
        var single = tree.children[0]
        single.text = tree.text
        single.offset = tree.offset
        return single
    }

    /// `F.conv2d` → `["F", "conv2d"]`; nil for anything but names joined by dots.
    static func dottedPath(_ node: ExpressionSyntax) -> [String]? {
        switch node.kind {
        case .name(let name): return [name]
        case .attribute(let base, let name, _): return dottedPath(base).map { $0 + [name] }
        default: return nil
        }
    }

    /// The builtin a dotted path names, when it is one.
    private func function(_ path: String) -> Builtin? {
        if let known = functions[path] { return known }
        var found: Builtin?
        if let value = try? resolver.evaluate(expression: path), case .function(let function) = value {
            found = builtin(function)
        }
        functions[path] = .some(found)
        return found
    }

    /// The tensor method `name`, read as its function with the tensor first.
    private func method(_ name: String) -> Builtin? {
        if let known = methods[name] { return known }
        var found: Builtin?
        if name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
            let value = try? resolver.evaluate(expression: "torch.zeros(1).\(name)"),
            case .function(let function) = value
        {
            found = builtin(function)
        }
        methods[name] = .some(found)
        return found
    }

    /// A builtin's identity and parameters from its signature (`conv2d(input, weight, bias=None, …)`).
    private func builtin(_ function: Function) -> Builtin? {
        guard !function.isLambda, let signature = try? Parser.parseExpression(function.signature),
            case .call(_, let arguments) = signature.kind
        else { return nil }
        let text = SourceText(function.signature)
        var parameters: [Parameter] = []
        var afterVariadic = false
        for argument in arguments {
            if let name = argument.name {
                // Defaults are literals: no call in them to resolve.
                var value = plain(argument.value, text)
                if function.name.lowercased().hasSuffix("2d"), Self.pairParameters.contains(name) {
                    value = Self.unpaired(value)
                }
                parameters.append(
                    Parameter(
                        name: name, defaultKey: value.key, isVariadic: false, isKeywordOnly: afterVariadic))
            } else if case .name(let name) = argument.value.kind {
                parameters.append(
                    Parameter(
                        name: name, defaultKey: nil, isVariadic: argument.isSpread,
                        isKeywordOnly: afterVariadic && !argument.isSpread))
                if argument.isSpread { afterVariadic = true }
            } else {
                return nil
            }
        }
        return Builtin(identity: "builtin:" + function.signature, name: function.name, parameters: parameters)
    }

    /// The scalars between two offsets of `text`, clamped.
    private static func slice(_ text: SourceText, _ lower: Int, _ upper: Int) -> ArraySlice<Unicode.Scalar> {
        let lower = max(0, min(lower, text.scalars.count))
        return text.scalars[lower..<max(lower, min(upper, text.scalars.count))]
    }
}
