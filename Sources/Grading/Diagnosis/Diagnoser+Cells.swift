import Wording

/// Tensor stories about a few cells (catalog `shape-readings`): exactly one value differs; the
/// expected result with one row or column left out or added; the expected values inside a ring of
/// zeros (the result padded where the reference pads its input); the one expected number found at
/// a single place of a larger tensor. Each is a fact checked cell by cell, told only when it holds
/// exactly.
extension Diagnoser {
    /// How many cells a tensor needs before "only one value differs" says more than the cell list.
    static let oneCellMinimum = 4

    /// Same-shaped tensors: the output padded instead of the input, or one cell alone wrong.
    func cellStory(_ answer: NumericArray, _ expected: NumericArray) -> (
        Diagnosis.Finding, Phrase, [String: Double]
    )? {
        if let padded = paddedOutput(answer, expected) { return padded }
        guard answer.values.count >= Self.oneCellMinimum else { return nil }
        let differing = answer.values.indices.filter {
            !NumericArray.isClose(answer.values[$0], expected.values[$0], rtol: rtol, atol: atol)
        }
        guard differing.count == 1, let flat = differing.first else { return nil }
        let index = answer.index(of: flat)
        return (
            .oneCellDiffers,
            Phrase(
                ShapeReadingKey.oneCellDiffers,
                [
                    "index": index, "answer": answer.values[flat], "expected": expected.values[flat],
                    "others": answer.values.count - 1,
                ]),
            ["answer": answer.values[flat], "expected": expected.values[flat]]
        )
    }

    /// The answer's ring of `p` cells around each plane is 0 where the expected one is not, and
    /// inside it the two agree: zeros put around the result, where the reference pads its input
    /// (`padding=p`) so that the border positions see part of the image.
    private func paddedOutput(_ answer: NumericArray, _ expected: NumericArray) -> (
        Diagnosis.Finding, Phrase, [String: Double]
    )? {
        guard let p = context.padding, p > 0, answer.rank >= 2 else { return nil }
        let (height, width) = answer.spatial
        guard height > 2 * p, width > 2 * p else { return nil }
        var ringDiffers = false
        for plane in 0..<answer.planes {
            for row in 0..<height {
                for column in 0..<width {
                    let a = answer.at(plane, row, column)
                    let e = expected.at(plane, row, column)
                    let inner = row >= p && row < height - p && column >= p && column < width - p
                    if inner {
                        guard NumericArray.isClose(a, e, rtol: rtol, atol: atol) else { return nil }
                    } else {
                        guard a == 0 else { return nil }
                        if !NumericArray.isClose(e, 0, rtol: rtol, atol: atol) { ringDiffers = true }
                    }
                }
            }
        }
        guard ringDiffers else { return nil }
        let inner = [height - 2 * p, width - 2 * p]
        return (
            .outputPadded,
            Phrase(ShapeReadingKey.outputPadded, ["inner": MessageValue.extent(inner), "padding": p]),
            ["padding": Double(p)]
        )
    }

    /// A wrong shape that is the expected tensor with one row or one column left out or added
    /// (the last two dimensions; all others alike): which one, or which run of equal ones.
    func rowColumnStory(_ answer: NumericArray, _ expected: NumericArray) -> (Diagnosis.Finding, Phrase)? {
        guard answer.rank >= 2, answer.rank == expected.rank,
            Array(answer.shape.dropLast(2)) == Array(expected.shape.dropLast(2))
        else { return nil }
        let (ah, aw) = answer.spatial
        let (eh, ew) = expected.spatial
        let rows = aw == ew && abs(ah - eh) == 1
        let columns = ah == eh && abs(aw - ew) == 1
        guard rows || columns else { return nil }
        let extra = rows ? ah > eh : aw > ew
        let (larger, smaller) = extra ? (answer, expected) : (expected, answer)
        let (sh, sw) = smaller.spatial
        guard sh >= 2, sw >= 2 else { return nil }
        // The positions whose removal from the larger tensor gives the smaller one.
        let count = rows ? larger.spatial.height : larger.spatial.width
        let positions = (0..<count).filter { removed in
            for plane in 0..<smaller.planes {
                for row in 0..<sh {
                    for column in 0..<sw {
                        let r = rows && row >= removed ? row + 1 : row
                        let c = columns && column >= removed ? column + 1 : column
                        if !NumericArray.isClose(
                            smaller.at(plane, row, column), larger.at(plane, r, c), rtol: rtol, atol: atol)
                        {
                            return false
                        }
                    }
                }
            }
            return true
        }
        guard let first = positions.first, let last = positions.last else { return nil }
        let finding: Diagnosis.Finding
        let key: ShapeReadingKey
        switch (rows, extra) {
        case (true, false): (finding, key) = (.rowMissing, .rowMissing)
        case (true, true): (finding, key) = (.rowExtra, .rowExtra)
        case (false, false): (finding, key) = (.columnMissing, .columnMissing)
        case (false, true): (finding, key) = (.columnExtra, .columnExtra)
        }
        return (finding, Phrase(key, ["first": first, "last": last, "one": first == last ? "yes" : "no"]))
    }

    /// One number is asked and the answer is a tensor that holds it at exactly one place: the
    /// whole result computed where one of its positions is asked. Not told for 0 and ±1, which a
    /// tensor holds by chance as often as not.
    func expectedInside(_ answer: NumericArray, _ expected: NumericArray) -> (Diagnosis.Finding, Phrase)? {
        guard expected.values.count == 1, answer.values.count >= 2, answer.rank >= 1 else { return nil }
        let wanted = expected.values[0]
        guard ![0, 1, -1].contains(where: { NumericArray.isClose(wanted, $0, rtol: rtol, atol: atol) })
        else { return nil }
        let places = answer.values.indices.filter {
            NumericArray.isClose(answer.values[$0], wanted, rtol: rtol, atol: atol)
        }
        guard places.count == 1, let flat = places.first else { return nil }
        return (
            .expectedInside,
            Phrase(
                ShapeReadingKey.expectedInside,
                ["count": answer.values.count, "index": answer.index(of: flat)])
        )
    }

    /// The expected tensor is a block of a larger answer at exactly one place (every plane alike):
    /// the right values with more around them, which rows and columns they are. Nil when the block
    /// is found nowhere or at several places (a constant block says nothing).
    func blockInside(_ answer: NumericArray, _ expected: NumericArray) -> (Diagnosis.Finding, Phrase)? {
        guard answer.rank >= 2, answer.rank == expected.rank, expected.values.count >= 2,
            Array(answer.shape.dropLast(2)) == Array(expected.shape.dropLast(2))
        else { return nil }
        let (rows, columns) = answer.spatial
        let (height, width) = expected.spatial
        guard rows >= height, columns >= width, rows * columns > height * width else { return nil }
        var found: [(Int, Int)] = []
        for top in 0...(rows - height) {
            for left in 0...(columns - width) {
                var matches = true
                for plane in 0..<expected.planes where matches {
                    for row in 0..<height where matches {
                        for column in 0..<width
                        where !NumericArray.isClose(
                            expected.at(plane, row, column), answer.at(plane, top + row, left + column),
                            rtol: rtol, atol: atol)
                        {
                            matches = false
                            break
                        }
                    }
                }
                if matches {
                    found.append((top, left))
                    if found.count > 1 { return nil }
                }
            }
        }
        guard let (top, left) = found.first else { return nil }
        return (
            .expectedInside,
            Phrase(
                ShapeReadingKey.blockInside,
                [
                    "firstRow": top, "lastRow": top + height - 1, "firstColumn": left,
                    "lastColumn": left + width - 1,
                ])
        )
    }
}
