import Wording

/// The grader's own sentences — diagnoses, comparison and verdict messages — in the language the
/// grading runs in.
///
/// Named mistakes and check messages come translated from the course; these are the sentences the
/// grader writes itself, each a `GradingKey` said from the catalog `grading`
/// (`Sources/Wording/Catalogs/<language>/grading.json`). This type gives them typed arguments.
struct GradingText: Sendable {
    let language: Language

    init(language: Language) { self.language = language }

    func say(_ key: GradingKey, _ arguments: [String: any MessageArgument] = [:]) -> String {
        language.say(key, arguments)
    }

    private static func flag(_ value: Bool) -> String { value ? "yes" : "no" }

    // MARK: Verdicts

    var unanswered: String { say(.unanswered) }

    var noValue: String { say(.noValue) }

    func cannotBeGraded(_ problem: String) -> String { say(.cannotBeGraded, ["problem": problem]) }

    // MARK: Choices

    func noChoice(_ choices: String) -> String { say(.noChoice, ["choices": choices]) }

    func notAChoice(_ id: String, _ choices: String) -> String {
        say(.notAChoice, ["id": id, "choices": choices])
    }

    func pickOne(_ choices: String) -> String { say(.pickOne, ["choices": choices]) }

    func wrongChoice(multiple: Bool) -> String { say(multiple ? .wrongChoices : .wrongChoice) }

    /// What a choice finding says: the one wrong pick (and its `why`, the author's text in this
    /// language) or the one missing right choice; never the whole key.
    func choice(_ finding: ChoiceFinding, why: String?) -> String {
        switch finding.kind {
        case .wrong:
            var sentences = [say(.choiceWrong, ["choice": finding.choice])]
            if let why, !why.isEmpty { sentences.append(why) }
            if finding.wrongCount > 1 {
                sentences.append(say(.choiceWrongMore, ["count": finding.wrongCount - 1]))
            }
            return sentences.joined(separator: " ")
        case .missing:
            return say(.choiceMissing, ["choice": finding.choice, "count": finding.missingCount])
        }
    }

    // MARK: Values of the wrong kind

    /// "Your answer is …" for strings, bools and other values compared exactly.
    func answerIs(_ text: String) -> String { say(.answerIs, ["text": text]) }

    func notAShape(_ typeName: String) -> String { say(.notAShape, ["type": typeName]) }

    func notTheShape(_ shape: [Int]) -> String { say(.notTheShape, ["shape": shape]) }

    func notANumber(_ typeName: String) -> String { say(.notANumber, ["type": typeName]) }

    func notATensor(_ typeName: String) -> String { say(.notATensor, ["type": typeName]) }

    var differs: String { say(.differs) }

    // MARK: Networks

    func networkCannotRun(on shape: [Int], _ problem: String) -> String {
        say(.networkCannotRun, ["shape": shape, "problem": problem])
    }

    func networkOutput(input: [Int], answer: [Int], expected: [Int]) -> String {
        say(.networkOutput, ["input": input, "answer": answer, "expected": expected])
    }

    func parameterCount(_ answer: Int, expected: Int) -> String {
        say(
            answer < expected ? .parameterCountFewer : .parameterCountMore,
            ["answer": answer, "expected": expected])
    }

    // MARK: Diagnoses: shapes

    func shape(_ answer: [Int], expected: [Int]) -> String {
        // An empty shape says nothing to a newcomer: a single number is wanted.
        say(.shape, ["answer": answer, "expected": expected, "single": expected.isEmpty ? "yes" : "no"])
    }

    var sizeOneDimensions: String { say(.sizeOneDimensions) }

    var transposedShapeAndValues: String { say(.transposedShapeAndValues) }

    var transposedShape: String { say(.transposedShape) }

    var reshaped: String { say(.reshaped) }

