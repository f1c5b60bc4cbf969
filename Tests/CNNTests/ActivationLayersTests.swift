import Testing

@testable import CNN

@Suite struct ActivationLayersTests {
    static let x = try! Tensor([-2, 0, 3] as [Float], shape: [3])

    /// Values by hand: relu → [0, 0, 3]; leaky (0.1) → [−0.2, 0, 3]; sigmoid(0) = 0.5; tanh(0) = 0.
    @Test func valuesAtKnownPoints() throws {
        #expect(try ReLU()(Self.x).scalarsAsFloats() == [0, 0, 3])
        let leaky = try LeakyReLU(negativeSlope: 0.1)(Self.x).scalarsAsFloats()
        #expect(abs(leaky[0] + 0.2) < 1e-7 && leaky[1] == 0 && leaky[2] == 3)
        #expect(try Sigmoid()(Self.x).scalarsAsFloats()[1] == 0.5)
        #expect(try Tanh()(Self.x).scalarsAsFloats()[1] == 0)
    }

    @Test func printouts() {
        #expect(ReLU().description == "ReLU()")
        #expect(LeakyReLU().description == "LeakyReLU(negative_slope=0.01)")
    }
}
