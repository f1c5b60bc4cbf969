import Testing

@testable import CNN

@Suite struct SequentialTests {
    @Test func appliesLayersInOrder() throws {
        // 1 → ·2 → ·3 = 6 → Residual adds its input: 6 + 6·0.5 = 9.
        let model = Sequential(try ScaleLayer(2), try ScaleLayer(3), Residual(try ScaleLayer(0.5)))
        #expect(try model(Tensor([1] as [Float], shape: [1])).scalarsAsFloats() == [9])
    }

    @Test func namedLayersAndIndexing() throws {
        let model = try Sequential(named: [("scale", try ScaleLayer(2)), ("id", Identity())])
        #expect(model.namedParameters.map(\.name) == ["scale.weight"])
        #expect(model.count == 2)
        #expect(model[1] is Identity)
        #expect(throws: CNNError.self) { try Sequential(named: [("a.b", Identity())]) }
        #expect(throws: CNNError.self) { try Sequential(named: [("a", Identity()), ("a", Identity())]) }
    }

    @Test func errorsNameTheFailingLayer() throws {
        let model = Sequential(Identity(), try ScaleLayer(1, count: 3))
        let error = #expect(throws: CNNError.self) { try model(Tensor.ones([2])) }
        #expect(error?.message.hasPrefix("layer (1) ScaleLayer: ") == true, "\(String(describing: error))")
    }

    @Test func cancellationPassesThroughUnchanged() throws {
        let budget = ComputeBudget()
        budget.cancel()
        final class Checkpoint: Layer {
            let mode = TrainingMode()
            func callAsFunction(_ input: Tensor) throws -> Tensor {
                try ComputeBudget.checkpoint()
                return input
            }
        }
        let model = Sequential(Checkpoint())
        #expect(throws: CNNError.cancelled()) {
            try ComputeBudget.$current.withValue(budget) { try model(Tensor.ones([1])) }
        }
    }
}
