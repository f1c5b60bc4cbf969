/// What a long operation will cost, known from its shapes before it starts.
///
/// Before a convolution, a matrix product, a pooling, random generation or building a long
/// list, the caller states the work and `ComputeBudget.requireTime(for:)` compares it with the
/// time left: work that cannot finish even at `fastestRate` is refused at once, with a sentence
/// saying how big it is, instead of running into the time limit. The rates are deliberately
/// optimistic (several times what this project's machines measure), so only work that is
/// hopeless is refused; what might finish runs, and long kernels check the budget in chunks
/// (`WorkMeter`) so the time limit and Ctrl-C still stop it within ~100 ms.
public struct WorkEstimate: Sendable, Hashable {
    /// The kind of work, which fixes its unit and its rate.
    public enum Kind: String, Sendable, Hashable {
        /// Multiply-adds of a convolution (forward or backward).
        case convolution
        /// Multiply-adds of a matrix product.
        case matrixProduct
        /// Window elements a pooling reads.
        case pooling
        /// Random numbers drawn.
        case randomNumbers
        /// Elements copied or built one by one (`tolist`, list repetition, `range`).
        case elements

        /// Units per second no machine this runs on does faster: 2 × 10¹¹ multiply-adds
        /// (the fast conv measured ~4.5 × 10¹⁰ on two cores), 10¹⁰ pooled elements, 10⁹ random
        /// numbers (~10⁸ measured), 10⁹ list elements.
        public var fastestRate: Double {
            switch self {
            case .convolution, .matrixProduct: 2e11
            case .pooling: 1e10
            case .randomNumbers, .elements: 1e9
            }
        }
    }

    public let kind: Kind
    /// How many units of `kind` the operation does.
    public let amount: Double

    /// Creates an estimate of `amount` units of `kind`.
    public init(_ kind: Kind, _ amount: Double) {
        self.kind = kind
        self.amount = amount
    }

    /// Seconds the work takes at least.
    public var fewestSeconds: Double { amount / kind.fastestRate }
}

extension ComputeBudget {
    /// Throws at once when the current budget is spent, or when `work` cannot finish in the time
    /// left even at its kind's fastest rate. Work too big for the whole time limit is refused
    /// with its size (`CNNError.tooMuchWork`); work that would fit the limit but not what is left
    /// of it ends as the time limit itself (`CNNError.timeLimit`) — the deadline would be reached
    /// anyway, and the same answer then gets the same message however loaded the machine is.
    /// Without a bound budget or a deadline it only checks for cancellation.
    public static func requireTime(for work: WorkEstimate) throws(CNNError) {
        guard let budget = current else { return }
        try budget.check()
        guard let left = budget.secondsLeft else { return }
        let allowed = work.kind.fastestRate * left
        guard work.amount > allowed else { return }
        if let limit = budget.timeLimitSeconds, work.amount <= work.kind.fastestRate * limit {
            throw CNNError.timeLimit(seconds: limit)
        }
        throw CNNError.tooMuchWork(work, secondsLeft: left, allowed: allowed)
    }
}

/// Counts the work a kernel has done and checks its budget every `interval` units, so that a
/// cancel or the deadline stops even one huge batch item within a few milliseconds of work.
///
/// Kernels running on the worker pool read `ComputeBudget.current` on the calling thread (task
/// locals do not reach helper threads) and hand it to the meter.
struct WorkMeter {
    /// Multiply-adds (or elements) between two checks: ~0.1 ms for the fast kernels, ~2 ms for
    /// the reference loops in a release build — and ~50 ms in the debug build `make run` uses,
    /// where 2 × 10⁷ let a 500×500 average pool run 1.6 s past the time limit.
    static let interval: Double = 2e6

    let budget: ComputeBudget?
    private var pending: Double = 0

    init(_ budget: ComputeBudget?) { self.budget = budget }

    /// Adds `work` done units, checking the budget when `interval` has accumulated.
    @inline(__always)
    mutating func add(_ work: Double) throws(CNNError) {
        guard let budget else { return }
        pending += work
        if pending >= Self.interval {
            pending = 0
            try budget.check()
        }
    }
}
