import Synchronization

/// A function run after a layer's forward pass (PyTorch `register_forward_hook`): it gets the
/// layer, its input and its output; nil keeps the output, a tensor replaces it.
public typealias ForwardHook = @Sendable (any Layer, Tensor, Tensor) throws -> Tensor?

/// The forward hooks of every layer that has some, kept beside the layers rather than in them so
/// that no layer type needs a field for them. Entries hold their layer weakly: a layer that is
/// gone (and a new one at its address) has none.
///
/// Every way a layer is called goes through `run(_:_:_:)`: containers through `callChild`, and
/// the answer language's calls of a layer or of a module written in it.
public enum ForwardHooks {
    private final class Entry: @unchecked Sendable {
        // `@unchecked`: read and written only under `table`'s lock.
        weak var layer: AnyObject?
        var hooks: [(id: Int, body: ForwardHook)] = []
        init(_ layer: AnyObject) { self.layer = layer }
    }

    private static let table = Mutex<(entries: [ObjectIdentifier: Entry], next: Int)>(([:], 0))
    /// Whether any hook was ever registered: the common case pays one atomic load per call.
    private static let anyRegistered = Atomic<Bool>(false)
    /// The layer whose hooks are being run around its call (so that the same call reached again
    /// through another path — a container calling a module written in the language — does not
    /// run them twice).
    @TaskLocal private static var running: ObjectIdentifier?

    /// Adds `hook` to `layer`; returns the handle that removes it.
    public static func register(_ layer: any Layer, _ hook: @escaping ForwardHook) -> ForwardHookHandle {
        let key = ObjectIdentifier(layer)
        let id = table.withLock { table -> Int in
            table.next += 1
            let entry = table.entries[key].flatMap { $0.layer === layer ? $0 : nil } ?? Entry(layer)
            entry.hooks.append((table.next, hook))
            table.entries[key] = entry
            return table.next
        }
        anyRegistered.store(true, ordering: .relaxed)
        return ForwardHookHandle(key: key, id: id)
    }

    static func remove(_ key: ObjectIdentifier, _ id: Int) {
        table.withLock { table in table.entries[key]?.hooks.removeAll { $0.id == id } }
    }

    /// The hooks of `layer`, in the order they were registered.
    static func hooks(of layer: any Layer) -> [ForwardHook] {
        guard anyRegistered.load(ordering: .relaxed) else { return [] }
        return table.withLock { table in
            guard let entry = table.entries[ObjectIdentifier(layer)], entry.layer === layer else { return [] }
            return entry.hooks.map(\.body)
        }
    }

    /// Whether `layer` has forward hooks that a call of it would run now.
    public static func hasHooks(_ layer: any Layer) -> Bool {
        running != ObjectIdentifier(layer) && !hooks(of: layer).isEmpty
    }

    /// `body()` (the layer's forward pass on `input`) followed by the layer's hooks, each one's
    /// result replacing the output the next one sees, as PyTorch runs them.
    public static func run(_ layer: any Layer, _ input: Tensor, _ body: () throws -> Tensor) throws -> Tensor
    {
        let key = ObjectIdentifier(layer)
        let hooks = running == key ? [] : hooks(of: layer)
        guard !hooks.isEmpty else { return try body() }
        var output = try $running.withValue(key) { try body() }
        for hook in hooks {
            if let replaced = try hook(layer, input, output) { output = replaced }
        }
        return output
    }
}

/// What `ForwardHooks.register` returns: `remove()` takes the hook away (PyTorch's
/// `RemovableHandle`).
public struct ForwardHookHandle: Sendable {
    let key: ObjectIdentifier
    let id: Int

    /// Removes the hook; later calls of the layer no longer run it.
    public func remove() { ForwardHooks.remove(key, id) }
}
