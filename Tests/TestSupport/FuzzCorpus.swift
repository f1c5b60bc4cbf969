import Foundation

/// The committed fuzz inputs (`Fuzz/corpus/<target>`, `Fuzz/regressions/<target>`), read by the test
/// targets that replay them (`AnswerLanguageTests`, `CourseTests`) as `make fuzz` would.
public enum FuzzCorpus {
    /// The repository's root folder.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The files of `Fuzz/<folder>`, sorted by name.
    public static func inputs(_ folder: String) -> [[UInt8]] {
        let url = repository.appendingPathComponent("Fuzz/" + folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().compactMap { FileManager.default.contents(atPath: url.path + "/" + $0) }
            .map { [UInt8]($0) }
    }
}
