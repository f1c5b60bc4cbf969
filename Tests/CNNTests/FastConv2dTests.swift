import Testing

@testable import CNN

extension SeededGenerator {
    /// `count` floats uniform in -1...1, the fast-kernel tests' data.
    mutating func floats(_ count: Int) -> [Float] {
        (0..<count).map { _ in Float.random(in: -1...1, using: &self) }
    }
}

/// One convolution problem with its data and the fast kernels' three results.
struct FastConvCase {
    let geometry: Conv2dGeometry
    let input: [Float]
    let weight: [Float]
    let bias: [Float]
    let gradOutput: [Float]

    init(geometry: Conv2dGeometry, input: [Float], weight: [Float], bias: [Float], gradOutput: [Float]) {
        (self.geometry, self.input, self.weight, self.bias, self.gradOutput) = (
            geometry, input, weight, bias, gradOutput
        )
    }

    init(_ g: Conv2dGeometry, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        geometry = g
        input = random.floats(g.inputShape.reduce(1, *))
        weight = random.floats(g.weightShape.reduce(1, *))
        bias = random.floats(g.outChannels)
        gradOutput = random.floats(g.outputShape.reduce(1, *))
    }

    /// The forward pass with the case's bias, or with none when `withBias` is false.
    func fastForward(withBias: Bool = true) throws -> [Float] {
        var out = [Float](repeating: .nan, count: gradOutput.count)
        try input.withUnsafeBufferPointer { x in
            try weight.withUnsafeBufferPointer { w in
                try bias.withUnsafeBufferPointer { b in
                    try out.withUnsafeMutableBufferPointer { y in
                        try conv2dForward(
                            input: x, weight: w, bias: withBias ? b : nil, output: y, geometry: geometry)
                    }
                }
            }
        }
        return out
    }

    func fastBackwardInput() throws -> [Float] {
        var grad = [Float](repeating: .nan, count: input.count)
        try gradOutput.withUnsafeBufferPointer { dy in
            try weight.withUnsafeBufferPointer { w in
                try grad.withUnsafeMutableBufferPointer { dx in
                    try conv2dBackwardInput(gradOutput: dy, weight: w, gradInput: dx, geometry: geometry)
                }
            }
        }
        return grad
    }

    func fastBackwardWeight() throws -> (weight: [Float], bias: [Float]) {
        var gradWeight = [Float](repeating: .nan, count: weight.count)
        var gradBias = [Float](repeating: .nan, count: bias.count)
        try input.withUnsafeBufferPointer { x in
            try gradOutput.withUnsafeBufferPointer { dy in
                try gradWeight.withUnsafeMutableBufferPointer { dw in
                    try gradBias.withUnsafeMutableBufferPointer { db in
                        try conv2dBackwardWeight(
                            input: x, gradOutput: dy, gradWeight: dw, gradBias: db, geometry: geometry)
                    }
                }
            }
        }
        return (gradWeight, gradBias)
    }
}

/// `max|fast − reference| / max|reference|`: the error relative to the result's scale (an
/// elementwise ratio would blow up on outputs that happen to cancel to nearly zero).
func relativeError(_ fast: [Float], _ reference: [Double]) -> Double {
    precondition(fast.count == reference.count)
    let scale = reference.map(abs).max() ?? 0
    let worst = zip(fast, reference).map { abs(Double($0) - $1) }.max() ?? 0
    return worst / max(scale, 1e-30)
}

