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
}

extension ClassReport {
    /// The report in `format`, ending with a newline.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .text: textReport()
        case .json: jsonReport()
        case .junit: junitReport()
        case .csv: csvReport()
        }
    }
}
