import Testing

@testable import CNN

@Suite struct StepLRTests {
    /// StepLR(step_size=2, gamma=0.5) from lr 1: PyTorch's docs example pattern — the rate halves
    /// after epochs 2, 4, …: 1, 0.5, 0.5, 0.25, 0.25, 0.125 (exact binary fractions).
    @Test func decaysEveryStepSizeEpochs() throws {
        let parameter = try Parameter(Tensor.zeros([1]))
        let optimizer = try SGD([parameter], lr: 1)
        let schedule = try StepLR(optimizer, stepSize: 2, gamma: 0.5)
        var rates: [Double] = []
        for _ in 0..<6 {
            schedule.step()
            rates.append(optimizer.learningRate)
        }
        #expect(rates == [1, 0.5, 0.5, 0.25, 0.25, 0.125])
        #expect(schedule.lastEpoch == 6)
    }

    @Test func rejectsZeroStepSize() throws {
        let optimizer = try SGD([], lr: 1)
        #expect(throws: CNNError.self) { try StepLR(optimizer, stepSize: 0) }
    }
}
