import CNN

/// Methods of lists, dicts and strings (`losses.append(loss.item())`, `d.items()`,
/// `'{:.2f}'.format(x)`). Lists and dicts are values here: a method that changes one returns the
/// changed copy, which the caller writes back to where the receiver came from.
extension Evaluator {
    /// `receiver.method(arguments)` when the receiver is a list, dict or string: the result and,
    /// for a method that changes the receiver, its changed copy. Nil for other receivers.
    func containerMethod(
        _ receiver: Value, _ method: String, _ arguments: [EvaluatedArgument], at range: SourceRange,
        nameRange: SourceRange
    ) throws(LanguageError) -> (result: Value, changed: Value?)? {
        switch receiver {
        case .list(let items):
            return try listMethod(items, method, arguments, at: range, nameRange: nameRange)
        case .dict(let entries):
            return try dictMethod(entries, method, arguments, at: range, nameRange: nameRange)
        case .string(let text):
            return (try stringMethod(text, method, arguments, at: range, nameRange: nameRange), nil)
        default: return nil
        }
    }

    /// Positional arguments only, between `minimum` and `maximum` of them.
    private func positional(
        _ arguments: [EvaluatedArgument], _ method: String, _ minimum: Int, _ maximum: Int,
        at range: SourceRange
    ) throws(LanguageError) -> [Value] {
        if let keyword = arguments.first(where: { $0.name != nil }) {
            throw LanguageError.said(
                .argument, .methodNoKeywords, ["method": method], at: keyword.nameRange ?? keyword.range)
        }
        guard (minimum...maximum).contains(arguments.count) else {
            throw LanguageError.said(
                .argument, minimum == maximum ? .methodArgumentCount : .methodArgumentRange,
                ["method": method, "minimum": minimum, "maximum": maximum, "given": arguments.count],
                at: range)
        }
        return arguments.map(\.value)
    }

    private func listMethod(
        _ items: [Value], _ method: String, _ arguments: [EvaluatedArgument], at range: SourceRange,
        nameRange: SourceRange
    ) throws(LanguageError) -> (result: Value, changed: Value?) {
        var items = items
        switch method {
        case "append":
            let item = try positional(arguments, method, 1, 1, at: range)[0]
            try requireShallow(item, at: range)
            items.append(item)
            guard items.count <= options.maxElements else {
                throw LanguageError.said(.limit, .listTooLong, ["limit": options.maxElements], at: range)
            }
            return (.none, .list(items))
        case "extend":
            let added = try iterate(try positional(arguments, method, 1, 1, at: range)[0], at: range)
            try requireShallow(added, at: range)
            items += added
            return (.none, .list(items))
        case "insert":
            let values = try positional(arguments, method, 2, 2, at: range)
            guard case .int(var index)? = values[0].asInteger else {
                throw LanguageError.said(.type, .insertPosition, at: range)
            }
            if index < 0 { index += items.count }
            try requireShallow(values[1], at: range)
            items.insert(values[1], at: min(max(index, 0), items.count))
            return (.none, .list(items))
        case "pop":
            let values = try positional(arguments, method, 0, 1, at: range)
            guard !items.isEmpty else { throw LanguageError(.value, .said(.popEmpty, [:]), at: range) }
            var index = items.count - 1
            if let first = values.first {
                guard case .int(let given)? = first.asInteger else {
                    throw LanguageError.said(.type, .popPosition, at: range)
                }
                index = given < 0 ? given + items.count : given
                guard items.indices.contains(index) else {
                    throw LanguageError(.value, .said(.popIndex, [:]), at: range)
                }
            }
            let removed = items.remove(at: index)
            return (removed, .list(items))
        case "remove":
            let value = try positional(arguments, method, 1, 1, at: range)[0]
            guard let index = items.firstIndex(of: value) else {
                throw LanguageError(.value, .said(.removeMissing, [:]), at: range)
            }
            items.remove(at: index)
            return (.none, .list(items))
        case "clear":
            _ = try positional(arguments, method, 0, 0, at: range)
            return (.none, .list([]))
        case "index":
            let value = try positional(arguments, method, 1, 1, at: range)[0]
            guard let index = items.firstIndex(of: value) else {
                throw LanguageError(.value, .said(.notInList, ["value": .text("\(value)")]), at: range)
            }
            return (.int(index), nil)
        case "count":
            let value = try positional(arguments, method, 1, 1, at: range)[0]
            return (.int(items.filter { $0 == value }.count), nil)
        case "copy":
            _ = try positional(arguments, method, 0, 0, at: range)
            return (.list(items), nil)
        case "reverse":
            _ = try positional(arguments, method, 0, 0, at: range)
            return (.none, .list(items.reversed()))
        case "sort":
            var key: Value?
            var reverse = false
            for argument in arguments {
                switch argument.name {
                case "key": key = argument.value
                case "reverse": reverse = try truth(argument.value, at: argument.range)
                default:
                    throw LanguageError.said(
                        .argument, .sortArguments, at: argument.nameRange ?? argument.range)
                }
            }
            return (.none, .list(try sorted(items, key: key, reverse: reverse, at: range)))
        default:
            throw .unknown(
                .attribute(of: "list"), method,
                candidates: [
                    "append", "extend", "insert", "pop", "remove", "clear", "index", "count", "copy",
                    "reverse", "sort",
                ],
                at: nameRange)
        }
    }

