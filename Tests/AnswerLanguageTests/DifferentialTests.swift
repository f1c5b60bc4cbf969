import Foundation
import Testing

@testable import AnswerLanguage

/// The differential suite: every snippet of `Differential/snippets.txt` run through the answer
/// language and compared with what PyTorch gave for it (`Differential/differential.json`, made by
/// `make_differential.py` with the torch version recorded in its provenance).
///
/// A snippet matches when both give the same kind of value with the same dtype, shape and values
/// (float32 tolerance), or when both refuse it. The test prints the figures per group and the
/// snippets that differ, and fails if the share of matches drops below `requiredShare`.
@Suite struct DifferentialTests {
    /// The share of snippets that must match PyTorch (issue #11 aims at 95%).
    static let requiredShare = 0.95

    struct Case {
        var group: String
        var code: String
        var expected: Any
    }

    static func cases() throws -> (provenance: [String: Any], cases: [Case]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Differential/differential.json")
        let data = try Data(contentsOf: url)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let provenance = root["provenance"] as? [String: Any],
            let cases = root["cases"] as? [[String: Any]]
        else { throw CocoaError(.fileReadCorruptFile) }
        return (
            provenance,
            cases.compactMap { entry in
                guard let group = entry["group"] as? String, let code = entry["code"] as? String,
                    let expected = entry["expected"]
                else { return nil }
                return Case(group: group, code: code, expected: expected)
            }
        )
    }

    /// What the language gives for `code`, in the fixture's JSON form.
    static func actual(_ code: String) -> Any {
        do {
            let value = try Interpreter(options: EvaluationOptions(timeLimit: 20, seed: 0)).run(code)
            let json = value.json
            return (try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]))
                ?? ["type": "unreadable", "json": json]
        } catch {
            return ["type": "error", "error": "\(error.kind)", "message": error.message]
        }
    }

    static func number(_ value: Any?) -> Double? {
        if let number = value as? NSNumber { return number.doubleValue }
        switch value as? String {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return nil
        }
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return a == b || abs(a - b) <= 1e-5 + 1e-4 * abs(b)
    }

    /// Whether two values in the fixture's JSON form are the same result.
    static func same(_ expected: Any, _ actual: Any) -> Bool {
        guard let e = expected as? [String: Any], let a = actual as? [String: Any],
            let type = e["type"] as? String, a["type"] as? String == type
        else { return false }
        switch type {
        case "error", "none": return true
        case "int", "bool", "string", "dtype", "text", "device":
            return "\(e["value"] ?? "")" == "\(a["value"] ?? "")"
        case "float":
            guard let x = number(e["value"]), let y = number(a["value"]) else { return false }
            return close(y, x)
        case "shape": return (e["value"] as? [Int]) == (a["value"] as? [Int])
        case "module": return e["name"] as? String == a["name"] as? String
        case "dict":
            guard let x = e["items"] as? [String: Any], let y = a["items"] as? [String: Any],
                Set(x.keys) == Set(y.keys)
            else { return false }
            return x.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
        case "list", "tuple":
            guard let x = e["items"] as? [Any], let y = a["items"] as? [Any], x.count == y.count else {
                return false
            }
            return zip(x, y).allSatisfy { same($0, $1) }
        case "tensor":
            guard e["dtype"] as? String == a["dtype"] as? String,
                (e["shape"] as? [Int]) == (a["shape"] as? [Int]),
                (e["requires_grad"] as? Bool ?? false) == (a["requires_grad"] as? Bool ?? false),
                let x = e["data"] as? [Any], let y = a["data"] as? [Any], x.count == y.count
            else { return false }
            return zip(x, y).allSatisfy { u, v in
                guard let p = number(u), let q = number(v) else { return false }
                return close(q, p)
            }
        default: return false
        }
    }

    @Test func snippetsGivePyTorchsResults() throws {
        let (provenance, cases) = try Self.cases()
        #expect(cases.count >= 300)
        var perGroup: [(group: String, matched: Int, total: Int)] = []
        var differences: [String] = []
        var refused = 0
        var different = 0
        for testCase in cases {
            let actual = Self.actual(testCase.code)
            let matched = Self.same(testCase.expected, actual)
            if let last = perGroup.last, last.group == testCase.group {
                perGroup[perGroup.count - 1].total += 1
                if matched { perGroup[perGroup.count - 1].matched += 1 }
            } else {
                perGroup.append((testCase.group, matched ? 1 : 0, 1))
            }
            guard !matched else { continue }
            let isRefusal = (actual as? [String: Any])?["type"] as? String == "error"
            if isRefusal { refused += 1 } else { different += 1 }
            differences.append(
                "[\(testCase.group)] \(testCase.code.replacingOccurrences(of: "\n", with: "; "))\n"
                    + "    PyTorch: \(Self.brief(testCase.expected))\n    here:    \(Self.brief(actual))")
        }
        let matched = perGroup.map(\.matched).reduce(0, +)
        let share = Double(matched) / Double(cases.count)
        var report = "Differential suite against torch \(provenance["torch"] ?? "?"): "
        report += "\(matched)/\(cases.count) snippets match (\(String(format: "%.1f", share * 100))%), "
        report += "\(refused) refused, \(different) different\n"
        for group in perGroup { report += "  \(group.group): \(group.matched)/\(group.total)\n" }
        report += differences.joined(separator: "\n")
        print(report)
        #expect(share >= Self.requiredShare, "\(report)")
    }

    static func brief(_ value: Any) -> String {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]),
            let text = String(data: data, encoding: .utf8)
        else { return "\(value)" }
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
