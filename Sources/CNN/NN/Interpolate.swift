import Wording

/// How `interpolate` picks an output pixel's value (PyTorch's `mode`).
public enum InterpolationMode: String, Sendable, Hashable, CaseIterable {
    /// The input pixel at `⌊dst · scale⌋` (PyTorch's legacy `'nearest'`).
    case nearest
    /// The input pixel at `⌊(dst + ½) · scale⌋`, the pixel whose area holds the output's centre.
    case nearestExact = "nearest-exact"
    /// A weighted mean of the two input samples around the output's position, on `[N, C, L]`.
    case linear
    /// A weighted mean of the 2×2 input pixels around the output's position.
    case bilinear
    /// Keys' cubic convolution (a = −0.75, PyTorch's) over the 4×4 pixels around the position.
    case bicubic
    /// The mean of the input pixels each output pixel covers (PyTorch's adaptive average pooling).
    case area

    /// The rank of the input the mode takes, nil when it takes 3-d and 4-d inputs.
    var inputRank: Int? {
        switch self {
        case .linear: 3
        case .bilinear, .bicubic: 4
        case .nearest, .nearestExact, .area: nil
        }
    }

    /// Whether the mode interpolates (and so takes `align_corners`).
    var interpolates: Bool { self == .linear || self == .bilinear || self == .bicubic }
}

/// Images resized, PyTorch's `torch.nn.functional.interpolate` for `[batch, channels, H, W]`
/// inputs (and `'nearest'`/`'nearest-exact'` on `[batch, channels, L]`).
///
/// The output size is `size`, or `⌊in · scale_factor⌋` per axis. Each output position `dst`
/// reads the input at a source coordinate found with `scale = 1 / scale_factor` when a scale
/// factor is given (PyTorch's default `recompute_scale_factor=None`), else `in / out`:
/// - `nearest`: `min(⌊dst · scale⌋, in − 1)`;
/// - `nearest-exact`: `min(⌊(dst + ½) · scale⌋, in − 1)`;
/// - `bilinear`: with `align_corners=False`, `max(0, (dst + ½) · scale − ½)`; with `True`,
///   `dst · (in − 1) / (out − 1)` (corners on corners, the scale factor unused); the value is
///   `(1 − λ) · x[i] + λ · x[i + 1]` with `i = ⌊src⌋`, `λ = src − i`, along each axis in turn.
///
/// Built from index selection, products and sums, so its gradient is theirs.
/// - Parameters:
///   - size: the output's spatial sizes (one per spatial axis), or nil.
///   - scaleFactor: one factor per spatial axis, or nil; exactly one of `size` and `scaleFactor`.
///   - alignCorners: nil for the default; only the interpolating mode takes it.
/// - Throws: `CNNError` for an input of another rank, both or neither of `size` and
///   `scaleFactor`, a size or factor of the wrong length or not positive, `alignCorners` with a
///   nearest mode, or `bilinear` on a 3-d or an integer input — PyTorch's checks.
public func interpolate(
    _ input: Tensor, size: [Int]? = nil, scaleFactor: [Double]? = nil, mode: InterpolationMode = .nearest,
    alignCorners: Bool? = nil
) throws -> Tensor {
    guard input.rank == 3 || input.rank == 4 else {
        throw CNNError.argument(.interpolateRank, ["shape": input.shape])
    }
    if let needed = mode.inputRank, input.rank != needed {
        throw CNNError.argument(
            .interpolateBilinearRank,
            ["got": input.rank, "mode": mode.rawValue, "needed": needed, "shape": input.shape])
    }
    guard mode == .nearest || mode == .nearestExact || input.kind == .real else {
        throw CNNError.argument(
            .interpolateBilinearType,
            ["mode": mode == .area ? "adaptive_avg_pool" : mode.rawValue, "dtype": input.scalarType])
    }
    guard mode.interpolates || alignCorners == nil else {
        throw CNNError.argument(.interpolateAlignCorners, ["mode": mode.rawValue])
    }
    let spatial = Array(input.shape[2...])
    let (outSizes, scales): ([Int], [Double])
    switch (size, scaleFactor) {
    case (nil, nil), (.some, .some):
        throw CNNError.argument(.interpolateSizeOrScale)
    case (let sizes?, nil):
        let sizes = sizes.count == 1 ? Array(repeating: sizes[0], count: spatial.count) : sizes
        guard sizes.count == spatial.count, sizes.allSatisfy({ $0 > 0 }) else {
            throw CNNError.argument(.interpolateSize, ["size": sizes, "shape": input.shape])
        }
        let ratios: [Double] = zip(spatial, sizes).map { pair in Double(pair.0) / Double(pair.1) }
        (outSizes, scales) = (sizes, ratios)
    case (nil, let factors?):
        let factors = factors.count == 1 ? Array(repeating: factors[0], count: spatial.count) : factors
        guard factors.count == spatial.count, factors.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw CNNError.argument(
                .interpolateScale,
                [
                    "scale": "(" + factors.map { String($0) }.joined(separator: ", ") + ")",
                    "shape": input.shape,
                ])
        }
        // Held to Int's range: a factor of 1e300 asks for a size the element limit refuses.
        let sizes: [Int] = zip(spatial, factors).map { pair in
            Int(saturating: (Double(pair.0) * pair.1).rounded(.down))
        }
        guard sizes.allSatisfy({ $0 > 0 }) else {
            throw CNNError.argument(.interpolateSize, ["size": sizes, "shape": input.shape])
        }
        (outSizes, scales) = (sizes, factors.map { 1 / $0 })
    }
    // Each axis's source positions are listed before the output is made: a size past the element
    // limit (a factor of 1e10) is refused first, on its own as well as in the output's count.
    let outputShape = Array(input.shape.prefix(input.rank - spatial.count)) + outSizes
    let limit = ComputeBudget.current?.maxElements ?? TensorStorage.largestAllocation / 8
    let count = try Tensor.checkedCount(outputShape)
    if let largest = ([count] + outSizes).max(), largest > limit {
        throw CNNError.tooLarge(shape: outputShape, elements: largest, limit: limit)
    }
    if mode == .area { return try areaInterpolated(input, outSizes) }
    var y = input
    for (axis, (inSize, outSize)) in zip(spatial, outSizes).enumerated() {
        let dim = axis + 2
        // Weights broadcast along `dim`: [out] for the last axis, [out, 1] for the height.
        let weightShape = [outSize] + Array(repeating: 1, count: input.rank - 1 - dim)
        switch mode {
        case .nearest, .nearestExact:
            let shift = mode == .nearest ? 0 : 0.5
            let sources = (0..<outSize).map {
                min(Int(((Double($0) + shift) * scales[axis]).rounded(.down)), inSize - 1)
            }
            y = try y.selecting(sources, along: dim)
        case .linear, .bilinear:
            let (low, high, weights) = bilinearTaps(
                inSize: inSize, outSize: outSize, scale: scales[axis], alignCorners: alignCorners ?? false)
            let lambda = try Tensor(weights, shape: weightShape, dtype: input.dtype)
            y = try y.selecting(low, along: dim) * (1 - lambda) + y.selecting(high, along: dim) * lambda
        case .bicubic:
            let taps = bicubicTaps(
                inSize: inSize, outSize: outSize, scale: scales[axis], alignCorners: alignCorners ?? false)
            var sum: Tensor?
            for (positions, weights) in taps {
                let term =
                    try y.selecting(positions, along: dim)
                    * Tensor(weights, shape: weightShape, dtype: input.dtype)
                sum = try sum.map { try $0 + term } ?? term
            }
            if let sum { y = sum }
        case .area:
            break
        }
    }
    return y
}

