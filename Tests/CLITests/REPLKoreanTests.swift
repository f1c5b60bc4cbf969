import Course
import Terminal
import Testing
import Wording

@testable import cnntutor

/// Korean lessons wrapped to the screen: no line wider than the terminal, counting Hangul as two
/// columns.
@Suite("REPL in Korean")
struct REPLKoreanTests {
    @Test(arguments: [40, 80])
    func koreanLessonTextFitsTheWidth(_ width: Int) throws {
        let lesson = REPLHarness.course.lessons(in: "ko")[1]
        // Through every step of lesson 2: Enter on text, :skip at exercises.
        let moves = lesson.steps.map { $0.exercise == nil ? "" : ":skip" }
        let run = REPLHarness.run([":lang ko", ":open 2"] + moves + [":quit"], width: width)
        #expect(run.text.contains(lesson.title))
        #expect(run.text.contains("2번 레슨의 끝입니다"))
        // Code is never broken (a copy must run): a code line wider than the screen stands whole.
        let code = Set(
            lesson.steps.flatMap(\.examples).flatMap { $0.text.split(separator: "\n").map(String.init) })
        let wide = run.screen.lines.filter { displayWidth($0) > width && !code.contains($0) }
        #expect(wide.isEmpty, "lines wider than \(width): \(wide)")
        // The text really is Korean: a Hangul syllable on most steps.
        #expect(run.text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) })
    }

    /// The tutor's own sentences follow the learner's language too, not only the lesson text.
    @Test func exerciseFeedbackIsInKorean() throws {
        // Lesson 1, step 2 is `count-elements` (x = zeros(2, 3, 4)): a named mistake, a hint, a pass.
        let run = REPLHarness.run(
            [":open 1", "", "2 + 3 + 4", ":hint", "x.numel()", ":quit"], language: "ko")
        #expect(run.text.contains("연습 문제 count-elements (1점)"))
        // The mistake's id is a name in the course's own language: a Korean session without a
        // Korean title names none (the message that follows says what went wrong).
        #expect(run.text.contains("✗ 아직 아닙니다."))
        #expect(!run.text.contains("added-sizes"))
        #expect(run.text.contains("힌트 1/2:"))
        #expect(run.text.contains("✓ 정답입니다! 1/1점."))
        #expect(!run.text.contains("Correct!"))
        #expect(!run.text.contains("Not yet"))
    }

    /// `:step` and `:show` draw with Korean captions and legends in a Korean session (the walk's
    /// numbers are the engine's either way), and English ones after `:lang en`.
    @Test func picturesAreCaptionedInKorean() throws {
        // Lesson 2, step 2 (the exercise one-position) binds img (4 × 4) and k (2 × 2, its corner -3).
        let walk = ":step conv2d(img[None, None], k[None, None], padding=1)"
        let run = REPLHarness.run(
            [":open 2", "", walk, "q", ":show img", ":show ones(2, 3, 4, 4)", ":quit"], language: "ko")
        for caption in [
            "위치 1/25: output[0, 0]", "입력 (패딩 1)", "커널", "창 × 커널", "합 = 0 + 0 + 0 + (-3) = -3", "출력",
            "모양 [4, 4]", "눈금 \" .:-=+*#%@\": 0부터 3까지", "모양 [2, 3, 4, 4] 가운데 첫 번째 평면만 그립니다(평면 6개).",
        ] {
            #expect(run.text.contains(caption), "\(caption)")
        }
        for english in ["step 1 of", "window × kernel", "sum =", "scale \"", "shape [", "planes of shape"] {
            #expect(!run.text.contains(english), "\(english)")
        }
        let english = REPLHarness.run([":open 2", "", walk, "q", ":show img", ":quit"], language: "en")
        #expect(english.text.contains("step 1 of 25: output[0, 0]"))
        #expect(english.text.contains("input (padding 1)"))
        #expect(english.text.contains("sum = 0 + 0 + 0 + (-3) = -3"))
        #expect(english.text.contains("scale \" .:-=+*#%@\" from 0 to 3"))
    }

    /// Looking is not answering, and the REPL says so in Korean.
    @Test func notGradedNotesAreInKorean() throws {
        // count-elements (x = zeros(2, 3, 4)) wants a number: x.shape only looks; a step with no
        // value runs; x.numel() answers.
        let run = REPLHarness.run(
            [":open 1", "", "x.shape", "show(x[0])", "manual_seed(0)", "x.numel()", ":quit"], language: "ko")
        #expect(run.text.contains("torch.Size([2, 3, 4])"))
        #expect(run.text.contains("(채점하지 않고 보여 주기만 했습니다."))
        #expect(run.text.contains("(실행했지만 값이 없어 채점하지 않았습니다. 이어서 답을 입력하세요.)"))
        #expect(!run.text.contains("not graded"))
        #expect(run.text.contains("✓ 정답입니다! 1/1점."))
        #expect(try run.attempts().map(\.verdict) == [.pass])
    }

