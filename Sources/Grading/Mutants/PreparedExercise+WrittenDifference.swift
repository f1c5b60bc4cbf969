import AnswerLanguage
import Wording

/// The reference's and alternatives' call trees, read once per exercise, against which an answer
/// is read for a written difference (`WrittenDifference`).
final class WrittenReading {
    /// Unowned: the exercise keeps this.
    unowned let prepared: PreparedExercise
    lazy var reader = CallTreeReader(options: prepared.answerOptions) { [unowned prepared] name in
        prepared.base[name] != nil
    }
    /// The reference's tree, then each alternative's (with its text, to run it once when needed).
    lazy var sources: [(text: String, tree: CallTree?)] = {
        guard let solution = prepared.exercise.solution else { return [] }
        return ([solution.reference] + solution.alternatives).map { ($0.text, reader.read($0.text)) }
    }()
    /// Whether each alternative gives the expected value (a wrong alternative is no calculation).
    /// A run stopped under load is not kept: it may finish next time.
    private var passes: [String: Bool] = [:]

    init(_ prepared: PreparedExercise) { self.prepared = prepared }

    /// How `source` (one expression) is written differently from the reference, or from the first
    /// alternative it is closer to; nil when it is not a call tree of theirs with one or two
    /// arguments changed. Arguments whose two values are equal in `session` are no difference.
    /// With `steps`, an answer that is theirs with one step more or fewer is one too.
    func difference(_ source: String, session: TimedInterpreter, comparer: Comparer, steps: Bool = false)
        -> WrittenDifference?
    {
        guard let answer = reader.read(source) else {
            return stepwiseDifference(source, session: session, comparer: comparer)
        }
        var best: WrittenDifference?
        for (index, entry) in sources.enumerated() {
            guard let tree = entry.tree, var found = WrittenDifference.between(answer, tree) else { continue }
            found.arguments = found.arguments.filter { !sameValue($0, session: session) }
            // Tensor data is no setting, but the same curve read over other entries (`val[:5]`
            // for `val[:stopped + 1]`) says plainly which entries differ.
            for index in found.arguments.indices where !isSetting(found.arguments[index], session: session) {
                found.arguments[index].extent = extent(found.arguments[index], session: session)
            }
            // Typed data is told by the entry that differs, or not at all: never by quoting the
            // calculation's whole list. A shape's sizes by the dimensions that differ, where they
            // are one run; otherwise, or beside another difference, quoted as any setting.
            let readings = found.arguments.map(WrittenDifference.entryReading)
            if readings.contains(.untold) { continue }
            if found.arguments.count == 1, case .told(let entry) = readings[0] {
                found.arguments[0].entry = entry
            } else if readings.contains(where: {
                if case .told(let entry) = $0 { !entry.sizes } else { false }
            }) {
                continue
            }
            guard !found.arguments.isEmpty,
                found.arguments.allSatisfy({ $0.extent != nil || isSetting($0, session: session) }),
                best.map({ found.arguments.count < $0.arguments.count }) ?? true
            else { continue }
            if index > 0 {
                // An alternative not known to pass (its run stopped under load) could have given
                // the closer reading: no reading rather than another one than on an idle machine.
                guard let passes = passing(entry.text, comparer: comparer) else { return nil }
                guard passes else { continue }
            }
            best = found
        }
        // A number or a name typed otherwise in the arithmetic, where no call's argument is: the
        // reference's typing token for token but for that one part.
        if best == nil { best = operandDifference(answer, session: session, comparer: comparer) }
        // What one of the calculation's steps computes, where the calculation goes on from it.
        if best == nil, let stopped = earlierStep(answer, comparer: comparer) { return stopped }
        // A formula with a term more or fewer is the numeric stories' business: steps are told
        // of calculations that call something (a layer, an activation, a reduction). The
        // reference's step needs no run; an alternative's is told only once it is known to pass.
        guard best == nil, steps, answer.makesCall else { return best }
        for (index, entry) in sources.enumerated() {
            guard let tree = entry.tree, let found = WrittenDifference.step(answer, tree) else { continue }
            if index > 0 {
                guard let passes = passing(entry.text, comparer: comparer) else { return nil }
                guard passes else { continue }
            }
            return found
        }
        return nil
    }

