import AnswerLanguage

/// What a transposed convolution's or an upsampling's size formula is taken for (formulas only,
/// `MutantGenerator.arithmetic`): an ordinary convolution's size where a transposed one belongs,
/// the padding added where it trims in every stage, the size times the strides alone, a
/// decoder's last stage left out or its stages merged into one — and the padding or stride forgotten where the course names them otherwise than `p`
/// and `s`. Each stage of a decoder is read from the formula as written (`TransposedStage`), so
/// a learner's slip made in every stage is one change, as they would make it.
extension MutantGenerator {
    /// The rules on every transposed convolution's size the program's formulas write, and on an
    /// upsampling's repeated scale.
    mutating func sizeFormulaRules(in program: Program) {
        for statement in program.statements {
            guard case .expression(let expression) = statement else { continue }
            transposedRules(expression)
            upsamplingRules(expression)
        }
    }

    /// The largest parts of `node` that are a transposed convolution's size, each read as its
    /// stages.
    private mutating func transposedRules(_ node: ExpressionSyntax) {
        if isArithmetic(node), let formula = Formula(node) {
            let stages = TransposedStage.stages(of: formula)
            if !stages.isEmpty { return transposedMutants(node, stages) }
        }
        for child in node.kind.children { transposedRules(child) }
    }

    private mutating func transposedMutants(_ node: ExpressionSyntax, _ stages: [TransposedStage]) {
        /// The stages written one after another, each as `write` writes it from the size before.
        func composed(_ count: Int? = nil, _ write: (Int, TransposedStage, String) -> String) -> String {
            var text = stages[0].input.source
            for (index, stage) in stages.prefix(count ?? stages.count).enumerated() {
                text = write(index, stage, text)
            }
            return text
        }
        /// The change made in every stage, and in each stage alone (a slip made once).
        func everyAndEach(
            _ misconception: Misconception, piece: String, _ change: (TransposedStage, String) -> String?
        ) {
            var places: [Int?] = [nil]
            if stages.count > 1 { places += stages.indices.map { Optional($0) } }
            for place in places {
                var changed = false
                let text = composed { index, stage, input in
                    guard place == nil || place == index, let written = change(stage, input) else {
                        return stage.source(input: input)
                    }
                    changed = true
                    return written
                }
                if changed { replace(node, by: text, as: misconception, piece: piece) }
            }
        }
        let convolution = composed { $1.convolutionSource(input: $2) }
        replace(node, by: convolution, as: .convolutionForTransposed, piece: convolution)
        if let padding = stages.compactMap(\.padding).first?.source {
            // In one stage the generic plus for a minus writes it (told with a transposed
            // convolution's reason); in every stage of a decoder it is one slip made twice.
            if stages.count > 1 {
                let added = composed { _, stage, input in
                    stage.padding.map { stage.source(input: input, padding: "+ 2 * \($0.source)") }
                        ?? stage.source(input: input)
                }
                replace(node, by: added, as: .transposedPaddingAdded, piece: "2 * \(padding)")
            }
            // A padding the generic rules do not know by its name (`2 * p` → `p`, `p` → 0).
            if !Self.paddingNames.contains(padding) {
                everyAndEach(.paddingOneSide, piece: "2 * \(padding)") { stage, input in
                    stage.padding.map { stage.source(input: input, padding: "- \($0.source)") }
                }
                everyAndEach(.paddingForgotten, piece: padding) { stage, input in
                    stage.padding == nil ? nil : stage.source(input: input, padding: "")
                }
            }
        }
        if case .name(let stride) = stages[0].stride, !Self.strideNames.contains(stride) {
            everyAndEach(.strideForgotten, piece: stride) { stage, input in
                stage.source(input: input, stride: "1")
            }
        }
        // The size times the stride of every stage, nothing else (`H_in * s`).
        let strides = stages.map(\.stride.source)
        let scaled = ([stages[0].input.source] + strides).joined(separator: " * ")
        replace(node, by: scaled, as: .scaledOnly, piece: scaled)
        if stages.count > 1 {
            let shorter = composed(stages.count - 1) { $1.source(input: $2) }
            replace(node, by: shorter, as: .stageLeftOut, piece: shorter)
            // The stages taken as one, their strides multiplied: the last stage's kernel and
            // padding counted once (`(H_in - 1) * s * s - 2 * p + k`).
            if Set(stages.map(\.stride)).count == 1, let last = stages.last {
                let stride = strides.joined(separator: " * ")
                let merged = last.source(input: stages[0].input.source, stride: stride)
                replace(node, by: merged, as: .stagesMerged, piece: stride)
            }
        }
    }

    /// `n * r * r` (or `n * r ** 2`), a size upsampled twice by a scale named as a stride or a
    /// scale: the last upsampling left out.
    private mutating func upsamplingRules(_ node: ExpressionSyntax) {
        guard isArithmetic(node), let formula = Formula(node), case .binary(.multiply, _, _) = formula else {
            return
        }
        var counts: [String: Int] = [:]
        var others: [Formula] = []
        for factor in formula.factors {
            switch factor {
            case .name(let name) where Self.isScale(name): counts[name, default: 0] += 1
            case .binary(.power, .name(let name), .integer(let n)) where Self.isScale(name) && n >= 2:
                counts[name, default: 0] += n
            default: others.append(factor)
            }
        }
        // A size to scale: some name that is no scale.
        guard others.contains(where: { !$0.names.isEmpty }) else { return }
        for (scale, count) in counts.sorted(by: { $0.key < $1.key }) where count >= 2 {
            var factors = others.map { factor -> String in
                if case .binary(let op, _, _) = factor, op == .add || op == .subtract {
                    return "(\(factor.source))"
                }
                return factor.source
            }
            for (other, times) in counts.sorted(by: { $0.key < $1.key }) {
                factors += Array(repeating: other, count: other == scale ? times - 1 : times)
            }
            let shorter = factors.joined(separator: " * ")
            replace(node, by: shorter, as: .stageLeftOut, piece: shorter)
        }
    }

    private static func isScale(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return SizeFormula.strideRoles.contains(lowered) || SizeFormula.scaleRoles.contains(lowered)
    }
}