    /// A wrong answer with no named mistake gets the grader's own diagnosis in Korean too, after
    /// switching with `:lang ko`: 12 is 2 · 3 · 4 with a factor dropped, not "averaged".
    @Test func diagnosisIsInKorean() throws {
        // Lesson 1, step 2 is `count-elements`: x = zeros(2, 3, 4) holds 24 numbers.
        let run = REPLHarness.run([":lang ko", ":open 1", "", "12", ":quit"])
        #expect(run.text.contains("✗ 아직 아닙니다."))
        #expect(run.text.contains("입력한 답은 12입니다. 인수 `2` 없이 하면 이 결과가 나옵니다."))
        #expect(!run.text.contains("Your answer is"))
        #expect(!run.text.contains("averaged"))
    }

    @Test func startsInKoreanWhenAsked() throws {
        let run = REPLHarness.run([":quit"], language: "ko")
        #expect(run.session.language == "ko")
        #expect(run.text.contains(REPLHarness.course.lessons(in: "ko")[0].title))
    }

    /// The REPL's sentences around commands and moves are Korean too.
    @Test func commandSentencesAreInKorean() throws {
        // Lesson 1, step 2 is `count-elements`.
        let run = REPLHarness.run(
            [
                ":open 1", "", ":skip", ":back", ":goto nothing", ":frobnicate", ":h", ":open", ":help",
                ":quit",
            ],
            width: 120, language: "ko")
        #expect(run.text.contains("프로필 ada · 언어 ko · :help는 명령 목록, Ctrl-D는 저장하고 끝내기입니다."))
        #expect(run.text.contains("count-elements 문제를 건너뛰었습니다. :goto count-elements 명령으로 돌아올 수 있습니다."))
        #expect(run.text.contains("'nothing' 문제는 없습니다."))
        #expect(run.text.contains("없는 명령입니다: ':frobnicate'."))
        #expect(run.text.contains("':h'만으로는 :hint, :help 중 어느 것인지 알 수 없습니다."))
        #expect(run.text.contains(":open 뒤에 레슨 번호나 id를 쓰세요."))
        #expect(run.text.contains("명령:"))
        #expect(run.text.contains("레슨 언어 바꾸기 (예: en, ko)"))
        for english in ["Skipped", "No exercise", "unknown command", "could be", "Commands:", "Profile ada"] {
            #expect(!run.text.contains(english), "still English: \(english)")
        }
    }

    /// Ctrl-C while training says, in Korean, that earlier names are kept.
    @Test func ctrlCIsToldInKorean() throws {
        let interrupts = DelayedInterrupt(run: 3, after: .milliseconds(300))
        let harness = REPLHarness(
            [
                "(train_x, train_y), test = digits()", "net = nn.Sequential(nn.Flatten(), nn.Linear(64, 10))",
                "h = train(net, (train_x, train_y), epochs=100000, batch_size=8)", ":quit",
            ], language: "ko", interrupts: interrupts)
        harness.session.run()
        #expect(harness.text.contains("중단했습니다(Ctrl-C). 앞서 만든 이름은 그대로 남아 있습니다."))
        #expect(!harness.text.contains("Stopped (Ctrl-C)"))
    }

    /// Code that does not run is explained in Korean, with the caret under the same place.
    @Test func errorsAreInKoreanWithTheCaret() throws {
        let keyword = "y = conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), paddng=1)"
        let shapes = "conv2d(ones(1, 3, 5, 5), ones(1, 1, 3, 3))"
        let run = REPLHarness.run(
            [keyword, "conv2(1)", shapes, "zeros(2, 3", ":quit"], width: 120, language: "ko")
        let lines = run.screen.lines
        let typo = try #require(lines.firstIndex { $0.hasPrefix("1:48: 오류: ") })
        #expect(lines[typo] == "1:48: 오류: conv2d()에 없는 키워드 인자입니다: 'paddng'. 혹시 'padding'의 오타입니까?")
        #expect(lines[typo + 1] == keyword)
        #expect(lines[typo + 2] == String(repeating: " ", count: 47) + "^~~~~~")
        #expect(run.text.contains("1:1: 오류: 없는 이름입니다: 'conv2'. 혹시 'conv2d'의 오타입니까?\nconv2(1)\n^~~~~\n"))
        // Wrapped at a word at 120 columns: the message's end on a second line, then the caret.
        #expect(run.text.contains("1:1: 오류: conv2d의 가중치 모양은 [?, 3, ?, ?]이어야 하는데 [1, 1, 3, 3]입니다."))
        #expect(run.text.contains("입력 [1, 3, 5, 5]의 채널이 3개이기"))
        #expect(run.text.contains("때문입니다.\n\(shapes)\n^" + String(repeating: "~", count: 41) + "\n"))
        #expect(run.text.contains("1:6: 오류: 여는 괄호 '('를 닫지 않았습니다.\nzeros(2, 3\n     ^\n"))
        #expect(!run.text.contains("error:"))
        #expect(!run.text.contains("did you mean"))
    }

