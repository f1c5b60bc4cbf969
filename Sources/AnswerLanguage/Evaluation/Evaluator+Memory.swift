import CNN

/// The session's memory and time limits for what the evaluator builds itself: lists, tuples and
/// strings. Tensors are charged by the engine when they are allocated; containers are checked
/// before they are built (`requireRoom`) and counted while they are bound (`Value.containerBytes`,
/// measured when a statement that built a large one ends, and after every run), so lists add up
/// across statements and runs as tensors do, and `del` or rebinding gives their bytes back.
extension Evaluator {
    /// Charges `memory` with what the bound lists, tuples and strings hold now, replacing the
    /// previous measurement; returns the growth since then (negative when memory was given back).
    @discardableResult
    func measureContainers(_ memory: MemoryBudget) -> Int {
        let bytes = Value.containerBytes(globals.values, limit: memory.limit)
        memory.release(bytes: containerCharge)
        memory.charge(bytes: bytes)
        defer { containerCharge = bytes }
        containersGrew = false
        return bytes - containerCharge
    }

    /// After a statement that built a large container: measures, and refuses the statement
    /// when what the session now holds is more than its memory (the names stay bound; the
    /// message says to `del` what is no longer needed).
    /// Measuring only then keeps a loop over a bound list from re-walking it every iteration;
    /// growing a list an item at a time copies it (values are copied on write), so reaching the
    /// memory limit that way runs into the time limit first.
    func measureAfterStatement(at range: SourceRange?) throws(LanguageError) {
        guard containersGrew, let memory = ComputeBudget.current?.memory else { return }
        let growth = measureContainers(memory)
        let inUse = memory.bytesInUse
        if growth > 0 && inUse > memory.limit {
            throw LanguageError(
                CNNError.outOfMemory(requestedBytes: growth, inUse: inUse - growth, limit: memory.limit),
                at: range)
        }
    }

    /// Refuses, before anything is built, a container of `count` items: more items than one
    /// tensor may have elements, more bytes than the session's memory has left, or more items
    /// than the time left can build one by one.
    /// `extraBytesPerItem` counts a transient copy made while building (tolist's Doubles).
    func requireRoom(forItems count: Int, extraBytesPerItem: Int = 0, at range: SourceRange?)
        throws(LanguageError)
    {
        guard count <= options.maxElements else {
            throw LanguageError.said(
                .limit, .listOverLimit, ["count": count, "limit": options.maxElements], at: range)
        }
        containersGrew = true
        do {
            if let budget = ComputeBudget.current {
                let (bytes, overflow) = count.multipliedReportingOverflow(
                    by: Value.itemBytes + extraBytesPerItem)
                try budget.memory.requireRoom(bytes: overflow ? Int.max : bytes)
            }
            try ComputeBudget.requireTime(for: WorkEstimate(.elements, Double(count)))
        } catch {
            throw LanguageError(error, at: range)
        }
    }
}

extension Value {
    /// Bytes one item of a list or tuple takes (the enum's stride; what an item points to, a
    /// string's characters or a tensor's storage, is counted separately or not at all).
    static let itemBytes = MemoryLayout<Value>.stride

    /// Bytes held by the lists, tuples and dicts reachable from `values`, nested ones included;
    /// tensors are not counted here (their storage is charged on its own). Stops counting past
    /// `limit`, so measuring a huge structure costs no more than the budget it is measured against.
    ///
    /// A list held in several places (`[row] * 1000`, `[r, r]`, a name bound twice) is one list in
    /// Python, as here (copies share their storage until one is changed): its storage is counted
    /// once, however many times it is reached.
    static func containerBytes(_ values: some Sequence<Value>, limit: Int = .max) -> Int {
        var total = 0
        var pending: [Value] = Array(values)
        // Storages of large lists already counted. `values` keeps every storage alive while this
        // runs, so no two of them share an address.
        var counted: Set<Int> = []
        while let value = pending.popLast(), total <= limit {
            switch value {
            case .list(let items), .tuple(let items):
                if items.count >= 16, let address = storageAddress(items), !counted.insert(address).inserted {
                    continue
                }
                total += items.count * itemBytes
                // A plain loop: this runs after every statement that built a large list, and a
                // lazy filter through a key path cost ~0.2 µs an item in the debug build.
                for item in items {
                    switch item {
                    case .list, .tuple, .dict, .string: pending.append(item)
                    default: continue
                    }
                }
            case .dict(let entries):
                if entries.count >= 16, let address = storageAddress(entries),
                    !counted.insert(address).inserted
                {
                    continue
                }
                total += entries.count * MemoryLayout<DictEntry>.stride
                pending.append(contentsOf: entries.lazy.map(\.value).filter(\.isContainer))
            case .string(let text) where text.utf8.count > 15:
                total += text.utf8.count
            default:
                break
            }
        }
        return total
    }

    /// The address of an array's storage (copies of one array share it), nil for an empty one.
    static func storageAddress<T>(_ items: [T]) -> Int? {
        items.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { Int(bitPattern: $0) } }
    }

    /// Whether this value holds other values that `containerBytes` descends into.
    var isContainer: Bool {
        switch self {
        case .list, .tuple, .dict, .string: true
        default: false
        }
    }
}

extension Evaluator {
    /// Items built between two budget checks: ~1 ms of work, so a cancel or the deadline stops a
    /// list of 10⁸ items well within the 100 ms promise.
    static let itemsPerCheck = 1 << 16

    /// `count` items made by `item`, checking the budget every `itemsPerCheck` of them.
    func buildItems<T>(count: Int, at range: SourceRange?, _ item: (Int) -> T) throws(LanguageError) -> [T] {
        var items: [T] = []
        items.reserveCapacity(max(0, count))
        var index = 0
        while index < count {
            try checkpoint(at: range)
            let end = min(count, index + Self.itemsPerCheck)
            for i in index..<end { items.append(item(i)) }
            index = end
        }
        return items
    }

    /// A tensor as nested lists, PyTorch's `tolist()` (each element as `Builtins.listValue` says
    /// it), after `requireRoom` for its items and with the budget checked as they are built.
    func checkedList(_ tensor: Tensor, at range: SourceRange?) throws(LanguageError) -> Value {
        // Each element becomes a Value, read through a Double copy of the storage.
        try requireRoom(forItems: tensor.count, extraBytesPerItem: MemoryLayout<Double>.stride, at: range)
        let values = tensor.scalarsAsDoubles()
        let shape = tensor.shape
        var built = 0
        func level(_ start: Int, _ depth: Int) throws(LanguageError) -> Value {
            guard depth < shape.count else {
                return Builtins.listValue(values[start..<start + 1], shape: [], kind: tensor.kind)
            }
            let stride = shape[(depth + 1)...].reduce(1, *)
            var items: [Value] = []
            items.reserveCapacity(shape[depth])
            for i in 0..<shape[depth] {
                built += 1
                if built % Self.itemsPerCheck == 0 { try checkpoint(at: range) }
                items.append(try level(start + i * stride, depth + 1))
            }
            return .list(items)
        }
        return try level(0, 0)
    }
}
