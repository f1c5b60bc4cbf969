import Testing

@testable import CNN

/// Every operation that can run long on a big tensor checks the time limit and a cancel inside
/// its loops, not only before it starts: under a budget whose time runs out at its third check
/// (`ComputeBudget(checksAllowed:)`, no clock involved), each operation on ~10⁶ elements must
/// stop with `CNNError.timeLimit`; an operation that checked only at its start, or not at all,
/// would return a value. The inputs are made before the budget is bound, so only the operation's
/// own checks count.
@Suite struct LongOpLimitTests {
    /// 2²⁰ elements: 16 × `ElementwiseKernels.checkInterval`.
    static let side = 1024

    static func square() throws -> Tensor {
        try Tensor.filled(shape: [side, side], dtype: .float32, kind: .real) { Double($0 % 7) - 3 }
    }

    /// Expects `operation` to stop with a time limit under a budget that allows two checks.
    func expectStopsInside(_ name: String, _ operation: () throws -> Void) {
        let budget = ComputeBudget(checksAllowed: 2, timeLimit: 2)
        do {
            try ComputeBudget.$current.withValue(budget) { try operation() }
            Issue.record("\(name) ran to the end without checking its budget (\(budget.checksCount) checks)")
        } catch let error as CNNError {
            #expect(error == CNNError.timeLimit(seconds: 2), "\(name)")
        } catch {
            Issue.record("\(name) threw \(error)")
        }
    }

    @Test func elementwiseOpsStopInsideTheirLoops() throws {
        let x = try Self.square()
        let column = try Tensor.filled(shape: [Self.side, 1], dtype: .float32, kind: .real) { Double($0) }
        let scalar = Tensor(2.0)
        expectStopsInside("exp") { _ = try x.exp() }
        expectStopsInside("abs") { _ = try x.abs() }
        expectStopsInside("clamp") { _ = try x.clamp(min: 0, max: 1) }
        expectStopsInside("x + x") { _ = try x + x }
        expectStopsInside("x * 2") { _ = try x * scalar }
        expectStopsInside("2 - x") { _ = try scalar - x }
        expectStopsInside("x + column") { _ = try x + column }
        expectStopsInside("x.T + x") { _ = try x.transpose(0, 1) + x }
        expectStopsInside("x > 0") { _ = try x.gt(Tensor(0.0)) }
        expectStopsInside("where") { _ = try Tensor.where(x.gt(Tensor(0.0)), x, scalar.expand(to: x.shape)) }
        expectStopsInside("relu") { _ = try relu(x) }
        expectStopsInside("sigmoid") { _ = try sigmoid(x) }
        expectStopsInside("pow") { _ = try x.pow(2) }
    }

    @Test func copiesStopInsideTheirLoops() throws {
        let x = try Self.square()
        expectStopsInside("x.T.contiguous") { _ = try x.transpose(0, 1).reshape([Self.side * Self.side]) }
        expectStopsInside("flip") { _ = try x.flip([0, 1]) }
        expectStopsInside("x[::2]") { _ = try x.indexed([.slice(nil, nil, step: 2)]).reshape([-1]) }
        expectStopsInside("cat") { _ = try Tensor.cat([x, x], dim: 1) }
        expectStopsInside("stack") { _ = try Tensor.stack([x, x], dim: 2) }
        expectStopsInside("repeat") { _ = try x.repeated([2, 1]) }
        expectStopsInside("pad") { _ = try pad(x, [1, 1, 1, 1]) }
        expectStopsInside("filled") {
            _ = try Tensor.filled(shape: [Self.side, Self.side], dtype: .float32, kind: .real) { Double($0) }
        }
    }