/// `'area'`: PyTorch's adaptive average pooling to the output size (a 3-d input as one row).
private func areaInterpolated(_ input: Tensor, _ outSizes: [Int]) throws -> Tensor {
    guard input.rank == 3 else {
        return try adaptiveAvgPool2d(input, outputSize: Size2D(outSizes[0], outSizes[1]))
    }
    let pooled = try adaptiveAvgPool2d(input.unsqueeze(2), outputSize: Size2D(1, outSizes[0]))
    return try pooled.squeeze(dim: 2)
}

/// Each output position's four source pixels along one axis (clamped to the edges) and their
/// weights, as PyTorch's `upsample_bicubic2d`: the source coordinate is not clamped at 0, and
/// the weights are Keys' cubic convolution with a = −0.75.
private func bicubicTaps(inSize: Int, outSize: Int, scale: Double, alignCorners: Bool) -> [([Int], [Double])]
{
    let a = -0.75
    func near(_ x: Double) -> Double { ((a + 2) * x - (a + 3)) * x * x + 1 }
    func far(_ x: Double) -> Double { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
    var taps = Array(repeating: ([Int](), [Double]()), count: 4)
    for dst in 0..<outSize {
        let source =
            alignCorners
            ? (outSize > 1 ? Double(dst) * Double(inSize - 1) / Double(outSize - 1) : 0)
            : (Double(dst) + 0.5) * scale - 0.5
        let base = Int(source.rounded(.down))
        let t = source - Double(base)
        let weights = [far(t + 1), near(t), near(1 - t), far(2 - t)]
        for k in 0..<4 {
            taps[k].0.append(min(max(base - 1 + k, 0), inSize - 1))
            taps[k].1.append(weights[k])
        }
    }
    return taps
}

/// Each output position's two source pixels along one axis and the second one's weight.
private func bilinearTaps(inSize: Int, outSize: Int, scale: Double, alignCorners: Bool) -> (
    [Int], [Int], [Double]
) {
    var (low, high, weights) = ([Int](), [Int](), [Double]())
    for dst in 0..<outSize {
        let source =
            alignCorners
            ? (outSize > 1 ? Double(dst) * Double(inSize - 1) / Double(outSize - 1) : 0)
            : max(0, (Double(dst) + 0.5) * scale - 0.5)
        let i = min(Int(source.rounded(.down)), inSize - 1)
        low.append(i)
        high.append(min(i + 1, inSize - 1))
        weights.append(source - Double(i))
    }
    return (low, high, weights)
}

extension Tensor {
    /// The entries at `positions` along `dim` (PyTorch `index_select`); backward adds the
    /// gradient back at the positions.
    fileprivate func selecting(_ positions: [Int], along dim: Int) throws -> Tensor {
        let index = try Tensor(positions, shape: [positions.count])
        return try indexed(advanced: Array(repeating: .basic(.all), count: dim) + [.tensor(index)])
    }
}
