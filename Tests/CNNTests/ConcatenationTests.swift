import Testing

@testable import CNN

@Suite struct ConcatenationTests {
    let a = try! Tensor([[1, 2], [3, 4]])
    let b = try! Tensor([[5, 6]])

    /// torch.cat([a, b]) → [[1,2],[3,4],[5,6]]; torch.cat([a, a], 1) → [[1,2,1,2],[3,4,3,4]].
    @Test func cat() throws {
        #expect(try Tensor.cat([a, b]).scalarsAsDoubles() == [1, 2, 3, 4, 5, 6])
        #expect(try Tensor.cat([a, a], dim: 1).scalarsAsDoubles() == [1, 2, 1, 2, 3, 4, 3, 4])
        #expect(try Tensor.cat([a, a], dim: -1).shape == [2, 4])
    }

    /// PyTorch: "Sizes of tensors must match except in dimension 1. Expected size 2 but got size 1
    /// for tensor number 1 in the list."
    @Test func catMismatchNamesTheTensor() {
        #expect {
            try Tensor.cat([a, b], dim: 1)
        } throws: { error in
            (error as? CNNError)?.message.hasPrefix(
                "Sizes of tensors must match except in dimension 1. Expected size 2 but got size 1 for tensor number 1"
            ) == true
        }
        #expect(throws: CNNError.self) { try Tensor.cat([]) }
    }

    /// torch.stack([a, a]).shape → (2, 2, 2); torch.stack([a, a], 2)[0, 1] → [2, 2].
    @Test func stack() throws {
        #expect(try Tensor.stack([a, a]).shape == [2, 2, 2])
        #expect(try Tensor.stack([a, a], dim: 2)[.at(0), .at(1)].scalarsAsDoubles() == [2, 2])
        #expect(throws: CNNError.self) { try Tensor.stack([a, b]) }
    }

    @Test func gradients() throws {
        var generator = SeededGenerator(seed: 6)
        let x = try Tensor.randn([2, 3], dtype: .float64, using: &generator)
        let y = try Tensor.randn([2, 1], dtype: .float64, using: &generator)
        #expect(try gradcheck({ try Tensor.cat([$0[0], $0[1], $0[0]], dim: 1) }, inputs: [x, y]) < 1e-6)
        #expect(try gradcheck({ try Tensor.stack([$0[0], $0[0] * 2], dim: 1) }, inputs: [x]) < 1e-6)
    }
}
