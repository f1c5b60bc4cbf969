import Testing

@testable import CNN

/// A minimal layer for testing the `Layer` machinery without the functional ops: `x · weight`.
final class ScaleLayer: Layer {
    let mode = TrainingMode()
    let weight: Parameter
    init(_ value: Float, count: Int = 1) throws {
        weight = try Parameter(Tensor([Float](repeating: value, count: count), shape: [count]))
    }
    var ownParameters: [(name: String, parameter: Parameter)] { [("weight", weight)] }
    func callAsFunction(_ input: Tensor) throws -> Tensor { try input * weight.value }
    var settingsDescription: String { "\(weight.count)" }
}

@Suite struct LayerTests {
    static func model() throws -> Sequential {
        Sequential(
            try ScaleLayer(2), Sequential(try ScaleLayer(3, count: 4), Identity()),
            Residual(try ScaleLayer(0.5)))
    }

    @Test func namedParametersUseDottedPathsLikePyTorch() throws {
        let names = try Self.model().namedParameters.map(\.name)
        #expect(names == ["0.weight", "1.0.weight", "2.body.weight"])
    }

    @Test func countsEverySharedParameterOnce() throws {
        let shared = try ScaleLayer(1, count: 3)
        let model = Sequential(shared, shared, try ScaleLayer(1, count: 2))
        #expect(model.parameterCount == 5)
        #expect(model.namedParameters.map(\.name) == ["0.weight", "2.weight"])
    }

    @Test func trainAndEvalReachEveryLayer() throws {
        let model = try Self.model()
        #expect(model.namedLayers.allSatisfy { $0.layer.isTraining }, "layers start in training mode")
        model.eval()
        #expect(model.namedLayers.allSatisfy { !$0.layer.isTraining })
        model.train()
        #expect(model.namedLayers.allSatisfy { $0.layer.isTraining })
    }

    @Test func zeroGradForgetsEveryGradient() throws {
        let model = try Self.model()
        try model(Tensor.ones([4])).sum().backward()
        #expect(model.parameters().allSatisfy { $0.grad != nil })
        model.zeroGrad()
        #expect(model.parameters().allSatisfy { $0.grad == nil })
    }

    /// Layout of PyTorch's `print(model)` for nested containers, with our layer names.
    @Test func printsLikePyTorch() throws {
        let model = Sequential(try ScaleLayer(2), Sequential(Identity()))
        #expect(
            model.description == """
                Sequential(
                  (0): ScaleLayer(1)
                  (1): Sequential(
                    (0): Identity()
                  )
                )
                """)
    }

    @Test func convertsEveryParameterToAnotherDType() throws {
        let model = try Self.model().to(.float64)
        #expect(model.parameters().allSatisfy { $0.value.dtype == .float64 && $0.value.requiresGrad })
        #expect(try model(Tensor.ones([4], dtype: .float64)).dtype == .float64)
    }
}
