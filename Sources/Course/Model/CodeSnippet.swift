/// Answer-language code found in a course file, with where it starts, so an error the language
/// reports at its own line and column can be shown at the file's line and column.
public struct CodeSnippet: Hashable, Sendable {
    /// The code.
    public var text: String
    /// Where the code's first character is in the file.
    public var location: CourseLocation
    /// The column the code's lines after the first start at (a YAML block scalar or fenced block
    /// strips this much indentation from every line).
    public var indentColumn: Int

    /// Creates a snippet.
    public init(_ text: String, at location: CourseLocation, indentColumn: Int? = nil) {
        self.text = text
        self.location = location
        self.indentColumn = indentColumn ?? location.column
    }

    /// The file location of the code's own 1-based `line` and `column`.
    public func location(line: Int, column: Int) -> CourseLocation {
        var result = location
        result.line += max(0, line - 1)
        result.column = line <= 1 ? location.column + column - 1 : indentColumn + column - 1
        return result
    }
}
