import AnswerLanguage
import CNN
import Course
import Wording

/// A swapped-operation mutant run in the exercise's setup, with the operations it and the answer
/// it was made from write.
struct SwapEntry: Sendable {
    var mutant: Mutant
    var value: Value
    /// What the mutant writes.
    var profile: OperationProfile
    /// What the reference (or alternative) it was made from writes.
    var origin: OperationProfile
}

/// Swapped operations (`MutantGenerator+Swaps`), and the mutants of other rules that swap an
/// operation too (`+` for `*`, `.mean()` for `.sum()`, the other pooling): each explains an answer
/// only when the answer writes the swapped-in operation (`OperationProfile.writes`). A value of 0,
/// which too many different slips give to tell by value, is told only for an answer that writes
/// exactly the mutant's operations.
extension PreparedExercise {
    /// Swapped-operation mutants run per exercise at most (on top of `MutantCatalogue.limit`).
    static let swapLimit = 40

    /// The swapped-operation mutants of `sources` (the reference and passing alternatives), run in
    /// the setup, with the other rules' mutants in `found` that swap an operation; `seen` holds
    /// the sources already run. A swap the setup cannot tell from the reference is left out and
    /// not reported by `check`: a reduction swapped on data without negative values (`.abs().sum()`
    /// for `.sum()` on pixel values) is often no misconception that data would show.
    func swapEntries(
        of sources: [String], found: [(mutant: Mutant, value: Value, origin: String)],
        seen: inout Set<String>,
        runner: MutantRunner, comparer: Comparer, model: Bool
    ) -> [SwapEntry] {
        var entries: [SwapEntry] = []
        for (mutant, value, origin) in found
        where mutant.changes.count == 1 && mutant.misconception.changesOperation {
            entries.append(
                SwapEntry(
                    mutant: mutant, value: value, profile: OperationProfile(mutant.source),
                    origin: OperationProfile(origin)))
        }
        let isInteger: (String) -> Bool = { [base] name in
            if case .int = base[name] { return true }
            return false
        }
        var made: [(mutant: Mutant, origin: String)] = []
        for source in sources {
            for mutant in MutantGenerator.mutants(of: source, model: model, swaps: true, isInteger: isInteger)
            where seen.insert(mutant.source).inserted {
                made.append((mutant, source))
            }
        }
        let expectedIsZero = Self.isZero(expected)
        let expectedIsNumber = ValueConversion.numeric(expected)?.scalarOrSelf.rank == 0
        for (mutant, origin) in made.prefix(Self.swapLimit)
        where expectedIsNumber || !mutant.changes.contains(where: { $0.misconception == .wholeMapSummed }) {
            guard let value = runner.value(of: mutant.source, allowingZero: !expectedIsZero) else { continue }
            if comparer.matches(value, expected) { continue }
            entries.append(
                SwapEntry(
                    mutant: mutant, value: value, profile: OperationProfile(mutant.source),
                    origin: OperationProfile(origin)))
        }
        return entries
    }

    /// The one swapped operation that explains the answer typed as `source`, whose value is
    /// `answer`: a swap mutant with that value whose operations the answer writes (all of them,
    /// and no others, for a value of 0). Nil when none does, or two tell different stories.
    /// With `exactly`, the answer must write exactly the mutant's operations whatever its value,
    /// and only this file's rules count (the older ones, `.mean()` for `.sum()`, give way to a
    /// named mistake as before).
    func swapExplaining(_ answer: Value, source: String, comparer: Comparer, exactly: Bool = false) -> Mutant?
    {
        let profile = OperationProfile(source)
        guard !profile.isEmpty else { return nil }
        let strict = exactly || Self.isZero(answer)
        let fitting = mutants.swaps.filter { entry in
            (!exactly || entry.mutant.misconception.isSwapRule)
                && profile.writes(entry.profile, changedFrom: entry.origin)
                && (!strict && !entry.mutant.misconception.takesAPart || profile == entry.profile)
                && !Self.keepsReplacedOperator(source, entry.mutant)
                && entry.mutant.writesSwappedOperatorAsOften(source)
                && entry.mutant.writesAbsoluteValues(source)
                && comparer.matches(answer, entry.value)
                && !takesAPartByCoincidence(source, entry.mutant, comparer: comparer)
                // An operator story needs the operators where the change put them: a formula
                // in the setup's names is that swap only as the same formula at every point
                // (`(H_in - 1) * s * s - 2 * p + k` writes a `+`, a `-` and a `*` as
                // `… - (2 + p) …` does, but adds nothing where a product belongs).
                && mutants.formulas?.same(source, entry.mutant.source) != false
                // A swap keeps its operands: an answer without one of them left it out.
                && !leavesOutOperand(source, of: entry.mutant.source)
        }
        let stories = Set(
            fitting.map { $0.mutant.changes.map { "\($0.misconception.rawValue) \($0.piece)" } })
        guard stories.count == 1 else { return nil }
        return fitting.first?.mutant
    }

