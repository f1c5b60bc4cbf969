/// The built-in diagnosis: recognises the classic wrong answers of convolution arithmetic on real
/// engine values, and otherwise lists the cells that differ.
struct Diagnoser {
    var context: DiagnosisContext
    var rtol: Double
    var atol: Double

    /// Explains why `answer` differs from `expected` (which the comparison already found).
    func diagnose(_ answer: NumericArray, expected: NumericArray) -> Diagnosis {
        if answer.shape != expected.shape {
            return shapeDiagnosis(answer, expected: expected)
        }
        if answer.rank == 0 || answer.values.count == 1, expected.values.count == 1 {
            return numberDiagnosis(answer.values[0], expected: expected.values[0])
        }
        return valueDiagnosis(answer, expected: expected)
    }

    // MARK: Shapes

    /// Explains a wrong shape, given as the two tensors (whose values help recognise a reshape).
    func shapeDiagnosis(_ answer: NumericArray, expected: NumericArray) -> Diagnosis {
        let base = "Your result has shape \(answer.shape); expected \(expected.shape)."
        if answer.values.count == expected.values.count {
            if answer.shape.filter({ $0 != 1 }) == expected.shape.filter({ $0 != 1 }) {
                return plain(
                    .sizeOneDimensions,
                    base
                        + " The sizes match except for dimensions of size 1: add or remove them (e.g. `x[None, None]` or `[0, 0]`)."
                )
            }
            if answer.rank >= 2, answer.transposed.shape == expected.shape {
                if answer.transposed.isClose(to: expected, rtol: rtol, atol: atol) {
                    return plain(
                        .transposed,
                        base + " It is the expected result transposed: rows and columns are swapped.")
                }
                return plain(.transposedShape, base + " Height and width are swapped.")
            }
            if zip(answer.values, expected.values).allSatisfy({
                NumericArray.isClose($0, $1, rtol: rtol, atol: atol)
            }) {
                return plain(.reshaped, base + " The values are right, in the wrong shape.")
            }
        }
        return shapeDiagnosis(answer.shape, expected: expected.shape) ?? plain(.wrongShape, base)
    }

    /// Explains a wrong shape (also a shape given as the answer to a `value` exercise), when the
    /// spatial sizes differ by a telling amount.
    func shapeDiagnosis(_ answer: [Int], expected: [Int]) -> Diagnosis? {
        guard answer.count == expected.count, answer.count >= 1 else { return nil }
        let spatialDims = Array(max(0, answer.count - 2)..<answer.count)
        let leadingSame = zip(answer, expected).prefix(answer.count - spatialDims.count).allSatisfy {
            $0 == $1
        }
        let deltas = Set(spatialDims.map { answer[$0] - expected[$0] })
        guard leadingSame, deltas.count == 1, let delta = deltas.first, delta != 0,
            let (finding, explanation) = explainSizeDelta(delta)
        else { return nil }
        let message = "Your result has shape \(answer); expected \(expected). \(explanation)"
        return plain(finding, message)
    }

    /// Names a spatial size difference: 2p (padding forgotten or added), p (padding on one side),
    /// f − 1 (the kernel's shrinking forgotten, or applied where the size should stay).
    func explainSizeDelta(_ delta: Int) -> (Diagnosis.Finding, String)? {
        let size = abs(delta)
        let direction = delta < 0 ? "smaller" : "larger"
        if let p = context.padding, p > 0 {
            if size == 2 * p {
                return delta < 0
                    ? (
                        .paddingForgotten,
                        "Each side is 2p = \(size) \(direction): the padding p = \(p) seems forgotten."
                    )
                    : (.paddingAdded, "Each side is 2p = \(size) \(direction): padding seems added twice.")
            }
            if size == p, delta < 0 {
                return (
                    .paddingCountedOnce,
                    "Each side is p = \(p) \(direction): the padding seems counted on one side only (it goes on both)."
                )
            }
        }
        for f in context.kernelSizes where f > 1 && size == f - 1 {
            return delta > 0
                ? (
                    .kernelShrinkForgotten,
                    "Each side is f − 1 = \(size) \(direction): a \(f)-wide kernel fits n − f + 1 times, not n."
                )
                : (
                    .shrankByKernel,
                    "Each side is f − 1 = \(size) \(direction): the kernel's shrinking n − f + 1 applied where the size should stay (padding \(f / 2) keeps it)."
                )
        }
        if context.padding == nil, delta < 0, size % 2 == 0 {
            return (
                .paddingForgotten,
                "Each side is \(size) \(direction), which is 2p for a padding of p = \(size / 2): padding seems forgotten."
            )
        }
        if context.padding == nil, delta > 0, size % 2 == 0 {
            return (
                .paddingAdded,
                "Each side is \(size) \(direction), which is 2p for a padding of p = \(size / 2): padding seems added where none belongs."
            )
        }
        return nil
    }

    // MARK: Numbers

