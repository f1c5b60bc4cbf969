import AnswerLanguage
import Testing

@testable import Grading

/// Time limits a course or a flag can give that no clock holds: they must never trap converting
/// to the clock's integers (`--time-limit 1e308` and `limits: {time: 1e308}` crashed `grade`).
@Suite struct HostileLimitsTests {
    @Test func aLimitTooLongForTheClockSaturates() throws {
        #expect(TimedInterpreter.nanoseconds(1e308) == UInt64(1e18))
        #expect(TimedInterpreter.nanoseconds(.infinity) == UInt64(1e18))
        #expect(TimedInterpreter.nanoseconds(.nan) == 0)
        #expect(TimedInterpreter.nanoseconds(-5) == 0)
        #expect(TimedInterpreter.nanoseconds(2) == 2_000_000_000)
        #expect(TimedInterpreter.wholeSeconds(1e308) == 1_000_000_000)
        #expect(TimedInterpreter.wholeSeconds(.nan) == 0)
        let timed = TimedInterpreter(Interpreter(), seconds: 1e308)
        #expect(try timed.run("1 + 1") == .int(2))
    }
}
