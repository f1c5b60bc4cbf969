import Testing

@testable import CNN

@Suite struct DataLoaderTests {
    static func numbered(_ n: Int) throws -> Dataset {
        try Dataset(
            name: "n", sampleShape: [1, 1, 1], classNames: ["x"], images: (0..<n).map(Float.init),
            labels: Array(repeating: 0, count: n))
    }

    @Test func unshuffledBatchesFollowFileOrder() throws {
        let loader = try DataLoader(Self.numbered(7), batchSize: 3)
        var generator = SeededGenerator(seed: 1)
        #expect(loader.batchCount == 3)
        #expect(loader.epochIndices(using: &generator) == [[0, 1, 2], [3, 4, 5], [6]])
        let dropping = try DataLoader(Self.numbered(7), batchSize: 3, dropLast: true)
        #expect(dropping.epochIndices(using: &generator) == [[0, 1, 2], [3, 4, 5]])
    }

    @Test func shuffledEpochsArePermutationsRepeatableBySeed() throws {
        let loader = try DataLoader(Self.numbered(50), batchSize: 8, shuffle: true)
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        let a1 = loader.epochIndices(using: &first)
        let a2 = loader.epochIndices(using: &first)
        #expect(a1 == loader.epochIndices(using: &second))
        #expect(a2 == loader.epochIndices(using: &second))
        #expect(a1 != a2, "each epoch draws a new order")
        #expect(a1.joined().sorted() == Array(0..<50))
        #expect(a1.map(\.count) == [8, 8, 8, 8, 8, 8, 2])
    }

    @Test func rejectsBadBatchSizes() throws {
        #expect(throws: CNNError.self) { try DataLoader(Self.numbered(3), batchSize: 0) }
        #expect(throws: CNNError.self) { try DataLoader(Self.numbered(3), batchSize: 4, dropLast: true) }
    }
}
