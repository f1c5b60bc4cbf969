import CNN
import Testing

@testable import AnswerLanguage

/// The memory limit is the session's: what earlier lines bound stays counted, and rebinding or
/// unbinding gives it back.
@Suite struct SessionMemoryTests {
    /// 10 MB for the session; `a` holds 1 MB (250,000 float32), so a line `xN = a + N` adds 1 MB.
    static let options = EvaluationOptions(maxElements: 1_000_000, maxBytes: 10_000_000)

    /// The 24 lines, each a run of its own as the REPL makes them: per-line accounting let
    /// them all through; the session's refuses the tenth (a + nine copies = 10 MB).
    @Test func linesThatEachFitAreRefusedWhenTheSessionsTotalDoesNot() throws {
        let interpreter = Interpreter(options: Self.options)
        try interpreter.run("a = zeros(250000)")
        var refusedAt: Int? = nil
        for n in 1...24 {
            do {
                try interpreter.run("x\(n) = a + \(n)")
            } catch {
                #expect(error.kind == .limit)
                #expect(
                    error.message.hasPrefix(
                        "out of memory: 976.6 KiB more requested with 9.5 MiB already held"))
                #expect(error.message.contains("the session's limit is 9.5 MiB"))
                refusedAt = n
                break
            }
        }
        #expect(refusedAt == 10)
        #expect(interpreter.memory.bytesInUse == 10 * 1_000_000)
    }

    @Test func rebindingAndUnbindingGiveMemoryBack() throws {
        let interpreter = Interpreter(options: Self.options)
        try interpreter.run("a = zeros(250000)")
        for n in 1...9 { try interpreter.run("x\(n) = a + \(n)") }
        #expect(throws: LanguageError.self) { try interpreter.run("x10 = a + 10") }
        try interpreter.run("x1 = None")
        interpreter.unbind("x2")
        #expect(interpreter.memory.bytesInUse == 8 * 1_000_000)
        try interpreter.run("x10 = a + 10; x11 = a + 11")
        #expect(interpreter.memory.bytesInUse == 10 * 1_000_000)
    }

    /// A view or a copy sharing the storage costs nothing more; the bytes come back with the last
    /// name holding them.
    @Test func sharedStorageIsCountedOnce() throws {
        let interpreter = Interpreter(options: Self.options)
        try interpreter.run("a = zeros(250000); b = a; c = a.reshape(500, 500)")
        #expect(interpreter.memory.bytesInUse == 1_000_000)
        try interpreter.run("a = None; b = None")
        #expect(interpreter.memory.bytesInUse == 1_000_000)
        try interpreter.run("c = None")
        #expect(interpreter.memory.bytesInUse == 0)
    }

    /// Lists bound to names count too: each item is a `Value`.
    @Test func boundListsAreCounted() throws {
        let interpreter = Interpreter(options: Self.options)
        let itemBytes = MemoryLayout<Value>.stride
        try interpreter.run("l = [0] * 100000")
        #expect(interpreter.memory.bytesInUse == 100_000 * itemBytes)
        let error = #expect(throws: LanguageError.self) {
            for n in 1...24 { try interpreter.run("l\(n) = [0] * 100000") }
        }
        #expect(error?.kind == .limit)
        try interpreter.run("l = None")
        #expect(interpreter.memory.bytesInUse < 10_000_000)
    }

    /// Within one run (a pasted block, a graded answer) lists add up statement by statement, as
    /// tensors do: before, they were measured only when the run ended, so one run could bind as
    /// many lists as its statements, each fitting on its own.
    @Test func listsAddUpStatementByStatementWithinOneRun() throws {
        let interpreter = Interpreter(options: Self.options)
        let itemBytes = MemoryLayout<Value>.stride
        let perList = 10_000_000 / itemBytes / 4  // four of them are a little over the limit
        let lines = (1...6).map { "l\($0) = [0] * \(perList + 1)" }.joined(separator: "\n")
        let error = #expect(throws: LanguageError.self) { try interpreter.run(lines) }
        #expect(error?.kind == .limit)
        #expect(error?.message.hasPrefix("out of memory") == true)
        // The fourth is refused before it is built: the three before it are counted.
        #expect(error?.range?.lowerBound.line == 4)
        #expect(interpreter["l3"] != nil)
        #expect(interpreter["l4"] == nil)
        // The same in a loop: each iteration's list is counted when the statement building it ends.
        let looped = Interpreter(options: Self.options)
        let loopError = #expect(throws: LanguageError.self) {
            try looped.run("kept = []\nfor i in range(6):\n    kept = kept + [[0] * \(perList)]")
        }
        #expect(loopError?.kind == .limit)
        // del gives the bytes back: the lists that did not fit now do.
        try interpreter.run("del l1, l2, l3")
        #expect(interpreter.memory.bytesInUse == 0)
        try interpreter.run(lines.split(separator: "\n").prefix(3).joined(separator: "\n"))
        #expect(interpreter.memory.bytesInUse == 3 * (perList + 1) * itemBytes)
    }

    @Test func tolistIsCheckedBeforeItBuildsItsItems() throws {
        let interpreter = Interpreter(options: EvaluationOptions(maxElements: 1_000_000, maxBytes: 4_000_000))
        let error = #expect(throws: LanguageError.self) { try interpreter.run("len(zeros(500000).tolist())") }
        #expect(error?.kind == .limit)
        #expect(error?.message.hasPrefix("out of memory") == true)
    }

    /// Each copy of an interpreter is a session of its own: the grader's answers do not share
    /// one budget.
    @Test func aCopyHasABudgetOfItsOwn() throws {
        let interpreter = Interpreter(options: Self.options)
        try interpreter.run("a = zeros(250000)")
        let copy = interpreter.copy()
        try copy.run("b = a + 1")
        #expect(copy.memory.bytesInUse == 1_000_000)
        #expect(interpreter.memory.bytesInUse == 1_000_000)
        #expect(copy.memory !== interpreter.memory)
    }

    @Test func theDefaultLimitIsAQuarterOfTheMachineCappedAtFourGiB() {
        #expect(EvaluationOptions().maxBytes == MemoryBudget.machineDefault)
        #expect(MemoryBudget.machineDefault == min(MemoryBudget.usableMemory / 4, 4 << 30))
        #expect(MemoryBudget.machineDefault > 0)
    }
}