/// A random geometry: every option PyTorch's conv2d has, in small odd sizes. One in four is a
/// 3×3 stride-1 undilated conv with 8–9 channels each way (the Winograd paths); the others mix
/// strides 1–3, dilation 1–3, asymmetric padding up to 3 per side, groups up to 3 and depthwise,
/// kernels 1×1 to 5×5, batch 1–3.
func randomGeometry(_ random: inout SeededGenerator) -> Conv2dGeometry {
    while true {
        let pad = { (r: inout SeededGenerator) in Int.random(in: 0...3, using: &r) }
        if Int.random(in: 0..<4, using: &random) == 0 {
            let g = Conv2dGeometry(
                batch: Int.random(in: 1...2, using: &random),
                inChannels: Int.random(in: 8...9, using: &random),
                inHeight: Int.random(in: 1...13, using: &random),
                inWidth: Int.random(in: 1...13, using: &random),
                outChannels: Int.random(in: 8...9, using: &random),
                kernelHeight: 3, kernelWidth: 3,
                padTop: pad(&random), padBottom: pad(&random), padLeft: pad(&random),
                padRight: pad(&random))
            if g.outHeight > 0 && g.outWidth > 0 { return g }
            continue
        }
        let groups = [1, 1, 1, 2, 3].randomElement(using: &random)!
        let depthwise = Int.random(in: 0..<6, using: &random) == 0
        let cg = depthwise ? 1 : Int.random(in: 1...4, using: &random)
        let kg = Int.random(in: 1...4, using: &random)
        let kernel = { (r: inout SeededGenerator) in [1, 1, 2, 3, 3, 4, 5].randomElement(using: &r)! }
        let g = Conv2dGeometry(
            batch: Int.random(in: 1...3, using: &random),
            inChannels: cg * (depthwise ? max(2, groups) : groups),
            inHeight: Int.random(in: 1...13, using: &random),
            inWidth: Int.random(in: 1...13, using: &random),
            outChannels: kg * (depthwise ? max(2, groups) : groups),
            kernelHeight: kernel(&random), kernelWidth: kernel(&random),
            strideH: Int.random(in: 1...3, using: &random),
            strideW: Int.random(in: 1...3, using: &random),
            padTop: pad(&random), padBottom: pad(&random), padLeft: pad(&random),
            padRight: pad(&random),
            dilationH: Int.random(in: 1...3, using: &random),
            dilationW: Int.random(in: 1...3, using: &random),
            groups: depthwise ? max(2, groups) : groups)
        if g.outHeight > 0 && g.outWidth > 0 { return g }
    }
}

@Suite(.serialized) struct FastConv2dTests {
    /// Float32 kernels against the Double reference over 400 seeded random geometries; the
    /// tolerance 1e-5 is the bar (Float32 rounding over ≤ 100-term sums is ~1e-6).
    @Test(arguments: 0..<8)
    func matchesReferenceOnRandomGeometries(block: UInt64) throws {
        var random = SeededGenerator(seed: 0xC0_FFEE + block)
        for index in 0..<50 {
            let g = randomGeometry(&random)
            let c = FastConvCase(g, seed: block * 1000 + UInt64(index))
            try expectMatchesReference(c)
        }
    }

