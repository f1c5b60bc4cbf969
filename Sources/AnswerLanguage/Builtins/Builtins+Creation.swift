import CNN

/// `torch.tensor`, `zeros`, `ones`, `full`, `arange`, `linspace`, `eye`, `rand`, `randn`,
/// `randint`, `*_like`, and the random seed.
extension Builtins {
    static let creation: [Builtin] = [
        Builtin("tensor(data, dtype=None, requires_grad=False)", "a tensor from nested lists of numbers") {
            call in
            let tensor: Tensor
            if case .tensor(let given) = try call.value("data") {
                tensor = given.detach()
            } else if let nested = Call.nested(try call.value("data")) {
                let made = try Tensor(nested: nested, dtype: try call.dtype("dtype") ?? .float32)
                // `torch.tensor([True, False])` is a bool tensor.
                tensor = Call.isAllBooleans(try call.value("data")) ? try made.converted(to: .bool) : made
            } else {
                throw call.mismatch("data", .numberOrNestedList)
            }
            return try finish(tensor, call)
        },
        Builtin("zeros(*size, dtype=None, requires_grad=False)", "a tensor of zeros") { call in
            try finish(try Tensor.zeros(try call.shape(), dtype: try call.dtype("dtype") ?? .float32), call)
        },
        Builtin("ones(*size, dtype=None, requires_grad=False)", "a tensor of ones") { call in
            try finish(try Tensor.ones(try call.shape(), dtype: try call.dtype("dtype") ?? .float32), call)
        },
        Builtin("full(size, fill_value, dtype=None, requires_grad=False)", "a tensor filled with one value") {
            call in
            let tensor = try Tensor.full(
                try call.intList("size"), try call.double("fill_value"),
                dtype: try call.dtype("dtype") ?? .float32)
            // PyTorch infers the dtype from the fill value: `full((2,), 3)` is int64.
            switch try call.value("fill_value") {
            case .int: return try finish(try tensor.converted(to: .int64), call)
            case .bool: return try finish(try tensor.converted(to: .bool), call)
            default: return try finish(tensor, call)
            }
        },
        Builtin("zeros_like(input, dtype=None, requires_grad=False)", "zeros of the input's shape") { call in
            let input = try call.tensor("input")
            return try finish(
                try Tensor.zeros(input.shape, dtype: try call.dtype("dtype") ?? input.dtype), call,
                like: input)
        },
        Builtin("ones_like(input, dtype=None, requires_grad=False)", "ones of the input's shape") { call in
            let input = try call.tensor("input")
            return try finish(
                try Tensor.ones(input.shape, dtype: try call.dtype("dtype") ?? input.dtype), call,
                like: input)
        },
        Builtin(
            "arange(start, end=None, step=1, dtype=None, requires_grad=False)",
            "evenly spaced values in [start, end)"
        ) {
            call in
            let values = [try call.value("start"), try call.value("end"), try call.value("step")]
            let allIntegers = values.allSatisfy {
                if case .int = $0 { true } else if case .none = $0 { true } else { false }
            }
            let endGiven = !call.isNone("end")
            let start = endGiven ? try call.double("start") : 0
            let end = endGiven ? try call.double("end") : try call.double("start")
            let step = try call.double("step")
            let tensor: Tensor
            if allIntegers, call.isNone("dtype") {
                tensor = try Tensor.arange(Int(start), Int(end), step: Int(step))
            } else {
                tensor = try Tensor.arange(start, end, step: step, dtype: try call.dtype("dtype") ?? .float32)
            }
            return try finish(tensor, call)
        },
        Builtin(
            "linspace(start, end, steps, dtype=None, requires_grad=False)", "steps values from start to end"
        ) { call in
            let tensor = try Tensor.linspace(
                try call.double("start"), try call.double("end"), steps: try call.int("steps"),
                dtype: try call.dtype("dtype") ?? .float32)
            return try finish(tensor, call)
        },
        Builtin("eye(n, m=None, dtype=None, requires_grad=False)", "the identity matrix") { call in
            try finish(
                try Tensor.eye(
                    try call.int("n"), try call.optionalInt("m"), dtype: try call.dtype("dtype") ?? .float32),
                call)
        },
        Builtin("rand(*size, dtype=None, requires_grad=False)", "uniform random numbers in [0, 1)") { call in
            let tensor = try Tensor.rand(
                try call.shape(), dtype: try call.dtype("dtype") ?? .float32, using: &call.evaluator.generator
            )
            return try finish(tensor, call)
        },
        Builtin("randn(*size, dtype=None, requires_grad=False)", "standard normal random numbers") { call in
            let tensor = try Tensor.randn(
                try call.shape(), dtype: try call.dtype("dtype") ?? .float32, using: &call.evaluator.generator
            )
            return try finish(tensor, call)
        },
        Builtin("randint(low, high=None, size=None)", "random integers in [low, high)") { call in
            guard !call.isNone("size") else { throw call.mismatch("size", .ints) }
            let low = call.isNone("high") ? 0 : try call.int("low")
            let high = call.isNone("high") ? try call.int("low") : try call.int("high")
            return .tensor(
                try Tensor.randint(low, high, try call.intList("size"), using: &call.evaluator.generator))
        },
        Builtin(
            "rand_like(input, dtype=None, requires_grad=False)", "uniform random numbers of the input's shape"
        ) {
            call in
            let input = try call.tensor("input")
            let tensor = try Tensor.rand(
                input.shape, dtype: try call.dtype("dtype") ?? input.dtype, using: &call.evaluator.generator)
            return try finish(tensor, call, like: input)
        },
        Builtin(
            "randn_like(input, dtype=None, requires_grad=False)", "normal random numbers of the input's shape"
        ) {
            call in
            let input = try call.tensor("input")
            let tensor = try Tensor.randn(
                input.shape, dtype: try call.dtype("dtype") ?? input.dtype, using: &call.evaluator.generator)
            return try finish(tensor, call, like: input)
        },
    ]

    static let randomness: [Builtin] = [
        Builtin("manual_seed(seed)", "restart the random numbers from a seed") { call in
            let seed = try call.int("seed")
            call.evaluator.generator = SeededGenerator(seed: UInt64(bitPattern: Int64(seed)))
            return .none
        }
    ]

    /// Applies the `dtype=` and `requires_grad=` keywords every creation function takes; a
    /// `*_like` function without `dtype=` takes the type of `like`.
    static func finish(_ tensor: Tensor, _ call: Call, like: Tensor? = nil) throws -> Value {
        var tensor = tensor
        if let type = try call.scalarType("dtype") ?? like?.scalarType {
            tensor = try tensor.converted(to: type)
        }
        guard try call.bool("requires_grad") else { return .tensor(tensor) }
        return .tensor(try tensor.requiringGrad())
    }
}
