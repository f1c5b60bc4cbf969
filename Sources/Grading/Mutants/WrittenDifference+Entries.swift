import AnswerLanguage

/// A list of numbers written otherwise (a tensor's typed data, a shape's sizes) is told by the
/// entry that differs, never by quoting the calculation's whole list: that would give the answer
/// away, and call typed numbers "an argument". One entry typed otherwise is said with its place
/// and the two values; a shape whose sizes differ from one dimension on (`64` for `8, 8`) with
/// the dimension. A list that differs in more entries, or only stops early, is not told here —
/// the shape or the cells say that much.
extension WrittenDifference {
    /// Where a list of numbers differs, as told: the first place that differs and the entries
    /// there, each side's.
    struct EntryChange: Hashable, Sendable {
        /// The first place that differs: an entry's indices, or a shape's dimension (from 0).
        var place: [Int]
        /// The differing entries as written, yours and the calculation's (`64`, `8, 8`).
        var yours: String
        var theirs: String
        /// Whether the entries are a shape's sizes (said as dimensions).
        var sizes: Bool
    }

    /// How a list of numbers written otherwise is told.
    enum EntryReading: Equatable {
        /// Not two lists of numbers of this length: told as any argument.
        case notAList
        /// Told by the entries that differ.
        case told(EntryChange)
        /// Two lists that differ too widely, or only in length: not told as written.
        case untold
    }

    /// A list this long or longer is told by its entries (a pair `(3, 3)` reads as a setting).
    static let entryListLength = 3
    /// The most entries a shape's differing run may have on either side and still be told.
    static let sizeRun = 2
    /// Calls whose numbers are a shape's sizes.
    static let shapeCalls: Set<String> = [
        "reshape", "view", "zeros", "ones", "empty", "rand", "randn", "full", "expand", "broadcast_to",
        "new_zeros", "new_ones", "new_empty", "unflatten",
    ]

    /// Calls whose list is typed data.
    static let dataCalls: Set<String> = [
        "tensor", "as_tensor", "Tensor", "FloatTensor", "LongTensor", "array",
    ]

    /// The reading of `argument` entry by entry.
    static func entryReading(_ argument: Argument) -> EntryReading {
        guard !argument.isCallee, argument.swappedWith == nil, argument.comparison == nil,
            let yours = argument.yourValue.flatMap(listEntries),
            let theirs = argument.theirValue.flatMap(listEntries),
            max(yours.count, theirs.count) >= entryListLength
        else { return .notAList }
        // Only typed data and a shape's sizes: a setting's tuple (`dim=(0, 2, 3)`, a pad's
        // amounts) is quoted whole, as any setting.
        let callee = argument.callee.split(separator: ".").last.map(String.init) ?? argument.callee
        let sizes =
            (shapeCalls.contains(callee) || ["size", "shape"].contains(argument.parameter ?? ""))
            && (yours + theirs).allSatisfy { $0.place.count == 1 }
        guard sizes || dataCalls.contains(callee) else { return .notAList }
        if yours.map(\.place) == theirs.map(\.place) {
            let differing = yours.indices.filter { !same(yours[$0].entry, theirs[$0].entry) }
            guard differing.count == 1, let index = differing.first else {
                return sizes ? .notAList : .untold
            }
            return .told(
                EntryChange(
                    place: yours[index].place, yours: yours[index].entry, theirs: theirs[index].entry,
                    sizes: sizes))
        }
        // A shape whose sizes differ in one run (`1, 1, 64` for `1, 1, 8, 8`): that run, from the
        // dimension where it starts, the rest alike on both sides. Sizes that differ otherwise are
        // quoted as any setting (`G, -1` for `2, G, -1`); typed data never is.
        guard sizes else { return .untold }
        let (mineAll, theirAll) = (yours.map(\.entry), theirs.map(\.entry))
        var prefix = 0
        let shorter = min(mineAll.count, theirAll.count)
        while prefix < shorter, same(mineAll[prefix], theirAll[prefix]) { prefix += 1 }
        var suffix = 0
        while suffix < shorter - prefix,
            same(mineAll[mineAll.count - 1 - suffix], theirAll[theirAll.count - 1 - suffix])
        {
            suffix += 1
        }
        let mine = Array(mineAll[prefix..<(mineAll.count - suffix)])
        let their = Array(theirAll[prefix..<(theirAll.count - suffix)])
        guard !mine.isEmpty, !their.isEmpty, mine.count <= sizeRun, their.count <= sizeRun,
            prefix + suffix >= 1
        else { return .notAList }
        return .told(
            EntryChange(
                place: [prefix], yours: mine.joined(separator: ", "), theirs: their.joined(separator: ", "),
                sizes: true))
    }

    /// Whether two entries are the same number (`1.` and `1.0`).
    private static func same(_ a: String, _ b: String) -> Bool {
        if let x = Double(a), let y = Double(b) { return x == y }
        return a == b
    }

    /// The entries of a list as written, nested lists read in order (`[0.2, 0.58]`, `(1, 1, 64)`,
    /// `1, 1, 8 * 8`, `[[1., 0.], [0., 1.]]`), each with its place; nil for anything but a list.
    /// (Only an argument whose value is numbers is told as written at all: `isSetting`.)
    static func listEntries(_ text: String) -> [(place: [Int], entry: String)]? {
        guard let node = try? Parser.parseExpression(text) else { return nil }
        let source = SourceText(text)
        var entries: [(place: [Int], entry: String)] = []
        func visit(_ node: ExpressionSyntax, _ place: [Int]) -> Bool {
            switch node.kind {
            case .list(let items), .tuple(let items):
                return items.enumerated().allSatisfy { visit($0.element, place + [$0.offset]) }
            default:
                // An entry: a number, or what is worked out to one (`8 * 8`, `-1`, `H // 2`).
                guard !place.isEmpty else { return false }
                entries.append((place, source(node)))
                return true
            }
        }
        guard visit(node, []) else { return nil }
        return entries
    }
}
