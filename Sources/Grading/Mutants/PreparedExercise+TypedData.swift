import AnswerLanguage

/// The data a reference types in itself (`sigmoid(tensor(0.))`: the point 0), moved. A setup's
/// data is moved by `PerturbedSetup`; a number the reference writes into a tensor is data too,
/// and an answer that writes the same number there is read at another one: `sigmoid(tensor(0.))
/// ** 2` is 0.25 like the slope `σ(0)(1 − σ(0))` only at 0 (σ² is not σ(1 − σ)), where any right
/// phrasing of the slope agrees at every point.
extension PreparedExercise {
    /// Calls that make a tensor from the numbers typed in them.
    private static let tensorMakers: Set<String> = ["tensor", "as_tensor", "Tensor", "FloatTensor"]

    /// Whether the answer typed as `source`, which has the expected value, differs from the
    /// reference when every real number both type into a tensor (and the reference does) is
    /// moved to another: it agrees with the calculation at this data only.
    func agreesOnlyAtTypedData(_ source: String, comparer: Comparer) -> Bool {
        guard let reference = exercise.solution?.reference.text else { return false }
        return differAtTypedData(source, reference, comparer: comparer) == true
    }

    /// Whether `source` and `other` differ when every real number the reference types into a
    /// tensor is moved to another in both; nil when that cannot be told: `source` types none of
    /// them, a run fails or stops, the reference's value stays, or the setup binds a layer.
    func differAtTypedData(_ source: String, _ other: String, comparer: Comparer) -> Bool? {
        guard !setupBindsObjects, let reference = exercise.solution?.reference.text else { return nil }
        let data = Set(Self.typedData(in: reference).map(\.value))
        guard !data.isEmpty, Self.typedData(in: source).contains(where: { data.contains($0.value) }) else {
            return nil
        }
        let moved = { (text: String) -> String in
            let edits = Self.typedData(in: text).filter { data.contains($0.value) }.map {
                ($0.range, "\($0.value * 1.5 + 0.375)")
            }
            return SourceText(text).replacing(edits)
        }
        let run = { (text: String) -> Value? in
            let session = self.session()
            return self.extraRun(.perturbed) { () throws(LanguageError) -> Value in try session.run(text) }
                .value
        }
        guard let changed = run(moved(reference)), !comparer.matches(changed, expected),
            let a = run(moved(source)), let b = run(moved(other))
        else { return nil }
        return !comparer.matches(a, b)
    }

    /// The real numbers typed into tensor makers in `source`, with where they are written.
    private static func typedData(in source: String) -> [(value: Double, range: SourceRange)] {
        guard let program = try? Parser.parse(source) else { return [] }
        var found: [(value: Double, range: SourceRange)] = []
        func visit(_ node: ExpressionSyntax, inside: Bool) {
            if inside, case .float(let value) = node.kind {
                found.append((value, node.range))
                return
            }
            var within = inside
            if case .call(let callee, _) = node.kind, let name = MutantGenerator.calleeName(callee),
                tensorMakers.contains(name)
            {
                within = true
            }
            for child in node.kind.children { visit(child, inside: within) }
        }
        for expression in program.valueExpressions { visit(expression, inside: false) }
        return found
    }
}

extension PreparedExercise {
    /// Whether `source` and `other`, formulas in the setup's numbers, differ when the setup's
    /// real numbers are moved to others of the same sign (and away from 0 and 1, which make a
    /// power or a product of them vanish): `n_in * w_std ** 2 * x_var ** 0.5` is
    /// `n_in * w_std ** 2 * x_var` where x_var is 1 only. Nil when either is no such formula or
    /// the setup has no real number they read (perturbed data may turn a variance negative
    /// and leave a root without a value, so this is read as a formula).
    func differAtOtherReals(_ source: String, _ other: String) -> Bool? {
        guard let a = Formula.parse(source), let b = Formula.parse(other) else { return nil }
        var integers: [String: Int] = [:]
        var reals: [String: Double] = [:]
        for name in a.names.union(b.names) {
            switch base[name] {
            case .int(let value)?: integers[name] = value
            case .float(let value)?: reals[name] = value
            default: return nil
            }
        }
        guard !reals.isEmpty else { return nil }
        let moved = reals.mapValues { $0 == 0 ? 0.375 : $0 * 1.375 + ($0 > 0 ? 0.125 : -0.125) }
        guard let x = a.substituting(moved).evaluate(integers),
            let y = b.substituting(moved).evaluate(integers)
        else { return nil }
        return !x.same(y)
    }
}
