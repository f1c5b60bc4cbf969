import Wording

/// The grader's own sentences — diagnoses, comparison and verdict messages — as phrases, said
/// later in the reader's language by `VerdictRenderer`.
///
/// Named mistakes and check messages come translated from the course; these are the sentences the
/// grader writes itself, each a `GradingKey` of the catalog `grading`
/// (`Sources/Wording/Catalogs/<language>/grading.json`). This type gives them typed arguments and
/// returns them unsaid (`Phrase`): grading makes no prose.
struct GradingText: Sendable {
    init() {}

    func say(_ key: GradingKey, _ arguments: [String: any PhraseArgument] = [:]) -> Phrase {
        Phrase(key, arguments)
    }

    private static func flag(_ value: Bool) -> String { value ? "yes" : "no" }

    // MARK: Verdicts

    var unanswered: Phrase { say(.unanswered) }

    var noValue: Phrase { say(.noValue) }

    /// The answer's last line is an expression, but what it gives is None (`img.grad` before any
    /// backward pass reaches `img`, `loss.backward()`, `opt.step()`): not a missing expression.
    var valueIsNone: Phrase { say(.valueIsNone) }

    func cannotBeGraded(_ problem: String) -> Phrase { say(.cannotBeGraded, ["problem": problem]) }

    /// The exercise's setup and reference ran past `seconds` in a grading worker.
    func setupTooSlow(_ seconds: Int) -> Phrase {
        say(.cannotBeGraded, ["problem": say(.setupTooSlow, ["seconds": seconds])])
    }

    // MARK: Choices

    func noChoice(_ choices: String) -> Phrase { say(.noChoice, ["choices": choices]) }

    func notAChoice(_ id: String, _ choices: String) -> Phrase {
        say(.notAChoice, ["id": id, "choices": choices])
    }

    func pickOne(_ choices: String) -> Phrase { say(.pickOne, ["choices": choices]) }

    func wrongChoice(multiple: Bool) -> Phrase { say(multiple ? .wrongChoices : .wrongChoice) }

    /// What a choice finding says: the one wrong pick (and its `why`, the author's text in the
    /// reader's language) or the one missing right choice; never the whole key.
    func choice(_ finding: ChoiceFinding, why: String?) -> Phrase {
        switch finding.kind {
        case .wrong:
            var sentences = [say(.choiceWrong, ["choice": finding.choice])]
            if let why, !why.isEmpty { sentences.append(.verbatim(why)) }
            if finding.wrongCount > 1 {
                sentences.append(say(.choiceWrongMore, ["count": finding.wrongCount - 1]))
            }
            return Phrase(sentences)
        case .missing:
            return say(.choiceMissing, ["choice": finding.choice, "count": finding.missingCount])
        }
    }

    // MARK: Values of the wrong kind

    /// "Your answer is …" for strings, bools and other values compared exactly.
    func answerIs(_ text: String) -> Phrase { say(.answerIs, ["text": text]) }

    func notAShape(_ typeName: String) -> Phrase { say(.notAShape, ["type": typeName]) }

    func notTheShape(_ shape: [Int]) -> Phrase { say(.notTheShape, ["shape": shape]) }

    func notANumber(_ typeName: String) -> Phrase { say(.notANumber, ["type": typeName]) }

    func notATensor(_ typeName: String) -> Phrase { say(.notATensor, ["type": typeName]) }

    var differs: Phrase { say(.differs) }

    // MARK: Networks

    func networkCannotRun(on shape: [Int], _ problem: Phrase) -> Phrase {
        say(.networkCannotRun, ["shape": shape, "problem": problem])
    }

    func networkOutput(input: [Int], answer: [Int], expected: [Int]) -> Phrase {
        say(.networkOutput, ["input": input, "answer": answer, "expected": expected])
    }

    /// A reference network in words, for the answer key: `a network: [1, 1, 6, 6] → [1, 2, 6, 6],
    /// 20 parameters`; `input` nil when the exercise gives no input shape.
    func networkSummary(input: [Int]?, output: [Int], count: Int) -> Phrase {
        guard let input else { return say(.networkSummaryPlain) }
        return say(.networkSummary, ["input": input, "output": output, "count": count])
    }

