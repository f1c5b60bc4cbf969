import CNN

/// `model.named_buffers()` and `model.buffers()`: the state a model keeps that is not learnt
/// (a batch norm's running statistics), in `state_dict()`'s order.
extension Builtins {
    static let moduleBufferMethods: [Builtin] = [
        Builtin(
            "register_buffer(module, name, tensor, persistent=True)",
            "keep tensor as module.name: in state_dict() (when persistent), not a parameter"
        ) { call in
            let module = try writtenModule(call)
            let name = try call.string("name")
            guard case .tensor(let tensor) = try call.value("tensor") else {
                throw call.mismatch("tensor", .tensor)
            }
            try module.registerBuffer(name, tensor, persistent: try call.bool("persistent"))
            return .none
        },
        Builtin(
            "add_module(module, name, module_to_add)", "add a layer as module.name, like self.name = layer"
        ) {
            call in
            let layer = try call.module("module_to_add")
            // nn.Sequential() filled by add_module, as PyTorch tutorials build one.
            if let sequential = try call.module("module") as? Sequential {
                try sequential.add(layer, named: try call.string("name"))
                return .none
            }
            let module = try writtenModule(call)
            try module.setAttribute(try call.string("name"), .module(layer), writeBack: false)
            return .none
        },
        Builtin("append(module, module_to_add)", "add a layer at the end of an nn.Sequential; returns it") {
            call in
            let layer = try call.module("module")
            guard let sequential = layer as? Sequential else {
                throw LanguageError.said(
                    .unsupported, .addToBuiltinLayer, ["method": call.function, "type": layer.typeName],
                    at: call.range)
            }
            try sequential.add(try call.module("module_to_add"))
            return .module(sequential)
        },
        Builtin("named_buffers(module)", "(dotted name, tensor) pairs of the buffers (running statistics)") {
            call in
            .list(buffers(try call.module("module")).map { .tuple([.string($0.key), $0.value]) })
        },
        Builtin("buffers(module)", "the buffers (running statistics), in order") { call in
            .list(buffers(try call.module("module")).map(\.value))
        },
    ]

    /// The module written in the language the method is called on; PyTorch's built-in layers
    /// cannot gain buffers or layers here.
    private static func writtenModule(_ call: Call) throws -> UserModule {
        let layer = try call.module("module")
        guard let module = layer as? UserModule else {
            throw LanguageError.said(
                .unsupported, .addToBuiltinLayer, ["method": call.function, "type": layer.typeName],
                at: call.range)
        }
        return module
    }

    /// The state dict's entries that are not parameters.
    private static func buffers(_ layer: any Layer) -> [Value.DictEntry] {
        let parameters = Set(
            layer.namedLayers.flatMap { path, layer in
                layer.ownParameters.map { path.isEmpty ? $0.name : "\(path).\($0.name)" }
            })
        return stateDictEntries(layer).filter { !parameters.contains($0.key) }
    }
}
