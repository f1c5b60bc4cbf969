import Testing

@testable import CNN

@Suite struct FlattenTests {
    /// Shapes as PyTorch's nn.Flatten gives them (start_dim=1 default; [2,3,4,5] → [2, 60]).
    @Test(arguments: [
        (1, -1, [2, 60]), (0, -1, [120]), (2, 3, [2, 3, 20]), (1, 2, [2, 12, 5]), (-2, -1, [2, 3, 20]),
    ])
    func shapes(start: Int, end: Int, expected: [Int]) throws {
        let x = try Tensor.zeros([2, 3, 4, 5])
        #expect(try Flatten(startDim: start, endDim: end)(x).shape == expected)
    }

    @Test func keepsValuesInRowMajorOrder() throws {
        let x = try Tensor.arange(0, 8).to(.float32).reshape([2, 2, 2])
        #expect(try Flatten()(x).scalarsAsFloats() == (0..<8).map(Float.init))
    }

    @Test func rejectsBadDimensions() throws {
        let x = try Tensor.zeros([2, 3])
        #expect(throws: CNNError.self) { try Flatten(startDim: 2)(x) }
        #expect(throws: CNNError.self) { try Flatten(startDim: 1, endDim: 0)(x) }
    }
}
