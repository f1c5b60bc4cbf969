import Testing

@testable import CNN

/// Expected values: a numpy float32 replay of PyTorch 2.x's `_single_tensor_sgd`
/// (torch/optim/sgd.py) — the script, run with numpy 2.4:
///
///     f = np.float32; p = np.array([1., -2., 3.], f); g = np.array([.1, .2, -.3], f); buf = None
///     for _ in range(3):
///         d = g + f(wd) * p                                    # if wd
///         buf = d.copy() if buf is None else buf * f(mom) + f(1 - damp) * d
///         d = d + f(mom) * buf if nesterov else buf            # if mom
///         p = p + f(-lr) * d
///
/// The gradient is the same every step: the loss is `Σ p·g`, so ∂L/∂p = g.
@Suite struct SGDTests {
    static let gradient: [Float] = [0.1, 0.2, -0.3]

    /// Runs `steps` steps of `optimizer` on a parameter starting at [1, −2, 3].
    static func run(_ make: ([Parameter]) throws -> any Optimizer, steps: Int = 3) throws -> [Float] {
        let parameter = try Parameter(Tensor([1, -2, 3] as [Float], shape: [3]))
        let optimizer = try make([parameter])
        let g = try Tensor(gradient, shape: [3])
        for _ in 0..<steps {
            optimizer.zeroGrad()
            try (parameter.value * g).sum().backward()
            try optimizer.step()
        }
        return parameter.value.scalarsAsFloats()
    }

    static func expectClose(_ actual: [Float], _ expected: [Float], rtol: Float = 1e-6) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) {
            #expect(abs(a - e) <= rtol * abs(e), "got \(actual), expected \(expected)")
        }
    }

    /// Plain SGD by hand: p − 3·0.1·g = [1 − 0.03, −2 − 0.06, 3 + 0.09].
    @Test func plainStepsAreLrTimesGradient() throws {
        Self.expectClose(try Self.run { try SGD($0, lr: 0.1) }, [0.97, -2.06, 3.09])
    }

    /// lr 0.1, momentum 0.9, dampening 0.1, weight decay 0.01 → numpy [0.94152653, −2.0956836, 3.1435256].
    /// First step by hand: d = g + 0.01·p = [0.11, 0.18, −0.27], buffer = d, p = [0.989, −2.018, 3.027].
    @Test func momentumDampeningAndWeightDecay() throws {
        let oneStep = try Self.run(
            { try SGD($0, lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01) }, steps: 1)
        Self.expectClose(oneStep, [0.989, -2.018, 3.027])
        let result = try Self.run { try SGD($0, lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01) }
        Self.expectClose(result, [0.9415265321731567, -2.0956835746765137, 3.1435256004333496])
    }

    /// lr 0.1, momentum 0.9, Nesterov, weight decay 0.01 → numpy [0.91161388, −2.1446319, 3.2169476].
    @Test func nesterov() throws {
        let result = try Self.run { try SGD($0, lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true) }
        Self.expectClose(result, [0.9116138815879822, -2.144631862640381, 3.216947555541992])
    }

    @Test func parametersWithoutGradientAreSkipped() throws {
        let parameter = try Parameter(Tensor([1, 2] as [Float], shape: [2]))
        try SGD([parameter], lr: 1, momentum: 0.9).step()
        #expect(parameter.value.scalarsAsFloats() == [1, 2])
    }

    /// PyTorch's constructor checks (torch/optim/sgd.py).
    @Test func rejectsWhatPyTorchRejects() {
        #expect(throws: CNNError.argument("Invalid learning rate: -0.1")) { try SGD([], lr: -0.1) }
        #expect(throws: CNNError.argument("Nesterov momentum requires a momentum and zero dampening")) {
            try SGD([], lr: 0.1, nesterov: true)
        }
        #expect(throws: CNNError.self) { try SGD([], lr: 0.1, momentum: 0.9, dampening: 0.5, nesterov: true) }
    }

    @Test func stepKeepsTheAutogradLeafSoGradientsKeepFlowing() throws {
        let parameter = try Parameter(Tensor([1, -2, 3] as [Float], shape: [3]))
        let optimizer = try SGD([parameter], lr: 0.1)
        try (parameter.value * 2).sum().backward()
        try optimizer.step()
        #expect(parameter.value.requiresGrad && parameter.value.isLeaf)
        optimizer.zeroGrad()
        #expect(parameter.grad == nil)
        try (parameter.value * 3).sum().backward()
        #expect(parameter.grad?.scalarsAsFloats() == [3, 3, 3])
    }

    /// The update is written in place only when nothing else holds the weights: a copy taken
    /// before the step (as a graph that is still alive holds one) keeps the old values, while
    /// the step's result is the same either way.
    @Test func weightsHeldElsewhereAreNotOverwritten() throws {
        let parameter = try Parameter(Tensor([1, -2, 3] as [Float], shape: [3]))
        let optimizer = try SGD([parameter], lr: 0.1, momentum: 0.9)
        let g = try Tensor(Self.gradient, shape: [3])
        var held: [Tensor] = []
        for _ in 0..<3 {
            optimizer.zeroGrad()
            held.append(parameter.value)
            try (parameter.value * g).sum().backward()
            try optimizer.step()
        }
        #expect(held[0].scalarsAsFloats() == [1, -2, 3])
        #expect(held[1].scalarsAsFloats() != held[2].scalarsAsFloats())
        Self.expectClose(
            parameter.value.scalarsAsFloats(), try Self.run { try SGD($0, lr: 0.1, momentum: 0.9) })
    }
}
