import AnswerLanguage

/// What a sentence takes for granted about the exercise's calculation: a reason (`<id>.why`)
/// that speaks of a filter's response, a residual block, average pooling or a layer, or a change
/// that calls its operand a kernel. Such a sentence is told only where the reference (or a right
/// alternative) computes that thing; elsewhere it would explain the learner's slip with a
/// calculation the exercise does not have ("A residual block adds x to F(x)…" of a count of zeros,
/// "which change of brightness it responds to" of a weight-decay step). Read from the syntax of
/// the course's own code, never from a course's names.
enum ReasonPremise: Hashable, Sendable, CaseIterable {
    /// A filter's response: a convolution is called, or the products of two different tensors
    /// are summed (`(p * k).sum()`, `torch.sum(x * w)`).
    case filterResponse
    /// A residual block: a ReLU of a sum one of whose operands is the input the other reads
    /// (`relu(f(x) + x)`), or code that names a residual or a shortcut.
    case residualBlock
    /// Average pooling (`avg_pool2d`, `AvgPool2d`, the adaptive ones).
    case averagePooling
    /// A layer that takes a batch in and gives one output per image: a convolution, pooling,
    /// linear or normalisation call, a layer made and applied (`nn.Conv2d(…)(x)`), or a call of a
    /// network or layer the setup binds.
    case layer
    /// A calculation that makes maps smaller by a factor: pooling, a `stride` other than 1, a
    /// slice with a step (`x[:, :, ::2, ::2]`). A shape story saying "the calculation halves the
    /// size" is told only of one (a valid convolution that happens to give half is no halving).
    case downsampling

    /// The premises that hold in `sources` (the reference and the right alternatives), given
    /// the names the setup binds to layers or networks (`layers`).
    static func holding(in sources: [String], layers: Set<String> = []) -> Set<ReasonPremise> {
        var found: Set<ReasonPremise> = []
        for source in sources {
            let lowered = source.lowercased()
            if lowered.contains("residual") || lowered.contains("shortcut") { found.insert(.residualBlock) }
            guard let program = try? Parser.parse(source) else { continue }
            for expression in Self.expressions(program.statements) {
                var here: Set<ReasonPremise> = []
                Self.visit(expression, layers: layers, into: &here)
                // A forward pass run for its `.backward()` shapes no result: the gradient has its
                // input's size, however the pass pooled (`(F.avg_pool2d(v, 2) * g).sum().backward()`).
                if Self.isBackward(expression) { here.remove(.downsampling) }
                found.formUnion(here)
            }
        }
        return found
    }

    private static let convolutions: Set<String> = [
        "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "Conv1d", "Conv2d", "Conv3d",
        "ConvTranspose1d", "ConvTranspose2d",
    ]
    private static let averagePools: Set<String> = [
        "avg_pool1d", "avg_pool2d", "adaptive_avg_pool2d", "AvgPool1d", "AvgPool2d", "AdaptiveAvgPool2d",
    ]
    private static let layerCalls: Set<String> =
        convolutions.union(averagePools).union([
            "max_pool1d", "max_pool2d", "adaptive_max_pool2d", "MaxPool1d", "MaxPool2d", "AdaptiveMaxPool2d",
            "linear", "Linear", "batch_norm", "BatchNorm2d", "BatchNorm1d", "group_norm", "GroupNorm",
            "layer_norm", "LayerNorm", "instance_norm", "InstanceNorm2d", "Sequential",
        ])

    /// The expressions of top-level statements (assignments' values included).
    private static func expressions(_ statements: [Statement]) -> [ExpressionSyntax] {
        statements.compactMap { statement in
            switch statement {
            case .expression(let expression), .assignment(_, let expression): expression
            case .augmentedAssignment(_, _, let expression, _): expression
            default: nil
            }
        }
    }

    private static func visit(
        _ node: ExpressionSyntax, layers: Set<String>, into found: inout Set<ReasonPremise>
    ) {
        switch node.kind {
        case .call(let callee, let arguments):
            let name = MutantGenerator.calleeName(callee)
            if let name, convolutions.contains(name) { found.formUnion([.filterResponse, .layer]) }
            if let name, averagePools.contains(name) { found.insert(.averagePooling) }
            if let name, layerCalls.contains(name) { found.insert(.layer) }
            if let name, name.lowercased().contains("pool"), !name.lowercased().contains("adaptive") {
                found.insert(.downsampling)
            }
            // A transposed convolution's stride enlarges its maps.
            if name?.lowercased().contains("transpose") != true,
                arguments.contains(where: { $0.name == "stride" && !Self.isOne($0.value) })
            {
                found.insert(.downsampling)
            }
            // `nn.Conv2d(…)(x)`: a layer made and applied at once.
            if case .call(let maker, _) = callee.kind, let made = MutantGenerator.calleeName(maker),
                layerCalls.contains(made)
            {
                found.insert(.layer)
            }
            // A network of the setup applied: what it does inside is not read, so it may pool.
            if case .name(let called) = callee.kind, layers.contains(called) {
                found.formUnion([.layer, .downsampling])
            }
            if name == "sum", Self.sumsProducts(callee, arguments) { found.insert(.filterResponse) }
            if name == "relu" || name == "ReLU", Self.isResidual(callee, arguments) {
                found.insert(.residualBlock)
            }
        case .subscript(_, let items):
            for case .slice(_, _, let step?, _) in items where !Self.isOne(step) {
                found.insert(.downsampling)
            }
        default:
            break
        }
        for child in node.kind.children { visit(child, layers: layers, into: &found) }
    }

