/// The checks on names both implementations make before writing, so they fail alike.
enum ProgressNames {
    /// Throws if `name` is empty or only whitespace.
    static func check(_ what: ProgressError.NameKind, _ name: String) throws {
        guard !name.allSatisfy(\.isWhitespace) else { throw ProgressError.invalidName(what, name) }
    }

    /// Checks a course id and a lesson id.
    static func check(course: String, lesson: String) throws {
        try check(.course, course)
        try check(.lesson, lesson)
    }

    /// Checks every name an attempt carries.
    static func check(_ attempt: Attempt) throws {
        try check(course: attempt.course, lesson: attempt.key.lesson)
        try check(.exercise, attempt.key.exercise)
    }
}
