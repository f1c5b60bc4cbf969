import AnswerLanguage
import CNN

/// What a line typed at a value, tensor or model exercise is for. Only an answer is graded and
/// recorded; everything else runs in the learner's session, so looking around costs nothing.
///
/// Decided by the line's last statement, before it runs:
/// - `y = conv2d(img, k)` is an ``assignment``: it binds and is replayed before the answer.
/// - `show(img)`, `print(x)`, `summary(net, …)`, `help(conv2d)`, `type(x)`, and a bare name the
///   learner did not assign at this exercise (`img`, given by the setup) are a ``look``: shown.
/// - `y.shape`, `y.shape[2]`, `y.size()`, `y.dtype`, `y.ndim`, `y.dim()`, `y.numel()`, `len(y)`,
///   and tuples of them (`x.shape, w.shape`) are an ``inspection``: an answer only when the value is the same sort as the expected answer
///   (``answers(_:expected:)``), so `y.shape` answers "what shape is it?" but only looks when a
///   tensor or a network is wanted.
/// - Anything else is an ``answer``, unless it turns out to have no value (`loss.backward()`):
///   that was a step on the way, not an answer.
///
/// `:submit EXPR` grades any expression as the answer, whatever this says.
enum ExerciseInput: Equatable {
    case assignment
    case look
    case inspection
    case answer

    /// Functions whose only purpose is showing something.
    static let lookingFunctions: Set<String> = ["show", "print", "summary", "help", "type"]
    /// Attributes that describe a tensor's size or type rather than compute with it.
    static let inspectingAttributes: Set<String> = ["shape", "dtype", "ndim"]
    /// Methods (and `len`) that do the same.
    static let inspectingCalls: Set<String> = ["size", "dim", "numel", "len"]

    /// Classifies a parsed line.
    /// - Parameters:
    ///   - program: The line, parsed.
    ///   - boundAtExercise: Names the learner assigned at this exercise, which a bare name may answer
    ///     with (`k = tensor(…)`, then `k`).
    init(_ program: Program, boundAtExercise: Set<String>) {
        guard let last = program.statements.last else {
            self = .look
            return
        }
        switch last {
        case .expression(let expression):
            let boundHere = boundAtExercise.union(program.statements.dropLast().flatMap(\.assignedNames))
            if case .name(let name) = expression.kind {
                self = boundHere.contains(name) ? .answer : .look
            } else if case .call(let callee, _) = expression.kind, case .name(let name) = callee.kind,
                Self.lookingFunctions.contains(name)
            {
                self = .look
            } else if Self.isInspection(expression) {
                self = .inspection
            } else {
                self = .answer
            }
        default:
            // An assignment, a definition or a block: a step on the way, replayed before the answer.
            self = .assignment
        }
    }

    /// Whether `expression` reads a size or type: `.shape`, `.size()`, `len(x)`, …, possibly
    /// indexed (`x.shape[-2:]`).
    static func isInspection(_ expression: ExpressionSyntax) -> Bool {
        switch expression.kind {
        case .attribute(_, let name, _):
            return inspectingAttributes.contains(name)
        case .call(let callee, _):
            switch callee.kind {
            case .attribute(_, let name, _), .name(let name): return inspectingCalls.contains(name)
            default: return false
            }
        case .subscript(let base, _):
            return isInspection(base)
        case .tuple(let items):
            // `x.shape, w.shape`: several sizes at once are still a look at sizes.
            return !items.isEmpty && items.allSatisfy(isInspection)
        default:
            return false
        }
    }

    /// Whether an inspection's value answers an exercise expecting `expected`: both numbers, both
    /// shapes or tuples, or both strings or dtypes. A tensor or a network is never one of these,
    /// so at a `tensor` or `model` exercise an inspection only looks.
    static func answers(_ value: Value, expected: Value) -> Bool {
        guard let sort = Sort(value) else { return false }
        return sort == Sort(expected)
    }

    /// The sorts of value an inspection gives.
    private enum Sort {
        case number
        case sequence
        case text

        init?(_ value: Value) {
            switch value {
            case .int, .float, .bool: self = .number
            case .tensor(let tensor) where tensor.rank == 0: self = .number
            case .shape, .tuple, .list: self = .sequence
            case .string, .dtype: self = .text
            default: return nil
            }
        }
    }
}

extension Statement {
    /// The names a statement binds: assignment targets, loop variables, functions and classes
    /// it defines (none for an expression).
    var assignedNames: [String] { boundNames }
}
