import Testing

@testable import CNN

@Suite struct ModelSummaryTests {
    /// Lesson 04's example: summary(ResidualBlock(16, 32, stride=2, shortcut='projection'),
    /// (1, 16, 8, 8)). Counts by hand as in ResidualBlockTests; shapes: stride 2 halves 8 → 4.
    @Test func residualBlockRows() throws {
        var generator = SeededGenerator(seed: 1)
        let block = try ResidualBlock(16, 32, stride: 2, shortcut: .projection, using: &generator)
        let table = try summary(block, inputShape: [1, 16, 8, 8])
        #expect(
            table.rows.map(\.name) == [
                "conv1", "bn1", "relu", "conv2", "bn2", "shortcut.0", "shortcut.1", "shortcut", "relu",
            ])
        #expect(table.rows.map(\.parameterCount) == [4608, 64, 0, 9216, 64, 512, 64, 0, 0])
        #expect(table.rows.allSatisfy { $0.outputShape == [1, 32, 4, 4] })
        #expect(table.totalParameters == 14528)
        #expect(table.description.contains("Total params: 14,528"))
    }

    @Test func leavesModesAndStatisticsAlone() throws {
        var generator = SeededGenerator(seed: 2)
        let bn = try BatchNorm2d(3)
        let model = Sequential(try Conv2d(1, 3, kernelSize: 3, using: &generator), bn)
        _ = try summary(model, inputShape: [2, 1, 5, 5])
        #expect(model.isTraining && bn.isTraining)
        #expect(bn.numBatchesTracked == 0)
    }

    @Test func singleLayerIsItsOwnRow() throws {
        var generator = SeededGenerator(seed: 3)
        let table = try summary(Linear(4, 2, using: &generator), inputShape: [5, 4])
        #expect(
            table.rows.count == 1 && table.rows[0].typeName == "Linear"
                && table.rows[0].parameterCount == 10)
        #expect(table.outputShape == [5, 2])
    }

    @Test func groupsThousands() {
        #expect(ModelSummary.grouped(272474) == "272,474")
        #expect(ModelSummary.grouped(999) == "999")
        #expect(ModelSummary.grouped(1000) == "1,000")
    }
}
