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

    /// Lends `count` uninitialised floats per worker to `body`, then takes them back.
    ///
    /// `body` receives one base pointer per worker; each has room for `count` floats.
    static func withBuffers<R, E: Error>(
        workers: Int, count: Int, _ body: ([UnsafeMutablePointer<Float>]) throws(E) -> R
    ) throws(E) -> R {
        let borrowed: [ScratchBuffer] = pool.withLock { idle in
            (0..<workers).map { _ in idle.popLast() ?? ScratchBuffer(capacity: count) }
        }
        for buffer in borrowed { buffer.reserve(count) }
        defer {
            pool.withLock { idle in
                idle.append(contentsOf: borrowed)
                idle.sort { $0.capacity < $1.capacity }
            }
        }
        return try body(borrowed.map(\.base))
    }
}
