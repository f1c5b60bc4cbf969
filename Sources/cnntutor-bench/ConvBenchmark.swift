import CNN

/// One conv2d shape of `../shared/bench/README.md`, timed forward and forward+backward on the
/// engine's Float32 kernels (the same calls `Tensor`'s conv2d makes).
struct ConvBenchmark {
    /// `(N, C, H, W, K, R, S, stride, pad)`, in peers.py's order.
    static let shapes: [[Int]] = [
        [1, 1, 28, 28, 8, 3, 3, 1, 1],
        [32, 16, 32, 32, 16, 3, 3, 1, 1],
        [32, 32, 16, 16, 32, 3, 3, 1, 1],
        [32, 64, 8, 8, 64, 3, 3, 1, 1],
        [8, 3, 64, 64, 16, 3, 3, 1, 1],
        [64, 1, 8, 8, 8, 3, 3, 1, 1],
    ]

    let shape: [Int]
    let geometry: Conv2dGeometry

    init(shape: [Int]) {
        self.shape = shape
        let (stride, pad) = (shape[7], shape[8])
        geometry = Conv2dGeometry(
            batch: shape[0], inChannels: shape[1], inHeight: shape[2], inWidth: shape[3],
            outChannels: shape[4], kernelHeight: shape[5], kernelWidth: shape[6],
            strideH: stride, strideW: stride,
            padTop: pad, padBottom: pad, padLeft: pad, padRight: pad)
    }

    /// Times the forward pass alone, then forward + input gradient + weight and bias gradients
    /// (what peers.py's torch `fwdbwd` does), and returns the JSON row.
    /// With `breakdown`, the row also times each gradient alone (`bwd_input`, `bwd_weight`).
    func measure(threads: Int, targetSeconds: Double, cpuTime: Bool, breakdown: Bool) throws -> String {
        let g = geometry
        var generator = BenchRandom(seed: 1)
        let x = generator.buffer(g.inputShape.reduce(1, *))
        let w = generator.buffer(g.weightShape.reduce(1, *))
        let b = generator.buffer(g.outChannels)
        let dy = generator.buffer(g.outputShape.reduce(1, *))
        let y = generator.buffer(dy.count)
        let dx = generator.buffer(x.count)
        let dw = generator.buffer(w.count)
        let db = generator.buffer(b.count)
        defer { for buffer in [x, w, b, dy, y, dx, dw, db] { buffer.deallocate() } }
        let forward = try Timing(targetSeconds: targetSeconds, cpuTime: cpuTime) {
            try conv2dForward(input: .init(x), weight: .init(w), bias: .init(b), output: y, geometry: g)
        }
        let both = try Timing(targetSeconds: targetSeconds, cpuTime: cpuTime) {
            try conv2dForward(input: .init(x), weight: .init(w), bias: .init(b), output: y, geometry: g)
            try conv2dBackwardInput(gradOutput: .init(dy), weight: .init(w), gradInput: dx, geometry: g)
            try conv2dBackwardWeight(
                input: .init(x), gradOutput: .init(dy), gradWeight: dw, gradBias: db, geometry: g)
        }
        var row =
            "{\"shape\": \(shape), \"threads\": \(threads), "
            + "\"fwd\": \(forward.json(flops: g.forwardFlops)), "
            + "\"fwdbwd\": \(both.json(flops: 3 * g.forwardFlops))"
        if breakdown {
            let input = try Timing(targetSeconds: targetSeconds, cpuTime: cpuTime) {
                try conv2dBackwardInput(gradOutput: .init(dy), weight: .init(w), gradInput: dx, geometry: g)
            }
            let weight = try Timing(targetSeconds: targetSeconds, cpuTime: cpuTime) {
                try conv2dBackwardWeight(
                    input: .init(x), gradOutput: .init(dy), gradWeight: dw, gradBias: db, geometry: g)
            }
            row +=
                ", \"bwd_input\": \(input.json(flops: g.forwardFlops))"
                + ", \"bwd_weight\": \(weight.json(flops: g.forwardFlops))"
        }
        return row + "}"
    }
}

/// SplitMix64, for benchmark data that is the same on every run.
struct BenchRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A new buffer of `count` floats uniform in [-1, 1); the caller deallocates it.
    mutating func buffer(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
        let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
        for i in 0..<count { buffer[i] = Float(Double(next() >> 11) / Double(1 << 53)) * 2 - 1 }
        return buffer
    }
}
