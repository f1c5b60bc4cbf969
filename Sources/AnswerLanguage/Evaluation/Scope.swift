/// The local names of a running function, lambda, comprehension or class body: a chain of
/// frames ending at the interpreter's bindings (the globals, which are not a frame).
///
/// Frames are objects, and a function written inside another keeps its frame, so a closure sees
/// the enclosing function's names as they are when it runs (Python's late binding).
///
/// Thread safety: frames are only touched by the evaluation thread of the interpreter that made
/// them (`Interpreter` runs one evaluation at a time), hence `@unchecked Sendable`.
final class Scope: @unchecked Sendable {
    enum Kind {
        /// A `def` or lambda call: `locals` are the names its body assigns.
        case function
        /// A class body: its names become the class's attributes; functions written inside do
        /// not see them (as in Python).
        case classBody
        /// A comprehension's loop variables.
        case comprehension
    }

    var bindings: [String: Value]
    let parent: Scope?
    let kind: Kind
    /// Names local to the function (assigned anywhere in its body), for "read before assigned".
    let locals: Set<String>
    /// Names the function declared `global`.
    let globalNames: Set<String>
    /// For a method's frame: the class that defines it and the name of its first parameter
    /// (`self`), which is what `super()` needs.
    let method: (owner: UserClass, selfName: String)?

    init(
        _ bindings: [String: Value], parent: Scope?, kind: Kind = .function, locals: Set<String> = [],
        globalNames: Set<String> = [], method: (owner: UserClass, selfName: String)? = nil
    ) {
        self.bindings = bindings
        self.parent = parent
        self.kind = kind
        self.locals = locals.union(bindings.keys)
        self.globalNames = globalNames
        self.method = method
    }

    /// What looking up `name` from code running in this frame finds.
    enum Found {
        case value(Value)
        /// A local of the innermost function, not assigned yet.
        case unbound
        /// Not a local anywhere: look in the globals and the builtins.
        case global
    }

    /// The innermost binding of `name`, skipping class bodies other than the current frame.
    func find(_ name: String) -> Found {
        if globalNames.contains(name) { return .global }
        var scope: Scope? = self
        var first = true
        while let current = scope {
            defer {
                first = false
                scope = current.parent
            }
            if current.kind == .classBody && !first { continue }
            if let value = current.bindings[name] { return .value(value) }
            if first, current.kind == .function, current.locals.contains(name) { return .unbound }
            if current.globalNames.contains(name) { return .global }
        }
        return .global
    }

    /// The binding of `name`, if any frame has one (for completion and "did you mean").
    func lookup(_ name: String) -> Value? {
        if case .value(let value) = find(name) { return value }
        return nil
    }

    /// The frame an assignment to `name` binds in: this one, or for a `nonlocal` name the
    /// enclosing function frame that has it; nil for a `global` name.
    func frame(assigning name: String) -> Scope? {
        if globalNames.contains(name) { return nil }
        if kind == .function, !locals.contains(name) {
            // Declared `nonlocal`: the nearest enclosing function that binds it.
            var scope = parent
            while let current = scope {
                if current.kind == .function, current.locals.contains(name) { return current }
                scope = current.parent
            }
            return nil
        }
        return self
    }

    /// Every name visible from this frame, for "did you mean".
    var visibleNames: [String] {
        var names: [String] = []
        var scope: Scope? = self
        while let current = scope {
            names += current.bindings.keys
            scope = current.parent
        }
        return names
    }
}