    /// On a narrow screen the message wraps at words; the source line and the caret under it are
    /// left whole, so the caret still points at the typo.
    @Test func narrowScreensWrapTheMessageNotTheCaret() throws {
        let keyword = "y = conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), paddng=1)"
        let run = REPLHarness.run([keyword, ":quit"], width: 40, language: "ko")
        let lines = run.screen.lines
        let source = try #require(lines.lastIndex(of: keyword))
        #expect(lines[source + 1] == String(repeating: " ", count: 47) + "^~~~~~")
        let header = try #require(lines[..<source].lastIndex { $0.hasPrefix("1:48: 오류: ") })
        #expect(source - header > 1)
        #expect(lines[header..<source].joined(separator: " ").contains("혹시 'padding'의 오타입니까?"))
        let wide = lines.filter {
            displayWidth($0) > 40 && !$0.hasSuffix(keyword) && !$0.hasSuffix("^~~~~~")
        }
        #expect(wide.isEmpty, "lines wider than 40: \(wide)")
    }

    /// An answer that does not run is graded as an error, and its report is Korean too.
    @Test func anAnswerThatFailsIsExplainedInKorean() throws {
        // Lesson 1, step 2 is `count-elements` (x = zeros(2, 3, 4)).
        let run = REPLHarness.run([":open 1", "", "x.numel(dim=0)", "x.nume()", ":quit"], language: "ko")
        #expect(run.text.contains("✗ 답이 실행되지 않았습니다:"))
        #expect(run.text.contains("1:3: 오류: 텐서에 없는 속성입니다: 'nume'. 혹시 'numel'의 오타입니까?\nx.nume()\n  ^~~~\n"))
        #expect(run.text.contains("numel()에 없는 키워드 인자입니다: 'dim'."))
        // A failed inspection (`x.numel(dim=0)`) is no attempt; the failed answer is one.
        #expect(try run.attempts().map(\.verdict) == [.error])
    }

    /// `:progress` and `:step`'s refusals speak Korean; the table's columns stay aligned.
    @Test func progressAndStepAreInKorean() throws {
        let run = REPLHarness.run(
            [
                ":open 1", ":progress", ":step ones(3, 3)",
                ":step conv2d(ones(1, 1, 3, 3), ones(1, 1, 5, 5))", ":quit",
            ],
            width: 120, language: "ko")
        let header = try #require(run.screen.lines.first { $0.hasPrefix("레슨") })
        #expect(header.contains("통과") && header.contains("점수") && header.contains("상태"))
        #expect(run.text.contains("진행 중 (7단계 중 1단계)"))
        #expect(run.text.contains("시작 전"))
        #expect(run.text.contains("레슨 0/6개 완료"))
        // Every row puts its title at the same column as the header's.
        let rows = run.screen.lines.drop { !$0.hasPrefix("레슨") }.prefix(7)
        let titleColumn = displayWidth(String(header.prefix { $0 != "제" }))
        for row in rows.dropFirst() {
            let lesson = REPLHarness.course.lessons(in: "ko").first { row.hasPrefix($0.id) }
            let title = try #require(lesson?.title)
            #expect(displayWidth(String(row.dropLast(title.count))) == titleColumn, "\(row)")
        }
        #expect(run.text.contains(":step 명령은 conv2d(img[None, None], k[None, None])나"))
        #expect(run.text.contains("1:1: 오류:"))
        #expect(!run.text.contains("not started"))
        #expect(!run.text.contains("is larger than the padded input"))
    }

    /// `:help` fits a narrow screen: summaries wrap at words under themselves.
    @Test(arguments: [("ko", 40), ("ko", 80), ("en", 40), ("en", 80)])
    func helpFitsTheWidth(_ language: String, _ width: Int) throws {
        let run = REPLHarness.run([":help", ":quit"], width: width, language: Language(language))
        let lines = run.screen.lines.drop { !$0.hasPrefix(language == "ko" ? "명령:" : "Commands:") }
            .prefix { !$0.hasPrefix("cnn>") }
        #expect(lines.count > REPLCommand.all.count)
        let wide = lines.filter { displayWidth($0) > width }
        #expect(wide.isEmpty, "lines wider than \(width): \(wide)")
        // Every command still starts its own line.
        for help in REPLCommand.all { #expect(lines.contains { $0.hasPrefix("  :" + help.name) }) }
    }
}