    func parameterCount(_ answer: Int, expected: Int) -> Phrase {
        say(
            answer < expected ? .parameterCountFewer : .parameterCountMore,
            ["answer": answer, "expected": expected])
    }

    // MARK: Diagnoses: shapes

    func shape(_ answer: [Int], expected: [Int]) -> Phrase {
        // An empty shape says nothing to a newcomer: a single number is wanted.
        say(.shape, ["answer": answer, "expected": expected, "single": expected.isEmpty ? "yes" : "no"])
    }

    var sizeOneDimensions: Phrase { say(.sizeOneDimensions) }

    /// The sizes other than 1 agree, but adding or removing leading size-1 dimensions
    /// (`x[None, None]`, `[0, 0]`) would not make the shapes agree: the size-1 dimensions sit
    /// elsewhere, so no such example is given (`[8, 1, 8]` for `[1, 1, 8, 8]`).
    var sizeOneDimensionsElsewhere: Phrase { say(.sizeOneDimensionsElsewhere) }

    var transposedShapeAndValues: Phrase { say(.transposedShapeAndValues) }

    var transposedShape: Phrase { say(.transposedShape) }

    var reshaped: Phrase { say(.reshaped) }

    /// Why each spatial side is `size` off, for a finding `explainSizeDelta` recognised; `padding`
    /// is the exercise's padding p, `kernel` the kernel size f.
    func sizeDelta(_ finding: Diagnosis.Finding, size: Int, padding: Int?, kernel: Int?) -> Phrase {
        let p = padding ?? size / 2
        let f = kernel ?? size + 1
        let arguments: [String: any PhraseArgument] = [
            "size": size, "p": p, "f": f, "half": f / 2, "known": Self.flag(padding != nil),
        ]
        switch finding {
        case .paddingForgotten: return say(.paddingForgotten, arguments)
        case .paddingAdded: return say(.paddingAdded, arguments)
        case .paddingCountedOnce: return say(.paddingCountedOnce, arguments)
        case .kernelShrinkForgotten: return say(.kernelShrinkForgotten, arguments)
        case .shrankByKernel: return say(.shrankByKernel, arguments)
        default: preconditionFailure("\(finding) is not a size difference")
        }
    }

    // MARK: Diagnoses: numbers

    func numberIs(_ number: String) -> Phrase { say(.numberIs, ["number": number]) }

    /// Off by one; `formula` adds the output-size formula's `+ 1` as the likely culprit.
    func offByOne(formula: Bool) -> Phrase { say(.offByOne, ["formula": Self.flag(formula)]) }

    var numberSign: Phrase { say(.numberSign) }

    var notExpectedNumber: Phrase { say(.notExpectedNumber) }
    /// A formula that has the expected value only at the setup's numbers.
    var coincidentalFormula: Phrase { say(.coincidentalFormula) }
    /// An answer that has the expected value on the setup's data only.
    var coincidentalData: Phrase { say(.coincidentalData) }
    /// The expected value only at a number the calculation types into a tensor (`tensor(0.)`).
    var coincidentalPoint: Phrase { say(.coincidentalPoint) }

    /// A real number `ratio` × the expected one, with `guess` (from `scaleGuess`) appended.
    func numberScale(_ ratio: String, guess: Phrase?) -> Phrase {
        say(.numberScale, ["ratio": ratio, "guess": guess ?? .empty, "guessed": Self.flag(guess != nil)])
    }

    /// A whole number that is `count` times (`larger`) or 1/`count` of the expected one, said
    /// plainly: no reason is guessed for integers (see `Diagnoser.numberDiagnosis`).
    func wholeFactor(_ count: Int, larger: Bool) -> Phrase {
        say(larger ? .wholeFactorLarger : .wholeFactorSmaller, ["count": count])
    }

    /// Why real values could be a whole factor off: averaged over `count` values instead of summed,
    /// or `count` times too large.
    func scaleGuess(_ count: Int, averaged: Bool) -> Phrase {
        say(averaged ? .scaleGuessAveraged : .scaleGuessLarger, ["count": count])
    }

    // MARK: Diagnoses: tensors

    var kernelFlipped: Phrase { say(.kernelFlipped) }

    var tensorSign: Phrase { say(.tensorSign) }

    /// Every value `ratio` × the expected one, with `guess` appended.
    func tensorScale(_ ratio: String, guess: Phrase?) -> Phrase {
        say(.tensorScale, ["ratio": ratio, "guess": guess ?? .empty, "guessed": Self.flag(guess != nil)])
    }

