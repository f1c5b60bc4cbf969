/// The REPL's sentences around commands, navigation and running code, in the learner's language.
///
/// Kept apart from `SessionText.swift`, which holds what is said at a step or an exercise. Korean
/// keeps command names, ids and code as typed, and avoids a particle right after a number or a
/// name whose reading decides its form.
extension SessionText {
    // MARK: Running code

    var stoppedKeepingBindings: String {
        korean
            ? "중단했습니다(Ctrl-C). 앞서 만든 이름은 그대로 남아 있습니다."
            : "Stopped (Ctrl-C). Your earlier bindings are kept."
    }

    var stoppedNotGraded: String {
        korean
            ? "중단했습니다(Ctrl-C). 그 답은 채점하지 않았습니다."
            : "Stopped (Ctrl-C); that answer was not graded."
    }

    func setupFailed(_ error: String) -> String {
        korean
            ? "이 문제의 준비 코드가 실패해서 채점할 수 없습니다: \(error)"
            : "This exercise's setup failed, so it cannot be graded: \(error)"
    }

    var noExample: String { korean ? "이 단계에는 실행할 예제가 없습니다." : "This step has no example to run." }

    func couldNotSave(_ error: String) -> String {
        korean ? "진행 상황을 저장하지 못했습니다: \(error)" : "Could not save progress: \(error)"
    }

    // MARK: Exercises

    var noExerciseForAnswer: String {
        korean ? "답은 연습 문제에서만 냅니다. 이 단계에는 문제가 없습니다." : "Answers belong to exercises; this step has none."
    }

    var assignmentIsNotAnAnswer: String {
        korean
            ? "대입문은 답이 아닙니다. :submit 뒤에 식을 쓰세요(이름만 써도 됩니다)."
            : "An assignment is not an answer: :submit an expression (bare names are fine)."
    }

    var noExerciseForHint: String {
        korean ? "힌트는 연습 문제에만 있습니다. 이 단계에는 문제가 없습니다." : "Hints belong to exercises; this step has none."
    }

    func noMoreHints(seen count: Int) -> String {
        if count == 0 { return korean ? "이 문제에는 힌트가 없습니다." : "This exercise has no hints." }
        return korean
            ? "힌트를 모두 보았습니다(\(count)개)."
            : "No more hints (you have seen all \(count))."
    }

    var noExerciseForSolution: String {
        korean
            ? "모범 답안은 연습 문제에만 있습니다. 이 단계에는 문제가 없습니다."
            : "Solutions belong to exercises; this step has none."
    }

    var noSolution: String {
        korean ? "이 문제에는 저장된 모범 답안이 없습니다." : "This exercise has no recorded solution."
    }

    var solutionsNeverShown: String {
        korean ? "이 코스는 모범 답안을 보여 주지 않습니다." : "This course does not show solutions."
    }

    var confirmGiveUp: String {
        korean ? "이 문제를 포기하고 모범 답안을 볼까요?" : "Give up on this exercise and see the solution?"
    }

    var keepGoing: String { korean ? "계속해 보세요. :hint가 도움이 될 수 있습니다." : "Keep going — :hint may help." }

    var solutionHeading: String { korean ? "**모범 답안:**" : "**Solution:**" }

    func skipped(_ id: String) -> String {
        korean
            ? "\(id) 문제를 건너뛰었습니다. :goto \(id) 명령으로 돌아올 수 있습니다."
            : "Skipped \(id); :goto \(id) brings you back."
    }

    var waitsForAnswer: String {
        korean
            ? "이 문제는 답을 기다리고 있습니다. :hint는 힌트, :skip은 답하지 않고 넘어가기입니다."
            : "This exercise waits for an answer. :hint helps, :skip moves on without one."
    }

    // MARK: Lessons and navigation

    var noLessonOpen: String {
        korean ? "열린 레슨이 없습니다. :lessons로 레슨 목록을 볼 수 있습니다." : "No lesson is open; :lessons shows them."
    }

    var firstStep: String { korean ? "레슨의 첫 단계입니다." : "This is the lesson's first step." }

    func couldNotOpenProfile(_ profile: String, _ error: String) -> String {
        korean
            ? "프로필을 열 수 없습니다: '\(profile)' (\(error))"
            : "Could not open profile '\(profile)': \(error)"
    }

    func noSuchLanguage(_ asked: String, languages: String) -> String {
        korean
            ? "이 코스에는 '\(asked)' 언어가 없습니다. 있는 언어: \(languages)."
            : "This course has no '\(asked)' text; languages: \(languages)."
    }

    func welcome(profile: String) -> String {
        korean
            ? "프로필 \(profile) · 언어 \(language) · :help는 명령 목록, Ctrl-D는 저장하고 끝내기입니다."
            : "Profile \(profile) · language \(language) · :help lists the commands, Ctrl-D saves and quits."
    }

    func damagedDatabase(reason: String, movedTo: String) -> String {
        korean
            ? "진행 기록 데이터베이스가 손상되어(\(reason)) \(movedTo) 위치로 옮기고 새로 시작했습니다."
            : "Your progress database was damaged (\(reason)). It was moved to \(movedTo) "
                + "and a new one was started."
    }

    func noLesson(_ name: String) -> String { korean ? "'\(name)' 레슨은 없습니다." : "No lesson '\(name)'." }

    func noLesson(_ name: String, lessons: String) -> String {
        korean ? "'\(name)' 레슨은 없습니다. 레슨: \(lessons)." : "No lesson '\(name)'. Lessons: \(lessons)."
    }

