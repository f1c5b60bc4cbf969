import Course
import Wording

/// The built-in diagnosis: recognises the classic wrong answers of convolution arithmetic on real
/// engine values, and otherwise lists the cells that differ.
struct Diagnoser {
    var context: DiagnosisContext
    var rtol: Double
    var atol: Double
    /// The language the grading runs in, which a diagnosis's `message` says its phrase in.
    var language = Language.english

    var text: GradingText { GradingText() }

    /// Explains why `answer` differs from `expected` (which the comparison already found);
    /// `integral` when both are whole numbers by type (ints compared exactly), not just by value.
    func diagnose(_ answer: NumericArray, expected: NumericArray, integral: Bool = false) -> Diagnosis {
        if answer.shape != expected.shape {
            // Several whole numbers where one is asked: a shape given for a size or a count.
            if expected.values.count == 1, answer.rank == 1, (2...5).contains(answer.values.count),
                answer.values.allSatisfy({ $0 == $0.rounded() && $0 >= 0 && $0 < 1e15 })
            {
                let numbers = answer.values.map { Int($0) }
                return plain(
                    .shapeForNumber,
                    text.shapeStory(.shapeForNumber, ["count": numbers.count, "answer": numbers]))
            }
            return shapeDiagnosis(answer, expected: expected)
        }
        if answer.rank == 0 || answer.values.count == 1, expected.values.count == 1 {
            return numberDiagnosis(answer.values[0], expected: expected.values[0], integral: integral)
        }
        return valueDiagnosis(answer, expected: expected)
    }

    // MARK: Shapes

    /// Explains a wrong shape, given as the two tensors (whose values help recognise a reshape).
    func shapeDiagnosis(_ answer: NumericArray, expected: NumericArray) -> Diagnosis {
        let base = text.shape(answer.shape, expected: expected.shape)
        if answer.values.count == expected.values.count {
            if answer.rank > 2, answer.shape == expected.shape.reversed() {
                return plain(.dimensionsReversed, base + text.shapeStory(.dimensionsReversed))
            }
            if answer.shape.filter({ $0 != 1 }) == expected.shape.filter({ $0 != 1 }) {
                // Its example (`x[None, None]`, `[0, 0]`) adds or drops leading dimensions: said
                // only where that is the whole difference.
                let leading = { (shape: [Int]) in Array(shape.drop { $0 == 1 }) }
                let fixedInFront = leading(answer.shape) == leading(expected.shape)
                return plain(
                    .sizeOneDimensions,
                    base + (fixedInFront ? text.sizeOneDimensions : text.sizeOneDimensionsElsewhere))
            }
            if answer.rank >= 2, answer.transposed.shape == expected.shape {
                if answer.transposed.isClose(to: expected, rtol: rtol, atol: atol) {
                    return plain(.transposed, base + text.transposedShapeAndValues)
                }
                return plain(.transposedShape, base + text.transposedShape)
            }
            if zip(answer.values, expected.values).allSatisfy({
                NumericArray.isClose($0, $1, rtol: rtol, atol: atol)
            }) {
                return plain(.reshaped, base + text.reshaped)
            }
            // The same sizes in another order is a layout story: told only when putting the
            // answer's dimensions back in order gives the expected values. Otherwise the values
            // differ too, and only the shape (and a size story, if any) is said.
            if answer.shape != expected.shape, answer.shape.sorted() == expected.shape.sorted(),
                !answer.hasPermutation(matching: expected, rtol: rtol, atol: atol)
            {
                return sizeExplanation(answer.shape, expected: expected.shape).map {
                    plain($0.0, base + $0.1)
                } ?? plain(.wrongShape, base)
            }
        }
        // A size or dimension story first (it names the cause); where none fits, what the values
        // say: a row or column more or less, or the expected values inside a larger answer.
        if let diagnosis = shapeDiagnosis(answer.shape, expected: expected.shape, ofValues: true) {
            return diagnosis
        }
        if let (finding, story) = rowColumnStory(answer, expected) ?? expectedInside(answer, expected)
            ?? blockInside(answer, expected)
        {
            return plain(finding, base + story)
        }
        return plain(.wrongShape, base)
    }

