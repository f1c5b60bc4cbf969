/// Integer tensors keep their elements as floating point: int64's largest value reads as 2⁶³,
/// and arithmetic that overflows int64 (where PyTorch wraps around) leaves values past it, or
/// infinities and NaN. `Int(value)` traps on every one of them, so each conversion of an element
/// to an `Int` goes through one of these.
extension Int {
    /// `value` truncated toward zero, when `Int` holds it: 2⁶³ (how int64's largest value is
    /// stored) is `Int.max`; nil for NaN, an infinity or anything further out.
    public init?(wholeNumber value: Double) {
        guard value.isFinite, value >= -0x1p63, value <= 0x1p63 else { return nil }
        self = value == 0x1p63 ? .max : Int(value)
    }

    /// `value` truncated toward zero and held to `Int`'s range: past it (or infinite) it is
    /// `Int.max` or `Int.min`, NaN is `Int.min`. For an index or a count, where a value past
    /// every size is refused as out of range by the check that follows.
    public init(saturating value: Double) {
        if let whole = Int(wholeNumber: value) {
            self = whole
        } else {
            self = value > 0 ? .max : .min
        }
    }
}
