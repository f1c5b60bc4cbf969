import Foundation
import Testing

@testable import CNN

@Suite struct DigitsTests {
    /// The shipped file, found from this test file's location (libraries never guess paths).
    static let csvURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lessons/data/digits-8x8/digits.csv")

    /// Expected numbers from numpy on the same file and the documented rule (per label, position
    /// k % 5 == 4 → test):
    ///   d = np.loadtxt('digits.csv', delimiter=',', dtype=int); y = d[:, 64]; X = d[:, :64]
    ///   pos[i] = number of earlier rows with label y[i]; test = pos % 5 == 4
    ///   test.sum() → 355, (~test).sum() → 1442, np.bincount(y[test]) → [35 36 35 36 36 36 36 35 34 36]
    ///   y[test][:5] → [5 0 9 8 7], X[test][0].sum() → 360, X[~test].sum() → 450566, X[test].sum() → 111152
    @Test func fixedSplitMatchesNumpy() throws {
        let digits = try Digits.load(from: Self.csvURL, scaled: false)
        #expect(digits.train.count == 1442)
        #expect(digits.test.count == 355)
        #expect(digits.test.classCounts == [35, 36, 35, 36, 36, 36, 36, 35, 34, 36])
        #expect(Array(digits.test.labels.prefix(5)) == [5, 0, 9, 8, 7])
        #expect(digits.test.pixels(of: 0).reduce(0, +) == 360)
        #expect(digits.train.images.reduce(0, +) == 450566)
        #expect(digits.test.images.reduce(0, +) == 111152)
        #expect(digits.train.sampleShape == [1, 8, 8])
    }

    @Test func scaledPixelsAreCountsOverSixteen() throws {
        let raw = try Digits.load(from: Self.csvURL, scaled: false)
        let scaled = try Digits.load(from: Self.csvURL)
        #expect(scaled.train.images == raw.train.images.map { $0 / 16 })
        #expect(scaled.train.images.allSatisfy { (0...1).contains($0) })
    }

    @Test func loadingTwiceGivesTheSameSplit() throws {
        #expect(try Digits.load(from: Self.csvURL) == Digits.load(from: Self.csvURL))
    }

    @Test func malformedRowNamesFileAndLine() {
        let good = Array(repeating: "0", count: 64).joined(separator: ",") + ",3"
        let short = "1,2,3"
        #expect(throws: CNNError(.io, "x.csv:2: expected 65 values (64 pixels and a label), found 3")) {
            try Digits.parse(csv: good + "\n" + short, source: "x.csv")
        }
        let badLabel = Array(repeating: "0", count: 64).joined(separator: ",") + ",12"
        #expect(throws: CNNError(.io, "x.csv:1:65: 12 is outside 0…9")) {
            try Digits.parse(csv: badLabel, source: "x.csv")
        }
    }

    @Test func missingFileThrowsIO() {
        let error = #expect(throws: CNNError.self) {
            try Digits.load(from: URL(fileURLWithPath: "/nonexistent/digits.csv"))
        }
        #expect(error?.code == .io)
    }
}