    /// Explains a wrong shape (also a shape given as the answer to a `value` exercise), when the
    /// spatial sizes differ by a telling amount. `ofValues` when the shapes are those of two
    /// tensors rather than shapes the learner typed (`dimensionStory`).
    func shapeDiagnosis(_ answer: [Int], expected: [Int], ofValues: Bool = false) -> Diagnosis? {
        guard
            let (finding, explanation) = sizeExplanation(answer, expected: expected)
                ?? dimensionStory(answer, expected, ofValues: ofValues) ?? shapeReading(answer, expected)
        else { return nil }
        return plain(finding, text.shape(answer, expected: expected) + explanation)
    }

    /// A shape asked as a value (typed or computed, not a tensor's nor a network's output, whose
    /// values or layers say more): dimensions of size 1 added or dropped (a statistic taken with
    /// `keepdim=True`), or the right number of values in one flat dimension; nil otherwise.
    func keptOrFlattened(_ answer: [Int], expected: [Int]) -> Diagnosis? {
        if answer.count != expected.count, answer.filter({ $0 != 1 }) == expected.filter({ $0 != 1 }) {
            let key: ShapeKey = answer.count > expected.count ? .sizeOneAdded : .sizeOneDropped
            let story = text.shapeStory(key, ["count": abs(answer.count - expected.count)])
            return plain(.sizeOneDimensions, text.shape(answer, expected: expected) + story)
        }
        if answer.count == 1, expected.count >= 2, expected.allSatisfy({ $0 > 1 }),
            answer[0] == expected.reduce(1, *)
        {
            let story = text.shapeStory(.flattened, ["count": answer[0], "rank": expected.count])
            return plain(.flattened, text.shape(answer, expected: expected) + story)
        }
        // Neighbouring dimensions multiplied into one (a flatten of some of them), or one given
        // apart as several: every size of the shorter shape the product of the next ones of the
        // longer (a size 1 only as itself, so that the groups are the only ones).
        if answer.count >= 2, expected.count >= 2, answer.count != expected.count,
            answer.allSatisfy({ $0 >= 1 }), expected.allSatisfy({ $0 >= 1 })
        {
            let merged = answer.count < expected.count
            let (short, long) = merged ? (answer, expected) : (expected, answer)
            if let groups = Self.groups(of: long, into: short) {
                let said = Phrase(
                    groups.filter { $0.count > 1 }.map {
                        text.shapeStory(
                            .dimensionGroup, ["sizes": MessageValue.extent($0), "size": $0.reduce(1, *)])
                    }, separator: ", ")
                let story = text.shapeStory(merged ? .dimensionsMerged : .dimensionsSplit, ["groups": said])
                return plain(
                    merged ? .dimensionsMerged : .dimensionsSplit,
                    text.shape(answer, expected: expected) + story)
            }
        }
        return nil
    }

    /// `long` cut into neighbouring groups whose products are `short`'s sizes, in order; nil when
    /// it cannot be. A size 1 is a group of its own (the batch of one image): anywhere else it
    /// could join either neighbour, and the groups would not be the only ones. Every other group
    /// ends where its product is reached.
    static func groups(of long: [Int], into short: [Int]) -> [[Int]]? {
        var groups: [[Int]] = []
        var index = 0
        for size in short {
            if size == 1 {
                guard index < long.count, long[index] == 1 else { return nil }
                groups.append([1])
                index += 1
                continue
            }
            var group: [Int] = []
            var product = 1
            while index < long.count, product < size {
                guard long[index] > 1 else { return nil }
                let (next, overflow) = product.multipliedReportingOverflow(by: long[index])
                guard !overflow else { return nil }
                product = next
                group.append(long[index])
                index += 1
            }
            guard product == size else { return nil }
            groups.append(group)
        }
        return index == long.count ? groups : nil
    }

