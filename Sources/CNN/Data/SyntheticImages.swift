import Wording

/// Small labelled image sets made in code, for lessons that need data a filter can find at a
/// glance: oriented bars, oriented edges and simple shapes.
///
/// Every set is single-channel, samples `[1, size, size]`, pixels 1 on the drawn figure and 0
/// elsewhere, plus uniform noise in `[−noise, noise]` on every pixel (uniform rather than Gaussian
/// so that the values are bit-identical on every machine; see `SeededDraws`). Sample `i` has class
/// `i % classCount`, so every set is balanced; the figure's position (and size, for shapes) is
/// drawn from the generator. The same generator state always gives the same set.
public enum SyntheticImages {
    /// The classes of `bars`, in label order.
    public static let barClasses = ["vertical", "horizontal", "diagonal", "antidiagonal"]
    /// The classes of `edges`, in label order.
    public static let edgeClasses = ["vertical", "horizontal", "diagonal"]
    /// The classes of `shapes`, in label order.
    public static let shapeClasses = ["square", "cross", "circle"]

    /// One-pixel-wide lines through the whole image: vertical (`|`), horizontal (`—`), diagonal
    /// (`\`, top-left to bottom-right) and antidiagonal (`/`), at a random offset.
    /// - Parameters:
    ///   - count: number of images (≥ 1).
    ///   - size: height and width in pixels (≥ 5).
    ///   - noise: half-width of the uniform noise added to every pixel (≥ 0).
    ///   - generator: the seeded source of positions and noise.
    /// - Throws: `CNNError.argument` for a count, size or noise out of range.
    public static func bars(
        count: Int, size: Int = 8, noise: Float = 0, using generator: inout some RandomNumberGenerator
    ) throws(CNNError) -> Dataset {
        try make("bars", count: count, size: size, noise: noise, classes: barClasses, using: &generator) {
            label, generator in
            // Diagonals stay near the main diagonal so they are long enough to look like bars.
            let offset =
                label < 2
                ? SeededDraws.index(below: size, using: &generator)
                : SeededDraws.integer(in: -(size / 4)...size / 4, using: &generator)
            return { y, x in
                switch label {
                case 0: x == offset
                case 1: y == offset
                case 2: x - y == offset
                default: x + y == size - 1 + offset
                }
            }
        }
    }

    /// Step edges: one side of a line bright, the other dark, the line vertical, horizontal or
    /// diagonal at a random position, with a random choice of which side is bright.
    /// - Parameters: as for `bars`.
    /// - Throws: `CNNError.argument` for a count, size or noise out of range.
    public static func edges(
        count: Int, size: Int = 8, noise: Float = 0, using generator: inout some RandomNumberGenerator
    ) throws(CNNError) -> Dataset {
        try make("edges", count: count, size: size, noise: noise, classes: edgeClasses, using: &generator) {
            label, generator in
            // Keep at least two columns (rows) on each side so both sides are visible.
            let position =
                label < 2
                ? SeededDraws.integer(in: 2...size - 2, using: &generator)
                : SeededDraws.integer(in: -(size / 4)...size / 4, using: &generator)
            let brightBefore = SeededDraws.index(below: 2, using: &generator) == 0
            return { y, x in
                let before: Bool =
                    switch label {
                    case 0: x < position
                    case 1: y < position
                    default: x - y < position
                    }
                return before == brightBefore
            }
        }
    }

    /// Outlines of a square, a plus-shaped cross and a circle (a one-pixel ring), each with a random
    /// radius `r` in `2 … max(2, size/2 − 1)` and a random centre that keeps the figure inside.
    /// - Parameters: as for `bars`.
    /// - Throws: `CNNError.argument` for a count, size or noise out of range.
    public static func shapes(
        count: Int, size: Int = 8, noise: Float = 0, using generator: inout some RandomNumberGenerator
    ) throws(CNNError) -> Dataset {
        try make("shapes", count: count, size: size, noise: noise, classes: shapeClasses, using: &generator) {
            label, generator in
            let radius = SeededDraws.integer(in: 2...max(2, size / 2 - 1), using: &generator)
            let cy = SeededDraws.integer(in: radius...size - 1 - radius, using: &generator)
            let cx = SeededDraws.integer(in: radius...size - 1 - radius, using: &generator)
            return { y, x in
                let dy = y - cy
                let dx = x - cx
                switch label {
                case 0:
                    return max(abs(dy), abs(dx)) == radius
                case 1:
                    return (dx == 0 && abs(dy) <= radius) || (dy == 0 && abs(dx) <= radius)
                default:
                    // On the ring when r − ½ ≤ distance < r + ½, squared and doubled into integers.
                    let d4 = 4 * (dy * dy + dx * dx)
                    return d4 >= (2 * radius - 1) * (2 * radius - 1)
                        && d4 < (2 * radius + 1) * (2 * radius + 1)
                }
            }
        }
    }

    /// Draws `count` images: for each, `figure` picks the random parameters of its class and
    /// returns which pixels `(y, x)` are on; then noise is added pixel by pixel in row-major order.
    private static func make<G: RandomNumberGenerator>(
        _ name: String, count: Int, size: Int, noise: Float, classes: [String],
        using generator: inout G,
        figure: (Int, inout G) -> (Int, Int) -> Bool
    ) throws(CNNError) -> Dataset {
        guard count >= 1 else {
            throw CNNError.argument(.countMustBeAtLeast, ["name": name, "count": count])
        }
        guard size >= 5 else {
            throw CNNError.argument(.sizeMustBeAtLeast, ["name": name, "size": size])
        }
        guard noise >= 0, noise.isFinite else {
            throw CNNError.argument(.noiseMustBeAFinite, ["name": name, "noise": noise])
        }
        var pixels = [Float]()
        pixels.reserveCapacity(count * size * size)
        var labels = [Int]()
        labels.reserveCapacity(count)
        for index in 0..<count {
            let label = index % classes.count
            let isOn = figure(label, &generator)
            for y in 0..<size {
                for x in 0..<size {
                    var value: Float = isOn(y, x) ? 1 : 0
                    if noise > 0 { value += noise * (2 * SeededDraws.unit(using: &generator) - 1) }
                    pixels.append(value)
                }
            }
            labels.append(label)
        }
        return Dataset(
            validatedName: name, sampleShape: [1, size, size], classNames: classes, images: pixels,
            labels: labels)
    }
}
