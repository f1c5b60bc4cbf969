import AnswerLanguage
import CNN
import Course
import Foundation

/// An exercise ready to grade answers: its setup run once, its expected value computed by running
/// the reference answer on the engine. Each answer runs in a copy of the setup's interpreter.
final class PreparedExercise {
    let exercise: Exercise
    /// The interpreter after the setup ran (its runs limited to the setup time limit).
    let base: Interpreter
    /// Options for answer sessions: the exercise's limits, each run under the answer time limit.
    let answerOptions: EvaluationOptions
    /// The reference answer's value.
    private(set) var expected: Value = .none
    /// Seconds one answer (with its checks and mistakes) may take.
    let answerSeconds: Double
    /// Seconds the setup may take.
    let setupSeconds: Double
    private var cachedContext: DiagnosisContext?
    /// The misconception mutants' values, computed on first need (`PreparedExercise+Mutants`).
    var cachedMutants: MutantCatalogue?
    /// Whether computing the mutants should stop (a background computation the learner left):
    /// each mutant not yet run then gives no value. Set before the mutants are computed.
    var stopMutants: (@Sendable () -> Bool)?
    /// The calls on the setup's layers that mutants and `when`s share (`SharedCalls`).
    lazy var sharedCalls = SharedCalls(self)
    /// The setup run again with its real literals changed, to tell a story from a coincidence.
    lazy var perturbedSetup = PerturbedSetup(self)
    /// The reference's and alternatives' call trees, for answers written as them with an
    /// argument changed (`WrittenDifference`).
    lazy var writtenReading = WrittenReading(self)
    /// The constructs of the reference and of each alternative, in that order, those that are one
    /// expression (`PreparedExercise+TypedConstructs`): read once, not for each mutant an answer
    /// is tested against.
    lazy var solutionConstructs: [[String: Int]] = {
        guard let solution = exercise.solution else { return [] }
        return ([solution.reference] + solution.alternatives).compactMap { Self.constructs($0.text) }
    }()
    /// The values of each named mistake's recorded answers that are tensors, by the mistake's id,
    /// computed on first need (`PreparedExercise+RecordedKind`).
    var recordedTensors: [String: [(value: Value, array: NumericArray)]] = [:]
    /// Whether calls are shared at all (tests compare verdicts with and without).
    var sharesCalls = true
    /// For tests: extra runs of the kinds it returns true for end as if stopped at their time
    /// limit, without running (`ExtraRun`). Set before the mutants are computed.
    var stopsExtraRun: (@Sendable (ExtraRun.Kind) -> Bool)?
    /// How many times an extra run's end was stopped (`ExtraRun`) — run now, or known from a
    /// run kept — so a grade can tell whether a story it ranks may have been left out by load.
    var stoppedRuns = 0

    /// Runs the setup and the reference.
    /// - Throws: `GradingError.exercise` at the failing line of the lesson or solutions file.
    init(_ exercise: Exercise, options: GradingOptions) throws(GradingError) {
        self.exercise = exercise
        let evaluation = EvaluationOptions(
            maxElements: exercise.limits.elements ?? options.maxElements,
            maxBytes: exercise.limits.memory ?? options.maxBytes, timeLimit: nil, seed: options.seed,
            dataDirectory: options.dataDirectory)
        answerSeconds = options.timeLimit ?? exercise.limits.time ?? options.defaultTimeLimit
        setupSeconds = options.setupTimeLimit
        var setupOptions = evaluation
        setupOptions.timeLimit = options.setupTimeLimit
        base = Interpreter(options: setupOptions)
        var answerOptions = evaluation
        answerOptions.timeLimit = answerSeconds
        self.answerOptions = answerOptions
        if let setup = exercise.setup {
            do {
                _ = try TimedInterpreter(base, seconds: options.setupTimeLimit).run(setup.text)
            } catch {
                throw Self.located(error, in: setup, what: "the setup of exercise '\(exercise.id)' fails")
            }
        }
        guard let solution = exercise.solution else {
            throw GradingError(
                .exercise, "exercise '\(exercise.id)' has no reference answer in Solutions/",
                at: exercise.location)
        }
        if exercise.kind == .choice {
            switch ChoiceAnswer.parse(
                solution.reference.text, choices: exercise.choices.map(\.id), multiple: exercise.multiple)
            {
            case .success(let ids): expected = ChoiceAnswer.value(ids, multiple: exercise.multiple)
            case .failure(let error):
                throw GradingError(
                    .exercise, "the reference answer is not a valid choice: \(error.message)",
                    at: solution.reference.location)
            }
        } else {
            do {
                expected = try session().run(solution.reference.text)
            } catch {
                throw Self.located(
                    error, in: solution.reference, what: "the reference answer of '\(exercise.id)' fails")
            }
            if case .none = expected {
                throw GradingError(
                    .exercise,
                    "the reference answer of '\(exercise.id)' has no value: its last line must be an expression",
                    at: solution.reference.location)
            }
        }
    }

