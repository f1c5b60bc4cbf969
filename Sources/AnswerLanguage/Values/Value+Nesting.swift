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
    /// Iterative (an explicit stack), so measuring a value of any depth cannot overflow the stack;
    /// a list shared many times inside another (`[row] * 1000`) is walked once.
    func nestingDepth(upTo limit: Int = Value.maxNesting) -> Int {
        guard let top = containedValues else { return 0 }
        // Each frame: a container's items, the next one to look at, the container's own depth.
        var stack: [(items: ContainedValues, next: Int, depth: Int)] = [(top, 0, 1)]
        var deepest = 1
        // Large storages already walked, with the depth they were walked at: one seen again no
        // deeper adds nothing.
        var seen: [Int: Int] = [:]
        walking: while var frame = stack.popLast() {
            while frame.next < frame.items.count {
                let item = frame.items[frame.next]
                frame.next += 1
                guard let inner = item.containedValues else { continue }
                let depth = frame.depth + 1
                deepest = max(deepest, depth)
                if deepest > limit { return limit + 1 }
                if inner.count == 0 { continue }
                if let identity = inner.identity {
                    if let walked = seen[identity], walked >= depth { continue }
                    seen[identity] = depth
                }
                stack.append(frame)
                stack.append((inner, 0, depth))
                continue walking
            }
        }
        return deepest
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
    private enum ContainedValues {
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

        /// The address of a large list's storage (copies of one list share it; the walked value
        /// keeps every storage alive, so no two are at one address), nil for a small container,
        /// which is cheaper to walk again than to remember.
        var identity: Int? {
            guard count >= 16 else { return nil }
            switch self {
            case .items(let items):
                return items.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress.map { Int(bitPattern: $0) }
                }
            case .entries: return nil
            }
        }
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
        for item in items where item.nestingDepth(upTo: room) > room {
            throw LanguageError.said(.limit, .containerTooDeep, ["limit": Value.maxNesting], at: range)
        }
    }

    /// `requireShallow` for one item.
    func requireShallow(_ item: Value, levels: Int = 1, at range: SourceRange?) throws(LanguageError) {
        try requireShallow(CollectionOfOne(item), levels: levels, at: range)
    }
}
