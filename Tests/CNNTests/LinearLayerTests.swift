import Testing

@testable import CNN

@Suite struct LinearLayerTests {
    /// y = x·Wᵀ + b by hand: x = [1, 2], W = [[1, 0], [0, 1], [1, 1]], b = [0, 0, 1] → [1, 2, 4].
    @Test func computesAffineMap() throws {
        var generator = SeededGenerator(seed: 1)
        let layer = try Linear(2, 3, using: &generator)
        try layer.weight.assign(Tensor([1, 0, 0, 1, 1, 1] as [Float], shape: [3, 2]))
        try layer.bias!.assign(Tensor([0, 0, 1] as [Float], shape: [3]))
        #expect(try layer(Tensor([1, 2] as [Float], shape: [1, 2])).scalarsAsFloats() == [1, 2, 4])
    }

    /// PyTorch's defaults: U(±1/√in_features) for weight and bias; repr as nn.Linear prints it.
    @Test func defaultsAndPrintout() throws {
        var generator = SeededGenerator(seed: 2)
        let layer = try Linear(16, 4, using: &generator)
        #expect(layer.weight.value.scalarsAsFloats().allSatisfy { abs($0) <= 0.25 })
        #expect(layer.bias!.value.scalarsAsFloats().allSatisfy { abs($0) <= 0.25 })
        #expect(layer.parameterCount == 68)
        #expect(layer.description == "Linear(in_features=16, out_features=4, bias=True)")
        #expect(throws: CNNError.self) { try layer(Tensor.zeros([2, 15])) }
    }
}
