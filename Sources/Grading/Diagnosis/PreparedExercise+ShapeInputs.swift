import AnswerLanguage
import Course
import Foundation

extension PreparedExercise {
    /// What a wrong shape of this exercise is read against (`ShapeInputs`): the setup tensor the
    /// reference's calculation starts from, found by following the reference from its outside
    /// in (`.shape`, a layer made and applied at once, a function's first argument) down to a name
    /// the setup binds to a tensor of the expected shape's rank; and the operands of an
    /// element-wise operation whose `.shape` the reference asks, run in the setup for their shapes.
    func makeShapeInputs() -> ShapeInputs {
        var inputs = ShapeInputs()
        guard exercise.kind == .value || exercise.kind == .tensor,
            let reference = exercise.solution?.reference.text,
            let program = try? Parser.parse(reference), program.statements.count == 1,
            case .expression(let root) = program.statements[0]
        else { return inputs }
        let rank: Int? =
            switch expected {
            case .tensor(let tensor): tensor.rank
            default: expected.integers?.count
            }
        guard let rank, rank >= 1 else { return inputs }
        let text = SourceText(reference)
        if let name = Self.inputName(root), case .tensor(let tensor)? = base[name], tensor.rank == rank {
            inputs.input = ShapeInputs.Named(name: name, shape: tensor.shape)
        }
        if inputs.input == nil, let shape = Self.quotedInput(in: exercise.prompt, expected: expected.integers)
        {
            inputs.input = ShapeInputs.Named(name: "", shape: shape)
        }
        if let (left, right) = Self.broadcastOperands(root) {
            let session = session()
            let shapes = [left, right].compactMap { operand -> ShapeInputs.Named? in
                let written = text(operand)
                switch try? session.run(written) {
                case .tensor(let tensor)?: return ShapeInputs.Named(name: written, shape: tensor.shape)
                case let value?: return value.integers.map { ShapeInputs.Named(name: written, shape: $0) }
                case nil: return nil
                }
            }
            if shapes.count == 2, shapes[0].shape != shapes[1].shape { inputs.operands = shapes }
        }
        return inputs
    }

    /// The two operands whose broadcast shape the reference is: `(a + b).shape` (any element-wise
    /// operator) or `torch.broadcast_shapes(a, b)` (shapes given as tuples).
    static func broadcastOperands(_ root: ExpressionSyntax) -> (ExpressionSyntax, ExpressionSyntax)? {
        switch root.kind {
        case .attribute(let operation, "shape", _):
            guard case .binary(let op, let left, let right) = operation.kind,
                [.add, .subtract, .multiply, .divide].contains(op)
            else { return nil }
            return (left, right)
        case .call(let callee, let arguments):
            guard MutantGenerator.calleeName(callee) == "broadcast_shapes", arguments.count == 2,
                arguments.allSatisfy({ $0.name == nil && !$0.isSpread })
            else { return nil }
            return (arguments[0].value, arguments[1].value)
        default:
            return nil
        }
    }

    /// The one shape the prompt quotes besides the expected one, when the expected value is a shape
    /// of three or more dimensions and that shape has its rank and batch size: the input the
    /// question describes in words (`x` of shape `(1, 16, 8, 8)`), where the setup has none. Nil
    /// when the prompt quotes no such shape or several.
    static func quotedInput(in prompt: String, expected: [Int]?) -> [Int]? {
        guard let expected, expected.count >= 3,
            let regex = try? NSRegularExpression(pattern: "[\\(\\[](\\d+(?:\\s*,\\s*\\d+)+)\\s*[\\)\\]]")
        else { return nil }
        let range = NSRange(prompt.startIndex..., in: prompt)
        var shapes: [[Int]] = []
        for match in regex.matches(in: prompt, range: range) {
            guard let found = Range(match.range(at: 1), in: prompt) else { continue }
            let shape = prompt[found].split(separator: ",").compactMap {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
            guard shape.count == expected.count, shape != expected, shape[0] == expected[0],
                !shapes.contains(shape)
            else { continue }
            shapes.append(shape)
        }
        return shapes.count == 1 ? shapes[0] : nil
    }

    /// The name the reference's calculation starts from: through `.shape`, a layer made and applied
    /// at once (`nn.Conv2d(…)(u)`), and a function's first positional argument (`F.pad(x, …)`,
    /// `conv2d(x, w)`); nil at anything else (an index, a method, an operator), whose effect on the
    /// size a reading could not account for.
    static func inputName(_ node: ExpressionSyntax) -> String? {
        switch node.kind {
        case .name(let name): return name
        case .attribute(let base, "shape", _): return inputName(base)
        case .call(let callee, let arguments):
            let positional = arguments.filter { $0.name == nil && !$0.isSpread }
            guard let first = positional.first else { return nil }
            switch callee.kind {
            case .call: return positional.count == 1 ? inputName(first.value) : nil
            case .name: return inputName(first.value)
            case .attribute(let owner, _, _):
                // `F.pad(x, …)`, `torch.relu(x)`: a module's function; `x.sum()` is a method.
                guard case .name(let module) = owner.kind, ["F", "torch", "nn"].contains(module) else {
                    return nil
                }
                return inputName(first.value)
            default: return nil
            }
        default: return nil
        }
    }
}
