import CNN

/// The builtins Python's statements lean on: iteration helpers for `for` loops and
/// comprehensions (`enumerate`, `zip`, `sorted`, …), `isinstance`/`getattr`/`setattr` for
/// classes, `nn.Module`/`nn.Parameter` to write layers as classes, and `torch.no_grad()` for
/// `with`.
extension Builtins {
    static let iteration: [Builtin] = [
        Builtin("enumerate(iterable, start=0)", "(index, item) pairs, as a list") { call in
            var index = try call.int("start")
            var pairs: [Value] = []
            let items = try call.evaluator.iterate(try call.value("iterable"), at: call.range)
            // Each item goes two levels down: into its pair, and the pair into the list.
            try call.evaluator.requireShallow(items, levels: 2, at: call.range)
            for item in items {
                pairs.append(.tuple([.int(index), item]))
                index += 1
            }
            return .list(pairs)
        },
        Builtin(
            "zip(*iterables)", "tuples of the items at the same position, as a list (as long as the shortest)"
        ) {
            call in
            var columns: [[Value]] = []
            for (index, value) in call.rest.enumerated() {
                columns.append(try call.evaluator.iterate(value, at: call.restRanges[index]))
            }
            let count = columns.map(\.count).min() ?? 0
            for column in columns {
                try call.evaluator.requireShallow(column.prefix(count), levels: 2, at: call.range)
            }
            return .list((0..<count).map { row in .tuple(columns.map { $0[row] }) })
        },
        Builtin("sorted(iterable, key=None, reverse=False)", "the items in increasing order, as a list") {
            call in
            let items = try call.evaluator.iterate(try call.value("iterable"), at: call.range)
            let key = try call.value("key")
            return .list(
                try call.evaluator.sorted(
                    items, key: key == .none ? nil : key, reverse: try call.bool("reverse"), at: call.range))
        },
        Builtin("reversed(sequence)", "the items in reverse order, as a list") { call in
            .list(try call.evaluator.iterate(try call.value("sequence"), at: call.range).reversed())
        },
        Builtin("any(iterable)", "True if any item is true") { call in
            for item in try call.evaluator.iterate(try call.value("iterable"), at: call.range)
            where try call.evaluator.truth(item, at: call.range) {
                return .bool(true)
            }
            return .bool(false)
        },
        Builtin("all(iterable)", "True if every item is true") { call in
            for item in try call.evaluator.iterate(try call.value("iterable"), at: call.range)
            where !(try call.evaluator.truth(item, at: call.range)) {
                return .bool(false)
            }
            return .bool(true)
        },
        Builtin("dict(*pairs)", "a dict from (key, value) pairs, or from keyword arguments") { call in
            // A key given twice keeps its first place and takes the later value, as in Python.
            var entries = Value.DictBuilder()
            for value in call.rest {
                let items: [Value]
                if case .dict(let more) = value.asDict {
                    for entry in more { entries.set(entry.key, entry.value) }
                    continue
                }
                items = try call.evaluator.iterate(value, at: call.range)
                for item in items {
                    guard case .tuple(let pair) = item, pair.count == 2 else {
                        throw LanguageError.said(.type, .dictTakesPairs, at: call.range)
                    }
                    entries.set(try call.evaluator.dictKey(pair[0], at: call.range), pair[1])
                }
            }
            try call.evaluator.requireShallow(entries.entries.lazy.map(\.value), at: call.range)
            return .dict(entries.entries)
        },
        Builtin("isinstance(obj, classinfo)", "whether obj is of the type (or one of the types) given") {
            call in
            .bool(try isInstance(try call.value("obj"), try call.value("classinfo"), call))
        },
        Builtin("hasattr(obj, name)", "whether obj has the attribute") { call in
            let name = try call.string("name")
            return .bool(
                (try? call.evaluator.attribute(of: try call.value("obj"), name, at: call.range)) != nil)
        },
        Builtin("getattr(obj, name, default=None)", "the attribute, or default when there is none") { call in
            let name = try call.string("name")
            do {
                return try call.evaluator.attribute(of: try call.value("obj"), name, at: call.range)
            } catch {
                return try call.value("default")
            }
        },
        Builtin("setattr(obj, name, value)", "set an attribute of a module: setattr(self, 'conv1', layer)") {
            call in
            let object = try call.value("obj")
            guard case .module = object else {
                throw LanguageError.said(
                    .type, .setattrOnModules, ["type": object.typeName], at: call.range(of: "obj"))
            }
            _ = try call.evaluator.setAttribute(
                of: object, try call.string("name"), try call.value("value"), writeBack: false, at: call.range
            )
            return .none
        },
    ]

