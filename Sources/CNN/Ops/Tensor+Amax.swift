/// `amax` and `amin`: the largest or smallest value over several dimensions at once (PyTorch
/// `torch.amax(x, dim=(2, 3))`), the values only, without `max(dim)`'s indices.
extension Tensor {
    /// The largest value over `dims` (every dimension when empty), PyTorch's `amax`. Unlike
    /// `max(dim:)`, the gradient is split evenly between equal largest values, as PyTorch's is.
    /// - Throws: `CNNError` for an out-of-range or repeated dimension, or an empty dimension.
    public func amax(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try extremeValues(dims, keepDim: keepDim, largest: true)
    }

    /// The smallest value over `dims` (every dimension when empty), PyTorch's `amin`; see `amax`.
    /// - Throws: `CNNError` for an out-of-range or repeated dimension, or an empty dimension.
    public func amin(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try extremeValues(dims, keepDim: keepDim, largest: false)
    }

    private func extremeValues(_ dims: [Int], keepDim: Bool, largest: Bool) throws -> Tensor {
        guard rank > 0 else { return self }
        var reduced: [Int] = []
        for dim in dims {
            let d = try normalizedDim(dim)
            guard !reduced.contains(d) else { throw CNNError.argument(.repeatedDim, ["dim": d]) }
            reduced.append(d)
        }
        if reduced.isEmpty { reduced = Array(0..<rank) }
        reduced.sort()
        // The values: one `max(dim)` per dimension, cut from the graph.
        var extreme = detach()
        for d in reduced {
            extreme = try (largest ? extreme.max(dim: d, keepDim: true) : extreme.min(dim: d, keepDim: true))
                .values
        }
        var result = extreme
        if kind == .real && requiresGrad {
            // The same values with the gradient shared by the ties: `share` equals `extreme` up to
            // rounding, and `share − share.detach()` is exactly 0 forward, `ties / count` backward.
            let ties = try detach().eq(extreme).converted(to: scalarType)
            let share =
                try (self * ties).sum(dims: reduced, keepDim: true) / ties.sum(dims: reduced, keepDim: true)
            result = try extreme + (share - share.detach())
        }
        guard !keepDim else { return result }
        for d in reduced.reversed() { result = try result.squeeze(dim: d) }
        return result
    }
}
