/// What the numbers of a tensor mean, on top of their storage dtype.
///
/// The engine stores every tensor as `float32` or `float64`, but PyTorch also has integer
/// (`arange(5)`, `argmax`, `randint`) and boolean (`x > 0`) tensors, and prints them differently:
/// `tensor([0, 1, 2])`, `tensor([True, False])`. The kind carries that meaning so printing,
/// `requiresGrad` and arithmetic promotion can follow PyTorch while kernels stay floating-point.
/// Integer values are exact in `float32` up to 2^24 = 16,777,216.
public enum ElementKind: String, Sendable, Hashable {
    /// Ordinary floating-point numbers.
    case real
    /// Whole numbers (PyTorch `int64`).
    case integer
    /// Whole numbers PyTorch keeps as `int32` (`.int()`, `dtype=torch.int32`): the same exact
    /// float32 storage as `integer`, but PyTorch prints, promotes and reports them as `int32`.
    case integer32
    /// 0 or 1 (PyTorch `bool`).
    case boolean
    /// Bytes 0…255 (PyTorch `uint8`, an image's pixels): arithmetic wraps modulo 256.
    case uint8
    /// Whole numbers −128…127 (PyTorch `int8`, quantised weights): arithmetic wraps.
    case int8
    /// Whole numbers −32768…32767 (PyTorch `int16`, what `uint8` and `int8` promote to together).
    case int16

    /// Whether the numbers are whole (every integer kind, not `bool`).
    public var isIntegral: Bool { integerWidth != nil }

    /// The bits and signedness of an integer kind (`int64` is 64 bits); nil for reals and bools.
    public var integerWidth: (bits: Int, signed: Bool)? {
        switch self {
        case .integer: (64, true)
        case .integer32: (32, true)
        case .int16: (16, true)
        case .int8: (8, true)
        case .uint8: (8, false)
        case .real, .boolean: nil
        }
    }

    /// Whether arithmetic results of this kind wrap around as PyTorch's fixed-width integers do
    /// (`uint8`, `int8`, `int16`, `int32`; `int64`'s range is beyond what the storage holds).
    public var wraps: Bool { integerWidth.map { $0.bits < 64 } ?? false }

    /// `value` wrapped into this kind's range as two's-complement arithmetic does (`250 + 10` is
    /// `4` in `uint8`, `100000 * 100000` is `1410065408` in `int32`), its fraction cut off as a
    /// conversion to an integer type does (`1.7` → `1`); unchanged for kinds that do not wrap. NaN and infinities (an integer division by zero is refused before) become 0.
    /// An `int32` of magnitude 2^31 is kept: float32 storage rounds int32's largest values
    /// (2^31 − 1 down to 2^31 − 64) up to it, and wrapping them would flip their sign.
    @inline(__always)
    public func wrapped<T: BinaryFloatingPoint>(_ value: T) -> T {
        guard let (bits, signed) = integerWidth, bits < 64 else { return value }
        guard value.isFinite else { return 0 }
        if bits == 32, Swift.abs(Double(value)) <= 0x1p31 { return value.rounded(.towardZero) }
        let modulus = Double(UInt64(1) << UInt64(bits))
        let v = Double(value).rounded(.towardZero)
        var r = v - modulus * (v / modulus).rounded(.down)
        if signed && r >= modulus / 2 { r -= modulus }
        return T(r)
    }

    /// The kind of `a ⊕ b` for `+ - *` and friends: real wins; `bool` beside an integer kind takes
    /// it; two integer kinds give the narrowest PyTorch type that holds both (`uint8` with `uint8`
    /// stays `uint8`, with `int8` gives `int16`, `int32` with `int32` stays `int32`, anything with
    /// `int64` is `int64`); two bools give `int64`.
    public static func promoted(_ a: ElementKind, _ b: ElementKind) -> ElementKind {
        if a == .real || b == .real { return .real }
        if a == .boolean { return b == .boolean ? .integer : b }
        if b == .boolean { return a }
        guard let x = a.integerWidth, let y = b.integerWidth else { return .integer }
        if a == b { return a }
        let bits: Int
        if x.signed == y.signed {
            bits = max(x.bits, y.bits)
        } else {
            let (unsigned, signed) = x.signed ? (y, x) : (x, y)
            bits = signed.bits > unsigned.bits ? signed.bits : unsigned.bits * 2
        }
        switch bits {
        case ...16: return .int16
        case 17...32: return .integer32
        default: return .integer
        }
    }

    /// The kind of `a ⊕ b` where PyTorch's rule for dimensioned and 0-d operands applies: a 0-d
    /// tensor (or a Python number) beside a dimensioned tensor of the same category (integral or
    /// real) does not widen it, so `x_int32 + 1` stays `int32`.
    public static func promoted(_ a: ElementKind, rank aRank: Int, _ b: ElementKind, rank bRank: Int)
        -> ElementKind
    {
        let kind = promoted(a, b)
        guard kind.isIntegral, (aRank == 0) != (bRank == 0) else { return kind }
        let dimensioned = aRank == 0 ? b : a
        return dimensioned.isIntegral ? dimensioned : kind
    }
}
