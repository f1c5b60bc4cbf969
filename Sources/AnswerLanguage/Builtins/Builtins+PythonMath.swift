import CNN
import Foundation

/// Python's `math` module, the part a learner reaches for in a formula answer:
/// `math.floor((n + 2 * p - f) / s) + 1`, `math.prod(x.shape)`, `math.exp(0)`, `math.pow(0.25, 20)`.
/// Refusing it rejected correct answers; it computes on numbers (and one-element tensors) as Python
/// does: `floor`, `ceil`, `trunc` and `prod` of ints give ints, everything else a float, and a value
/// outside a function's domain or range is refused as Python refuses it.
extension Builtins {
    static let pythonMath: [Builtin] = [
        Builtin("floor(x)", "the largest int not above x") { call in
            .int(try integral(call, "floor", try call.double("x").rounded(.down)))
        },
        Builtin("ceil(x)", "the smallest int not below x") { call in
            .int(try integral(call, "ceil", try call.double("x").rounded(.up)))
        },
        Builtin("trunc(x)", "x without its fractional part, as an int") { call in
            .int(try integral(call, "trunc", try call.double("x").rounded(.towardZero)))
        },
        Builtin("prod(iterable, start=1)", "the product of the numbers (an int when all are ints)") { call in
            try product(call)
        },
        Builtin("pow(x, y)", "x to the power y, as a float") { call in
            let x = try call.double("x")
            let y = try call.double("y")
            // Python: a negative base to a fractional power, or 0 to a negative one, is a domain error.
            if (x < 0 && y != y.rounded()) || (x == 0 && y < 0) { throw domainError(call, "pow") }
            return .float(try finite(call, "pow", Foundation.pow(x, y), of: x, y))
        },
        Builtin("exp(x)", "e to the power x, as a float") { call in
            let x = try call.double("x")
            return .float(try finite(call, "exp", Foundation.exp(x), of: x))
        },
        Builtin("sqrt(x)", "the square root of x (x ≥ 0), as a float") { call in
            let x = try call.double("x")
            guard x >= 0 else { throw domainError(call, "sqrt") }
            return .float(x.squareRoot())
        },
        Builtin("log(x, base=None)", "the natural logarithm of x, or to the given base") { call in
            let x = try call.double("x")
            guard x > 0 else { throw domainError(call, "log") }
            guard let base = try call.optionalDouble("base") else { return .float(Foundation.log(x)) }
            guard base > 0, base != 1 else { throw domainError(call, "log") }
            return .float(Foundation.log(x) / Foundation.log(base))
        },
        Builtin("log2(x)", "the base-2 logarithm of x") { call in
            let x = try call.double("x")
            guard x > 0 else { throw domainError(call, "log2") }
            return .float(Foundation.log2(x))
        },
        Builtin("log10(x)", "the base-10 logarithm of x") { call in
            let x = try call.double("x")
            guard x > 0 else { throw domainError(call, "log10") }
            return .float(Foundation.log10(x))
        },
        Builtin("fabs(x)", "the absolute value of x, as a float") { call in .float(abs(try call.double("x")))
        },
    ]

    /// `math`, bound at the top level and by `import math`.
    static let mathNamespace = Namespace(
        name: "math",
        members: members(pythonMath + moreMath).merging([
            "pi": .float(Double.pi), "e": .float(M_E), "inf": .float(Double.infinity),
            "nan": .float(Double.nan),
        ]) { $1 })

    /// A rounded Double as an Int, refused (as Python refuses) when it is infinite, NaN or too large.
    private static func integral(_ call: Call, _ function: String, _ value: Double) throws -> Int {
        guard value.isFinite, abs(value) < 9e18 else { throw call.mismatch("x", .finiteNumber) }
        return Int(value)
    }

    /// A result that overflowed is Python's "math range error".
    private static func finite(_ call: Call, _ function: String, _ value: Double, of inputs: Double...)
        throws -> Double
    {
        guard value.isFinite || inputs.contains(where: { !$0.isFinite }) else {
            throw LanguageError.said(.value, .mathRange, ["function": function], at: call.range)
        }
        return value
    }

    private static func domainError(_ call: Call, _ function: String) -> LanguageError {
        LanguageError.said(.value, .mathDomain, ["function": function], at: call.range)
    }

    /// `math.prod`: ints multiply as ints (refused on overflow, where Python would grow), any float
    /// makes the product a float.
    private static func product(_ call: Call) throws -> Value {
        var integer = false
        if case .int = try call.value("start") { integer = true }
        var intProduct = integer ? try call.int("start") : 1
        var floatProduct = try call.double("start")
        for item in try items(call, "iterable") {
            guard let number = item.number else { throw call.mismatch("iterable", .numberOrNestedList) }
            floatProduct *= number
            if integer, case .int(let value) = item {
                let (next, overflow) = intProduct.multipliedReportingOverflow(by: value)
                guard !overflow else {
                    throw LanguageError.said(.value, .mathRange, ["function": "prod"], at: call.range)
                }
                intProduct = next
            } else {
                integer = false
            }
        }
        return integer ? .int(intProduct) : .float(floatProduct)
    }
}