    /// Shapes the course and the benchmark use, and edge cases the random draw may miss.
    @Test(arguments: [
        Conv2dGeometry(
            batch: 2, inChannels: 16, inHeight: 8, inWidth: 8, outChannels: 16,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        Conv2dGeometry(
            batch: 1, inChannels: 1, inHeight: 28, inWidth: 28, outChannels: 8,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        // Winograd blocks that start and end inside an image (135 tiles in blocks of 40), so a
        // block pads rows of several images, some only in part; asymmetric pads, F(4×4) both ways.
        Conv2dGeometry(
            batch: 9, inChannels: 16, inHeight: 12, inWidth: 20, outChannels: 17,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 2, padLeft: 0, padRight: 1),
        // Stride 2 on rows wide enough for im2col's eight-at-a-time even-column gather, with a
        // ragged end and asymmetric pads (ResNet's downsampling convs take this path).
        Conv2dGeometry(
            batch: 2, inChannels: 6, inHeight: 21, inWidth: 45, outChannels: 5,
            kernelHeight: 3, kernelWidth: 3, strideH: 2, strideW: 2, padTop: 1, padBottom: 0,
            padLeft: 2, padRight: 1),
        // One large image cut into blocks of whole and partial tile rows.
        Conv2dGeometry(
            batch: 1, inChannels: 8, inHeight: 45, inWidth: 50, outChannels: 8,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        // Several eight-tile Winograd groups per tile row, with ragged right and bottom edges.
        Conv2dGeometry(
            batch: 2, inChannels: 8, inHeight: 30, inWidth: 37, outChannels: 9,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        Conv2dGeometry(
            batch: 1, inChannels: 9, inHeight: 21, inWidth: 40, outChannels: 8,
            kernelHeight: 3, kernelWidth: 3, padTop: 0, padBottom: 2, padLeft: 2, padRight: 0),
        // Batches large enough that the weight gradient stacks images side by side (2 or 3 per
        // chunk of the 8), 3×3 and pointwise.
        Conv2dGeometry(
            batch: 20, inChannels: 3, inHeight: 5, inWidth: 5, outChannels: 4,
            kernelHeight: 3, kernelWidth: 3, strideH: 2, strideW: 2, padTop: 1, padBottom: 1,
            padLeft: 1, padRight: 1),
        Conv2dGeometry(
            batch: 19, inChannels: 3, inHeight: 4, inWidth: 3, outChannels: 5,
            kernelHeight: 1, kernelWidth: 1),
        // PyTorch padding='same' for a 4×4 kernel: 1 before, 2 after.
        Conv2dGeometry(
            batch: 2, inChannels: 3, inHeight: 9, inWidth: 7, outChannels: 5,
            kernelHeight: 4, kernelWidth: 4, padTop: 1, padBottom: 2, padLeft: 1, padRight: 2),
        // TensorFlow-style 'same' with stride 2: pad 0 before, 1 after.
        Conv2dGeometry(
            batch: 3, inChannels: 4, inHeight: 10, inWidth: 10, outChannels: 6,
            kernelHeight: 3, kernelWidth: 3, strideH: 2, strideW: 2, padBottom: 1, padRight: 1),
        // 1×1 pointwise, and a 1×1 projection shortcut with stride 2.
        Conv2dGeometry(
            batch: 2, inChannels: 8, inHeight: 5, inWidth: 5, outChannels: 4,
            kernelHeight: 1, kernelWidth: 1),
        Conv2dGeometry(
            batch: 2, inChannels: 8, inHeight: 6, inWidth: 6, outChannels: 16,
            kernelHeight: 1, kernelWidth: 1, strideH: 2, strideW: 2),
        // Depthwise with a channel multiplier of 2, and a kernel as large as the padded input.
        Conv2dGeometry(
            batch: 1, inChannels: 6, inHeight: 7, inWidth: 7, outChannels: 12,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1,
            groups: 6),
        Conv2dGeometry(
            batch: 1, inChannels: 2, inHeight: 3, inWidth: 2, outChannels: 3,
            kernelHeight: 5, kernelWidth: 4, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
    ])
    func matchesReferenceOnChosenGeometries(g: Conv2dGeometry) throws {
        try expectMatchesReference(FastConvCase(g, seed: 7))
    }

    /// The direct path (ungrouped, 1–4 input channels): every channel count, batch 1, odd and
    /// tiny sizes (output narrower than one 8-float vector, widths with a ragged last vector),
    /// padding 0–2 and asymmetric, strides 1–3, dilation, output channels not a multiple of the
    /// 4-channel register block, and the benchmark's first-layer shapes; forward, both gradients.
    @Test(arguments: [
        Conv2dGeometry(
            batch: 1, inChannels: 1, inHeight: 11, inWidth: 13, outChannels: 1,
            kernelHeight: 3, kernelWidth: 3),
        Conv2dGeometry(
            batch: 3, inChannels: 2, inHeight: 9, inWidth: 17, outChannels: 5,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        Conv2dGeometry(
            batch: 2, inChannels: 3, inHeight: 19, inWidth: 23, outChannels: 7,
            kernelHeight: 3, kernelWidth: 3, padTop: 2, padBottom: 2, padLeft: 2, padRight: 2),
        Conv2dGeometry(
            batch: 1, inChannels: 4, inHeight: 6, inWidth: 5, outChannels: 9,
            kernelHeight: 3, kernelWidth: 3, padTop: 0, padBottom: 2, padLeft: 1, padRight: 0),
        Conv2dGeometry(
            batch: 2, inChannels: 3, inHeight: 21, inWidth: 25, outChannels: 6,
            kernelHeight: 3, kernelWidth: 3, strideH: 2, strideW: 2, padTop: 1, padBottom: 1,
            padLeft: 1, padRight: 1),
        Conv2dGeometry(
            batch: 1, inChannels: 3, inHeight: 23, inWidth: 31, outChannels: 4,
            kernelHeight: 7, kernelWidth: 5, strideH: 2, strideW: 3, padTop: 3, padBottom: 2,
            padLeft: 2, padRight: 1),
        Conv2dGeometry(
            batch: 2, inChannels: 2, inHeight: 14, inWidth: 15, outChannels: 3,
            kernelHeight: 3, kernelWidth: 3, padTop: 2, padBottom: 2, padLeft: 2, padRight: 2,
            dilationH: 2, dilationW: 2),
        Conv2dGeometry(
            batch: 5, inChannels: 1, inHeight: 1, inWidth: 1, outChannels: 3,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        Conv2dGeometry(
            batch: 2, inChannels: 2, inHeight: 9, inWidth: 9, outChannels: 6,
            kernelHeight: 1, kernelWidth: 1),
        // The weight gradient sweeps this one in row strips of 25, the last one short.
        Conv2dGeometry(
            batch: 1, inChannels: 2, inHeight: 60, inWidth: 40, outChannels: 5,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        Conv2dGeometry(
            batch: 64, inChannels: 1, inHeight: 8, inWidth: 8, outChannels: 8,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        Conv2dGeometry(
            batch: 2, inChannels: 3, inHeight: 64, inWidth: 64, outChannels: 16,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
    ])
    func directPathMatchesReference(g: Conv2dGeometry) throws {
        #expect(FastConv2d(g).usesDirect)
        let c = FastConvCase(g, seed: 13)
        try expectMatchesReference(c)
        let unbiased = relativeError(
            try c.fastForward(withBias: false),
            ReferenceConv.forward(g, input: c.input, weight: c.weight, bias: nil))
        #expect(unbiased < 1e-5, "forward without bias \(g)")
    }

    /// An input column that no output reads (width 10, 3 wide, stride 2: column 9) does not reach
    /// the gradients, whatever it holds: PyTorch never multiplies it, so a NaN there must not
    /// turn the direct path's weight gradient into NaN through its zero-gradient padding lanes.
    @Test func unreadInputColumnsDoNotReachTheWeightGradient() throws {
        let g = Conv2dGeometry(
            batch: 2, inChannels: 2, inHeight: 5, inWidth: 10, outChannels: 3,
            kernelHeight: 3, kernelWidth: 3, strideH: 2, strideW: 2)
        #expect(FastConv2d(g).usesDirect && g.outWidth == 4)
        let c = FastConvCase(g, seed: 21)
        var input = c.input
        for row in 0..<(g.batch * g.inChannels * g.inHeight) { input[row * g.inWidth + 9] = .nan }
        let poisoned = FastConvCase(
            geometry: g, input: input, weight: c.weight, bias: c.bias, gradOutput: c.gradOutput)
        let (dw, _) = try poisoned.fastBackwardWeight()
        #expect(!dw.contains { $0.isNaN })
        let expected = ReferenceConv.backwardWeight(g, input: input, gradOutput: c.gradOutput).weight
        #expect(relativeError(dw, expected) < 1e-5)
        #expect(!(try poisoned.fastForward()).contains { $0.isNaN })
    }

    /// F(2×2) where F(4×4)'s 6×6 patches would mostly cover padding: products per output are
    /// 36·⌈h/4⌉⌈w/4⌉ against 16·⌈h/2⌉⌈w/2⌉ (ties go to F(4×4)).
    @Test(arguments: [
        (1, 1, FastConv2d.WinogradChoice.f2), (2, 2, .f2), (2, 8, .f2), (4, 4, .f4), (6, 6, .f4),
        (8, 8, .f4), (5, 5, .f4), (32, 32, .f4),
    ])
    func smallOutputsTakeTheSmallerTile(height: Int, width: Int, expected: FastConv2d.WinogradChoice) {
        #expect(FastConv2d.smallerTile(height: height, width: width) == expected)
    }

    /// Winograd F(4×4, 3×3) rounds more than a direct sum: its transforms scale by up to 8 and
    /// 5 and its weights by 1/24. On ResNet-20's widest layer (64 channels each way, so 576-term
    /// sums) with values uniform in [-1, 1], measured errors relative to the result's scale are
    /// 4.2e-6 (forward), 6.2e-6 (input gradient) and 2.6e-6 (weight gradient, summed over the
    /// batch's tiles), about 10× a direct Float32 sum's (with the weight transforms in Double
    /// instead of Float32 they were 4.2e-6, 4.9e-6 and 2.3e-6); the bound is the 1e-5.
    /// Narrower layers' input gradients run F(2×2) (±1 and ½ transforms), covered by the random
    /// tests.
    @Test func winogradErrorIsBounded() throws {
        let g = Conv2dGeometry(
            batch: 2, inChannels: 64, inHeight: 13, inWidth: 11, outChannels: 64, kernelHeight: 3,
            kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1)
        #expect(FastConv2d(g).winograd == .f4)
        let c = FastConvCase(g, seed: 5)
        let forward = relativeError(
            try c.fastForward(), ReferenceConv.forward(g, input: c.input, weight: c.weight, bias: c.bias))
        let backwardInput = relativeError(
            try c.fastBackwardInput(),
            ReferenceConv.backwardInput(g, gradOutput: c.gradOutput, weight: c.weight))
        let (dw, _) = try c.fastBackwardWeight()
        let backwardWeight = relativeError(
            dw, ReferenceConv.backwardWeight(g, input: c.input, gradOutput: c.gradOutput).weight)
        #expect(forward < 1e-5, "forward \(forward)")
        #expect(backwardInput < 1e-5, "backward input \(backwardInput)")
        #expect(backwardWeight < 1e-5, "backward weight \(backwardWeight)")
    }

    /// Work is split by shape, never by thread count, so every setting gives the same bits.
    /// One geometry per path: Winograd, im2col + GEMM (stride 2, dilation 2), pointwise GEMM,
    /// and the direct path (one and three input channels).
    @Test(arguments: [
        Conv2dGeometry(
            batch: 64, inChannels: 1, inHeight: 16, inWidth: 16, outChannels: 8,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        Conv2dGeometry(
            batch: 5, inChannels: 3, inHeight: 33, inWidth: 29, outChannels: 10,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        Conv2dGeometry(
            batch: 5, inChannels: 8, inHeight: 17, inWidth: 15, outChannels: 10,
            kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        Conv2dGeometry(
            batch: 5, inChannels: 12, inHeight: 17, inWidth: 15, outChannels: 10,
            kernelHeight: 3, kernelWidth: 3, strideH: 2, strideW: 2, padTop: 2, padBottom: 1,
            padLeft: 2, padRight: 1, dilationH: 2, dilationW: 2),
        Conv2dGeometry(
            batch: 9, inChannels: 24, inHeight: 9, inWidth: 9, outChannels: 32,
            kernelHeight: 1, kernelWidth: 1),
    ])
    func resultsDoNotDependOnThreadCount(g: Conv2dGeometry) throws {
        // So that threads are really used.
        let fanOut =
            FastConv2d(g).usesDirect
            ? FastConv2d.directMinimumFlopsToFanOut : Parallelism.minimumFlopsToFanOut
        #expect(g.forwardFlops > fanOut)
        let c = FastConvCase(g, seed: 11)
        let saved = Parallelism.threadCount
        defer { Parallelism.threadCount = saved }
        var results: [[Float]] = []
        for threads in [1, 2, 3] {
            Parallelism.threadCount = threads
            let (dw, db) = try c.fastBackwardWeight()
            results.append(try c.fastForward() + c.fastBackwardInput() + dw + db)
        }
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
    }

    @Test func cancelledBudgetStopsTheKernel() {
        let budget = ComputeBudget()
        budget.cancel()
        let c = FastConvCase(
            Conv2dGeometry(
                batch: 4, inChannels: 2, inHeight: 6, inWidth: 6, outChannels: 2,
                kernelHeight: 3, kernelWidth: 3),
            seed: 3)
        #expect(throws: CNNError.cancelled()) {
            try ComputeBudget.$current.withValue(budget) { _ = try c.fastForward() }
        }
        #expect(throws: CNNError.cancelled()) {
            try ComputeBudget.$current.withValue(budget) { _ = try c.fastBackwardWeight() }
        }
    }

    @Test func threadCountIsAtLeastOne() {
        let saved = Parallelism.threadCount
        defer { Parallelism.threadCount = saved }
        Parallelism.threadCount = 0
        #expect(Parallelism.threadCount == 1)
        #expect(Parallelism.coreCount >= 1)
    }

    func expectMatchesReference(_ c: FastConvCase, tolerance: Double = 1e-5) throws {
        let g = c.geometry
        let forward = relativeError(
            try c.fastForward(), ReferenceConv.forward(g, input: c.input, weight: c.weight, bias: c.bias))
        let backwardInput = relativeError(
            try c.fastBackwardInput(),
            ReferenceConv.backwardInput(g, gradOutput: c.gradOutput, weight: c.weight))
        let (dw, db) = try c.fastBackwardWeight()
        let reference = ReferenceConv.backwardWeight(g, input: c.input, gradOutput: c.gradOutput)
        let backwardWeight = relativeError(dw, reference.weight)
        let backwardBias = relativeError(db, reference.bias)
        #expect(forward < tolerance, "forward \(g)")
        #expect(backwardInput < tolerance, "backward input \(g)")
        #expect(backwardWeight < tolerance, "backward weight \(g)")
        #expect(backwardBias < tolerance, "backward bias \(g)")
    }
}
