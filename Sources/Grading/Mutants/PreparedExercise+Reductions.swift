/// A mutant told by its value alone presumes the answer is the mutant's expression; an answer that
/// reduces otherwise (`(p * k).max()` where the mutant sums) computes something else that only
/// happens to give the same number, whatever change the mutant made elsewhere.
extension PreparedExercise {
    /// The reductions an answer or a mutant may call: each turns many values into fewer.
    static let reductions: Set<String> = [
        "sum", "mean", "max", "min", "amax", "amin", "prod", "norm", "std", "var", "median", "argmax",
        "argmin", "logsumexp", "nansum", "nanmean", "cumsum", "cumprod", "trace", "dot", "all", "any",
    ]

    /// The reductions `source` calls (`x.sum(`, `torch.max(`), by name.
    static func reductionCalls(_ source: String) -> Set<String> {
        var found: Set<String> = []
        var name = ""
        for character in source.filter({ !$0.isWhitespace }) {
            if character.isLetter || character.isNumber || character == "_" {
                name.append(character)
                continue
            }
            if character == "(", reductions.contains(name) { found.insert(name) }
            name = ""
        }
        return found
    }

    /// Whether the answer `source` reduces with a call the mutant does not make while the mutant
    /// reduces with one the answer does not: then the mutant is not the answer's expression.
    /// With `alike`, reductions that one writes in terms of another are one: a mean is a sum
    /// over a count, a variance a mean of squares, `max` and `amax` the same maximum — the answer
    /// may spell a statistic otherwise than the mutant of what it means.
    static func reducesOtherwise(_ source: String, _ mutant: String, alike: Bool = false) -> Bool {
        let family = { (name: String) -> String in
            guard alike else { return name }
            switch name {
            // A dot product is a sum of products, as a window's response sums them.
            case "sum", "mean", "nansum", "nanmean", "var", "std", "dot": return "moment"
            // The largest value and the place of the largest value pick the same entry.
            case "amax", "argmax": return "max"
            case "amin", "argmin": return "min"
            default: return name
            }
        }
        let mine = Set(reductionCalls(source).map(family))
        let theirs = Set(reductionCalls(mutant).map(family))
        return !mine.subtracting(theirs).isEmpty && !theirs.subtracting(mine).isEmpty
    }
}