    /// How the dimensions of two shapes relate, when that says something: the same sizes
    /// reversed or reordered, one dimension missing or extra, only the channels of a batch of
    /// images different. A shape of one size (`(5,)`, a 1-d tensor) is a shape, never "one
    /// number for a shape" (`numberForShape`, for a number typed). `ofValues` when the shapes are
    /// those of two tensors: a missing dimension is named only when the shapes say which one (in
    /// [3] for [3, 3] either could be).
    func dimensionStory(_ answer: [Int], _ expected: [Int], ofValues: Bool = false) -> (
        Diagnosis.Finding, Phrase
    )? {
        if answer.count == expected.count, answer.count >= 2, answer != expected,
            answer.sorted() == expected.sorted()
        {
            if answer.count > 2, answer == expected.reversed() {
                return (.dimensionsReversed, text.shapeStory(.dimensionsReversed))
            }
            return expected.count == 4 && context.imageLayout
                ? (.dimensionsPermuted, text.shapeStory(.imageDimensionsPermuted))
                : (.dimensionsPermuted, text.shapeStory(.dimensionsPermuted))
        }
        func removing(_ index: Int, _ shape: [Int]) -> [Int] {
            var shape = shape
            shape.remove(at: index)
            return shape
        }
        let missing = expected.indices.filter { removing($0, expected) == answer }
        if answer.count + 1 == expected.count, answer.count >= 1, let index = missing.first,
            !ofValues || missing.count == 1
        {
            if index == 0, expected.count == 4, context.imageLayout {
                return (.dimensionMissing, text.shapeStory(.batchMissing, ["size": expected[0]]))
            }
            return (
                .dimensionMissing,
                text.shapeStory(.dimensionMissing, ["index": index, "size": expected[index]])
            )
        }
        if answer.count == expected.count + 1, expected.count >= 1,
            let index = answer.indices.first(where: { removing($0, answer) == expected })
        {
            return (
                .dimensionExtra, text.shapeStory(.dimensionExtra, ["index": index, "size": answer[index]])
            )
        }
        if answer.count == 4, expected.count == 4, context.imageLayout,
            (0..<4).filter({ answer[$0] != expected[$0] }) == [1]
        {
            // Why a convolution or a pooling gives the channels it does is no reason where the
            // calculation has no layer (a folded weight's dimension 1 is its input channels).
            let key: ShapeKey = context.premises.contains(.layer) ? .channelsChanged : .channelsChangedPlain
            return (.channelsChanged, text.shapeStory(key, ["answer": answer[1], "expected": expected[1]]))
        }
        return nil
    }

    /// Why the spatial sizes of two shapes differ, when they differ by a telling amount (the
    /// explanation alone, without the sentence naming both shapes).
    func sizeExplanation(_ answer: [Int], expected: [Int]) -> (Diagnosis.Finding, Phrase)? {
        // With a stride the padding and the kernel change a size by 2p / s and (f − 1) / s, not by
        // 2p or f − 1: a padding forgotten at stride 2 loses 1 pixel, which is no "one side only".
        // A transposed convolution's or an upsampling's size is no convolution's: its kernel grows
        // it and its padding trims it, so these stories would say the opposite of what happened.
        guard answer.count == expected.count, answer.count >= 1, !context.dilated, !context.strided,
            context.sizeFormula.tellsConvolutionStories
        else {
            return nil
        }
        let spatialDims = Array(max(0, answer.count - 2)..<answer.count)
        let leadingSame = zip(answer, expected).prefix(answer.count - spatialDims.count).allSatisfy {
            $0 == $1
        }
        let deltas = Set(spatialDims.map { answer[$0] - expected[$0] })
        guard leadingSame, deltas.count == 1, let delta = deltas.first, delta != 0,
            let (finding, explanation) = explainSizeDelta(delta)
        else { return nil }
        return (finding, explanation)
    }

