import Testing

@testable import CNN

@Suite struct AutogradTests {
    /// y = Σ x², so ∂y/∂x = 2x (hand derivation).
    @Test func backwardOfAScalar() throws {
        let x = try Tensor([1, -2, 3] as [Double], shape: [3]).requiringGrad()
        let y = try (x * x).sum()
        #expect(y.requiresGrad)
        #expect(y.gradientFunctionName == "sum")
        try y.backward()
        #expect(x.grad?.scalarsAsDoubles() == [2, -4, 6])
    }

    @Test func gradientsAccumulateAcrossCallsUntilZeroed() throws {
        let x = try Tensor([1, 2] as [Double], shape: [2]).requiringGrad()
        try (x * 3).sum().backward()
        try (x * 3).sum().backward()
        #expect(x.grad?.scalarsAsDoubles() == [6, 6])
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test func gradIsSharedByCopies() throws {
        let x = try Tensor([1, 2] as [Double], shape: [2]).requiringGrad()
        let copy = x
        try (copy * copy).sum().backward()
        #expect(x.grad?.scalarsAsDoubles() == [2, 4])
    }

    /// A tensor used twice gets the sum of both paths: y = x·x + x → ∂y/∂x = 2x + 1.
    @Test func fanOutSumsGradients() throws {
        let x = try Tensor([3] as [Double], shape: [1]).requiringGrad()
        try (x * x + x).sum().backward()
        #expect(x.grad?.scalarsAsDoubles() == [7])
    }

    @Test func nonScalarBackwardNeedsAGradient() throws {
        let x = try Tensor.ones([2]).requiringGrad()
        let y = try x * 2
        #expect(throws: CNNError.self) { try y.backward() }
        try y.backward(gradient: Tensor([1, 10] as [Double], shape: [2]))
        #expect(x.grad?.scalarsAsDoubles() == [2, 20])
        #expect(throws: CNNError.self) { try y.backward(gradient: Tensor.ones([3])) }
    }

    @Test func backwardWithoutGradThrows() throws {
        let y = try Tensor.ones([1]) * 2
        #expect(throws: CNNError.self) { try y.backward() }
    }

    @Test func retainGradKeepsAnIntermediateGradient() throws {
        let x = try Tensor([1, 2] as [Double], shape: [2]).requiringGrad()
        let hidden = try x * 3
        try hidden.retainGrad()
        let y = try (hidden * hidden).sum()
        try y.backward()
        // ∂y/∂hidden = 2·hidden = [6, 12]; ∂y/∂x = 3·that = [18, 36].
        #expect(hidden.grad?.scalarsAsDoubles() == [6, 12])
        #expect(x.grad?.scalarsAsDoubles() == [18, 36])
    }

    @Test func intermediatesDoNotKeepGradientsByDefault() throws {
        let x = try Tensor.ones([2]).requiringGrad()
        let hidden = try x * 3
        try hidden.sum().backward()
        #expect(hidden.grad == nil)
        #expect(!hidden.isLeaf)
    }

    @Test func detachCutsTheGraph() throws {
        let x = try Tensor.ones([2]).requiringGrad()
        let d = try (x * 2).detach()
        #expect(!d.requiresGrad)
        #expect(d.isLeaf)
        #expect(d.scalarsAsDoubles() == [2, 2])
    }

    @Test func noGradRecordsNothing() throws {
        let x = try Tensor.ones([2]).requiringGrad()
        let y = try withNoGrad { try x * 2 }
        #expect(!y.requiresGrad)
        #expect(GradMode.isEnabled)
        #expect(try (x * 2).requiresGrad)
    }

    @Test func integerTensorsCannotRequireGrad() {
        #expect(throws: CNNError.self) { try Tensor.arange(3).requiringGrad() }
    }

    @Test func onlyLeavesCanStopRequiringGrad() throws {
        let x = try Tensor.ones([2]).requiringGrad()
        #expect(throws: CNNError.self) { try (x * 2).requiringGrad(false) }
        #expect(try !x.requiringGrad(false).requiresGrad)
    }

    @Test func float32LeafGetsFloat32GradientThroughFloat64Ops() throws {
        let x = try Tensor.ones([2]).requiringGrad()
        try (x.double() * 2).sum().backward()
        #expect(x.grad?.dtype == .float32)
        #expect(x.grad?.scalarsAsDoubles() == [2, 2])
    }

    /// A 2000-op chain: the iterative topological sort must not overflow the stack.
    @Test func deepGraphs() throws {
        let x = try Tensor([1] as [Double], shape: [1], dtype: .float64).requiringGrad()
        var y = x
        for _ in 0..<2000 { y = try y * 1.0001 }
        try y.sum().backward()
        let expected = (0..<2000).reduce(1.0) { value, _ in value * 1.0001 }
        #expect(abs(try x.grad!.item() - expected) < 1e-9)
    }

    @Test func recordingGradientOnlyWhenAnInputRequiresIt() throws {
        let plain = try Tensor.ones([2])
        let y = plain.recordingGradient(of: [plain], op: "custom") { g in [g] }
        #expect(!y.requiresGrad)
    }

    /// Gradients arriving at one tensor from several uses are summed in place when nothing else
    /// holds the running sum, and into a new tensor when something does; both give `a + b`.
    @Test func accumulatingGradientsLeavesSharedTensorsAlone() throws {
        var sum = try Tensor([1, 2, 3] as [Float], shape: [3])
        try sum.accumulate(Tensor([10, 20, 30] as [Float], shape: [3]))
        #expect(sum.scalarsAsFloats() == [11, 22, 33])
        let copy = sum
        try sum.accumulate(Tensor([1, 1, 1] as [Float], shape: [3]))
        #expect(sum.scalarsAsFloats() == [12, 23, 34])
        #expect(copy.scalarsAsFloats() == [11, 22, 33])
        try sum.accumulate(sum)
        #expect(sum.scalarsAsFloats() == [24, 46, 68])
    }

    /// A residual connection's input gets the gradient of both paths: ∂(relu(x)·w + x)/∂x.
    @Test func residualInputGetsBothPaths() throws {
        let x = try Tensor([-1, 2, 3] as [Float], shape: [3]).requiringGrad()
        try (relu(x) * 3 + x).sum().backward()
        #expect(x.grad?.scalarsAsFloats() == [1, 4, 4])
    }
}
