import CNN

/// How a `DataLoader` makes its batches each time it is walked: PyTorch draws a new order per
/// epoch when `shuffle=True`, so the batches are made when a loop starts, not when it is created.
struct LoaderPlan: Sendable {
    /// The data set's items, in order (tuples of rows for a `TensorDataset`).
    var items: [Value]
    var batchSize: Int
    var shuffle: Bool
    var dropLast: Bool

    /// `len(loader)`: the number of batches, as PyTorch counts them.
    var batchCount: Int { dropLast ? items.count / batchSize : (items.count + batchSize - 1) / batchSize }
}

/// `torch.utils.data`'s `DataLoader`, `random_split`, `Subset` and `torch.Generator`.
extension Builtins {
    static let dataLoader = Builtin(
        "DataLoader(dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0, "
            + "collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None, "
            + "multiprocessing_context=None, generator=None, prefetch_factor=None, persistent_workers=False)",
        "the data set in batches of batch_size (the last one smaller unless drop_last), "
            + "in a new random order each epoch when shuffle=True"
    ) { call in
        for name in ["sampler", "batch_sampler", "collate_fn", "worker_init_fn"] where !call.isNone(name) {
            throw LanguageError.said(
                .unsupported, .dataLoaderOption, ["name": name], at: call.range(of: name))
        }
        let dataset = try call.value("dataset")
        let items = try call.evaluator.iterate(dataset, at: call.range(of: "dataset"))
        let size = try call.int("batch_size")
        guard size >= 1 else { throw CNNError.argument(.batchSizeMustBeAt, ["batchSize": size]) }
        let plan = LoaderPlan(
            items: items, batchSize: size, shuffle: call.isNone("shuffle") ? false : try call.bool("shuffle"),
            dropLast: try call.bool("drop_last"))
        // The first batch is collated now, so that a data set that cannot be batched is refused
        // where the loader is made.
        if !items.isEmpty {
            _ = try collate(Array(items.prefix(size))) { call.mismatch("dataset", .tensor) }
        }
        return .namespace(.dataLoader(plan, dataset: dataset))
    }

    static let randomSplit = Builtin(
        "random_split(dataset, lengths, generator=None)",
        "the data set cut into Subsets of the given lengths (or fractions), in a random order"
    ) { call in
        let dataset = try call.value("dataset")
        let items = try call.evaluator.iterate(dataset, at: call.range(of: "dataset"))
        let lengths = try splitLengths(call, count: items.count)
        let order = try shuffledOrder(items.count, call)
        var start = 0
        return .list(
            lengths.map { length in
                let indices = Array(order[start..<start + length])
                start += length
                return .namespace(
                    .subset(dataset: dataset, indices: indices, items: indices.map { items[$0] }))
            })
    }

    static let subsetConstructor = Builtin(
        "Subset(dataset, indices)", "the items of dataset at indices, in that order"
    ) { call in
        let dataset = try call.value("dataset")
        let items = try call.evaluator.iterate(dataset, at: call.range(of: "dataset"))
        let indices = try call.intList("indices")
        let picked = try indices.map { index in
            let position = index < 0 ? index + items.count : index
            guard items.indices.contains(position) else {
                throw LanguageError.said(
                    .value, .subsetIndex, ["index": index, "count": items.count],
                    at: call.range(of: "indices"))
            }
            return items[position]
        }
        return .namespace(.subset(dataset: dataset, indices: indices, items: picked))
    }

    /// `torch.Generator()`: accepted where PyTorch takes one (`random_split(…, generator=…)`);
    /// numbers here always come from the interpreter's seeded generator.
    static let generatorConstructor = Builtin(
        "Generator(device='cpu')",
        "a random number generator object (numbers here come from torch.manual_seed)"
    ) { _ in
        .namespace(generatorObject())
    }

    /// A `torch.Generator` object; `manual_seed(s)` returns one again, as PyTorch returns itself.
    static func generatorObject() -> Namespace {
        Namespace(
            name: "Generator",
            members: members([
                Builtin(
                    "manual_seed(seed)", "returns the generator (numbers here come from torch.manual_seed)"
                ) {
                    call in
                    _ = try call.int("seed")
                    return .namespace(generatorObject())
                }
            ]),
            typeName: "Generator", text: "<torch._C.Generator object>")
    }

