import Testing

@testable import CNN

@Suite struct DatasetTests {
    static func tiny() throws -> Dataset {
        // Three 1×1×2 samples whose pixels name the sample: sample i is [10i, 10i + 1].
        try Dataset(
            name: "tiny", sampleShape: [1, 1, 2], classNames: ["a", "b"],
            images: [0, 1, 10, 11, 20, 21], labels: [0, 1, 1])
    }

    @Test func subsetCopiesSamplesInOrder() throws {
        let subset = try Self.tiny().subset([2, 0, 2])
        #expect(subset.images == [20, 21, 0, 1, 20, 21])
        #expect(subset.labels == [1, 0, 1])
        #expect(subset.classCounts == [1, 2])
    }

    @Test func rejectsInconsistentSizesAndLabels() {
        #expect(throws: CNNError.self) {
            try Dataset(name: "t", sampleShape: [1, 2, 2], classNames: ["a"], images: [0, 1], labels: [0])
        }
        #expect(throws: CNNError.self) {
            try Dataset(name: "t", sampleShape: [1, 1, 1], classNames: ["a"], images: [0], labels: [1])
        }
    }

    @Test func roundTripsThroughTensors() throws {
        let tiny = try Self.tiny()
        let (images, labels) = try tiny.tensors()
        #expect(images.shape == [3, 1, 1, 2] && labels.shape == [3])
        let back = try Dataset(name: "tiny", images: images, labels: labels, classCount: 2)
        #expect(
            back.images == tiny.images && back.labels == tiny.labels && back.sampleShape == tiny.sampleShape)
        let batch = try tiny.batch([2, 0])
        #expect(
            batch.images.scalarsAsFloats() == [20, 21, 0, 1] && batch.labels.scalarsAsDoubles() == [1, 0])
    }

    @Test func tensorLabelsMustBeClassIndices() throws {
        let images = try Tensor.zeros([2, 3])
        #expect(throws: CNNError.self) {
            try Dataset(images: images, labels: Tensor([0.5, 1] as [Float], shape: [2]))
        }
        #expect(throws: CNNError.self) {
            try Dataset(images: images, labels: Tensor([0, 1, 1] as [Float], shape: [3]))
        }
        #expect(
            try Dataset(images: images, labels: Tensor([0, 3] as [Float], shape: [2])).classNames.count == 4)
    }
}