    var rotated: Phrase { say(.rotated) }

    var transposed: Phrase { say(.transposed) }

    /// Moved by one row (`dy`) or column (`dx`), each −1, 0 or 1.
    func shifted(dy: Int, dx: Int) -> Phrase {
        let direction =
            switch (dy, dx) {
            case (1, _): "down"
            case (-1, _): "up"
            case (_, 1): "right"
            default: "left"
            }
        return say(.shifted, ["direction": direction])
    }

    /// Every value off by `amount`; `guess` adds a bias or constant as the likely cause.
    func offset(_ amount: Double, guess: Bool = true) -> Phrase {
        say(guess ? .offset : .offsetPlain, ["amount": amount])
    }

    /// A failed check whose message cannot be said for this answer (its `{expr}` fails): the
    /// condition itself, in the answer language.
    func checkDoesNotHold(_ condition: String) -> Phrase { say(.checkDoesNotHold, ["condition": condition]) }

    /// A check that raised an error on the answer: what its message claims is not known, only
    /// that the condition cannot be evaluated (the error, said in the grading language only, is
    /// not kept: a verdict reads alike in every language).
    func checkCannotRun(_ condition: String) -> Phrase { say(.checkCannotRun, ["condition": condition]) }

    /// The two parameter counts, with no guess at the cause (the layers say it).
    func parameterCountOnly(_ answer: Int, expected: Int) -> Phrase {
        say(.parameterCountOnly, ["answer": answer, "expected": expected])
    }

    func valuesDiffer(_ count: Int, of total: Int) -> Phrase {
        say(.valuesDiffer, ["count": count, "total": total])
    }

    /// The list of differing cells; `more` when the list is cut short.
    func differingCells(_ cells: [Diagnosis.Cell], more: Bool) -> Phrase {
        let listed = cells.map {
            say(.differingCell, ["index": $0.index, "answer": $0.answer, "expected": $0.expected])
        }
        return say(.differingCells, ["cells": Phrase(listed, separator: ", "), "more": Self.flag(more)])
    }

    /// The side-by-side view's column headings.
    var yours: Phrase { say(.yours) }
    var expected: Phrase { say(.expected) }
}

/// The grader's own sentences (catalog `grading`), said through `GradingText`.
package enum GradingKey: String, MessageKey {
    package static let catalog = "grading"

    case unanswered, noValue, valueIsNone, cannotBeGraded, noChoice, notAChoice, pickOne, wrongChoices,
        wrongChoice
    case choiceWrong, choiceWrongMore, choiceMissing
    case answerIs, notAShape, notTheShape, notANumber, notATensor, differs, networkCannotRun, networkOutput
    case parameterCountFewer, parameterCountMore, shape, sizeOneDimensions, transposedShapeAndValues
    case sizeOneDimensionsElsewhere
    case transposedShape, reshaped, paddingForgotten, paddingAdded, paddingCountedOnce, kernelShrinkForgotten
    case shrankByKernel, numberIs, offByOne, numberSign, notExpectedNumber, numberScale, wholeFactorSmaller
    case wholeFactorLarger, scaleGuessAveraged, scaleGuessLarger, kernelFlipped, tensorSign, tensorScale
    case rotated, transposed, shifted, offset, valuesDiffer, differingCell, differingCells, yours, expected
    case offsetPlain, checkDoesNotHold, parameterCountOnly, mutantAnswer, mutantValue, mutantNetwork,
        mutantEither, mutantBoth
    case checkCannotRun
    case networkExtraAfter, networkExtra, networkMissingAfter, networkMissing, networkMoved, networkReplaced,
        networkSettings, networkSettingNames, networkInChannels, networkInFeatures, networkLayerAt,
        networkNormGroups, normOverBatch, normInGroups, normOverLastDimensions, normPerChannel
    case networkConnection, networkLayerCount, networkSummary, networkSummaryPlain, setupTooSlow
    case coincidentalFormula, coincidentalData, coincidentalPoint
    case flippedRows, flippedColumns, otherWindow
    /// A change made in a tuple's entries (`TupleFormulas`): the same in each, or in one of them.
    case mutantInEachEntry, mutantInEntry
}
