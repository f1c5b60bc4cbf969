import CNN
import Testing

/// `interpolate` against values worked out by hand from PyTorch's source-coordinate rules (each
/// written next to its case); PyTorch's own values for more calls are in the differential suite
/// (`Differential/snippets.txt`, group "upsampling", made with torch 2.15).
@Suite struct InterpolateTests {
    /// [[0, 1], [2, 3]] as one float32 image.
    static func square() throws -> Tensor { try Tensor([0, 1, 2, 3] as [Double], shape: [1, 1, 2, 2]) }

    @Test func nearestRepeatsEachPixel() throws {
        // scale 1/2: output position d reads ⌊d / 2⌋.
        let y = try interpolate(Self.square(), scaleFactor: [2])
        #expect(y.shape == [1, 1, 4, 4])
        #expect(y.scalarsAsDoubles() == [0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3])
        // Downsampling by ½ keeps every second pixel from the first: ⌊d · 2⌋.
        let big = try Tensor((0..<16).map(Double.init), shape: [1, 1, 4, 4])
        #expect(try interpolate(big, scaleFactor: [0.5]).scalarsAsDoubles() == [0, 2, 8, 10])
    }

    @Test func nearestExactReadsThePixelUnderTheCentre() throws {
        // 3 → 5 columns, scale 3/5: ⌊(d + ½) · 3/5⌋ = 0, 0, 1, 2, 2 (legacy nearest: 0, 0, 1, 1, 2).
        let row = try Tensor([0, 1, 2] as [Double], shape: [1, 1, 3])
        #expect(try interpolate(row, size: [5], mode: .nearestExact).scalarsAsDoubles() == [0, 0, 1, 2, 2])
        #expect(try interpolate(row, size: [5], mode: .nearest).scalarsAsDoubles() == [0, 0, 1, 1, 2])
    }

    @Test func bilinearWithoutAlignedCorners() throws {
        // Source (d + ½)/2 − ½, clamped at 0: 0, ¼, ¾, 1¼ → weights 0, ¼, ¾ and the last pixel.
        let y = try interpolate(Self.square(), scaleFactor: [2], mode: .bilinear)
        let expected: [Double] = [
            0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3,
        ]
        #expect(zip(y.scalarsAsDoubles(), expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func bilinearWithAlignedCorners() throws {
        // Source d · (2 − 1)/(4 − 1): 0, ⅓, ⅔, 1 — the corners stay the input's corners.
        let y = try interpolate(Self.square(), size: [4, 4], mode: .bilinear, alignCorners: true)
        let third = 1.0 / 3
        let row = [0, third, 2 * third, 1]
        let expected = (0..<4).flatMap { r in row.map { 2 * row[r] + $0 } }
        #expect(zip(y.scalarsAsDoubles(), expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 41)
        let x = try Tensor.randn([2, 2, 3, 4], dtype: .float64, using: &generator)
        for alignCorners in [false, true] {
            let error = try gradcheck(
                { try interpolate($0[0], size: [5, 7], mode: .bilinear, alignCorners: alignCorners) },
                inputs: [x])
            #expect(error < 1e-6)
        }
        // Repeated pixels collect the gradient of every copy.
        #expect(try gradcheck({ try interpolate($0[0], scaleFactor: [2, 1.5]) }, inputs: [x]) < 1e-6)
    }

    @Test func refusesWhatPyTorchRefuses() throws {
        #expect(throws: CNNError.self) { try interpolate(Self.square()) }
        #expect(throws: CNNError.self) { try interpolate(Self.square(), size: [4], scaleFactor: [2]) }
        #expect(throws: CNNError.self) {
            try interpolate(Self.square(), scaleFactor: [2], alignCorners: true)
        }
        #expect(throws: CNNError.self) { try interpolate(Self.square(), size: [4, 4, 4]) }
        #expect(throws: CNNError.self) { try interpolate(Self.square(), scaleFactor: [0]) }
        #expect(throws: CNNError.self) {
            try interpolate(Tensor([1, 2] as [Double], shape: [1, 1, 2]), size: [4], mode: .bilinear)
        }
        #expect(throws: CNNError.self) { try interpolate(Tensor.zeros([4, 4]), scaleFactor: [2]) }
        // ⌊2 · 0.2⌋ = 0 rows.
        #expect(throws: CNNError.self) { try interpolate(Self.square(), scaleFactor: [0.2]) }
    }
}