    /// How `source` is the reference, or a passing alternative, with one call more or fewer
    /// around a part (`gam / (run_var + eps)` for `gam / torch.sqrt(run_var + eps)`), whether or
    /// not the answer calls anything; nil otherwise, or when an alternative that could say so has
    /// not finished its run. A two-change reading of such an answer ("`*` where `**` belongs and
    /// without the factor `0.5`") is contorted: the one call typed or left out is its story. (An
    /// operator more or fewer in a formula stays the formula catalogue's to read.)
    func oneStep(_ source: String, comparer: Comparer) -> WrittenDifference? {
        guard let answer = reader.read(source) else { return nil }
        for (index, entry) in sources.enumerated() {
            guard let tree = entry.tree, let found = WrittenDifference.step(answer, tree),
                found.step?.isCall == true
            else { continue }
            if index > 0 {
                guard let passes = passing(entry.text, comparer: comparer) else { return nil }
                guard passes else { continue }
            }
            return found
        }
        return nil
    }

    /// The one number or name of the answer typed otherwise than in the reference or a passing
    /// alternative, with the values of names; nil when there is none, or it has the same value.
    private func operandDifference(_ answer: CallTree, session: TimedInterpreter, comparer: Comparer)
        -> WrittenDifference?
    {
        for (index, entry) in sources.enumerated() {
            guard let tree = entry.tree, var found = WrittenDifference.between(answer, tree, operands: true),
                found.arguments.count == 1, found.arguments[0].isOperand,
                // A name typed for a number or a number for a name, in a calculation with names
                // or calls: two numbers (`n - f + 2` for `n - f + 1`, `(8, 3, 1)` for `(8, 3, 5)`)
                // say no more than the value, and a misconception may say why.
                [found.arguments[0].yourValue, found.arguments[0].theirValue].contains(where: Self.isName),
                tree.makesCall || Self.hasName(tree),
                !sameValue(found.arguments[0], session: session),
                isSetting(found.arguments[0], session: session)
            else { continue }
            if index > 0 {
                guard let passes = passing(entry.text, comparer: comparer) else { return nil }
                guard passes else { continue }
            }
            found.arguments[0].yourNumber = number(found.arguments[0].yourValue, session: session)
            found.arguments[0].theirNumber = number(found.arguments[0].theirValue, session: session)
            return found
        }
        return nil
    }

    /// Whether `text` is a name (`thr`), not a number.
    private static func isName(_ text: String?) -> Bool {
        guard let first = text?.unicodeScalars.first else { return false }
        return first == "_" || first.properties.isAlphabetic
    }

    /// Whether `tree` has a name among its operands.
    private static func hasName(_ tree: CallTree) -> Bool {
        if tree.isOperand, isName(tree.text) { return true }
        return tree.children.contains(where: hasName) || tree.arguments.values.contains { hasName($0.tree) }
    }

    /// The value of a name that holds one number (`thr`); nil for a number typed as such (it says
    /// itself) or anything else.
    private func number(_ text: String?, session: TimedInterpreter) -> Double? {
        guard let text, let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
            let value = try? session.evaluate(text)
        else { return nil }
        switch value {
        case .int(let n): return Double(n)
        case .float(let x): return x
        case .tensor(let tensor) where tensor.count == 1:
            return ValueConversion.numeric(value).flatMap { $0.values.first }
        default: return nil
        }
    }

