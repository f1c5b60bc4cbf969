import Testing
import Wording

@testable import cnntutor

/// Parsing of the `:` commands and the `:help` text.
@Suite("REPL commands")
struct REPLCommandTests {
    @Test(arguments: [
        (":next", REPLCommand.next), (":back", .back), (":hint", .hint), (":solution", .solution),
        (":skip", .skip), (":goto feature-map", .goto("feature-map")), (":lessons", .lessons),
        (":open 2", .open("2")), (":run", .run), (":progress", .progress),
        (":reset 02-filters", .reset("02-filters")),
        (":reset", .reset(nil)), (":lang ko", .lang("ko")), (":show conv2d(img, k)", .show("conv2d(img, k)")),
        (":step conv2d(img, k, padding=1)", .step("conv2d(img, k, padding=1)")),
        (":submit y.shape", .submit("y.shape")), (":su img", .submit("img")), (":help", .help),
        (":quit", .quit),
        ("  :NEXT  ", .next), (":hi", .hint), (":q", .quit), (":sol", .solution),
    ])
    func parses(_ line: String, _ expected: REPLCommand) throws {
        #expect(try REPLCommand.parse(line).get() == expected)
    }

    @Test(arguments: [
        (":", "unknown command"), (":frobnicate", "unknown command ':frobnicate'"), (":s", "could be"),
        (":open", ":open needs LESSON"), (":next 3", "takes no argument"), (":step", ":step needs EXPR"),
        (":submit", ":submit needs EXPR"),
    ])
    func refuses(_ line: String, _ message: String) {
        guard case .failure(let error) = REPLCommand.parse(line) else {
            Issue.record("\(line) parsed")
            return
        }
        #expect(SessionText(language: .english).commandProblem(error).contains(message))
    }

    @Test func helpHasOneLinePerCommand() {
        let lines = REPLCommand.helpLines()
        // Then the note on code: what binds, what is evaluated, what an exercise grades, playing,
        // and leaving.
        #expect(lines.count == REPLCommand.all.count + 6)
        for help in REPLCommand.all {
            #expect(
                lines.contains {
                    $0.hasPrefix("  :" + help.name) && $0.contains(Language.english.say(help.key))
                })
        }
        #expect(REPLCommand.names.count == 19)
    }
}
