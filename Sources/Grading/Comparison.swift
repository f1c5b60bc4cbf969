import AnswerLanguage
import CNN
import Course
import Wording

/// The comparison of an answer's value with the expected value, by exercise kind.
enum Comparison {
    case same
    /// Different: the finding (which carries what to say, `says`) and the built-in diagnosis if one
    /// was made.
    case different(finding: Verdict.Finding, diagnosis: Diagnosis?)

    /// Different: `message` is what the finding says.
    static func different(message: Phrase, diagnosis: Diagnosis?, finding: Verdict.Finding) -> Comparison {
        var finding = finding
        finding.says = message
        return .different(finding: finding, diagnosis: diagnosis)
    }

    /// Different, explained by `diagnosis`; `message` says it otherwise than the diagnosis does
    /// (a network's output shapes before the diagnosis's story).
    static func diagnosed(_ diagnosis: Diagnosis, message: Phrase? = nil) -> Comparison {
        .different(
            message: message ?? diagnosis.phrase, diagnosis: diagnosis, finding: diagnosis.verdictFinding)
    }

    /// Different, explained by how the answer's network differs from the reference's layer by
    /// layer (`message` says it, after whatever the comparison said first).
    static func structural(_ difference: NetworkDifference, message: Phrase) -> Comparison {
        .different(
            message: message, diagnosis: nil,
            finding: Verdict.Finding(
                .comparison, difference.id, numbers: difference.numbers, isSpecific: true))
    }

    /// Different, with no cause found: `id` names what was compared (`not-a-number`, …).
    static func bare(_ message: Phrase, _ id: String, numbers: [String: Double] = [:]) -> Comparison {
        .different(
            message: message, diagnosis: nil,
            finding: Verdict.Finding(.comparison, id, numbers: numbers, isSpecific: false))
    }

    /// The finding, when different.
    var finding: Verdict.Finding? {
        if case .different(let finding, _) = self { return finding }
        return nil
    }

    var isSame: Bool {
        if case .same = self { return true }
        return false
    }
}

/// Compares by kind: exact for integers, shapes, strings and bools; `rtol`/`atol` for floats and
/// tensors; the set of ids for choices; output shape and parameter count for models.
struct Comparer {
    /// The number a structural finding carries (as 1) when the network's output shape differs:
    /// its message then starts with the two output shapes, which a mutant's sentence keeps.
    static let outputShapeDiffers = "outputShapeDiffers"

    /// The name the model input is bound to while comparing networks.
    static let inputName = "grader_input_"

    let exercise: Exercise
    let prepared: PreparedExercise
    let session: TimedInterpreter
    /// The language grading runs in, which a diagnosis's `message` says its phrase in.
    let language: Language

    private var text: GradingText { GradingText() }

    private var diagnoser: Diagnoser {
        Diagnoser(
            context: prepared.diagnosisContext, rtol: exercise.tolerance.rtol, atol: exercise.tolerance.atol,
            language: language)
    }

    func compare(_ answer: Value, _ expected: Value) throws(LanguageError) -> Comparison {
        switch exercise.kind {
        case .choice: return compareChoices(answer, expected)
        case .value: return compareValues(answer, expected)
        case .tensor: return compareTensors(answer, expected)
        case .model: return try compareModels(answer, expected)
        }
    }

    private func compareChoices(_ answer: Value, _ expected: Value) -> Comparison {
        if answer == expected { return .same }
        guard let picked = Self.choiceIDs(answer, of: exercise),
            let right = Self.choiceIDs(expected, of: exercise)
        else {
            return .bare(text.wrongChoice(multiple: exercise.multiple), "wrong-choice")
        }
        guard let finding = ChoiceFinding(picked: picked, right: right, exercise: exercise) else {
            return .bare(text.wrongChoice(multiple: exercise.multiple), "wrong-choice")
        }
        // Its words (the choice's `why` is the author's) are said where it is shown.
        return .different(finding: finding.verdictFinding, diagnosis: nil)
    }

