/// A `choice` answer as typed: choice ids separated by commas or spaces, optionally quoted or in
/// brackets (`b`, `a, c`, `['a', 'c']`).
enum ChoiceAnswer {
    /// The ids, in the exercise's choice order, or a message naming what is wrong.
    static func parse(_ text: String, choices: [String], multiple: Bool) -> Result<[String], GradingError> {
        let separators: Set<Character> = [",", " ", "\t", "\n", ";", "[", "]", "(", ")", "'", "\""]
        let typed = text.split(whereSeparator: { separators.contains($0) }).map { $0.lowercased() }
        guard !typed.isEmpty else {
            return .failure(
                .answer("No choice given: answer with one of \(choices.joined(separator: ", "))."))
        }
        let lowered = choices.map { $0.lowercased() }
        for id in typed where !lowered.contains(id) {
            return .failure(.answer("'\(id)' is not one of the choices: \(choices.joined(separator: ", "))."))
        }
        let picked = choices.filter { typed.contains($0.lowercased()) }
        if !multiple, picked.count > 1 {
            return .failure(.answer("Pick one choice only (of \(choices.joined(separator: ", ")))."))
        }
        return .success(picked)
    }
}
