import CNN

/// One argument as the caller wrote it, evaluated.
struct EvaluatedArgument {
    var name: String?
    var nameRange: SourceRange?
    var value: Value
    var range: SourceRange
}

/// A builtin's arguments bound to its parameters, with typed accessors that refuse a wrong type
/// by naming the parameter: "conv2d(): argument 'weight' must be a tensor, not str".
struct Call {
    let function: String
    let evaluator: Evaluator
    /// The whole call expression, where engine errors are reported.
    let range: SourceRange
    private var values: [String: Value] = [:]
    private var ranges: [String: SourceRange] = [:]
    /// Extra positional arguments collected by a `*name` parameter.
    private(set) var rest: [Value] = []
    private(set) var restRanges: [SourceRange] = []
    /// The name of the `*name` parameter, if the signature has one.
    private var variadicName: String?

    /// Binds `arguments` to `signature` as Python does.
    /// - Throws: `LanguageError` of kind `.argument` for too many positional arguments, an
    ///   unknown keyword (with the nearest parameter name), a parameter given twice, or a missing
    ///   required argument.
    init(
        _ signature: Signature, arguments: [EvaluatedArgument], evaluator: Evaluator, range: SourceRange
    ) throws(LanguageError) {
        self.function = signature.name
        self.evaluator = evaluator
        self.range = range
        let positional = signature.parameters.prefix { !$0.isVariadic && !$0.isKeywordOnly }
        let variadic = signature.parameters.first(where: \.isVariadic)
        self.variadicName = variadic?.name
        var index = 0
        for argument in arguments where argument.name == nil {
            if index < positional.count {
                let parameter = positional[positional.startIndex + index]
                values[parameter.name] = argument.value
                ranges[parameter.name] = argument.range
            } else if variadic != nil {
                rest.append(argument.value)
                restRanges.append(argument.range)
            } else {
                throw LanguageError(
                    .argument,
                    .tooManyArguments(
                        function: function, takes: positional.count,
                        given: arguments.filter { $0.name == nil }.count),
                    at: argument.range)
            }
            index += 1
        }
        for argument in arguments {
            guard let written = argument.name else { continue }
            let name = Self.parameterName(written, in: signature)
            // PyTorch also accepts the variadic size by keyword: `zeros(size=(2, 3))`.
            if let variadic, variadic.name == name {
                guard rest.isEmpty else {
                    throw LanguageError(
                        .argument, .repeatedArgument(function: function, name: name),
                        at: argument.nameRange ?? argument.range)
                }
                rest = [argument.value]
                restRanges = [argument.range]
                continue
            }
            guard let parameter = signature.parameters.first(where: { $0.name == name && !$0.isVariadic })
            else {
                throw .unknown(
                    .keyword(function: function), written, candidates: signature.keywordNames,
                    at: argument.nameRange)
            }
            guard values[parameter.name] == nil else {
                throw LanguageError(
                    .argument, .repeatedArgument(function: function, name: name),
                    at: argument.nameRange ?? argument.range)
            }
            values[name] = argument.value
            ranges[name] = argument.range
        }
        for parameter in signature.parameters where !parameter.isVariadic && values[parameter.name] == nil {
            guard let defaultValue = parameter.defaultValue else {
                throw LanguageError(
                    .argument, .missingArgument(function: function, name: parameter.name), at: range)
            }
            values[parameter.name] = defaultValue
        }
    }

    /// NumPy's keyword names that PyTorch's argument parser also takes (`x.sum(axis=1,
    /// keepdims=True)`): the parameter they stand for, when the signature has it and not them.
    static func parameterName(_ written: String, in signature: Signature) -> String {
        let aliases = ["axis": "dim", "keepdims": "keepdim"]
        guard let meant = aliases[written],
            !signature.parameters.contains(where: { $0.name == written }),
            signature.parameters.contains(where: { $0.name == meant })
        else { return written }
        return meant
    }

    /// The value bound to parameter `name`; the first extra positional argument for the `*name`
    /// parameter.
    /// - Throws: `LanguageError` of kind `.argument` when the builtin has no such parameter (a
    ///   builtin asking for a name its signature lacks must not end the session).
    func value(_ name: String) throws(LanguageError) -> Value {
        if let value = values[name] { return value }
        if let first = rest.first, variadicName == name { return first }
        throw LanguageError.said(.argument, .noSuchArgument, ["function": function, "name": name], at: range)
    }

    /// The value of `name` for a message, without throwing: a missing argument reads as `None`.
    private func typeName(of name: String) -> String {
        if let value = values[name] { return value.typeName }
        if let first = rest.first, variadicName == name { return first.typeName }
        return Value.none.typeName
    }

    /// Where argument `name` was written, or the call when it took its default.
    func range(of name: String) -> SourceRange {
        ranges[name] ?? (variadicName == name ? restRanges.first : nil) ?? range
    }

