/// Memory a kernel holds outside any tensor — the direct convolution's packed weights, max
/// pooling's winner indices kept for the backward pass — charged to the session's `MemoryBudget`
/// like a tensor's storage while the charge lives, and given back when it goes away.
///
/// Take the charge before allocating, keep it alive exactly as long as the memory (capture it
/// beside the array in an autograd closure, or `withExtendedLifetime` around a temporary).
final class MemoryCharge: Sendable {
    private let memory: MemoryBudget?
    private let bytes: Int

    /// Charges `count` elements of `bytesPerElement` bytes to the current budget's memory.
    /// - Parameter shape: how the memory is shaped, for the message when it is refused.
    /// - Throws: `CNNError.tooLarge` past the element limit or 64-bit sizes, `.outOfMemory` when
    ///   the session's memory cannot hold it; nothing is charged then.
    init(count: Int, bytesPerElement: Int, shape: [Int]) throws(CNNError) {
        let (bytes, overflow) = max(0, count).multipliedReportingOverflow(by: bytesPerElement)
        guard !overflow, bytes <= TensorStorage.largestAllocation else {
            throw .tooLarge(
                shape: shape, elements: count, limit: TensorStorage.largestAllocation / bytesPerElement)
        }
        let budget = ComputeBudget.current
        try budget?.reserve(elements: max(0, count), bytesPerElement: bytesPerElement, shape: shape)
        self.memory = budget?.memory
        self.bytes = budget == nil ? 0 : bytes
    }

    deinit { memory?.release(bytes: bytes) }
}
