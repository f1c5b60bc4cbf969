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
