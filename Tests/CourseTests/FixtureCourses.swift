import Foundation

/// The fixture courses under `Fixtures/`, found beside this file so the path printed in problems
/// is stable and short.
enum FixtureCourses {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static var tiny: String { folder.appendingPathComponent("tiny-course").path }
    static var broken: String { folder.appendingPathComponent("broken-course").path }
}
