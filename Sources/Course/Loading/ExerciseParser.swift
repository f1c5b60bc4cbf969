/// Reads an ` ```exercise ` block of a default-language lesson into an `Exercise`.
enum ExerciseParser {
    static let fields = [
        "id", "kind", "points", "prompt", "setup", "hints", "checks", "mistakes", "tolerance", "compare",
        "limits", "choices", "multiple", "input_shape", "quantity",
    ]

    /// Parses the block's YAML; returns nil (with problems recorded) when it has no usable id or kind.
    static func parse(_ source: YAMLSource, fenceLocation: CourseLocation) -> Exercise? {
        guard let root = source.parse(what: "exercise block"), let map = root.map("exercise block") else {
            return nil
        }
        map.rejectUnknownKeys(allowed: fields)
        let log = source.log
        guard
            let id = map.required("id", expected: "the exercise's id, e.g. 'id: edge-response'")?.string(
                "'id'")
        else { return nil }
        if !Identifier.isValid(id) {
            log.add(
                "exercise id '\(id)': expected lowercase letters, digits and '-' only",
                at: map.value("id")?.location ?? map.location)
        }
        let what = "exercise '\(id)'"
        guard let kindValue = map.required("kind", expected: "one of value, tensor, choice, model"),
            let kindText = kindValue.string("'kind'")
        else { return nil }
        guard let kind = Exercise.Kind(rawValue: kindText) else {
            let nearest = Spelling.nearest(to: kindText, in: Exercise.Kind.allCases.map(\.rawValue))
            log.add(
                "\(what): unknown kind '\(kindText)'"
                    + (nearest.map { " — did you mean '\($0)'?" }
                        ?? "; expected value, tensor, choice or model"),
                at: kindValue.location)
            return nil
        }
        let points = map.int("points") ?? 1
        if points < 0 { log.add("\(what): 'points' must be 0 or more", at: map.location(of: "points")) }
        let prompt = map.required("prompt", expected: "the question, in Markdown")?.string("'prompt'") ?? ""

        var exercise = Exercise(
            id: id, kind: kind, points: max(0, points), prompt: prompt, setup: map.code("setup"),
            hints: map.strings("hints") ?? [], checks: checks(map, what: what),
            mistakes: mistakes(map, what: what), tolerance: tolerance(map, what: what),
            compare: map.bool("compare") ?? true, limits: limits(map, what: what), choices: [],
            multiple: map.bool("multiple") ?? false, inputShape: nil, solution: nil, location: fenceLocation)
        exercise.choices = choices(map, kind: kind, what: what)
        exercise.inputShape = inputShape(map, kind: kind, compare: exercise.compare, what: what)
        exercise.quantity = quantity(map, kind: kind, what: what)
        if map.value("multiple") != nil, kind != .choice {
            log.add("\(what): 'multiple' only applies to choice exercises", at: map.location(of: "multiple"))
        }
        if !exercise.compare, exercise.checks.isEmpty {
            log.add(
                "\(what): 'compare: false' needs at least one check, or nothing is graded",
                at: map.location(of: "compare"))
        }
        if exercise.partialPoints > exercise.points {
            log.add(
                "\(what): the checks' points add up to \(exercise.partialPoints), more than the exercise's \(exercise.points)",
                at: map.location(of: "checks"))
        }
        return exercise
    }

