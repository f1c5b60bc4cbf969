import CNN
import Wording

#if canImport(Glibc)
    import Glibc
#endif

/// Python's operators on numbers, strings and containers; PyTorch's on tensors.
extension Evaluator {
    /// Python truthiness; a tensor is true or false only when it has exactly one element.
    func truth(_ value: Value, at range: SourceRange) throws(LanguageError) -> Bool {
        switch value {
        case .none: return false
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .float(let value): return value != 0
        case .string(let text): return !text.isEmpty
        case .list(let items), .tuple(let items): return !items.isEmpty
        case .shape(let sizes): return !sizes.isEmpty
        case .dict(let entries): return !entries.isEmpty
        case .tensor(let tensor):
            guard tensor.count == 1 else {
                throw LanguageError(
                    .value, .said(.ambiguousTruth, ["count": .integer(tensor.count)]), at: range)
            }
            return (try? tensor.item()) != 0
        default: return true
        }
    }

    func unary(_ op: UnaryOperator, _ value: Value, at range: SourceRange) throws(LanguageError) -> Value {
        switch (op, value) {
        case (.not, _): return .bool(!(try truth(value, at: range)))
        case (.plus, .int), (.plus, .float), (.plus, .tensor): return value
        case (.plus, .bool(let flag)): return .int(flag ? 1 : 0)
        case (.negate, .int(let number)):
            guard number != .min else {
                throw LanguageError(
                    .value, .said(.negationOverflow, ["number": .text(String(number))]), at: range)
            }
            return .int(-number)
        case (.negate, .bool(let flag)): return .int(flag ? -1 : 0)
        case (.negate, .float(let number)): return .float(-number)
        case (.negate, .tensor(let tensor)): return .tensor(try engine(at: range) { try -tensor })
        case (.invert, .int(let number)): return .int(~number)
        case (.invert, .bool(let flag)): return .int(~(flag ? 1 : 0))
        case (.invert, .tensor(let tensor)): return .tensor(try engine(at: range) { try tensor.bitwiseNot() })
        default:
            throw LanguageError(
                .type, .said(.unaryOperand, ["op": .text(op.rawValue), "type": .text(value.typeName)]),
                at: range)
        }
    }

    /// Runs an engine operation, turning its error into a `LanguageError` at `range`.
    func engine<T>(at range: SourceRange, _ body: () throws -> T) throws(LanguageError) -> T {
        do {
            return try body()
        } catch {
            throw LanguageError(from: error, at: range)
        }
    }

