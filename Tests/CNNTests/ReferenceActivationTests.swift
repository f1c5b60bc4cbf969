import Testing

@testable import CNN

@Suite struct ReferenceActivationTests {
    static let all: [ReferenceActivation] = [.relu, .leakyRelu(slope: 0.2), .sigmoid, .tanh]

    static func forward(_ f: ReferenceActivation, _ x: [Double]) -> [Double] {
        KernelHarness.fill(x.count) { out in x.withUnsafeBufferPointer { f.forward(input: $0, output: out) } }
    }

    /// Every activation case of the PyTorch fixture, forward and input gradient.
    @Test(arguments: ["relu", "leaky_relu", "sigmoid", "tanh"].flatMap(TorchReference.cases))
    func matchesPyTorch(_ c: TorchReference.Case) {
        let f: ReferenceActivation =
            switch c.op {
            case "relu": .relu
            case "leaky_relu": .leakyRelu(slope: c.kwargs["negative_slope"]!.double)
            case "sigmoid": .sigmoid
            default: .tanh
            }
        let x = c.inputs["input"]!.data
        let y = Self.forward(f, x)
        #expect(KernelHarness.relativeError(y, c.output.data) < 1e-14)
        let gx: [Double] = KernelHarness.fill(x.count) { out in
            c.upstream!.data.with(x) { gy, x in
                y.withUnsafeBufferPointer { y in
                    f.backward(gradOutput: gy, input: x, output: y, gradInput: out)
                }
            }
        }
        #expect(KernelHarness.relativeError(gx, c.grads!["input"]!.data) < 1e-12)
    }

    /// Hand-derived edge values: relu(0) = 0 with derivative 0 (PyTorch's choice),
    /// sigmoid(±800) saturates to 1 and 0 without overflow, tanh(0) = 0.
    @Test func edgeValues() {
        #expect(ReferenceActivation.relu.value(0.0) == 0)
        #expect(ReferenceActivation.relu.derivative(input: 0.0, output: 0.0) == 0)
        #expect(ReferenceActivation.sigmoid.value(800.0) == 1)
        #expect(ReferenceActivation.sigmoid.value(-800.0) == 0)
        #expect(ReferenceActivation.tanh.value(0.0) == 0)
        #expect(ReferenceActivation.relu.value(Double.nan).isNaN)
    }

    /// Derivatives by central differences; inputs stay away from the kinks at 0.
    @Test(arguments: all)
    func gradientMatchesFiniteDifferences(_ f: ReferenceActivation) {
        let x = KernelHarness.values(20, seed: 41).map { $0 * 3 }.map { abs($0) < 1e-3 ? 0.5 : $0 }
        let upstream = KernelHarness.values(20, seed: 42)
        let numeric = KernelHarness.numericGradient(of: { Self.forward(f, $0) }, at: x, upstream: upstream)
        let y = Self.forward(f, x)
        let analytic: [Double] = KernelHarness.fill(x.count) { out in
            upstream.with(x) { gy, x in
                y.withUnsafeBufferPointer { y in
                    f.backward(gradOutput: gy, input: x, output: y, gradInput: out)
                }
            }
        }
        #expect(KernelHarness.relativeError(analytic, numeric) < 1e-6)
    }
}