    /// The whole number a value is when it is one number (`5`, `5.0`, a 0-d tensor), not a
    /// shape or a tuple of one; nil otherwise.
    static func wholeNumber(_ value: Value) -> Int? {
        if case .int(let number) = value { return number }
        guard value.integers == nil, let numbers = ValueConversion.numeric(value), numbers.rank == 0,
            let number = numbers.values.first, number == number.rounded(), abs(number) < 1e15
        else { return nil }
        return Int(number)
    }

    /// The choice ids a choice answer's value holds (`'b'`, `['a', 'c']`), spelt as the exercise
    /// spells them; nil when it holds anything else.
    static func choiceIDs(_ value: Value, of exercise: Exercise) -> [String]? {
        let typed: [Value]
        switch value {
        case .string: typed = [value]
        case .list(let items), .tuple(let items): typed = items
        default: return nil
        }
        var ids: [String] = []
        for item in typed {
            guard case .string(let id) = item,
                let choice = exercise.choices.first(where: { $0.id.lowercased() == id.lowercased() })
            else { return nil }
            ids.append(choice.id)
        }
        return ids
    }

    private func compareValues(_ answer: Value, _ expected: Value) -> Comparison {
        if case .bool(let flag) = expected, let number = ValueConversion.numeric(answer)?.scalarOrSelf,
            number.rank == 0, case .tensor = answer
        {
            // `x.sum() > 0` gives a one-element bool tensor; it answers a True/False question.
            return (number.values[0] != 0) == flag
                ? .same
                : .bare(text.answerIs(ValueConversion.text(answer)), "not-expected-value")
        }
        switch expected {
        case .string, .bool, .none:
            return answer == expected
                ? .same
                : .bare(text.answerIs(ValueConversion.text(answer)), "not-expected-value")
        default:
            break
        }
        // A tuple of whole numbers that is no shape (a position, `(row, column)`): its numbers are
        // what they are, not sizes nor an image's pixels to be turned or shifted.
        if let position = expected.integers, expected.number == nil, !prepared.diagnosisContext.tupleIsShape {
            let numbers = answer.integers ?? ValueConversion.numeric(answer)?.integerValues
            if numbers == position { return .same }
            // A position's slips are slips of indexing, read against where the extreme sits.
            if let source = prepared.diagnosisContext.position,
                let reading = diagnoser.positionReading(answer, expected: position, source: source)
            {
                return .diagnosed(reading)
            }
            return .bare(text.answerIs(ValueConversion.text(answer)), "not-expected-value")
        }
        if let expectedShape = expected.integers, expected.number == nil {
            // One number typed where a shape is asked; a tuple of one size (`(5,)`) is a shape.
            if expectedShape.count > 1, let number = Self.wholeNumber(answer) {
                return .diagnosed(diagnoser.numberForShape(number))
            }
            guard let answerShape = answer.integers ?? ValueConversion.numeric(answer)?.integerValues else {
                return .bare(text.notAShape(answer.typeName), "not-a-shape")
            }
            if answerShape == expectedShape { return .same }
            if let diagnosis = diagnoser.shapeDiagnosis(answerShape, expected: expectedShape)
                ?? diagnoser.keptOrFlattened(answerShape, expected: expectedShape)
            {
                return .diagnosed(diagnosis)
            }
            return .bare(text.notTheShape(answerShape), "wrong-shape")
        }
        // A `torch.Size` where one number is asked is no number, though it holds one size that
        // equals it (`x.flatten().shape` for a count): `torch.Size([24]) == 24` is False.
        if case .shape(let sizes) = answer, expected.number != nil, expected.integers == nil {
            return .diagnosed(diagnoser.sizeObjectForNumber(sizes))
        }
        guard let expectedNumbers = ValueConversion.numeric(expected) else {
            return answer == expected
                ? .same
                : .bare(text.answerIs(ValueConversion.text(answer)), "not-expected-value")
        }
        guard let answerNumbers = ValueConversion.numeric(answer) else {
            return .bare(text.notANumber(answer.typeName), "not-a-number")
        }
        let a = answerNumbers.scalarOrSelf
        let e = expectedNumbers.scalarOrSelf
        let exact = ValueConversion.isInteger(answer) && ValueConversion.isInteger(expected)
        let same =
            exact
            ? a.values == e.values && a.shape == e.shape
            : a.isClose(to: e, rtol: exercise.tolerance.rtol, atol: exercise.tolerance.atol)
        if same { return .same }
        let diagnosis = diagnoser.diagnose(a, expected: e, integral: exact)
        return .diagnosed(diagnosis)
    }