    @Test func reductionsStopInsideTheirLoops() throws {
        let x = try Self.square()
        expectStopsInside("sum") { _ = try x.sum() }
        expectStopsInside("sum(dim: 0)") { _ = try x.sum(dim: 0) }
        expectStopsInside("mean(dim: 1)") { _ = try x.mean(dim: 1) }
        expectStopsInside("max") { _ = try x.max() }
        expectStopsInside("max(dim: 0)") { _ = try x.max(dim: 0) }
        expectStopsInside("argmax") { _ = try x.argmax() }
        expectStopsInside("amax") { _ = try x.amax(dims: [0, 1]) }
        expectStopsInside("norm") { _ = try x.norm() }
        expectStopsInside("variance") { _ = try x.variance() }
        expectStopsInside("softmax") { _ = try softmax(x, dim: 1) }
        expectStopsInside("cumsum") { _ = try x.cumulativeSum(dim: 1) }
    }

    @Test func networkOpsStopInsideTheirLoops() throws {
        let x = try Self.square()
        let image = try x.reshape([1, 1, Self.side, Self.side])
        let weight = try Tensor.filled(shape: [1, 1, 3, 3], dtype: .float32, kind: .real) { Double($0) }
        expectStopsInside("matmul") { _ = try Tensor.matmul(x, x) }
        expectStopsInside("conv2d") { _ = try conv2d(image, weight, padding: 1) }
        expectStopsInside("max_pool2d") { _ = try maxPool2d(image, kernelSize: 2) }
        // Pooling counts window elements read, checking every 2 × 10⁶ (`WorkMeter`).
        expectStopsInside("avg_pool2d") { _ = try avgPool2d(image, kernelSize: 8, stride: 1) }
        expectStopsInside("index with a tensor") {
            let rows = try Tensor.filled(shape: [Self.side], dtype: .float32, kind: .integer) {
                Double(($0 * 7) % Self.side)
            }
            _ = try x.indexed(advanced: [.tensor(rows)])
        }
    }

    @Test func conversionsAndComposedOpsStopInsideTheirLoops() throws {
        let x = try Self.square()
        let mask = try x.gt(Tensor(0.0))
        let row = try Tensor.filled(shape: [Self.side], dtype: .float32, kind: .real) { Double($0) }
        expectStopsInside("to(float64)") { _ = try x.to(.float64) }
        expectStopsInside("to(int64)") { _ = try x.converted(to: .int64) }
        expectStopsInside("to(bool)") { _ = try x.converted(to: .bool) }
        expectStopsInside("masked_fill") { _ = try x.maskedFill(mask, 0) }
        expectStopsInside("triu") { _ = try x.triu() }
        expectStopsInside("prod") { _ = try row.product() }
        expectStopsInside("prod(dim: 0)") { _ = try x.product(dim: 0) }
        expectStopsInside("any") { _ = try mask.any() }
        expectStopsInside("isclose") { _ = try Tensor.isClose(x, x) }
        expectStopsInside("split") { _ = try row.split(size: 1) }
        expectStopsInside("tensordot") { _ = try Tensor.tensordot(x, x, dims: 1) }
        expectStopsInside("mse_loss") { _ = try mseLoss(x, x) }
        expectStopsInside("cross_entropy") {
            let labels = try Tensor.filled(shape: [Self.side], dtype: .float32, kind: .integer) {
                Double($0 % 10)
            }
            _ = try crossEntropy(x, labels)
        }
        expectStopsInside("linspace") { _ = try Tensor.linspace(0, 1, steps: Self.side * Self.side) }
        expectStopsInside("arange") { _ = try Tensor.arange(0, Self.side * Self.side) }
        expectStopsInside("unfold") {
            _ = try x.reshape([Self.side * Self.side]).unfold(dim: 0, size: 4, step: 1).sum()
        }
    }

    /// A cancel (Ctrl-C) reaches the same checks.
    @Test func aCancelStopsAnElementwiseOp() throws {
        let x = try Self.square()
        let budget = ComputeBudget()
        budget.cancel()
        #expect(throws: CNNError.cancelled()) {
            try ComputeBudget.$current.withValue(budget) { _ = try x.exp() }
        }
    }
}
