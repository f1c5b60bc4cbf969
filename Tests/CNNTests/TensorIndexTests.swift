import Testing

@testable import CNN

/// Expected values from PyTorch with a = torch.arange(24.).reshape(2, 3, 4): `a[1, ::2, -1]` →
/// [15, 23]; `a[..., None, 1].shape` → (2, 3, 1); `a[:, 1:, 1:3]` → [[[5,6],[9,10]],[[17,18],[21,22]]].
@Suite struct TensorIndexTests {
    let a = try! Tensor.arange(0.0, 24.0).reshape([2, 3, 4])

    @Test func positionsAndSteps() throws {
        #expect(try a[.at(1), .slice(nil, nil, step: 2), .at(-1)].scalarsAsDoubles() == [15, 23])
        #expect(
            try a[.all, .slice(1, nil), .slice(1, 3)].scalarsAsDoubles() == [5, 6, 9, 10, 17, 18, 21, 22])
        #expect(try a[.at(0)].shape == [3, 4])
    }

    @Test func ellipsisAndNewAxis() throws {
        #expect(try a[.ellipsis, .newAxis, .at(1)].shape == [2, 3, 1])
        #expect(try a[.newAxis].shape == [1, 2, 3, 4])
        #expect(try a[.ellipsis, .at(0)].scalarsAsDoubles() == [0, 4, 8, 12, 16, 20])
    }

    /// Python slice clamping: a[:, 5:10] is empty, a[:, -10:2] is the first two rows.
    @Test func slicesClampLikePython() throws {
        #expect(try a[.all, .slice(5, 10)].shape == [2, 0, 4])
        #expect(try a[.all, .slice(-10, 2)].shape == [2, 2, 4])
    }

    @Test func misuseThrows() {
        #expect(throws: CNNError.argument("index 3 is out of bounds for dimension 1 with size 3")) {
            try a[.all, .at(3)]
        }
        #expect(throws: CNNError.self) { try a[.at(0), .at(0), .at(0), .at(0)] }
        #expect(throws: CNNError.self) { try a[.ellipsis, .ellipsis] }
        #expect(throws: CNNError.self) { try a[.slice(nil, nil, step: 0)] }
    }

    @Test func backwardScattersIntoZeros() throws {
        let x = try Tensor.zeros([2, 3]).requiringGrad()
        try x[.at(1), .slice(nil, nil, step: 2)].sum().backward()
        #expect(x.grad?.scalarsAsDoubles() == [0, 0, 0, 1, 0, 1])
        var generator = SeededGenerator(seed: 5)
        let input = try Tensor.randn([3, 4, 5], dtype: .float64, using: &generator)
        #expect(
            try gradcheck(
                { try $0[.slice(1, nil), .newAxis, .at(-2), .slice(nil, nil, step: 3)] }, input: input) < 1e-6
        )
    }
}