    private func compareTensors(_ answer: Value, _ expected: Value) -> Comparison {
        guard let e = ValueConversion.numeric(expected) else {
            return answer == expected
                ? .same : .bare(text.differs, "differs")
        }
        let isTensorLike: Bool =
            switch answer {
            case .tensor, .list, .tuple: true
            default: false
            }
        guard isTensorLike, let a = ValueConversion.numeric(answer) else {
            return .bare(text.notATensor(answer.typeName), "not-a-tensor")
        }
        if a.isClose(to: e, rtol: exercise.tolerance.rtol, atol: exercise.tolerance.atol) { return .same }
        let diagnosis = diagnoser.diagnose(a, expected: e)
        return .diagnosed(diagnosis)
    }

    /// Runs both networks on zeros of `input_shape` and counts their parameters.
    private func compareModels(_ answer: Value, _ expected: Value) throws(LanguageError) -> Comparison {
        guard let inputShape = exercise.inputShape else { return .same }
        let input: Tensor
        do {
            input = try Tensor.zeros(inputShape)
        } catch {
            throw LanguageError(from: error)
        }
        session.interpreter.bind(Self.inputName, .tensor(input))
        let answerShape: [Int]
        do {
            answerShape = try outputShape(of: "answer")
        } catch  where error.kind == .timeLimit || error.kind == .cancelled {
            throw error
        } catch {
            // The reference runs: the first layer that differs from it says why the answer cannot,
            // in the reader's language (the engine's own diagnostic is in the grading language).
            if case .module(let mine) = answer, case .module(let theirs) = expected,
                let difference = Self.structuralDifference(mine, theirs, input: inputShape)
            {
                return .structural(
                    difference, message: text.networkCannotRun(on: inputShape, text.network(difference)))
            }
            let cannotRun = text.networkCannotRun(on: inputShape, .verbatim(error.message(in: language)))
            return .bare(cannotRun, "network-cannot-run")
        }
        let expectedShape = try outputShape(of: "expected")
        if answerShape != expectedShape {
            let output = text.networkOutput(input: inputShape, answer: answerShape, expected: expectedShape)
            let diagnosis = diagnoser.shapeDiagnosis(answerShape, expected: expectedShape)
            let explanation = diagnoser.sizeExplanation(answerShape, expected: expectedShape)
            // Which setting of which layer differs is a fact, said after the size story if any.
            var difference: NetworkDifference?
            if case .module(let mine) = answer, case .module(let theirs) = expected {
                difference = Self.structuralDifference(mine, theirs, input: inputShape)
            }
            let message = Phrase(
                [output] + (explanation.map { [$0.1] } ?? []) + (difference.map { [text.network($0)] } ?? []))
            if let diagnosis { return .diagnosed(diagnosis, message: message) }
            if let difference {
                var numbers = difference.numbers
                numbers[Self.outputShapeDiffers] = 1
                return .different(
                    message: message, diagnosis: nil,
                    finding: Verdict.Finding(.comparison, difference.id, numbers: numbers, isSpecific: true))
            }
            return .bare(message, "network-output-shape")
        }
        // Judged by behaviour: with the reference's weights the answer must compute the same.
        if case .module(let mine) = answer, case .module(let theirs) = expected,
            let same = sameBehaviour(answer, expected, input: inputShape)
        {
            if same { return .same }
            let difference = Self.structuralDifference(mine, theirs, input: inputShape) ?? .connection
            return .structural(difference, message: text.network(difference))
        }
        let answerCount = try parameterCount(of: "answer")
        let expectedCount = try parameterCount(of: "expected")
        let numbers = ["answer": Double(answerCount), "expected": Double(expectedCount)]
        // Parameters that do not line up (or a network that cannot run with the reference's
        // weights): judged by the counts, as before, and the layers say what differs.
        if answerCount != expectedCount, case .module(let mine) = answer, case .module(let theirs) = expected,
            let difference = Self.structuralDifference(mine, theirs, input: inputShape)
        {
            // The layers tell what differs; a guess from the count alone is not needed.
            let count =
                answerCount == expectedCount
                ? Phrase.empty : text.parameterCountOnly(answerCount, expected: expectedCount)
            return .different(
                message: count + text.network(difference), diagnosis: nil,
                finding: Verdict.Finding(.comparison, difference.id, numbers: numbers, isSpecific: true))
        }
        if answerCount != expectedCount {
            return .bare(
                text.parameterCount(answerCount, expected: expectedCount), "parameter-count", numbers: numbers
            )
        }
        return .same
    }

