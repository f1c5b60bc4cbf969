extension PreparedExercise {
    /// Which size formula the reference and its alternatives compute (`SizeFormula`), read from
    /// the layers they call or from how their formula moves with the setup's whole numbers.
    var sizeFormula: SizeFormula {
        guard let solution = exercise.solution else { return .unknown }
        var integers: [String: Int] = [:]
        for name in base.boundNames {
            if case .int(let value) = base[name] { integers[name] = value }
        }
        return SizeFormula.of(([solution.reference] + solution.alternatives).map(\.text), integers: integers)
    }
}
