import CNN

/// How deep lists, tuples and dicts nest, and the limit on it.
///
/// Printing, comparing, hashing, copying, collating, JSON and Swift's own release of a value all
/// walk it recursively, so a value nested 100,000 deep (`t = (t,)` in a loop) would overflow the
/// stack of whichever thread touched it last. The evaluator refuses, where a container is made
/// around values it was given (displays, comprehensions, `append`, item assignment, `zip`, …), one
/// that would nest past `maxNesting`; every value then stays shallow enough for every walk.
extension Value {
    /// Deepest nesting of lists, tuples and dicts a value may have (CPython's own recursion limit
    /// stops printing such a value at about 1,000 levels; no lesson nests more than four).
    public static let maxNesting = 1_000

    /// How many containers deep this value nests, counting itself: a number or a tensor is 0,
    /// `[1]` is 1, `[(1, 2)]` is 2. Stops and returns `limit + 1` as soon as it is past `limit`.
    /// Iterative (an explicit stack), so measuring a value of any depth cannot overflow the stack.
    /// A large storage is walked once: its height is remembered for the rest of the walk (a list
    /// shared many times inside another, `[row] * 1000`) and, given `heights`, for later walks
    /// (a big list wrapped again and again, `y = [x]` in a loop).
    func nestingDepth(upTo limit: Int = Value.maxNesting, heights: NestingHeights? = nil) -> Int {
        guard let top = containedValues else { return 0 }
        // Each frame: a container's items, the next one to look at, the container's own depth and
        // the deepest level found inside it so far.
        var stack: [(items: ContainedValues, next: Int, depth: Int, deepest: Int)] = [(top, 0, 1, 1)]
        // Heights of the large storages finished in this walk. The walked value keeps every
        // storage alive, so no two of them share an address.
        var walked: [Int: Int] = [:]
        while var frame = stack.popLast() {
            var descended = false
            while frame.next < frame.items.count {
                let item = frame.items[frame.next]
                frame.next += 1
                guard let inner = item.containedValues else { continue }
                let depth = frame.depth + 1
                if inner.count == 0 {
                    frame.deepest = max(frame.deepest, depth)
                    if depth > limit { return limit + 1 }
                    continue
                }
                if let address = inner.address,
                    let height = walked[address] ?? heights?.height(of: inner, at: address)
                {
                    frame.deepest = max(frame.deepest, depth + height - 1)
                    if frame.deepest > limit { return limit + 1 }
                    continue
                }
                if depth > limit { return limit + 1 }
                stack.append(frame)
                stack.append((inner, 0, depth, depth))
                descended = true
                break
            }
            if descended { continue }
            // Every item of this container measured: its height is known.
            if let address = frame.items.address {
                let height = frame.deepest - frame.depth + 1
                walked[address] = height
                heights?.record(frame.items, at: address, height: height)
            }
            guard var parent = stack.popLast() else { return frame.deepest }
            parent.deepest = max(parent.deepest, frame.deepest)
            stack.append(parent)
        }
        return 1
    }

    /// The values a list, tuple or dict holds, nil for any other value.
    private var containedValues: ContainedValues? {
        switch self {
        case .list(let items), .tuple(let items): ContainedValues.items(items)
        case .dict(let entries): ContainedValues.entries(entries)
        default: nil
        }
    }

    /// A container's items, read without copying them out of a dict's entries.
    fileprivate enum ContainedValues {
        case items([Value])
        case entries([DictEntry])

        var count: Int {
            switch self {
            case .items(let items): items.count
            case .entries(let entries): entries.count
            }
        }

        subscript(index: Int) -> Value {
            switch self {
            case .items(let items): items[index]
            case .entries(let entries): entries[index].value
            }
        }

        /// The address of a large container's storage (copies of one list share it), nil for a
        /// small container, which is cheaper to walk again than to remember.
        var address: Int? {
            guard count >= 16 else { return nil }
            switch self {
            case .items(let items): return Value.storageAddress(items)
            case .entries(let entries): return Value.storageAddress(entries)
            }
        }

        /// The storage object itself, to be held weakly by `NestingHeights` (an array is one
        /// reference to its storage object; a non-empty one's is its own, on the heap).
        var storage: AnyObject {
            switch self {
            case .items(let items): unsafeBitCast(items, to: AnyObject.self)
            case .entries(let entries): unsafeBitCast(entries, to: AnyObject.self)
            }
        }
    }
}

/// Heights of large lists, tuples and dicts measured earlier in a session (`Evaluator`'s), so
/// that wrapping a big distinct list again (`x = [[0] * 1000 for _ in range(1000)]`, then
/// `y = [x]` a thousand times) looks its height up instead of walking its million items again.
///
/// A storage is held weakly: remembering it never keeps a list (or the tensors in it) alive. An
/// entry counts only while that very storage is alive with the same number of items; a list
/// bound to a name is never changed in place (values are copied on write), so its height holds.
final class NestingHeights {
    private struct Entry {
        weak var storage: AnyObject?
        let count: Int
        let height: Int
    }

    private var entries: [Int: Entry] = [:]
    /// Entries kept before the dead ones are dropped (a few MB at most).
    private static let capacity = 1 << 16

    /// The remembered height of `items` (at `address`), nil when it was not measured.
    fileprivate func height(of items: Value.ContainedValues, at address: Int) -> Int? {
        guard let entry = entries[address], entry.count == items.count, let storage = entry.storage,
            storage === items.storage
        else { return nil }
        return entry.height
    }

    /// Remembers the height of `items`.
    fileprivate func record(_ items: Value.ContainedValues, at address: Int, height: Int) {
        if entries.count >= Self.capacity {
            entries = entries.filter { $0.value.storage != nil }
            if entries.count >= Self.capacity / 2 { entries.removeAll(keepingCapacity: true) }
        }
        entries[address] = Entry(storage: items.storage, count: items.count, height: height)
    }
}

extension Evaluator {
    /// Refuses a container made around `items` that would nest deeper than `Value.maxNesting`:
    /// each item goes `levels` containers down (1 for a display or `append`, more for an item set
    /// inside nested containers, `a[0][1] = v`). The containers already there are within the
    /// limit (every one was checked when made), so only the new items are measured.
    func requireShallow(_ items: some Sequence<Value>, levels: Int = 1, at range: SourceRange?)
        throws(LanguageError)
    {
        let room = Value.maxNesting - levels
        // Measured as one list, so that a storage shared by several items (`[r, r, r]`) is walked
        // once; one level deeper than the items themselves.
        guard Value.list(Array(items)).nestingDepth(upTo: room + 1, heights: nestingHeights) <= room + 1
        else {
            throw LanguageError.said(.limit, .containerTooDeep, ["limit": Value.maxNesting], at: range)
        }
    }

    /// `requireShallow` for one item.
    func requireShallow(_ item: Value, levels: Int = 1, at range: SourceRange?) throws(LanguageError) {
        try requireShallow(CollectionOfOne(item), levels: levels, at: range)
    }
}
