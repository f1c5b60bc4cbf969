/// One output vector of a direct-convolution tile: 8 neighbouring output columns of one row.
struct DirectConvVector {
    /// The vector's base in the padded input (`DirectConvLayout.vectorBase`); taps add offsets.
    var input: UnsafePointer<Float>
    /// The first of its columns in output channel 0 of the tile's block.
    var output: UnsafeMutablePointer<Float>
    /// Real output columns, 1...8; the lanes past them are computed and dropped. 0 for a
    /// filler vector that only pads a tile.
    var lanes: Int
}

/// The register-blocked inner loop of the direct convolution.
///
/// A tile is 4 output channels × 3 output vectors of 8 floats: 12 accumulators, 3 input loads
/// and 4 weight broadcasts per tap for 12 fused multiply-adds, which fills the 16 256-bit
/// registers of AVX2 without spilling. Each output is `bias + Σ_taps weight · input` summed in
/// tap order, whatever tile or thread computes it, so results do not depend on how vectors are
/// grouped into tiles.
enum DirectConvKernel {
    /// Computes a tile: for `k < 4` and each vector `v`,
    /// `v.output[k·channelStride + i] = bias[k] + Σ_t weights[4t + k] · v.input[offsets[t] + i]`
    /// for the `lanes` real columns `i`, storing only channels `k < channels`.
    ///
    /// - Parameters:
    ///   - weights: `[taps, 4]`, the block's 4 channels interleaved (zero past `channels`).
    ///   - bias: 4 floats.
    @inline(never)
    static func tile4x3(
        _ v0: DirectConvVector, _ v1: DirectConvVector, _ v2: DirectConvVector,
        offsets: UnsafePointer<Int>, taps: Int, weights: UnsafePointer<Float>,
        bias: UnsafePointer<Float>, channelStride: Int, channels: Int
    ) {
        var c00 = SIMD8<Float>(repeating: bias[0])
        var c01 = c00
        var c02 = c00
        var c10 = SIMD8<Float>(repeating: bias[1])
        var c11 = c10
        var c12 = c10
        var c20 = SIMD8<Float>(repeating: bias[2])
        var c21 = c20
        var c22 = c20
        var c30 = SIMD8<Float>(repeating: bias[3])
        var c31 = c30
        var c32 = c30
        let (in0, in1, in2) = (
            UnsafeRawPointer(v0.input), UnsafeRawPointer(v1.input), UnsafeRawPointer(v2.input)
        )
        var w = weights
        for t in 0..<taps {
            let offset = offsets[t] &* 4
            let x0 = in0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            let x1 = in1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            let x2 = in2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            let w0 = SIMD8<Float>(repeating: w[0])
            c00.addProduct(x0, w0)
            c01.addProduct(x1, w0)
            c02.addProduct(x2, w0)
            let w1 = SIMD8<Float>(repeating: w[1])
            c10.addProduct(x0, w1)
            c11.addProduct(x1, w1)
            c12.addProduct(x2, w1)
            let w2 = SIMD8<Float>(repeating: w[2])
            c20.addProduct(x0, w2)
            c21.addProduct(x1, w2)
            c22.addProduct(x2, w2)
            let w3 = SIMD8<Float>(repeating: w[3])
            c30.addProduct(x0, w3)
            c31.addProduct(x1, w3)
            c32.addProduct(x2, w3)
            w += 4
        }
        @inline(__always)
        func put(_ k: Int, _ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>) {
            let shift = k * channelStride
            store(a, to: v0.output + shift, lanes: v0.lanes)
            store(b, to: v1.output + shift, lanes: v1.lanes)
            store(c, to: v2.output + shift, lanes: v2.lanes)
        }
        put(0, c00, c01, c02)
        if channels > 1 { put(1, c10, c11, c12) }
        if channels > 2 { put(2, c20, c21, c22) }
        if channels > 3 { put(3, c30, c31, c32) }
    }

