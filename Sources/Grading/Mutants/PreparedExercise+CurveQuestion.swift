import AnswerLanguage
import Wording

/// An exercise read as a question about early stopping on a curve: the setup binds a curve (a 1-d
/// tensor of real values, one per epoch) and a patience (a whole number), and the reference —
/// however it is written, a loop or a one-liner — gives the epoch training stops after, or the
/// epoch whose weights are kept then. Which it is, is found by behaviour alone: the reference's
/// value on the setup and on probe curves of the same length is that quantity's, and no other
/// curve, patience, direction or quantity's. The question's mutants are then its misreadings,
/// written as code in the setup's own names and run as every mutant is (`MutantRunner`), so the
/// value checks, the perturbed setup and the typing rules apply to them as to any other.
struct CurveQuestion: Equatable {
    enum Asked: Equatable { case stop, kept }
    var curve: String
    var patience: String
    /// Whether the curve is better lower (a loss) than higher (an accuracy).
    var minimise: Bool
    var asked: Asked

    /// The first epoch after which `patience` epochs in a row brought no new best value; the last
    /// epoch when that never happens. With `reset` false, the epochs without a new best are
    /// counted in all, not in a row.
    static func stop(_ curve: [Double], patience: Int, minimise: Bool, reset: Bool = true) -> Int {
        guard var best = curve.first, patience >= 1 else { return max(curve.count - 1, 0) }
        var bad = 0
        for epoch in 1..<max(curve.count, 1) {
            if minimise ? curve[epoch] < best : curve[epoch] > best {
                best = curve[epoch]
                if reset { bad = 0 }
            } else {
                bad += 1
            }
            if bad == patience { return epoch }
        }
        return curve.count - 1
    }

    /// The epoch of the best value up to the stop: the weights early stopping keeps.
    static func kept(_ curve: [Double], patience: Int, minimise: Bool) -> Int {
        best(Array(curve.prefix(stop(curve, patience: patience, minimise: minimise) + 1)), minimise: minimise)
    }

    /// The first epoch of the best value.
    static func best(_ curve: [Double], minimise: Bool) -> Int {
        var index = 0
        for (epoch, value) in curve.enumerated() where minimise ? value < curve[index] : value > curve[index]
        {
            index = epoch
        }
        return index
    }

    /// The quantity asked, on `curve`.
    func value(on curve: [Double], patience: Int) -> Int {
        switch asked {
        case .stop: Self.stop(curve, patience: patience, minimise: minimise)
        case .kept: Self.kept(curve, patience: patience, minimise: minimise)
        }
    }

    /// Curves of `count` values to tell readings apart by: fixed (the same in every run), with
    /// new bests and plateaus at other places than a course's curve is likely to have them.
    static func probes(count: Int) -> [[Double]] {
        (0..<2).map { seed in
            var state = UInt64(2_654_435_761 &* UInt64(seed + 1))
            return (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Double((state >> 33) % 1000) / 1000
            }
        }
    }

    /// `values` as the answer language writes a tensor.
    static func written(_ values: [Double]) -> String {
        "tensor([" + values.map { String(format: "%.3f", $0) }.joined(separator: ", ") + "])"
    }
}

extension PreparedExercise {
    /// The curves and patiences the setup binds, by name: 1-d real tensors of four values or more,
    /// and whole numbers from 1 to below the curve's length.
    private func curveCandidates() -> (curves: [(String, [Double])], wholes: [(String, Int)]) {
        var curves: [(String, [Double])] = []
        var wholes: [(String, Int)] = []
        for name in base.boundNames.sorted() {
            switch base[name] {
            case .tensor(let tensor)?:
                guard tensor.shape.count == 1, tensor.shape[0] >= 4, tensor.scalarType.isFloatingPoint,
                    let numbers = ValueConversion.numeric(.tensor(tensor))
                else { continue }
                curves.append((name, numbers.values))
            case .int(let value)?:
                wholes.append((name, value))
            default:
                continue
            }
        }
        return (curves, wholes)
    }

    /// The early-stopping question the reference `source` answers, if exactly one reading fits it
    /// on the setup and on both probe curves.
    func curveQuestion(reference source: String) -> CurveQuestion? {
        guard exercise.kind == .value, !setupBindsObjects, let target = Grader.number(expected),
            target == target.rounded()
        else { return nil }
        let (curves, wholes) = curveCandidates()
        var fits: [(question: CurveQuestion, patience: Int)] = []
        for (name, values) in curves {
            for (patience, amount) in wholes where (1..<values.count).contains(amount) {
                for minimise in [true, false] {
                    for asked in [CurveQuestion.Asked.stop, .kept] {
                        let question = CurveQuestion(
                            curve: name, patience: patience, minimise: minimise, asked: asked)
                        if Double(question.value(on: values, patience: amount)) == target {
                            fits.append((question, amount))
                        }
                    }
                }
            }
        }
        guard !fits.isEmpty else { return nil }
        // The reference on each probe curve, per curve name (the patience is never moved).
        var probed: [String: [Double?]] = [:]
        for name in Set(fits.map(\.question.curve)) {
            let count = curves.first { $0.0 == name }?.1.count ?? 0
            probed[name] = CurveQuestion.probes(count: count).map { probe in
                let run = extraRun(.mutant) { () throws(LanguageError) -> Value in
                    try session().run("\(name) = \(CurveQuestion.written(probe))\n" + source)
                }
                return run.value.flatMap(Grader.number)
            }
        }
        let kept = fits.filter { fit in
            let count = curves.first { $0.0 == fit.question.curve }?.1.count ?? 0
            let probes = CurveQuestion.probes(count: count)
            guard let values = probed[fit.question.curve], values.count == probes.count else { return false }
            return zip(probes, values).allSatisfy { probe, value in
                value == Double(fit.question.value(on: probe, patience: fit.patience))
            }
        }
        return kept.count == 1 ? kept[0].question : nil
    }

