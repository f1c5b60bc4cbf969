import CNN
import Foundation
import Synchronization

/// Runs answer-language code and keeps its bindings between runs: the REPL holds one per
/// session, the grader one per exercise (and a `copy()` per answer).
///
///     let interpreter = Interpreter(options: EvaluationOptions(timeLimit: 5))
///     try interpreter.run("x = torch.ones(1, 1, 6, 6)")
///     let shape = try interpreter.evaluate(expression: "x.shape")   // .shape([1, 1, 6, 6])
///
/// Every `run` executes under its own `ComputeBudget` built from the options (element and time
/// limits), on a thread with a large stack, and can be stopped from another thread with
/// `cancel()`. Statements bind as they complete, so an error or a cancellation leaves the bindings
/// of earlier statements in place.
///
/// Memory is the session's, not the run's: every run counts against one `MemoryBudget` of
/// `options.maxBytes`, which holds the tensors alive anywhere in the session (a tensor's bytes
/// come back when its last copy goes, by `del`, rebinding or the end of a run that made it) and
/// the lists, tuples and strings bound to names (measured after every run).
///
/// Thread safety: `run`, `evaluate`, `bind` and the subscript must not be called concurrently;
/// `cancel()` may be called from any thread at any time.
public final class Interpreter: @unchecked Sendable {
    // @unchecked: `evaluator` is only touched by the one caller of `run` (documented above) and by
    // the thread `run` starts while that caller waits for it; `current` is behind a Mutex.
    let evaluator: Evaluator
    private let current = Mutex<ComputeBudget?>(nil)
    /// The session's memory, shared by every run.
    public let memory: MemoryBudget

    /// The options this interpreter was made with.
    public var options: EvaluationOptions { evaluator.options }

    /// Creates an interpreter with no bindings beyond the builtins.
    public init(options: EvaluationOptions = EvaluationOptions()) {
        evaluator = Evaluator(options: options)
        memory = MemoryBudget(limit: options.maxBytes)
    }

    private init(evaluator: Evaluator) {
        self.evaluator = evaluator
        memory = MemoryBudget(limit: evaluator.options.maxBytes)
    }

    deinit {
        memory.release(bytes: evaluator.containerCharge)
    }

    /// Continues `other`'s random draws: the next number drawn here is the one `other` would
    /// draw next. A grading session takes the setup's state, so an answer that draws numbers gets
    /// new ones, as a notebook cell run after the setup would, not the setup's own numbers again.
    public func continueRandomDraws(of other: Interpreter) {
        evaluator.generator = other.evaluator.generator
    }

    /// A copy with the same bindings and random state, for running one answer after a shared
    /// setup: rebinding names or drawing random numbers in the copy does not affect the original.
    /// The copy is a new session with a memory budget of its own (the shared setup's tensors stay
    /// charged to the original).
    /// Tensors are values and are not shared in any observable way; layers are objects and are
    /// shared, as in Python.
    public func copy() -> Interpreter {
        Interpreter(evaluator: evaluator.copy())
    }

    /// Runs statements (separated by newlines or `;`, with Python's indented blocks) and returns
    /// the value of the last one when it is an expression, `None` otherwise. What `print` wrote is
    /// the result when the code has no other (`for i in range(3): print(i)` gives the text of the
    /// three lines); otherwise it is in `printed`.
    /// - Throws: `LanguageError` for a syntax error, any error while evaluating, a limit, the time
    ///   limit or a cancellation.
    @discardableResult
    public func run(_ source: String) throws(LanguageError) -> Value {
        let program = try Parser.parse(source, options: evaluator.options.parser)
        printed = ""
        evaluator.printed = ""
        defer {
            printed = evaluator.printed
            evaluator.printed = ""
        }
        let result = try execute { (evaluator: Evaluator) throws(LanguageError) -> Value in
            try evaluator.execute(program)
        }
        if case .none = result, !evaluator.printed.isEmpty {
            let text =
                evaluator.printed.hasSuffix("\n") ? String(evaluator.printed.dropLast()) : evaluator.printed
            evaluator.printed = ""
            return .text(text)
        }
        return result
    }

    /// What `print` wrote during the last `run` and was not returned as its result (the result
    /// was another value, or the run failed): show it before the value or the error.
    public private(set) var printed = ""