    /// Whether one of `mutants` may tell the same story as `written`, the answer's difference:
    /// it is the answer read as calls, or it changes one of the same arguments (`sum(dim=0)`
    /// for the answer's `sum(dim=1)`, a pad `(2, 2, 2, 2)` for `[2, 2, 2, 2]`), or its change is
    /// not one of arguments at all (what it says cannot be compared). A mutant that changes only
    /// other arguments (`padding` where the answer changed `kernel_size`) gives the answer's value
    /// by coincidence.
    func mayTellTheSame(_ source: String, _ written: WrittenDifference, as mutants: [Mutant]) -> Bool {
        // A comparison written otherwise changes which entries a mask keeps: a mutant of what the
        // calculation means (the mask read the other way, the complement counted) says why.
        if written.arguments.contains(where: { $0.comparison != nil }) { return true }
        guard let answer = reader.read(source) else { return true }
        // An argument rewritten as a computation of its own (`((c - c.mean()) ** 2).sum() / 3` for
        // `c.var(unbiased=False)`) is no setting written otherwise: a mutant of what that part
        // means may say what the computation does.
        if mutants.contains(where: { $0.changes.contains(where: \.misconception.isMeaning) }),
            written.arguments.contains(where: { argument in
                [argument.yourValue, argument.theirValue].allSatisfy { $0.map(Self.calls) ?? false }
            })
        {
            return true
        }
        let touched = Set(written.arguments.map(\.place))
        return mutants.contains { mutant in
            guard let tree = reader.read(mutant.source) else { return true }
            if tree.key == answer.key { return true }
            // An operand typed otherwise is compared with mutants' own operands.
            let operands = written.arguments.contains(where: \.isOperand)
            let changes = sources.compactMap {
                $0.tree.flatMap { WrittenDifference.between(tree, $0, operands: operands) }
            }
            guard !changes.isEmpty else { return true }
            return changes.contains { !touched.isDisjoint(with: $0.arguments.map(\.place)) }
        }
    }

    /// Whether an argument written otherwise has the same value both ways (`padding=p` for
    /// `padding=1`): then it is no difference. Only values without calls are run (cheap, and
    /// nothing they compute can change between the two runs).
    func sameValue(_ argument: WrittenDifference.Argument, session: TimedInterpreter) -> Bool {
        guard !argument.isCallee, let yours = argument.yourValue, let theirs = argument.theirValue,
            !Self.calls(yours),
            !Self.calls(theirs), let a = try? session.evaluate(yours), let b = try? session.evaluate(theirs)
        else { return false }
        return a == b
    }

    /// Whether an argument is a setting of its call (a number, a tuple, a keyword's value, a
    /// tensor of one number) rather than its data: a tensor written otherwise (`w.flip([1])`, a
    /// slice, the body applied again) is another calculation, whose difference is not in how a
    /// call is set but in what it computes, and quoting it would quote most of the answer. An
    /// argument that does not evaluate alone is not known to be a setting.
    func isSetting(_ argument: WrittenDifference.Argument, session: TimedInterpreter) -> Bool {
        // A callee in another's place computes otherwise with the same arguments: it quotes no data.
        if argument.isCallee { return true }
        // Two arguments given the other way round quote what the calculation gives too.
        if argument.swappedWith != nil { return true }
        // A comparison's operator is how it is set, whatever data its sides read.
        if argument.comparison != nil { return true }
        for text in [argument.yourValue, argument.theirValue].compactMap({ $0 }) {
            guard let value = try? session.evaluate(text) else { return false }
            switch value {
            case .tensor(let tensor) where tensor.count > 1: return false
            case .module, .function, .dict: return false
            case .list(let items), .tuple(let items):
                if items.contains(where: {
                    if case .int = $0 { false } else if case .float = $0 { false } else { true }
                }) {
                    return false
                }
            default: continue
            }
        }
        return true
    }

    /// The entries the two sides of `argument` read of one 1-d tensor of the setup, where each is
    /// that tensor's name or one slice of it without a step (`val`, `val[:stopped + 1]`), and they
    /// read other entries: `[yourFirst, yourLast, theirFirst, theirLast]`.
    private func extent(_ argument: WrittenDifference.Argument, session: TimedInterpreter) -> [Int]? {
        guard !argument.isCallee, let yours = argument.yourValue, let theirs = argument.theirValue,
            let a = entries(yours, session: session), let b = entries(theirs, session: session),
            a.base == b.base, a.first != b.first || a.last != b.last
        else { return nil }
        return [a.first, a.last, b.first, b.last]
    }

