import Foundation
import Testing

@testable import Wording

@Suite struct CatalogsTests {
    @Test func theShippedCatalogsAreFoundAndRead() throws {
        let catalogs = Catalogs.standard
        #expect(catalogs.problems.isEmpty, "\(catalogs.problems)")
        #expect(catalogs.directory != nil)
        #expect(catalogs.languages.isSuperset(of: ["en", "ko"]))
        #expect(Language("ko").name == "한국어")
        #expect(catalogs.plurals["en"] == .oneOther)
        #expect(catalogs.plurals["ko"] == .other)
    }

    /// Every language says every sentence English says, with the same placeholders, and nothing
    /// English does not (so a missing or misspelt key in a translation fails here).
    @Test func everyLanguageHasEveryKeyWithTheSamePlaceholders() throws {
        let catalogs = Catalogs.standard
        let english = try #require(catalogs.texts["en"])
        for code in catalogs.languages where code != "en" {
            let texts = catalogs.texts[code] ?? [:]
            #expect(Set(texts.keys).subtracting(english.keys).isEmpty, "\(code) has keys English lacks")
            #expect(Set(english.keys).subtracting(texts.keys).isEmpty, "\(code) lacks keys")
            for id in english.keys where texts[id] != nil {
                let mine = catalogs.argumentNames(of: id, in: code) ?? []
                let theirs = catalogs.argumentNames(of: id, in: "en") ?? []
                #expect(mine.isSubset(of: theirs), "\(code)/\(id) uses \(mine.subtracting(theirs))")
            }
        }
    }

    /// Adding a language is adding a folder: one written to disk is read and spoken, and what it
    /// leaves out is said in English.
    @Test func aLanguageIsAFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalogs-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (code, name, plural, text) in [
            ("en", "English", "one-other", "{$n} {$n -> [one] file *[other] files}"),
            ("xx", "Ex", "other", "⟦{$n}⟧"),
        ] {
            let directory = folder.appendingPathComponent(code)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(#"{"name": "\#(name)", "plural": "\#(plural)"}"#.utf8)
                .write(to: directory.appendingPathComponent("language.json"))
            try Data(#"{"count": "\#(text)"}"#.utf8).write(to: directory.appendingPathComponent("test.json"))
        }
        try Data(#"{"other": "only English"}"#.utf8)
            .write(to: folder.appendingPathComponent("en/more.json"))
        let catalogs = Catalogs(directory: folder.path)
        #expect(catalogs.problems.isEmpty)
        #expect(Language("xx", catalogs: catalogs).say(TestKey.count, ["n": 3]) == "⟦3⟧")
        #expect(Language("en", catalogs: catalogs).say(TestKey.count, ["n": 1]) == "1 file")
        #expect(Language("xx", catalogs: catalogs).say(MoreKey.other) == "only English")
        #expect(Language("zz", catalogs: catalogs).say(TestKey.count, ["n": 2]) == "2 files")
    }

    /// Catalogs that cannot be read never trap: the problem is listed and sentences are written as
    /// their keys.
    @Test func brokenOrMissingCatalogsAreReportedNotFatal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("en"), withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: folder.appendingPathComponent("en/test.json"))
        try Data(#"{"count": "{$n"}"#.utf8).write(to: folder.appendingPathComponent("en/more.json"))
        let catalogs = Catalogs(directory: folder.path)
        #expect(catalogs.problems.count == 2)
        #expect(Language("en", catalogs: catalogs).say(TestKey.count, ["n": 2]) == "test.count(n: 2)")
        let missing = Catalogs(directory: folder.appendingPathComponent("nowhere").path)
        #expect(Language("en", catalogs: missing).say(MoreKey.other) == "more.other")
    }

    @Test func candidatesStartNextToTheExecutableAndEndInTheSources() {
        let candidates = CatalogLocation.candidates()
        #expect(candidates.last?.hasSuffix("Sources/Wording/Catalogs") == true)
        #expect(candidates.contains { $0.hasSuffix("/share/cnntutor/Catalogs") })
        #expect(candidates.contains { $0.hasSuffix("/cnntutor_Wording.resources/Catalogs") })
    }
}

enum TestKey: String, MessageKey {
    static let catalog = "test"
    case count
}

enum MoreKey: String, MessageKey {
    static let catalog = "more"
    case other
}
