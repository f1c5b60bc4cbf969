import CNN

/// PyTorch's older and secondary ways of making tensors that learners copy from tutorials:
/// `torch.Tensor([...])`, `torch.FloatTensor(2, 3)`, `x.new_zeros(2, 3)`, `x.new_tensor([...])`,
/// and Python's `float`, `int` and `bool` given as a dtype (`dtype=float` is `torch.float64`).
extension Builtins {
    /// `torch.Tensor` and the legacy typed constructors.
    static let legacyConstructors: [Builtin] = [
        legacyConstructor("Tensor", .float32),
        legacyConstructor("FloatTensor", .float32),
        legacyConstructor("DoubleTensor", .float64),
        legacyConstructor("LongTensor", .int64),
        legacyConstructor("IntTensor", .int32),
        legacyConstructor("ShortTensor", .int16),
        legacyConstructor("CharTensor", .int8),
        legacyConstructor("ByteTensor", .uint8),
        legacyConstructor("BoolTensor", .bool),
    ]

    /// `torch.Tensor(data)` copies data as `type`; `torch.Tensor(2, 3)` (sizes, or a shape) makes
    /// a tensor of that shape whose values are to be overwritten (zeros here); `torch.Tensor()`
    /// is empty.
    static func legacyConstructor(_ name: String, _ type: ScalarType) -> Builtin {
        Builtin("\(name)(*data)", "a \(type) tensor from data, or of the given sizes") { call in
            let arguments = call.rest
            if arguments.count == 1, !isSizes(arguments[0]) {
                let data: Tensor
                if case .tensor(let tensor) = arguments[0] {
                    data = tensor.detach()
                } else {
                    data = try call.tensor("data")
                }
                return .tensor(try data.converted(to: type))
            }
            let sizes = arguments.isEmpty ? [0] : try call.shape()
            return .tensor(try Tensor.zeros(sizes, dtype: type.storage).converted(to: type))
        }
    }

    /// Whether a single argument to a legacy constructor is sizes (`3`, `torch.Size([2, 3])`),
    /// not data (`[3]`, a tensor).
    private static func isSizes(_ value: Value) -> Bool {
        switch value {
        case .int, .shape: true
        default: false
        }
    }

    /// `x.new_zeros(…)` and its kin: new tensors with `x`'s dtype unless `dtype=` says otherwise.
    static let newTensorMethods: [Builtin] = [
        Builtin("new_zeros(input, *size, dtype=None, requires_grad=False)", "zeros of x's dtype") { call in
            try newFilled(call, 0)
        },
        Builtin("new_ones(input, *size, dtype=None, requires_grad=False)", "ones of x's dtype") { call in
            try newFilled(call, 1)
        },
        Builtin(
            "new_empty(input, *size, dtype=None, requires_grad=False)", "a tensor of x's dtype (zeros here)"
        ) {
            call in try newFilled(call, 0)
        },
        Builtin(
            "new_full(input, size, fill_value, dtype=None, requires_grad=False)",
            "fill_value everywhere, x's dtype"
        ) { call in
            let type = try call.scalarType("dtype") ?? call.tensor("input").scalarType
            let filled = try Tensor.full(
                try call.intList("size"), try call.double("fill_value"), dtype: type.storage
            ).converted(to: type)
            return .tensor(try call.bool("requires_grad") ? filled.requiringGrad() : filled)
        },
        Builtin("new_tensor(input, data, dtype=None, requires_grad=False)", "data as a tensor of x's dtype") {
            call in
            let type = try call.scalarType("dtype") ?? call.tensor("input").scalarType
            let data: Tensor
            if case .tensor(let tensor) = try call.value("data") {
                data = tensor.detach()
            } else {
                data = try call.tensor("data")
            }
            let made = try data.converted(to: type)
            return .tensor(try call.bool("requires_grad") ? made.requiringGrad() : made)
        },
    ]

    private static func newFilled(_ call: Call, _ value: Double) throws -> Value {
        let type = try call.scalarType("dtype") ?? call.tensor("input").scalarType
        let filled = try Tensor.full(try call.shape(), value, dtype: type.storage).converted(to: type)
        return .tensor(try call.bool("requires_grad") ? filled.requiringGrad() : filled)
    }
}
