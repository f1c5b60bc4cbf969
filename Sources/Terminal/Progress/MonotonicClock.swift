import Synchronization

/// A clock that only moves forward, behind a protocol so progress displays can be tested.
public protocol MonotonicClock: Sendable {
    /// Time since a fixed, arbitrary start.
    func now() -> Duration
}

/// The system's monotonic clock, measured from when this value was made.
public struct SystemClock: MonotonicClock {
    private let start = ContinuousClock.now

    /// A clock starting at zero now.
    public init() {}

    /// Time since `init`.
    public func now() -> Duration { ContinuousClock.now - start }
}

/// A clock moved by hand, for tests.
public final class ManualClock: MonotonicClock {
    private let time = Mutex(Duration.zero)

    /// A clock at zero.
    public init() {}

    /// The current manual time.
    public func now() -> Duration { time.withLock { $0 } }

    /// Moves the clock forward by `duration`.
    public func advance(by duration: Duration) {
        time.withLock { $0 += duration }
    }
}
