/// The small raw-memory moves every Float32 kernel makes: unaligned four- and eight-lane loads and
/// stores, short copies and fills, partial lane groups, a plane's sum and the in-order sum of
/// per-chunk partial results. One place, so that every kernel loads the same way and sums in the
/// same order.

/// Four floats from `p`, which need not be aligned.
@inline(__always)
func loadFloats4(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
}

/// Eight floats from `p`, which need not be aligned.
@inline(__always)
func loadFloats8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

/// Stores four floats at `p`, which need not be aligned.
@inline(__always)
func storeFloats4(_ value: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: value, as: SIMD4<Float>.self)
}

/// Stores eight floats at `p`, which need not be aligned.
@inline(__always)
func storeFloats8(_ value: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: value, as: SIMD8<Float>.self)
}

/// Copies `count` floats; short rows (an 8×8 image's) inline instead of calling `memmove`, whose
/// call cost was most of im2col's time on small images.
@inline(__always)
func copyFloats(_ dst: UnsafeMutablePointer<Float>, from src: UnsafePointer<Float>, count: Int) {
    if count >= 64 {
        dst.update(from: src, count: count)
        return
    }
    var i = 0
    while i + 4 <= count {
        storeFloats4(loadFloats4(src + i), dst + i)
        i += 4
    }
    while i < count {
        dst[i] = src[i]
        i += 1
    }
}

/// Sets `count` floats to zero; short runs inline, as in `copyFloats`.
@inline(__always)
func zeroFloats(_ dst: UnsafeMutablePointer<Float>, count: Int) {
    if count >= 64 {
        dst.update(repeating: 0, count: count)
        return
    }
    var i = 0
    while i + 4 <= count {
        storeFloats4(.zero, dst + i)
        i += 4
    }
    while i < count {
        dst[i] = 0
        i += 1
    }
}

/// The first `lanes` floats at `p` (the rest zero); a whole unaligned load when `lanes` is 8.
@inline(__always)
func loadLanes(_ lanes: Int, from p: UnsafePointer<Float>) -> SIMD8<Float> {
    if lanes == 8 { return loadFloats8(p) }
    var value = SIMD8<Float>()
    for l in 0..<lanes { value[l] = p[l] }
    return value
}

/// Stores the first `lanes` lanes of `value` at `p`; one unaligned store when `lanes` is 8.
@inline(__always)
func storeLanes(_ value: SIMD8<Float>, _ lanes: Int, to p: UnsafeMutablePointer<Float>) {
    if lanes == 8 { return storeFloats8(value, p) }
    for l in 0..<lanes { p[l] = value[l] }
}

/// `Σ plane[0..<count]`: eight running sums, folded, then the tail, in that fixed order.
@inline(__always)
func sumFloats(_ plane: UnsafePointer<Float>, count: Int) -> Float {
    var lanes = SIMD8<Float>.zero
    var i = 0
    while i + 8 <= count {
        lanes += loadFloats8(plane + i)
        i += 8
    }
    var total = lanes.sum()
    while i < count {
        total += plane[i]
        i += 1
    }
    return total
}

/// `destination[i] = Σ_chunk partials[chunk · stride + i]` for `i < count`, chunks added in order
/// (0, 1, 2, …), so a result split into per-chunk partial sums does not depend on which thread
/// made which. `destination` may be `partials` itself.
func sumChunks(
    _ partials: UnsafePointer<Float>, chunks: Int, stride: Int, count: Int,
    into destination: UnsafeMutablePointer<Float>
) {
    for i in 0..<count {
        var total = partials[i]
        for chunk in 1..<max(1, chunks) { total += partials[chunk * stride + i] }
        destination[i] = total
    }
}
