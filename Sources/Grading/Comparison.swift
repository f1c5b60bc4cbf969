import AnswerLanguage
import CNN
import Course
import Wording

/// The comparison of an answer's value with the expected value, by exercise kind.
enum Comparison {
    case same
    case different(message: String, diagnosis: Diagnosis?)

    var isSame: Bool {
        if case .same = self { return true }
        return false
    }
}

/// Compares by kind: exact for integers, shapes, strings and bools; `rtol`/`atol` for floats and
/// tensors; the set of ids for choices; output shape and parameter count for models.
struct Comparer {
    /// The name the model input is bound to while comparing networks.
    static let inputName = "grader_input_"

    let exercise: Exercise
    let prepared: PreparedExercise
    let session: TimedInterpreter
    /// The language of the messages (`en`, `ko`).
    let language: Language

    private var text: GradingText { GradingText(language: language) }

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
        return .different(message: text.wrongChoice(multiple: exercise.multiple), diagnosis: nil)
    }

    private func compareValues(_ answer: Value, _ expected: Value) -> Comparison {
        if case .bool(let flag) = expected, let number = ValueConversion.numeric(answer)?.scalarOrSelf,
            number.rank == 0, case .tensor = answer
        {
            // `x.sum() > 0` gives a one-element bool tensor; it answers a True/False question.
            return (number.values[0] != 0) == flag
                ? .same
                : .different(message: text.answerIs(ValueConversion.text(answer)), diagnosis: nil)
        }
        switch expected {
        case .string, .bool, .none:
            return answer == expected
                ? .same
                : .different(message: text.answerIs(ValueConversion.text(answer)), diagnosis: nil)
        default:
            break
        }
        if let expectedShape = expected.integers, expected.number == nil {
            guard let answerShape = answer.integers ?? ValueConversion.numeric(answer)?.integerValues else {
                return .different(message: text.notAShape(answer.typeName), diagnosis: nil)
            }
            if answerShape == expectedShape { return .same }
            if let diagnosis = diagnoser.shapeDiagnosis(answerShape, expected: expectedShape) {
                return .different(message: diagnosis.message, diagnosis: diagnosis)
            }
            return .different(message: text.notTheShape(answerShape), diagnosis: nil)
        }
        guard let expectedNumbers = ValueConversion.numeric(expected) else {
            return answer == expected
                ? .same
                : .different(message: text.answerIs(ValueConversion.text(answer)), diagnosis: nil)
        }
        guard let answerNumbers = ValueConversion.numeric(answer) else {
            return .different(message: text.notANumber(answer.typeName), diagnosis: nil)
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
        return .different(message: diagnosis.fullText, diagnosis: diagnosis)
    }

    private func compareTensors(_ answer: Value, _ expected: Value) -> Comparison {
        guard let e = ValueConversion.numeric(expected) else {
            return answer == expected
                ? .same : .different(message: text.differs, diagnosis: nil)
        }
        let isTensorLike: Bool =
            switch answer {
            case .tensor, .list, .tuple: true
            default: false
            }
        guard isTensorLike, let a = ValueConversion.numeric(answer) else {
            return .different(message: text.notATensor(answer.typeName), diagnosis: nil)
        }
        if a.isClose(to: e, rtol: exercise.tolerance.rtol, atol: exercise.tolerance.atol) { return .same }
        let diagnosis = diagnoser.diagnose(a, expected: e)
        return .different(message: diagnosis.fullText, diagnosis: diagnosis)
    }

    /// Runs both networks on zeros of `input_shape` and counts their parameters.
    private func compareModels(_ answer: Value, _ expected: Value) throws(LanguageError) -> Comparison {
        guard let inputShape = exercise.inputShape else { return .same }
        let input: Tensor
        do {
            input = try Tensor.zeros(inputShape)
        } catch let error as CNNError {
            throw LanguageError(error)
        } catch {
            throw LanguageError(.value, "\(error)")
        }
        session.interpreter.bind(Self.inputName, .tensor(input))
        let answerShape: [Int]
        do {
            answerShape = try outputShape(of: "answer")
        } catch  where error.kind == .timeLimit || error.kind == .cancelled {
            throw error
        } catch {
            return .different(message: text.networkCannotRun(on: inputShape, error.message), diagnosis: nil)
        }
        let expectedShape = try outputShape(of: "expected")
        if answerShape != expectedShape {
            let diagnosis = diagnoser.shapeDiagnosis(answerShape, expected: expectedShape)
            let explanation = diagnoser.sizeExplanation(answerShape, expected: expectedShape)
            let message =
                text.networkOutput(input: inputShape, answer: answerShape, expected: expectedShape)
                + (explanation.map { " " + $0.1 } ?? "")
            return .different(message: message, diagnosis: diagnosis)
        }
        let answerCount = try parameterCount(of: "answer")
        let expectedCount = try parameterCount(of: "expected")
        if answerCount != expectedCount {
            return .different(
                message: text.parameterCount(answerCount, expected: expectedCount), diagnosis: nil)
        }
        return .same
    }

    func outputShape(of name: String) throws(LanguageError) -> [Int] {
        let value = try session.evaluate("\(name)(\(Self.inputName))")
        guard case .tensor(let tensor) = value else {
            throw LanguageError(.type, "calling it gives a \(value.typeName), not a tensor")
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
