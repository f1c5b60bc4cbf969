import Wording

/// One entry of a subscript, mirroring Python's: `x[0, 1:5:2, ..., None]` is
/// `x[.at(0), .slice(1, 5, step: 2), .ellipsis, .newAxis]`.
public enum TensorIndex: Sendable, Hashable {
    /// A single position (negative counts from the end); removes the dimension.
    case at(Int)
    /// Python's `start:end:step`; nil parts take their defaults (`0`, the size, `1`). Start and end
    /// may be negative and are clamped to the dimension like Python slices; the step must be
    /// positive, as in PyTorch.
    case slice(Int?, Int?, step: Int?)
    /// `...`: as many full slices as needed to index every dimension.
    case ellipsis
    /// `None`: a new dimension of size 1.
    case newAxis

    /// `:` — the whole dimension.
    public static let all = TensorIndex.slice(nil, nil, step: nil)

    /// `start:end` with step 1.
    public static func slice(_ start: Int?, _ end: Int?) -> TensorIndex { .slice(start, end, step: nil) }
}

extension Tensor {
    /// Basic indexing and slicing like PyTorch's `x[…]`; see `TensorIndex`.
    /// Backward: the gradient placed back at the selected positions, zeros elsewhere.
    /// - Throws: `CNNError` for too many indices, an index out of range, a non-positive step or
    ///   more than one ellipsis.
    public subscript(_ indices: TensorIndex...) -> Tensor {
        get throws { try indexed(indices) }
    }

    /// `self[indices…]`; see `subscript(_:)`.
    public func indexed(_ indices: [TensorIndex]) throws -> Tensor {
        let view = try resolve(indices)
        let inputShape = shape
        let y = try ElementwiseKernels.gather(
            self, offset: view.offset, strides: view.strides, shape: view.shape)
        return y.recordingGradient(of: [self], op: "index") { g in
            [try ElementwiseKernels.scatter(g, into: inputShape, offset: view.offset, strides: view.strides)]
        }
    }

    /// Where the selected elements live in this tensor's storage.
    func resolve(_ indices: [TensorIndex]) throws(CNNError) -> (
        offset: Int, strides: [Int], shape: [Int]
    ) {
        let ellipses = indices.filter { $0 == .ellipsis }.count
        guard ellipses <= 1 else { throw .argument(.anIndexCanOnlyHave) }
        let consuming = indices.filter {
            if case .at = $0 { return true }
            if case .slice = $0 { return true }
            return false
        }.count
        guard consuming <= rank else {
            throw .argument(.tooManyIndices, ["rank": rank, "count": consuming, "shape": shape])
        }
        var expanded: [TensorIndex] = []
        for index in indices {
            if index == .ellipsis {
                expanded += Array(repeating: .all, count: rank - consuming)
            } else {
                expanded.append(index)
            }
        }
        if ellipses == 0 { expanded += Array(repeating: .all, count: rank - consuming) }

        let own = strides
        var offset = 0
        var outStrides: [Int] = []
        var outShape: [Int] = []
        var dim = 0
        for index in expanded {
            switch index {
            case .at(let position):
                offset += try Tensor.wrappedPosition(position, dimension: dim, size: shape[dim]) * own[dim]
                dim += 1
            case .slice(let start, let end, let step):
                let size = shape[dim]
                let step = step ?? 1
                guard step > 0 else { throw .argument(.sliceStepMustBePositive, ["step": step]) }
                func clamped(_ value: Int?, default fallback: Int) -> Int {
                    guard let value else { return fallback }
                    return Swift.min(Swift.max(value < 0 ? value + size : value, 0), size)
                }
                let from = clamped(start, default: 0)
                let to = clamped(end, default: size)
                // Written so that no step (2**62 included) overflows: with two or more items,
                // `step` is below the axis's size and the stride stays within the tensor.
                let length = to > from ? (to - from - 1) / step + 1 : 0
                if length > 0 { offset += from * own[dim] }
                outShape.append(length)
                outStrides.append(length > 1 ? own[dim] * step : own[dim])
                dim += 1
            case .newAxis:
                outShape.append(1)
                outStrides.append(0)
            case .ellipsis:
                preconditionFailure("ellipsis was expanded above")
            }
        }
        return (offset, outStrides, outShape)
    }
}