    /// Whether the argument is `None`.
    func isNone(_ name: String) -> Bool {
        if case .none = (try? value(name)) ?? .none { return true }
        return false
    }

    /// A wrong-type error naming the parameter; never traps, whatever `name` is (a `*name`
    /// parameter describes its first extra argument).
    func mismatch(_ name: String, _ expected: ExpectedType) -> LanguageError {
        LanguageError(
            .type,
            .argumentType(function: function, name: name, expected: expected, actual: typeName(of: name)),
            at: range(of: name))
    }

    /// A tensor; nested lists and tuples of numbers are converted as `torch.tensor` would.
    func tensor(_ name: String) throws -> Tensor {
        let value = try value(name)
        if case .tensor(let tensor) = value { return tensor }
        if let nested = Self.nested(value), case .list = nested {
            return try Tensor(nested: nested)
        }
        throw mismatch(name, .tensor)
    }

    /// A list or tuple of tensors (for `cat`, `stack`).
    func tensors(_ name: String) throws -> [Tensor] {
        guard case .list(let items) = try value(name) else {
            guard case .tuple(let items) = try value(name) else { throw mismatch(name, .tensors) }
            return try items.map { item in
                guard case .tensor(let tensor) = item else { throw mismatch(name, .tensors) }
                return tensor
            }
        }
        return try items.map { item in
            guard case .tensor(let tensor) = item else { throw mismatch(name, .tensors) }
            return tensor
        }
    }

    /// A tensor, or nil for `None`.
    func optionalTensor(_ name: String) throws -> Tensor? {
        isNone(name) ? nil : try tensor(name)
    }

    /// A tensor, also accepting a plain number as a 0-d tensor (for elementwise math).
    func tensorOrNumber(_ name: String) throws -> Tensor {
        switch try value(name) {
        case .int(let value): return Tensor(value)
        case .bool(let value): return Tensor(value ? 1 : 0)
        case .float(let value): return Tensor(value)
        default: return try tensor(name)
        }
    }

    /// An integer (`True`/`False` count as 1/0, as in Python).
    func int(_ name: String) throws(LanguageError) -> Int {
        switch try value(name) {
        case .int(let value): return value
        case .bool(let value): return value ? 1 : 0
        default: throw mismatch(name, .int)
        }
    }

    /// An integer, or nil for `None`.
    func optionalInt(_ name: String) throws(LanguageError) -> Int? {
        isNone(name) ? nil : try int(name)
    }

    /// A number (int, float, bool or a one-element tensor) as a Double.
    func double(_ name: String) throws(LanguageError) -> Double {
        if case .tensor(let tensor) = try value(name), tensor.count != 1 { throw mismatch(name, .number) }
        guard let number = try value(name).number else { throw mismatch(name, .number) }
        return number
    }

    /// A pair of numbers given as a tuple, like Adam's `betas=(0.9, 0.999)`.
    func numberPair(_ name: String) throws(LanguageError) -> (Double, Double) {
        guard case .tuple(let items) = try value(name), items.count == 2,
            items[0].isNumber, items[1].isNumber,
            let first = items[0].number, let second = items[1].number
        else {
            throw mismatch(name, .numberPair)
        }
        return (first, second)
    }

    /// A number, or nil for `None`.
    func optionalDouble(_ name: String) throws(LanguageError) -> Double? {
        isNone(name) ? nil : try double(name)
    }

    /// `True` or `False`.
    func bool(_ name: String) throws(LanguageError) -> Bool {
        guard case .bool(let value) = try value(name) else { throw mismatch(name, .bool) }
        return value
    }

    /// A string.
    func string(_ name: String) throws(LanguageError) -> String {
        guard case .string(let value) = try value(name) else { throw mismatch(name, .string) }
        return value
    }

    /// A string, or nil for `None`.
    func optionalString(_ name: String) throws(LanguageError) -> String? {
        isNone(name) ? nil : try string(name)
    }

    /// A callable: a lambda or a builtin.
    func function(_ name: String) throws(LanguageError) -> Function {
        guard case .function(let function) = try value(name) else { throw mismatch(name, .function) }
        return function
    }

    /// An int or a tuple/list of `count` ints (PyTorch's `stride=2` or `stride=(2, 1)`).
    func ints(_ name: String, count: Int) throws(LanguageError) -> [Int] {
        let value = try value(name)
        if case .int(let single) = value { return Array(repeating: single, count: count) }
        guard let values = value.integers, values.count == count else {
            throw mismatch(name, count == 1 ? .intOrOneInt : count == 2 ? .intOrTwoInts : .intOrInts)
        }
        return values
    }

    /// A tuple/list/shape of ints, or a single int as a one-element list.
    func intList(_ name: String) throws(LanguageError) -> [Int] {
        let value = try value(name)
        if case .int(let single) = value { return [single] }
        guard let values = value.integers else { throw mismatch(name, .intOrInts) }
        return values
    }

