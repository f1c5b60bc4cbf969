import Testing

@testable import Wording

/// The expected forms follow the standard readings: digits 영 일 이 삼 사 오 육 칠 팔 구, letters
/// 에프 엔 엘 알 엠 엑스, and a Hangul syllable's own final consonant (받침).
@Suite struct ParticleRuleTests {
    func korean(_ text: String, _ value: String) throws -> String {
        try MessagePattern(parsing: text).render(["v": .text(value)], plural: .other, particles: .korean)
    }

    @Test(arguments: [
        ("f - 1", "`f - 1`을 더하면"),  // 일: ends in ㄹ, a consonant
        ("2 * p", "`2 * p`를 더하면"),  // 피
        ("n", "`n`을 더하면"),  // 엔
        ("x[0, 2]", "`x[0, 2]`를 더하면"),  // closing bracket skipped: 이
        ("패딩", "`패딩`을 더하면"),  // 딩 has ㅇ
        ("스트라이드", "`스트라이드`를 더하면"),
        ("10", "`10`을 더하면"),  // 십
    ])
    func objectParticleFollowsTheReading(value: String, expected: String) throws {
        #expect(try korean("`{$v}`을(를) 더하면", value) == expected)
    }

    @Test func everyPairAndBothOrdersAreResolved() throws {
        #expect(try korean("{$v}이(가) 있습니다", "3") == "3이 있습니다")
        #expect(try korean("{$v}가(이) 있습니다", "2") == "2가 있습니다")
        #expect(try korean("'{$v}'은(는) 없습니다", "m") == "'m'은 없습니다")
        #expect(try korean("{$v}는(은) 없습니다", "x") == "x는 없습니다")
        #expect(try korean("`{$v}`와(과) `b`", "s") == "`s`와 `b`")
        #expect(try korean("`{$v}`과(와) `b`", "7") == "`7`과 `b`")
        // (으)로: 로 after a vowel and after ㄹ, 으로 after any other consonant.
        #expect(try korean("{$v}(으)로 나누면", "2") == "2로 나누면")
        #expect(try korean("{$v}(으)로 나누면", "1") == "1로 나누면")
        #expect(try korean("{$v}(으)로 나누면", "3") == "3으로 나누면")
        #expect(try korean("{$v}(으)로 나누면", "l") == "l로 나누면")
    }

    @Test func uncertainReadingsKeepThePair() throws {
        // An English word (grad: 그래드? 그라드?) or a symbol: the pair is always correct.
        #expect(try korean("`{$v}`을(를) 쓰면", "x.grad") == "`x.grad`을(를) 쓰면")
        #expect(try korean("{$v}이(가) 없습니다", "relu") == "relu이(가) 없습니다")
        #expect(try korean("{$v}을(를) 쓰면", "+") == "+을(를) 쓰면")
        #expect(try korean("{$v}을(를) 쓰면", "") == "을(를) 쓰면")
    }

    @Test func onlyTextRightAfterAPlaceholderIsTouched() throws {
        // Literal text in the catalog is left as written, and so is a pair further on.
        #expect(try korean("값을(를) {$v}", "1") == "값을(를) 1")
        #expect(try korean("{$v}, 을(를)", "1") == "1, 을(를)")
        // Without a particle rule (English, or a language without one) nothing changes.
        let plain = try MessagePattern(parsing: "{$v}을(를)").render(["v": .text("1")], plural: .other)
        #expect(plain == "1을(를)")
    }

    @Test func theShippedKoreanCatalogChoosesParticles() {
        let catalogs = Catalogs(
            texts: ["ko": ["t.k": "`{$piece}`을(를) 더하면"]], particles: ["ko": .korean])
        enum Key: String, MessageKey {
            static let catalog = "t"
            case k
        }
        #expect(Language("ko", catalogs: catalogs).say(Key.k, ["piece": "f - 1"]) == "`f - 1`을 더하면")
        #expect(Catalogs.standard.particles["ko"] == .korean)
    }
}
