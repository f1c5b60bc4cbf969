import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Delivers Ctrl-C to whatever is running (an evaluation, a training loop) as a cancellation,
/// instead of killing the process.
public protocol InterruptSource: AnyObject, Sendable {
    /// Runs `body`; an interrupt arriving meanwhile calls `onInterrupt` (possibly on another
    /// thread, so it should only flip a flag or cancel a token that `body` checks).
    func whileRunning<T>(onInterrupt: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T
    /// Whether an interrupt arrived since the last `reset()`.
    var isInterrupted: Bool { get }
    /// Forgets earlier interrupts.
    func reset()
}

/// The handlers of the `whileRunning` calls in progress, shared by both sources.
private final class InterruptHandlers: Sendable {
    private let state = Mutex<(handlers: [Int: @Sendable () -> Void], next: Int)>(([:], 0))

    /// Runs `body` with `onInterrupt` registered.
    func whileRunning<T>(onInterrupt: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
        let key = state.withLock { state in
            state.next += 1
            state.handlers[state.next] = onInterrupt
            return state.next
        }
        defer { _ = state.withLock { $0.handlers.removeValue(forKey: key) } }
        return try body()
    }

    /// Calls every registered handler (outside the lock: a handler may take locks of its own).
    func callAll() {
        for handler in state.withLock({ Array($0.handlers.values) }) { handler() }
    }
}

/// Interrupts raised by hand, for tests (and for cancelling from code).
public final class ManualInterruptSource: InterruptSource {
    private let handlers = InterruptHandlers()
    private let interrupted = Atomic<Bool>(false)

    /// A source with no interrupt pending.
    public init() {}

    /// Raises an interrupt: calls the handler of every `whileRunning` in progress.
    public func interrupt() {
        interrupted.store(true, ordering: .releasing)
        handlers.callAll()
    }

    /// Runs `body` with `onInterrupt` registered.
    public func whileRunning<T>(onInterrupt: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows
        -> T
    {
        try handlers.whileRunning(onInterrupt: onInterrupt, body)
    }

    /// Whether `interrupt()` was called since the last `reset()`.
    public var isInterrupted: Bool { interrupted.load(ordering: .acquiring) }

    /// Forgets earlier interrupts.
    public func reset() {
        interrupted.store(false, ordering: .releasing)
    }
}

/// SIGINT (Ctrl-C outside the line editor) turned into calls of the running task's handler.
///
/// The signal handler itself only does async-signal-safe work: it bumps an atomic counter and
/// writes one byte to a pipe. A watcher thread reads the pipe and calls the handler registered by
/// `whileRunning`, outside signal context, where taking locks and allocating are safe. Without a
/// registered handler an interrupt is only recorded: the process is not killed.
public final class SignalInterruptHandler: InterruptSource {
    /// The one handler for the process (signal dispositions are per process). Installing it is
    /// idempotent; the first access installs.
    public static let shared = SignalInterruptHandler()

    private let handlers = InterruptHandlers()

    private init() {
        signalPipe.install()
        let started = signalPipe.startWatching { [weak self] in self?.handlers.callAll() }
        precondition(started, "SignalInterruptHandler: cannot start the watcher thread")
    }

    /// Runs `body` with `onInterrupt` registered.
    public func whileRunning<T>(onInterrupt: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows
        -> T
    {
        try handlers.whileRunning(onInterrupt: onInterrupt, body)
    }

    /// Whether SIGINT arrived since the last `reset()`.
    public var isInterrupted: Bool { signalPipe.count.load(ordering: .acquiring) > 0 }

    /// Forgets earlier interrupts.
    public func reset() {
        signalPipe.count.store(0, ordering: .releasing)
    }
}

/// The state a signal handler may touch: a counter and a pipe's write end. A C signal handler
/// cannot capture context, so this must be a global; it is immutable apart from its atomics.
private let signalPipe = SignalPipe()

private final class SignalPipe: Sendable {
    let count = Atomic<Int>(0)
    let readEnd: Int32
    let writeEnd: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        let made = pipe(&fds) == 0
        precondition(made, "SignalInterruptHandler: pipe() failed")
        readEnd = fds[0]
        writeEnd = fds[1]
        // A full pipe must not block the signal handler; the count still records the interrupt.
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
    }

    func install() {
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { _ in signalPipe.signalled() }
        #else
            action.__sigaction_u.__sa_handler = { _ in signalPipe.signalled() }
        #endif
        sigemptyset(&action.sa_mask)
        // Restart interrupted system calls: only the handler, not every read in the program,
        // should notice Ctrl-C.
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }

    /// Runs inside the signal handler: async-signal-safe operations only.
    func signalled() {
        let savedErrno = errno
        count.add(1, ordering: .relaxed)
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
        errno = savedErrno
    }

    /// Starts a thread that calls `deliver` once per byte read from the pipe.
    func startWatching(_ deliver: @escaping @Sendable () -> Void) -> Bool {
        let box = Unmanaged.passRetained(WatcherContext(readEnd: readEnd, deliver: deliver)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { raw in
                let context = Unmanaged<WatcherContext>.fromOpaque(raw!).takeRetainedValue()
                context.run()
                return nil
            }, box)
        if result == 0 { pthread_detach(thread) }
        return result == 0
    }
}

private final class WatcherContext: Sendable {
    let readEnd: Int32
    let deliver: @Sendable () -> Void

    init(readEnd: Int32, deliver: @escaping @Sendable () -> Void) {
        self.readEnd = readEnd
        self.deliver = deliver
    }

    func run() {
        var byte: UInt8 = 0
        while true {
            let got = read(readEnd, &byte, 1)
            if got == 1 {
                deliver()
            } else if got < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
