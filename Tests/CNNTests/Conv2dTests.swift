import Testing

@testable import CNN

@Suite struct Conv2dTests {
    /// The fixture's keyword arguments as a call of `conv2d` or `conv1d`.
    static func call(_ c: TorchReference.Case, _ x: Tensor, _ w: Tensor, _ b: Tensor?) throws -> Tensor {
        let padding: ConvPadding =
            switch c.kwargs["padding"] {
            case .string(let s): try ConvPadding(s)
            case .int(let v): .explicit(Size2D(v))
            case .list(let v): .explicit(Size2D(v[0], v[1]))
            default: 0
            }
        if c.op == "conv1d" {
            return try conv1d(
                x, w, bias: b, stride: c.kwargs["stride"]?.int ?? 1, padding: padding,
                dilation: c.kwargs["dilation"]?.int ?? 1, groups: c.kwargs["groups"]?.int ?? 1)
        }
        return try conv2d(
            x, w, bias: b, stride: c.kwargs["stride"].map { Size2D($0.pair.0, $0.pair.1) } ?? 1,
            padding: padding,
            dilation: c.kwargs["dilation"].map { Size2D($0.pair.0, $0.pair.1) } ?? 1,
            groups: c.kwargs["groups"]?.int ?? 1)
    }

    /// Every conv2d / conv1d case of the PyTorch fixture in float64 (the reference loop): output
    /// and the gradients of input, weight and bias.
    @Test(arguments: TorchReference.cases("conv2d") + TorchReference.cases("conv1d"))
    func matchesPyTorch(_ c: TorchReference.Case) throws {
        let x = try c.input("input")
        let w = try c.input("weight")
        let b = c.inputs["bias"] == nil ? nil : try c.input("bias")
        let y = try Self.call(c, x, w, b)
        #expect(c.output.matches(y, tolerance: 1e-12))
        try c.backward(from: y)
        #expect(c.grads!["input"]!.matches(x.grad, tolerance: 1e-12))
        #expect(c.grads!["weight"]!.matches(w.grad, tolerance: 1e-12))
        if let b { #expect(c.grads!["bias"]!.matches(b.grad, tolerance: 1e-12)) }
    }

    /// The same cases in float32 run on the fast kernels and agree to float32 precision
    /// (`allclose` with rtol = atol = 1e-4: Winograd and GEMM reorder the sums).
    @Test(arguments: TorchReference.cases("conv2d") + TorchReference.cases("conv1d"))
    func float32FastPathMatchesPyTorch(_ c: TorchReference.Case) throws {
        let x = try c.inputs["input"]!.tensor(.float32).requiringGrad()
        let w = try c.inputs["weight"]!.tensor(.float32).requiringGrad()
        let b = try c.inputs["bias"].map { try $0.tensor(.float32).requiringGrad() }
        let y = try Self.call(c, x, w, b)
        #expect(y.dtype == .float32)
        #expect(c.output.isClose(y, rtol: 1e-4, atol: 1e-4))
        try c.backward(from: y)
        #expect(c.grads!["input"]!.isClose(x.grad, rtol: 1e-4, atol: 1e-4))
        #expect(c.grads!["weight"]!.isClose(w.grad, rtol: 1e-4, atol: 1e-4))
    }

    /// ONNX operator spec `Conv` example (onnx/docs/Operators.md): arange(25) as 1×1×5×5 with a
    /// 3×3 ones kernel gives [[54, 63, 72], [99, 108, 117], [144, 153, 162]]; unbatched input
    /// gives the same without the batch axis.
    @Test func onnxExampleThroughTensors() throws {
        let x = try Tensor.arange(25).reshape([1, 1, 5, 5]).float()
        let w = try Tensor.ones([1, 1, 3, 3])
        let y = try conv2d(x, w)
        #expect(y.shape == [1, 1, 3, 3])
        #expect(y.scalarsAsDoubles() == [54, 63, 72, 99, 108, 117, 144, 153, 162])
        let unbatched = try conv2d(x.reshape([1, 5, 5]), w)
        #expect(unbatched.shape == [1, 3, 3])
        #expect(unbatched.scalarsAsDoubles() == y.scalarsAsDoubles())
    }

    /// Gradients through the Tensor API by central differences (core's `gradcheck`, float64),
    /// over stride, asymmetric 'same' padding, dilation and groups.
    @Test(arguments: [
        (Size2D(1), ConvPadding.explicit(0), Size2D(1), 1),
        (Size2D(2, 1), ConvPadding.explicit(Size2D(1, 2)), Size2D(1), 1),
        (Size2D(1), ConvPadding.same, Size2D(2, 1), 1),
        (Size2D(1, 2), ConvPadding.explicit(1), Size2D(1), 2),
    ])
    func gradcheckThroughTensors(stride: Size2D, padding: ConvPadding, dilation: Size2D, groups: Int) throws {
        var generator = SeededGenerator(seed: 7)
        let x = try Tensor.randn([2, 4, 5, 6], dtype: .float64, using: &generator)
        let w = try Tensor.randn([4, 4 / groups, 2, 3], dtype: .float64, using: &generator)
        let b = try Tensor.randn([4], dtype: .float64, using: &generator)
        let error = try gradcheck(
            {
                try conv2d(
                    $0[0], $0[1], bias: $0[2], stride: stride, padding: padding, dilation: dilation,
                    groups: groups)
            },
            inputs: [x, w, b])
        #expect(error < 1e-6)
    }

    /// Misuse throws a message naming the expected and the actual shapes.
    @Test func misuseIsExplained() throws {
        let x = try Tensor.zeros([1, 3, 5, 5])
        #expect(
            errorMessage { try conv2d(x, Tensor.zeros([8, 1, 3, 3])) }
                == "conv2d expects weight [out_channels, in_channels/groups, kH, kW] = [?, 3, ?, ?], got [8, 1, 3, 3]: the input [1, 3, 5, 5] has 3 channels"
        )
        #expect(
            errorMessage { try conv2d(Tensor.zeros([1, 1, 3, 3]), Tensor.zeros([1, 1, 5, 5])) }
                == "conv2d kernel 5×5 is larger than the padded input 3×3")
        #expect(
            errorMessage { try conv2d(Tensor.zeros([1, 1, 3, 3]), Tensor.zeros([1, 1, 2, 2]), dilation: 3) }
                == "conv2d kernel 2×2 with dilation 3 spans 4×4, which is larger than the padded input 3×3")
        #expect(
            errorMessage { try conv2d(x, Tensor.zeros([4, 3, 3, 3]), stride: 2, padding: .same) }
                == "padding='same' is not supported for strided convolutions")
        #expect(
            errorMessage { try conv2d(x, Tensor.zeros([4, 3, 3, 3]), bias: Tensor.zeros([3])) }
                == "conv2d expects bias [out_channels] = [4], got [3]")
        #expect(
            errorMessage { try conv2d(Tensor.zeros([5, 5]), Tensor.zeros([1, 1, 3, 3])) }
                == "conv2d expects input [batch, in_channels, height, width] or [in_channels, height, width], got [5, 5]"
        )
        #expect(
            errorMessage { try conv2d(x, Tensor.zeros([4, 1, 3, 3]), groups: 2) }
                == "conv2d with groups=2 needs in_channels divisible by 2; the input [1, 3, 5, 5] has 3 channels"
        )
        #expect(
            errorMessage { try conv2d(x, Tensor.zeros([4, 3, 3, 3]), stride: 0) }
                == "conv2d stride must be at least 1, got 0")
        #expect(
            errorMessage { try conv1d(Tensor.zeros([1, 2, 3]), Tensor.zeros([1, 2, 4])) }
                == "conv1d kernel 4 is larger than the padded input 3")
        #expect(errorMessage { try ConvPadding("full") } != nil)
        #expect(
            errorMessage { try conv2d(x, Tensor.zeros([4, 3, 3, 3], dtype: .float64)) }
                == "conv2d needs input and weight of the same dtype, got float32 and float64")
    }
}