    func binary(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, at range: SourceRange) throws(LanguageError)
        -> Value
    {
        if op == .remainder, case .string(let format) = lhs {
            return .string(try percentFormatted(format, rhs, at: range))
        }
        if case .tensor = lhs { return try tensorBinary(op, lhs, rhs, at: range) }
        if case .tensor = rhs { return try tensorBinary(op, lhs, rhs, at: range) }
        if [.bitAnd, .bitOr, .bitXor].contains(op), case .float = lhs, rhs.isNumber {
            throw bitwiseOnFloat(op, lhs, rhs, at: range)
        }
        if [.bitAnd, .bitOr, .bitXor].contains(op), case .float = rhs, lhs.isNumber {
            throw bitwiseOnFloat(op, lhs, rhs, at: range)
        }
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return try integerBinary(op, a, b, at: range)
        // Python: `True & False` is a bool, `True + True` an int.
        case (.bool(let a), .bool(let b)) where [.bitAnd, .bitOr, .bitXor].contains(op):
            return .bool(op == .bitAnd ? a && b : op == .bitOr ? a || b : a != b)
        case (.bool(let flag), _): return try binary(op, .int(flag ? 1 : 0), rhs, at: range)
        case (_, .bool(let flag)): return try binary(op, lhs, .int(flag ? 1 : 0), at: range)
        case (.int, .float), (.float, .int), (.float, .float):
            return try floatBinary(op, lhs.number!, rhs.number!, at: range)
        case (.string(let a), .string(let b)) where op == .add:
            try checkJoinedLength(a.utf8.count, b.utf8.count, at: range)
            return .string(a + b)
        case (.list(let a), .list(let b)) where op == .add:
            try checkJoinedLength(a.count, b.count, at: range)
            return .list(try joined(a, b, at: range))
        case (.tuple(let a), .tuple(let b)) where op == .add:
            try checkJoinedLength(a.count, b.count, at: range)
            return .tuple(try joined(a, b, at: range))
        case (.string(let a), .int(let n)) where op == .multiply:
            return .string(try repeated(Array(a), n, at: range).map(String.init).joined())
        case (.list(let a), .int(let n)) where op == .multiply: return .list(try repeated(a, n, at: range))
        case (.tuple(let a), .int(let n)) where op == .multiply: return .tuple(try repeated(a, n, at: range))
        case (.int(let n), .list(let a)) where op == .multiply: return .list(try repeated(a, n, at: range))
        case (.int(let n), .tuple(let a)) where op == .multiply: return .tuple(try repeated(a, n, at: range))
        case (.int(let n), .string(let a)) where op == .multiply:
            return .string(try repeated(Array(a), n, at: range).map(String.init).joined())
        case (.shape(let a), .shape(let b)) where op == .add: return .shape(a + b)
        case (.shape(let a), .tuple) where op == .add:
            if let b = rhs.integers { return .shape(a + b) }
        default: break
        }
        throw LanguageError(.type, .unsupportedOperands(op.rawValue, lhs.typeName, rhs.typeName), at: range)
    }

    /// `a + b` for lists and tuples, inside the memory and time limits (`requireRoom`) and built
    /// in chunks with the budget checked between them: `l = l + l` doubling in a loop copied 6.7 ×
    /// 10⁷ items in one uninterruptible step, seconds past the time limit in a debug build.
    private func joined(_ a: [Value], _ b: [Value], at range: SourceRange) throws(LanguageError) -> [Value] {
        try requireRoom(forItems: a.count + b.count, at: range)
        guard a.count + b.count > Self.itemsPerCheck else { return a + b }
        return try buildItems(count: a.count + b.count, at: range) { $0 < a.count ? a[$0] : b[$0 - a.count] }
    }

    /// Refuses a concatenation longer than the element limit: with loops, `s += s` would
    /// otherwise double until the memory runs out.
    private func checkJoinedLength(_ a: Int, _ b: Int, at range: SourceRange) throws(LanguageError) {
        guard a + b <= options.maxElements else {
            throw LanguageError.said(
                .limit, .joinedTooLong, ["count": a + b, "limit": options.maxElements], at: range)
        }
    }

    /// `0.25 ^ 20`: Python refuses `&`, `|`, `^` on floats; `^` is most likely a power.
    private func bitwiseOnFloat(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, at range: SourceRange)
        -> LanguageError
    {
        op == .bitXor
            ? LanguageError(.type, .caretIsNotPower(left: lhs.typeName, right: rhs.typeName), at: range)
            : LanguageError(.type, .unsupportedOperands(op.rawValue, lhs.typeName, rhs.typeName), at: range)
    }

    private func repeated<T>(_ items: [T], _ count: Int, at range: SourceRange) throws(LanguageError) -> [T] {
        let total = items.count.multipliedReportingOverflow(by: max(count, 0))
        guard !total.overflow, total.partialValue <= options.maxElements else {
            throw LanguageError.said(
                .limit, .repeatedTooLong,
                ["count": items.count, "times": count, "limit": options.maxElements], at: range)
        }
        try requireRoom(forItems: total.partialValue, at: range)
        return try buildItems(count: total.partialValue, at: range) { items[$0 % items.count] }
    }

    private func integerBinary(_ op: BinaryOperator, _ a: Int, _ b: Int, at range: SourceRange)
        throws(LanguageError)
        -> Value
    {
        func checked(_ result: (partialValue: Int, overflow: Bool)) throws(LanguageError) -> Value {
            guard !result.overflow else {
                throw LanguageError(
                    .value,
                    .said(
                        .integerOverflow,
                        ["a": .text(String(a)), "op": .text(op.rawValue), "b": .text(String(b))]),
                    at: range)
            }
            return .int(result.partialValue)
        }
        switch op {
        case .add: return try checked(a.addingReportingOverflow(b))
        case .subtract: return try checked(a.subtractingReportingOverflow(b))
        case .multiply: return try checked(a.multipliedReportingOverflow(by: b))
        case .divide:
            guard b != 0 else { throw LanguageError(.value, .said(.divisionByZero, [:]), at: range) }
            return .float(Double(a) / Double(b))
        case .floorDivide, .remainder:
            guard b != 0 else { throw LanguageError(.value, .said(.integerDivisionByZero, [:]), at: range) }
            guard !(a == .min && b == -1) else { return try checked((0, true)) }
            var quotient = a / b
            var remainder = a % b
            if remainder != 0, (remainder < 0) != (b < 0) {
                quotient -= 1
                remainder += b
            }
            return .int(op == .floorDivide ? quotient : remainder)
        case .power:
            guard b >= 0 else { return try floatBinary(op, Double(a), Double(b), at: range) }
            func times(_ x: Int, _ y: Int) throws(LanguageError) -> Int {
                let (product, overflow) = x.multipliedReportingOverflow(by: y)
                guard !overflow else {
                    throw LanguageError(
                        .value, .said(.powerOverflow, ["a": .text(String(a)), "b": .text(String(b))]),
                        at: range)
                }
                return product
            }
            var result = 1
            var base = a
            var exponent = b
            while exponent > 0 {
                if exponent & 1 == 1 { result = try times(result, base) }
                exponent >>= 1
                if exponent > 0 { base = try times(base, base) }
            }
            return .int(result)
        case .matmul:
            throw LanguageError(.type, .said(.matmulOfNumbers, ["type": .text("int")]), at: range)
        case .bitAnd: return .int(a & b)
        case .bitOr: return .int(a | b)
        case .bitXor: return .int(a ^ b)
        case .and, .or:
            preconditionFailure("and/or are evaluated lazily")
        }
    }

    private func floatBinary(_ op: BinaryOperator, _ a: Double, _ b: Double, at range: SourceRange)
        throws(LanguageError) -> Value
    {
        switch op {
        case .add: return .float(a + b)
        case .subtract: return .float(a - b)
        case .multiply: return .float(a * b)
        case .divide:
            guard b != 0 else { throw LanguageError(.value, .said(.divisionByZero, [:]), at: range) }
            return .float(a / b)
        case .floorDivide:
            guard b != 0 else { throw LanguageError(.value, .said(.floorDivisionByZero, [:]), at: range) }
            return .float((a / b).rounded(.down))
        case .remainder:
            guard b != 0 else { throw LanguageError(.value, .said(.floatModuloByZero, [:]), at: range) }
            return .float(a - b * (a / b).rounded(.down))
        case .power:
            if a == 0, b < 0 { throw LanguageError(.value, .said(.zeroToNegativePower, [:]), at: range) }
            let result = Glibc.pow(a, b)
            if result.isNaN, !a.isNaN, !b.isNaN {
                throw LanguageError(
                    .value, .said(.complexPower, ["a": .text("\(a)"), "b": .text("\(b)")]), at: range)
            }
            return .float(result)
        case .matmul:
            throw LanguageError(.type, .said(.matmulOfNumbers, ["type": .text("float")]), at: range)
        case .bitAnd, .bitOr, .bitXor:
            // Reached only with a float operand; `binary` says which types were written.
            throw LanguageError(.type, .unsupportedOperands(op.rawValue, "float", "float"), at: range)
        case .and, .or:
            preconditionFailure("and/or are evaluated lazily")
        }
    }

    /// `tensor ⊕ x` or `x ⊕ tensor`, with numbers and nested lists as PyTorch accepts them.
    private func tensorBinary(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, at range: SourceRange)
        throws(LanguageError) -> Value
    {
        let a = try operandTensor(lhs, op: op, other: rhs, isLeft: true, at: range)
        let b = try operandTensor(rhs, op: op, other: lhs, isLeft: false, at: range)
        // PyTorch raises on an integer `//` or `%` by zero; the float engine would store ±inf or
        // NaN in an integer tensor, which no index can hold (`y[arange(4) // 0]` trapped).
        if op == .floorDivide || op == .remainder, a.kind != .real, b.kind != .real,
            b.scalarsAsDoubles().contains(0)
        {
            throw LanguageError(.value, .said(.integerDivisionByZero, [:]), at: range)
        }
        if a.kind == .boolean, b.kind == .boolean, [.add, .subtract, .multiply].contains(op) {
            // PyTorch keeps two bool tensors bool: + is or, * is and, and - is refused.
            guard op != .subtract else { throw LanguageError.said(.type, .boolSubtraction, at: range) }
            return .tensor(
                try engine(at: range) {
                    op == .add ? try Tensor.bitwiseOr(a, b) : try Tensor.bitwiseAnd(a, b)
                })
        }
        return .tensor(
            try engine(at: range) { () throws -> Tensor in
                switch op {
                case .add: return try a + b
                case .subtract: return try a - b
                case .multiply: return try a * b
                case .divide: return try a / b
                case .power:
                    if let exponent = rhs.number, rhs.tensor == nil { return try a.pow(exponent) }
                    return try a.pow(b)
                case .floorDivide, .remainder, .matmul:
                    guard let operation = Builtins.tensorOperators[op] else {
                        throw LanguageError.said(.unsupported, .tensorOperatorMissing, ["op": op.rawValue])
                    }
                    return try operation(a, b)
                case .bitAnd: return try Tensor.bitwiseAnd(a, b)
                case .bitOr: return try Tensor.bitwiseOr(a, b)
                case .bitXor: return try Tensor.bitwiseXor(a, b)
                case .and, .or:
                    preconditionFailure("and/or are evaluated lazily")
                }
            })
    }

    /// A value as a tensor for an operator with a tensor on the other side.
    /// `value` as a tensor operand of `op` beside `other`; `isLeft` says which side `value` is on,
    /// so that a refusal names the operand types in the order they were written.
    func operandTensor(
        _ value: Value, op: BinaryOperator, other: Value, isLeft: Bool, at range: SourceRange
    )
        throws(LanguageError)
        -> Tensor
    {
        switch value {
        case .tensor(let tensor): return tensor
        case .int(let number):
            let dtype = other.tensor?.dtype ?? .float32
            return other.tensor?.kind == .real ? Tensor(Double(number), dtype: dtype) : Tensor(number)
        case .bool(let flag): return (try? Tensor(flag ? 1 : 0).converted(to: .bool)) ?? Tensor(flag ? 1 : 0)
        case .float(let number): return Tensor(number, dtype: other.tensor?.dtype ?? .float32)
        default:
            if let nested = Call.nested(value), case .list = nested {
                return try engine(at: range) {
                    try Tensor(nested: nested, dtype: other.tensor?.dtype ?? .float32)
                }
            }
            let (left, right) = isLeft ? (value.typeName, other.typeName) : (other.typeName, value.typeName)
            throw LanguageError(.type, .unsupportedOperands(op.rawValue, left, right), at: range)
        }
    }

    // MARK: - Comparisons

    func comparison(_ first: ExpressionSyntax, _ links: [ComparisonLink], in scope: Scope?)
        throws(LanguageError)
        -> Value
    {
        var left = try evaluate(first, in: scope)
        var result = Value.bool(true)
        for (index, link) in links.enumerated() {
            let right = try evaluate(link.operand, in: scope)
            let range = first.range.union(link.operand.range)
            result = try compare(link.op, left, right, at: range)
            if index < links.count - 1, !(try truth(result, at: range)) { return result }
            left = right
        }
        return result
    }

    func compare(_ op: ComparisonOperator, _ lhs: Value, _ rhs: Value, at range: SourceRange)
        throws(LanguageError)
        -> Value
    {
        switch op {
        case .in, .notIn:
            let found = try contains(rhs, lhs, at: range)
            return .bool(op == .in ? found : !found)
        case .is, .isNot:
            let same: Bool =
                switch (lhs, rhs) {
                case (.none, .none), (.ellipsis, .ellipsis): true
                case (.bool(let a), .bool(let b)): a == b
                case (.function(let a), .function(let b)): a === b
                case (.namespace(let a), .namespace(let b)): a === b
                case (.dtype(let a), .dtype(let b)): a == b
                default: false
                }
            return .bool(op == .is ? same : !same)
        default: break
        }
        if lhs.tensor != nil || rhs.tensor != nil, lhs.isTensorLike, rhs.isTensorLike {
            let a = try operandTensor(lhs, op: .subtract, other: rhs, isLeft: true, at: range)
            let b = try operandTensor(rhs, op: .subtract, other: lhs, isLeft: false, at: range)
            return .tensor(
                try engine(at: range) { () throws -> Tensor in
                    switch op {
                    case .equal: try a.eq(b)
                    case .notEqual: try a.ne(b)
                    case .less: try a.lt(b)
                    case .lessOrEqual: try a.le(b)
                    case .greater: try a.gt(b)
                    default: try a.ge(b)
                    }
                })
        }
        switch op {
        case .equal: return .bool(lhs == rhs)
        case .notEqual: return .bool(lhs != rhs)
        default: break
        }
        let order: Int
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        default:
            if let a = lhs.number, let b = rhs.number, lhs.isNumber, rhs.isNumber {
                order = a < b ? -1 : (a == b ? 0 : 1)
                if a.isNaN || b.isNaN { return .bool(false) }
            } else if let a = lhs.integers, let b = rhs.integers {
                order = a.lexicographicallyPrecedes(b) ? -1 : (a == b ? 0 : 1)
            } else {
                throw LanguageError(
                    .type,
                    .said(
                        .comparisonUnsupported,
                        ["op": .text(op.rawValue), "left": .text(lhs.typeName), "right": .text(rhs.typeName)]),
                    at: range)
            }
        }
        switch op {
        case .less: return .bool(order < 0)
        case .lessOrEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    private func contains(_ container: Value, _ item: Value, at range: SourceRange) throws(LanguageError)
        -> Bool
    {
        switch container {
        case .list(let items), .tuple(let items): return items.contains(item)
        case .shape(let sizes): return sizes.contains { Value.int($0) == item }
        case .dict(let entries):
            guard case .string(let key) = item else { return false }
            return entries.contains { $0.key == key }
        case .string(let text):
            guard case .string(let part) = item else {
                throw LanguageError(
                    .type, .said(.inStringNeedsString, ["type": .text(item.typeName)]), at: range)
            }
            return part.isEmpty || text.contains(part)
        case .namespace(let namespace) where namespace.stateDictLayer != nil:
            return try contains(container.asDict, item, at: range)
        case .namespace(let namespace):
            guard case .string(let name) = item else { return false }
            return namespace.members[name] != nil
        default:
            throw LanguageError(.type, .said(.notSearchable, ["type": .text(container.typeName)]), at: range)
        }
    }
}

extension Value {
    /// Int for `.int` and `.bool`.
    var asInteger: Value? {
        switch self {
        case .int: self
        case .bool(let flag): .int(flag ? 1 : 0)
        default: nil
        }
    }

    /// An int or a bool as an `Int` (`True` is 1), read directly: through a `Double` the
    /// largest int would be 2⁶³, which no `Int` holds.
    var wholeInteger: Int? {
        switch self {
        case .int(let value): value
        case .bool(let flag): flag ? 1 : 0
        default: nil
        }
    }

    var isNumber: Bool {
        switch self {
        case .int, .float, .bool: true
        default: false
        }
    }

    var isSequence: Bool {
        switch self {
        case .list, .tuple: true
        default: false
        }
    }

    /// Numbers, tensors and lists: what may stand opposite a tensor in an operator.
    var isTensorLike: Bool { isNumber || isSequence || tensor != nil }
}
