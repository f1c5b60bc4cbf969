/// Which size formula an exercise's size is about. A story about a size is true only of the
/// formula it is about: a padding forgotten "widens the input before the kernel slides" and the
/// `+ 1` "counts the positions" of an ordinary convolution's `(n + 2p − f) // s + 1`, but a
/// transposed convolution's `(n − 1) · s − 2p + k` trims its padding off and has no `+ 1`, and an
/// upsampling's `n · scale` has neither. The grader tells an ordinary convolution's size stories
/// only where the size is not known to be another's: a less specific message rather than a wrong
/// one.
enum SizeFormula: Sendable, Equatable {
    /// An ordinary convolution's or a sliding window's (pooling) size: a larger kernel shrinks it,
    /// a larger padding grows it.
    case convolution
    /// A transposed convolution's size, of one stage or several: a larger kernel grows it, a
    /// larger padding trims it.
    case transposed
    /// An upsampling's size: the input multiplied by a scale, with no kernel or padding.
    case upsampling
    /// Nothing says which: a number typed, a size through several kinds of layer, names that
    /// play no known part.
    case unknown

    /// Whether an ordinary convolution's size stories (a padding forgotten or on one side, the
    /// kernel's shrinking, the `+ 1` of a count of positions) may be told of this size: not of a
    /// size known to be another kind's.
    var tellsConvolutionStories: Bool { self == .convolution || self == .unknown }

    /// Names that play a part in a size formula, by what they usually are (lowercased).
    static let kernelRoles: Set<String> = ["k", "f", "kernel", "kernel_size", "ks", "window"]
    static let paddingRoles: Set<String> = ["p", "pad", "padding"]
    static let strideRoles: Set<String> = ["s", "stride"]
    static let outputPaddingRoles: Set<String> = ["op", "o", "output_padding", "out_pad", "outpad"]
    static let dilationRoles: Set<String> = ["d", "dilation"]

    /// The kind of size `sources` (the reference and its alternatives) compute, with `integers`
    /// the setup's whole-number names.
    static func of(_ sources: [String], integers: [String: Int]) -> SizeFormula {
        var kinds: Set<SizeFormula> = []
        for source in sources {
            if let kind = byCalls(source) {
                kinds.insert(kind)
            } else if let formula = Formula.parse(source), formula.names.isSubset(of: integers.keys) {
                let kind = byFormula(formula, integers: integers)
                if kind != .unknown { kinds.insert(kind) }
            }
        }
        return kinds.count == 1 ? kinds.first ?? .unknown : .unknown
    }

    /// The kind the layers a calculation calls say, if it calls size-changing layers of one kind
    /// only.
    static func byCalls(_ source: String) -> SizeFormula? {
        let text = source.lowercased().filter { $0 != " " }
        var kinds: Set<SizeFormula> = []
        if text.contains("conv_transpose") || text.contains("convtranspose") { kinds.insert(.transposed) }
        if text.contains("interpolate(") || text.contains("upsample") || text.contains("repeat_interleave(") {
            kinds.insert(.upsampling)
        }
        // `conv_transpose2d(` does not contain `conv2d(`.
        if text.contains("conv2d(") || text.contains("conv1d(") || text.contains("pool") {
            kinds.insert(.convolution)
        }
        guard !kinds.isEmpty else { return nil }
        return kinds.count == 1 ? kinds.first : .unknown
    }

