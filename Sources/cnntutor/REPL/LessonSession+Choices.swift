import AnswerLanguage
import Course
import Grading
import Wording

/// Lines at a choice exercise: the choice ids are the answer; anything else is code that runs in
/// the learner's session without being graded, so working the answer out costs nothing.
extension LessonSession {
    /// Handles a line typed at a choice exercise, as `ChoiceAnswer.read` reads it:
    /// - ids (`b`, `a, c`, `(b)`) are graded and recorded, even when a choice's id is also a name
    ///   bound in the session (`print(c)` looks at the name);
    /// - ids that cannot be an answer (`a, b` when one is wanted) are told why, not recorded;
    /// - words that are not all ids (`z`, `b, q`) are told why, unless every one is a name bound
    ///   in the session (`x`): then they are a look;
    /// - anything else (`img.shape`, `show(k)`, `conv2d(img, k)`, `y = …`) runs as code.
    func choose(_ line: String, at exercise: Exercise) {
        switch ChoiceAnswer.read(line, for: exercise, language: language) {
        case .picked:
            answer(line, to: exercise)
        case .invalid(let why):
            say(why)
        case .unknown(let why):
            guard let program = try? Parser.parse(line), namesBound(program) else { return say(why) }
            explore(line, at: exercise)
        case .other:
            switch Result(catching: { () throws(LanguageError) in try Parser.parse(line) }) {
            case .failure(let error):
                io.screen.writeLines(error.diagnostic(source: line).split(separator: "\n").map(String.init))
                sayNotGraded(text.notGradedAtChoice(multiple: exercise.multiple))
            case .success:
                explore(line, at: exercise)
            }
        }
    }

    /// Runs code at a choice exercise and shows its value; it is never graded.
    func explore(_ line: String, at exercise: Exercise) {
        if let value = run(line) { showValue(value) }
        sayNotGraded(text.notGradedAtChoice(multiple: exercise.multiple))
    }

    /// Whether `program` is one expression made only of names (`x`, `x, y`, `[x]`), each bound in
    /// the learner's session.
    func namesBound(_ program: Program) -> Bool {
        guard program.statements.count == 1, case .expression(let expression) = program.statements[0],
            let names = Self.names(in: expression)
        else { return false }
        return names.allSatisfy { interpreter[$0] != nil }
    }

    /// The names an expression made only of names lists, or nil when it holds anything else.
    static func names(in expression: ExpressionSyntax) -> [String]? {
        switch expression.kind {
        case .name(let name): return [name]
        case .tuple(let items), .list(let items):
            var names: [String] = []
            for item in items {
                guard let more = self.names(in: item) else { return nil }
                names += more
            }
            return names
        default: return nil
        }
    }
}
