/// The negative log-likelihood part of cross-entropy, with PyTorch's label smoothing and
/// `ignore_index`, over log-probabilities viewed as `[batch, classes, spatial]` and class-index
/// targets `[batch, spatial]`.
///
/// Per position: `loss = −(1 − ε)·logp[target] − (ε / C)·Σ_c logp[c]` (ε = label smoothing,
/// C = classes), and 0 where the target equals `ignoreIndex`.
/// (`@_specialize` below: debug builds compile each file on its own, so without it the callers in
/// `NN/` would run these loops through generic witness calls, about five times slower.)
enum ReferenceCrossEntropy {
    /// Per-position losses, in `[batch, spatial]` order, and how many positions were not ignored
    /// (the divisor of `reduction='mean'`).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func forward<T: TensorScalar>(
        logProbabilities lp: UnsafeBufferPointer<T>, targets: [Int], losses: UnsafeMutableBufferPointer<T>,
        batch: Int, classes: Int, spatial: Int, smoothing: T, ignoreIndex: Int
    ) -> Int {
        precondition(lp.count == batch * classes * spatial, "cross_entropy input size")
        precondition(
            targets.count == batch * spatial && losses.count == targets.count, "cross_entropy target size")
        var counted = 0
        for n in 0..<batch {
            for s in 0..<spatial {
                let target = targets[n * spatial + s]
                if target == ignoreIndex {
                    losses[n * spatial + s] = 0
                    continue
                }
                precondition(target >= 0 && target < classes, "cross_entropy target \(target) unchecked")
                var sumAll: T = 0
                for c in 0..<classes { sumAll += lp[(n * classes + c) * spatial + s] }
                let picked = lp[(n * classes + target) * spatial + s]
                losses[n * spatial + s] = -(1 - smoothing) * picked - smoothing / T(classes) * sumAll
                counted += 1
            }
        }
        return counted
    }

    /// The gradient with respect to the log-probabilities: `−ε/C` on every class and an extra
    /// `−(1 − ε)` on the target, times the position's upstream gradient.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func backward<T: TensorScalar>(
        gradLosses: UnsafeBufferPointer<T>, targets: [Int],
        gradLogProbabilities: UnsafeMutableBufferPointer<T>,
        batch: Int, classes: Int, spatial: Int, smoothing: T, ignoreIndex: Int
    ) {
        precondition(gradLogProbabilities.count == batch * classes * spatial, "cross_entropy gradient size")
        gradLogProbabilities.initialize(repeating: 0)
        for n in 0..<batch {
            for s in 0..<spatial {
                let target = targets[n * spatial + s]
                if target == ignoreIndex { continue }
                let upstream = gradLosses[n * spatial + s]
                for c in 0..<classes {
                    gradLogProbabilities[(n * classes + c) * spatial + s] = -upstream * smoothing / T(classes)
                }
                gradLogProbabilities[(n * classes + target) * spatial + s] -= upstream * (1 - smoothing)
            }
        }
    }
}
