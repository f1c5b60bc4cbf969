import Testing

@testable import Course

@Suite struct CodeSnippetTests {
    @Test(arguments: [
        // (line, column) in the code → (line, column) in the file, for code starting at 10:5 whose
        // later lines are indented to column 3.
        (1, 1, 10, 5), (1, 4, 10, 8), (2, 1, 11, 3), (3, 7, 12, 9),
    ])
    func mapsCodePositionsToFilePositions(line: Int, column: Int, fileLine: Int, fileColumn: Int) {
        let snippet = CodeSnippet(
            "x = 1\ny = 2\nz = x + y", at: CourseLocation(file: "f.md", line: 10, column: 5), indentColumn: 3)
        #expect(
            snippet.location(line: line, column: column)
                == CourseLocation(file: "f.md", line: fileLine, column: fileColumn))
    }
}