    /// Whether two values are the same by this exercise's comparison, without explaining how they
    /// differ: numbers and tensors within the tolerance (whole numbers exactly), shapes and other
    /// values exactly. Used to find the misconception mutant a wrong answer equals.
    func matches(_ a: Value, _ b: Value) -> Bool {
        if case .module = a, case .module = b {
            guard let shape = exercise.inputShape else { return false }
            return sameBehaviour(a, b, input: shape) == true
        }
        if a == b { return true }
        guard let x = ValueConversion.numeric(a)?.scalarOrSelf,
            let y = ValueConversion.numeric(b)?.scalarOrSelf,
            x.shape == y.shape
        else { return false }
        if ValueConversion.isInteger(a), ValueConversion.isInteger(b) { return x.values == y.values }
        return x.isClose(to: y, rtol: exercise.tolerance.rtol, atol: exercise.tolerance.atol)
    }

    /// Whether two tensors hold the same values once their dimensions of size 1 are left out
    /// (`[2, 1, 1, 1]` and `[2]`): a statistic taken with `keepdim=True` where it is not.
    func matchesSqueezed(_ a: Value, _ b: Value) -> Bool {
        guard let x = ValueConversion.numeric(a), let y = ValueConversion.numeric(b), x.shape != y.shape,
            x.values.count > 1, x.shape.filter({ $0 != 1 }) == y.shape.filter({ $0 != 1 })
        else { return false }
        let squeezed = NumericArray(shape: x.shape.filter { $0 != 1 }, values: x.values)
        let other = NumericArray(shape: y.shape.filter { $0 != 1 }, values: y.values)
        return squeezed.isClose(to: other, rtol: exercise.tolerance.rtol, atol: exercise.tolerance.atol)
    }

    func outputShape(of name: String) throws(LanguageError) -> [Int] {
        let value = try session.evaluate("\(name)(\(Self.inputName))")
        guard case .tensor(let tensor) = value else {
            throw .said(.type, .callGivesNonTensor, ["type": value.typeName])
        }
        return tensor.shape
    }

    func parameterCount(of name: String) throws(LanguageError) -> Int {
        let value = try session.evaluate("\(name).parameters()")
        guard case .list(let items) = value else { return 0 }
        return items.reduce(0) { $0 + ($1.tensor?.count ?? 0) }
    }
}

extension NumericArray {
    /// A one-element array as a scalar, so `6`, `tensor(6.)` and `tensor([6.])` compare alike.
    var scalarOrSelf: NumericArray { values.count == 1 ? NumericArray(shape: [], values: values) : self }

    /// The values as integers, when they all are.
    var integerValues: [Int]? {
        guard rank == 1, values.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) else { return nil }
        return values.map { Int($0) }
    }
}