    /// Stores the first `lanes` floats of `vector`.
    @inline(__always)
    static func store(_ vector: SIMD8<Float>, to destination: UnsafeMutablePointer<Float>, lanes: Int) {
        if lanes == 8 {
            UnsafeMutableRawPointer(destination).storeBytes(of: vector, as: SIMD8<Float>.self)
            return
        }
        for i in 0..<lanes { destination[i] = vector[i] }
    }
}

extension DirectConvKernel {
    /// Accumulates one weight-gradient tile, 4 output channels × 3 taps, over a block of
    /// `images × rows × vectorsPerRow` output vectors: for `k < 4`, `t < 3`,
    /// `sums[3k + t] += Σ_vectors gradient[k·gradientPlane + v] · input[taps.t + v]` lane by lane
    /// (the caller adds the 8 lanes up at the end).
    ///
    /// 4 gradient loads and 3 input loads per vector feed 12 fused multiply-adds. Lanes past the
    /// output width must hold zero gradient.
    ///
    /// - Parameters:
    ///   - gradient: channel 0 of the block's first vector; rows `gradientRow` apart, images
    ///     `gradientImage` apart.
    ///   - channels: where channels 1, 2 and 3 start relative to channel 0 (0 repeats channel 0
    ///     for a block past the last channel, whose sums the caller drops).
    ///   - input: the first vector's base in the padded input (`DirectConvLayout.vectorBase`);
    ///     rows `inputRow` apart, images `inputImage` apart.
    ///   - taps: the three taps' offsets (`DirectConvLayout.tapOffset`).
    ///   - sums: 12 accumulators, read and written back.
    @inline(never)
    static func gradientTile4x3(
        gradient: UnsafePointer<Float>, channels: (Int, Int, Int), gradientRow: Int,
        gradientImage: Int,
        input: UnsafePointer<Float>, inputRow: Int, inputImage: Int, taps: (Int, Int, Int),
        images: Int, rows: Int, vectorsPerRow: Int, sums: UnsafeMutablePointer<SIMD8<Float>>
    ) {
        var (s00, s01, s02, s10, s11, s12) = (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5])
        var (s20, s21, s22, s30, s31, s32) = (sums[6], sums[7], sums[8], sums[9], sums[10], sums[11])
        for image in 0..<images {
            for row in 0..<rows {
                var g = UnsafeRawPointer(gradient + image &* gradientImage + row &* gradientRow)
                let x = UnsafeRawPointer(input + image &* inputImage + row &* inputRow)
                var x0 = x + taps.0 &* 4
                var x1 = x + taps.1 &* 4
                var x2 = x + taps.2 &* 4
                for _ in 0..<vectorsPerRow {
                    let a0 = x0.loadUnaligned(as: SIMD8<Float>.self)
                    let a1 = x1.loadUnaligned(as: SIMD8<Float>.self)
                    let a2 = x2.loadUnaligned(as: SIMD8<Float>.self)
                    let g0 = g.loadUnaligned(as: SIMD8<Float>.self)
                    s00.addProduct(g0, a0)
                    s01.addProduct(g0, a1)
                    s02.addProduct(g0, a2)
                    let g1 = g.loadUnaligned(fromByteOffset: channels.0 &* 4, as: SIMD8<Float>.self)
                    s10.addProduct(g1, a0)
                    s11.addProduct(g1, a1)
                    s12.addProduct(g1, a2)
                    let g2 = g.loadUnaligned(fromByteOffset: channels.1 &* 4, as: SIMD8<Float>.self)
                    s20.addProduct(g2, a0)
                    s21.addProduct(g2, a1)
                    s22.addProduct(g2, a2)
                    let g3 = g.loadUnaligned(fromByteOffset: channels.2 &* 4, as: SIMD8<Float>.self)
                    s30.addProduct(g3, a0)
                    s31.addProduct(g3, a1)
                    s32.addProduct(g3, a2)
                    g += 32
                    x0 += 32
                    x1 += 32
                    x2 += 32
                }
            }
        }
        (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5]) = (s00, s01, s02, s10, s11, s12)
        (sums[6], sums[7], sums[8], sums[9], sums[10], sums[11]) = (s20, s21, s22, s30, s31, s32)
    }
}
