import Testing
import Wording

@testable import Course

@Suite struct CourseLoaderTests {
    @Test func tinyCourseLoadsWithoutProblems() throws {
        let course = try CourseLoader.load(at: FixtureCourses.tiny)
        #expect(course.problems == [])
        #expect(course.id == "tiny")
        #expect(course.version == 3)
        #expect(course.defaultLanguage == "en")
        #expect(course.languages == ["en", "ko"])
        #expect(course.title(in: "ko") == "작은 강좌")
        #expect(course.solutionPolicy == .always)
        #expect(course.lessons.map(\.id) == ["01-basics", "02-networks"])
        #expect(course.points == 2 + 3 + 1 + 2 + 1)
    }

    @Test func frontMatterAndSteps() throws {
        let lesson = try #require(try CourseLoader.load(at: FixtureCourses.tiny).lesson("01-basics"))
        #expect(lesson.title == "Basics")
        #expect(lesson.minutes == 10)
        #expect(lesson.requires == [])
        // Intro; "Sums" up to its exercise; the text after it; "Feature maps"; "Choosing".
        #expect(lesson.steps.map(\.title) == [nil, "Sums", "Sums", "Feature maps", "Choosing"])
        #expect(lesson.steps.map { $0.exercise?.id } == [nil, "total", nil, "feature-map", "same-size"])
        let intro = lesson.steps[0].markdown
        #expect(intro.hasPrefix("# Basics"))
        #expect(intro.contains("| `conv2d` | no |"))
        let example = try #require(lesson.steps[1].examples.first)
        #expect(example.text == "a = tensor([1., 2., 3.])\na.sum()\n")
        #expect(example.location.line == 20)
        #expect(lesson.steps[2].markdown == "Text after an exercise starts a new step.")
    }

    @Test func everyExerciseField() throws {
        let lesson = try #require(try CourseLoader.load(at: FixtureCourses.tiny).lesson("01-basics"))
        let total = try #require(lesson.exercise("total"))
        #expect(total.kind == .value)
        #expect(total.points == 2)
        #expect(total.prompt == "What is the sum of `a`?\n")
        #expect(total.setup?.text == "a = tensor([1., 2., 3.])\n")
        // The setup's first line is line 31 of the file (`grep -n`), indented two spaces.
        #expect(total.setup?.location.line == 31)
        #expect(total.setup?.location.column == 3)
        #expect(total.hints == ["Use `.sum()`.", "It is 1 + 2 + 3."])
        #expect(total.tolerance == Exercise.Tolerance(rtol: 1e-3, atol: 1e-4))
        #expect(total.checks.map(\.id) == ["positive"])
        #expect(total.checks[0].expect.text == "answer > 0")
        #expect(total.checks[0].expect.location == CourseLocation(file: lesson.file, line: 38, column: 13))
        #expect(total.checks[0].points == 1)
        #expect(total.mistakes.map(\.id) == ["averaged"])
        #expect(total.mistakes[0].when.text == "answer == a.mean()")
        #expect(total.limits == Exercise.Limits(time: 2, elements: 1000, memory: 16 * 1_048_576))
        #expect(total.compare)
        #expect(total.location.line == 24)

        let choice = try #require(lesson.exercise("same-size"))
        #expect(choice.kind == .choice)
        #expect(choice.multiple)
        #expect(choice.choices.map(\.id) == ["a", "b", "c"])
        #expect(choice.tolerance == .standard)
        #expect(choice.limits == Exercise.Limits())

        let networks = try #require(try CourseLoader.load(at: FixtureCourses.tiny).lesson("02-networks"))
        #expect(networks.exercise("tiny-net")?.inputShape == [1, 1, 6, 6])
        #expect(networks.exercise("kernel-size")?.compare == false)
    }

    /// A mistake's title is in the lesson's language: the translation's, written `id: {title:,
    /// message:}`, or none — never the default language's words in a translated lesson.
    @Test func mistakeTitlesPerLanguage() throws {
        let course = try CourseLoader.load(at: FixtureCourses.tiny)
        let lesson = { (code: Language) in course.lessons(in: code).first { $0.id == "01-basics" } }
        let english = try #require(lesson("en")?.exercise("total"))
        let korean = try #require(lesson("ko")?.exercise("total"))
        #expect(english.mistakes.map(\.title) == ["averaged instead of summed"])
        #expect(korean.mistakes.map(\.title) == ["합 대신 평균을 구함"])
        #expect(korean.mistakes.map(\.message) == ["평균({answer})을 구했습니다. 합을 구하세요."])
        let flipped = try #require(lesson("ko")?.exercise("feature-map"))
        #expect(flipped.mistakes.map(\.title) == [nil])
    }