    /// The kind a formula says: a transposed convolution's stages as written
    /// (`TransposedStage`); a window's size by how it moves, shrinking as its kernel grows or
    /// growing with its padding; an upsampling as one input times scales (`H * s * s`). Told only
    /// of a formula that grows with an input of no known part (`n`, `H_in`): a padding worked out
    /// from a kernel (`(f - 1) // 2`) or a receptive field (`L * (K - 1) + 1`) is no map's size.
    static func byFormula(_ formula: Formula, integers: [String: Int]) -> SizeFormula {
        // A transposed convolution's size anywhere in it (`2 * H - ((H - 1) * s - 2 * p + k)`,
        // the output padding that makes it 2H) makes its parts a transposed convolution's.
        if TransposedStage.appears(in: formula) { return .transposed }
        guard let base = formula.evaluate(integers)?.double else { return .unknown }
        func slope(_ name: String) -> Double? {
            var moved = integers
            moved[name, default: 0] += 2
            return formula.evaluate(moved).map { ($0.double - base) / 2 }
        }
        let inputs = formula.names.filter { !hasRole($0) }
        guard inputs.contains(where: { (slope($0) ?? 0) > 0 }) else { return .unknown }
        let kernel = formula.names.filter { kernelRoles.contains($0.lowercased()) }.compactMap(slope)
        let padding = formula.names.filter { paddingRoles.contains($0.lowercased()) }.compactMap(slope)
        if kernel.allSatisfy({ $0 <= 0 }), padding.allSatisfy({ $0 >= 0 }),
            kernel.contains(where: { $0 < 0 }) || padding.contains(where: { $0 > 0 })
        {
            return .convolution
        }
        return kernel.isEmpty && padding.isEmpty && inputs.count == 1 && isUpsampling(formula)
            ? .upsampling : .unknown
    }

    /// Whether a name plays a known part in a size formula (kernel, padding, stride, output
    /// padding, scale) rather than being the size that goes in.
    static func hasRole(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return [kernelRoles, paddingRoles, strideRoles, outputPaddingRoles, scaleRoles, dilationRoles]
            .contains {
                $0.contains(lowered)
            }
    }

    /// Names a scale factor of an upsampling goes by (lowercased), besides a stride's.
    static let scaleRoles: Set<String> = ["scale", "scale_factor", "factor", "up", "upscale"]

    /// A product of one input and scales (stride or scale names) or their powers, and numbers:
    /// `H * s * s`, `H * scale ** 2`.
    private static func isUpsampling(_ formula: Formula) -> Bool {
        var inputs = 0
        var scales = 0
        for factor in formula.factors {
            switch factor {
            case .name(let name)
            where strideRoles.contains(name.lowercased()) || scaleRoles.contains(name.lowercased()):
                scales += 1
            case .name: inputs += 1
            // A number is no scale the formula names (`2 * C` is as often channels doubled).
            case .integer: continue
            case .binary(.power, .name(let name), .integer(let n))
            where n >= 2
                && (strideRoles.contains(name.lowercased()) || scaleRoles.contains(name.lowercased())):
                scales += 1
            default: return false
            }
        }
        return inputs == 1 && scales >= 1
    }

    /// Whether `formula` is a size: a known kind's that grows with an input of no known part.
    static func isSize(_ formula: Formula, integers: [String: Int]) -> Bool {
        guard let base = formula.evaluate(integers)?.double else { return false }
        let grows = formula.names.filter { !hasRole($0) }.contains { name in
            var moved = integers
            moved[name, default: 0] += 2
            return (formula.evaluate(moved)?.double ?? base) > base
        }
        return grows && byFormula(formula, integers: integers) != .unknown
    }
}

/// One transposed convolution's size as a formula writes it, `(input − 1) · stride − 2 · padding
/// + kernel [+ output_padding]` in any order of terms and factors, where the input is a name or
/// the stage before (a decoder).
struct TransposedStage: Sendable, Equatable {
    var input: Formula
    var stride: Formula
    var padding: Formula?
    var kernel: Formula
    var outputPadding: Formula?

    /// The stages of `formula`, the first applied first; empty when it is no transposed
    /// convolution's size as written.
    static func stages(of formula: Formula) -> [TransposedStage] {
        guard let stage = TransposedStage(formula) else { return [] }
        return stages(of: stage.input) + [stage]
    }

