import CBLAS

/// The im2col + GEMM path and the BLAS call every path shares.
extension FastConv2d {
    /// Row-major single-precision GEMM, `C = alpha·op(A)·op(B) + beta·C`; past `Tensor.chunkWork`
    /// multiply-adds, in column blocks with the budget checked between them, so a cancel or the
    /// deadline stops even one huge image's product within tens of milliseconds.
    @inline(__always)
    func sgemm(
        _ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) throws(CNNError) {
        // One call up to `Tensor.chunkWork` (every layer of the course); beyond, blocks of at
        // least 256 columns, which BLAS still runs at speed.
        let columnsPerChunk =
            Double(m) * Double(n) * Double(k) <= Tensor.chunkWork
            ? max(n, 1) : max(256, Int(min(Double(n), Tensor.chunkWork / max(1, Double(m) * Double(k)))))
        var first = 0
        repeat {
            let count = min(columnsPerChunk, n - first)
            // Column `first` of op(B): an offset along a row of B, or a row of B stored transposed.
            let bChunk = b + (transB ? first * ldb : first)
            cblas_sgemm(
                CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(count), Int32(k), 1, a, Int32(lda), bChunk, Int32(ldb), beta, c + first,
                Int32(ldc))
            first += count
            if first < n { try budget?.check() }
        } while first < n
    }

    // MARK: - im2col + GEMM, one batch item per work item

    func forward(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        // A batch of 0 images has no output to write (and would stack 0 images per GEMM).
        guard g.batch > 0 else { return }
        if let winograd {
            return try winogradForward(winograd, input: input, weight: weight, bias: bias, output: output)
        }
        if usesDirect {
            return try directForward(input: input, weight: weight, bias: bias, output: output)
        }
        let (cg, kg, rows, pixels) = (g.inChannelsPerGroup, g.outChannelsPerGroup, g.columnRows, g.outPixels)
        let inPlane = g.inHeight * g.inWidth
        // Small images are stacked side by side, so one GEMM covers ≥ 512 output pixels.
        let stack = min(g.batch, max(1, 512 / pixels))
        let items = (g.batch + stack - 1) / stack
        let width = stack * pixels
        let direct = g.isPointwise && stack == 1
        let scratchCount = direct ? 0 : rows * width + (stack > 1 ? kg * width : 0)
        let workers = Parallelism.workers(items: items, flops: g.forwardFlops)
        try ScratchBuffer.withBuffers(workers: workers, count: scratchCount) { (scratch) throws(CNNError) in
            try Parallelism.forEach(count: items, workers: workers) { item, worker throws(CNNError) in
                let first = item * stack
                let count = min(stack, g.batch - first)
                let columns = scratch[worker]
                let stackedOutput = columns + rows * width
                for group in 0..<g.groups {
                    let w = weight + group * kg * rows
                    let out = output + (first * g.outChannels + group * kg) * pixels
                    if direct {
                        let image = input + (first * g.inChannels + group * cg) * inPlane
                        try sgemm(
                            false, false, m: kg, n: pixels, k: rows, w, lda: rows, image, ldb: pixels,
                            beta: 0, out, ldc: pixels)
                        continue
                    }
                    for j in 0..<count {
                        let image = input + ((first + j) * g.inChannels + group * cg) * inPlane
                        try g.im2col(
                            image: image, channels: cg, col: columns + j * pixels, ldc: width, budget: budget)
                    }
                    if stack == 1 {
                        try sgemm(
                            false, false, m: kg, n: pixels, k: rows, w, lda: rows, columns, ldb: pixels,
                            beta: 0, out, ldc: pixels)
                        continue
                    }
                    try sgemm(
                        false, false, m: kg, n: count * pixels, k: rows, w, lda: rows, columns, ldb: width,
                        beta: 0, stackedOutput, ldc: width)
                    for j in 0..<count {
                        for k in 0..<kg {
                            (out + (j * g.outChannels + k) * pixels).update(
                                from: stackedOutput + k * width + j * pixels, count: pixels)
                        }
                    }
                }
                if let bias {
                    for j in 0..<count {
                        addBias(bias, to: output + (first + j) * g.outChannels * pixels, pixels: pixels)
                    }
                }
            }
        }
    }

