import Testing
import Wording

@testable import Grading

/// A size in bytes said in another unit than the calculation's, or counted in bits
/// (`PreparedExercise+MemoryUnits`): told where both the answer and the calculation end by
/// dividing by a unit's bytes, the calculation's a power of 1024; not told of another slip with
/// the same unit, of a calculation that divides by a thousand, or of bits without a unit.
@Suite struct MemoryUnitTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// A network's weights in MiB: 3 million float32 parameters.
    let weightsMiB = TestExercises.make(
        .value, setup: "params = 3_000_000", reference: "params * 4 / 2 ** 20")

    @Test(arguments: [
        ("params * 4 / 1e6", "`/ 1e6` (MB)"), ("params * 4 / 1024", "`/ 1024` (KiB)"),
        ("4 * params / 1024 / 1024 / 1024", "`/ 1024 / 1024 / 1024` (GiB)"),
        ("params * 4 / (1000 * 1000)", "`/ (1000 * 1000)` (MB)"),
    ])
    func anotherUnitIsTold(answer: String, said: String) {
        let verdict = english.grade(answer, for: weightsMiB)
        #expect(!verdict.passed)
        #expect(verdict.findings.map(\.id) == ["memory-unit"], "\(verdict.message)")
        #expect(
            verdict.message.contains(
                "your answer ends with \(said) where the calculation ends with `/ 2 ** 20` (MiB)"),
            "\(verdict.message)")
    }

    @Test func koreanSaysTheSame() {
        let verdict = korean.grade("params * 4 / 1e6", for: weightsMiB)
        #expect(verdict.findings.map(\.id) == ["memory-unit"], "\(verdict.message)")
        #expect(verdict.message.contains("계산의 바이트 수를 다른 단위로 나타낸 값입니다"), "\(verdict.message)")
    }

    @Test func bitsAreToldWhereTheCalculationSaysBytes() {
        let verdict = english.grade("params * 32 / 2 ** 20", for: weightsMiB)
        #expect(verdict.findings.map(\.id) == ["memory-unit"], "\(verdict.message)")
        #expect(
            verdict.message.contains("multiplies by `32` where the calculation multiplies by `4`"),
            "\(verdict.message)")
        #expect(korean.grade("params * 32 / 2 ** 20", for: weightsMiB).message.contains("1바이트는 8비트"))
    }

    @Test func rightPhrasingsPass() {
        for right in ["params * 4 / 1024 / 1024", "4 * params / (1024 * 1024)", "params * 4 / 1048576"] {
            #expect(english.grade(right, for: weightsMiB).passed, "\(right)")
        }
    }

    @Test func otherSlipsAndOtherQuantitiesAreNotUnits() {
        // Numbers, not bytes (a factor left out), in the right unit: not a unit story.
        let numbers = english.grade("params / 2 ** 20", for: weightsMiB)
        #expect(!numbers.findings.map(\.id).contains("memory-unit"), "\(numbers.message)")
        // Another unit and another factor together: the bytes differ, no unit explains it.
        let both = english.grade("params * 2 / 1e6", for: weightsMiB)
        #expect(!both.findings.map(\.id).contains("memory-unit"), "\(both.message)")
        // A calculation that divides by a thousand counts anything: no bytes are claimed.
        let thousands = TestExercises.make(.value, setup: "params = 3_000_000", reference: "params / 1000")
        let millions = english.grade("params / 1e6", for: thousands)
        #expect(!millions.findings.map(\.id).contains("memory-unit"), "\(millions.message)")
        // Eight times a number without a unit anywhere: no bits are claimed.
        let plain = TestExercises.make(.value, setup: "params = 3_000_000", reference: "params * 4")
        let eight = english.grade("params * 32", for: plain)
        #expect(!eight.findings.map(\.id).contains("memory-unit"), "\(eight.message)")
    }
}
