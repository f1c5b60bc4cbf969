import Wording

/// Tensor stories about *where* the values come from: the expected result turned upside down or
/// mirrored (one axis reversed, not both), and a patch taken from another place of a tensor the
/// setup binds (`img[3:, 3:]` where the top-left corner is asked). Both are facts about the
/// answer's values, checked cell by cell, so they are told only when they hold exactly.
extension Diagnoser {
    /// The answer with one spatial axis reversed equals the expected value: rows in reverse order
    /// (upside down) or columns (mirrored left to right). Nil when the plane is symmetric on that
    /// axis (nothing to tell apart) or neither holds.
    func flippedAxis(_ answer: NumericArray, _ expected: NumericArray) -> (Diagnosis.Finding, Phrase)? {
        let (height, width) = answer.spatial
        let rows = answer.mapped { answer.at($0, height - 1 - $1, $2) }
        if height > 1, rows != answer, rows.isClose(to: expected, rtol: rtol, atol: atol) {
            return (.flippedRows, text.flippedRows)
        }
        let columns = answer.mapped { answer.at($0, $1, width - 1 - $2) }
        if width > 1, columns != answer, columns.isClose(to: expected, rtol: rtol, atol: atol) {
            return (.flippedColumns, text.flippedColumns)
        }
        return nil
    }

    /// The answer is a patch of a setup tensor at one place, and the expected value the same
    /// tensor's patch at another: the learner took the right tensor at the wrong rows or columns.
    /// Said with the answer's rows and columns (counted from 0, ends included as a person reads
    /// them); nil unless both patches are found, each at exactly one place of one tensor.
    func otherWindow(_ answer: NumericArray, _ expected: NumericArray) -> (
        Diagnosis.Finding, Phrase, [String: Double]
    )? {
        let (height, width) = answer.spatial
        guard answer.planes == 1, height * width >= 2 else { return nil }
        var found: [(name: String, mine: (Int, Int, Int), theirs: (Int, Int, Int))] = []
        for source in context.tensors {
            let mine = Self.places(of: answer, in: source.values, rtol: rtol, atol: atol)
            let theirs = Self.places(of: expected, in: source.values, rtol: rtol, atol: atol)
            guard !mine.isEmpty || !theirs.isEmpty else { continue }
            guard mine.count == 1, theirs.count == 1, mine[0] != theirs[0] else { return nil }
            found.append((source.name, mine[0], theirs[0]))
        }
        guard found.count == 1, let place = found.first else { return nil }
        let (_, row, column) = place.mine
        let numbers: [String: Double] = [
            "row": Double(row), "column": Double(column), "lastRow": Double(row + height - 1),
            "lastColumn": Double(column + width - 1),
        ]
        return (
            .otherWindow,
            text.otherWindow(
                place.name, rows: row...(row + height - 1), columns: column...(column + width - 1)),
            numbers
        )
    }

    /// Where `patch` (one plane) lies in `tensor`'s planes: (plane, row, column) of each place
    /// every cell matches, at most two (more says nothing: a constant patch).
    private static func places(of patch: NumericArray, in tensor: NumericArray, rtol: Double, atol: Double)
        -> [(Int, Int, Int)]
    {
        let (height, width) = patch.spatial
        let (rows, columns) = tensor.spatial
        guard patch.planes == 1, height <= rows, width <= columns, tensor.rank >= 2 else { return [] }
        var result: [(Int, Int, Int)] = []
        for plane in 0..<tensor.planes {
            for top in 0...(rows - height) {
                for left in 0...(columns - width) {
                    var matches = true
                    for row in 0..<height where matches {
                        for column in 0..<width
                        where !NumericArray.isClose(
                            patch.at(0, row, column), tensor.at(plane, top + row, left + column), rtol: rtol,
                            atol: atol)
                        {
                            matches = false
                            break
                        }
                    }
                    if matches {
                        result.append((plane, top, left))
                        if result.count > 1 { return result }
                    }
                }
            }
        }
        return result
    }
}

extension GradingText {
    var flippedRows: Phrase { say(.flippedRows) }

    var flippedColumns: Phrase { say(.flippedColumns) }

    /// The answer's values are `name`'s at `rows` and `columns` (ends included).
    func otherWindow(_ name: String, rows: ClosedRange<Int>, columns: ClosedRange<Int>) -> Phrase {
        say(
            .otherWindow,
            [
                "name": name, "firstRow": rows.lowerBound, "lastRow": rows.upperBound,
                "firstColumn": columns.lowerBound, "lastColumn": columns.upperBound,
            ])
    }
}

extension Diagnoser {
    /// One whole number given where a shape is asked (`14` for `(8, 16, 14, 14)`).
    func numberForShape(_ number: Int) -> Diagnosis {
        plain(
            .numberForShape,
            text.numberIs(NumberFormat.short(Double(number))) + text.shapeStory(.numberForShape),
            numbers: ["answer": Double(number)])
    }

    /// A shape given where one number is asked, though it holds one size (`x.flatten().shape`,
    /// `torch.Size([24])`, for a count of 24): PyTorch does not take it for the number.
    func sizeObjectForNumber(_ sizes: [Int]) -> Diagnosis {
        plain(
            .shapeForNumber,
            text.shapeStory(.sizeObjectForNumber, ["answer": sizes]),
            numbers: sizes.count == 1 ? ["answer": Double(sizes[0])] : [:])
    }
}