    /// Items in order by `key` (Python's stable sort).
    func sorted(_ items: [Value], key: Value?, reverse: Bool, at range: SourceRange) throws(LanguageError)
        -> [Value]
    {
        var keys: [Value] = []
        for item in items {
            if let key, key != .none {
                keys.append(
                    try call(
                        key, [EvaluatedArgument(name: nil, nameRange: nil, value: item, range: range)],
                        at: range))
            } else {
                keys.append(item)
            }
        }
        var order = Array(items.indices)
        var failure: LanguageError?
        // Insertion-free merge sort on indices keeps the sort stable and lets comparison errors out.
        order.sort { a, b in
            guard failure == nil else { return false }
            do throws(LanguageError) {
                let less = try truth(
                    try compare(.less, reverse ? keys[b] : keys[a], reverse ? keys[a] : keys[b], at: range),
                    at: range)
                return less
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return order.map { items[$0] }
    }

    private func dictMethod(
        _ entries: [Value.DictEntry], _ method: String, _ arguments: [EvaluatedArgument],
        at range: SourceRange,
        nameRange: SourceRange
    ) throws(LanguageError) -> (result: Value, changed: Value?) {
        var entries = entries
        switch method {
        case "keys":
            _ = try positional(arguments, method, 0, 0, at: range)
            return (.list(entries.map { .string($0.key) }), nil)
        case "values":
            _ = try positional(arguments, method, 0, 0, at: range)
            return (.list(entries.map(\.value)), nil)
        case "items":
            _ = try positional(arguments, method, 0, 0, at: range)
            try requireShallow(entries.lazy.map(\.value), levels: 2, at: range)
            return (.list(entries.map { .tuple([.string($0.key), $0.value]) }), nil)
        case "get":
            let values = try positional(arguments, method, 1, 2, at: range)
            let key = try dictKey(values[0], at: range)
            return (entries.first { $0.key == key }?.value ?? (values.count > 1 ? values[1] : .none), nil)
        case "setdefault":
            // Python's: the value of key if there is one, else default (None) stored under it.
            let values = try positional(arguments, method, 1, 2, at: range)
            let key = try dictKey(values[0], at: range)
            if let existing = entries.first(where: { $0.key == key }) { return (existing.value, nil) }
            let value = values.count > 1 ? values[1] : .none
            try requireShallow(value, at: range)
            entries.append(Value.DictEntry(key, value))
            return (value, .dict(entries))
        case "pop":
            let values = try positional(arguments, method, 1, 2, at: range)
            let key = try dictKey(values[0], at: range)
            guard let index = entries.firstIndex(where: { $0.key == key }) else {
                if values.count > 1 { return (values[1], nil) }
                throw .unknown(.key, key, candidates: entries.map(\.key), at: range)
            }
            let removed = entries.remove(at: index)
            return (removed.value, .dict(entries))
        case "update":
            var added: [Value.DictEntry] = []
            for argument in arguments {
                if let name = argument.name {
                    added.append(Value.DictEntry(name, argument.value))
                } else if case .dict(let more) = argument.value {
                    added += more
                } else {
                    throw LanguageError.said(.type, .updateArgument, at: argument.range)
                }
            }
            try requireShallow(added.lazy.map(\.value), at: range)
            var updated = Value.DictBuilder(entries)
            for entry in added { updated.set(entry.key, entry.value) }
            return (.none, .dict(updated.entries))
        case "copy":
            return (.dict(entries), nil)
        case "clear":
            return (.none, .dict([]))
        default:
            return try dictFallback(entries, method, nameRange: nameRange)
        }
    }

    /// Tables made by the engine (histories, gradient norms) may have methods of their own in
    /// the future; for now an unknown name is an unknown dict method.
    private func dictFallback(_ entries: [Value.DictEntry], _ method: String, nameRange: SourceRange)
        throws(LanguageError) -> (result: Value, changed: Value?)
    {
        throw .unknown(
            .attribute(of: "dict"), method,
            candidates: ["keys", "values", "items", "get", "pop", "update", "copy", "clear", "setdefault"],
            at: nameRange)
    }

    private func stringMethod(
        _ text: String, _ method: String, _ arguments: [EvaluatedArgument], at range: SourceRange,
        nameRange: SourceRange
    ) throws(LanguageError) -> Value {
        func strings(_ minimum: Int, _ maximum: Int) throws(LanguageError) -> [String] {
            var result: [String] = []
            for value in try positional(arguments, method, minimum, maximum, at: range) {
                guard case .string(let part) = value else {
                    throw LanguageError.said(
                        .type, .takesStrings, ["method": method, "type": value.typeName], at: range)
                }
                result.append(part)
            }
            return result
        }
        switch method {
        case "upper": _ = try strings(0, 0); return .string(text.uppercased())
        case "lower": _ = try strings(0, 0); return .string(text.lowercased())
        case "strip":
            _ = try strings(0, 0); return .string(text.trimmingCharacters(in: .whitespacesAndNewlines))
        case "lstrip": _ = try strings(0, 0); return .string(String(text.drop { $0.isWhitespace }))
        case "rstrip":
            _ = try strings(0, 0)
            return .string(String(text.reversed().drop { $0.isWhitespace }.reversed()))
        case "startswith": return .bool(text.hasPrefix(try strings(1, 1)[0]))
        case "endswith": return .bool(text.hasSuffix(try strings(1, 1)[0]))
        case "replace":
            let parts = try strings(2, 2)
            return .string(parts[0].isEmpty ? text : text.replacingOccurrences(of: parts[0], with: parts[1]))
        case "split":
            let parts = try strings(0, 1)
            if let separator = parts.first {
                guard !separator.isEmpty else { throw LanguageError.said(.value, .emptySeparator, at: range) }
                return .list(text.components(separatedBy: separator).map(Value.string))
            }
            return .list(text.split(whereSeparator: \.isWhitespace).map { .string(String($0)) })
        case "join":
            let values = try positional(arguments, method, 1, 1, at: range)
            var parts: [String] = []
            for item in try iterate(values[0], at: range) {
                guard case .string(let part) = item else {
                    throw LanguageError.said(.type, .joinStrings, ["type": item.typeName], at: range)
                }
                parts.append(part)
            }
            return .string(parts.joined(separator: text))
        case "format":
            return .string(try formatMethod(text, arguments, at: range))
        default:
            throw .unknown(
                .attribute(of: "str"), method,
                candidates: [
                    "upper", "lower", "strip", "lstrip", "rstrip", "startswith", "endswith", "replace",
                    "split", "join", "format",
                ],
                at: nameRange)
        }
    }

    /// `'{} {:.2f} {name}'.format(…)`.
    private func formatMethod(_ template: String, _ arguments: [EvaluatedArgument], at range: SourceRange)
        throws(LanguageError) -> String
    {
        let positional = arguments.filter { $0.name == nil }.map(\.value)
        var next = 0
        var result = ""
        var characters = template[...]
        while let first = characters.first {
            characters = characters.dropFirst()
            if first == "{", characters.first == "{" {
                result.append("{")
                characters = characters.dropFirst()
                continue
            }
            if first == "}", characters.first == "}" {
                result.append("}")
                characters = characters.dropFirst()
                continue
            }
            guard first == "{" else {
                result.append(first)
                continue
            }
            guard let close = characters.firstIndex(of: "}") else {
                throw LanguageError.said(.value, .formatUnclosed, at: range)
            }
            let field = characters[..<close]
            characters = characters[characters.index(after: close)...]
            var name = field
            var spec = ""
            var conversion: Character?
            if let colon = field.firstIndex(of: ":") {
                spec = String(field[field.index(after: colon)...])
                name = field[..<colon]
            }
            if let bang = name.firstIndex(of: "!") {
                conversion = name[name.index(after: bang)...].first
                name = name[..<bang]
            }
            let value: Value
            if name.isEmpty {
                guard next < positional.count else {
                    throw LanguageError.said(.value, .formatTooFewArguments, at: range)
                }
                value = positional[next]
                next += 1
            } else if let index = Int(name) {
                guard positional.indices.contains(index) else {
                    throw LanguageError.said(.value, .formatNoArgument, ["index": index], at: range)
                }
                value = positional[index]
            } else if let argument = arguments.first(where: { $0.name == String(name) }) {
                value = argument.value
            } else {
                throw LanguageError.said(.value, .formatNoKeyword, ["name": name], at: range)
            }
            let shown = conversion == "r" ? Value.string(value.description) : value
            result += try formatted(shown, spec, at: range)
        }
        return result
    }
}
