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
            return shape.mutants(written: WeightShape.names(module, integers))
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

    /// Each size a module's arguments write in names, as written (a value two expressions share
    /// is neither's).
    static func names(_ module: String, _ integers: [String: Int]) -> [Int: String] {
        var written: [Int: Set<String>] = [:]
        for argument in CountInventory.arguments(module) {
            guard let formula = Formula.parse(argument), !formula.names.isEmpty,
                formula.names.isSubset(of: integers.keys), case .int(let value)? = formula.evaluate(integers)
            else { continue }
            written[value, default: []].insert(formula.source)
        }
        return written.compactMapValues { $0.count == 1 ? $0.first : nil }
    }

    /// The weight-shape mutants, their dimensions written in `written`'s names where it has them.
    func mutants(written: [Int: String]) -> [Mutant] {
        func size(_ value: Int) -> String { written[value] ?? "\(value)" }
        func bracketed(_ value: Int) -> String {
            guard let text = written[value] else { return "\(value)" }
            return CountInventory.isName(text) ? text : "(\(text))"
        }
        /// `x / g` in names where both are, else the number.
        func quotient(_ x: Int, _ g: Int) -> String {
            if g == 1 { return size(x) }
            if written[x] != nil, written[g] != nil { return "\(bracketed(x)) // \(bracketed(g))" }
            return "\(x / g)"
        }
        let (a, b, g) = (inChannels, outChannels, groups)
        let sides = kernel.map(size)
        // The reference's order: a convolution's filters first, a transposed one's inputs first.
        let first = transposed ? size(a) : size(b)
        let perGroup = transposed ? quotient(b, g) : quotient(a, g)
        var found: [Mutant] = []
        func add(_ misconception: Misconception, _ dimensions: [String]) {
            let text = "(" + dimensions.joined(separator: ", ") + (dimensions.count == 1 ? ",)" : ")")
            found.append(Mutant(misconception: misconception, source: text, piece: ""))
        }
        // Groups are told of a convolution's weight only (a grouped transposed one is rare).
        if g != 1, !transposed {
            let whole = transposed ? b : a
            let divided = transposed ? a : b
            if divided != g { add(.weightOutputsDivided, [quotient(divided, g), size(whole)] + sides) }
            add(.weightGroupDimension, [size(g), quotient(divided, g), perGroup] + sides)
            if whole != g, whole / g != g { add(.weightGroupsForChannels, [first, size(g)] + sides) }
        }
        // The other kind's order: a convolution's weight written inputs first, and the reverse.
        let other = transposed ? [size(b), quotient(a, g)] : [size(a), quotient(b, g)]
        if other != [first, perGroup] {
            add(transposed ? .weightConvolutionOrder : .weightTransposedOrder, other + sides)
        }
        if kernel.count == 2, kernel.allSatisfy({ $0 != 1 }) {
            let area =
                kernel[0] == kernel[1] && written[kernel[0]] != nil
                ? "\(bracketed(kernel[0])) * \(bracketed(kernel[1]))" : "\(kernel[0] * kernel[1])"
            add(.weightKernelFlattened, [first, perGroup, area])
            add(.weightKernelDropped, [first, perGroup])
        }
        add(.weightInputsDropped, (transposed ? [perGroup] : [first]) + sides)
        return found
    }
}
