import AnswerLanguage

/// A parameter count's mutants (`CountInventory.mutants`) and how an answer is told by them. The
/// sizes of the counted layers (channels, features, kernel sides of 3 and more) are the count's
/// quantities: an answer written in literals reads each literal of such a size as that size, as
/// the mutants' formulas do, and the two are compared at other sizes too. So `32 * 16 + 2 * 16`
/// is the batch norm counted over the input channels, while `32 * 16 + 32`, with the same value,
/// is not — and a count story is never told of an answer whose formula reads otherwise.
struct CountCatalogue: Sendable {
    struct Entry: Sendable {
        var mutant: Mutant
        var value: Int
        var values: [Formula.Number?]
    }

    let inventory: CountInventory
    private(set) var entries: [Entry] = []
    /// Each size's value, by its name (`FormulaCatalogue.quantityName`).
    private let quantities: [String: Int]
    private let points: [[String: Int]]

    /// Nil when the reference does not count parameters, or no layer can be taken otherwise.
    init?(_ inventory: CountInventory) {
        let found = inventory.mutants()
        guard !found.isEmpty else { return nil }
        self.inventory = inventory
        // A count in the setup's names moves with them; a count in literals moves its layers'
        // sizes, not the multipliers of a formula (the 4 of `4 * 32`, a batch norm's two numbers
        // per channel counted twice, is not a size that moves).
        var quantities = inventory.values
        if quantities.isEmpty {
            var sizes: Set<Int> = Set(inventory.identityShortcuts)
            for layer in inventory.layers + inventory.subtracted + found.compactMap(\.mutant.changes[0].layer)
            {
                sizes.formUnion(layer.sizes)
            }
            // The 3 × 3 a 1 × 1 convolution is taken for.
            if found.contains(where: { $0.mutant.misconception == .countKernelThree }) { sizes.insert(3) }
            for size in sizes where size >= 3 { quantities[FormulaCatalogue.quantityName(size)] = size }
        }
        self.quantities = quantities
        // In names, a name divided by another (`C // r`, a group's `C_in // g`) stays a multiple of
        // it, so that `C * C // r` and `C * (C // r)` are one count at every point.
        points = CountInventory.points(
            quantities.keys.sorted(), quantities,
            divisions: inventory.values.isEmpty ? [] : inventory.allDivisions)
        for (mutant, value) in found {
            guard let formula = Formula.parse(mutant.source) else { continue }
            entries.append(Entry(mutant: mutant, value: value, values: values(of: lift(formula))))
        }
    }

    /// Whether the count is in the setup's names (`C_in * C_out + C_out`).
    private var named: Bool { !inventory.values.isEmpty }

    /// The formula with its literals of a size read as that size (in names: as the one name of
    /// that value, when only one has it).
    private func lift(_ formula: Formula) -> Formula {
        formula.replacingLiterals(
            formula.literals.map { value in
                guard value >= 3 else { return nil }
                if named {
                    let names = quantities.filter { $0.value == value }.map(\.key)
                    return names.count == 1 ? names[0] : nil
                }
                let name = FormulaCatalogue.quantityName(value)
                return quantities[name] != nil ? name : nil
            })
    }

    private func values(of formula: Formula) -> [Formula.Number?] { points.map { formula.evaluate($0) } }

    /// The answer as a formula in the count's sizes: nil when it is not arithmetic in literals
    /// alone, has fewer than two literals (a number is a number), or a literal of 3 and more that
    /// is no size of the count (`512 + 32` may be worked out from anything).
    /// In names, the answer must read only the count's names, and at least one: its other
    /// literals are its own (the 9 of `C_in * C_out * 9 + C_out`).
    private func sizes(_ source: String) -> Formula? {
        guard let formula = Formula.parse(source) else { return nil }
        if named {
            let lifted = lift(formula)
            guard formula.names.isSubset(of: quantities.keys), !lifted.names.isEmpty else { return nil }
            // An answer in literals alone with a number no size has (`64 * 32 * 4 + 64`, the 4 a
            // 2 × 2 kernel worked out) may be worked out from anything: only its value is told.
            if formula.names.isEmpty, lifted.literals.contains(where: { $0 >= 3 }) { return nil }
            return lifted
        }
        guard formula.names.isEmpty, formula.literals.count >= 2,
            formula.literals.allSatisfy({ $0 < 3 || quantities[FormulaCatalogue.quantityName($0)] != nil })
        else { return nil }
        return lift(formula)
    }

    /// The count mutants that are the answer's formula (one, or two telling different stories);
    /// nil when the answer is not such a formula or none is.
    func explain(_ source: String) -> [Mutant]? {
        guard let formula = sizes(source) else { return nil }
        let answer = values(of: formula)
        var stories: [Mutant] = []
        for entry in entries where FormulaCatalogue.same(answer, entry.values) {
            if !stories.contains(where: {
                $0.story == entry.mutant.story && $0.changes[0].layer == entry.mutant.changes[0].layer
            }) {
                stories.append(entry.mutant)
            }
        }
        return stories.isEmpty || stories.count > 2 ? nil : stories
    }

    /// Whether the answer, a formula in the count's sizes, reads otherwise than `mutant` at other
    /// sizes; nil when the answer is no such formula (then only its value can be compared).
    func differs(_ source: String, from mutant: Mutant) -> Bool? {
        guard let formula = sizes(source),
            let entry = entries.first(where: { $0.mutant.source == mutant.source })
        else { return nil }
        return !FormulaCatalogue.same(values(of: formula), entry.values)
    }
}