    func welcomeBack(lesson: Int, step: Int) -> String {
        korean
            ? "다시 오신 것을 환영합니다! \(lesson)번 레슨의 \(step)단계부터 이어 갑니다."
            : "Welcome back! Resuming lesson \(lesson) at step \(step)."
    }

    func menuPrompt(minutes: Int, lesson: Int, title: String) -> String {
        korean
            ? "남은 시간은 약 \(minutes)분입니다. Enter를 누르면 \(lesson)번 레슨(\(title))을 시작합니다. "
                + "레슨 번호를 입력해도 됩니다."
            : "About \(minutes) minutes to go. Press Enter to start lesson \(lesson) "
                + "(\(title)), or type a lesson number."
    }

    func lessonOverview(steps: Int, exercises: Int, minutes: Int) -> String {
        korean
            ? "\(steps)단계, 연습 문제 \(exercises)개, 약 \(minutes)분."
            : "\(steps) steps, \(exercises) exercises, about \(minutes) minutes."
    }

    func lessonComplete(_ number: Int, title: String) -> String {
        korean ? "\(number)번 레슨 완료: \(title)." : "Lesson \(number) complete: \(title)."
    }

    func noExercise(_ target: String, here known: String) -> String {
        if korean {
            return "'\(target)' 문제는 없습니다." + (known.isEmpty ? "" : " 이 레슨의 문제: \(known).")
        }
        return "No exercise '\(target)'." + (known.isEmpty ? "" : " Here: \(known).")
    }

    func languages(_ list: String) -> String {
        korean
            ? "이 코스의 언어: \(list) (지금은 \(language))."
            : "Languages of this course: \(list) (now \(language))."
    }

    /// Said after `:lang` switched; `language` is already the new one.
    var languageSwitched: String { korean ? "언어: \(language)." : "Language: \(language)." }

    var whichLessonToReset: String {
        korean ? "어느 레슨인가요? :reset 레슨(번호나 id)." : "Which lesson? :reset LESSON (a number or an id)."
    }

    func confirmReset(_ number: Int, title: String) -> String {
        korean
            ? "\(number)번 레슨(\(title))의 답과 위치를 모두 지울까요?"
            : "Forget all your answers and your place in lesson \(number) (\(title))?"
    }

    var nothingReset: String { korean ? "아무것도 지우지 않았습니다." : "Nothing was reset." }

    func lessonReset(_ number: Int) -> String {
        korean ? "\(number)번 레슨을 초기화했습니다." : "Lesson \(number) reset."
    }

    /// The `[y/N]` after a yes/no question.
    var yesNo: String { korean ? "[y/N, 예/아니요]" : "[y/N]" }

    // MARK: Commands

    var commandsHeading: String { korean ? "명령:" : "Commands:" }

    /// Why a `:` line is not a command.
    func commandProblem(_ problem: REPLCommand.ParseError) -> String {
        guard korean else { return problem.message }
        switch problem.reason {
        case .notACommand: return "명령은 ':'로 시작합니다."
        case .unknown(let name): return "없는 명령입니다: ':\(name)'. :help 명령으로 목록을 볼 수 있습니다."
        case .ambiguous(let name, let options): return "':\(name)'만으로는 \(options) 중 어느 것인지 알 수 없습니다."
        case .needsArgument(let name, let argument): return ":\(name) 뒤에 \(koreanArgument(argument)) 쓰세요."
        case .takesNoArgument(let name): return ":\(name) 명령은 인자를 받지 않습니다."
        }
    }

    private func koreanArgument(_ argument: String) -> String {
        switch argument {
        case "EXERCISE": "문제 id를"
        case "LESSON": "레슨 번호나 id를"
        case "EXPR": "식을"
        default: "\(argument)을(를)"
        }
    }

    /// The `:help` lines in the session's language.
    var helpLines: [String] { REPLCommand.helpLines(korean: korean) }

    // MARK: :step, the convolution walk

    var walkKeys: String {
        korean
            ? "Enter는 다음 위치, a는 마지막 위치로, q는 멈추기입니다."
            : "Enter shows the next position, a jumps to the last, q stops."
    }

    var walkDone: String {
        korean
            ? "이것이 특징 맵 전체입니다. conv2d는 모든 위치를 한 번에 계산합니다."
            : "That is the whole feature map: conv2d computes every position at once."
    }

    /// Why `:step` cannot walk an expression.
    func walkProblem(_ problem: LessonSession.WalkProblem) -> String {
        guard korean else { return problem.message }
        switch problem {
        case .usage: return ":step 명령은 conv2d(img, k)나 conv2d(img, k, stride=2, padding=1) 같은 호출을 따라갑니다."
        case .argumentFailed: return "(따라가려면 인자가 모두 계산되어야 합니다)"
        case .notOnePlane: return "입력과 가중치는 평면이 하나인 텐서여야 합니다: [H, W] 또는 [1, 1, H, W]."
        case .bias: return "편향은 수 하나여야 합니다."
        case .stride: return "따라가기는 두 축에 같은 stride 하나만 받습니다. 1부터 64까지의 정수여야 합니다."
        case .samePadding: return "padding='same'은 stride가 1이고 커널이 홀수 크기의 정사각형일 때만 따라갈 수 있습니다."
        case .padding: return "따라가기는 양쪽에 같은 padding 하나만 받습니다(정수, 'same', 'valid')."
        case .strideBelowOne: return "stride는 1 이상이어야 합니다."
        case .kernelLargerThanInput: return "커널이 (패딩한) 입력보다 큽니다."
        case .tooLarge(let largest):
            return "입력이 너무 커서 그릴 수 없습니다(최대 \(largest)×\(largest)). img[..., 0:8, 0:8]처럼 일부만 따라가세요."
        }
    }
}
