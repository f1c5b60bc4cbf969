import Wording

/// What the setup says about where an expected shape comes from: the tensor the reference's
/// calculation starts from (`u` in `nn.Conv2d(…)(u).shape`, `v` in `F.max_pool2d(v, 2)`), and the
/// two operands whose broadcast the reference asks for (`(zeros(8, 1, 5) + zeros(3, 1)).shape`).
/// A wrong shape is then read against them: sizes halved once too often or doubled where the
/// calculation halves them, a batch size that is not the input's, a size 1 kept where
/// broadcasting stretches it.
struct ShapeInputs: Sendable, Hashable {
    /// A tensor of the setup, by name and shape.
    struct Named: Sendable, Hashable {
        var name: String
        var shape: [Int]
    }

    /// The setup tensor the reference's calculation runs on, with the expected shape's rank; or
    /// the input shape the prompt quotes (its name empty: the sentences then say "the input").
    var input: Named?
    /// The two operands of an element-wise operation whose result's shape is the expected one,
    /// as written in the reference (name = their source text).
    var operands: [Named] = []
}

/// The per-dimension readings of a wrong shape (catalog `shape-readings`): each is told only when
/// the answer's sizes are exactly what the reading says, relative to the expected shape and, where
/// the setup gives one, to the input.
extension Diagnoser {
    /// Reads `answer` against `expected` (and the setup's input or operands), when one dimension
    /// group tells a story: the batch alone differs, the height and width are halved or doubled
    /// relative to what the calculation does, or a size 1 kept where broadcasting stretches it.
    func shapeReading(_ answer: [Int], _ expected: [Int]) -> (Diagnosis.Finding, Phrase)? {
        guard context.readsShapes, answer.count == expected.count, answer != expected else { return nil }
        if let story = broadcastReading(answer, expected) { return story }
        guard answer.count >= 3, answer.allSatisfy({ $0 >= 1 }) else { return nil }
        let input = context.shapeInputs.input.flatMap { $0.shape.count == expected.count ? $0 : nil }
        if let input, let story = everySizeHalved(answer, expected, input: input) { return story }
        if answer.count == 4, let story = batchReading(answer, expected, input: input) { return story }
        return spatialReading(answer, expected, input: input)
    }

    /// Every size of the input halved, the batch and channels too, where the calculation keeps
    /// at least one of them (`(4, 8, 14, 14)` for an [8, 16, 28, 28] input pooled to
    /// [8, 16, 14, 14]): told only where the answer is exactly that.
    private func everySizeHalved(_ answer: [Int], _ expected: [Int], input: ShapeInputs.Named) -> (
        Diagnosis.Finding, Phrase
    )? {
        let halved = input.shape.map { $0 / 2 }
        guard input.shape.allSatisfy({ $0 >= 2 && $0 % 2 == 0 }), answer == halved,
            zip(expected.prefix(answer.count - 2), input.shape).contains(where: { $0 == $1 })
        else { return nil }
        return (
            .everySizeHalved,
            Phrase(
                ShapeReadingKey.everySizeHalved,
                [
                    "input": input.shape, "expected": expected, "name": input.name,
                    "named": input.name.isEmpty ? "no" : "yes",
                ])
        )
    }

    /// Only the batch (dimension 0 of an [N, C, H, W] shape) differs.
    private func batchReading(_ answer: [Int], _ expected: [Int], input: ShapeInputs.Named?) -> (
        Diagnosis.Finding, Phrase
    )? {
        guard answer[0] != expected[0], Array(answer.dropFirst()) == Array(expected.dropFirst()) else {
            return nil
        }
        // "A layer gives one output per input image" only where a layer takes the batch in: a
        // batch cut from a data set (its last one smaller) has no layer to keep its size.
        guard context.premises.contains(.layer) else {
            return (
                .batchChanged,
                Phrase(ShapeReadingKey.batchSizeDiffers, ["answer": answer[0], "expected": expected[0]])
            )
        }
        if let input, input.shape[0] == expected[0] {
            return (
                .batchChanged,
                Phrase(
                    ShapeReadingKey.batchChangedFromInput,
                    [
                        "answer": answer[0], "expected": expected[0], "name": input.name,
                        "named": input.name.isEmpty ? "no" : "yes",
                    ])
            )
        }
        return (
            .batchChanged,
            Phrase(ShapeReadingKey.batchChanged, ["answer": answer[0], "expected": expected[0]])
        )
    }

