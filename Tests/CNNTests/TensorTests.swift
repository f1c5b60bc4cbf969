import Testing

@testable import CNN

@Suite struct TensorTests {
    @Test func scalarsAndShape() throws {
        let t = try Tensor([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3])
        #expect(t.shape == [2, 3])
        #expect(t.count == 6)
        #expect(t.rank == 2)
        #expect(t.strides == [3, 1])
        #expect(t.dtype == .float32)
        #expect(t.scalarsAsDoubles() == [1, 2, 3, 4, 5, 6])
        #expect(try t.size(-1) == 3)
    }

    @Test func scalarCountMismatchThrowsNamingTheShape() {
        #expect(throws: CNNError.shape("shape [2, 3] needs 6 values, got 5")) {
            try Tensor([1, 2, 3, 4, 5] as [Double], shape: [2, 3])
        }
    }

    @Test func negativeDimensionThrows() {
        #expect(throws: CNNError.self) { try Tensor.zeros([2, -1]) }
    }

    @Test func scalarTensor() throws {
        let t = Tensor(2.5)
        #expect(t.shape == [])
        #expect(t.count == 1)
        #expect(try t.item() == 2.5)
        #expect(Tensor(3).kind == .integer)
    }

    @Test func itemOfManyElementsThrows() throws {
        #expect(throws: CNNError.self) { try Tensor.ones([2]).item() }
    }

    @Test func nestedArrays() throws {
        let m = try Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(m.shape == [2, 3])
        #expect(m.scalarsAsDoubles() == [1, 2, 3, 4, 5, 6])
        let images = try Tensor([[[[1, 2], [3, 4]]]])
        #expect(images.shape == [1, 1, 2, 2])
        let ints = try Tensor(nested: .list([.integer(1), .integer(2)]))
        #expect(ints.kind == .integer)
    }

    /// PyTorch: torch.tensor([[1, 2], [3]]) → "expected sequence of length 2 at dim 1 (got 1)".
    @Test func raggedNestingThrowsLikePyTorch() {
        #expect(throws: CNNError.shape("expected sequence of length 2 at dim 1 (got 1)")) {
            try Tensor([[1, 2], [3]])
        }
        #expect(throws: CNNError.shape("expected sequence of length 2 at dim 2 (got 3)")) {
            try Tensor([[[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]]])
        }
    }

    @Test func factories() throws {
        #expect(try Tensor.zeros([2, 2]).scalarsAsDoubles() == [0, 0, 0, 0])
        #expect(try Tensor.ones([3], dtype: .float64).scalarsAsDoubles() == [1, 1, 1])
        #expect(try Tensor.ones([3], dtype: .float64).dtype == .float64)
        #expect(try Tensor.full([2], 7).scalarsAsDoubles() == [7, 7])
        // torch.eye(2, 3) → [[1,0,0],[0,1,0]]
        #expect(try Tensor.eye(2, 3).scalarsAsDoubles() == [1, 0, 0, 0, 1, 0])
    }

    /// Values from torch.arange(5), torch.arange(1, 10, 3), torch.arange(0, 1, 0.25),
    /// torch.arange(5, 0, -2).
    @Test func arange() throws {
        let a = try Tensor.arange(5)
        #expect(a.scalarsAsDoubles() == [0, 1, 2, 3, 4])
        #expect(a.kind == .integer)
        #expect(try Tensor.arange(1, 10, step: 3).scalarsAsDoubles() == [1, 4, 7])
        #expect(try Tensor.arange(0.0, 1.0, step: 0.25).scalarsAsDoubles() == [0, 0.25, 0.5, 0.75])
        #expect(try Tensor.arange(5, 0, step: -2).scalarsAsDoubles() == [5, 3, 1])
        #expect(throws: CNNError.self) { try Tensor.arange(0, 5, step: 0) }
        #expect(throws: CNNError.self) { try Tensor.arange(0, 5, step: -1) }
    }

    /// torch.linspace(0, 1, 5) → [0, 0.25, 0.5, 0.75, 1]; torch.linspace(-1, 1, 3) → [-1, 0, 1];
    /// torch.linspace(2, 3, 1) → [2].
    @Test func linspace() throws {
        #expect(try Tensor.linspace(0, 1, steps: 5).scalarsAsDoubles() == [0, 0.25, 0.5, 0.75, 1])
        #expect(try Tensor.linspace(-1, 1, steps: 3).scalarsAsDoubles() == [-1, 0, 1])
        #expect(try Tensor.linspace(2, 3, steps: 1).scalarsAsDoubles() == [2])
    }

    @Test func dtypeConversion() throws {
        let t = try Tensor([0.1, 0.2] as [Double], shape: [2], dtype: .float64)
        let f = try t.float()
        #expect(f.dtype == .float32)
        #expect(f.scalarsAsFloats() == [0.1, 0.2])
        let d = try f.double()
        #expect(d.dtype == .float64)
        #expect(d.scalarsAsDoubles() == [Double(Float(0.1)), Double(Float(0.2))])
    }

    @Test func rawBufferRoundTrip() throws {
        let t = try Tensor(shape: [2, 2], of: Double.self) { out in
            for i in 0..<out.count { out[i] = Double(i) * 1.5 }
        }
        #expect(t.dtype == .float64)
        let total = t.withUnsafeBufferPointer(as: Double.self) { $0.reduce(0, +) }
        #expect(total == 9)
    }

    @Test func copyOnWriteKeepsCopiesIndependent() throws {
        let original = try Tensor.zeros([3])
        var copy = original
        try copy.withUnsafeMutableBufferPointer(as: Float.self) { $0[1] = 5 }
        #expect(original.scalarsAsDoubles() == [0, 0, 0])
        #expect(copy.scalarsAsDoubles() == [0, 5, 0])
    }

    private struct Square: ScalarKernel {
        let x: Tensor
        func callAsFunction<T: TensorScalar>(_: T.Type) throws -> Tensor {
            try x.withUnsafeBufferPointer(as: T.self) { source in
                try Tensor(shape: x.shape, of: T.self) { out in
                    for i in 0..<source.count { out[i] = source[i] * source[i] }
                }
            }
        }
    }

    @Test(arguments: DType.allCases) func dispatchRunsTheKernelForTheDtype(dtype: DType) throws {
        let x = try Tensor([1, 2, 3] as [Double], shape: [3], dtype: dtype)
        let y = try dtype.dispatch(Square(x: x))
        #expect(y.dtype == dtype)
        #expect(y.scalarsAsDoubles() == [1, 4, 9])
    }

    @Test func budgetRefusesTooLargeTensors() throws {
        let budget = ComputeBudget(maxElements: 100)
        ComputeBudget.$current.withValue(budget) {
            #expect(throws: CNNError.self) { try Tensor.zeros([11, 10]) }
        }
    }

    @Test func budgetCountsLiveBytesAndReleasesThem() throws {
        let budget = ComputeBudget()
        try ComputeBudget.$current.withValue(budget) {
            var t: Tensor? = try Tensor.zeros([1000])
            #expect(budget.bytesInUse == 4000)
            #expect(t?.count == 1000)
            t = nil
            #expect(budget.bytesInUse == 0)
        }
    }

    /// Sizes no machine can hold throw rather than trap, with or without a budget.
    @Test func impossibleSizesThrow() {
        #expect(throws: CNNError.self) { try Tensor.zeros([1 << 40, 1 << 20]) }
        #expect(throws: CNNError.self) { try Tensor.zeros([Int.max, 2]) }
        #expect(throws: CNNError.self) { try Tensor.arange(0, Int.max) }
        #expect(throws: CNNError.self) { try Tensor.arange(0.0, .infinity) }
        #expect(throws: CNNError.self) { try Tensor.arange(0.0, .nan) }
        var generator = SeededGenerator(seed: 0)
        #expect(throws: CNNError.self) { try Tensor.randint(Int.min, Int.max, [1], using: &generator) }
    }
}