    /// Whether `mutant` takes a part for the whole (`Misconception.takesAPart`) and the answer
    /// typed as `source` has its value only on the setup's data: a window's first column summed
    /// is the response with the kernel transposed on one patch, not on others.
    private func takesAPartByCoincidence(_ source: String, _ mutant: Mutant, comparer: Comparer) -> Bool {
        guard mutant.changes.contains(where: \.misconception.takesAPart) else { return false }
        return perturbedSetup.differ(source, mutant.source, comparer: comparer) == true
    }

    /// Whether a mutant that swaps an operation may explain the answer typed as `source`: always
    /// for an answer that writes no operation (a number, told by value as before), else only when
    /// the answer writes the mutant's operations.
    func writesSwap(_ source: String, of mutant: Mutant) -> Bool {
        guard mutant.changes.contains(where: \.misconception.changesOperation) else { return true }
        let profile = OperationProfile(source)
        guard !profile.isEmpty else { return true }
        guard let entry = mutants.swaps.first(where: { $0.mutant.source == mutant.source }) else {
            return true
        }
        return profile.writes(entry.profile, changedFrom: entry.origin)
            && mutant.writesSwappedOperatorAsOften(source)
    }

    /// Every number of `value` is 0.
    static func isZero(_ value: Value) -> Bool {
        guard let number = ValueConversion.numeric(value) else { return false }
        return number.values.allSatisfy { $0 == 0 }
    }

    /// "Your answer makes a new `nn.Conv2d` layer: its weights are random, not the given `w` …":
    /// said when the reference convolves (or applies a linear map) with a weight the setup gives,
    /// and the answer, without naming that weight, makes a layer of its own, whose weights are
    /// random.
    func freshLayerStory(_ source: String) -> Phrase? {
        guard exercise.kind != .model, let reference = exercise.solution?.reference.text,
            let answer = try? Parser.parse(source), let written = try? Parser.parse(reference)
        else { return nil }
        let layers: Set<String> = ["Conv2d", "Linear", "ConvTranspose2d", "Conv1d"]
        let functions: Set<String> = ["conv2d", "linear", "conv_transpose2d", "conv1d"]
        var made: String?
        var weights: [String] = []
        var referenceMakes = false
        func visit(_ node: ExpressionSyntax, answer: Bool) {
            if case .call(let callee, let arguments) = node.kind,
                let name = MutantGenerator.calleeName(callee)
            {
                if layers.contains(name) {
                    if answer, made == nil { made = Self.text(of: callee, in: source) }
                    if !answer { referenceMakes = true }
                }
                if !answer, functions.contains(name) {
                    let positional = arguments.filter { $0.name == nil && !$0.isSpread }
                    let weight =
                        arguments.first { $0.name == "weight" }
                        ?? (positional.count >= 2 ? positional[1] : nil)
                    if let weight, let name = MutantGenerator.name(weight.value), base[name] != nil {
                        weights.append(name)
                    }
                }
            }
            for child in node.kind.children { visit(child, answer: answer) }
        }
        for (program, isAnswer) in [(answer, true), (written, false)] {
            for expression in program.valueExpressions { visit(expression, answer: isAnswer) }
        }
        let named = Self.names(in: source)
        guard let made, !referenceMakes, let weight = weights.first, !named.contains(weight) else {
            return nil
        }
        return Phrase(OperationKey.freshLayer, ["layer": made, "weight": weight])
    }

    /// The text of `node` in `source`.
    private static func text(of node: ExpressionSyntax, in source: String) -> String {
        SourceText(source)(node)
    }
}

extension Misconception {
    /// Whether the change is one `MutantGenerator+Swaps` makes.
    var isSwapRule: Bool {
        isOperationSwap || takesAPart || self == .productOfSums || self == .clampBoundDropped
            || self == .clampBoundChanged
    }

    /// Whether the change swaps what an operation does, by these rules or others (`+` for `*`,
    /// `.mean()` for `.sum()`, the other pooling): such a change explains an answer that writes
    /// operations only when it writes the swapped-in one.
    var changesOperation: Bool {
        switch self {
        case .sumForProduct, .matmulForMultiply, .meanForSum, .sumForMean, .maxForMean, .poolKindSwapped,
            .multiplyForAdd, .catForAdd, .productOfSums, .clampBoundDropped, .clampBoundChanged:
            true
        default: isOperationSwap || takesAPart
        }
    }
}
