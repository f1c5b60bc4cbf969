/// The grader moves a setup's and a reference's whole numbers (`n + 3`, `2 · n`) to tell formulas
/// apart. A course may hold any int (`n = 2**63 - 1`), where `+` and `*` trap: these hold the
/// moved number at `Int`'s bounds instead. A number held there did not move, and each check that
/// moves it then finds nothing told apart, which is its safe side.
extension Int {
    /// `self + offset`, held at `Int`'s bounds.
    func moved(by offset: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(offset)
        return overflow ? (offset > 0 ? .max : .min) : sum
    }

    /// `self · factor`, held at `Int`'s bounds.
    func scaled(by factor: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: factor)
        return overflow ? ((self < 0) == (factor < 0) ? .max : .min) : product
    }
}
