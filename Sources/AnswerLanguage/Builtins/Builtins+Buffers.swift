import CNN

/// `model.named_buffers()` and `model.buffers()`: the state a model keeps that is not learnt
/// (a batch norm's running statistics), in `state_dict()`'s order.
extension Builtins {
    static let moduleBufferMethods: [Builtin] = [
        Builtin("named_buffers(module)", "(dotted name, tensor) pairs of the buffers (running statistics)") {
            call in
            .list(buffers(try call.module("module")).map { .tuple([.string($0.key), $0.value]) })
        },
        Builtin("buffers(module)", "the buffers (running statistics), in order") { call in
            .list(buffers(try call.module("module")).map(\.value))
        },
    ]

    /// The state dict's entries that are not parameters.
    private static func buffers(_ layer: any Layer) -> [Value.DictEntry] {
        let parameters = Set(
            layer.namedLayers.flatMap { path, layer in
                layer.ownParameters.map { path.isEmpty ? $0.name : "\(path).\($0.name)" }
            })
        return stateDictEntries(layer).filter { !parameters.contains($0.key) }
    }
}
