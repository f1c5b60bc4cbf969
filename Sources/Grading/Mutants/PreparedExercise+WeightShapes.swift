import AnswerLanguage
import CNN

/// A layer's weight shape taken otherwise (`nn.Conv2d(C_in, C_out, K, groups=g).weight.shape`):
/// the groups dividing the filters instead of each filter's channels, a dimension per group, the
/// groups where a filter's channels belong, a transposed convolution's order for a convolution's
/// (and the reverse), the kernel flattened or left out, the input channels left out. Each mutant
/// is the shape written as a tuple in the names the layer's arguments are written in, so that the
/// perturbed setup tells an answer that only shares its value (`PerturbedSetup`).
extension PreparedExercise {
    /// The weight-shape mutants of the first source that is a layer's `.weight.shape` (or
    /// `.weight.size()`).
    func weightShapeMutants(_ sources: [String]) -> [Mutant] {
        var integers: [String: Int] = [:]
        for name in base.boundNames {
            if case .int(let value) = base[name] { integers[name] = value }
        }
        for source in sources {
            let text = source.trimmingCharacters(in: .whitespaces)
            guard
                let range = text.range(of: ".weight.shape", options: .backwards)
                    ?? text.range(
                        of: ".weight.size()", options: .backwards),
                range.upperBound == text.endIndex
            else { continue }
            let module = String(text[..<range.lowerBound])
            let run = extraRun(.mutant) { () throws(LanguageError) -> Value in try self.session().run(module)
            }
            guard case .module(let layer)? = run.value, let shape = WeightShape(layer) else { continue }
            return shape.mutants(roles: shape.roles(module, integers))
        }
        return []
    }
}

/// A convolution's or a transposed convolution's weight, by its sizes.
struct WeightShape {
    var transposed: Bool
    var inChannels: Int
    var outChannels: Int
    var kernel: [Int]
    var groups: Int

    init?(_ layer: any Layer) {
        switch layer {
        case let conv as Conv2d:
            transposed = false
            (inChannels, outChannels, groups) = (conv.inChannels, conv.outChannels, conv.groups)
            kernel = [conv.kernelSize.height, conv.kernelSize.width]
        case let conv as ConvTranspose2d:
            transposed = true
            (inChannels, outChannels, groups) = (conv.inChannels, conv.outChannels, conv.groups)
            kernel = [conv.kernelSize.height, conv.kernelSize.width]
        default:
            return nil
        }
    }

    /// The texts the module's call writes its sizes in, by their role (`nn.Conv2d(C_in, C_out, K,
    /// groups=g)`: in `C_in`, out `C_out`, kernel `K`, groups `g`), where an argument is a formula
    /// in the setup's whole numbers with the layer's value: two roles of one value (K = g = 3)
    /// stay apart.
    func roles(_ module: String, _ integers: [String: Int]) -> [String: String] {
        guard let program = try? Parser.parse(module), program.statements.count == 1,
            case .expression(let expression) = program.statements[0],
            case .call(_, let arguments) = expression.kind
        else { return [:] }
        let text = SourceText(module)
        let order = ["in_channels", "out_channels", "kernel_size"]
        let values = [
            "in_channels": inChannels, "out_channels": outChannels, "kernel_size": kernel[0],
            "groups": groups,
        ]
        var found: [String: String] = [:]
        var position = 0
        for argument in arguments where !argument.isSpread {
            let role: String
            if let name = argument.name {
                role = name
            } else {
                guard position < order.count else { continue }
                role = order[position]
                position += 1
            }
            let written = text(argument.value)
            guard let value = values[role], let formula = Formula.parse(written), !formula.names.isEmpty,
                formula.names.isSubset(of: integers.keys), case .int(value)? = formula.evaluate(integers)
            else { continue }
            // A kernel of one side written for both.
            if role == "kernel_size", kernel[0] != kernel[1] { continue }
            found[role] = formula.source
        }
        return found
    }

    /// The weight-shape mutants, their dimensions written in the names `roles` gives.
    func mutants(roles: [String: String]) -> [Mutant] {
        let (a, b, g) = (inChannels, outChannels, groups)
        func written(_ role: String, _ value: Int) -> String { roles[role] ?? "\(value)" }
        func bracketed(_ role: String, _ value: Int) -> String {
            guard let text = roles[role] else { return "\(value)" }
            return CountInventory.isName(text) ? text : "(\(text))"
        }
        let inText = written("in_channels", a)
        let outText = written("out_channels", b)
        let gText = written("groups", g)
        /// `x / g` in names where both are, else the number.
        func quotient(_ role: String, _ x: Int) -> String {
            if g == 1 { return written(role, x) }
            if roles[role] != nil, roles["groups"] != nil {
                return "\(bracketed(role, x)) // \(bracketed("groups", g))"
            }
            return "\(x / g)"
        }
        let sides = kernel.map { written("kernel_size", $0) }
        // The reference's order: a convolution's filters first, a transposed one's inputs first.
        let first = transposed ? inText : outText
        let perGroup = transposed ? quotient("out_channels", b) : quotient("in_channels", a)
        var found: [Mutant] = []
        func add(_ misconception: Misconception, _ dimensions: [String]) {
            let text = "(" + dimensions.joined(separator: ", ") + (dimensions.count == 1 ? ",)" : ")")
            found.append(Mutant(misconception: misconception, source: text, piece: ""))
        }
        // Groups are told of a convolution's weight only (a grouped transposed one is rare).
        if g != 1, !transposed {
            if b != g { add(.weightOutputsDivided, [quotient("out_channels", b), inText] + sides) }
            add(.weightGroupDimension, [gText, quotient("out_channels", b), perGroup] + sides)
            if a != g, a / g != g { add(.weightGroupsForChannels, [first, gText] + sides) }
        }
        // The other kind's order: a convolution's weight written inputs first, and the reverse.
        let other =
            transposed ? [outText, quotient("in_channels", a)] : [inText, quotient("out_channels", b)]
        if other != [first, perGroup] {
            add(transposed ? .weightConvolutionOrder : .weightTransposedOrder, other + sides)
        }
        if kernel.count == 2, kernel.allSatisfy({ $0 != 1 }) {
            let area =
                roles["kernel_size"] != nil
                ? "\(bracketed("kernel_size", kernel[0])) * \(bracketed("kernel_size", kernel[1]))"
                : "\(kernel[0] * kernel[1])"
            add(.weightKernelFlattened, [first, perGroup, area])
            add(.weightKernelDropped, [first, perGroup])
        }
        add(.weightInputsDropped, (transposed ? [perGroup] : [first]) + sides)
        return found
    }
}