    private static func checks(_ map: YAMLMap, what: String) -> [Exercise.Check] {
        guard let items = map.value("checks").flatMap({ $0.isNull ? nil : $0.list("'checks'") }) else {
            return []
        }
        var seen: Set<String> = []
        return items.compactMap { item in
            guard let check = item.map("a check of \(what)") else { return nil }
            check.rejectUnknownKeys(allowed: ["id", "expect", "message", "points"])
            guard let id = check.required("id", expected: "the check's id")?.string("'id'"),
                let expect = check.required("expect", expected: "an expression over 'answer'")?.code(
                    "'expect'"),
                let message = check.required("message", expected: "what the learner is told")?.string(
                    "'message'")
            else { return nil }
            if !seen.insert(id).inserted {
                map.source.log.add("\(what): check id '\(id)' is used twice", at: check.location(of: "id"))
            }
            let points = check.int("points")
            if let points, points < 0 {
                map.source.log.add(
                    "\(what): check points must be 0 or more", at: check.location(of: "points"))
            }
            return Exercise.Check(
                id: id, expect: expect, message: message, points: points, location: check.location)
        }
    }

    private static func mistakes(_ map: YAMLMap, what: String) -> [Exercise.Mistake] {
        guard let items = map.value("mistakes").flatMap({ $0.isNull ? nil : $0.list("'mistakes'") }) else {
            return []
        }
        var seen: Set<String> = []
        return items.compactMap { item in
            guard let mistake = item.map("a mistake of \(what)") else { return nil }
            mistake.rejectUnknownKeys(allowed: ["id", "title", "when", "message"])
            guard let id = mistake.required("id", expected: "the mistake's id")?.string("'id'"),
                let when = mistake.required("when", expected: "an expression over 'answer'")?.code("'when'"),
                let message = mistake.required("message", expected: "what the learner is told")?.string(
                    "'message'")
            else { return nil }
            if !seen.insert(id).inserted {
                map.source.log.add(
                    "\(what): mistake id '\(id)' is used twice", at: mistake.location(of: "id"))
            }
            return Exercise.Mistake(
                id: id, when: when, message: message, location: mistake.location,
                title: mistake.string("title"))
        }
    }

    private static func tolerance(_ map: YAMLMap, what: String) -> Exercise.Tolerance {
        guard let value = map.value("tolerance"), let tolerance = value.map("'tolerance'") else {
            return .standard
        }
        tolerance.rejectUnknownKeys(allowed: ["rtol", "atol"])
        let result = Exercise.Tolerance(
            rtol: tolerance.double("rtol") ?? Exercise.Tolerance.standard.rtol,
            atol: tolerance.double("atol") ?? Exercise.Tolerance.standard.atol)
        if result.rtol < 0 || result.atol < 0 {
            map.source.log.add("\(what): tolerances must be 0 or more", at: value.location)
        }
        return result
    }

    /// The longest time limit an exercise may set: a day. Longer is a typing slip (`1e308`), and a
    /// grade that waits that long for one answer has no limit at all.
    static let maxTimeLimit = 86_400.0

    private static func limits(_ map: YAMLMap, what: String) -> Exercise.Limits {
        guard let value = map.value("limits"), let limits = value.map("'limits'") else {
            return Exercise.Limits()
        }
        limits.rejectUnknownKeys(allowed: ["time", "elements", "memory"])
        // A refused value is reported and then left out: the exercise runs under the default for
        // that limit, never under the refused one (a NaN or 1e308 seconds is no limit at all).
        let refuse = { (problem: String) in map.source.log.add("\(what): \(problem)", at: value.location) }
        let positive = "limits must be positive (time in seconds, elements, memory in MB)"
        var time = limits.double("time")
        // `!(x > 0)` also refuses NaN (`.nan`), which no comparison with 0 would catch.
        if let seconds = time, !(seconds > 0) {
            refuse(positive)
            time = nil
        } else if let seconds = time, !seconds.isFinite || seconds > Self.maxTimeLimit {
            refuse("the time limit must be at most \(Int(Self.maxTimeLimit)) seconds")
            time = nil
        }
        var elements = limits.int("elements")
        if let count = elements, count <= 0 {
            refuse(positive)
            elements = nil
        }
        // Megabytes past what a byte count can hold (2^43 MB) are as unusable as a negative count.
        var memory: Int?
        if let megabytes = limits.int("memory") {
            let bytes = megabytes.multipliedReportingOverflow(by: 1_048_576)
            if megabytes <= 0 {
                refuse(positive)
            } else if bytes.overflow {
                refuse("the memory limit is more megabytes than any machine has")
            } else {
                memory = bytes.partialValue
            }
        }
        return Exercise.Limits(time: time, elements: elements, memory: memory)
    }