    /// Runs source given as bytes (a file, standard input), refusing invalid UTF-8 with its
    /// position; see `run(_:)`.
    @discardableResult
    public func run(bytes: [UInt8]) throws(LanguageError) -> Value {
        try run(try SourceText.decode(bytes))
    }

    /// Evaluates exactly one expression (no assignments), as exercise checks are written.
    public func evaluate(expression source: String) throws(LanguageError) -> Value {
        let expression = try Parser.parseExpression(source, options: evaluator.options.parser)
        return try execute { (evaluator: Evaluator) throws(LanguageError) -> Value in
            try evaluator.evaluate(expression, in: nil)
        }
    }

    /// The value bound to `name` by code or `bind`, or nil (builtins are not included).
    public subscript(name: String) -> Value? {
        evaluator.globals[name]
    }

    /// Binds `name` to `value`, as `name = value` would (`cnntutor eval --let`, the grader's
    /// `answer`).
    public func bind(_ name: String, _ value: Value) {
        evaluator.globals[name] = value
        if value.isContainer { measureContainers() }
    }

    /// Removes a binding.
    public func unbind(_ name: String) {
        evaluator.globals[name] = nil
        measureContainers()
    }

    /// Charges `memory` with what the bound lists, tuples and strings hold now, replacing the
    /// previous measurement.
    private func measureContainers() {
        evaluator.measureContainers(memory)
    }

    /// Names bound by code, sorted.
    public var boundNames: [String] { evaluator.globals.keys.sorted() }

    /// Every name for tab completion: bindings, builtins, `torch`/`F`/`nn` and `True`/`False`/`None`,
    /// sorted and without repeats.
    public var names: [String] { Set(evaluator.visibleNames).sorted() }

    /// Names reachable after `prefix.` for tab completion: members of a namespace (`torch.`,
    /// `F.`), or attributes of a bound tensor.
    public func members(of prefix: String) -> [String] {
        let value = evaluator.globals[prefix] ?? Builtins.global[prefix]
        switch value {
        case .namespace(let namespace): return namespace.memberNames
        case .tensor: return (Array(Builtins.tensorMethods.keys) + Builtins.tensorProperties).sorted()
        default: return []
        }
    }

    /// Stops the evaluation in progress, if any, within about 100 ms: it throws a
    /// `LanguageError` of kind `.cancelled`. Safe to call from any thread.
    public func cancel() {
        current.withLock { $0?.cancel() }
    }

    /// Runs `body` under a fresh budget on a thread with a large stack, and waits for it.
    func execute(_ body: @escaping (Evaluator) throws(LanguageError) -> Value) throws(LanguageError)
        -> Value
    {
        let options = evaluator.options
        let budget = ComputeBudget(
            maxElements: options.maxElements, memory: memory, timeLimit: options.timeLimit)
        current.withLock { $0 = budget }
        defer {
            current.withLock { $0 = nil }
            measureContainers()
        }
        let job = Job(evaluator: evaluator, budget: budget, body: body)
        let thread = Thread { job.run() }
        thread.stackSize = Self.stackSize
        thread.start()
        job.done.wait()
        // Taken out of the job: the evaluation thread keeps the job until it has exited, and a
        // result left in it would keep its tensors charged to the session's memory for that
        // moment, so the next statement could be refused memory it has.
        let result = job.result
        job.result = .success(.none)
        return try result.get()
    }

    /// Stack of the evaluation thread: deep enough for the parser's nesting limit times the
    /// lambda call-depth limit in a debug build.
    static let stackSize = 512 << 20

    /// One evaluation handed to the evaluation thread.
    private final class Job: @unchecked Sendable {
        // @unchecked: written by the evaluation thread before `done.signal()`, read by the
        // caller only after `done.wait()`; the semaphore orders the two.
        let evaluator: Evaluator
        let budget: ComputeBudget
        let body: (Evaluator) throws(LanguageError) -> Value
        var result: Result<Value, LanguageError> = .success(.none)
        let done = DispatchSemaphore(value: 0)

        init(
            evaluator: Evaluator, budget: ComputeBudget,
            body: @escaping (Evaluator) throws(LanguageError) -> Value
        ) {
            self.evaluator = evaluator
            self.budget = budget
            self.body = body
        }

        func run() {
            result = ComputeBudget.$current.withValue(budget) {
                Evaluator.$current.withValue(evaluator) {
                    do throws(LanguageError) {
                        return .success(try body(evaluator))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            done.signal()
        }
    }
}
