import Course
import Foundation
import Progress
import Terminal
import Wording

/// Welcome, menu, resuming, and moving between lessons and steps; every move is saved at once.
extension LessonSession {
    /// The welcome, a note about a damaged database, the menu, then the lesson to resume.
    func start() {
        var profileLanguage: Language?
        do {
            profileLanguage = try io.progress.openProfile(
                named: settings.profile, language: settings.language
            ).language
        } catch {
            say(text.couldNotOpenProfile(settings.profile, progressProblem(error)), style: Theme.bad)
        }
        language =
            [settings.language, profileLanguage].compactMap { $0 }.first { course.languages.contains($0) }
            ?? course.defaultLanguage
        if let asked = settings.language {
            if course.languages.contains(asked) {
                if asked != profileLanguage {
                    saving { try io.progress.setLanguage(asked, profile: settings.profile) }
                }
            } else {
                say(
                    text.noSuchLanguage(
                        asked.code, languages: course.languages.map(\.code).joined(separator: ", ")))
            }
        }
        loadPassed()
        io.screen.writeLines(render("# \(course.title(in: language))"))
        say(text.welcome(profile: settings.profile))
        if let recovered {
            say(
                text.damagedDatabase(reason: "\(recovered.reason)", movedTo: "\(recovered.movedTo)"),
                style: Theme.bad)
        }
        io.screen.writeLine()
        if let wanted = settings.lesson {
            guard let index = lessonIndex(named: wanted) else {
                say(text.noLesson(wanted))
                return showMenu()
            }
            showMenu(current: index)
            return open(index)
        }
        let position = try? io.progress.lastPosition(profile: settings.profile, course: course.id)
        if let position, position.completed == nil,
            let index = course.lessons.firstIndex(where: { $0.id == position.lesson })
        {
            showMenu(current: index)
            say(text.welcomeBack(lesson: index + 1, step: position.step + 1))
            return open(index, at: position.step)
        }
        showMenu()
    }

    /// Prints the lesson menu and how to pick a lesson.
    func showMenu(current: Int? = nil) {
        let menu = self.menu
        io.screen.writeLines(
            menu.lines(current: current ?? lessonIndex, width: width, colorLevel: colorLevel))
        if lessonIndex == nil && current == nil {
            let suggested = course.lessons(in: language)[menu.suggested]
            if !menu.allCompleted {
                say(
                    text.menuPrompt(
                        minutes: menu.minutesLeft, lesson: menu.suggested + 1, title: suggested.title))
            } else if menu.openExercises > 0 {
                say(
                    text.menuPromptOpen(
                        open: menu.openExercises, lesson: menu.suggested + 1, title: suggested.title))
            } else {
                say(text.menuPromptFinished)
            }
        }
    }

    /// The menu from the recorded progress.
    var menu: LessonMenu {
        let summaries = (try? io.progress.lessonSummaries(profile: settings.profile, course: course.id)) ?? []
        return LessonMenu(course: course, language: language, summaries: summaries)
    }

    /// Opens the first lesson not yet completed; once every lesson is, goes to the first exercise
    /// not passed.
    func openSuggestedLesson() {
        let menu = self.menu
        let lesson = course.lessons[menu.suggested]
        if menu.allCompleted, let open = openExercises(of: lesson).first {
            return goto("\(lesson.id)/\(open)")
        }
        open(menu.suggested)
    }

    /// The ids of `lesson`'s exercises not passed, in this session or an earlier one.
    func openExercises(of lesson: Lesson) -> [String] {
        lesson.exercises.map(\.id).filter { id in
            let key = "\(lesson.id)/\(id)"
            return !(exercises[key]?.passed ?? false) && !passedBefore.contains(key)
        }
    }

    /// The lesson a learner names by number (`2`), id (`02-filters`) or unique id part (`filters`).
    func lessonIndex(named name: String) -> Int? {
        let name = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let number = Int(name) { return course.lessons.indices.contains(number - 1) ? number - 1 : nil }
        if let exact = course.lessons.firstIndex(where: { $0.id.lowercased() == name }) { return exact }
        let partial = course.lessons.indices.filter { course.lessons[$0].id.lowercased().contains(name) }
        return partial.count == 1 ? partial[0] : nil
    }

    /// Opens lesson `index` at its saved step (or `step`), and shows that step.
    func open(_ index: Int, at step: Int? = nil) {
        let lesson = course.lessons(in: language)[index]
        var start = step ?? 0
        if step == nil,
            let position = try? io.progress.positions(profile: settings.profile, course: course.id)
                .first(where: { $0.lesson == lesson.id }), position.completed == nil
        {
            start = position.step
        }
        lessonIndex = index
        io.screen.writeLine()
        // The title itself heads the lesson's first step (`presentStep`), so it is shown once.
        if let minutes = lesson.minutes {
            say(
                text.lessonOverview(
                    steps: lesson.steps.count, exercises: lesson.exercises.count, minutes: minutes),
                style: Theme.frame)
        }
        move(to: min(max(0, start), max(0, lesson.steps.count - 1)))
    }

    /// Shows step `index` of the open lesson and saves the position.
    func move(to index: Int) {
        guard let lesson = currentLesson else { return }
        stepIndex = index
        saving {
            try io.progress.setPosition(
                profile: settings.profile, course: course.id, lesson: lesson.id, step: index)
        }
        presentStep()
    }