    func backwardInput(
        gradOutput: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        guard g.batch > 0 else { return }
        // Narrow layers take F(2×2): its rounding is a direct sum's, where F(4×4)'s (≈4e-7 of the
        // scale) failed the Tensor tests' elementwise comparison with PyTorch on near-zero pixels
        // of a 3-channel case; from 16 channels each way F(4×4)'s 4× fewer multiplies pay.
        if winograd != nil {
            let tile: WinogradChoice =
                min(g.inChannels, g.outChannels) >= 16
                ? Self.smallerTile(height: g.inHeight, width: g.inWidth) : .f2
            return try winogradBackwardInput(
                tile, gradOutput: gradOutput, weight: weight, gradInput: gradInput)
        }
        if usesDirectBackwardInput {
            return try directBackwardInput(gradOutput: gradOutput, weight: weight, gradInput: gradInput)
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
                        try sgemm(
                            true, false, m: cg, n: pixels, k: kg, w, lda: rows, gradOut, ldb: pixels,
                            beta: 0, image, ldc: pixels)
                    } else {
                        try sgemm(
                            true, false, m: rows, n: pixels, k: kg, w, lda: rows, gradOut, ldb: pixels,
                            beta: 0, scratch[worker], ldc: pixels)
                        image.update(repeating: 0, count: cg * inPlane)
                        try g.col2imAdd(
                            col: scratch[worker], ldc: pixels, image: image, channels: cg, budget: budget)
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
        if let winograd {
            return try winogradBackwardWeight(
                winograd, input: input, gradOutput: gradOutput, gradWeight: gradWeight, gradBias: gradBias)
        }
        if usesDirect {
            return try directBackwardWeight(
                input: input, gradOutput: gradOutput, gradWeight: gradWeight, gradBias: gradBias)
        }
        let chunks = Self.weightChunks(batch: g.batch)
        let partialCount = weightCount + g.outChannels
        // Small images are stacked side by side so each GEMM sums over ≥ 512 pixels.
        let stack = min(Self.chunkRange(0, of: chunks, batch: g.batch).count, max(1, 512 / pixels))
        let width = stack * pixels  // leading dimension of the stacked matrices
        let direct = pointwise && stack == 1
        let scratchCount = direct ? 0 : rows * width + (stack > 1 ? kg * width : 0)
        let workers = Parallelism.workers(items: chunks, flops: g.forwardFlops)
        try ScratchBuffer.withBuffers(workers: 1, count: chunks * partialCount) {
            (partials) throws(CNNError) in
            try ScratchBuffer.withBuffers(workers: workers, count: scratchCount) {
                (scratch) throws(CNNError) in
                try Parallelism.forEach(count: chunks, workers: workers) { chunk, worker throws(CNNError) in
                    let partialWeight = partials[0] + chunk * partialCount
                    let partialBias = partialWeight + weightCount
                    let images = Self.chunkRange(chunk, of: chunks, batch: g.batch)
                    let columns = scratch[worker]
                    let stackedGrad = columns + rows * width
                    for first in Swift.stride(from: images.lowerBound, to: images.upperBound, by: stack) {
                        let count = min(stack, images.upperBound - first)
                        let beta: Float = first == images.lowerBound ? 0 : 1
                        for group in 0..<g.groups {
                            let gradOut = gradOutput + (first * g.outChannels + group * kg) * pixels
                            let a: UnsafePointer<Float>
                            let b: UnsafePointer<Float>
                            if direct {
                                a = input + (first * g.inChannels + group * cg) * inPlane
                                b = gradOut
                            } else {
                                for j in 0..<count {
                                    let image = input + ((first + j) * g.inChannels + group * cg) * inPlane
                                    try g.im2col(
                                        image: image, channels: cg, col: columns + j * pixels, ldc: width,
                                        budget: budget)
                                }
                                a = UnsafePointer(columns)
                                if stack > 1 {
                                    for j in 0..<count {
                                        for k in 0..<kg {
                                            (stackedGrad + k * width + j * pixels).update(
                                                from: gradOut + (j * g.outChannels + k) * pixels,
                                                count: pixels)
                                        }
                                    }
                                    b = UnsafePointer(stackedGrad)
                                } else {
                                    b = gradOut
                                }
                            }
                            // Transposed, [rows, kg]: OpenBLAS runs the tall-thin product
                            // col · gradOutᵀ faster than the short-wide gradOut · colᵀ.
                            try sgemm(
                                false, true, m: rows, n: kg, k: count * pixels, a, lda: width,
                                b, ldb: width, beta: beta, partialWeight + group * kg * rows, ldc: kg)
                        }
                        for j in 0..<count {
                            sumPlanes(
                                gradOutput + (first + j) * g.outChannels * pixels, pixels: pixels,
                                into: partialBias, accumulate: beta != 0 || j > 0)
                        }
                    }
                }
            }
            // Sum the chunks' partials in chunk order, turning each group's [rows, kg] into the
            // weight's [kg, rows].
            let first = partials[0]
            for group in 0..<g.groups {
                let base = group * kg * rows
                for k in 0..<kg {
                    let destination = gradWeight + base + k * rows
                    for r in 0..<rows {
                        var total = first[base + r * kg + k]
                        for chunk in 1..<chunks { total += first[chunk * partialCount + base + r * kg + k] }
                        destination[r] = total
                    }
                }
            }
            if let gradBias {
                sumChunks(
                    first + weightCount, chunks: chunks, stride: partialCount, count: g.outChannels,
                    into: gradBias)
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
            let total = sumFloats(planes + k * pixels, count: pixels)
            sums[k] = accumulate ? sums[k] + total : total
        }
    }
}
