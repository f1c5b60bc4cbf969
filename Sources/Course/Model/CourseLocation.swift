/// A place in a course file: the path as the course folder was named, a 1-based line and a 1-based
/// column.
///
/// Printed as compilers print it (`Lessons/02-filters/lesson.en.md:12:3`), so editors can jump to it.
public struct CourseLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file's path: the course folder as given, joined with the file's relative path.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The start of `file`.
    public static func start(of file: String) -> CourseLocation {
        CourseLocation(file: file, line: 1, column: 1)
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: CourseLocation, rhs: CourseLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