    /// The height and width (the last two dimensions, all others as expected) halved or doubled
    /// against the input and the expected size: halved twice where the calculation halves once,
    /// halved where it keeps the size, doubled where it halves or keeps it, unchanged where it
    /// halves. With no input, only an answer exactly half the expected one is read (halved once
    /// too often): twice the expected could be a halving left out or a doubling, which only the
    /// input tells apart.
    private func spatialReading(_ answer: [Int], _ expected: [Int], input: ShapeInputs.Named?) -> (
        Diagnosis.Finding, Phrase
    )? {
        let rank = answer.count
        guard Array(answer.prefix(rank - 2)) == Array(expected.prefix(rank - 2)) else { return nil }
        let a = Array(answer.suffix(2))
        let e = Array(expected.suffix(2))
        guard a != e else { return nil }
        /// Whether each of `small` is `large` halved (rounded either way, as a stride of 2 rounds).
        func halves(_ small: [Int], _ large: [Int]) -> Bool {
            zip(small, large).allSatisfy { $1 >= 2 && ($0 == $1 / 2 || $0 == ($1 + 1) / 2) }
        }
        func said(_ finding: Diagnosis.Finding, _ key: ShapeReadingKey, input i: [Int]? = nil) -> (
            Diagnosis.Finding, Phrase
        ) {
            var arguments: [String: any PhraseArgument] = [
                "answer": MessageValue.extent(a), "expected": MessageValue.extent(e),
            ]
            if let i { arguments["input"] = MessageValue.extent(i) }
            if let name = input?.name {
                arguments["name"] = name
                arguments["named"] = name.isEmpty ? "no" : "yes"
            }
            return (finding, Phrase(key, arguments))
        }
        // "Halved once too often", "the calculation halves them": not of a calculation that
        // applies layers none of which makes maps smaller (`ReasonPremise.downsampling`): a valid
        // convolution whose output happens to be half its input halves nothing.
        // A reference typed in numbers calls nothing to read: its sizes keep their stories.
        let downsamples = context.premises.contains(.downsampling) || !context.premises.contains(.layer)
        guard let input, Array(input.shape.prefix(1)) == Array(expected.prefix(1)) else {
            // No input to read against: only an answer exactly half the expected size.
            guard downsamples, zip(a, e).allSatisfy({ $1 >= 4 && $1 == 2 * $0 }) else { return nil }
            return said(.halvedOnceMore, .halvedOnceMore)
        }
        let i = Array(input.shape.suffix(2))
        let doubled = zip(a, i).allSatisfy { $0 == 2 * $1 }
        if e == i {
            if halves(a, i) { return said(.halvedWhereKept, .halvedWhereKept, input: i) }
            if doubled { return said(.doubledWhereKept, .doubledWhereKept, input: i) }
            return nil
        }
        guard downsamples, halves(e, i) else { return nil }
        if halves(a, e) { return said(.halvedTwice, .halvedTwice, input: i) }
        if doubled { return said(.doubledWhereHalved, .doubledWhereHalved, input: i) }
        if a == i { return said(.halvingMissing, .halvingMissing, input: i) }
        return nil
    }

    /// The reference broadcasts two operands, and the answer differs from their result in one
    /// dimension only, where it has size 1: the size 1 of one operand (or a dimension it lacks,
    /// which counts as 1) kept where broadcasting stretches it to the other's size.
    private func broadcastReading(_ answer: [Int], _ expected: [Int]) -> (Diagnosis.Finding, Phrase)? {
        let operands = context.shapeInputs.operands
        guard operands.count == 2, operands.allSatisfy({ $0.shape.count <= expected.count }) else {
            return nil
        }
        let differing = answer.indices.filter { answer[$0] != expected[$0] }
        guard differing.count == 1, let index = differing.first, answer[index] == 1, expected[index] > 1
        else {
            return nil
        }
        // Each operand's size at `index`, lined up from the right; a missing dimension counts as 1.
        let sizes = operands.map { operand -> Int in
            let position = index - (expected.count - operand.shape.count)
            return position >= 0 ? operand.shape[position] : 1
        }
        guard sizes.contains(1), sizes.contains(expected[index]),
            let kept = operands.indices.first(where: { sizes[$0] == 1 })
        else { return nil }
        return (
            .sizeOneKept,
            Phrase(
                ShapeReadingKey.sizeOneKept,
                ["index": index, "expected": expected[index], "operand": operands[kept].name])
        )
    }
}

/// The catalog `shape-readings`: what a wrong shape's sizes say, read against the expected shape
/// and the input or operands the setup gives.
package enum ShapeReadingKey: String, MessageKey {
    package static let catalog = "shape-readings"

    /// Only the batch size differs (`answer`, `expected`).
    case batchChanged
    /// Only the batch size differs, where no layer takes the batch in (`answer`, `expected`).
    case batchSizeDiffers
    /// The batch size differs from the input's (`answer`, `expected`, the input's `name`).
    case batchChangedFromInput
    /// Height and width half the expected ones (`answer`, `expected` as extents).
    case halvedOnceMore
    /// Height and width halved twice from the input's (`input`, `expected`, `answer`).
    case halvedTwice
    /// Height and width halved where the calculation keeps the input's size.
    case halvedWhereKept
    /// Height and width doubled where the calculation keeps the input's size.
    case doubledWhereKept
    /// Height and width doubled where the calculation halves the input's size.
    case doubledWhereHalved
    /// Height and width the input's, where the calculation halves them.
    case halvingMissing
    /// Every size of the input (`input`, a shape; its `name`) halved, where the calculation
    /// keeps the batch or the channels (`expected`, a shape).
    case everySizeHalved
    /// A size 1 kept in dimension `index` where broadcasting stretches it to `expected`
    /// (`operand`: the operand whose size 1 it is, as written).
    case sizeOneKept
    /// Exactly one cell differs (`index`, `answer`, `expected`, the `others` that are right).
    case oneCellDiffers
    /// The expected values inside (`inner`), zeros in a ring of `padding` around them.
    case outputPadded
    /// One row left out: row `first` (`one` = yes) or one of the equal rows `first`–`last`.
    case rowMissing
    /// One row more than expected (`first`, `last`, `one` as for `rowMissing`).
    case rowExtra
    /// One column left out.
    case columnMissing
    /// One column more than expected.
    case columnExtra
    /// A tensor of `count` values holding the expected number at `index` only.
    case expectedInside
    /// The expected block inside a larger answer, at rows `firstRow`–`lastRow` and columns
    /// `firstColumn`–`lastColumn`.
    case blockInside
}
