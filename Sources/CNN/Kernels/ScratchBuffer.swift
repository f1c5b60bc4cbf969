import Synchronization

/// A 64-byte-aligned Float32 work area that kernels borrow from a shared pool, so that the hot
/// path does not allocate: a convolution's im2col columns or Winograd tiles live here.
final class ScratchBuffer: @unchecked Sendable {
    // @unchecked: the memory is owned by exactly one borrower at a time (the pool hands each buffer
    // to one caller, who returns it when done), so no two threads touch it at once.
    private(set) var base: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    private init(capacity: Int) {
        self.capacity = capacity
        self.base = ScratchBuffer.allocate(capacity)
    }

    deinit { base.deallocate() }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: max(1, count))
    }

    /// Grows to at least `count` floats (contents are not kept).
    private func reserve(_ count: Int) {
        guard count > capacity else { return }
        base.deallocate()
        capacity = max(count, capacity * 3 / 2)
        base = ScratchBuffer.allocate(capacity)
    }

    /// Idle buffers, largest last; grows to the number of kernels that ever ran at once.
    private static let pool = Mutex<[ScratchBuffer]>([])

    /// Buffers above this many floats (64 MiB) are freed after use instead of kept in the pool:
    /// one huge convolution must not hold its memory for the rest of the session.
    static let largestPooled = 16 << 20

    /// Lends `count` uninitialised floats per worker to `body`, then takes them back.
    ///
    /// `body` receives one base pointer per worker; each has room for `count` floats. The memory
    /// is charged to the caller's `ComputeBudget` while `body` runs, so a convolution whose
    /// columns would not fit in the session's memory is refused before anything is allocated.
    /// - Throws: `CNNError.outOfMemory` / `.tooLarge` for a refused work area, or what `body` throws.
    static func withBuffers<R>(
        workers: Int, count: Int, _ body: ([UnsafeMutablePointer<Float>]) throws(CNNError) -> R
    ) throws(CNNError) -> R {
        let (floats, overflowFloats) = max(0, count).multipliedReportingOverflow(by: max(1, workers))
        let (bytes, overflowBytes) = floats.multipliedReportingOverflow(by: 4)
        guard !overflowFloats, !overflowBytes, bytes <= TensorStorage.largestAllocation else {
            throw CNNError(.tooLarge, .convWorkAreaTooLarge, ["workers": workers, "count": count])
        }
        let memory = ComputeBudget.current?.memory
        try memory?.reserve(bytes: bytes)
        defer { memory?.release(bytes: bytes) }
        let borrowed: [ScratchBuffer] = pool.withLock { idle in
            (0..<workers).map { _ in idle.popLast() ?? ScratchBuffer(capacity: count) }
        }
        for buffer in borrowed { buffer.reserve(count) }
        defer {
            pool.withLock { idle in
                idle.append(contentsOf: borrowed.filter { $0.capacity <= Self.largestPooled })
                idle.sort { $0.capacity < $1.capacity }
            }
        }
        return try body(borrowed.map(\.base))
    }
}
