import Synchronization

/// What `summary` records while it runs a model once: each sub-layer's dotted path, type, output
/// shape and own parameter count, in the order the layers finish (as torchsummary's hooks see it).
final class LayerTrace: Sendable {
    /// One traced call.
    struct Row: Sendable {
        var path: String
        var typeName: String
        var outputShape: [Int]
        var parameterCount: Int
        var depth: Int
    }

    private let rows = Mutex<[Row]>([])

    /// The trace being recorded by the current task or thread, if `summary` is running.
    @TaskLocal static var current: LayerTrace?
    /// The dotted path of the container whose children are being called.
    @TaskLocal static var path: String = ""

    /// The rows recorded so far.
    var recorded: [Row] { rows.withLock { $0 } }

    func append(_ row: Row) { rows.withLock { $0.append(row) } }
}

extension Layer {
    /// Calls `child` (named `name` in this container) on `input`. Containers call their children
    /// through this so that `summary` can see every sub-layer's output; outside a summary it is
    /// just `child(input)` (and its forward hooks, `ForwardHooks`).
    public func callChild(_ name: String, _ child: any Layer, _ input: Tensor) throws -> Tensor {
        guard let trace = LayerTrace.current else {
            return try ForwardHooks.run(child, input) { try child(input) }
        }
        let path = LayerTrace.path.isEmpty ? name : "\(LayerTrace.path).\(name)"
        let output = try LayerTrace.$path.withValue(path) {
            try ForwardHooks.run(child, input) { try child(input) }
        }
        trace.append(
            LayerTrace.Row(
                path: path, typeName: child.typeName, outputShape: output.shape,
                parameterCount: child.ownParameters.reduce(0) { $0 + $1.parameter.count },
                depth: path.split(separator: ".").count))
        return output
    }
}
