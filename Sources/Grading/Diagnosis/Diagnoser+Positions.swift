import AnswerLanguage
import Wording

/// Where a 2-d tensor of the setup has its largest or smallest value, when that `(row, column)` is
/// what an exercise asks (`PreparedExercise.positionSource`): a position is two indices, never a
/// shape, and its slips are slips of indexing — the coordinates swapped, counted from 1, a flat
/// index split by the wrong size, the value for its place, one index per row or column.
struct PositionSource: Sendable, Equatable {
    /// The tensor's name, as the reference writes it.
    var name: String
    /// Its values (two dimensions).
    var values: NumericArray
    /// Whether the largest value's position is asked (the smallest's otherwise).
    var largest: Bool
}

/// The catalog `diagnosis`: what a position reading says.
package enum PositionKey: String, MessageKey {
    package static let catalog = "diagnosis"

    /// The position with its coordinates exchanged (`answer`).
    case positionSwapped
    /// Each coordinate one more: counted from 1 (`answer`).
    case positionOneBased
    /// A flat index (`flat`) divided by the number of rows (`rows`) where a row holds `columns`
    /// values (`answer`, `name`).
    case positionSplitByRows
    /// The extreme value itself (`answer`, `name`; `extreme`) where its place is asked.
    case valueForPosition
    /// One index per column and per row (argmax along each dimension) where one position is asked
    /// (`name`; `extreme`).
    case positionPerAxis
    /// The other extreme's position (`answer`, `name`; `yours`, `theirs`).
    case otherExtremePosition
    /// The extremes, as a sentence says them.
    case extremeLargest, extremeSmallest
}

extension PreparedExercise {
    /// The setup tensor whose largest or smallest value sits at the expected `(row, column)`, when
    /// the reference names it and asks for a computed tuple (no shape); nil otherwise, or when
    /// two tensors or both extremes would fit.
    static func positionSource(
        expected: Value, reference: String, tensors: [(name: String, values: NumericArray)]
    ) -> PositionSource? {
        guard let position = expected.integers, position.count == 2,
            ["argmax", "argmin", "max", "min", "nonzero", "where"].contains(where: reference.contains)
        else { return nil }
        var found: [PositionSource] = []
        for (name, values) in tensors where values.rank == 2 && Self.writes(name, in: reference) {
            let width = values.shape[1]
            guard position[0] >= 0, position[1] >= 0, position[0] < values.shape[0], position[1] < width
            else {
                continue
            }
            let flat = position[0] * width + position[1]
            for largest in [true, false] {
                guard let extreme = largest ? values.values.max() : values.values.min(),
                    values.values.filter({ $0 == extreme }).count == 1, values.values[flat] == extreme
                else { continue }
                found.append(PositionSource(name: name, values: values, largest: largest))
            }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// Whether `code` writes `name` as a whole name.
    private static func writes(_ name: String, in code: String) -> Bool {
        code.range(of: "\\b\(name)\\b", options: .regularExpression) != nil
    }
}

extension Diagnoser {
    /// What a wrong answer to a position question is, read against where the extreme of
    /// `source` sits; nil when no reading fits.
    func positionReading(_ answer: Value, expected: [Int], source: PositionSource) -> Diagnosis? {
        let values = source.values
        let (rows, columns) = (values.shape[0], values.shape[1])
        let (row, column) = (expected[0], expected[1])
        let flat = row * columns + column
        let extreme = Phrase(source.largest ? PositionKey.extremeLargest : PositionKey.extremeSmallest)
        let other = Phrase(source.largest ? PositionKey.extremeSmallest : PositionKey.extremeLargest)
        let printed = ValueConversion.text(answer)
        func told(_ key: PositionKey, _ arguments: [String: any PhraseArgument]) -> Diagnosis {
            var all = arguments
            all["answer"] = printed
            all["name"] = source.name
            return plain(.positionMisread, Phrase(key, all))
        }
        if let pair = answer.integers ?? ValueConversion.numeric(answer)?.integerValues, pair.count == 2 {
            if row != column, pair == [column, row] { return told(.positionSwapped, [:]) }
            if pair == [row + 1, column + 1] { return told(.positionOneBased, [:]) }
            if rows != columns, pair == [flat / rows, flat % rows] {
                return told(.positionSplitByRows, ["flat": flat, "rows": rows, "columns": columns])
            }
            let otherIndex =
                source.largest
                ? values.values.indices.min { values.values[$0] < values.values[$1] }
                : values.values.indices.max { values.values[$0] < values.values[$1] }
            if let index = otherIndex, pair == [index / columns, index % columns],
                let extremeValue = source.largest ? values.values.min() : values.values.max(),
                values.values.filter({ $0 == extremeValue }).count == 1
            {
                return told(.otherExtremePosition, ["yours": other, "theirs": extreme])
            }
            return nil
        }
        // The extreme value itself, where its place is asked.
        if let number = ValueConversion.numeric(answer)?.scalarOrSelf, number.rank == 0,
            number.values[0] == values.values[flat]
        {
            return told(.valueForPosition, ["extreme": extreme])
        }
        // One index per column and one per row: the extreme along each dimension.
        if case .tuple(let items) = answer, items.count == 2,
            let down = ValueConversion.numeric(items[0]), let across = ValueConversion.numeric(items[1]),
            down.shape == [columns], across.shape == [rows],
            // Compared as numbers: a learner's tensor may hold anything (NaN, 1e300).
            down.values == Self.extremes(values, alongRows: true, largest: source.largest).map(Double.init),
            across.values == Self.extremes(values, alongRows: false, largest: source.largest).map(Double.init)
        {
            return told(.positionPerAxis, ["extreme": extreme])
        }
        return nil
    }

    /// The index of the extreme of each column (`alongRows`: down dimension 0) or of each row.
    private static func extremes(_ values: NumericArray, alongRows: Bool, largest: Bool) -> [Int] {
        let (rows, columns) = (values.shape[0], values.shape[1])
        let better = { (a: Double, b: Double) in largest ? a > b : a < b }
        if alongRows {
            return (0..<columns).map { column in
                (0..<rows).reduce(0) { best, row in
                    better(values.values[row * columns + column], values.values[best * columns + column])
                        ? row : best
                }
            }
        }
        return (0..<rows).map { row in
            (0..<columns).reduce(0) { best, column in
                better(values.values[row * columns + column], values.values[row * columns + best])
                    ? column : best
            }
        }
    }
}