    /// Names a spatial size difference: 2p (padding forgotten or added), p (padding on one side),
    /// f − 1 (the kernel's shrinking forgotten, or applied where the size should stay). With no
    /// padding in the exercise, any even difference is guessed to be 2p, up to `guessedPaddingLimit`.
    func explainSizeDelta(_ delta: Int, guessedPaddingLimit: Int = .max) -> (Diagnosis.Finding, Phrase)? {
        let size = abs(delta)
        func said(_ finding: Diagnosis.Finding, kernel: Int? = nil) -> (Diagnosis.Finding, Phrase) {
            (finding, text.sizeDelta(finding, size: size, padding: context.padding, kernel: kernel))
        }
        if let p = context.padding, p > 0 {
            if size == 2 * p { return said(delta < 0 ? .paddingForgotten : .paddingAdded) }
            if size == p, delta < 0 { return said(.paddingCountedOnce) }
        }
        // "Shrank where the size should stay" presumes the reference keeps the size: a reference
        // that convolves without padding shrinks too, and the story is not true of it.
        for f in context.kernelSizes where f > 1 && size == f - 1 && (delta > 0 || !context.unpadded) {
            return said(delta > 0 ? .kernelShrinkForgotten : .shrankByKernel, kernel: f)
        }
        // A padding is guessed only where a kernel is: a shape that merely halves or doubles
        // (a stride, an upsampling) has nothing to do with padding.
        if context.padding == nil, !context.kernelSizes.isEmpty, size % 2 == 0,
            size / 2 <= guessedPaddingLimit
        {
            return said(delta < 0 ? .paddingForgotten : .paddingAdded)
        }
        return nil
    }

    // MARK: Numbers

    /// Explains a wrong number; `integral` when both are ints (a count, a size), not reals.
    ///
    /// A scale factor is read differently for the two. A real value 1/n of the expected one is
    /// typically a mean taken where a sum was wanted (a 3×3 window averaged gives 1/9), so the
    /// guess is worth saying. An integer half or twice the expected one is a count of pixels,
    /// parameters or positions, which nothing averages: the grader says plainly that it is half
    /// (or n times) the expected value and guesses no cause; an integer off by a factor that is not
    /// whole (12 for 25) says nothing a learner can use, so it gets no factor at all.
    func numberDiagnosis(_ answer: Double, expected: Double, integral: Bool = false) -> Diagnosis {
        let base = text.numberIs(NumberFormat.short(answer))
        let delta = answer - expected
        let numbers = ["answer": answer, "expected": expected]
        // A number differing by 2p or f − 1 is only telling when it is a size of an exercise with
        // a kernel or padding; an unknown padding is guessed only up to the kernel size (a count
        // 12 short is not a padding of 6 forgotten).
        // A padding the exercise does not have is never guessed for a number, and with a stride
        // the padding and the kernel change a size by 2p / s and (f − 1) / s: no story then.
        if context.quantity == .size, !context.strided, !context.dilated,
            context.sizeFormula.tellsConvolutionStories, answer == answer.rounded(),
            expected == expected.rounded(),
            context.padding != nil || !context.kernelSizes.isEmpty,
            let whole = NumberFormat.integer(delta),
            let (finding, explanation) = explainSizeDelta(whole, guessedPaddingLimit: 0)
        {
            return plain(finding, base + explanation, numbers: numbers)
        }
        // Off by one only where a ±1 can be: whole numbers that are sizes, paddings or counts.
        // With a stride, floors make many mistakes land one off: no off-by-one story then. Only
        // for a size does the output-size formula's + 1 make it a story; otherwise it is a fact.
        let counts: Set<Exercise.Quantity> = [.size, .padding, .count]
        if abs(abs(delta) - 1) < 1e-9, !context.strided,
            integral || context.quantity.map(counts.contains) == true,
            context.quantity.map(counts.contains) ?? true
        {
            // The `+ 1` is an ordinary convolution's count of positions: a transposed convolution
            // or an upsampling has none to check.
            let formula = context.quantity == .size && context.sizeFormula.tellsConvolutionStories
            return plain(
                .offByOne, base + text.offByOne(formula: formula), specific: formula, numbers: numbers)
        }
        if expected != 0, NumericArray.isClose(answer, -expected, rtol: rtol, atol: atol) {
            return plain(.wrongSign, base + text.numberSign)
        }
        // NaN or an infinity (an answer of float('nan'), or one past Double) is no scale of the
        // expected number: "nan × the expected value" would be no story.
        if expected != 0, answer != 0, (answer / expected).isFinite {
            let ratio = answer / expected
            if !integral {
                let guess = context.quantity == nil || context.quantity == .response ? scaleGuess(ratio) : nil
                return plain(
                    .wrongScale, base + text.numberScale(NumberFormat.ratio(ratio), guess: guess),
                    specific: guess != nil && averaged(ratio), numbers: ["ratio": ratio])
            }
            if let count = NumberFormat.smallWholeNumber(1 / ratio), count > 1 {
                return plain(
                    .wrongScale, base + text.wholeFactor(count, larger: false), specific: false,
                    numbers: ["ratio": ratio])
            }
            if let count = NumberFormat.smallWholeNumber(ratio), count > 1 {
                return plain(
                    .wrongScale, base + text.wholeFactor(count, larger: true), specific: false,
                    numbers: ["ratio": ratio])
            }
        }
        return plain(.valuesDiffer, base + text.notExpectedNumber)
    }

