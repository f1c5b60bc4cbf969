import Testing

@testable import CNN

@Suite struct BatchNorm2dLayerTests {
    /// One channel holding 1, 2, 3, 4 (two samples of 1×2): batch mean 2.5, biased variance 1.25,
    /// unbiased 5/3. PyTorch's update with momentum 0.1 (by hand):
    /// running_mean = 0.9·0 + 0.1·2.5 = 0.25, running_var = 0.9·1 + 0.1·5/3 = 1.0666667.
    static let x: [Float] = [1, 2, 3, 4]

    @Test func trainingNormalisesWithBatchStatisticsAndUpdatesRunningOnes() throws {
        let bn = try BatchNorm2d(1)
        let y = try bn(Tensor(Self.x, shape: [2, 1, 1, 2])).scalarsAsFloats()
        let scale = (1.25 + 1e-5).squareRoot()
        let expected = Self.x.map { Float((Double($0) - 2.5) / scale) }
        for (a, e) in zip(y, expected) { #expect(abs(a - e) < 1e-6) }
        #expect(bn.runningMean.scalarsAsDoubles()[0] == Double(Float(0.25)))
        #expect(abs(bn.runningVar.scalarsAsDoubles()[0] - (0.9 + 0.1 * 5 / 3)) < 1e-6)
        #expect(bn.numBatchesTracked == 1)
    }

    @Test func evaluationUsesRunningStatistics() throws {
        let bn = try BatchNorm2d(1)
        _ = try bn(Tensor(Self.x, shape: [2, 1, 1, 2]))
        bn.eval()
        let y = try bn(Tensor(Self.x, shape: [2, 1, 1, 2])).scalarsAsFloats()
        let scale = (0.9 + 0.1 * 5.0 / 3 + 1e-5).squareRoot()
        for (a, v) in zip(y, Self.x) { #expect(abs(Double(a) - (Double(v) - 0.25) / scale) < 1e-6) }
        #expect(bn.numBatchesTracked == 1, "evaluation does not update the statistics")
    }

    /// momentum=None: a cumulative average, so after one batch the running statistics are the batch's.
    @Test func cumulativeAverageWithoutMomentum() throws {
        let bn = try BatchNorm2d(1, momentum: nil)
        _ = try bn(Tensor(Self.x, shape: [2, 1, 1, 2]))
        #expect(bn.runningMean.scalarsAsDoubles() == [2.5])
        #expect(abs(bn.runningVar.scalarsAsDoubles()[0] - 5.0 / 3) < 1e-6)
    }

    @Test func parametersAndChecks() throws {
        let bn = try BatchNorm2d(8)
        #expect(bn.namedParameters.map(\.name) == ["weight", "bias"] && bn.parameterCount == 16)
        #expect(try BatchNorm2d(8, affine: false).parameterCount == 0)
        #expect(throws: CNNError.self) { try bn(Tensor.zeros([2, 4, 3, 3])) }
        #expect(throws: CNNError.self) { try bn(Tensor.zeros([2, 8])) }
        #expect(
            bn.description
                == "BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"
        )
    }
}
