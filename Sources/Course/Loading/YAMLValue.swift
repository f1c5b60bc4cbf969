import Yams

/// A YAML node with its file location; accessors record a located problem and return nil when the
/// node is not what was expected.
struct YAMLValue {
    let node: Node
    let source: YAMLSource

    var location: CourseLocation { source.location(node.mark) }

    private func problem(_ message: String) { source.log.add(message, at: location) }

    /// The scalar text, or nil (with a problem) for a mapping or sequence.
    func string(_ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            problem("\(what): expected text, found a \(kindName)")
            return nil
        }
        return scalar.string
    }

    /// The integer, or nil with a problem.
    func int(_ what: String) -> Int? {
        guard case .scalar = node, let value = node.int else {
            problem("\(what): expected a whole number, found \(shortText)")
            return nil
        }
        return value
    }

    /// The number, or nil with a problem.
    func double(_ what: String) -> Double? {
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init) else {
            problem("\(what): expected a number, found \(shortText)")
            return nil
        }
        return value
    }

    /// The bool, or nil with a problem.
    func bool(_ what: String) -> Bool? {
        guard case .scalar = node, let value = node.bool else {
            problem("\(what): expected true or false, found \(shortText)")
            return nil
        }
        return value
    }

    /// Whether this is YAML's null (`~`, `null` or nothing).
    var isNull: Bool { node.null != nil }

    /// The items of a sequence, or nil with a problem.
    func list(_ what: String) -> [YAMLValue]? {
        guard case .sequence(let sequence) = node else {
            problem("\(what): expected a list (lines starting with '- '), found \(shortText)")
            return nil
        }
        return sequence.map { YAMLValue(node: $0, source: source) }
    }

    /// The mapping, or nil with a problem.
    func map(_ what: String) -> YAMLMap? {
        guard case .mapping(let mapping) = node else {
            problem("\(what): expected a mapping (key: value lines), found \(shortText)")
            return nil
        }
        return YAMLMap(mapping: mapping, what: what, source: source, location: location)
    }

    /// A list of texts; a single text counts as a one-item list.
    func strings(_ what: String) -> [String]? {
        if case .scalar = node { return string(what).map { [$0] } }
        return list(what)?.compactMap { $0.string(what) }
    }

    /// The scalar as answer-language code, located at its first character.
    func code(_ what: String) -> CodeSnippet? {
        guard case .scalar(let scalar) = node, let mark = scalar.mark else {
            _ = string(what)
            return nil
        }
        var start = source.location(mark)
        var indent = start.column
        switch scalar.style {
        case .literal, .folded:
            // A block scalar's mark is its `|`; the code starts on the next line, indented.
            let contentLine = mark.line + 1
            let text = source.line(contentLine) ?? ""
            let leading = text.prefix { $0 == " " }.count
            start = CourseLocation(
                file: start.file, line: source.lineOffset + contentLine,
                column: source.columnOffset + leading + 1)
            indent = start.column
        case .singleQuoted, .doubleQuoted:
            start.column += 1
            indent = start.column
        default:
            break
        }
        return CodeSnippet(scalar.string, at: start, indentColumn: indent)
    }

    private var kindName: String {
        switch node {
        case .mapping: "mapping"
        case .sequence: "list"
        default: "value"
        }
    }

    private var shortText: String {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            return text.isEmpty ? "nothing" : "'\(text.count > 40 ? text.prefix(40) + "…" : Substring(text))'"
        default:
            return "a \(kindName)"
        }
    }
}

/// A YAML mapping with string keys, read field by field; unknown and repeated keys are problems.
struct YAMLMap {
    let mapping: Node.Mapping
    let what: String
    let source: YAMLSource
    let location: CourseLocation

    /// The keys in file order with their key nodes' locations.
    var keys: [(key: String, location: CourseLocation)] {
        mapping.map { ($0.key.string ?? "\($0.key)", source.location($0.key.mark)) }
    }

    /// Every key with its location and value, in the file's order.
    var entries: [(key: String, location: CourseLocation, value: YAMLValue)] {
        mapping.map {
            (
                $0.key.string ?? "\($0.key)", source.location($0.key.mark),
                YAMLValue(node: $0.value, source: source)
            )
        }
    }

    /// The value for `key`, if present.
    func value(_ key: String) -> YAMLValue? {
        mapping.first { $0.key.string == key }.map { YAMLValue(node: $0.value, source: source) }
    }

    /// The location of `key` itself, or of the mapping when it is absent.
    func location(of key: String) -> CourseLocation {
        mapping.first { $0.key.string == key }.map { source.location($0.key.mark) } ?? location
    }

    /// Records a problem for every key not in `allowed` (suggesting the nearest) and every repeat.
    func rejectUnknownKeys(allowed: [String], hint: String? = nil) {
        var seen: Set<String> = []
        for (key, keyLocation) in keys {
            if !seen.insert(key).inserted {
                source.log.add("\(what): '\(key)' appears twice", at: keyLocation)
            } else if !allowed.contains(key) {
                var message = "\(what): unknown \(hint == nil ? "field" : "key") '\(key)'"
                if let nearest = Spelling.nearest(to: key, in: allowed) {
                    message += " — did you mean '\(nearest)'?"
                } else if let hint {
                    message += "; \(hint)"
                } else {
                    message += "; expected one of \(allowed.joined(separator: ", "))"
                }
                source.log.add(message, at: keyLocation)
            }
        }
    }

    /// The value for `key`, recording "missing" when a required key is absent.
    func required(_ key: String, expected: String) -> YAMLValue? {
        guard let value = value(key), !value.isNull else {
            source.log.add("\(what): missing '\(key)' (expected \(expected))", at: location)
            return nil
        }
        return value
    }

    func string(_ key: String) -> String? { value(key).flatMap { $0.isNull ? nil : $0.string("'\(key)'") } }
    func int(_ key: String) -> Int? { value(key).flatMap { $0.isNull ? nil : $0.int("'\(key)'") } }
    func double(_ key: String) -> Double? { value(key).flatMap { $0.isNull ? nil : $0.double("'\(key)'") } }
    func bool(_ key: String) -> Bool? { value(key).flatMap { $0.isNull ? nil : $0.bool("'\(key)'") } }
    func strings(_ key: String) -> [String]? {
        value(key).flatMap { $0.isNull ? nil : $0.strings("'\(key)'") }
    }
    func code(_ key: String) -> CodeSnippet? { value(key).flatMap { $0.isNull ? nil : $0.code("'\(key)'") } }
}
