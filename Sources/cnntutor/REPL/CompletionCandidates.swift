import Foundation
import Terminal

/// Tab completion at the lesson prompt: `:` commands, their arguments (lessons, languages,
/// exercises), builtins, module members (`nn.Con…`) and the learner's own variables.
///
/// The line reader is made before the session it completes for, so the session is attached
/// afterwards (weakly: the session owns the reader).
final class CompletionCandidates {
    weak var session: LessonSession?

    /// Candidates for the word ending at `cursor`; the line reader keeps those that extend it.
    func callAsFunction(_ line: String, _ cursor: Int) -> [String] {
        guard let session else { return [] }
        let word = TabCompletion.word(in: line, cursor: cursor)
        let before = String(line.prefix(max(0, min(cursor, line.count) - word.count)))
            .trimmingCharacters(in: .whitespaces)
        if before.isEmpty && word.hasPrefix(":") { return REPLCommand.names }
        switch before.split(separator: " ").first.map(String.init) {
        case ":open", ":reset":
            return session.course.lessons.map(\.id)
        case ":lang":
            return session.course.languages.map(\.code)
        case ":goto":
            let here = session.currentLesson?.exercises.map(\.id) ?? []
            return here + session.course.allExercises.map { "\($0.lesson.id)/\($0.exercise.id)" }
        default:
            break
        }
        if let dot = word.lastIndex(of: ".") {
            let base = String(word[..<dot])
            return session.interpreter.members(of: base).map { base + "." + $0 }
        }
        return session.interpreter.names
    }
}