    /// `random_split`'s lengths: counts that add up to the data set's length, or fractions
    /// adding up to 1 (each floored, the remainder handed out one by one from the first, as
    /// PyTorch does).
    private static func splitLengths(_ call: Call, count: Int) throws -> [Int] {
        let given = try call.evaluator.iterate(try call.value("lengths"), at: call.range(of: "lengths"))
        let numbers = try given.map { value in
            guard let number = value.number, value.isNumber else {
                throw call.mismatch("lengths", .intOrInts)
            }
            return number
        }
        let total = numbers.reduce(0, +)
        var lengths: [Int]
        if given.contains(where: { if case .float = $0 { true } else { false } }), abs(total - 1) <= 1e-9,
            total <= 1
        {
            lengths = try numbers.enumerated().map { index, fraction in
                guard (0...1).contains(fraction) else {
                    throw LanguageError.said(
                        .value, .randomSplitFraction, ["index": index], at: call.range(of: "lengths"))
                }
                return Int((Double(count) * fraction).rounded(.down))
            }
            let remainder = count - lengths.reduce(0, +)
            for i in 0..<Swift.max(remainder, 0) { lengths[i % lengths.count] += 1 }
        } else {
            lengths = try numbers.map { number in
                guard number == number.rounded(), abs(number) < 1e15 else {
                    throw call.mismatch("lengths", .intOrInts)
                }
                return Int(number)
            }
        }
        if let negative = lengths.first(where: { $0 < 0 }) {
            throw LanguageError.said(
                .value, .randomSplitNegative, ["length": negative], at: call.range(of: "lengths"))
        }
        guard lengths.reduce(0, +) == count else {
            throw LanguageError.said(.value, .randomSplitSum, at: call.range(of: "lengths"))
        }
        return lengths
    }

    /// PyTorch's default collation: tensors stacked, tuples collated field by field, numbers
    /// made a tensor; `failure` is the refusal for items that cannot be batched.
    static func collate(_ items: [Value], _ failure: () -> LanguageError) throws -> Value {
        switch items.first {
        case .tensor?:
            let tensors = try items.map { item in
                guard case .tensor(let tensor) = item else { throw failure() }
                return tensor
            }
            return .tensor(try Tensor.stack(tensors))
        case .tuple(let first)?, .list(let first)?:
            let fields = try (0..<first.count).map { field in
                try collate(
                    try items.map { item in
                        guard case .tuple(let parts) = item, parts.count == first.count else {
                            throw failure()
                        }
                        return parts[field]
                    }, failure)
            }
            return .list(fields)
        case .int?, .float?, .bool?:
            guard let nested = Call.nested(.list(items)) else { throw failure() }
            return .tensor(try Tensor(nested: nested))
        default:
            throw failure()
        }
    }
}

extension Evaluator {
    /// One epoch of a `DataLoader`: its batches in order, or in a newly drawn order when it
    /// shuffles (PyTorch's `RandomSampler` draws a permutation each time the loader is iterated).
    func loaderBatches(_ plan: LoaderPlan, at range: SourceRange) throws(LanguageError) -> [Value] {
        var items = plan.items
        if plan.shuffle {
            for i in stride(from: items.count - 1, to: 0, by: -1) {
                if i % 4096 == 0 { try engine(at: range) { try ComputeBudget.checkpoint() } }
                items.swapAt(i, Int.random(in: 0...i, using: &generator))
            }
        }
        var batches: [Value] = []
        batches.reserveCapacity(plan.batchCount)
        // Stopped part way (the time limit), the batches made so far are freed off this thread.
        var finished = false
        defer { if !finished { LateRelease.release(&batches) } }
        var start = 0
        while start < items.count {
            // A batch of one row of a million-row data set is a million tensors: the time limit
            // and a cancel hold between them.
            try engine(at: range) { try ComputeBudget.checkpoint() }
            let part = Array(items[start..<Swift.min(start + plan.batchSize, items.count)])
            start += plan.batchSize
            if part.count < plan.batchSize, plan.dropLast { break }
            let batch = try engine(at: range) { () throws -> Value in
                try Builtins.collate(part) {
                    LanguageError(
                        .type,
                        .argumentType(
                            function: "DataLoader", name: "dataset", expected: .tensor,
                            actual: part.first?.typeName ?? "NoneType"), at: range)
                }
            }
            batches.append(batch)
        }
        finished = true
        return batches
    }
}
