import AnswerLanguage

/// A story matched by value must be one the answer's typing shows: "with `N_train` and `bs`
/// swapped" needs both names written, "the two sides of `/` swapped" a `/`, "`-` where `*`
/// belongs" the `-`s the swap writes, "`(side - ksz + 1) // 2` counted twice" that part's
/// operators. A formula that only equals the changed calculation — wherever the setup's numbers
/// move, by algebra (`bs * steps` is the swapped count whenever a batch is smaller than the data
/// set; `side - 2 * (ksz - 1)` is a halved size counted twice wherever the halving is exact) —
/// made another slip, and is told a less specific message rather than a wrong one.
extension Mutant {
    /// Whether the answer typed as `source` writes what each of this mutant's changes names
    /// (see the extension's summary). An answer that reads no name (a number worked out) is not
    /// judged: its literals are read back as the setup's names elsewhere.
    func writesNamedChange(_ source: String) -> Bool {
        guard !PreparedExercise.names(in: source).isEmpty,
            let written = PreparedExercise.binaryOperators(in: source)
        else { return true }
        let words = Set(source.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
        let typed = source.filter { !$0.isWhitespace }
        for change in changes {
            switch change.misconception {
            case .namesSwapped:
                // A name is a word of the answer; an atom (`x.shape[0]`) is written as it is.
                let swapped = change.piece.split(separator: " ").map(String.init)
                if !swapped.allSatisfy({ words.contains($0) || typed.contains($0) }) { return false }
            case .operandsSwapped:
                // Written with its operator's function (`torch.div`) it may still be that swap.
                if !written.isEmpty, (written[change.piece] ?? 0) == 0 { return false }
            case .termCountedTwice, .factorCountedTwice:
                guard let part = PreparedExercise.binaryOperators(in: change.piece) else { continue }
                if part.contains(where: { (written[$0.key] ?? 0) < $0.value }) { return false }
            default:
                continue
            }
        }
        return true
    }

    /// Whether the answer typed as `source` writes the operator a swapped operation puts in
    /// (`-` for `*`) as often as this mutant does, where it writes that operator at all:
    /// `(1 - lam) ** n_steps` writes one `-`, the swapped `(1 - (eta - lam)) ** n_steps` two —
    /// the rate left out, not a product written as a difference. An answer that writes the
    /// operation as a call (`torch.sub`) is not judged here.
    func writesSwappedOperatorAsOften(_ source: String) -> Bool {
        guard let written = PreparedExercise.binaryOperators(in: source),
            let mutant = PreparedExercise.binaryOperators(in: self.source)
        else { return true }
        for change in changes where change.misconception == .operatorSwapped {
            let parts = change.piece.split(separator: " ")
            guard parts.count == 2, let now = Operation(rawValue: String(parts[1])),
                let symbol = Self.symbol(of: now)
            else { continue }
            let count = written[symbol] ?? 0
            if count > 0, count < (mutant[symbol] ?? 0) { return false }
        }
        return true
    }

    /// Whether the answer typed as `source` takes an absolute value where this mutant swaps a
    /// reduction for the absolute values added (`.abs().sum()`): the negated entropy `(p *
    /// log p).sum()` has the value of `-(p * log p).abs().sum()` (every term is negative), but
    /// it dropped one sign, not the terms' signs. True for every other mutant.
    func writesAbsoluteValues(_ source: String) -> Bool {
        for change in changes where change.misconception == .reductionSwapped {
            let now = change.piece.split(separator: " ").last.map(String.init)
            if now == Operation.absSum.rawValue, !Self.calledNames(source).contains("abs") {
                return false
            }
        }
        return true
    }

    /// The binary operator that writes `operation`, if one does.
    static func symbol(of operation: Operation) -> String? {
        [BinaryOperator.add, .subtract, .multiply, .divide, .matmul].first {
            Operation.written($0) == operation
        }?
        .rawValue
    }
}