    /// The first and last entry `text` reads of a 1-d tensor the setup binds: its name alone, or
    /// the name with one slice (Python's rules: negative bounds count from the end, bounds past
    /// the end stop there). Nil for anything else, or a slice that reads nothing.
    private func entries(_ text: String, session: TimedInterpreter) -> (base: String, first: Int, last: Int)?
    {
        guard let expression = try? Parser.parseExpression(text) else { return nil }
        let written = SourceText(text)
        var base = expression
        var bounds: (start: ExpressionSyntax?, stop: ExpressionSyntax?) = (nil, nil)
        if case .subscript(let of, let items) = expression.kind {
            guard items.count == 1, case .slice(let start, let stop, nil, _) = items[0] else { return nil }
            base = of
            bounds = (start, stop)
        }
        guard case .name(let name) = base.kind, prepared.base[name] != nil,
            case .tensor(let tensor)? = try? session.evaluate(name), tensor.shape.count == 1
        else { return nil }
        let count = tensor.shape[0]
        func place(_ node: ExpressionSyntax?, otherwise: Int) -> Int? {
            guard let node else { return otherwise }
            guard case .int(let index)? = try? session.evaluate(written(node.range)) else { return nil }
            return min(max(index < 0 ? index + count : index, 0), count)
        }
        guard let start = place(bounds.start, otherwise: 0), let stop = place(bounds.stop, otherwise: count),
            stop > start
        else { return nil }
        return (name, start, stop - 1)
    }

    /// Whether `text` makes a call (or does not parse).
    private static func calls(_ text: String) -> Bool {
        guard let expression = try? Parser.parseExpression(text) else { return true }
        func visit(_ node: ExpressionSyntax) -> Bool {
            if case .call = node.kind { return true }
            return node.kind.children.contains(where: visit)
        }
        return visit(expression)
    }

    /// Whether the alternative `text` gives the expected value; nil when its run stopped (under
    /// load), which is not kept, so an idle run later still decides.
    func passing(_ text: String, comparer: Comparer) -> Bool? {
        if let known = passes[text] { return known }
        let run = prepared.extraRun(.alternative) { () throws(LanguageError) -> Value in
            try prepared.session().run(text)
        }
        if run.isStopped { return nil }
        let passes = run.value.map { comparer.matches($0, prepared.expected) } ?? false
        self.passes[text] = passes
        return passes
    }
}

extension GradingText {
    /// "Your answer is the calculation with one argument written otherwise: `dilation=(2, 1)`
    /// where the calculation has `dilation=2`."
    func written(_ difference: WrittenDifference) -> Phrase {
        if let step = difference.step { return written(step) }
        if let name = difference.stoppedAt { return Phrase(WrittenKey.stoppedAtStep, ["name": name]) }
        if let told = writtenAlone(difference) { return told }
        let parts = difference.arguments.map { argument -> Phrase in
            switch (argument.yours, argument.theirs) {
            case (let yours?, let theirs?) where argument.isReceiver:
                Phrase(
                    WrittenKey.receiverChanged, ["call": argument.callee, "yours": yours, "theirs": theirs])
            case (let yours?, let theirs?): Phrase(WrittenKey.changed, ["yours": yours, "theirs": theirs])
            case (let yours?, nil): Phrase(WrittenKey.added, ["yours": yours])
            case (nil, let theirs?): Phrase(WrittenKey.dropped, ["theirs": theirs])
            case (nil, nil): .empty
            }
        }
        // A callee in another's place is no argument: said as a call written otherwise.
        let calls = difference.arguments.contains(where: \.isCallee)
        var sentence: Phrase
        if parts.count == 2 {
            sentence = Phrase(
                calls ? WrittenKey.calledTwo : WrittenKey.writtenTwo, ["first": parts[0], "second": parts[1]])
        } else {
            sentence = Phrase(
                calls ? WrittenKey.calledOne : WrittenKey.writtenOne, ["part": parts.first ?? .empty])
        }
        for meaning in difference.arguments.compactMap({ self.meaning($0) ?? self.extent($0) }) {
            sentence = sentence + meaning
        }
        // Another interpolation mode: what each makes a new value.
        for argument in difference.arguments
        where argument.parameter == "mode" && WrittenDifference.resizers.contains(argument.callee) {
            guard let yours = WrittenDifference.interpolation(argument.yourValue),
                let theirs = WrittenDifference.interpolation(argument.theirValue), yours != theirs
            else { continue }
            sentence =
                sentence + Phrase(WrittenKey.modeFor, ["what": Phrase(yours), "theirWhat": Phrase(theirs)])
        }
        // The same callee written otherwise twice (`tanh(…) * (1 - tanh(…))`) is described once.
        var described: Set<String> = []
        for argument in difference.arguments {
            guard let yours = argument.computesYours, let theirs = argument.computesTheirs,
                described.insert(argument.place).inserted
            else { continue }
            sentence =
                sentence
                + Phrase(
                    WrittenKey.computesFor,
                    [
                        "yours": argument.yourValue ?? "", "theirs": argument.theirValue ?? "",
                        "what": Phrase(yours), "theirWhat": Phrase(theirs),
                    ])
        }
        return sentence
    }

