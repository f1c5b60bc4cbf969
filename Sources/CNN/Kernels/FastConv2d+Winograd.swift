/// Choosing and running the Winograd path for 3×3 stride-1 convolutions.
extension FastConv2d {
    /// Which Winograd tile a convolution uses, if any.
    enum WinogradChoice {
        case f2, f4
    }

    /// 3×3, stride 1, no dilation, one group: the convolutions Winograd F(m×m, 3×3) computes;
    /// taken from 8 channels each way. With fewer, its per-tile transforms outweigh the multiplies
    /// saved (1,1,28,28,8 ran 3× faster forward on im2col + GEMM than on Winograd).
    var winograd: WinogradChoice? {
        guard
            g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideH == 1 && g.strideW == 1
                && g.dilationH == 1 && g.dilationW == 1 && g.groups == 1
                && min(g.inChannels, g.outChannels) >= 8
        else { return nil }
        // F(4×4) beat F(2×2) on every benchmark shape (e.g. 52 vs 20 GFLOP/s on 32,16,32,32,16 at
        // one thread): fewer tiles, fewer multiplies, and its error stays within the tests' bound.
        // But on outputs smaller than its tile it computes mostly padding.
        return Self.smallerTile(height: g.outHeight, width: g.outWidth)
    }

    /// The tile that computes fewer transformed products for an output of `height × width`:
    /// F(4×4) uses 36 per 4×4 tile, F(2×2) 16 per 2×2 tile. They tie on 6×6; on 2×2 (ResNet-20's
    /// last stage on 8×8 images) F(4×4) would do 2.25× F(2×2)'s work, three quarters of it on
    /// padding.
    static func smallerTile(height: Int, width: Int) -> WinogradChoice {
        func tiles(_ m: Int) -> Int { ((height + m - 1) / m) * ((width + m - 1) / m) }
        return 16 * tiles(2) < 36 * tiles(4) ? .f2 : .f4
    }

    func winogradForward(
        _ choice: WinogradChoice, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        switch choice {
        case .f2:
            try winogradForward(WinogradF2.self, input: input, weight: weight, bias: bias, output: output)
        case .f4:
            try winogradForward(WinogradF4.self, input: input, weight: weight, bias: bias, output: output)
        }
    }

    func winogradBackwardInput(
        _ choice: WinogradChoice, gradOutput: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        switch choice {
        case .f2:
            try winogradBackwardInput(
                WinogradF2.self, gradOutput: gradOutput, weight: weight, gradInput: gradInput)
        case .f4:
            try winogradBackwardInput(
                WinogradF4.self, gradOutput: gradOutput, weight: weight, gradInput: gradInput)
        }
    }

    private func winogradForward<Tile: WinogradTile>(
        _: Tile.Type, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        let plan = WinogradConv<Tile>(
            batch: g.batch, inChannels: g.inChannels, outChannels: g.outChannels,
            inHeight: g.inHeight, inWidth: g.inWidth, outHeight: g.outHeight, outWidth: g.outWidth,
            padTop: g.padTop, padLeft: g.padLeft)
        try run(plan, input: input, weight: weight, flipWeights: false, bias: bias, output: output)
    }

    /// `gradInput` is `gradOutput` convolved with the rotated kernel, padded by `2 − pad` (a
    /// negative amount just starts the tiles inside `gradOutput`).
    private func winogradBackwardInput<Tile: WinogradTile>(
        _: Tile.Type, gradOutput: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        let plan = WinogradConv<Tile>(
            batch: g.batch, inChannels: g.outChannels, outChannels: g.inChannels,
            inHeight: g.outHeight, inWidth: g.outWidth, outHeight: g.inHeight, outWidth: g.inWidth,
            padTop: 2 - g.padTop, padLeft: 2 - g.padLeft)
        try run(plan, input: gradOutput, weight: weight, flipWeights: true, bias: nil, output: gradInput)
    }

    private func run<Tile: WinogradTile>(
        _ plan: WinogradConv<Tile>, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        flipWeights: Bool, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        let positions = Tile.inputSide * Tile.inputSide
        try ScratchBuffer.withBuffers(workers: 1, count: positions * g.inChannels * g.outChannels) {
            (u) throws(CNNError) in
            plan.transformWeights(weight, flipWeights: flipWeights, into: u[0])
            try plan.run(input: input, u: u[0], bias: bias, output: output, flops: g.forwardFlops)
        }
    }
}

extension FastConv2d {
    func winogradBackwardWeight(
        _ choice: WinogradChoice, input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeight: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>?
    ) throws(CNNError) {
        switch choice {
        case .f2:
            try winogradBackwardWeight(
                WinogradF2.self, input: input, gradOutput: gradOutput, gradWeight: gradWeight)
        case .f4:
            try winogradBackwardWeight(
                WinogradF4.self, input: input, gradOutput: gradOutput, gradWeight: gradWeight)
        }
        if let gradBias {
            for n in 0..<g.batch {
                sumPlanes(
                    gradOutput + n * g.outChannels * g.outPixels, pixels: g.outPixels, into: gradBias,
                    accumulate: n > 0)
            }
        }
    }

    private func winogradBackwardWeight<Tile: WinogradTile>(
        _: Tile.Type, input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeight: UnsafeMutablePointer<Float>
    ) throws(CNNError) {
        let plan = WinogradConv<Tile>(
            batch: g.batch, inChannels: g.inChannels, outChannels: g.outChannels,
            inHeight: g.inHeight, inWidth: g.inWidth, outHeight: g.outHeight, outWidth: g.outWidth,
            padTop: g.padTop, padLeft: g.padLeft)
        try plan.weightGradient(
            input: input, gradOutput: gradOutput, gradWeight: gradWeight, flops: g.forwardFlops)
    }
}