    // MARK: Same-shaped tensors

    func valueDiagnosis(_ answer: NumericArray, expected: NumericArray) -> Diagnosis {
        guard !answer.values.isEmpty else { return cellDiagnosis(answer, expected: expected) }
        var diagnosis = cellDiagnosis(answer, expected: expected)
        func finding(_ kind: Diagnosis.Finding, _ phrase: Phrase) -> Diagnosis {
            if kind != .wrongScale { diagnosis.isSpecific = true }
            diagnosis.finding = kind
            diagnosis.phrase = phrase
            return diagnosis
        }
        if let flipped = context.flippedKernelExpected, flipped.isClose(to: answer, rtol: rtol, atol: atol) {
            return finding(.kernelFlipped, text.kernelFlipped)
        }
        if expected.values.contains(where: { $0 != 0 }) {
            if answer.isClose(to: expected.mapped { -expected.at($0, $1, $2) }, rtol: rtol, atol: atol) {
                return finding(.wrongSign, text.tensorSign)
            }
            if let ratio = constantRatio(answer, expected) {
                let guess = scaleGuess(ratio)
                diagnosis.isSpecific = guess != nil && averaged(ratio)
                diagnosis.numbers = ["ratio": ratio]
                return finding(.wrongScale, text.tensorScale(NumberFormat.ratio(ratio), guess: guess))
            }
        }
        let (height, width) = answer.spatial
        if height * width > 1, answer.rotated180.isClose(to: expected, rtol: rtol, atol: atol) {
            return finding(.rotated, text.rotated)
        }
        if height == width, height > 1, answer.transposed.isClose(to: expected, rtol: rtol, atol: atol) {
            return finding(.transposed, text.transposed)
        }
        if let flip = flippedAxis(answer, expected) { return finding(flip.0, flip.1) }
        if let shift = shift(answer, expected) { return finding(shift.0, shift.1) }
        // Before the offset: a patch moved over a ramp is offset by a constant too.
        if let window = otherWindow(answer, expected) {
            diagnosis.numbers = window.2
            return finding(window.0, window.1)
        }
        if let offset = constantOffset(answer, expected) {
            // Only a layer's bias explains an offset; a slice moved over a ramp is offset too.
            diagnosis.numbers = ["offset": offset]
            guard context.hasBias else {
                diagnosis.finding = .constantOffset
                diagnosis.phrase = text.offset(offset, guess: false)
                return diagnosis
            }
            return finding(.constantOffset, text.offset(offset))
        }
        if let (kind, phrase, numbers) = cellStory(answer, expected) {
            diagnosis.numbers = numbers
            return finding(kind, phrase)
        }
        return diagnosis
    }

    /// Why a real result could be off by a whole factor: averaged over n values instead of summed
    /// (1/n), or n times too large. Only for small, exact factors; others get no guess.
    /// Whether `ratio` is 1/n for a count n of values a kernel of the exercise sums: a mean taken
    /// where the sum was wanted, the one cause a scale names with confidence.
    private func averaged(_ ratio: Double) -> Bool {
        guard let count = NumberFormat.smallWholeNumber(1 / ratio), count > 1 else { return false }
        return context.windowCounts.contains(count)
    }

    private func scaleGuess(_ ratio: Double) -> Phrase? {
        if let count = NumberFormat.smallWholeNumber(1 / ratio), count > 1,
            context.windowCounts.contains(count)
        {
            return text.scaleGuess(count, averaged: true)
        }
        if let count = NumberFormat.smallWholeNumber(ratio), count > 1 {
            return text.scaleGuess(count, averaged: false)
        }
        return nil
    }

