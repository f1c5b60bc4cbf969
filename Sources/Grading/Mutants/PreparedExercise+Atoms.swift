import AnswerLanguage
import CNN

/// The atoms of the reference's formulas (`Formula+Atoms`) and their values in the setup: read
/// once per exercise, so that the formula catalogue moves `box[2]` and `x.shape[1]` as it moves a
/// setup's names.
extension PreparedExercise {
    /// Entries of a tensor an atom indexes that are read too, at most: `box[2] - box[0]` in the
    /// reference makes `box[3] - box[0]` an answer the catalogue can read.
    static let atomEntryLimit = 36

    /// The whole-number atoms of `sources` by name: each part a formula reads as an atom whose
    /// value in the setup is a whole number (an int, or an integral float or one-element tensor),
    /// and, for an entry indexed by literals (`box[2]`, `logits[0, 3]`), every other entry of that
    /// tensor (of at most `atomEntryLimit` entries). Empty when a session is costly to make (the
    /// setup binds a layer) or no source reads an atom.
    func wholeAtoms(of sources: [String]) -> [String: Int] {
        guard !setupBindsObjects else { return [:] }
        var values: [String: Int] = [:]
        var tried: Set<String> = []
        for source in sources {
            let text = SourceText(source)
            for part in Formula.atomParts(of: source) where tried.insert(part.name).inserted {
                guard let value = wholeNumber(part.text) else { continue }
                values[part.name] = value
                guard case .subscript(let base, let items) = part.node.kind else { continue }
                let indices = items.compactMap { item -> Int? in
                    guard case .index(let index) = item, case .integer(let value) = index.kind else {
                        return nil
                    }
                    return value
                }
                guard indices.count == items.count, !indices.isEmpty else { continue }
                let baseName = Formula.atomName(text(base))
                guard tried.insert(baseName + "[]").inserted, let entries = numbers(text(base)),
                    entries.shape.count == indices.count, entries.values.count <= Self.atomEntryLimit
                else { continue }
                for (offset, entry) in entries.values.enumerated() {
                    guard entry == entry.rounded(), abs(entry) < 1e9 else { continue }
                    var position: [Int] = []
                    var rest = offset
                    for size in entries.shape.reversed() {
                        position.insert(rest % size, at: 0)
                        rest /= size
                    }
                    let name = baseName + "[" + position.map(String.init).joined(separator: ", ") + "]"
                    if values[name] == nil { values[name] = Int(entry) }
                }
            }
        }
        return values
    }

    /// The atoms of the answer typed as `source` that are not among `known`, with their values
    /// in the setup where those are whole numbers (`cm.sum()` where the calculation reads
    /// `cm[:, c].sum()`). Empty when a session is costly to make, or when one of them is no
    /// read of the setup's data (`F.conv2d(x, w).shape[2]` computes something of the answer's
    /// own, whose slips a value may still tell).
    func wholeAtoms(answer source: String, besides known: Set<String>) -> [String: Int] {
        guard !setupBindsObjects else { return [:] }
        var values: [String: Int] = [:]
        for part in Formula.atomParts(of: source) where !known.contains(part.name) && values[part.name] == nil
        {
            guard let root = Formula.dataRoot(part.node), isData(base[root]),
                let value = wholeNumber(part.text)
            else { return [:] }
            values[part.name] = value
        }
        return values
    }

    /// Whether a setup binding is data (numbers, a tensor, a shape, a list of them), not a
    /// namespace, a layer or a function.
    private func isData(_ value: Value?) -> Bool {
        switch value {
        case .int?, .float?, .tensor?, .shape?, .list?, .tuple?: true
        default: false
        }
    }

    /// The value of `text` in the setup as a whole number, or nil.
    private func wholeNumber(_ text: String) -> Int? {
        guard let array = numbers(text), array.values.count == 1, let value = array.values.first,
            value == value.rounded(), abs(value) < 1e9
        else { return nil }
        return Int(value)
    }

    /// The value of `text` in the setup as numbers (not a bool), or nil when it fails or is none.
    func numbers(_ text: String) -> NumericArray? {
        let run = extraRun(.mutant) { () throws(LanguageError) -> Value in try self.session().run(text) }
        guard let value = run.value else { return nil }
        if case .bool = value { return nil }
        if case .tensor(let tensor) = value, tensor.scalarType == .bool { return nil }
        return ValueConversion.numeric(value)
    }
}
