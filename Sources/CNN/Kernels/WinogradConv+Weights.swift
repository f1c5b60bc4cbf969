/// The weight transforms, eight kernels at a time: `U = G g Gᵀ` before a convolution and
/// `gradWeight = Gᵀ dU G` after a weight gradient. Lane l of every `SIMD8` is input channel
/// `c + l`, so U's rows (`[ξ][k][c]`, contiguous in c) are read and written eight floats at once.
extension WinogradConv {
    /// `U[ξ][k][c]`, the transformed weights, written to `u` (`α²·K·C` floats). With
    /// `flipWeights`, reads `weight` as `[C][K][3][3]` rotated by 180° (the backward-input kernel).
    func transformWeights(
        _ weight: UnsafePointer<Float>, flipWeights: Bool, into u: UnsafeMutablePointer<Float>
    ) {
        let alpha = Self.alpha
        let (k, c) = (outChannels, inChannels)
        // Where kernel (ko, ci)'s nine taps start, and how far apart consecutive ci are.
        let laneStride = flipWeights ? k * 9 : 9
        withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: 3 * alpha + alpha) { temporary in
            let rows = temporary.baseAddress!  // (G g): α rows of 3
            let row = rows + 3 * alpha  // one row of (G g) Gᵀ
            for ko in 0..<k {
                for ci in Swift.stride(from: 0, to: c, by: 8) {
                    let lanes = min(8, c - ci)
                    let taps = weight + (flipWeights ? ci * k * 9 + ko * 9 : (ko * c + ci) * 9)
                    func tap(_ r: Int, _ s: Int) -> SIMD8<Float> {
                        let p = taps + (flipWeights ? (2 - r) * 3 + (2 - s) : r * 3 + s)
                        guard lanes == 8 else {
                            var lanesOfTap = SIMD8<Float>()
                            for l in 0..<lanes { lanesOfTap[l] = p[l * laneStride] }
                            return lanesOfTap
                        }
                        // Eight loads at fixed offsets, so the vector is built in registers (a
                        // loop over a variable lane count went through memory: 9% of a step).
                        let ls = laneStride
                        return SIMD8(
                            p[0], p[ls], p[2 * ls], p[3 * ls], p[4 * ls], p[5 * ls], p[6 * ls], p[7 * ls])
                    }
                    for s in 0..<3 {
                        Tile.weightTransform((tap(0, s), tap(1, s), tap(2, s)), into: rows + s, stride: 3)
                    }
                    for i in 0..<alpha {
                        Tile.weightTransform(
                            (rows[i * 3], rows[i * 3 + 1], rows[i * 3 + 2]), into: row, stride: 1)
                        for j in 0..<alpha {
                            storeLanes(row[j], lanes, to: u + ((i * alpha + j) * k + ko) * c + ci)
                        }
                    }
                }
            }
        }
    }

    /// `gradWeight[k, c] = Gᵀ dU[·][k][c] G` (`gradWeight` is `[K, C, 3, 3]`).
    func untransformWeightGradient(
        _ du: UnsafePointer<Float>, into gradWeight: UnsafeMutablePointer<Float>
    ) {
        let alpha = Self.alpha
        let (k, c) = (outChannels, inChannels)
        withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: alpha * alpha + 3 * alpha) {
            temporary in
            let x = temporary.baseAddress!  // one α×α dU, eight kernels
            let half = x + alpha * alpha  // Gᵀ applied to columns: 3 rows of α
            for ko in 0..<k {
                for ci in Swift.stride(from: 0, to: c, by: 8) {
                    let lanes = min(8, c - ci)
                    for xi in 0..<(alpha * alpha) {
                        x[xi] = loadLanes(lanes, from: du + (xi * k + ko) * c + ci)
                    }
                    for j in 0..<alpha {
                        let (a, b, d) = Tile.weightGradientTransform(x + j, stride: alpha)
                        (half[j], half[alpha + j], half[2 * alpha + j]) = (a, b, d)
                    }
                    let taps = gradWeight + (ko * c + ci) * 9
                    for r in 0..<3 {
                        let (a, b, d) = Tile.weightGradientTransform(half + r * alpha, stride: 1)
                        if lanes == 8 {
                            // Fixed lane indices: extracts from registers, not a spill per lane.
                            for l in 0..<8 {
                                (taps[l * 9 + r * 3], taps[l * 9 + r * 3 + 1], taps[l * 9 + r * 3 + 2]) =
                                    (a[l], b[l], d[l])
                            }
                            continue
                        }
                        for l in 0..<lanes {
                            (taps[l * 9 + r * 3], taps[l * 9 + r * 3 + 1], taps[l * 9 + r * 3 + 2]) =
                                (a[l], b[l], d[l])
                        }
                    }
                }
            }
        }
    }
}
