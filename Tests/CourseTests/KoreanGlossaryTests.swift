import Foundation
import Testing

/// Every Korean sentence a learner reads — the lessons, the Korean text of the solutions files and
/// the tool's `ko` catalogs — uses the terms of `docs/glossary.ko.md` and speaks in 합니다체. The
/// variants a reader found mixed in (issue #14) are refused here, each with the term to use, so a
/// new sentence cannot bring one back.
@Suite struct KoreanGlossaryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A banned variant: a pattern, what to write instead (the glossary's term), and why.
    struct Variant {
        let pattern: String
        let instead: String
    }

    /// The glossary's "avoid" column, as patterns. Keep in step with `docs/glossary.ko.md`.
    static let banned: [Variant] = [
        Variant(pattern: "그레디언트", instead: "그래디언트"),
        Variant(pattern: "특징 ?맵", instead: "특성 맵"),
        Variant(pattern: "레이어", instead: "층"),
        Variant(pattern: "네트워크", instead: "신경망"),
        Variant(pattern: "평범", instead: "플레인 (plain network = 플레인 신경망)"),
        Variant(pattern: "교차상관", instead: "교차 상관"),
        Variant(pattern: "진짜 합성곱", instead: "수학적 의미의 합성곱"),
        Variant(pattern: "채널-마지막", instead: "channels-last 레이아웃"),
        Variant(pattern: "답 언어", instead: "답안 언어"),
        Variant(pattern: "잎 텐서", instead: "리프 텐서"),
        Variant(pattern: "단계 너비", instead: "스테이지 폭"),
        Variant(pattern: "놀이 모드", instead: "탐색 모드"),
        Variant(pattern: "해답|정답 코드", instead: "모범 답안"),
        // A row or column written "1행", "2열", "0–1행" reads as counted from 1; indices are "1번 행".
        Variant(pattern: "[0-9f]\\s?(행|열)(?![렬])", instead: "1번 행, 2번 열 (or 행 3개 for a count)"),
        // 배치 is the batch; the order of dimensions is a layout.
        Variant(pattern: "배치는 \\[N|배치로 되어|레이아웃 배치", instead: "레이아웃 (배치 is batch)"),
    ]

    /// 해요체 endings in statements and questions (instructions may end in ‑세요, suggestions in
    /// ‑ㄹ까요?; everything else is 합니다체).
    static let haeyo = "(?<![세까])요[.?!]|(?:나|가|던가|죠|거든)요"

    /// The files a Korean learner reads.
    static func koreanFiles() throws -> [URL] {
        let manager = FileManager.default
        var files: [URL] = []
        let lessons = repository.appendingPathComponent("Lessons")
        for lesson in try manager.contentsOfDirectory(atPath: lessons.path).sorted() {
            let file = lessons.appendingPathComponent(lesson).appendingPathComponent("lesson.ko.md")
            if manager.fileExists(atPath: file.path) { files.append(file) }
        }
        files.append(lessons.appendingPathComponent("course.yaml"))
        let solutions = repository.appendingPathComponent("Solutions")
        for name in try manager.contentsOfDirectory(atPath: solutions.path).sorted()
        where name.hasSuffix(".yaml") {
            files.append(solutions.appendingPathComponent(name))
        }
        let catalogs = repository.appendingPathComponent("Sources/Wording/Catalogs/ko")
        for name in try manager.contentsOfDirectory(atPath: catalogs.path).sorted()
        where name.hasSuffix(".json") {
            files.append(catalogs.appendingPathComponent(name))
        }
        return files
    }

    /// Lines holding Hangul, with their file and number; code and English lines are not Korean text.
    static func koreanLines() throws -> [(where: String, text: String)] {
        try koreanFiles().flatMap { file -> [(where: String, text: String)] in
            let text = try String(contentsOf: file, encoding: .utf8)
            let name = file.path.replacingOccurrences(of: repository.path + "/", with: "")
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap {
                index, line in
                line.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
                    ? (where: "\(name):\(index + 1)", text: String(line)) : nil
            }
        }
    }

    static func matches(_ pattern: String, _ text: String) -> Bool {
        let expression = try! NSRegularExpression(pattern: pattern)  // the patterns above are constants
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test func theFilesAreThere() throws {
        let files = try Self.koreanFiles()
        #expect(files.filter { $0.lastPathComponent == "lesson.ko.md" }.count == 6)
        #expect(files.filter { $0.path.contains("Catalogs/ko") }.count >= 10)
        #expect(try Self.koreanLines().count > 1000)
    }

    @Test func noBannedVariant() throws {
        let lines = try Self.koreanLines()
        for variant in Self.banned {
            let found = lines.filter { Self.matches(variant.pattern, $0.text) }
            #expect(
                found.isEmpty,
                "write \(variant.instead), not /\(variant.pattern)/:\n\(found.map { "\($0.where): \($0.text)" }.joined(separator: "\n"))"
            )
        }
    }

    @Test func statementsAreInHapnidaChe() throws {
        let found = try Self.koreanLines().filter { Self.matches(Self.haeyo, $0.text) }
        #expect(
            found.isEmpty, "해요체 ending:\n\(found.map { "\($0.where): \($0.text)" }.joined(separator: "\n"))")
    }

    /// The patterns do find what they are for (a check that passes on anything proves nothing).
    @Test func thePatternsCatchTheVariants() {
        let samples = [
            "그레디언트가 사라집니다.", "특징 맵을 계산합니다.", "레이어를 쌓습니다.", "깊은 네트워크입니다.",
            "평범한 신경망입니다.", "교차상관을 계산합니다.", "진짜 합성곱입니다.", "답 언어에서",
            "잎 텐서에서만", "놀이 모드입니다.", "해답을 봅니다.", "1행 2열에 놓입니다.",
            "PyTorch의 이미지 배치는 [N, C, H, W]입니다.",
        ]
        for sample in samples {
            #expect(Self.banned.contains { Self.matches($0.pattern, sample) }, "\(sample)")
        }
        #expect(!Self.banned.contains { Self.matches($0.pattern, "1번 행과 2번 열, 행렬 곱, 행 3개, 배치 정규화") })
        for sample in ["테스트 세트에서도요.", "뒤집었나요?", "바뀌거든요.", "아주 작던가요?", "어느 레슨인가요?"] {
            #expect(Self.matches(Self.haeyo, sample), "\(sample)")
        }
        for sample in ["답하세요.", "지울까요?", "필요합니다.", "[y/N, 예/아니요]"] {
            #expect(!Self.matches(Self.haeyo, sample), "\(sample)")
        }
    }
}
