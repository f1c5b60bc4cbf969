import Testing

@testable import CNN

/// The im2col copy and its adjoint check the budget every `floatsPerCheck` floats: a column
/// matrix at the memory limit took about a second to copy in one call, past the 100 ms within
/// which Ctrl-C and the time limit must stop a kernel. Checked without a clock: a budget
/// cancelled before the call stops a copy longer than one chunk, and leaves a shorter one alone.
@Suite struct Im2colCancellationTests {
    /// 1 channel, 1×1 kernel over `side`² pixels: `side`² column floats.
    static func geometry(side: Int) -> Conv2dGeometry {
        Conv2dGeometry(
            batch: 1, inChannels: 1, inHeight: side, inWidth: side, outChannels: 1, kernelHeight: 1,
            kernelWidth: 1)
    }

    static func cancelled() -> ComputeBudget {
        let budget = ComputeBudget()
        budget.cancel()
        return budget
    }

    @Test func aCancelStopsALongCopyBetweenChunks() {
        let g = Self.geometry(side: 1100)  // 1.21 M floats > one chunk of 2²⁰
        #expect(g.outPixels > Conv2dGeometry.floatsPerCheck)
        let image = [Float](repeating: 1, count: g.outPixels)
        var columns = [Float](repeating: 0, count: g.outPixels)
        let error = image.withUnsafeBufferPointer { image in
            columns.withUnsafeMutableBufferPointer { columns in
                #expect(throws: CNNError.self) {
                    try g.im2col(
                        image: image.baseAddress!, channels: 1, col: columns.baseAddress!, ldc: g.outPixels,
                        budget: Self.cancelled())
                }
            }
        }
        #expect(error?.code == .cancelled)
        // Stopped at the first check, before the row that completes the first chunk: the rows
        // before it were copied, the rest were not.
        #expect(columns[0] == 1)
        #expect(columns[Conv2dGeometry.floatsPerCheck - g.inWidth] == 1)
        #expect(columns[g.outPixels - 1] == 0)
        var image2 = image
        let adjoint = columns.withUnsafeBufferPointer { columns in
            image2.withUnsafeMutableBufferPointer { image in
                #expect(throws: CNNError.self) {
                    try g.col2imAdd(
                        col: columns.baseAddress!, ldc: g.outPixels, image: image.baseAddress!, channels: 1,
                        budget: Self.cancelled())
                }
            }
        }
        #expect(adjoint?.code == .cancelled)
    }

    @Test func aCopyWithinOneChunkNeverChecks() throws {
        let g = Self.geometry(side: 1000)  // 1.0 M floats < 2²⁰
        let image = [Float](repeating: 2, count: g.outPixels)
        var columns = [Float](repeating: 0, count: g.outPixels)
        try image.withUnsafeBufferPointer { image in
            try columns.withUnsafeMutableBufferPointer { columns in
                try g.im2col(
                    image: image.baseAddress!, channels: 1, col: columns.baseAddress!, ldc: g.outPixels,
                    budget: Self.cancelled())
            }
        }
        #expect(columns.allSatisfy { $0 == 2 })
    }
}