    /// The next step; after the last, the lesson is completed and the menu shown.
    func next() {
        guard let lesson = currentLesson else { return openSuggestedLesson() }
        if let exercise = currentExercise, !isSettled(exercise) {
            return say(text.waitsForAnswer)
        }
        if stepIndex + 1 < lesson.steps.count { return move(to: stepIndex + 1) }
        saving {
            try io.progress.markCompleted(profile: settings.profile, course: course.id, lesson: lesson.id)
        }
        io.screen.writeLine()
        let open = openExercises(of: lesson)
        if open.isEmpty {
            say(text.lessonComplete((lessonIndex ?? 0) + 1, title: lesson.title), style: Theme.good)
        } else {
            say(
                text.lessonFinishedWithOpen((lessonIndex ?? 0) + 1, title: lesson.title, open: open),
                style: Theme.frame)
        }
        lessonIndex = nil
        stepIndex = 0
        showMenu()
    }

    /// The step before this one.
    func back() {
        guard currentLesson != nil else { return say(text.noLessonOpen) }
        guard stepIndex > 0 else { return say(text.firstStep) }
        move(to: stepIndex - 1)
    }

    /// Moves to the exercise named `target`: an id in the open lesson or `lesson/exercise`.
    func goto(_ target: String) {
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        let lessonIndex: Int?
        let exerciseID: String
        if parts.count == 2 {
            lessonIndex = self.lessonIndex(named: parts[0])
            exerciseID = parts[1]
        } else {
            lessonIndex = self.lessonIndex ?? course.lessons.firstIndex { $0.exercise(target) != nil }
            exerciseID = target
        }
        guard let lessonIndex,
            let step = course.lessons[lessonIndex].steps.firstIndex(where: { $0.exercise?.id == exerciseID })
        else {
            let known = currentLesson.map { $0.exercises.map(\.id).joined(separator: ", ") } ?? ""
            return say(text.noExercise(target, here: known))
        }
        if lessonIndex != self.lessonIndex {
            open(lessonIndex, at: step)
        } else {
            move(to: step)
        }
    }

    /// Switches the lesson language, saves it for the profile, and shows the step again.
    func switchLanguage(_ name: String?) {
        guard let name, course.languages.contains(Language(name)) else {
            return say(text.languages(course.languages.map(\.code).joined(separator: ", ")))
        }
        language = Language(name)
        saving { try io.progress.setLanguage(language, profile: settings.profile) }
        say(text.languageSwitched)
        if currentLesson != nil { presentStep() }
    }

    /// Forgets the progress in a lesson, after the learner confirms.
    func reset(_ name: String?) {
        guard let index = name.flatMap(lessonIndex(named:)) ?? (name == nil ? lessonIndex : nil) else {
            return say(text.whichLessonToReset)
        }
        let lesson = course.lessons(in: language)[index]
        guard confirm(text.confirmReset(index + 1, title: lesson.title)) else {
            return say(text.nothingReset)
        }
        saving { try io.progress.reset(profile: settings.profile, course: course.id, lesson: lesson.id) }
        for key in exercises.keys where key.hasPrefix(lesson.id + "/") { exercises[key] = nil }
        passedBefore = passedBefore.filter { !$0.hasPrefix(lesson.id + "/") }
        gaveUpBefore = gaveUpBefore.filter { !$0.hasPrefix(lesson.id + "/") }
        say(text.lessonReset(index + 1))
        if lessonIndex == index { move(to: 0) }
    }

    /// Asks a yes/no question through the reader; anything but y/yes is no.
    func confirm(_ question: String) -> Bool {
        switch io.reader.readLine(prompt: question + " " + text.yesNo + " ") {
        case .line(let answer):
            return text.isYes(answer)
        case .interrupted, .endOfInput: return false
        }
    }

    /// `:help` at the screen's width: a command's summary too wide for the screen wraps at words
    /// under itself, and the note on code below the commands is one paragraph wrapped the same way.
    func showHelp() {
        let lines = text.helpLines
        let commands = REPLCommand.all.count
        let labelWidth =
            REPLCommand.all.map { (":" + $0.name + ($0.argument.map { " " + $0 } ?? "")).count }.max() ?? 0
        var shown = [text.commandsHeading]
        for line in lines.prefix(commands) { shown += hanging(line, indent: 2 + labelWidth + 2) }
        let note = lines.dropFirst(commands).map { $0.trimmingCharacters(in: .whitespaces) }
        shown += hanging("  " + note.joined(separator: " "), indent: 2)
        io.screen.writeLines(shown)
    }

    /// `line` wrapped at words to the screen, the lines after the first indented by `indent`
    /// columns (its first `indent` characters are ASCII: spaces and a command's label).
    private func hanging(_ line: String, indent: Int) -> [String] {
        guard displayWidth(line) > width, width - indent >= 16 else { return [line] }
        let wrapped = WordWrapper(width: width - indent, colorLevel: colorLevel).wrap(
            String(line.dropFirst(indent)))
        return wrapped.enumerated().map { index, part in
            (index == 0 ? String(line.prefix(indent)) : String(repeating: " ", count: indent)) + part
        }
    }

    /// The `cnntutor progress` table for this profile.
    func showProgress() {
        let summaries = (try? io.progress.lessonSummaries(profile: settings.profile, course: course.id)) ?? []
        let table = ProgressTable(
            course: course, language: language, summaries: summaries, wordsLanguage: language)
        // Cut to the screen: the titles, last, give way first.
        page(table.text.split(separator: "\n").map { TextLayout.truncate(String($0), toWidth: width) })
    }

    /// Loads which exercises were passed in earlier sessions.
    func loadPassed() {
        let statuses =
            (try? io.progress.exerciseStatuses(profile: settings.profile, course: course.id)) ?? [:]
        passedBefore = Set(statuses.values.filter(\.everPassed).map(\.key.description))
        gaveUpBefore = Set(statuses.values.filter(\.gaveUp).map(\.key.description))
    }
}
