import AnswerLanguage
import Course
import Foundation
import Grading
import Testing
import Wording

/// Grading in Korean (`cnntutor grade --lang ko`, and the grader the REPL calls) over answers the
/// engine or the answer language refuses shows no English sentence of the tool's own, and every
/// sentence of such a verdict comes from the catalogs.
@Suite struct KoreanGradingTests {
    static let tiny = GradeCommandTests.tiny

    /// Networks for the tiny course's `tiny-net` (`input_shape: [1, 1, 6, 6]`) that cannot run on
    /// its input or cannot be built: a layer refuses the input, a setting, or the sizes.
    static let networks = [
        "nn.Conv2d(3, 2, 3)",
        "nn.Sequential(nn.Conv2d(1, 2, 3), nn.Linear(5, 2))",
        "nn.Sequential(nn.Conv2d(1, 2, 3, stride=2, padding='same'))",
        "nn.Conv2d(1, 2, 9)",
        "nn.Sequential(nn.MaxPool2d(9))",
        "nn.Sequential(nn.Flatten(), nn.Linear(3, 2))",
        "nn.Conv2d(1, 2, 3, padding=-1)",
        "nn.Sequential(nn.Conv2d(1, 2, 3, dilation=4))",
        "nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(3))",
        "nn.Sequential(nn.AvgPool2d(2, padding=2))",
        "nn.Conv2d(1, 2, 3, groups=2)",
        "nn.Sequential(nn.Conv2d(1, 2, 3), nn.Flatten(), nn.Linear(10, 2))",
    ]

    /// The answers graded: every erroring input of `KoreanErrorsTests` at `01-basics/total` (a
    /// value exercise whose setup binds `a`), and the networks above at `02-networks/tiny-net`.
    static var answers: [(exercise: String, answer: String)] {
        (KoreanErrorsTests.erroring + [timeLimited]).map { ("01-basics/total", $0) }
            + networks.map { ("02-networks/tiny-net", $0) }
    }

    /// An answer that runs past the exercise's time limit (2 s).
    static let timeLimited = "for i in range(10 ** 9):\n    pass"

    /// The inputs reach every kind of error a learner can cause by typing (not `input`: invalid
    /// UTF-8 and oversized input never come from a line typed here; not `cancelled`: Ctrl-C), so
    /// every `CNNError.Code` but `cancelled` too, as the kinds mirror them.
    @Test func theInputsReachEveryKindOfError() {
        var kinds: Set<LanguageError.Kind> = [.timeLimit]  // `timeLimited`: graded (and checked) below
        for source in KoreanErrorsTests.erroring {
            do { _ = try Interpreter().run(source) } catch { kinds.insert(error.kind) }
        }
        #expect(Set(LanguageError.Kind.allCases).subtracting(kinds) == [.input, .cancelled])
    }

    /// The lines of a verdict's message that are the tool's own: a diagnostic's source line and
    /// caret (the answer as typed) are left out.
    static func ownLines(_ message: String) -> [String] {
        message.split(separator: "\n").map(String.init).filter { line in
            // A long line is shown cut to a window, `…` at the cuts.
            let shown = line.trimmingCharacters(in: CharacterSet(charactersIn: "…"))
            return !line.allSatisfy { " ^~".contains($0) } && !typedLines.contains { $0.contains(shown) }
        }
    }

    /// Every line of every answer, as a diagnostic shows it under its message.
    static let typedLines = Set(
        (KoreanErrorsTests.erroring + networks + [timeLimited]).flatMap {
            $0.split(separator: "\n").map(String.init)
        })

    static func hasHangul(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
    }

