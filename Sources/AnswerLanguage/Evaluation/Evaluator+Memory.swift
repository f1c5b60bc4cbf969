import CNN

/// The session's memory and time limits for what the evaluator builds itself: lists, tuples and
/// strings. Tensors are charged by the engine when they are allocated; containers are checked
/// before they are built (`requireRoom`) and counted while they are bound (`Value.containerBytes`,
/// measured by the interpreter after every run).
extension Evaluator {
    /// Refuses, before anything is built, a container of `count` items: more items than one
    /// tensor may have elements, more bytes than the session's memory has left, or more items
    /// than the time left can build one by one.
    func requireRoom(forItems count: Int, at range: SourceRange?) throws(LanguageError) {
        guard count <= options.maxElements else {
            throw .limit(
                "a list of \(count) items is more than the limit of \(options.maxElements) items", at: range)
        }
        do {
            if let budget = ComputeBudget.current {
                let (bytes, overflow) = count.multipliedReportingOverflow(by: Value.itemBytes)
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
    static func containerBytes(_ values: some Sequence<Value>, limit: Int = .max) -> Int {
        var total = 0
        var pending: [Value] = Array(values)
        while let value = pending.popLast(), total <= limit {
            switch value {
            case .list(let items), .tuple(let items):
                total += items.count * itemBytes
                pending.append(contentsOf: items.lazy.filter(\.isContainer))
            case .dict(let entries):
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

    /// Whether this value holds other values that `containerBytes` descends into.
    var isContainer: Bool {
        switch self {
        case .list, .tuple, .dict, .string: true
        default: false
        }
    }
}
