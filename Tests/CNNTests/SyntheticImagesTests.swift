import Testing

@testable import CNN

@Suite struct SyntheticImagesTests {
    /// Renders sample `i` as rows of `#` (pixel > 0.5) and `.`, for readable expectations.
    static func picture(_ set: Dataset, _ index: Int) -> [String] {
        let size = set.sampleShape[2]
        let pixels = Array(set.pixels(of: index))
        return (0..<size).map { y in
            String((0..<size).map { x in pixels[y * size + x] > 0.5 ? "#" : "." })
        }
    }

    @Test func barsAreOneLineOfTheirOrientation() throws {
        var generator = SeededGenerator(seed: 3)
        let bars = try SyntheticImages.bars(count: 40, size: 8, using: &generator)
        #expect(bars.classNames == SyntheticImages.barClasses)
        #expect(bars.classCounts == [10, 10, 10, 10])
        for i in 0..<bars.count {
            let rows = Self.picture(bars, i)
            let on = rows.enumerated().flatMap { y, row in
                row.enumerated().filter { $0.element == "#" }.map { (y: y, x: $0.offset) }
            }
            switch bars.labels[i] {
            case 0:
                #expect(on.count == 8 && Set(on.map(\.x)).count == 1, "vertical: \(rows)")
            case 1:
                #expect(on.count == 8 && Set(on.map(\.y)).count == 1, "horizontal: \(rows)")
            case 2:
                #expect(on.count >= 6 && Set(on.map { $0.x - $0.y }).count == 1, "diagonal: \(rows)")
            default:
                #expect(on.count >= 6 && Set(on.map { $0.x + $0.y }).count == 1, "antidiagonal: \(rows)")
            }
        }
    }

    @Test func edgesSplitTheImageInTwo() throws {
        var generator = SeededGenerator(seed: 4)
        let edges = try SyntheticImages.edges(count: 30, size: 8, using: &generator)
        for i in 0..<edges.count where edges.labels[i] == 0 {
            // A vertical edge: every row is the same, bright on one side only.
            let rows = Self.picture(edges, i)
            #expect(Set(rows).count == 1)
            #expect(rows[0].contains("#") && rows[0].contains("."))
        }
        for i in 0..<edges.count where edges.labels[i] == 1 {
            let rows = Self.picture(edges, i)
            #expect(rows.allSatisfy { Set($0).count == 1 })
            #expect(Set(rows).count == 2)
        }
    }

    /// A square of radius 2 centred at (3, 3) is the 5×5 outline from (1,1) to (5,5); the ring of
    /// radius 2 is every pixel with 1.5 ≤ distance < 2.5 (d² ∈ {4, 5}: 4 + 8 = 12 pixels) and of radius 3
    /// those with d² ∈ {8, 9, 10} (4 + 4 + 8 = 16), counted by hand.
    @Test func shapesDrawOutlines() throws {
        var generator = SeededGenerator(seed: 5)
        let shapes = try SyntheticImages.shapes(count: 60, size: 8, using: &generator)
        #expect(shapes.classCounts == [20, 20, 20])
        for i in 0..<shapes.count {
            let lit = Self.picture(shapes, i).joined().filter { $0 == "#" }.count
            switch shapes.labels[i] {
            case 0: #expect(lit == 8 * 2 || lit == 8 * 3, "square outline of radius 2 or 3 has 8r pixels")
            case 1: #expect(lit == 4 * 2 + 1 || lit == 4 * 3 + 1, "cross of radius r has 4r + 1 pixels")
            default: #expect(lit == 12 || lit == 16, "rings of radius 2 and 3 (counted by hand: 12, 16)")
            }
        }
    }

    @Test func sameSeedSameImagesAndNoiseIsBounded() throws {
        var a = SeededGenerator(seed: 9)
        var b = SeededGenerator(seed: 9)
        let first = try SyntheticImages.shapes(count: 12, size: 10, noise: 0.2, using: &a)
        #expect(first == (try SyntheticImages.shapes(count: 12, size: 10, noise: 0.2, using: &b)))
        #expect(first.images.allSatisfy { (-0.2...1.2).contains($0) })
        #expect(first.images.contains { $0 != 0 && $0 != 1 })
    }

    @Test func rejectsBadArguments() {
        var generator = SeededGenerator(seed: 0)
        #expect(throws: CNNError.self) { try SyntheticImages.bars(count: 0, using: &generator) }
        #expect(throws: CNNError.self) { try SyntheticImages.bars(count: 4, size: 3, using: &generator) }
        #expect(throws: CNNError.self) { try SyntheticImages.edges(count: 4, noise: -1, using: &generator) }
    }
}