    /// Explains a wrong number.
    func numberDiagnosis(_ answer: Double, expected: Double) -> Diagnosis {
        let base = "Your answer is \(NumberFormat.short(answer))."
        let delta = answer - expected
        // A number differing by 2p or f − 1 is only telling when the exercise has a kernel or padding.
        if answer == answer.rounded(), expected == expected.rounded(),
            context.padding != nil || !context.kernelSizes.isEmpty,
            let whole = NumberFormat.integer(delta), let (finding, explanation) = explainSizeDelta(whole)
        {
            return plain(finding, base + " " + explanation)
        }
        if abs(abs(delta) - 1) < 1e-9 {
            let formula =
                context.kernelSizes.isEmpty && context.padding == nil
                ? "" : ": check the + 1 in (n + 2p − f) / s + 1"
            return plain(.offByOne, base + " It is off by one\(formula).")
        }
        if expected != 0, NumericArray.isClose(answer, -expected, rtol: rtol, atol: atol) {
            return plain(.wrongSign, base + " The sign is wrong.")
        }
        if expected != 0, answer != 0 {
            let ratio = answer / expected
            return plain(
                .wrongScale,
                base + " It is \(NumberFormat.ratio(ratio)) × the expected value\(scaleHint(ratio))")
        }
        return plain(.valuesDiffer, base + " That is not the expected value.")
    }

    // MARK: Same-shaped tensors

    func valueDiagnosis(_ answer: NumericArray, expected: NumericArray) -> Diagnosis {
        guard !answer.values.isEmpty else { return cellDiagnosis(answer, expected: expected) }
        var diagnosis = cellDiagnosis(answer, expected: expected)
        func finding(_ kind: Diagnosis.Finding, _ message: String) -> Diagnosis {
            diagnosis.finding = kind
            diagnosis.message = message
            return diagnosis
        }
        if let flipped = context.flippedKernelExpected, flipped.isClose(to: answer, rtol: rtol, atol: atol) {
            return finding(
                .kernelFlipped,
                "This is what the kernel gives rotated by 180°: convolution, not the cross-correlation conv2d computes (conv2d does not flip the kernel)."
            )
        }
        if expected.values.contains(where: { $0 != 0 }) {
            if answer.isClose(to: expected.mapped { -expected.at($0, $1, $2) }, rtol: rtol, atol: atol) {
                return finding(.wrongSign, "Every value has the opposite sign.")
            }
            if let ratio = constantRatio(answer, expected) {
                return finding(
                    .wrongScale,
                    "Every value is \(NumberFormat.ratio(ratio)) × the expected one\(scaleHint(ratio))")
            }
        }
        let (height, width) = answer.spatial
        if height * width > 1, answer.rotated180.isClose(to: expected, rtol: rtol, atol: atol) {
            return finding(
                .rotated,
                "Your result is the expected one rotated by 180°: was the kernel or the image flipped?")
        }
        if height == width, height > 1, answer.transposed.isClose(to: expected, rtol: rtol, atol: atol) {
            return finding(
                .transposed, "Your result is the expected one transposed: rows and columns are swapped.")
        }
        if let shift = shift(answer, expected) { return finding(shift.0, shift.1) }
        if let offset = constantOffset(answer, expected) {
            return finding(
                .constantOffset,
                "Every value is off by \(NumberFormat.short(offset)): a bias or constant added or left out?")
        }
        return diagnosis
    }

    /// Why a result could be off by a whole factor: averaged over n values instead of summed
    /// (1/n), or n times too large. Only for small, exact factors; others get no guess.
    private func scaleHint(_ ratio: Double) -> String {
        if let count = NumberFormat.smallWholeNumber(1 / ratio), count > 1 {
            return " — averaged over \(count) values instead of summed?"
        }
        if let count = NumberFormat.smallWholeNumber(ratio), count > 1 {
            return " — a factor of \(count) too large?"
        }
        return "."
    }

    private func constantRatio(_ answer: NumericArray, _ expected: NumericArray) -> Double? {
        guard
            let pivot = expected.values.indices.max(by: {
                abs(expected.values[$0]) < abs(expected.values[$1])
            }),
            expected.values[pivot] != 0
        else { return nil }
        let ratio = answer.values[pivot] / expected.values[pivot]
        guard ratio != 0, abs(ratio - 1) > 1e-6 else { return nil }
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
    private func shift(_ answer: NumericArray, _ expected: NumericArray) -> (Diagnosis.Finding, String)? {
        let (height, width) = answer.spatial
        let candidates: [(Int, Int, Diagnosis.Finding, String)] = [
            (1, 0, .shiftedRow, "one row down"), (-1, 0, .shiftedRow, "one row up"),
            (0, 1, .shiftedColumn, "one column right"), (0, -1, .shiftedColumn, "one column left"),
        ]
        for (dy, dx, finding, words) in candidates {
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
                return (
                    finding, "Your result is the expected one shifted \(words): an index or slice off by one?"
                )
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
            finding: .valuesDiffer,
            message: "\(count) of \(answer.values.count) values differ from the expected result.",
            cells: cells, differingCount: count, cellCount: answer.values.count,
            sideBySide: SideBySide.render(answer, expected: expected, rtol: rtol, atol: atol))
    }

    private func plain(_ finding: Diagnosis.Finding, _ message: String) -> Diagnosis {
        Diagnosis(
            finding: finding, message: message, cells: [], differingCount: 0, cellCount: 0, sideBySide: nil)
    }
}