    /// A fresh interpreter for one answer: the setup's bindings, the exercise's limits, and the
    /// answer time limit both per run (the engine's own deadline, checked inside long kernels) and
    /// over all runs together.
    ///
    /// The bindings are copied into a new interpreter rather than `copy()`ing the setup's, because
    /// an interpreter's time limit is fixed when it is made and the setup may take longer than an
    /// answer may. Random draws continue from where the setup's ended, in every session alike: an
    /// answer and the reference drawing the same numbers get the same ones, and an answer that
    /// draws new numbers (`torch.randn(…)` where the setup's tensor is to be used) does not get
    /// the setup's own numbers back, as it would not in PyTorch.
    ///
    /// Layers are shared objects, as in Python: when the setup binds one, an answer that trains it
    /// would change it for the next answer, so the setup then runs again for every session.
    func session() -> TimedInterpreter {
        var source = base
        if setupBindsObjects, let setup = exercise.setup {
            let fresh = Interpreter(options: base.options)
            if (try? TimedInterpreter(fresh, seconds: setupSeconds).run(setup.text)) != nil { source = fresh }
        }
        let interpreter = Interpreter(options: answerOptions)
        interpreter.continueRandomDraws(of: source)
        for name in source.boundNames {
            if let value = source[name] { interpreter.bind(name, value) }
        }
        return TimedInterpreter(interpreter, seconds: answerSeconds)
    }

    /// The names the setup binds to a layer or network: calling one applies a layer
    /// (`ReasonPremise.layer`).
    var boundLayers: Set<String> {
        Set(
            base.boundNames.filter { name in
                if case .module? = base[name] { return true }
                return false
            })
    }

    /// Whether the setup bound a layer (directly or inside a list, tuple or dict): every session
    /// then runs the setup again.
    var setupBindsObjects: Bool {
        func isObject(_ value: Value) -> Bool {
            switch value {
            case .module: true
            case .list(let items), .tuple(let items): items.contains(where: isObject)
            case .dict(let entries): entries.contains { isObject($0.value) }
            default: false
            }
        }
        return base.boundNames.contains { base[$0].map(isObject) ?? false }
    }

    /// A language error in course code, at its place in the course file, with the caret diagnostic.
    static func located(_ error: LanguageError, in code: CodeSnippet, what: String) -> GradingError {
        let location =
            error.range.map { code.location(line: $0.lowerBound.line, column: $0.lowerBound.column) }
            ?? code.location
        return GradingError(.exercise, "\(what): \(error.message)", at: location)
    }

    /// What helps explain wrong answers, computed once on first need.
    var diagnosisContext: DiagnosisContext {
        if let cachedContext { return cachedContext }
        let context = makeDiagnosisContext()
        cachedContext = context
        return context
    }

    private static let kernelNames: Set<String> = [
        "k", "w", "kernel", "weight", "filter", "f", "kernel_size",
    ]
    private static let paddingNames: Set<String> = ["p", "pad", "padding"]
    /// The largest setup tensor searched for a wrong answer's patch: a patch is found by trying
    /// every place, so the search is kept to the small images an exercise shows.
    private static let windowSourceLimit = 4096

