import Testing

@testable import Wording

@Suite struct MessagePatternTests {
    func render(_ text: String, _ arguments: [String: MessageValue], plural: PluralRule = .oneOther) throws
        -> String
    {
        try MessagePattern(parsing: text).render(arguments, plural: plural)
    }

    @Test func placeholdersAreFilledAndFormatted() throws {
        #expect(
            try render("step {$step} of {$count}", ["step": .integer(2), "count": .integer(5)])
                == "step 2 of 5")
        #expect(try render("{ $shape }", ["shape": .shape([2, 3])]) == "[2, 3]")
        // Real numbers go through NumberFormat.short: no trailing zeros, integers without a point.
        #expect(try render("{$x} s", ["x": .number(2)]) == "2 s")
        #expect(try render("{$x}", ["x": .number(0.333333)]) == "0.3333")
        // A missing argument is visible, not a crash.
        #expect(try render("a {$b} c", [:]) == "a {$b} c")
    }

    @Test(arguments: [(0, "0 points"), (1, "1 point"), (2, "2 points")])
    func pluralVariantsFollowTheRule(count: Int, expected: String) throws {
        let text = "{$n} {$n -> [one] point *[other] points}"
        #expect(try render(text, ["n": .integer(count)]) == expected)
        // Korean's rule has one form: the default variant.
        #expect(try render(text, ["n": .integer(1)], plural: .other) == "1 points")
    }

    @Test func exactKeysWinOverCategoriesAndTextSelects() throws {
        let text = "{$n -> [2] twice [one] once *[other] {$n} times}"
        #expect(try render(text, ["n": .integer(2)]) == "twice")
        #expect(try render(text, ["n": .integer(1)]) == "once")
        #expect(try render(text, ["n": .integer(7)]) == "7 times")
        let select = "{$side -> [left] to the left *[other] elsewhere}"
        #expect(try render(select, ["side": .text("left")]) == "to the left")
        #expect(try render(select, ["side": .text("up")]) == "elsewhere")
    }

    @Test func literalsKeepTheirSpacesInsideVariants() throws {
        let text = "channels{$g -> [1] {\"\"} *[other] {\" \"}in {$g} groups}"
        #expect(try render(text, ["g": .integer(1)]) == "channels")
        #expect(try render(text, ["g": .integer(3)]) == "channels in 3 groups")
        #expect(try render("{\"{\"}x{\"}\"}", [:]) == "{x}")
    }

    @Test func argumentNamesIncludeThoseInsideVariants() throws {
        let pattern = try MessagePattern(parsing: "{$a -> [one] {$b} *[other] {$c}} {$d}")
        #expect(pattern.argumentNames == ["a", "b", "c", "d"])
    }

    @Test(arguments: ["{$", "{$a", "{$a -> [one] x}", "x }", "{$a -> *[one] x *[other] y}", "{}"])
    func malformedMessagesAreRefused(_ text: String) {
        #expect(throws: MessagePattern.SyntaxError.self) { try MessagePattern(parsing: text) }
    }
}
