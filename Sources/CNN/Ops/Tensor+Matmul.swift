import CBLAS
import Wording

/// Matrix products through OpenBLAS (`cblas_sgemm` / `cblas_dgemm`).
extension Tensor {
    /// The matrix product with PyTorch's `torch.matmul` rules:
    /// - `[k] @ [k]` → scalar (dot product);
    /// - `[n, k] @ [k, m]` → `[n, m]`;
    /// - a 1-D left operand `[k]` acts as `[1, k]`, a 1-D right operand `[k]` as `[k, 1]`, and the
    ///   added dimension is removed from the result;
    /// - with more dimensions, the leading (batch) dimensions broadcast: `[b, n, k] @ [k, m]` →
    ///   `[b, n, m]`, `[j, 1, n, k] @ [b, k, m]` → `[j, b, n, m]`.
    ///
    /// Backward: `∂/∂A = g·Bᵀ`, `∂/∂B = Aᵀ·g`, summed over broadcast batch dimensions.
    /// - Throws: `CNNError` naming both shapes when the inner sizes differ
    ///   ("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)") or the batch dimensions do
    ///   not broadcast, and for 0-d operands.
    /// - Complexity: O(batch·n·k·m).
    public static func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.rank >= 1, b.rank >= 1 else {
            throw CNNError.argument(.bothArgumentsToMatmulNeed, ["aRank": a.rank, "bRank": b.rank])
        }
        let left = a.rank == 1 ? try a.reshape([1, a.shape[0]]) : a
        let right = b.rank == 1 ? try b.reshape([b.shape[0], 1]) : b
        let (n, k) = (left.shape[left.rank - 2], left.shape[left.rank - 1])
        let (k2, m) = (right.shape[right.rank - 2], right.shape[right.rank - 1])
        guard k == k2 else {
            throw CNNError.shape(.matmul(a.shape, b.shape, inner: [k, k2]))
        }
        guard [n, k, m].allSatisfy({ $0 <= Int(Int32.max) }) else {
            throw CNNError(.tooLarge, .matmulTooLargeForBLAS, ["a": a.shape, "b": b.shape])
        }
        let batch = try Broadcasting.shape(Array(left.shape.dropLast(2)), Array(right.shape.dropLast(2)))
        let batchCount = Tensor.product(batch)
        // Before the operands are broadcast and copied: a hopeless product is refused at once.
        try ComputeBudget.requireTime(
            for: WorkEstimate(.matrixProduct, Double(batchCount) * Double(n) * Double(k) * Double(m)))
        let dtype = DType.promoted(a.dtype, b.dtype)
        let left3 = try left.to(dtype).expand(to: batch + [n, k]).reshape([batchCount, n, k])
        let right3 = try right.to(dtype).expand(to: batch + [k, m]).reshape([batchCount, k, m])
        var result = try batchedMatmul(left3, right3).reshape(batch + [n, m])
        if a.rank == 1 { result = try result.squeeze(dim: -2) }
        if b.rank == 1 { result = try result.squeeze(dim: -1) }
        return result
    }

    /// `self @ other` (PyTorch `Tensor.matmul`); see `Tensor.matmul(_:_:)`.
    public func matmul(_ other: Tensor) throws -> Tensor { try Tensor.matmul(self, other) }

    /// `[B, n, k] @ [B, k, m]` → `[B, n, m]`, same dtype, with its backward.
    static func batchedMatmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let y = try gemm(a, b, transposeA: false, transposeB: false)
        return y.recordingGradient(of: [a, b], op: "bmm") { g in
            [
                a.requiresGrad ? try gemm(g, b, transposeA: false, transposeB: true) : nil,
                b.requiresGrad ? try gemm(a, g, transposeA: true, transposeB: false) : nil,
            ]
        }
    }

    /// `op(a) @ op(b)` for each batch item, where `op` transposes the last two dimensions when
    /// asked; `a` and `b` are 3-d with the same batch size and dtype. No autograd.
    static func gemm(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) throws -> Tensor {
        // The engine's own invariant: `matmul` and its backward pass 3-d operands of one batch.
        precondition(
            a.rank == 3 && b.rank == 3 && a.shape[0] == b.shape[0], "gemm of \(a.shape) and \(b.shape)")
        let a = try a.to(DType.promoted(a.dtype, b.dtype))
        let b = try b.to(a.dtype)
        let batch = a.shape[0]
        let rows = transposeA ? a.shape[2] : a.shape[1]
        let inner = transposeA ? a.shape[1] : a.shape[2]
        let columns = transposeB ? b.shape[1] : b.shape[2]
        precondition(inner == (transposeB ? b.shape[2] : b.shape[1]), "gemm inner sizes differ")
        let leadA = Int32(Swift.max(a.shape[2], 1))
        let leadB = Int32(Swift.max(b.shape[2], 1))
        let orderA = transposeA ? CblasTrans : CblasNoTrans
        let orderB = transposeB ? CblasTrans : CblasNoTrans
        let strideA = a.shape[1] * a.shape[2]
        let strideB = b.shape[1] * b.shape[2]
        let strideC = rows * columns
        // The work is known from the shapes: refuse at once what the time left cannot hold.
        let work = Double(batch) * Double(rows) * Double(inner) * Double(columns)
        try ComputeBudget.requireTime(for: WorkEstimate(.matrixProduct, work))
        // One BLAS call per batch item when it is a few milliseconds of work; a larger product is
        // split into blocks of about `chunkWork` multiply-adds (at least 256 × 256 of the result,
        // so BLAS still runs at speed), with the budget checked between blocks.
        let block = Self.gemmBlock(rows: rows, inner: inner, columns: columns)
        // Where row `row` of op(a) starts: a row of a, or a column of a stored transposed; and
        // where column `column` of op(b) starts: along a row of b, or a row of b stored transposed.
        let rowStepA = transposeA ? 1 : Int(leadA)
        let columnStepB = transposeB ? Int(leadB) : 1

        func run<T: TensorScalar>(
            _: T.Type,
            _ call: (UnsafePointer<T>, UnsafePointer<T>, UnsafeMutablePointer<T>, Int32, Int32) -> Void
        ) throws -> Tensor {
            let pa = UnsafePointer(a.storage.pointer(as: T.self))
            let pb = UnsafePointer(b.storage.pointer(as: T.self))
            return try Tensor(shape: [batch, rows, columns], of: T.self) { out in
                // Empty products are all zeros, which the fresh buffer already holds.
                guard rows > 0, columns > 0, inner > 0, let pc = out.baseAddress else { return }
                for item in 0..<batch {
                    for row in Swift.stride(from: 0, to: rows, by: block.rows) {
                        for column in Swift.stride(from: 0, to: columns, by: block.columns) {
                            try ComputeBudget.checkpoint()
                            call(
                                pa + item * strideA + row * rowStepA,
                                pb + item * strideB + column * columnStepB,
                                pc + item * strideC + row * columns + column,
                                Int32(Swift.min(block.rows, rows - row)),
                                Int32(Swift.min(block.columns, columns - column)))
                        }
                    }
                }
            }
        }
        let k = Int32(inner)
        switch a.dtype {
        case .float32:
            return try run(Float.self) { pa, pb, pc, m, n in
                cblas_sgemm(
                    CblasRowMajor, orderA, orderB, m, n, k, 1, pa, leadA, pb, leadB, 0, pc,
                    Int32(Swift.max(columns, 1)))
            }
        case .float64:
            return try run(Double.self) { pa, pb, pc, m, n in
                cblas_dgemm(
                    CblasRowMajor, orderA, orderB, m, n, k, 1, pa, leadA, pb, leadB, 0, pc,
                    Int32(Swift.max(columns, 1)))
            }
        }
    }

    /// The block of the result one BLAS call computes: all of it up to `chunkWork`
    /// multiply-adds, else 256 rows by as many columns as make `chunkWork` (at least 256).
    static func gemmBlock(rows: Int, inner: Int, columns: Int) -> (rows: Int, columns: Int) {
        guard Double(rows) * Double(inner) * Double(columns) > chunkWork else {
            return (Swift.max(rows, 1), Swift.max(columns, 1))
        }
        let blockRows = Swift.min(rows, 256)
        let fitting = Int(
            Swift.min(Double(columns), chunkWork / Swift.max(1, Double(blockRows) * Double(inner))))
        return (Swift.max(blockRows, 1), Swift.max(1, Swift.min(columns, Swift.max(256, fitting))))
    }

    /// Multiply-adds per BLAS call of a split product: ~10–30 ms on this project's machines,
    /// small enough for the 100 ms cancellation promise, large enough that BLAS runs at speed.
    static let chunkWork: Double = 5e8
}
