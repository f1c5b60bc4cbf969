import Testing

@testable import CNN

@Suite struct ParameterTests {
    @Test func wrapsALeafThatRequiresGrad() throws {
        let parameter = try Parameter(Tensor([1, 2] as [Float], shape: [2]))
        #expect(parameter.value.requiresGrad && parameter.value.isLeaf)
        #expect(parameter.shape == [2] && parameter.count == 2)
    }

    @Test func gradientReachesTheParameterThroughAnyRead() throws {
        let parameter = try Parameter(Tensor([1, 2] as [Float], shape: [2]))
        try (parameter.value * parameter.value).sum().backward()
        #expect(parameter.grad?.scalarsAsFloats() == [2, 4])  // d(Σp²)/dp = 2p
        parameter.zeroGrad()
        #expect(parameter.grad == nil)
    }

    @Test func assignChecksShapeAndStartsAFreshLeaf() throws {
        let parameter = try Parameter(Tensor([1, 2] as [Float], shape: [2]))
        try (parameter.value * 2).sum().backward()
        try parameter.assign(Tensor([5, 6] as [Float], shape: [2]))
        #expect(parameter.value.scalarsAsFloats() == [5, 6])
        #expect(parameter.grad == nil && parameter.value.requiresGrad)
        #expect(throws: CNNError.self) { try parameter.assign(Tensor.zeros([3])) }
    }

    @Test func updateRewritesInPlaceWithoutTouchingCopies() throws {
        let parameter = try Parameter(Tensor([1, 2] as [Float], shape: [2]))
        let before = parameter.value
        try parameter.update(as: Float.self) { values in values[0] = 10 }
        #expect(parameter.value.scalarsAsFloats() == [10, 2])
        #expect(before.scalarsAsFloats() == [1, 2], "copy-on-write keeps earlier reads intact")
    }
}