    private static func choices(_ map: YAMLMap, kind: Exercise.Kind, what: String) -> [Exercise.Choice] {
        let log = map.source.log
        guard let value = map.value("choices"), !value.isNull else {
            if kind == .choice {
                log.add(
                    "\(what): a choice exercise needs 'choices' (a list of id and text)", at: map.location)
            }
            return []
        }
        if kind != .choice {
            log.add("\(what): 'choices' only applies to choice exercises", at: map.location(of: "choices"))
        }
        var seen: Set<String> = []
        let result: [Exercise.Choice] = (value.list("'choices'") ?? []).compactMap { item in
            guard let choice = item.map("a choice of \(what)") else { return nil }
            choice.rejectUnknownKeys(allowed: ["id", "text"])
            guard
                let id = choice.required("id", expected: "what the learner types, e.g. 'a'")?.string("'id'"),
                let text = choice.required("text", expected: "the option's text")?.string("'text'")
            else { return nil }
            if !seen.insert(id).inserted || id.contains(",") || id.contains(" ") {
                log.add(
                    "\(what): choice id '\(id)' must be unique and have no spaces or commas",
                    at: choice.location)
            }
            return Exercise.Choice(id: id, text: text)
        }
        if kind == .choice, result.count < 2 {
            log.add("\(what): a choice exercise needs at least two choices", at: value.location)
        }
        return result
    }

    /// `quantity: size | padding | count | response | factor`, for value exercises.
    private static func quantity(_ map: YAMLMap, kind: Exercise.Kind, what: String) -> Exercise.Quantity? {
        guard let value = map.value("quantity"), !value.isNull, let text = value.string("'quantity'") else {
            return nil
        }
        let names = Exercise.Quantity.allCases.map(\.rawValue)
        guard let quantity = Exercise.Quantity(rawValue: text) else {
            let nearest = Spelling.nearest(to: text, in: names)
            map.source.log.add(
                "\(what): unknown quantity '\(text)'"
                    + (nearest.map { " — did you mean '\($0)'?" }
                        ?? "; expected one of \(names.joined(separator: ", "))"),
                at: value.location)
            return nil
        }
        if kind != .value {
            map.source.log.add(
                "\(what): 'quantity' only applies to value exercises", at: map.location(of: "quantity"))
        }
        return quantity
    }

    private static func inputShape(_ map: YAMLMap, kind: Exercise.Kind, compare: Bool, what: String) -> [Int]?
    {
        let log = map.source.log
        guard let value = map.value("input_shape"), !value.isNull else {
            if kind == .model, compare {
                log.add(
                    "\(what): a model exercise compared with its reference needs 'input_shape', e.g. [1, 3, 8, 8]",
                    at: map.location)
            }
            return nil
        }
        if kind != .model {
            log.add(
                "\(what): 'input_shape' only applies to model exercises", at: map.location(of: "input_shape"))
        }
        let dims = value.list("'input_shape'")?.compactMap { $0.int("'input_shape'") }
        guard let dims, !dims.isEmpty, dims.allSatisfy({ $0 > 0 }) else {
            log.add(
                "\(what): 'input_shape' must be a list of positive sizes, e.g. [1, 3, 8, 8]",
                at: value.location)
            return nil
        }
        return dims
    }
}

/// The rule for ids that appear in exercise keys (`lesson-id/exercise-id`).
enum Identifier {
    /// Lowercase ASCII letters, digits, `-` and `_`, starting with a letter or digit.
    static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.properties.isLowercase || ("0"..."9").contains(first)
        else { return false }
        return id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}
