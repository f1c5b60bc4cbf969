/// The fixed matrices of a Winograd minimal-filtering algorithm F(m×m, 3×3) (Lavin & Gray, "Fast
/// Algorithms for Convolutional Neural Networks", 2016): an output tile of m×m from an input tile
/// of α×α (α = m + 2) with α² multiplies instead of 9m².
///
/// `Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A`. The input and output transforms work on four tiles at once,
/// one per `SIMD4` lane; the weight transforms work on eight kernels at once, one per `SIMD8` lane.
protocol WinogradTile {
    /// Output tile side m.
    static var outputSide: Int { get }
    /// Input tile side α = m + 2.
    static var inputSide: Int { get }
    /// `x ← Bᵀ x` for the α values `x[0], x[stride], …`.
    static func inputTransform(_ x: UnsafeMutablePointer<SIMD4<Float>>, stride: Int)
    /// `y = Aᵀ x` from α values `x[0], x[xStride], …` to m values `y[0], y[yStride], …`.
    static func outputTransform(
        _ x: UnsafePointer<SIMD4<Float>>, xStride: Int, _ y: UnsafeMutablePointer<SIMD4<Float>>,
        yStride: Int)
    /// `u = G g`: 3 kernel taps to α transformed taps `u[0], u[stride], …`, for eight kernels
    /// at once (one per lane).
    static func weightTransform(
        _ g: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>), into u: UnsafeMutablePointer<SIMD8<Float>>,
        stride: Int)
    /// `y = A x` from m values `x[0], x[xStride], …` to α values `y[0], y[yStride], …`: the
    /// output-gradient transform of the weight gradient (the adjoint of `outputTransform`).
    static func gradientTransform(
        _ x: UnsafePointer<SIMD4<Float>>, xStride: Int, _ y: UnsafeMutablePointer<SIMD4<Float>>,
        yStride: Int)
    /// `Gᵀ u`: α values `u[0], u[stride], …` back to 3 kernel taps (the adjoint of
    /// `weightTransform`), for the weight gradient.
    static func weightGradientTransform(
        _ u: UnsafePointer<SIMD8<Float>>, stride: Int
    ) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)
    /// Loads row `i` of four input patches whose origins are `outputSide` apart along one image
    /// row starting at `src` (all inside the image): `d[j][lane] = src[lane·m + j]`, j < α.
    static func gatherRow(_ src: UnsafePointer<Float>, into d: UnsafeMutablePointer<SIMD4<Float>>)
}

/// `(a[q], b[q], c[q], d[q])` for q = 0…3: four lanes' values turned into four lanes' rows.
@inline(__always)
func transpose(
    _ a: SIMD4<Float>, _ b: SIMD4<Float>, _ c: SIMD4<Float>, _ d: SIMD4<Float>
) -> (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>) {
    let ab0 = SIMD4(a[0], b[0], a[1], b[1])  // unpcklps
    let cd0 = SIMD4(c[0], d[0], c[1], d[1])
    let ab1 = SIMD4(a[2], b[2], a[3], b[3])  // unpckhps
    let cd1 = SIMD4(c[2], d[2], c[3], d[3])
    return (
        SIMD4(lowHalf: ab0.lowHalf, highHalf: cd0.lowHalf),
        SIMD4(lowHalf: ab0.highHalf, highHalf: cd0.highHalf),
        SIMD4(lowHalf: ab1.lowHalf, highHalf: cd1.lowHalf),
        SIMD4(lowHalf: ab1.highHalf, highHalf: cd1.highHalf)
    )
}

@inline(__always)
func loadFloats4(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
}

/// F(2×2, 3×3): 16 multiplies for 4 outputs (2.25× fewer); transforms only add, subtract and
/// halve, so its rounding error stays close to a direct convolution's.
enum WinogradF2: WinogradTile {
    static var outputSide: Int { 2 }
    static var inputSide: Int { 4 }

    @inline(__always)
    static func inputTransform(_ x: UnsafeMutablePointer<SIMD4<Float>>, stride s: Int) {
        let (x0, x1, x2, x3) = (x[0], x[s], x[2 * s], x[3 * s])
        x[0] = x0 - x2
        x[s] = x1 + x2
        x[2 * s] = x2 - x1
        x[3 * s] = x1 - x3
    }

    @inline(__always)
    static func outputTransform(
        _ x: UnsafePointer<SIMD4<Float>>, xStride s: Int, _ y: UnsafeMutablePointer<SIMD4<Float>>,
        yStride t: Int
    ) {
        let (x0, x1, x2, x3) = (x[0], x[s], x[2 * s], x[3 * s])
        y[0] = x0 + x1 + x2
        y[t] = x1 - x2 - x3
    }