    @Test func solutionsAreAttached() throws {
        let course = try CourseLoader.load(at: FixtureCourses.tiny)
        let total = try #require(course.exercise(named: "01-basics/total")?.exercise.solution)
        #expect(total.reference.text == "a.sum()")
        #expect(total.alternatives.map(\.text) == ["6", "1 + 2 + 3"])
        #expect(total.wrong.map(\.answer.text) == ["a.mean()", "5"])
        #expect(total.wrong.map(\.mistake) == ["averaged", nil])
        let featureMap = try #require(course.exercise(named: "01-basics/feature-map")?.exercise.solution)
        #expect(featureMap.wrong.map(\.mistake) == ["flipped-kernel", nil])
        #expect(featureMap.reference.location.line == 12)
        #expect(course.allExercises.allSatisfy { $0.exercise.solution != nil })
    }

    @Test func missingCourseThrows() {
        #expect(throws: CourseError.self) {
            try CourseLoader.load(at: FixtureCourses.folder.path + "/nowhere")
        }
    }

    @Test func brokenCourseReportsEveryProblemWhereItIs() throws {
        let course = try CourseLoader.load(at: FixtureCourses.broken)
        let found = course.problems.map { problem in
            problem.description.replacingOccurrences(of: FixtureCourses.broken + "/", with: "")
                .replacingOccurrences(of: FixtureCourses.broken, with: "")
        }
        let expected = [
            "01-broken/lesson.en.md:2:1: the lesson's id is '01-wrong-id'; expected '01-broken', its folder's name",
            "01-broken/lesson.en.md:4:12: requires unknown lesson '00-nothing'",
            "01-broken/lesson.en.md:15:1: invalid YAML in exercise block: did not find expected ',' or ']' (while parsing a flow sequence at line 3)",
            "01-broken/lesson.en.md:21:7: exercise 'bad-kind': unknown kind 'tensr' — did you mean 'tensor'?",
            "01-broken/lesson.en.md:29:1: exercise block: unknown field 'hint' — did you mean 'hints'?",
            "01-broken/lesson.en.md:33:1: exercise 'no-choices' has no reference answer: expected 'no-choices:' in Solutions/01-broken.yaml",
            "01-broken/lesson.en.md:34:1: exercise 'no-choices': a choice exercise needs 'choices' (a list of id and text)",
            "01-broken/lesson.en.md:37:1: exercise 'no-choices': the checks' points add up to 5, more than the exercise's 1",
            "01-broken/lesson.en.md:46:3: a ```exercise block must not be inside a list or quote: start it at the left margin",
            "01-broken/lesson.en.md:50:1: exercise id 'misspelt' is used twice in lesson '01-broken'",
            "01-broken/lesson.en.md:60:1: unknown fence 'exercize' — did you mean 'exercise'? (only ```cnn and ```exercise are special)",
            "01-broken/lesson.ko.md:2:1: the translation lacks exercise 'no-choices' (01-broken/lesson.en.md:33:1); learners see it in the default language",
            "01-broken/lesson.ko.md:10:1: a translation carries only text: 'kind' belongs in 01-broken/lesson.en.md",
            "01-broken/lesson.ko.md:12:1: translation of exercise 'misspelt' has 1 hint(s); expected 0 as in 01-broken/lesson.en.md",
            "01-broken/lesson.ko.md:15:3: translation of exercise 'misspelt': 'x' is not one of the exercise's mistakes in 01-broken/lesson.en.md",
            "01-broken/lesson.ko.md:18:1: exercise 'not-there' is not in 01-broken/lesson.en.md; a translation cannot add exercises",
            "Solutions/01-broken.yaml:4:7: wrong answer names mistake 'mm', which exercise 'misspelt' does not declare",
            "Solutions/01-broken.yaml:6:1: solutions file: unknown key 'unknown-exercise'; lesson '01-broken' has no such exercise; expected one of misspelt, no-choices",
            "course.yaml:6:3: 'title' has no text for language 'ko'",
            "course.yaml:8:5: 01-broken/lesson.fr.md is in language 'fr', which course.yaml's 'languages' does not list",
            "course.yaml:9:5: lesson '02-missing': cannot read 02-missing/lesson.en.md: No such file or directory; expected the lesson in the default language",
        ]
        #expect(found == expected)
    }

    @Test func brokenLessonStillLoadsItsGoodParts() throws {
        let course = try CourseLoader.load(at: FixtureCourses.broken)
        let lesson = try #require(course.lesson("01-broken"))
        #expect(lesson.exercises.map(\.id) == ["misspelt", "no-choices"])
        #expect(lesson.exercise("misspelt")?.solution?.reference.text == "1")
    }
}
