/// A `choice` answer as typed: choice ids separated by commas or spaces, optionally quoted or in
/// brackets (`b`, `a, c`, `['a', 'c']`).
enum ChoiceAnswer {
    /// The ids, in the exercise's choice order, or a message (in `text`'s language) naming what is
    /// wrong.
    static func parse(
        _ answer: String, choices: [String], multiple: Bool, text: GradingText = GradingText(language: "en")
    ) -> Result<[String], GradingError> {
        let separators: Set<Character> = [",", " ", "\t", "\n", ";", "[", "]", "(", ")", "'", "\""]
        let listed = choices.joined(separator: ", ")
        let typed = answer.split(whereSeparator: { separators.contains($0) }).map { $0.lowercased() }
        guard !typed.isEmpty else {
            return .failure(.answer(text.noChoice(listed)))
        }
        let lowered = choices.map { $0.lowercased() }
        for id in typed where !lowered.contains(id) {
            return .failure(.answer(text.notAChoice(id, listed)))
        }
        let picked = choices.filter { typed.contains($0.lowercased()) }
        if !multiple, picked.count > 1 {
            return .failure(.answer(text.pickOne(listed)))
        }
        return .success(picked)
    }
}
