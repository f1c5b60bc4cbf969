import Testing

@testable import CNN

@Suite struct PadTests {
    /// Every `pad` case of the PyTorch fixture (all modes, 1–3 axes, asymmetric and negative).
    @Test(arguments: TorchReference.cases("pad"))
    func matchesPyTorch(_ c: TorchReference.Case) throws { try FixtureCalls.verify(c) }

    /// Backward of every mode through the Tensor API by central differences.
    @Test(arguments: PadMode.allCases)
    func gradcheckEveryMode(mode: PadMode) throws {
        var generator = SeededGenerator(seed: 3)
        let x = try Tensor.randn([2, 3, 4], dtype: .float64, using: &generator)
        #expect(try gradcheck({ try pad($0, [2, 1, 1, 2], mode: mode) }, input: x) < 1e-6)
    }

    /// Hand-worked: [[1, 2], [3, 4]] padded by one column left and one row below with 9.
    @Test func constantValue() throws {
        let y = try pad(Tensor([[1, 2], [3, 4]]), [1, 0, 0, 1], value: 9)
        #expect(y.shape == [3, 3])
        #expect(y.scalarsAsDoubles() == [9, 1, 2, 9, 3, 4, 9, 9, 9])
    }

    @Test func misuseIsExplained() throws {
        let x = try Tensor.zeros([1, 1, 3, 3])
        #expect(
            errorMessage { try pad(x, [1, 1, 1]) }
                == "pad expects an even number of amounts (two per axis, last axis first), got [1, 1, 1]")
        #expect(
            errorMessage { try pad(x, [3, 3], mode: .reflect) }
                == "pad mode 'reflect' with 2 amounts pads the last axis of a 2-d or 3-d input, got 4-d input [1, 1, 3, 3]"
        )
        #expect(
            errorMessage { try pad(x, [3, 3, 0, 0], mode: .reflect) }
                == "reflect padding must be smaller than the padded dimension: padding (3, 3) at dimension 3 of the input [1, 1, 3, 3]"
        )
        #expect(
            errorMessage { try pad(x, [4, 0, 0, 0], mode: .circular) }
                == "circular padding can wrap around at most once: padding (4, 0) at dimension 3 of the input [1, 1, 3, 3]"
        )
        #expect(
            errorMessage { try pad(x, [1, 1], mode: .replicate, value: 1) }
                == "pad mode 'replicate' doesn't take a value other than 0; only 'constant' does")
        #expect(
            errorMessage { try pad(x, [-2, -1]) }
                == "pad (-2, -1) leaves nothing of dimension 3 (size 3) of the input [1, 1, 3, 3]")
        #expect(
            errorMessage { try pad(Tensor.zeros([3]), [1, 1, 1, 1]) }
                == "pad got 4 amounts, which pad 2 axes, but the input [3] has only 1")
    }
}