    /// Whether some part of `formula` is a transposed convolution's size.
    static func appears(in formula: Formula) -> Bool {
        if TransposedStage(formula) != nil { return true }
        switch formula {
        case .integer, .real, .name: return false
        case .negate(let inner), .call(_, let inner): return appears(in: inner)
        case .binary(_, let a, let b): return appears(in: a) || appears(in: b)
        }
    }

    /// The stage `formula` is at its top, or nil.
    init?(_ formula: Formula) {
        var input: Formula?
        var stride: Formula?
        var padding: Formula?
        var added: [Formula] = []
        for (positive, term) in Self.terms(formula) {
            if positive, input == nil, let found = Self.startsProduct(term) {
                input = found.0
                stride = found.1
            } else if !positive, padding == nil, let p = Self.doubled(term) {
                padding = p
            } else if positive, case .name = term {
                added.append(term)
            } else {
                return nil
            }
        }
        guard let input, let stride, !added.isEmpty, added.count <= 2 else { return nil }
        // The input is a size: a stage before, or a name of no known part — not the kernel
        // itself (`K + (K - 1) * S` is a receptive field, a kernel widened by strides).
        guard !added.contains(input),
            TransposedStage(input) != nil || input.names.contains(where: { !SizeFormula.hasRole($0) })
        else { return nil }
        var kernel = added[0]
        var outputPadding: Formula?
        if added.count == 2 {
            // Which added name is the output padding: the one its name says.
            let named = added.filter {
                if case .name(let name) = $0 {
                    return SizeFormula.outputPaddingRoles.contains(name.lowercased())
                }
                return false
            }
            guard named.count == 1, let op = named.first else { return nil }
            outputPadding = op
            kernel = added[0] == op ? added[1] : added[0]
        }
        self.input = input
        self.stride = stride
        self.padding = padding
        self.kernel = kernel
        self.outputPadding = outputPadding
    }

    /// The terms of a sum or difference, each with its sign.
    static func terms(_ formula: Formula) -> [(Bool, Formula)] {
        switch formula {
        case .binary(.add, let a, let b): terms(a) + terms(b)
        case .binary(.subtract, let a, let b): terms(a) + terms(b).map { (!$0.0, $0.1) }
        case .negate(let inner): terms(inner).map { (!$0.0, $0.1) }
        default: [(true, formula)]
        }
    }

    /// `(x - 1) * s` or `s * (x - 1)`, with `s` a name: the span of the patches' starts.
    private static func startsProduct(_ term: Formula) -> (Formula, Formula)? {
        guard case .binary(.multiply, let a, let b) = term else { return nil }
        for (group, factor) in [(a, b), (b, a)] {
            if case .binary(.subtract, let x, .integer(1)) = group, case .name = factor { return (x, factor) }
        }
        return nil
    }

    /// `2 * p` or `p * 2`, with `p` a name.
    static func doubled(_ term: Formula) -> Formula? {
        switch term {
        case .binary(.multiply, .integer(2), let p), .binary(.multiply, let p, .integer(2)):
            if case .name = p { return p }
            return nil
        default: return nil
        }
    }

    /// This stage's size written for `input`: as the stage is, or with its stride taken as
    /// `stride`, its padding as `padding` (`"- 2 * p"`, `"+ 2 * p"`, `"- p"`, `""`) and its
    /// output padding kept or not.
    func source(
        input: String, stride: String? = nil, padding: String? = nil, outputPadding keeps: Bool = true
    ) -> String {
        var text = "(\(input) - 1) * \(stride ?? self.stride.source)"
        if let written = padding ?? self.padding.map({ "- 2 * \($0.source)" }), !written.isEmpty {
            text += " \(written)"
        }
        text += " + \(kernel.source)"
        if keeps, let outputPadding { text += " + \(outputPadding.source)" }
        return text
    }

    /// What an ordinary convolution with this stage's settings gives from `input`.
    func convolutionSource(input: String) -> String {
        let padded = padding.map { "\(input) + 2 * \($0.source)" } ?? input
        return "(\(padded) - \(kernel.source)) // \(stride.source) + 1"
    }
}
