/// How a language picks a plural variant for a number: CLDR's categories (`zero`, `one`, `two`,
/// `few`, `many`, `other`) for cardinal numbers, by named rule set.
///
/// A catalog's `language.json` names its rule (`"plural": "one-other"`). Only the rule sets the
/// shipped and likely languages need are here; a new one is a case and a switch arm.
public enum PluralRule: String, Sendable, CaseIterable {
    /// One form for every number (Korean, Japanese, Chinese).
    case other
    /// `one` for exactly 1, `other` otherwise (English, German, Dutch, Swedish …).
    case oneOther = "one-other"
    /// `one` for 0 and 1, `other` otherwise (French, Portuguese of Brazil).
    case zeroOneOther = "zero-one-other"

    /// The category of `number` (a real number that is not whole is always `other` here).
    public func category(_ number: Double) -> String {
        switch self {
        case .other: return "other"
        case .oneOther: return number == 1 ? "one" : "other"
        case .zeroOneOther: return number == 0 || number == 1 ? "one" : "other"
        }
    }
}
