import Course
import Wording

/// A `choice` answer as typed: choice ids separated by commas or spaces, optionally quoted or in
/// brackets (`b`, `a, c`, `['a', 'c']`, `(b)`), in any case.
public enum ChoiceAnswer {
    /// How a line typed at a choice exercise reads.
    public enum Reading: Equatable, Sendable {
        /// A valid answer: the picked ids, in the exercise's choice order.
        case picked([String])
        /// Only choice ids, but not a valid answer (none, or several where one is wanted): why.
        case invalid(String)
        /// Words written the way ids are (`z`, `b, q`), one of which is not a choice id: why.
        case unknown(String)
        /// Not written like a choice answer at all: code (`img.shape`, `show(k)`, `2 * 3`).
        case other
    }

    /// The characters between ids.
    static let separators: Set<Character> = [",", " ", "\t", "\n", ";", "[", "]", "(", ")", "'", "\""]

    /// Reads `typed` as an answer to `exercise`, the same way the grader does.
    /// - Parameters:
    ///   - typed: The line as typed.
    ///   - exercise: A `choice` exercise.
    ///   - language: The language of the messages (`en`, `ko`).
    /// - Returns: The picked ids, or why the line is not a valid answer, or `.other` when it is not
    ///   written like one: a word followed by `(` (a call), or any character that is neither a
    ///   separator nor a letter, digit or `_`.
    public static func read(_ typed: String, for exercise: Exercise, language: Language) -> Reading {
        let choices = exercise.choices.map(\.id)
        switch parse(typed, choices: choices, multiple: exercise.multiple) {
        case .success(let ids):
            return .picked(ids)
        case .failure(let error):
            guard isWrittenLikeIDs(typed) else { return .other }
            let lowered = Set(choices.map { $0.lowercased() })
            let words =
                joinedIDs(typed, choices: choices)
                ?? typed.split(whereSeparator: { separators.contains($0) }).map { $0.lowercased() }
            let why = language.say(error.phrase)
            return words.allSatisfy(lowered.contains) ? .invalid(why) : .unknown(why)
        }
    }

    /// Why a line is not a valid choice answer, unsaid.
    struct Problem: Error, Hashable {
        /// What is wrong.
        var phrase: Phrase
        /// What is wrong, in English (for a course author's report).
        var message: String { Language.english.say(phrase) }
    }

    /// The ids, in the exercise's choice order, or what is wrong.
    static func parse(_ answer: String, choices: [String], multiple: Bool) -> Result<[String], Problem> {
        let text = GradingText()
        let listed = choices.joined(separator: ", ")
        let typed =
            joinedIDs(answer, choices: choices)
            ?? answer.split(whereSeparator: { separators.contains($0) }).map { $0.lowercased() }
        guard !typed.isEmpty else {
            return .failure(Problem(phrase: text.noChoice(listed)))
        }
        let lowered = choices.map { $0.lowercased() }
        for id in typed where !lowered.contains(id) {
            return .failure(Problem(phrase: text.notAChoice(id, listed)))
        }
        let picked = choices.filter { typed.contains($0.lowercased()) }
        if !multiple, picked.count > 1 {
            return .failure(Problem(phrase: text.pickOne(listed)))
        }
        return .success(picked)
    }

    /// Words that join ids the way people list them (`a and b`, `a & b`, `both a and b`,
    /// `{'a', 'b'}`, `a와 b 모두`): they are read only when every other word is a choice id.
    static let joiningWords: Set<String> = [
        "and", "both", "&", "&&", "+", "{", "}", "그리고", "및", "모두", "둘", "다",
    ]

    /// Korean particles meaning "and" written right after an id (`a와 b`, `b과 d`).
    static let joiningParticles = ["와", "과", "랑", "이랑"]

    /// The ids of a line that lists choice ids joined by words or signs as well as separators
    /// (`a and b`, `a & b`, `b.`: a sentence's full stop after an id), in the order typed; nil
    /// when any word is neither an id nor a joining word (then the line is read as it is).
    static func joinedIDs(_ answer: String, choices: [String]) -> [String]? {
        let lowered = Set(choices.map { $0.lowercased() })
        var spaced = answer
        for sign in ["&", "+", "{", "}"] { spaced = spaced.replacingOccurrences(of: sign, with: " \(sign) ") }
        var ids: [String] = []
        var joined = false
        for word in spaced.split(whereSeparator: { separators.contains($0) }).map({ $0.lowercased() }) {
            let bare = word.hasSuffix(".") ? String(word.dropLast()) : word
            if lowered.contains(word) {
                ids.append(word)
            } else if lowered.contains(bare) {
                ids.append(bare)
                joined = true
            } else if joiningWords.contains(word) {
                joined = true
            } else if let particle = joiningParticles.first(where: { word.hasSuffix($0) }),
                lowered.contains(String(word.dropLast(particle.count)))
            {
                ids.append(String(word.dropLast(particle.count)))
                joined = true
            } else {
                return nil
            }
        }
        return joined && !ids.isEmpty ? ids : nil
    }

    /// Whether `typed` holds only separators and words of letters, digits and `_`, with no word
    /// called (`show(k)`), as a mistyped choice (`z`, `b, q`, `[e]`) is.
    static func isWrittenLikeIDs(_ typed: String) -> Bool {
        var afterWord = false
        for character in typed {
            if character.isLetter || character.isNumber || character == "_" {
                afterWord = true
            } else if character == "(" && afterWord {
                return false
            } else if character == " " || character == "\t" {
                continue  // `show (k)` is a call too
            } else if separators.contains(character) {
                afterWord = false
            } else {
                return false
            }
        }
        return true
    }
}