    private func constantRatio(_ answer: NumericArray, _ expected: NumericArray) -> Double? {
        guard
            let pivot = expected.values.indices.max(by: {
                abs(expected.values[$0]) < abs(expected.values[$1])
            }),
            expected.values[pivot] != 0
        else { return nil }
        let ratio = answer.values[pivot] / expected.values[pivot]
        guard ratio != 0, ratio.isFinite, abs(ratio - 1) > 1e-6 else { return nil }
        let scaled = zip(answer.values, expected.values).allSatisfy {
            NumericArray.isClose($0, ratio * $1, rtol: rtol, atol: atol * max(1, abs(ratio)))
        }
        return scaled ? ratio : nil
    }

    private func constantOffset(_ answer: NumericArray, _ expected: NumericArray) -> Double? {
        let offset = answer.values[0] - expected.values[0]
        guard abs(offset) > atol else { return nil }
        let constant = zip(answer.values, expected.values).allSatisfy {
            NumericArray.isClose($0 - $1, offset, rtol: rtol, atol: atol)
        }
        return constant ? offset : nil
    }

    /// Whether the answer is the expected tensor moved by one row or column (compared where both
    /// are defined, which must be most of the plane).
    private func shift(_ answer: NumericArray, _ expected: NumericArray) -> (Diagnosis.Finding, Phrase)? {
        let (height, width) = answer.spatial
        let candidates: [(Int, Int, Diagnosis.Finding)] = [
            (1, 0, .shiftedRow), (-1, 0, .shiftedRow), (0, 1, .shiftedColumn), (0, -1, .shiftedColumn),
        ]
        for (dy, dx, finding) in candidates {
            let rows = height - abs(dy)
            let columns = width - abs(dx)
            guard rows >= 2 || columns >= 2, rows * columns >= 2 else { continue }
            var matches = true
            var informative = false
            for plane in 0..<answer.planes where matches {
                for row in max(0, dy)..<min(height, height + dy) where matches {
                    for column in max(0, dx)..<min(width, width + dx) {
                        let a = answer.at(plane, row, column)
                        let e = expected.at(plane, row - dy, column - dx)
                        if !NumericArray.isClose(a, e, rtol: rtol, atol: atol) {
                            matches = false
                            break
                        }
                        if !NumericArray.isClose(a, expected.at(plane, row, column), rtol: rtol, atol: atol) {
                            informative = true
                        }
                    }
                }
            }
            if matches, informative {
                return (finding, text.shifted(dy: dy, dx: dx))
            }
        }
        return nil
    }

    // MARK: Cells

    /// The cells that differ, and a side-by-side view for small 2-D results.
    func cellDiagnosis(_ answer: NumericArray, expected: NumericArray) -> Diagnosis {
        var cells: [Diagnosis.Cell] = []
        var count = 0
        for index in answer.values.indices
        where !NumericArray.isClose(answer.values[index], expected.values[index], rtol: rtol, atol: atol) {
            count += 1
            if cells.count < Diagnosis.cellLimit {
                cells.append(
                    Diagnosis.Cell(
                        index: answer.index(of: index), answer: answer.values[index],
                        expected: expected.values[index]))
            }
        }
        return Diagnosis(
            finding: .valuesDiffer, phrase: text.valuesDiffer(count, of: answer.values.count),
            cells: cells, differingCount: count, cellCount: answer.values.count,
            planes: SideBySide.planes(answer, expected: expected, rtol: rtol, atol: atol),
            language: language, isSpecific: false)
    }

    func plain(
        _ finding: Diagnosis.Finding, _ phrase: Phrase, specific: Bool? = nil,
        numbers: [String: Double] = [:]
    ) -> Diagnosis {
        var diagnosis = Diagnosis(
            finding: finding, phrase: phrase, cells: [], differingCount: 0, cellCount: 0, planes: nil,
            language: language)
        diagnosis.isSpecific = specific ?? (finding != .valuesDiffer && finding != .wrongShape)
        diagnosis.numbers = numbers
        return diagnosis
    }
}