    @Test func gradeDashDashLangKoSaysEveryRefusalInKorean() throws {
        var files: [String: Data] = [:]
        for (index, item) in Self.answers.enumerated() {
            files[String(format: "learner%03d.yaml", index)] = GradeCommandTests.submission(
                String(format: "learner%03d", index), [item.exercise: item.answer])
        }
        let folder = try GradeCommandTests.folder(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try BinaryRun.run([
            "grade", folder.path, "--course", Self.tiny, "--lang", "ko", "--format", "json", "--in-process",
        ])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.error)")
        let learners = try #require(document["learners"] as? [[String: Any]])
        #expect(learners.count == Self.answers.count)
        var checked = 0
        for learner in learners {
            let name = try #require(learner["learner"] as? String)
            let index = try #require(Int(name.dropFirst("learner".count)))
            let item = Self.answers[index]
            let results = try #require(learner["results"] as? [[String: Any]])
            for result in results where (result["exercise"] as? String) == item.exercise {
                let message = try #require(result["message"] as? String)
                #expect(result["status"] as? String != "pass", "\(item.answer) passed")
                if item.answer == Self.timeLimited { #expect(result["status"] as? String == "timeout") }
                #expect(Self.hasHangul(message), "\(item.answer): \(message)")
                for line in Self.ownLines(message) {
                    #expect(KoreanErrorsTests.englishSentence(in: line) == nil, "\(item.answer): \(line)")
                }
                checked += 1
            }
        }
        #expect(checked == Self.answers.count)
    }

    /// A Korean REPL session at an exercise (lesson 1's `count-elements`): refused answers are
    /// graded and said in Korean, as are refused inputs that are not answers (assignments).
    @Test func aKoreanSessionSaysRefusalsInKorean() throws {
        let inputs = KoreanErrorsTests.erroring.filter { !$0.contains("\n") && !$0.hasPrefix("for ") }
        // Wide enough that no message wraps inside a code span.
        let run = REPLHarness.run([":open 1", ""] + inputs + [":quit"], width: 400, language: "ko")
        let text = run.text
        let first = try #require(text.range(of: inputs[0]))
        var checked = 0
        for line in text[first.lowerBound...].split(separator: "\n").map(String.init) {
            // The answers as typed and echoed, their carets, and the lesson's own prompt.
            guard !inputs.contains(where: { line.contains($0) }), !line.allSatisfy({ " ^~".contains($0) })
            else { continue }
            #expect(KoreanErrorsTests.englishSentence(in: line) == nil, "\(line)")
            checked += 1
        }
        #expect(checked >= inputs.count)
    }

    /// The grader in the pseudo-language: a refused answer's verdict is the catalogs' from end to
    /// end (a diagnostic's position and the answer's own line and caret aside).
    @Test func aRefusedAnswersVerdictIsSaidFromTheCatalogs() throws {
        let course = try CourseLoader.load(at: Self.tiny)
        let grader = Grader(options: GradingOptions.forCourse(Self.tiny))
        for item in Self.answers {
            let exercise = try #require(course.exercise(named: item.exercise)?.exercise)
            let verdict = grader.grade(item.answer, for: exercise, language: CatalogCoverageTests.pseudo)
            #expect(verdict.status != .pass, "\(item.answer) passed")
            // The course's own check messages are its author's words (in English here).
            let authored = exercise.checks.map { String($0.message.prefix { $0 != "{" }) }
            for line in Self.ownLines(verdict.message) where !authored.contains(where: line.hasPrefix) {
                // `1:5: ⟦error⟧: ⟦…⟧`: the position and the colon after the header are the
                // diagnostic's layout, not a sentence.
                let said = line.replacingOccurrences(
                    of: #"^(\d+:\d+: )?(⟦[^⟦⟧]*⟧): "#, with: "$2 ", options: .regularExpression)
                #expect(CatalogCoverageTests.isRouted(said), "\(item.answer): \(line)")
            }
        }
    }
}

extension KoreanGradingTests {
    /// `learn --lang ko` that cannot open its progress database says so in Korean, the reason
    /// (a file where the data folder should be) included.
    @Test func aProgressDatabaseThatCannotOpenIsToldInKorean() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "learn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: blocker)
        let data = blocker.appendingPathComponent("data").path
        let korean = try REPLBinaryTests.run(["learn", "--data-dir", data, "--lang", "ko"], input: "")
        #expect(korean.status == 2)
        #expect(korean.stderr.contains("진행 상황 데이터베이스를 열 수 없습니다: \(data)"), "\(korean.stderr)")
        #expect(korean.stderr.contains("진행 상황 폴더를 만들 수 없습니다"), "\(korean.stderr)")
        let english = try REPLBinaryTests.run(["learn", "--data-dir", data], input: "")
        #expect(
            english.stderr.contains("Cannot open the progress database in \(data): \(data): cannot create"))
    }
}
