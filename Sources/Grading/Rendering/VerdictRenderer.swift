import Course
import Wording

/// The one place a verdict becomes words: its findings (and their typed pieces), the exercise in
/// the reader's language, and the language, turned into the learner's message.
///
///     let renderer = VerdictRenderer(exercise: koreanExercise, language: "ko")
///     renderer.message(verdict)   // the sentences, the differing cells, the side-by-side picture
///     renderer.brief(verdict)     // the sentences alone, for a screen that draws the picture
///     renderer.picture(verdict)   // the side-by-side picture, its headings in Korean
///
/// Grading makes no prose: a finding carries its sentence unsaid (`Verdict.Finding.says`, a
/// `Phrase`) or, for a named mistake, a check and a choice, the id whose words are the course's
/// own — taken here from `exercise`, so a verdict graded in English reads in Korean exactly as one
/// graded in Korean. The REPL, `grade`'s reports and the answer key all render through this type.
public struct VerdictRenderer: Sendable {
    /// The exercise the verdict is about, in `language` (its mistakes', checks' and choices' texts).
    public var exercise: Exercise
    /// The language to say it in.
    public var language: Language

    /// Creates a renderer.
    public init(exercise: Exercise, language: Language) {
        self.exercise = exercise
        self.language = language
    }

    /// The whole message: each finding's sentences, with the differing cells and the side-by-side
    /// picture; empty for a pass.
    public func message(_ verdict: Verdict) -> String { sentences(verdict, full: true) }

    /// The message without the list of differing cells and the picture, for a screen that draws
    /// the picture itself (`picture(_:)`).
    public func brief(_ verdict: Verdict) -> String { sentences(verdict, full: false) }

    /// The title of the named mistake the verdict names, in this language, when the course gives
    /// one (`title:`); nil otherwise.
    public func mistakeTitle(_ verdict: Verdict) -> String? {
        guard let id = verdict.mistake else { return nil }
        return exercise.mistakes.first { $0.id == id }?.title
    }

    /// The verdict with its `message` said by this renderer.
    public func rendered(_ verdict: Verdict) -> Verdict {
        var said = verdict
        said.message = message(verdict)
        return said
    }

    /// Answer and expected side by side, differing cells marked, when the verdict has the planes.
    public func picture(_ verdict: Verdict) -> String? {
        verdict.diagnosis?.planes?.text(in: language)
    }

    private func sentences(_ verdict: Verdict, full: Bool) -> String {
        if verdict.passed { return "" }
        guard !verdict.findings.isEmpty else {
            // An error, no answer, a time limit: one note (a verdict made before notes: its message).
            return verdict.note.map(language.say) ?? verdict.message
        }
        var parts: [String] = []
        for finding in verdict.findings {
            switch finding.source {
            case .mistake:
                parts.append(mistakeMessage(finding) ?? verdict.message)
            case .check:
                parts.append(checkMessage(finding))
            case .choice:
                parts.append(language.say(choiceSentence(finding)))
            case .diagnosis, .mutant, .comparison:
                var phrases = [finding.says ?? .empty]
                var picture: String?
                if full, let diagnosis = verdict.diagnosis {
                    if finding.source == .diagnosis, let cells = diagnosis.cellList { phrases.append(cells) }
                    picture = diagnosis.planes?.text(in: language)
                }
                parts.append(
                    ([language.say(Phrase(phrases, separator: "\n"))] + [picture].compactMap { $0 }).joined(
                        separator: "\n"))
            }
        }
        return parts.joined(separator: "\n")
    }

    /// A named mistake's message in this language, filled with the values grading found; nil when
    /// the exercise has no such mistake or its message interpolates an expression grading did not.
    private func mistakeMessage(_ finding: Verdict.Finding) -> String? {
        guard let mistake = exercise.mistakes.first(where: { $0.id == finding.id }) else { return nil }
        return MessageTemplate.render(mistake.message, fills: finding.fills ?? [:])
    }

    /// A failed check's message in this language, or the condition that does not hold when its
    /// message cannot be said for this answer.
    private func checkMessage(_ finding: Verdict.Finding) -> String {
        let check = exercise.checks.first { $0.id == finding.id }
        if let check, let fills = finding.fills,
            let message = MessageTemplate.render(check.message, fills: fills)
        {
            return message
        }
        return language.say(
            finding.says ?? GradingText().checkDoesNotHold(check?.expect.text ?? finding.id))
    }

    /// A choice finding's sentence: the wrong pick with the author's `why` in this language, or the
    /// missing right choice.
    private func choiceSentence(_ finding: Verdict.Finding) -> Phrase {
        guard let choice = finding.choice else { return finding.says ?? .empty }
        let kind = ChoiceFinding.Kind(rawValue: finding.id) ?? .wrong
        let counted = ChoiceFinding(
            kind: kind, choice: choice, wrongCount: Int(finding.numbers["wrong"] ?? 1),
            missingCount: Int(finding.numbers["missing"] ?? 1))
        return GradingText().choice(counted, why: exercise.solution?.why[choice]?.text(in: language))
    }

    /// A diagnosis's message, the list of differing cells and the picture, in `language`.
    static func diagnosisText(_ diagnosis: Diagnosis, language: Language) -> String {
        let said = language.say(
            Phrase([diagnosis.phrase] + [diagnosis.cellList].compactMap { $0 }, separator: "\n"))
        return ([said] + [diagnosis.planes?.text(in: language)].compactMap { $0 }).joined(separator: "\n")
    }
}
