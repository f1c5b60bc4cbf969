import CNN
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the batch grader reads about a worker process. (The machine's memory, which `--jobs` is
/// fitted to, has one home: `MemoryBudget.usableMemory`, which the session budgets come from.)
enum ChildProcess {
    /// The resident memory of process `pid` (Linux's `/proc/PID/statm`), or nil when unknown.
    static func residentBytes(of pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8) else {
            return nil
        }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// A signal's name (`SIGILL`), for saying why a worker ended.
    static func signalName(_ number: Int32) -> String {
        switch number {
        case SIGILL: "SIGILL, a trap in the engine"
        case SIGABRT: "SIGABRT, an abort"
        case SIGSEGV: "SIGSEGV, an invalid memory access"
        case SIGBUS: "SIGBUS, an invalid memory access"
        case SIGFPE: "SIGFPE, an arithmetic trap"
        case SIGKILL: "SIGKILL, killed, e.g. by the system when memory ran out"
        case SIGTRAP: "SIGTRAP, a trap in the engine"
        default: "signal \(number)"
        }
    }
}
