import Testing

@testable import CNN

/// Expected values: a numpy float32 replay of PyTorch 2.x's `_single_tensor_adam`
/// (torch/optim/adam.py, amsgrad off), run with numpy 2.4:
///
///     m = m + f(1 - b1) * (d - m)                  # exp_avg.lerp_(grad, 1 - beta1)
///     v = v * f(b2) + f(1 - b2) * d * d            # exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
///     step_size = lr / (1 - b1**t); c2 = (1 - b2**t) ** 0.5     # Python floats
///     p = p + f(-step_size) * (m / (np.sqrt(v) / f(c2) + f(eps)))
///
/// from p = [1, −2, 3] with the constant gradient g = [0.1, 0.2, −0.3] (see `SGDTests`).
@Suite struct AdamTests {
    /// With a constant gradient the bias-corrected moments are exactly g and g², so every step
    /// moves each weight by lr·sign(g) (up to eps): [0.9, −2.1, 3.1], [0.8, …], [0.7, −2.3, 3.3]
    /// — the numpy replay gives [0.69999999, −2.2999997, 3.2999997].
    @Test func constantGradientMovesByLearningRateEachStep() throws {
        let result = try SGDTests.run { try Adam($0, lr: 0.1) }
        SGDTests.expectClose(result, [0.699999988079071, -2.299999713897705, 3.299999713897705])
        let first = try SGDTests.run({ try Adam($0, lr: 0.1) }, steps: 1)
        SGDTests.expectClose(first, [0.9, -2.1, 3.1])
    }

    /// lr 0.1, weight decay 0.01 (L2 added to the gradient) → numpy [0.70009136, −2.2999451, 3.2999637].
    @Test func weightDecay() throws {
        let result = try SGDTests.run { try Adam($0, lr: 0.1, weightDecay: 0.01) }
        SGDTests.expectClose(result, [0.7000913619995117, -2.299945116043091, 3.2999637126922607])
    }

    @Test func rejectsBadBetas() {
        #expect(throws: CNNError.argument("Invalid beta parameter at index 1: 1")) {
            try Adam([], betas: (0.9, 1.0))
        }
    }
}
