import Foundation
import Synchronization

/// The UCI 8×8 handwritten digits, split once and for all into a training and a test set.
///
/// The file (`Lessons/data/digits-8x8/digits.csv`) has 1,797 rows and no header; each row is 64
/// pixel counts 0–16 (an 8×8 image, row-major) followed by the label 0–9. Source: Alpaydin &
/// Kaynak (1998), Optical Recognition of Handwritten Digits, UCI Machine Learning Repository,
/// CC BY 4.0, https://doi.org/10.24432/C50P49.
///
/// **The fixed split.** Rows are grouped by label keeping file order; within each label the
/// 5th, 10th, 15th … row (0-based position `k` with `k % 5 == 4`) goes to the test set, every other
/// row to training. The split is therefore stratified (each digit is ~20 % test), spreads the test
/// rows over the whole file (and so over its writers), needs no random numbers, and is the same on
/// every machine and in every version: for the shipped file it gives 1,442 training and 355 test
/// images (per digit ⌊n/5⌋ test rows: 35, 36, 35, 36, 36, 36, 36, 35, 34, 36). Both sets keep file
/// order; shuffle when batching.
///
/// Samples have shape `[1, 8, 8]`. Pixels are scaled to 0…1 (count / 16) unless `scaled` is false.
public struct Digits: Sendable, Equatable {
    /// The training images (about 80 % of each digit).
    public let train: Dataset
    /// The held-out test images (rows at per-digit positions 4, 9, 14, …).
    public let test: Dataset

    /// Class names of the digits, `"0"` … `"9"`.
    public static let classNames = (0..<10).map(String.init)

    /// Loads and splits the digits from a `digits.csv` file.
    /// - Parameters:
    ///   - url: the CSV file; libraries do not guess paths, so callers say where it is.
    ///   - scaled: divide pixel counts by 16 so that pixels lie in 0…1 (the default).
    /// - Throws: `CNNError` with code `.io` when the file cannot be read or a row is malformed
    ///   (the message names the file and line).
    public static func load(from url: URL, scaled: Bool = true) throws(CNNError) -> Digits {
        // The same file as before (path, size and modification date) is not read again.
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let key = attributes.map { attributes in
            CacheKey(
                path: url.standardizedFileURL.path, size: (attributes[.size] as? NSNumber)?.int64Value ?? -1,
                modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? .nan,
                scaled: scaled)
        }
        if let key, let known = cache.withLock({ $0[key] }) { return known }
        let digits = try read(from: url, scaled: scaled)
        if let key {
            cache.withLock { cache in
                if cache.count >= 4 { cache.removeAll() }
                cache[key] = digits
            }
        }
        return digits
    }

    /// Files parsed in this process, so that a second `digits()` does not parse 1,797 rows again:
    /// a grading session whose setup binds a layer runs the setup (and so `digits()`) again for
    /// every answer, and parsing was most of its time (~0.1 s of CPU in a release build).
    /// Datasets are values, so the cached one cannot be changed through a copy.
    private static let cache = Mutex<[CacheKey: Digits]>([:])

    private struct CacheKey: Hashable {
        var path: String
        var size: Int64
        var modified: Double
        var scaled: Bool
    }

    private static func read(from url: URL, scaled: Bool) throws(CNNError) -> Digits {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CNNError(
                .io, .digitsUnreadable, FileCause.arguments(.reading(url, asText: true), url, error))
        }
        return try parse(csv: text, source: url.lastPathComponent, scaled: scaled)
    }

    /// Parses and splits digits CSV text (see the type's documentation for the format and split).
    /// - Parameters:
    ///   - csv: the file's text.
    ///   - source: the name used in error messages.
    ///   - scaled: divide pixel counts by 16.
    /// - Throws: `CNNError` (`.io`) naming `source` and the line of the first malformed row.
    public static func parse(csv: String, source: String = "digits.csv", scaled: Bool = true)
        throws(CNNError) -> Digits
    {
        var pixels = [Float]()
        var labels = [Int]()
        var lineNumber = 0
        for line in csv.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let row = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if row.isEmpty { continue }
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 65 else {
                throw CNNError(
                    .io, .digitsRowLength, ["file": source, "line": lineNumber, "count": fields.count])
            }
            for (column, field) in fields.enumerated() {
                guard let value = Int(field.trimmingCharacters(in: .whitespaces)) else {
                    throw CNNError(
                        .io, .digitsNotWhole,
                        ["file": source, "line": lineNumber, "column": column + 1, "field": field])
                }
                let limit = column == 64 ? 9 : 16
                guard (0...limit).contains(value) else {
                    throw CNNError(
                        .io, .digitsOutOfRange,
                        [
                            "file": source, "line": lineNumber, "column": column + 1, "value": value,
                            "limit": limit,
                        ])
                }
                if column == 64 {
                    labels.append(value)
                } else {
                    pixels.append(scaled ? Float(value) / 16 : Float(value))
                }
            }
        }
        guard !labels.isEmpty else { throw CNNError(.io, .digitsEmpty, ["file": source]) }
        let all = Dataset(
            validatedName: "digits", sampleShape: [1, 8, 8], classNames: classNames,
            images: pixels, labels: labels)
        let (trainIndices, testIndices) = split(labels: labels)
        return Digits(
            train: all.subset(trainIndices, name: "digits-train"),
            test: all.subset(testIndices, name: "digits-test"))
    }

    /// The fixed split: per label in file order, position `k` goes to test when `k % 5 == 4`.
    /// - Returns: row indices of the training and the test set, each in file order.
    static func split(labels: [Int]) -> (train: [Int], test: [Int]) {
        var seen = [Int: Int]()
        var train = [Int]()
        var test = [Int]()
        for (row, label) in labels.enumerated() {
            let position = seen[label, default: 0]
            seen[label] = position + 1
            if position % 5 == 4 { test.append(row) } else { train.append(row) }
        }
        return (train, test)
    }
}
