/// Counts the elements a loop on one thread has processed and checks the current
/// `ComputeBudget` once every `ElementwiseKernels.checkInterval` of them: how a kernel whose loop
/// does not split into `Parallelism.forEach` items (an argmax along a dimension, a concatenation,
/// a scatter) still stops soon after a deadline or a cancel on 10⁸ elements, at a cost of one
/// addition and a compare per row. (`WorkMeter` does the same for multiply-adds, at a coarser
/// interval that suits the convolution and pooling kernels.)
struct ElementMeter {
    /// Read once, on the thread that creates the meter: task locals do not reach pool helpers.
    private let budget: ComputeBudget?
    private var sinceCheck = 0

    init() { budget = ComputeBudget.current }

    /// Records `elements` more elements of work, checking the budget when enough have passed.
    /// - Throws: `CNNError.timeLimit` / `.cancelled` from the budget.
    @inline(__always)
    mutating func add(_ elements: Int) throws(CNNError) {
        guard let budget else { return }
        sinceCheck &+= Swift.max(1, elements)
        if sinceCheck >= ElementwiseKernels.checkInterval {
            sinceCheck = 0
            try budget.check()
        }
    }
}