    /// An operand typed otherwise or two arguments swapped, which is said on its own.
    private func writtenAlone(_ difference: WrittenDifference) -> Phrase? {
        guard difference.arguments.count == 1, let argument = difference.arguments.first else { return nil }
        if let compared = comparedOtherwise(argument) { return compared }
        if let entry = argument.entry {
            let place = entry.place.map(String.init).joined(separator: ", ")
            let told = ["place": place, "yours": entry.yours, "theirs": entry.theirs]
            if !entry.sizes { return Phrase(WrittenKey.entryOne, told) }
            let single = !entry.yours.contains(",") && !entry.theirs.contains(",")
            return Phrase(single ? WrittenKey.sizeOne : WrittenKey.sizesFrom, told)
        }
        if argument.isOperand {
            let yours = argument.yourValue ?? ""
            let theirs = argument.theirValue ?? ""
            switch (argument.yourNumber, argument.theirNumber) {
            case (let mine?, let their?):
                return Phrase(
                    WrittenKey.typedBothValued,
                    ["yours": yours, "value": mine, "theirs": theirs, "theirValue": their])
            case (nil, let their?):
                return Phrase(
                    WrittenKey.typedValued, ["yours": yours, "theirs": theirs, "theirValue": their])
            case (let mine?, nil):
                return Phrase(WrittenKey.typedYoursValued, ["yours": yours, "value": mine, "theirs": theirs])
            case (nil, nil):
                return Phrase(WrittenKey.typed, ["yours": yours, "theirs": theirs])
            }
        }
        if let second = argument.swappedWith, let first = argument.parameter {
            return Phrase(
                WrittenKey.swapped,
                [
                    "call": argument.callee, "first": first, "second": second,
                    "yours": argument.yourValue ?? "", "theirs": argument.theirValue ?? "",
                ])
        }
        return nil
    }
}

extension GradingText {
    /// The entries each side of `argument` reads, where they are a curve's (`extent`).
    func extent(_ argument: WrittenDifference.Argument) -> Phrase? {
        guard let extent = argument.extent, extent.count == 4, let yours = argument.yourValue,
            let theirs = argument.theirValue
        else { return nil }
        return Phrase(
            WrittenKey.otherEntries,
            [
                "yours": yours, "yourFirst": extent[0], "yourLast": extent[1], "theirs": theirs,
                "theirFirst": extent[2], "theirLast": extent[3],
            ])
    }
}

extension GradingText {
    /// "Your answer is the calculation with one step more at the end: `relu(…)`." and, for an
    /// activation, what it does.
    func written(_ step: WrittenDifference.Step) -> Phrase {
        let sentence: Phrase
        switch (step.added, step.part) {
        case (true, nil): sentence = Phrase(WrittenKey.stepAddedAtEnd, ["step": step.written])
        case (true, let part?): sentence = Phrase(WrittenKey.stepAdded, ["step": step.written, "part": part])
        case (false, nil): sentence = Phrase(WrittenKey.stepLeftOutAtEnd, ["step": step.written])
        case (false, let part?):
            sentence = Phrase(WrittenKey.stepLeftOut, ["step": step.written, "part": part])
        }
        if step.countsFromOne {
            return sentence + Phrase(step.added ? WrittenKey.countedFromOne : WrittenKey.countedFromZero)
        }
        guard let operation = step.operation, let key = OperationKey(operation) else { return sentence }
        return sentence + Phrase(key)
    }
}

