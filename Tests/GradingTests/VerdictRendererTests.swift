import Foundation
import Testing
import Wording

@testable import Course
@testable import Grading

/// One renderer for every verdict: a verdict graded in one language, sent through JSON as `grade`'s
/// workers send it, reads in another language exactly as a verdict graded in that language does —
/// over every wrong answer of the corpora and every wrong answer the courses record.
@Suite(.serialized) struct VerdictRendererTests {
    typealias Corpus = WrongAnswerCorpusTests.Corpus

    /// Every exercise of the corpus's course in `language`, by `lesson/exercise`.
    static func exercises(_ course: Course, _ language: Language) -> [String: Exercise] {
        var exercises: [String: Exercise] = [:]
        for lesson in course.lessons(in: language) {
            for exercise in lesson.exercises { exercises["\(lesson.id)/\(exercise.id)"] = exercise }
        }
        return exercises
    }

    @Test(arguments: [Corpus.shipped, Corpus.elsewhere, Corpus.blind, Corpus.blind2])
    func aVerdictGradedInEnglishReadsInKoreanAsOneGradedInKorean(corpus: Corpus) throws {
        var compared = 0
        for part in corpus.parts {
            compared += try Self.compareRenderings(part)
        }
        #expect(compared >= 40, "only \(compared) verdicts compared")
    }

    /// Renders every wrong answer of one fixture (and every one its course records) in both
    /// languages; returns how many verdicts were compared.
    static func compareRenderings(_ part: Corpus.Part) throws -> Int {
        var compared = 0
        let course = try CourseLoader.load(at: part.course.path)
        let grader = Grader(options: .forCourse(part.course.path))
        let english = Self.exercises(course, .english)
        let korean = Self.exercises(course, Language("ko"))
        var answers = try WrongAnswerCorpusTests.entries(in: part.fixture).wrong.map {
            ($0.exercise, $0.answer)
        }
        for (key, exercise) in english.sorted(by: { $0.key < $1.key }) {
            answers += (exercise.solution?.wrong ?? []).map { (key, $0.answer.text) }
        }
        for (key, answer) in answers {
            guard let inEnglish = english[key], let inKorean = korean[key] else {
                Issue.record("unknown exercise \(key)")
                continue
            }
            let graded = grader.grade(answer, for: inEnglish, language: .english)
            let data = try GradingWorker.encoder().encode(graded)
            let verdict = try GradingWorker.decoder().decode(Verdict.self, from: data)
            #expect(try GradingWorker.encoder().encode(verdict) == data, "\(key): \(answer)")
            // The engine's errors are said by the engine, in the grading language: an answer that
            // does not run (`note`), a network that cannot run on the input (its finding quotes
            // the engine's diagnostic verbatim).
            guard verdict.status != .error, verdict.status != .timeout,
                !verdict.findings.contains(where: { $0.id == "network-cannot-run" })
            else { continue }
            let direct = grader.grade(answer, for: inKorean, language: Language("ko"))
            let renderer = VerdictRenderer(exercise: inKorean, language: Language("ko"))
            #expect(renderer.message(verdict) == direct.message, "\(key): \(answer)")
            #expect(
                renderer.brief(verdict)
                    == VerdictRenderer(exercise: inKorean, language: Language("ko")).brief(direct),
                "\(key): \(answer)")
            #expect(renderer.picture(verdict) == direct.diagnosis?.sideBySide, "\(key): \(answer)")
            let inEnglishAgain = VerdictRenderer(exercise: inEnglish, language: .english)
            #expect(inEnglishAgain.message(verdict) == graded.message, "\(key): \(answer)")
            compared += 1
        }
        return compared
    }
}

extension VerdictRendererTests {
    static let tiny = TestExercises.tinyCourse

    /// A named mistake graded in English reads in Korean with the Korean message filled with the
    /// values grading found, and is named by its Korean title.
    @Test func aNamedMistakeReadsInTheReadersLanguageWithItsTitle() throws {
        let course = try CourseLoader.load(at: Self.tiny)
        let english = try #require(Self.exercises(course, .english)["01-basics/total"])
        let korean = try #require(Self.exercises(course, Language("ko"))["01-basics/total"])
        let verdict = Grader(options: .forCourse(Self.tiny)).grade("a.mean()", for: english)
        #expect(verdict.mistake == "averaged")
        #expect(verdict.findings.first?.fills == ["answer": "2"])
        let renderer = VerdictRenderer(exercise: korean, language: Language("ko"))
        #expect(renderer.message(verdict) == "평균(2)을 구했습니다. 합을 구하세요.")
        #expect(renderer.mistakeTitle(verdict) == "합 대신 평균을 구함")
        #expect(
            VerdictRenderer(exercise: english, language: .english).mistakeTitle(verdict)
                == "averaged instead of summed")
    }
}
