import Foundation

@testable import CNN

/// The cases of `Fixtures/nn_reference.json`: PyTorch's outputs and gradients for the NN ops,
/// made by `Fixtures/make_nn_reference.py`.
struct TorchReference: Decodable, Sendable {
    /// A tensor as stored: shape and row-major values.
    struct Array: Decodable, Sendable {
        let shape: [Int]
        let data: [Double]
        /// The values as integers (class-index targets).
        var integers: [Int] { data.map { Int($0) } }
    }

    /// A keyword argument's value: PyTorch accepts ints, pairs, strings, floats, booleans.
    enum Value: Decodable, Sendable, Equatable {
        case int(Int)
        case double(Double)
        case bool(Bool)
        case string(String)
        case list([Int])

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(Bool.self) {
                self = .bool(v)
            } else if let v = try? c.decode(Int.self) {
                self = .int(v)
            } else if let v = try? c.decode(Double.self) {
                self = .double(v)
            } else if let v = try? c.decode(String.self) {
                self = .string(v)
            } else {
                self = .list(try c.decode([Int].self))
            }
        }

        /// An int or a pair as a pair, as PyTorch's `_pair` does.
        var pair: (Int, Int) {
            switch self {
            case .int(let v): (v, v)
            case .list(let v): (v[0], v[1])
            default: preconditionFailure("not an int or a pair: \(self)")
            }
        }

        var int: Int {
            guard case .int(let v) = self else { preconditionFailure("not an int: \(self)") }
            return v
        }

        var double: Double {
            switch self {
            case .double(let v): v
            case .int(let v): Double(v)
            default: preconditionFailure("not a number: \(self)")
            }
        }

        var bool: Bool {
            guard case .bool(let v) = self else { preconditionFailure("not a bool: \(self)") }
            return v
        }

        var string: String {
            guard case .string(let v) = self else { preconditionFailure("not a string: \(self)") }
            return v
        }

        var list: [Int] {
            guard case .list(let v) = self else { preconditionFailure("not a list: \(self)") }
            return v
        }
    }

    /// One call of one op.
    struct Case: Decodable, Sendable, CustomStringConvertible {
        let op: String
        let name: String
        let kwargs: [String: Value]
        let inputs: [String: Array]
        let output: Array
        let upstream: Array?
        let grads: [String: Array]?
        let after: [String: Array]?

        var description: String { "\(op) \(name)" }
    }

    let cases: [Case]

    /// Every case, loaded once.
    static let all: [Case] = {
        let url = Bundle.module.url(
            forResource: "nn_reference", withExtension: "json", subdirectory: "Fixtures")!
        let data = try! Data(contentsOf: url)
        return try! JSONDecoder().decode(TorchReference.self, from: data).cases
    }()

    /// The cases of one op.
    static func cases(_ op: String) -> [Case] { all.filter { $0.op == op } }

    /// The cases of `Fixtures/more_reference.json` (made by `make_more_reference.py`): the ops
    /// added for issue #11.
    static let more: [Case] = {
        let url = Bundle.module.url(
            forResource: "more_reference", withExtension: "json", subdirectory: "Fixtures")!
        let data = try! Data(contentsOf: url)
        return try! JSONDecoder().decode(TorchReference.self, from: data).cases
    }()
}

extension TorchReference.Array {
    /// The stored values as a tensor (float64 unless asked otherwise).
    func tensor(_ dtype: DType = .float64) throws -> Tensor {
        try Tensor(data, shape: shape, dtype: dtype)
    }

    /// True when `tensor` has this shape and its values are within `tolerance` (CS231n's relative
    /// error, which is also an absolute error near zero: `|a − b| / max(1e-8, |a| + |b|)`).
    func matches(_ tensor: Tensor?, tolerance: Double) -> Bool {
        guard let tensor, tensor.shape == shape else { return false }
        return KernelHarness.relativeError(tensor.scalarsAsDoubles(), data) <= tolerance
    }
}

extension TorchReference.Array {
    /// numpy's `allclose`: `|a − b| ≤ atol + rtol·|b|` for every element, shapes equal.
    func isClose(_ tensor: Tensor?, rtol: Double, atol: Double) -> Bool {
        guard let tensor, tensor.shape == shape else { return false }
        return zip(tensor.scalarsAsDoubles(), data).allSatisfy { abs($0 - $1) <= atol + rtol * abs($1) }
    }
}

extension TorchReference.Case {
    /// The named input as a float64 tensor that requires grad (class-index targets stay integers
    /// without gradient).
    func input(_ name: String, requiresGrad: Bool = true) throws -> Tensor {
        let t = try inputs[name]!.tensor()
        return requiresGrad ? try t.requiringGrad() : t
    }

    /// Backpropagates the fixture's upstream gradient from `output`.
    func backward(from output: Tensor) throws {
        try output.backward(gradient: try upstream!.tensor(output.dtype))
    }
}
