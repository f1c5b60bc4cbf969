import Terminal

/// The tutor's own words around the lesson text, in the learner's language.
///
/// Lesson text comes translated from the course; these are the sentences the REPL itself says
/// while a learner works through a step or an exercise, which a Korean learner should not have to
/// read in English. Languages without an entry here fall back to English.
struct SessionText {
    let language: String

    var korean: Bool { language == "ko" }

    func stepPosition(_ step: Int, of count: Int) -> String {
        korean ? "\(count)단계 중 \(step)단계" : "step \(step) of \(count)"
    }

    func continueStep(last: Bool, hasExample: Bool) -> String {
        if korean {
            let more = last ? "Enter를 누르면 레슨이 끝납니다" : "Enter를 누르면 계속합니다"
            return "(\(more)\(hasExample ? ", :run은 예제를 실행합니다" : "").)"
        }
        let more = last ? "Enter finishes the lesson" : "Enter continues"
        return "(\(more)\(hasExample ? ", :run runs the example" : "").)"
    }

    func exerciseHeading(_ id: String, points: Int) -> String {
        korean
            ? "**연습 문제 \(id)** (\(points)점)"
            : "**Exercise \(id)** (\(points) point\(points == 1 ? "" : "s"))"
    }

    var settledAfterSkipping: String {
        korean
            ? "이미 넘어간 문제입니다. 지금 답해도 됩니다. Enter를 누르면 계속합니다."
            : "You moved past this one; you can still answer it. Enter continues."
    }

    var settledAfterPassing: String {
        korean
            ? "이미 통과한 문제입니다. Enter를 누르면 계속합니다. 다시 답해도 괜찮습니다."
            : "You have passed this one. Enter continues; answering again is fine."
    }

    func chooseNote(multiple: Bool) -> String {
        switch (korean, multiple) {
        case (true, true): "맞는 보기의 글자를 모두 입력하세요(예: a, c)."
        case (true, false): "고른 보기의 글자를 입력하세요."
        case (false, true): "Type the letters of every right choice (e.g. a, c)."
        case (false, false): "Type the letter of your choice."
        }
    }

    func answerNote(hints: Int) -> String {
        if korean {
            return "식을 입력하면 채점합니다. 대입문은 이름만 붙이고, show(…)·print(…)·help(…)는 보여 주기만 합니다."
                + (hints > 0 ? " :hint는 힌트를 보여 줍니다(\(hints)개)." : "")
        }
        return "Type an expression to answer; assignments bind, and show(…), print(…), help(…) only look."
            + (hints > 0 ? " :hint gives a hint (\(hints))." : "")
    }

    /// After a look at an exercise (`show(img)`, `img`, `y.shape` when a tensor is wanted).
    var shownNotGraded: String {
        korean
            ? "(채점하지 않고 보여 주기만 했습니다. 답을 입력하거나 :submit 식)"
            : "(shown, not graded — type your answer, or :submit EXPR to grade this one)"
    }

    /// After code at a choice exercise (`conv2d(img, k)`, `img.shape`), which only the ids answer.
    func notGradedAtChoice(multiple: Bool) -> String {
        switch (korean, multiple) {
        case (true, true): "(채점하지 않았습니다. 답하려면 맞는 보기의 글자를 모두 입력하세요.)"
        case (true, false): "(채점하지 않았습니다. 답하려면 고른 보기의 글자를 입력하세요.)"
        case (false, true): "(not graded — to answer, type the letters of every right choice)"
        case (false, false): "(not graded — to answer, type the letter of your choice)"
        }
    }

    /// After a line with no value at an exercise (`loss.backward()`).
    var noValueNotGraded: String {
        korean
            ? "(실행했지만 값이 없어 채점하지 않았습니다. 이어서 답을 입력하세요.)"
            : "(ran, not graded — it has no value; type your answer next)"
    }