    /// `isinstance`: classes written here, layer constructors (`nn.Conv2d`), and Python's and
    /// PyTorch's type names (`int`, `float`, `list`, `torch.Tensor`).
    static func isInstance(_ value: Value, _ classinfo: Value, _ call: Call) throws -> Bool {
        switch classinfo {
        case .tuple(let options), .list(let options):
            return try options.contains { try isInstance(value, $0, call) }
        case .function(let function):
            switch function.implementation {
            case .userClass(let type):
                guard case .module(let module) = value else { return false }
                if let instance = module as? UserModule { return instance.type.isSubclass(of: type) }
                return type === UserClass.module
            case .builtin(let builtin):
                switch (builtin.name, value) {
                case ("int", .int), ("int", .bool), ("float", .float), ("str", .string), ("bool", .bool),
                    ("list", .list), ("tuple", .tuple), ("tuple", .shape), ("dict", .dict),
                    ("tensor", .tensor),
                    ("Tensor", .tensor):
                    return true
                case (let name, .module(let layer)): return layer.typeName == name
                default: return false
                }
            default: break
            }
        default: break
        }
        throw LanguageError.said(
            .type, .isinstanceClassinfo, ["type": classinfo.typeName], at: call.range(of: "classinfo"))
    }

    /// `torch.no_grad()` and its kin: contexts for `with`.
    static let gradModes: [Builtin] = [
        Builtin("no_grad()", "a context for 'with' in which operations record no gradients") { _ in
            .function(Function(.gradMode(enabled: false)))
        },
        Builtin("enable_grad()", "a context for 'with' in which operations record gradients") { _ in
            .function(Function(.gradMode(enabled: true)))
        },
        Builtin(
            "inference_mode(mode=True)", "like no_grad(): a context (or decorator) that records no gradients"
        ) { call in
            .function(Function(.gradMode(enabled: !(try call.bool("mode")))))
        },
        Builtin("set_grad_enabled(mode)", "a context for 'with' that records gradients or not") { call in
            .function(Function(.gradMode(enabled: try call.bool("mode"))))
        },
        Builtin("is_grad_enabled()", "whether operations record gradients here") { _ in
            .bool(GradMode.isEnabled)
        },
    ]

    /// `nn.Module`, the class a layer written as a class extends, and `nn.Parameter`.
    static let classMembers: [String: Value] = [
        "Module": .function(Function(.userClass(UserClass.module))),
        "ModuleList": .function(
            Function(
                .builtin(
                    Builtin(
                        "ModuleList(modules=None)",
                        "layers kept in order for a class to call in its forward (indexed, looped over, not called)"
                    ) { call in
                        var layers: [any Layer] = []
                        let given = try call.value("modules")
                        if case .none = given { return .module(ModuleList([])) }
                        for item in try call.evaluator.iterate(given, at: call.range(of: "modules")) {
                            guard case .module(let layer) = item else {
                                throw LanguageError(
                                    .type, .said(.moduleListTakesLayers, ["type": .text(item.typeName)]),
                                    at: call.range(of: "modules"))
                            }
                            layers.append(layer)
                        }
                        return .module(ModuleList(layers))
                    }))),
        "Parameter": .function(
            Function(
                .builtin(
                    Builtin(
                        "Parameter(data, requires_grad=True)",
                        "a tensor a module learns: assigned to self in __init__, it is one of parameters()"
                    ) { call in
                        let data = try call.tensor("data").detach()
                        return .tensor(try call.bool("requires_grad") ? try data.requiringGrad() : data)
                    }))),
    ]
}