    /// `….backward()`.
    private static func isBackward(_ node: ExpressionSyntax) -> Bool {
        if case .call(let callee, _) = node.kind, case .attribute(_, "backward", _) = callee.kind {
            return true
        }
        return false
    }

    /// Whether `source` is, as a whole, a sum of products (`(p * k).sum()`): the part a change
    /// to that sum is about is a filter's response, not only somewhere in the calculation.
    static func sumsProducts(_ source: String) -> Bool {
        guard let typed = TypedAnswer(source), typed.statementCount == 1,
            case .call(let callee, let arguments) = typed.last.kind,
            MutantGenerator.calleeName(callee) == "sum"
        else { return false }
        return sumsProducts(callee, arguments)
    }

    /// `(a * b).sum(…)` or `torch.sum(a * b, …)` with two different operands that are no numbers.
    private static func sumsProducts(_ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]) -> Bool {
        var summed: ExpressionSyntax?
        if case .attribute(let base, _, _) = callee.kind {
            if case .name(let module) = base.kind, ["torch", "np"].contains(module) {
                summed = arguments.first(where: { $0.name == nil })?.value
            } else {
                summed = base
            }
        }
        guard let summed, case .binary(.multiply, let left, let right) = summed.kind,
            !isNumber(left), !isNumber(right), left.kind != right.kind
        else { return false }
        // Probabilities times log-probabilities summed are an entropy or a cross-entropy (an
        // expectation of a log), not a window's products with a kernel's weights.
        return !takesLog(left) && !takesLog(right)
    }

    /// The logarithms whose weighted sum is an entropy, not a filter's response.
    private static let logarithms: Set<String> = [
        "log", "log2", "log10", "log1p", "log_softmax", "logsigmoid",
    ]

    /// Whether `node` takes a logarithm anywhere (`log_softmax(z, dim=0)`, `p.log()`).
    private static func takesLog(_ node: ExpressionSyntax) -> Bool {
        if case .call(let callee, _) = node.kind, let name = MutantGenerator.calleeName(callee),
            logarithms.contains(name.lowercased())
        {
            return true
        }
        return node.kind.children.contains(where: takesLog)
    }

    /// `relu(f(x) + x)`, as a function or as the sum's method.
    private static func isResidual(_ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]) -> Bool {
        var body: ExpressionSyntax?
        if case .attribute(let base, _, _) = callee.kind, arguments.isEmpty,
            case .binary(.add, _, _) = base.kind
        {
            body = base
        } else if arguments.count == 1 {
            body = arguments[0].value
        }
        guard let body, case .binary(.add, let left, let right) = body.kind else { return false }
        return MutantGenerator.isSkip(left, of: right) || MutantGenerator.isSkip(right, of: left)
    }

    private static func isOne(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer(1): true
        case .tuple(let items): items.allSatisfy(isOne)
        default: false
        }
    }

    private static func isNumber(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer, .float: true
        case .unary(_, let operand): isNumber(operand)
        default: false
        }
    }
}

extension Misconception {
    /// What the reason (`<id>.why`) speaks of, where it speaks of more than the change itself: it
    /// is said only in an exercise where that premise holds (`GradingText.reason`).
    var reasonPremise: ReasonPremise? {
        switch self {
        case .matmulForMultiply, .meanForSum, .oneChannel, .channelDropped, .oneProduct, .oneRowSummed,
            .oneColumnSummed, .kernelFlipped, .kernelMirrored, .kernelUpsideDown, .kernelNegated:
            .filterResponse
        case .finalReluMissing, .reluBeforeAdd, .skipMissing, .multiplyForAdd, .catForAdd,
            .activationOnShortcut,
            .extraReluOnBranch, .reluOnBothBranches, .skipInside, .skipDoubled:
            .residualBlock
        case .sumForMean: .averagePooling
        default: nil
        }
    }

    /// What the change's own sentence speaks of: "the kernel's signs flipped" calls its operand a
    /// kernel, which it is only where the exercise computes a filter's response. Elsewhere (a
    /// weight vector `w` in an optimiser's step) the mutant tells no story at all
    /// (`PreparedExercise.mayExplain`).
    var changePremise: ReasonPremise? {
        switch self {
        case .kernelFlipped, .kernelTransposed, .kernelMirrored, .kernelNegated, .kernelUpsideDown:
            .filterResponse
        default: nil
        }
    }
}