    /// Why each spatial side is `size` off, for a finding `explainSizeDelta` recognised; `padding`
    /// is the exercise's padding p, `kernel` the kernel size f.
    func sizeDelta(_ finding: Diagnosis.Finding, size: Int, padding: Int?, kernel: Int?) -> String {
        let p = padding ?? size / 2
        let f = kernel ?? size + 1
        let arguments: [String: any MessageArgument] = [
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

    func numberIs(_ number: String) -> String { say(.numberIs, ["number": number]) }

    /// Off by one; `formula` adds the output-size formula's `+ 1` as the likely culprit.
    func offByOne(formula: Bool) -> String { say(.offByOne, ["formula": Self.flag(formula)]) }

    var numberSign: String { say(.numberSign) }

    var notExpectedNumber: String { say(.notExpectedNumber) }

    /// A real number `ratio` × the expected one, with `guess` (from `scaleGuess`) appended.
    func numberScale(_ ratio: String, guess: String?) -> String {
        say(.numberScale, ["ratio": ratio, "guess": guess ?? "", "guessed": Self.flag(guess != nil)])
    }

    /// A whole number that is `count` times (`larger`) or 1/`count` of the expected one, said
    /// plainly: no reason is guessed for integers (see `Diagnoser.numberDiagnosis`).
    func wholeFactor(_ count: Int, larger: Bool) -> String {
        say(larger ? .wholeFactorLarger : .wholeFactorSmaller, ["count": count])
    }

    /// Why real values could be a whole factor off: averaged over `count` values instead of summed,
    /// or `count` times too large.
    func scaleGuess(_ count: Int, averaged: Bool) -> String {
        say(averaged ? .scaleGuessAveraged : .scaleGuessLarger, ["count": count])
    }

    // MARK: Diagnoses: tensors

    var kernelFlipped: String { say(.kernelFlipped) }

    var tensorSign: String { say(.tensorSign) }

    /// Every value `ratio` × the expected one, with `guess` appended.
    func tensorScale(_ ratio: String, guess: String?) -> String {
        say(.tensorScale, ["ratio": ratio, "guess": guess ?? "", "guessed": Self.flag(guess != nil)])
    }

    var rotated: String { say(.rotated) }

    var transposed: String { say(.transposed) }

    /// Moved by one row (`dy`) or column (`dx`), each −1, 0 or 1.
    func shifted(dy: Int, dx: Int) -> String {
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
    func offset(_ amount: String, guess: Bool = true) -> String {
        say(guess ? .offset : .offsetPlain, ["amount": amount])
    }

    /// A failed check whose message cannot be said for this answer (its `{expr}` fails): the
    /// condition itself, in the answer language.
    func checkDoesNotHold(_ condition: String) -> String { say(.checkDoesNotHold, ["condition": condition]) }

    /// The two parameter counts, with no guess at the cause (the layers say it).
    func parameterCountOnly(_ answer: Int, expected: Int) -> String {
        say(.parameterCountOnly, ["answer": answer, "expected": expected])
    }

    func valuesDiffer(_ count: Int, of total: Int) -> String {
        say(.valuesDiffer, ["count": count, "total": total])
    }

    /// The list of differing cells; `more` when the list is cut short.
    func differingCells(_ cells: [(index: [Int], answer: String, expected: String)], more: Bool) -> String {
        let listed = cells.map {
            say(.differingCell, ["index": $0.index, "answer": $0.answer, "expected": $0.expected])
        }
        return say(.differingCells, ["cells": listed.joined(separator: ", "), "more": Self.flag(more)])
    }

    /// The side-by-side view's column headings.
    var yours: String { say(.yours) }
    var expected: String { say(.expected) }
}

/// The grader's own sentences (catalog `grading`), said through `GradingText`.
package enum GradingKey: String, MessageKey {
    package static let catalog = "grading"

    case unanswered, noValue, cannotBeGraded, noChoice, notAChoice, pickOne, wrongChoices, wrongChoice
    case choiceWrong, choiceWrongMore, choiceMissing
    case answerIs, notAShape, notTheShape, notANumber, notATensor, differs, networkCannotRun, networkOutput
    case parameterCountFewer, parameterCountMore, shape, sizeOneDimensions, transposedShapeAndValues
    case transposedShape, reshaped, paddingForgotten, paddingAdded, paddingCountedOnce, kernelShrinkForgotten
    case shrankByKernel, numberIs, offByOne, numberSign, notExpectedNumber, numberScale, wholeFactorSmaller
    case wholeFactorLarger, scaleGuessAveraged, scaleGuessLarger, kernelFlipped, tensorSign, tensorScale
    case rotated, transposed, shifted, offset, valuesDiffer, differingCell, differingCells, yours, expected
    case offsetPlain, checkDoesNotHold, parameterCountOnly, mutantAnswer, mutantValue, mutantNetwork,
        mutantEither, mutantBoth
    case networkExtraAfter, networkExtra, networkMissingAfter, networkMissing, networkReplaced,
        networkSettings
    case networkConnection, networkLayerCount
}