    private func makeDiagnosisContext() -> DiagnosisContext {
        var context = DiagnosisContext()
        let reference = exercise.solution?.reference.text ?? ""
        let weights = Self.convolutionWeights(in: reference)
        var kernels: [(String, Int)] = []
        for name in base.boundNames {
            let isKernel = weights.contains(name) || Self.kernelNames.contains(name.lowercased())
            switch base[name] {
            case .tensor(let tensor) where isKernel && tensor.rank >= 2:
                context.kernelSizes += tensor.shape.suffix(2)
                context.windowCounts.formUnion([
                    tensor.count, tensor.shape.suffix(2).reduce(1, *),
                    tensor.count / max(1, tensor.shape[0]),
                ])
                kernels.append((name, tensor.rank))
            case .tensor(let tensor) where tensor.rank >= 2 && tensor.count <= Self.windowSourceLimit:
                if let values = ValueConversion.numeric(.tensor(tensor)) {
                    context.tensors.append((name, values))
                }
            // Only sizes a story can be told of: the stories double a padding and subtract from a
            // kernel size, which a setup's 2**63 - 1 would overflow.
            case .int(let value) where Self.kernelNames.contains(name.lowercased()) && Self.isSize(value):
                context.kernelSizes.append(value)
            case .int(let value) where Self.paddingNames.contains(name.lowercased()) && Self.isSize(value):
                context.padding = value
            default:
                break
            }
        }
        context.padding =
            Self.integerArgument("padding", in: reference).flatMap { Self.isSize($0) ? $0 : nil }
            ?? context.padding
        // No padding anywhere (`conv2d(x, w)` is PyTorch's 0; a size formula without a padding
        // name pads nothing): the reference's output shrinks by f − 1 itself.
        let setup = exercise.setup?.text ?? ""
        context.unpadded =
            context.padding == nil && !reference.contains("padding") && !setup.contains("padding")
            && (reference.lowercased().contains("conv2d(") || exercise.kind == .value)
        if let size = Self.integerArgument("kernel_size", in: reference) { context.kernelSizes.append(size) }
        context.kernelSizes = Array(Set(context.kernelSizes)).sorted()
        context.tensors.sort { $0.name < $1.name }
        context.flippedKernelExpected = flippedKernelExpected(kernels)
        context.shapeInputs = makeShapeInputs()
        context.readsShapes = exercise.kind != .model
        context.imageLayout = Self.typesImageLayout(reference)
        context.quantity = quantity
        context.sizeFormula = sizeFormula
        let integer = { (names: [String]) -> Int? in
            names.lazy.compactMap { name -> Int? in
                if case .int(let value) = self.base[name] { return value }
                return nil
            }.first
        }
        let stride = Self.integerArgument("stride", in: reference) ?? integer(["s", "S", "stride"])
        context.strided = (stride ?? 1) != 1
        let dilation = Self.integerArgument("dilation", in: reference) ?? integer(["d", "D", "dilation"])
        context.dilated = (dilation ?? 1) != 1 || reference.contains("dilation=(")
        context.hasBias = ["conv2d", "nn.", "linear", "bias"].contains(where: reference.contains)
        context.tupleIsShape = Self.tupleIsShape(reference)
        if !context.tupleIsShape {
            context.position = Self.positionSource(
                expected: expected, reference: reference, tensors: context.tensors)
        }
        context.premises = ReasonPremise.holding(
            in: [reference] + (exercise.solution?.alternatives.map(\.text) ?? []), layers: boundLayers)
        return context
    }

    /// Whether a reference that types a shape as a tuple leaves it a batch of images: false when
    /// its first size is a name that is no batch's (`(C_in, C_out, k, k)`); true for any other
    /// reference (a tensor's `.shape`, numbers typed, `(N, C, H, W)`) but one that reads a
    /// layer's `.weight`.
    static func typesImageLayout(_ reference: String) -> Bool {
        // A layer's weight (`….weight.shape`, `….weight.grad.shape`) is [C_out, C_in, kh, kw]:
        // no batch of images.
        if reference.contains(".weight") { return false }
        guard let typed = TypedAnswer(reference), typed.statementCount == 1,
            case .tuple(let items) = typed.last.kind,
            let first = items.first, case .name(let name) = first.kind
        else { return true }
        return DiagnosisContext.batchNames.contains(name)
    }

    /// The names passed as the weight (second argument) of `conv2d` in `code`: the kernels whose
    /// 180° rotation is the classic convolution-versus-cross-correlation mistake.
    static func convolutionWeights(in code: String) -> Set<String> {
        let pattern = "conv2d\\(\\s*[^,()]+,\\s*([A-Za-z_][A-Za-z0-9_]*)"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(code.startIndex..., in: code)
        return Set(
            regex.matches(in: code, range: range).compactMap { match in
                Range(match.range(at: 1), in: code).map { String(code[$0]) }
            })
    }

    /// The reference's value with every kernel rotated by 180°, when that differs from the
    /// expected value (a symmetric kernel gives nothing to tell apart).
    private func flippedKernelExpected(_ kernels: [(String, Int)]) -> NumericArray? {
        guard exercise.kind != .choice, !kernels.isEmpty, let reference = exercise.solution?.reference.text,
            let expected = ValueConversion.numeric(expected)
        else { return nil }
        let session = session()
        let copy = session.interpreter
        for (name, _) in kernels {
            guard let kernel = copy[name].flatMap(ValueConversion.numeric)?.rotated180,
                let tensor = try? Tensor(kernel.values, shape: kernel.shape)
            else { return nil }
            copy.bind(name, .tensor(tensor))
        }
        guard let value = try? session.run(reference),
            let flipped = ValueConversion.numeric(value), flipped != expected
        else { return nil }
        return flipped
    }

    /// `name=<int>` in code, e.g. the reference's `padding=1`; nil also for digits past `Int`.
    static func integerArgument(_ name: String, in code: String) -> Int? {
        guard let range = code.range(of: "\(name)\\s*=\\s*[0-9]+", options: .regularExpression),
            let digits = code[range].split(separator: "=").last
        else {
            return nil
        }
        return Int(digits.trimmingCharacters(in: .whitespaces))
    }

    /// Whether `value` can be a padding or kernel size a story is told of (0 … 2³⁰).
    static func isSize(_ value: Int) -> Bool { (0...(1 << 30)).contains(value) }
}

extension ChoiceAnswer {
    /// The value `answer` is bound to: the id for a single choice, the list of ids for several.
    static func value(_ ids: [String], multiple: Bool) -> Value {
        multiple ? .list(ids.map(Value.string)) : .string(ids.first ?? "")
    }
}
