/// The fixed matrices of a Winograd minimal-filtering algorithm F(m×m, 3×3) (Lavin & Gray, "Fast
/// Algorithms for Convolutional Neural Networks", 2016): an output tile of m×m from an input tile
/// of α×α (α = m + 2) with α² multiplies instead of 9m².
///
/// `Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A`. Every transform works on eight tiles (or kernels) at once, one per `SIMD8` lane: 256-bit vectors
/// on the AVX2 machines the engine is built for.
protocol WinogradTile {
    /// Output tile side m.
    static var outputSide: Int { get }
    /// Input tile side α = m + 2.
    static var inputSide: Int { get }
    /// `x ← Bᵀ x` for the α values `x[0], x[stride], …`.
    static func inputTransform(_ x: UnsafeMutablePointer<SIMD8<Float>>, stride: Int)
    /// `y = Aᵀ x` from α values `x[0], x[xStride], …` to m values `y[0], y[yStride], …`.
    static func outputTransform(
        _ x: UnsafePointer<SIMD8<Float>>, xStride: Int, _ y: UnsafeMutablePointer<SIMD8<Float>>,
        yStride: Int)
    /// `u = G g`: 3 kernel taps to α transformed taps `u[0], u[stride], …`, for eight kernels
    /// at once (one per lane).
    static func weightTransform(
        _ g: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>), into u: UnsafeMutablePointer<SIMD8<Float>>,
        stride: Int)
    /// `y = A x` from m values `x[0], x[xStride], …` to α values `y[0], y[yStride], …`: the
    /// output-gradient transform of the weight gradient (the adjoint of `outputTransform`).
    static func gradientTransform(
        _ x: UnsafePointer<SIMD8<Float>>, xStride: Int, _ y: UnsafeMutablePointer<SIMD8<Float>>,
        yStride: Int)
    /// `Gᵀ u`: α values `u[0], u[stride], …` back to 3 kernel taps (the adjoint of
    /// `weightTransform`), for the weight gradient.
    static func weightGradientTransform(
        _ u: UnsafePointer<SIMD8<Float>>, stride: Int
    ) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)
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

/// F(2×2, 3×3): 16 multiplies for 4 outputs (2.25× fewer); transforms only add, subtract and
/// halve, so its rounding error stays close to a direct convolution's.
enum WinogradF2: WinogradTile {
    static var outputSide: Int { 2 }
    static var inputSide: Int { 4 }

    @inline(__always)
    static func inputTransform(_ x: UnsafeMutablePointer<SIMD8<Float>>, stride s: Int) {
        let (x0, x1, x2, x3) = (x[0], x[s], x[2 * s], x[3 * s])
        x[0] = x0 - x2
        x[s] = x1 + x2
        x[2 * s] = x2 - x1
        x[3 * s] = x1 - x3
    }

    @inline(__always)
    static func outputTransform(
        _ x: UnsafePointer<SIMD8<Float>>, xStride s: Int, _ y: UnsafeMutablePointer<SIMD8<Float>>,
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
        _ x: UnsafePointer<SIMD8<Float>>, xStride s: Int, _ y: UnsafeMutablePointer<SIMD8<Float>>,
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
}

/// F(4×4, 3×3): 36 multiplies for 16 outputs (4× fewer); its transforms scale by up to 8 and 5,
/// so Float32 rounding grows by roughly an order of magnitude over a direct convolution.
enum WinogradF4: WinogradTile {
    static var outputSide: Int { 4 }
    static var inputSide: Int { 6 }

    @inline(__always)
    static func inputTransform(_ x: UnsafeMutablePointer<SIMD8<Float>>, stride s: Int) {
        let (x0, x1, x2, x3, x4, x5) = (x[0], x[s], x[2 * s], x[3 * s], x[4 * s], x[5 * s])
        let four: SIMD8<Float> = .init(repeating: 4)
        let five: SIMD8<Float> = .init(repeating: 5)
        let two: SIMD8<Float> = .init(repeating: 2)
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
        _ x: UnsafePointer<SIMD8<Float>>, xStride s: Int, _ y: UnsafeMutablePointer<SIMD8<Float>>,
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
        _ x: UnsafePointer<SIMD8<Float>>, xStride s: Int, _ y: UnsafeMutablePointer<SIMD8<Float>>,
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
}
