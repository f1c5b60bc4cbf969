import Yams

/// The text of an exercise in a translated lesson: only what the learner reads, keyed by id.
struct ExerciseText {
    let id: String
    let prompt: String?
    let hints: [String]?
    let checks: [String: String]
    let mistakes: [String: String]
    /// The mistakes' titles, for those written `id: {title: …, message: …}`.
    let mistakeTitles: [String: String]
    let choices: [String: String]
    let location: CourseLocation
    /// Where each key of `checks`, `mistakes` and `choices` is, for "unknown id" problems.
    let keyLocations: [String: CourseLocation]
    let hintsLocation: CourseLocation

    static let gradingFields = [
        "kind", "points", "setup", "tolerance", "compare", "limits", "multiple", "input_shape", "quantity",
    ]

    /// Parses a translated exercise block; nil (with problems) when it has no id.
    static func parse(_ source: YAMLSource, fenceLocation: CourseLocation, defaultFile: String)
        -> ExerciseText?
    {
        guard let root = source.parse(what: "exercise block"), let map = root.map("exercise block") else {
            return nil
        }
        let allowed = ["id", "prompt", "hints", "checks", "mistakes", "choices"]
        for (key, location) in map.keys where gradingFields.contains(key) {
            source.log.add(
                "a translation carries only text: '\(key)' belongs in \(defaultFile)", at: location)
        }
        map.rejectUnknownKeys(allowed: allowed + gradingFields)
        guard let id = map.required("id", expected: "the id of the exercise it translates")?.string("'id'")
        else {
            return nil
        }
        var locations: [String: CourseLocation] = [:]
        var titles: [String: String] = [:]
        func messages(_ key: String) -> [String: String] {
            guard let value = map.value(key), !value.isNull else { return [:] }
            if case .sequence = value.node {
                source.log.add(
                    "'\(key)' in a translation maps each id to its text (id: text), not a list",
                    at: value.location)
                return [:]
            }
            guard let inner = value.map("'\(key)'") else { return [:] }
            var result: [String: String] = [:]
            for (entryKey, entryLocation) in inner.keys {
                locations["\(key)/\(entryKey)"] = entryLocation
                // A mistake may carry its title: `id: {title: …, message: …}`.
                if key == "mistakes", let entry = inner.value(entryKey), case .mapping = entry.node,
                    let fields = entry.map("mistake '\(entryKey)'")
                {
                    fields.rejectUnknownKeys(allowed: ["title", "message"])
                    result[entryKey] = fields.required("message", expected: "what the learner is told")?
                        .string(
                            "'message'")
                    titles[entryKey] = fields.string("title")
                } else {
                    result[entryKey] = inner.string(entryKey)
                }
            }
            return result
        }
        let checks = messages("checks")
        let mistakes = messages("mistakes")
        let choices = messages("choices")
        return ExerciseText(
            id: id, prompt: map.string("prompt"), hints: map.strings("hints"), checks: checks,
            mistakes: mistakes, mistakeTitles: titles, choices: choices, location: fenceLocation,
            keyLocations: locations, hintsLocation: map.location(of: "hints"))
    }
}