    func correct(points: Int, of maxPoints: Int) -> String {
        korean ? "✓ 정답입니다! \(points)/\(maxPoints)점." : "✓ Correct! \(points)/\(maxPoints) points."
    }

    func continueAfterPass(solutionsShown: Bool) -> String {
        if korean {
            return "Enter를 누르면 계속합니다." + (solutionsShown ? " :solution은 모범 답안을 보여 줍니다." : "")
        }
        return "Enter continues." + (solutionsShown ? " :solution shows the reference answer." : "")
    }

    var didNotRun: String { korean ? "✗ 답이 실행되지 않았습니다:" : "✗ Your answer did not run:" }

    func stopped(_ message: String) -> String { korean ? "✗ 중단됨: \(message)" : "✗ Stopped: \(message)" }

    /// "Not yet", with the named mistake and the partial points when there are any.
    func notYet(mistake: String?, points: Int, of maxPoints: Int) -> String {
        let named = mistake.map { " — \($0)" } ?? ""
        if korean {
            let partial = points > 0 ? " (지금까지 \(points)/\(maxPoints)점)" : ""
            return "✗ 아직 아닙니다\(named)\(partial)."
        }
        let partial = points > 0 ? " (\(points)/\(maxPoints) points so far)" : ""
        return "✗ Not yet\(named)\(partial)."
    }

    func tryAgain(hintsLeft: Bool) -> String {
        switch (korean, hintsLeft) {
        case (true, true): "다시 해 보세요. :hint로 힌트를 볼 수 있습니다."
        case (true, false): "다시 해 보세요. 포기하려면 :solution, 건너뛰려면 :skip."
        case (false, true): "Try again, or :hint for a hint."
        case (false, false): "Try again, :solution to give up, or :skip."
        }
    }

    func hintHeading(_ shown: Int, of count: Int) -> String {
        korean ? "**힌트 \(shown)/\(count):** " : "**Hint \(shown)/\(count):** "
    }

    var enterContinues: String { korean ? "Enter를 누르면 계속합니다." : "Enter continues." }

    var answerReminder: String {
        korean
            ? "답을 식으로 입력하세요. :hint는 힌트, :skip은 건너뛰기입니다."
            : "Type your answer (an expression), :hint for a hint, or :skip to move on."
    }

    /// Enter at an unanswered choice exercise.
    func choiceReminder(multiple: Bool) -> String {
        korean
            ? "\(chooseNote(multiple: multiple)) :hint는 힌트, :skip은 건너뛰기입니다."
            : "\(chooseNote(multiple: multiple)) :hint for a hint, or :skip to move on."
    }

    // MARK: - Training

    /// The words of `train(...)`'s live bar and loss curve.
    var trainingLabel: String { korean ? "학습" : "training" }
    var epochLabel: String { korean ? "에폭" : "epoch" }
    var lossLabel: String { korean ? "손실" : "loss" }
    var accuracyLabel: String { korean ? "정확도" : "acc" }
    var testLabel: String { korean ? "테스트" : "test" }
    var lossCurveTitle: String { korean ? "학습 손실" : "training loss" }
    var lossPerStep: String { korean ? "단계별 손실" : "loss per step" }
    var trainingTimes: ProgressBar.TimeWords {
        korean ? ProgressBar.TimeWords(elapsed: "경과", left: "남음") : .english
    }

    /// The one-line summary on leaving.
    func goodbye(answers: Int, passed: Int, points: Int, savedIn directory: String?) -> String {
        if korean {
            let saved = directory.map { " 진행 상황은 \($0)에 저장했습니다." } ?? " 진행 상황을 저장했습니다."
            return "안녕히 가세요! 이번 세션: 답 \(answers)개, 통과 \(passed)개, \(points)점.\(saved)"
        }
        let saved = directory.map { " Progress saved in \($0)." } ?? " Progress saved."
        return "Bye! This session: \(answers) answer\(answers == 1 ? "" : "s"), \(passed) passed, "
            + "\(points) point\(points == 1 ? "" : "s").\(saved)"
    }
}