    /// The misreadings of the early-stopping question `source` answers, as mutants in the
    /// setup's names.
    func curveQuestionMutants(reference source: String) -> [Mutant] {
        guard let question = curveQuestion(reference: source) else { return [] }
        let c = question.curve
        let p = question.patience
        let better = question.minimise ? "<" : ">"
        let arg = question.minimise ? "argmin" : "argmax"
        let end = Phrase(question.minimise ? MeaningKey.curveLowest : MeaningKey.curveHighest)
        let candidates = curveCandidates()
        guard let values = candidates.curves.first(where: { $0.0 == c })?.1,
            let amount = candidates.wholes.first(where: { $0.0 == p })?.1
        else { return [] }
        let count = values.count
        let asked = question.value(on: values, patience: amount)
        let minimise = question.minimise
        let stop = CurveQuestion.stop(values, patience: amount, minimise: minimise)
        // The loop that finds the stop after `limit` epochs in a row (or in all, without the
        // reset) without a new best; the stop is left in `_cq_stop`.
        func loop(_ limit: String, reset: Bool = true) -> String {
            var lines = [
                "_cq_best = \(c)[0]", "_cq_bad = 0", "_cq_stop = len(\(c)) - 1",
                "for _cq_epoch in range(1, len(\(c))):", "    if \(c)[_cq_epoch] \(better) _cq_best:",
                "        _cq_best = \(c)[_cq_epoch]",
            ]
            if reset { lines.append("        _cq_bad = 0") }
            lines += [
                "    else:", "        _cq_bad = _cq_bad + 1", "    if _cq_bad == \(limit):",
                "        _cq_stop = _cq_epoch", "        break",
            ]
            return lines.joined(separator: "\n") + "\n"
        }
        var found: [Mutant] = []
        // `value`: the misreading's value on the setup; one the setup cannot tell from the
        // question's is not made.
        func add(
            _ misconception: Misconception, _ code: String, _ key: MeaningKey, reads: [String], value: Int,
            _ fills: [String: any PhraseArgument] = [:]
        ) {
            guard value != asked else { return }
            var mutant = Mutant(misconception: misconception, source: code, piece: "")
            var all: [String: any PhraseArgument] = ["curve": c, "patience": p, "end": end]
            all.merge(fills) { _, new in new }
            mutant.changes[0].told = Phrase(key, all)
            // What the answer must read for the story to be its (`Mutant.canExplainCurve`).
            mutant.changes[0].terms = reads
            found.append(mutant)
        }
        let best = CurveQuestion.best(values, minimise: minimise)
        switch question.asked {
        case .stop:
            add(
                .patienceExceeded, loop("\(p) + 1") + "_cq_stop", .patienceExceeded, reads: [c, p],
                value: CurveQuestion.stop(values, patience: amount + 1, minimise: minimise))
            if amount >= 2 {
                add(
                    .patienceShort, loop("\(p) - 1") + "_cq_stop", .patienceShort, reads: [c, p],
                    value: CurveQuestion.stop(values, patience: amount - 1, minimise: minimise))
            }
            add(
                .badCountNotReset, loop(p, reset: false) + "_cq_stop", .badCountNotReset, reads: [c, p],
                value: CurveQuestion.stop(values, patience: amount, minimise: minimise, reset: false))
            add(.stopOneLate, loop(p) + "_cq_stop + 1", .stopOneLate, reads: [c, p], value: stop + 1)
            add(
                .patienceFromOverallBest, "int(\(c).\(arg)()) + \(p)", .patienceFromOverallBest,
                reads: [c, p],
                value: best + amount)
            add(
                .keptForStop, loop(p) + "int(\(c)[:_cq_stop + 1].\(arg)())", .keptForStop, reads: [c],
                value: CurveQuestion.kept(values, patience: amount, minimise: minimise))
            add(
                .neverStopped, "len(\(c)) - 1", .neverStopped, reads: [c], value: count - 1,
                ["last": count - 1])
        case .kept:
            add(.stopForKept, loop(p) + "_cq_stop", .stopForKept, reads: [c, p], value: stop)
            add(.bestForKept, "int(\(c).\(arg)())", .bestForKept, reads: [c], value: best)
        }
        return found
    }

    /// The one curve misreading (`MeaningGenerator+Curves`, a question's) that explains the answer
    /// typed as `source`, by its value and its writing: as certain as a mutant typed as it is, so
    /// a named mistake matched by value alone whose recorded answers are another change is not
    /// given over it (`len(val) - 1` is the last epoch, not the best one counted from 1).
    func curveMutant(_ source: String, value: Value, comparer: Comparer) -> Mutant? {
        guard !mutants.isPartial,
            let group = mutants.groups.first(where: { comparer.matches(value, $0.value) })
        else { return nil }
        let explaining = group.mutants.filter { mayExplain(source, $0, comparer: comparer) }
        guard explaining.count == 1, explaining[0].changes.count == 1,
            explaining[0].misconception.isCurveReading
        else { return nil }
        return explaining[0]
    }
}

extension Misconception {
    /// Whether the change reads a curve's positions, a count of them, or an early-stopping
    /// question otherwise (`MeaningGenerator+Curves`, `PreparedExercise+CurveQuestion`).
    var isCurveReading: Bool {
        switch self {
        case .lastPosition, .secondRanked, .everyValueCounted, .complementCounted, .patienceExceeded,
            .patienceShort, .badCountNotReset, .stopOneLate, .patienceFromOverallBest, .keptForStop,
            .neverStopped, .stopForKept, .bestForKept:
            true
        default: false
        }
    }
}