    @inline(__always)
    static func weightTransform(
        _ g: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>), into u: UnsafeMutablePointer<SIMD8<Float>>,
        stride s: Int
    ) {
        u[0] = g.0
        u[s] = (g.0 + g.1 + g.2) * 0.5
        u[2 * s] = (g.0 - g.1 + g.2) * 0.5
        u[3 * s] = g.2
    }

    @inline(__always)
    static func gradientTransform(
        _ x: UnsafePointer<SIMD4<Float>>, xStride s: Int, _ y: UnsafeMutablePointer<SIMD4<Float>>,
        yStride t: Int
    ) {
        let (x0, x1) = (x[0], x[s])
        y[0] = x0
        y[t] = x0 + x1
        y[2 * t] = x0 - x1
        y[3 * t] = -x1
    }

    @inline(__always)
    static func weightGradientTransform(
        _ u: UnsafePointer<SIMD8<Float>>, stride s: Int
    ) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        let (u0, u1, u2, u3) = (u[0], u[s], u[2 * s], u[3 * s])
        return (u0 + (u1 + u2) * 0.5, (u1 - u2) * 0.5, (u1 + u2) * 0.5 + u3)
    }

    @inline(__always)
    static func gatherRow(_ src: UnsafePointer<Float>, into d: UnsafeMutablePointer<SIMD4<Float>>) {
        // Lanes start 2 apart: lane q reads src[2q ..< 2q + 4], so src[0 ..< 10] in all.
        let v0 = loadFloats4(src)
        let v1 = loadFloats4(src + 4)
        let (s8, s9) = (src[8], src[9])
        d[0] = SIMD4(v0[0], v0[2], v1[0], v1[2])
        d[1] = SIMD4(v0[1], v0[3], v1[1], v1[3])
        d[2] = SIMD4(v0[2], v1[0], v1[2], s8)
        d[3] = SIMD4(v0[3], v1[1], v1[3], s9)
    }
}

/// F(4×4, 3×3): 36 multiplies for 16 outputs (4× fewer); its transforms scale by up to 8 and 5,
/// so Float32 rounding grows by roughly an order of magnitude over a direct convolution.
enum WinogradF4: WinogradTile {
    static var outputSide: Int { 4 }
    static var inputSide: Int { 6 }

    @inline(__always)
    static func inputTransform(_ x: UnsafeMutablePointer<SIMD4<Float>>, stride s: Int) {
        let (x0, x1, x2, x3, x4, x5) = (x[0], x[s], x[2 * s], x[3 * s], x[4 * s], x[5 * s])
        let four: SIMD4<Float> = .init(repeating: 4)
        let five: SIMD4<Float> = .init(repeating: 5)
        let two: SIMD4<Float> = .init(repeating: 2)
        let a = x4 - four * x2  // shared by rows 1 and 2
        let b = x3 - four * x1
        let c = x4 - x2  // shared by rows 3 and 4
        let d = two * (x3 - x1)
        x[0] = four * x0 - five * x2 + x4
        x[s] = a + b
        x[2 * s] = a - b
        x[3 * s] = c + d
        x[4 * s] = c - d
        x[5 * s] = four * x1 - five * x3 + x5
    }

    @inline(__always)
    static func outputTransform(
        _ x: UnsafePointer<SIMD4<Float>>, xStride s: Int, _ y: UnsafeMutablePointer<SIMD4<Float>>,
        yStride t: Int
    ) {
        let (x0, x1, x2, x3, x4, x5) = (x[0], x[s], x[2 * s], x[3 * s], x[4 * s], x[5 * s])
        let sum12 = x1 + x2
        let diff12 = x1 - x2
        let sum34 = x3 + x4
        let diff34 = x3 - x4
        y[0] = x0 + sum12 + sum34
        y[t] = diff12 + 2 * diff34
        y[2 * t] = sum12 + 4 * sum34
        y[3 * t] = diff12 + 8 * diff34 + x5
    }

    @inline(__always)
    static func weightTransform(
        _ g: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>), into u: UnsafeMutablePointer<SIMD8<Float>>,
        stride s: Int
    ) {
        // Divisions, not rounded reciprocals: this runs once per kernel, and each value stays
        // within an ulp or two of the exact transform.
        let outer = g.0 + g.2
        let (quarter, sixth) = (g.0 / 24 + g.2 / 6, g.1 / 12)
        u[0] = g.0 / 4
        u[s] = -(outer + g.1) / 6
        u[2 * s] = -(outer - g.1) / 6
        u[3 * s] = quarter + sixth
        u[4 * s] = quarter - sixth
        u[5 * s] = g.2
    }

    @inline(__always)
    static func gradientTransform(
        _ x: UnsafePointer<SIMD4<Float>>, xStride s: Int, _ y: UnsafeMutablePointer<SIMD4<Float>>,
        yStride t: Int
    ) {
        let (x0, x1, x2, x3) = (x[0], x[s], x[2 * s], x[3 * s])
        let even = x0 + 4 * x2
        let odd = 2 * x1 + 8 * x3
        y[0] = x0
        y[t] = x0 + x1 + x2 + x3
        y[2 * t] = x0 - x1 + x2 - x3
        y[3 * t] = even + odd
        y[4 * t] = even - odd
        y[5 * t] = x3
    }

    @inline(__always)
    static func weightGradientTransform(
        _ u: UnsafePointer<SIMD8<Float>>, stride s: Int
    ) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        let (u0, u1, u2, u3, u4, u5) = (u[0], u[s], u[2 * s], u[3 * s], u[4 * s], u[5 * s])
        return (
            u0 / 4 - (u1 + u2) / 6 + (u3 + u4) / 24,
            (u2 - u1) / 6 + (u3 - u4) / 12,
            (u3 + u4 - u1 - u2) / 6 + u5
        )
    }

    @inline(__always)
    static func gatherRow(_ src: UnsafePointer<Float>, into d: UnsafeMutablePointer<SIMD4<Float>>) {
        // Lanes start 4 apart: lane q reads src[4q ..< 4q + 6], so src[0 ..< 18] in all.
        let (c0, c1, c2, c3) = transpose(
            loadFloats4(src), loadFloats4(src + 4), loadFloats4(src + 8), loadFloats4(src + 12))
        d[0] = c0
        d[1] = c1
        d[2] = c2
        d[3] = c3
        d[4] = SIMD4(src[4], src[8], src[12], src[16])
        d[5] = SIMD4(src[5], src[9], src[13], src[17])
    }
}