/// The catalog `written`: an answer written as the calculation with one or two call arguments
/// changed, added or left out (`WrittenDifference`).
package enum WrittenKey: String, MessageKey {
    package static let catalog = "written"

    /// One argument differs (`part`).
    case writtenOne
    /// Two arguments differ (`first`, `second`).
    case writtenTwo
    /// An argument given another value (`yours`, `theirs`).
    case changed
    /// A method called on another value (`call` the method, `yours`, `theirs`).
    case receiverChanged
    /// An argument the calculation does not give (`yours`).
    case added
    /// An argument of the calculation's left out (`theirs`).
    case dropped
    /// One callee called in another's place (`part`).
    case calledOne
    /// A callee and an argument, or two callees, written otherwise (`first`, `second`).
    case calledTwo
    // What a callee or an argument written otherwise means (`WrittenDifference.Meaning`, one to
    // one): `yours` and `theirs` as quoted, `call` the callee of an argument.
    case valuesForPositions, positionsForValues
    case smallestForLargest, largestForSmallest
    case rateForCount, countForRate
    case averageForSum, sumForAverage
    case varianceForDeviation, deviationForVariance
    case allForAny, anyForAll
    case spreadForMean, meanForSpread
    case transposedForConvolution, convolutionForTransposed
    case nMinusOneForN, nForNMinusOne
    case keepdimKept, keepdimDropped
    case smallestTaken, largestTaken
    case runningForOverall, overallForRunning
    /// One entry of a list of numbers typed otherwise (`place`, `yours`, `theirs`); one size of
    /// a shape, or its sizes from one dimension on (`place` the dimension).
    case entryOne, sizeOne, sizesFrom
    /// The entries of one tensor each side reads (`yours`, `yourFirst`, `yourLast`, `theirs`,
    /// `theirFirst`, `theirLast`).
    case otherEntries
    /// A position counted from 1 by a `+ 1` added; from 0 with the calculation's `+ 1` left out.
    case countedFromOne, countedFromZero
    /// What a callee in another's place computes, and what the calculation's does (`yours`,
    /// `theirs`, `what`, `theirWhat`: `ComputesKey` phrases).
    case computesFor
    /// What another interpolation mode makes each new value (`what`), and the calculation's
    /// (`theirWhat`): `ComputesKey` phrases.
    case modeFor
    /// A number or a name typed otherwise in the arithmetic (`yours`, `theirs`), with the value
    /// of a name (`value` the learner's, `theirValue` the calculation's) where it holds one.
    case typed, typedValued, typedYoursValued, typedBothValued
    /// Two arguments of one call swapped (`call`, the parameters `first` and `second`, `yours`
    /// what the learner gives `first`, `theirs` what the calculation gives it).
    case swapped
    /// One comparison written with another operator (`yours`, `theirs` the comparisons as typed,
    /// `yourOperator`, `theirOperator`, and where each holds: `yourHolds`, `theirHolds`, a
    /// `holds…` phrase; `WrittenDifference+Comparisons`).
    case comparedOne
    /// Where a comparison operator holds, of its two sides.
    case holdsLess, holdsLessOrEqual, holdsGreater, holdsGreaterOrEqual, holdsEqual, holdsNotEqual
    /// What the calculation's step binding `name` computes, where the calculation goes on from it.
    case stoppedAtStep
    /// One step more after the whole calculation (`step`, its part written `…`).
    case stepAddedAtEnd
    /// One step more around a part (`step`, `part`).
    case stepAdded
    /// The calculation's last step left out (`step`).
    case stepLeftOutAtEnd
    /// One of the calculation's steps left out (`step`, `part`).
    case stepLeftOut
}