    /// A dimension list for reductions: nil for `None`, else one or several dims.
    func dims(_ name: String) throws(LanguageError) -> [Int]? {
        isNone(name) ? nil : try intList(name)
    }

    /// A dtype (`torch.float32`, `torch.long`, …, or its name as a string such as `'float32'`),
    /// nil for `None`.
    func scalarType(_ name: String) throws(LanguageError) -> ScalarType? {
        switch try value(name) {
        case .none: return nil
        case .dtype(let type): return type
        // Python's own types as dtypes, as PyTorch reads them: `dtype=float` is torch.float64.
        case .function(let function) where ["float", "int", "bool"].contains(function.name):
            if case .builtin = function.implementation {
                return ["float": ScalarType.float64, "int": .int64, "bool": .bool][function.name]
            }
            throw mismatch(name, .dtype)
        // The legacy tensor types as dtypes: `x.type(torch.IntTensor)`, `x.type('torch.IntTensor')`.
        case .function(let function) where Self.legacyTypes[function.name] != nil:
            if case .builtin = function.implementation, let type = Self.legacyTypes[function.name] {
                return type
            }
            throw mismatch(name, .dtype)
        case .string(let text):
            let bare = text.hasPrefix("torch.") ? String(text.dropFirst(6)) : text
            if case .dtype(let type) = Builtins.dtypes[bare] { return type }
            if let type = Self.legacyTypes[bare] { return type }
            throw mismatch(name, .dtype)
        default: throw mismatch(name, .dtype)
        }
    }

    /// PyTorch's legacy tensor types and the dtype each stands for.
    static let legacyTypes: [String: ScalarType] = [
        "FloatTensor": .float32, "DoubleTensor": .float64, "LongTensor": .int64, "IntTensor": .int32,
        "ShortTensor": .int16, "CharTensor": .int8, "ByteTensor": .uint8,
        "BoolTensor": .bool,
    ]

    /// The storage of the dtype `name` asks for (float64 for `torch.float64`, float32 for every
    /// other type, which `Builtins.finish` then converts to), nil for `None`.
    func dtype(_ name: String) throws(LanguageError) -> DType? {
        try scalarType(name)?.storage
    }

    /// A shape given PyTorch's ways: `zeros(2, 3)`, `zeros((2, 3))`, `zeros([2, 3])`,
    /// `zeros(x.shape)`, from the variadic arguments or, when they are empty, from `name`.
    func shape(variadicOr name: String? = nil) throws(LanguageError) -> [Int] {
        var items = rest
        var itemRange = restRanges.first ?? range
        if items.isEmpty, let name, !isNone(name) {
            items = [try value(name)]
            itemRange = range(of: name)
        }
        if items.count == 1, let sizes = items[0].integers { return sizes }
        var sizes: [Int] = []
        for item in items {
            guard case .int(let size) = item else {
                throw LanguageError(
                    .type,
                    .said(.sizeMustBeInts, ["function": .text(function), "type": .text(item.typeName)]),
                    at: itemRange)
            }
            sizes.append(size)
        }
        return sizes
    }

    /// Whether a (nested) list holds only `True`/`False` (and at least one), which PyTorch makes
    /// a bool tensor.
    static func isAllBooleans(_ value: Value) -> Bool {
        switch value {
        case .bool: return true
        case .list(let items), .tuple(let items): return !items.isEmpty && items.allSatisfy(isAllBooleans)
        case .tensor(let tensor): return tensor.kind == .boolean
        default: return false
        }
    }

    /// A Python value as nested numbers for `Tensor(nested:)`, or nil when it is not one.
    static func nested(_ value: Value) -> NestedScalars? {
        switch value {
        case .int(let value): return .integer(value)
        case .bool(let value): return .integer(value ? 1 : 0)
        case .float(let value): return .real(value)
        case .shape(let sizes): return .list(sizes.map(NestedScalars.integer))
        case .tensor(let tensor):
            return nestedScalars(
                tensor.scalarsAsDoubles()[...], shape: tensor.shape[...], integer: tensor.kind != .real)
        case .list(let items), .tuple(let items):
            var result: [NestedScalars] = []
            for item in items {
                guard let converted = nested(item) else { return nil }
                result.append(converted)
            }
            return .list(result)
        default: return nil
        }
    }

    private static func nestedScalars(_ values: ArraySlice<Double>, shape: ArraySlice<Int>, integer: Bool)
        -> NestedScalars
    {
        guard let first = shape.first else {
            let value = values.first ?? 0
            return integer ? .integer(Int(saturating: value)) : .real(value)
        }
        let stride = values.count / max(first, 1)
        return .list(
            (0..<first).map { i in
                let start = values.startIndex + i * stride
                return nestedScalars(
                    values[start..<start + stride], shape: shape.dropFirst(), integer: integer)
            })
    }
}
