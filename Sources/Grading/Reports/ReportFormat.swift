/// The formats `cnntutor grade` writes.
public enum ReportFormat: String, Hashable, Sendable, CaseIterable {
    /// A table per learner and a class summary, for reading.
    case text
    /// `{"course", "version", "learners": [...]}`, for tools.
    case json
    /// JUnit XML, for CI.
    case junit
    /// One row per learner, a column per exercise, a total, for spreadsheets.
    case csv
    /// Gradescope's autograder `results.json` (`gradescopeResults`): the document itself for one
    /// submission, a JSON array of them for several.
    case gradescope
    /// One self-contained page with charts, for an instructor to look at.
    case html
}

extension ClassReport {
    /// The report in `format`, ending with a newline.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .text: textReport()
        case .json: jsonReport()
        case .junit: junitReport()
        case .csv: csvReport()
        case .gradescope:
            gradescopeResults().count == 1
                ? gradescopeResults()[0].json
                : "[\n" + gradescopeResults().map { $0.json.dropLast() }.joined(separator: ",\n") + "\n]\n"
        case .html: htmlReport()
        }
    }
}
