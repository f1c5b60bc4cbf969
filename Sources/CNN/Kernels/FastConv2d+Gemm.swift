import CBLAS

/// The Float32 convolution of one geometry: picks a path and runs it on raw NCHW buffers.
struct FastConv2d {
    let g: Conv2dGeometry

    init(_ geometry: Conv2dGeometry) {
        self.g = geometry
        _ = blasPinnedToOneThread
    }

    /// Row-major single-precision GEMM, `C = alpha·op(A)·op(B) + beta·C`.
    @inline(__always)
    func sgemm(
        _ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    // MARK: - im2col + GEMM, one batch item per work item

    func forward(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        if let winograd {
            return try winogradForward(winograd, input: input, weight: weight, bias: bias, output: output)
        }
        let (cg, kg, rows, pixels) = (g.inChannelsPerGroup, g.outChannelsPerGroup, g.columnRows, g.outPixels)
        let inPlane = g.inHeight * g.inWidth
        let pointwise = g.isPointwise
        let workers = Parallelism.workers(items: g.batch, flops: g.forwardFlops)
        try ScratchBuffer.withBuffers(workers: workers, count: pointwise ? 0 : rows * pixels) {
            (scratch) throws(CNNError) in
            try Parallelism.forEach(count: g.batch, workers: workers) { n, worker throws(CNNError) in
                for group in 0..<g.groups {
                    let image = input + (n * g.inChannels + group * cg) * inPlane
                    let columns: UnsafePointer<Float>
                    if pointwise {
                        columns = image
                    } else {
                        g.im2col(image: image, channels: cg, col: scratch[worker], ldc: pixels)
                        columns = UnsafePointer(scratch[worker])
                    }
                    sgemm(
                        false, false, m: kg, n: pixels, k: rows, weight + group * kg * rows, lda: rows,
                        columns, ldb: pixels, beta: 0,
                        output + (n * g.outChannels + group * kg) * pixels, ldc: pixels)
                }
                if let bias {
                    addBias(bias, to: output + n * g.outChannels * pixels, pixels: pixels)
                }
            }
        }
    }

    func backwardInput(
        gradOutput: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        // F(2×2) here: the input gradient is compared elementwise with PyTorch by the Tensor-level
        // tests, and F(4×4)'s larger rounding (≈4e-7 of the scale) failed that on near-zero pixels.
        if winograd != nil {
            return try winogradBackwardInput(
                .f2, gradOutput: gradOutput, weight: weight, gradInput: gradInput)
        }
        let (cg, kg, rows, pixels) = (g.inChannelsPerGroup, g.outChannelsPerGroup, g.columnRows, g.outPixels)
        let inPlane = g.inHeight * g.inWidth
        let pointwise = g.isPointwise
        let workers = Parallelism.workers(items: g.batch, flops: g.forwardFlops)
        try ScratchBuffer.withBuffers(workers: workers, count: pointwise ? 0 : rows * pixels) {
            (scratch) throws(CNNError) in
            try Parallelism.forEach(count: g.batch, workers: workers) { n, worker throws(CNNError) in
                for group in 0..<g.groups {
                    let image = gradInput + (n * g.inChannels + group * cg) * inPlane
                    let gradOut = gradOutput + (n * g.outChannels + group * kg) * pixels
                    let w = weight + group * kg * rows
                    if pointwise {
                        sgemm(
                            true, false, m: cg, n: pixels, k: kg, w, lda: rows, gradOut, ldb: pixels,
                            beta: 0, image, ldc: pixels)
                    } else {
                        sgemm(
                            true, false, m: rows, n: pixels, k: kg, w, lda: rows, gradOut, ldb: pixels,
                            beta: 0, scratch[worker], ldc: pixels)
                        image.update(repeating: 0, count: cg * inPlane)
                        g.col2imAdd(col: scratch[worker], ldc: pixels, image: image, channels: cg)
                    }
                }
            }
        }
    }

    /// Batch items are summed in a fixed number of chunks (a function of the batch size only),
    /// each into its own partial sum, and the partials are added in order at the end: the result
    /// does not depend on which thread ran which chunk.
    func backwardWeight(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeight: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>?
    ) throws(CNNError) {
        let (cg, kg, rows, pixels) = (g.inChannelsPerGroup, g.outChannelsPerGroup, g.columnRows, g.outPixels)
        let inPlane = g.inHeight * g.inWidth
        let pointwise = g.isPointwise
        let weightCount = g.outChannels * rows
        guard g.batch > 0 else {
            gradWeight.update(repeating: 0, count: weightCount)
            gradBias?.update(repeating: 0, count: g.outChannels)
            return
        }
        let chunks = Self.weightChunks(batch: g.batch)
        let partialCount = weightCount + g.outChannels
        let workers = Parallelism.workers(items: chunks, flops: g.forwardFlops)
        try ScratchBuffer.withBuffers(workers: 1, count: chunks * partialCount) {
            (partials) throws(CNNError) in
            try ScratchBuffer.withBuffers(workers: workers, count: pointwise ? 0 : rows * pixels) {
                (scratch) throws(CNNError) in
                try Parallelism.forEach(count: chunks, workers: workers) { chunk, worker throws(CNNError) in
                    let partialWeight = partials[0] + chunk * partialCount
                    let partialBias = partialWeight + weightCount
                    let images = Self.chunkRange(chunk, of: chunks, batch: g.batch)
                    for n in images {
                        let beta: Float = n == images.lowerBound ? 0 : 1
                        for group in 0..<g.groups {
                            let image = input + (n * g.inChannels + group * cg) * inPlane
                            let gradOut = gradOutput + (n * g.outChannels + group * kg) * pixels
                            let columns: UnsafePointer<Float>
                            if pointwise {
                                columns = image
                            } else {
                                g.im2col(image: image, channels: cg, col: scratch[worker], ldc: pixels)
                                columns = UnsafePointer(scratch[worker])
                            }
                            sgemm(
                                false, true, m: kg, n: rows, k: pixels, gradOut, lda: pixels,
                                columns, ldb: pixels, beta: beta,
                                partialWeight + group * kg * rows, ldc: rows)
                        }
                        sumPlanes(
                            gradOutput + n * g.outChannels * pixels, pixels: pixels,
                            into: partialBias, accumulate: beta != 0)
                    }
                }
            }
            let first = partials[0]
            gradWeight.update(from: first, count: weightCount)
            gradBias?.update(from: first + weightCount, count: g.outChannels)
            for chunk in 1..<max(1, chunks) {
                let partial = first + chunk * partialCount
                for i in 0..<weightCount { gradWeight[i] += partial[i] }
                if let gradBias {
                    for k in 0..<g.outChannels { gradBias[k] += partial[weightCount + k] }
                }
            }
        }
    }

    /// Partial sums the weight gradient is split into: enough to keep two to four threads busy,
    /// few enough that adding them up costs nothing next to the GEMMs.
    static func weightChunks(batch: Int) -> Int { max(1, min(batch, 8)) }

    /// The batch items of chunk `chunk` of `chunks`: contiguous, sizes differing by at most one.
    static func chunkRange(_ chunk: Int, of chunks: Int, batch: Int) -> Range<Int> {
        (chunk * batch / chunks)..<((chunk + 1) * batch / chunks)
    }

    /// `planes[k, p] += bias[k]` for the `outChannels` planes of one batch item.
    func addBias(_ bias: UnsafePointer<Float>, to planes: UnsafeMutablePointer<Float>, pixels: Int) {
        for k in 0..<g.outChannels {
            let plane = planes + k * pixels
            let b = bias[k]
            for p in 0..<pixels { plane[p] += b }
        }
    }

    /// `sums[k] (+)= Σ_p planes[k, p]` over the `outChannels` planes of one batch item.
    func sumPlanes(
        _ planes: UnsafePointer<Float>, pixels: Int, into sums: UnsafeMutablePointer<Float>,
        accumulate: Bool
    ) {
        for k in 0..<g.outChannels {
            let plane = planes + k * pixels
            var total: Float = 0
            for p in 0..<pixels { total += plane[p] }
            sums[k] = accumulate ? sums[k] + total : total
        }
    }
}
