/// `course.yaml`: the course's id, version, languages, titles and lesson order.
struct Manifest {
    var id: String
    var version: Int
    var defaultLanguage: String
    var languages: [String]
    var titles: [String: String]
    var solutionPolicy: Course.SolutionPolicy
    var afterSolutionPoints: Int
    var lessons: [(id: String, location: CourseLocation)]

    static let fields = [
        "id", "version", "default_language", "languages", "title", "solutions", "after_solution_points",
        "lessons",
    ]

    /// Parses `course.yaml`; throws when the course cannot be used at all (no id or lessons).
    static func parse(_ text: String, file: String, log: ProblemLog) throws(CourseError) -> Manifest {
        let source = YAMLSource(text: text, file: file, lineOffset: 0, columnOffset: 0, log: log)
        let before = log.problems.count
        func fatal() -> CourseError {
            let first = log.problems[before...].first
            return CourseError(
                .invalidManifest, first?.message ?? "course.yaml: expected a mapping with id and lessons",
                at: first?.location ?? .start(of: file))
        }
        guard let map = source.parse(what: "course.yaml")?.map("course.yaml") else { throw fatal() }
        map.rejectUnknownKeys(allowed: fields)
        guard let id = map.required("id", expected: "the course's id")?.string("'id'"),
            let lessonList = map.required("lessons", expected: "the ordered list of lesson folders")?.list(
                "'lessons'")
        else { throw fatal() }
        let version = map.int("version") ?? 1
        let defaultLanguage = map.string("default_language") ?? "en"
        var languages = map.strings("languages") ?? [defaultLanguage]
        if !languages.contains(defaultLanguage) {
            log.add(
                "'languages' must include the default language '\(defaultLanguage)'",
                at: map.location(of: "languages"))
            languages.insert(defaultLanguage, at: 0)
        } else {
            languages = [defaultLanguage] + languages.filter { $0 != defaultLanguage }
        }
        var titles: [String: String] = [:]
        if let title = map.value("title"), !title.isNull {
            if case .scalar = title.node {
                titles[defaultLanguage] = title.string("'title'")
            } else if let perLanguage = title.map("'title'") {
                perLanguage.rejectUnknownKeys(
                    allowed: languages, hint: "expected one of the course's languages")
                for language in languages {
                    if let text = perLanguage.string(language) {
                        titles[language] = text
                    } else {
                        log.add("'title' has no text for language '\(language)'", at: title.location)
                    }
                }
            }
        } else {
            log.add("course.yaml: missing 'title' (expected the title per language)", at: map.location)
        }
        var policy = Course.SolutionPolicy.afterPassOrGiveUp
        if let text = map.string("solutions") {
            if let parsed = Course.SolutionPolicy(rawValue: text) {
                policy = parsed
            } else {
                log.add(
                    "'solutions': expected after-pass-or-give-up, always or never, found '\(text)'",
                    at: map.location(of: "solutions"))
            }
        }
        var afterSolutionPoints = 0
        if let points = map.int("after_solution_points") {
            if points >= 0 {
                afterSolutionPoints = points
            } else {
                log.add(
                    "'after_solution_points': expected a whole number of points, 0 or more, found \(points)",
                    at: map.location(of: "after_solution_points"))
            }
        }
        var seen: Set<String> = []
        let lessons: [(String, CourseLocation)] = lessonList.compactMap { item in
            guard let lesson = item.string("a lesson") else { return nil }
            // A lesson is a folder beside course.yaml: `../x`, `/etc` or `a/b` would read elsewhere.
            guard !lesson.isEmpty, lesson != ".", lesson != "..", !lesson.contains("/"),
                !lesson.contains("\0")
            else {
                log.add(
                    "lesson '\(lesson)': expected the name of a folder beside course.yaml (no '/', not '..')",
                    at: item.location)
                return nil
            }
            guard seen.insert(lesson).inserted else {
                log.add("lesson '\(lesson)' is listed twice", at: item.location)
                return nil
            }
            return (lesson, item.location)
        }
        return Manifest(
            id: id, version: version, defaultLanguage: defaultLanguage, languages: languages, titles: titles,
            solutionPolicy: policy, afterSolutionPoints: afterSolutionPoints, lessons: lessons)
    }
}
