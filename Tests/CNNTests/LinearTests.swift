import Testing

@testable import CNN

@Suite struct LinearTests {
    @Test(arguments: TorchReference.cases("linear"))
    func matchesPyTorch(_ c: TorchReference.Case) throws { try FixtureCalls.verify(c, tolerance: 1e-11) }

    @Test func gradcheckWithBias() throws {
        var generator = SeededGenerator(seed: 13)
        let x = try Tensor.randn([2, 3, 4], dtype: .float64, using: &generator)
        let w = try Tensor.randn([5, 4], dtype: .float64, using: &generator)
        let b = try Tensor.randn([5], dtype: .float64, using: &generator)
        #expect(try gradcheck({ try linear($0[0], $0[1], bias: $0[2]) }, inputs: [x, w, b]) < 1e-6)
    }

    @Test func misuseIsExplained() throws {
        #expect(
            errorMessage { try linear(Tensor.zeros([2, 3]), Tensor.zeros([4, 5])) }
                == "linear expects input [*, in_features] = [*, 5] to match weight [4, 5] ([out_features, in_features]), got input [2, 3]"
        )
        #expect(
            errorMessage { try linear(Tensor.zeros([2, 5]), Tensor.zeros([4, 5]), bias: Tensor.zeros([5])) }
                == "linear expects bias [out_features] = [4], got [5]")
    }
}
