import Foundation
import Wording

/// Loads a course folder: `course.yaml`, every lesson in every language, and the solutions.
public enum CourseLoader {
    /// Loads the course in `directory`.
    ///
    /// Problems inside lessons, translations and solutions do not throw: they are collected, each
    /// with its file, line and column, in `Course.problems`, and the rest of the course still loads
    /// (a lesson with a broken exercise block simply lacks that exercise).
    /// - Throws: `CourseError` when the folder or `course.yaml` cannot be read or has no id or lessons.
    public static func load(at directory: String) throws(CourseError) -> Course {
        let directory = normalised(directory)
        let log = ProblemLog()
        let manifestFile = join(directory, "course.yaml")
        let manifest = try Manifest.parse(try read(manifestFile), file: manifestFile, log: log)
        let solutionsDirectory = solutionsFolder(for: directory)
        var lessons: [Lesson] = []
        var translations: [String: [String: Lesson]] = [:]
        let known = Set(manifest.lessons.map(\.id))

        for (id, location) in manifest.lessons {
            let folder = join(directory, id)
            let defaultFile = join(folder, "lesson.\(manifest.defaultLanguage).md")
            let text: String
            do {
                text = try read(defaultFile)
            } catch {
                // The reason (missing, a folder, too large, not UTF-8 at line:column) with it.
                log.add(
                    "lesson '\(id)': \(error.message); expected the lesson in the default language",
                    at: location)
                if error.location.line > 1 || error.location.column > 1 {
                    log.add(error.message, at: error.location)
                }
                continue
            }
            let parsed = LessonParser(file: defaultFile, isDefault: true, defaultFile: defaultFile, log: log)
                .parse(text)
            if let parsedID = parsed.id, parsedID != id {
                log.add(
                    "the lesson's id is '\(parsedID)'; expected '\(id)', its folder's name",
                    at: parsed.frontMatterLocation)
            }
            for (required, requiredLocation) in parsed.requires where !known.contains(required) {
                log.add(
                    "requires unknown lesson '\(required)'"
                        + (Spelling.nearest(to: required, in: known).map { " — did you mean '\($0)'?" } ?? ""),
                    at: requiredLocation)
            }
            var lesson = Lesson(
                id: id, language: Language(manifest.defaultLanguage), title: parsed.title ?? id,
                minutes: parsed.minutes,
                requires: parsed.requires.map(\.id), steps: parsed.steps, file: defaultFile)
            removeDuplicateExercises(from: &lesson, log: log)
            let solutionsFile = join(solutionsDirectory, "\(id).yaml")
            let solutionsText = readIfPresent(solutionsFile, log: log)
            // A solutions file that is there but unreadable was reported as it is, not as missing.
            if solutionsText != nil || !FileManager.default.fileExists(atPath: solutionsFile) {
                lesson = SolutionParser.attach(
                    solutionsText, file: solutionsFile, to: lesson, languages: manifest.languages,
                    defaultLanguage: manifest.defaultLanguage, log: log)
            }
            lessons.append(lesson)

            for language in manifest.languages where language != manifest.defaultLanguage {
                let file = join(folder, "lesson.\(language).md")
                guard FileManager.default.fileExists(atPath: file) else {
                    log.add(
                        "lesson '\(id)' has no '\(language)' translation: expected \(file)",
                        at: .start(of: defaultFile))
                    continue
                }
                guard let text = readIfPresent(file, log: log) else { continue }
                let translation = LessonParser(
                    file: file, isDefault: false, defaultFile: defaultFile, log: log
                ).parse(text)
                translations[language, default: [:]][id] =
                    TranslationMerger(original: lesson, log: log).merge(
                        translation, language: Language(language), file: file)
            }
            strayTranslations(in: folder, languages: manifest.languages, at: location, log: log)
        }
        return Course(
            id: manifest.id, version: manifest.version, defaultLanguage: Language(manifest.defaultLanguage),
            languages: manifest.languages.map { Language($0) }, titles: manifest.titles,
            solutionPolicy: manifest.solutionPolicy,
            lessons: lessons, translations: translations, directory: directory,
            problems: log.problems.sorted(), afterSolutionPoints: manifest.afterSolutionPoints)
    }

    /// Exercise ids must be unique within a lesson: they are half of the grading key. A repeated
    /// id's later exercise is dropped (its step keeps its text).
    private static func removeDuplicateExercises(from lesson: inout Lesson, log: ProblemLog) {
        var seen: Set<String> = []
        for index in lesson.steps.indices {
            guard let exercise = lesson.steps[index].exercise else { continue }
            if !seen.insert(exercise.id).inserted {
                log.add(
                    "exercise id '\(exercise.id)' is used twice in lesson '\(lesson.id)'",
                    at: exercise.location)
                lesson.steps[index].exercise = nil
            }
        }
    }

    /// A `lesson.xx.md` for a language the course does not list is probably a typo.
    private static func strayTranslations(
        in folder: String, languages: [String], at location: CourseLocation, log: ProblemLog
    ) {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in files.sorted() where name.hasPrefix("lesson.") && name.hasSuffix(".md") {
            let language = String(name.dropFirst("lesson.".count).dropLast(".md".count))
            if !languages.contains(language) {
                log.add(
                    "\(join(folder, name)) is in language '\(language)', which course.yaml's 'languages' does not list",
                    at: location)
            }
        }
    }

    /// Solutions live in `DIR/Solutions/` or, so the learner-facing folder holds no answers, in
    /// `Solutions/` beside `DIR`.
    static func solutionsFolder(for directory: String) -> String {
        let inside = join(directory, "Solutions")
        if FileManager.default.fileExists(atPath: inside) { return inside }
        let parent: String
        if directory == "." || directory.hasSuffix("..") {
            parent = join(directory, "..")
        } else {
            parent = (directory as NSString).deletingLastPathComponent
        }
        return join(parent, "Solutions")
    }

    private static func normalised(_ directory: String) -> String {
        var result = directory
        while result.count > 1, result.hasSuffix("/") { result.removeLast() }
        return result.isEmpty ? "." : result
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func read(_ path: String) throws(CourseError) -> String {
        let data = try SourceFile.read(path)
        guard let text = String(data: data, encoding: .utf8) else {
            // Where the bad bytes start, as a submission's are reported.
            let bytes = Array(data)
            let (line, column, offset) = SubmissionLoader.invalidUTF8Position(in: bytes)
            let byte = offset < bytes.count ? " 0x" + String(bytes[offset], radix: 16, uppercase: true) : ""
            throw CourseError(
                .unreadable,
                "cannot read \(path): not valid UTF-8: the byte\(byte) at offset \(offset) does not start a valid character",
                at: CourseLocation(file: path, line: line, column: column))
        }
        return text
    }

    /// The text of a file that may be absent (a lesson's solutions or translation): nil when
    /// there is no file; a file that is there but cannot be read (not UTF-8, a folder, too large)
    /// is a problem at its place, never taken for a missing one.
    private static func readIfPresent(_ path: String, log: ProblemLog) -> String? {
        do {
            return try read(path)
        } catch {
            if FileManager.default.fileExists(atPath: path) { log.add(error.message, at: error.location) }
            return nil
        }
    }
}
