/// A 24-bit colour, reduced to the nearest palette entry when the terminal has fewer colours.
public struct RGB: Sendable, Hashable {
    /// Red, 0–255.
    public var red: UInt8
    /// Green, 0–255.
    public var green: UInt8
    /// Blue, 0–255.
    public var blue: UInt8

    /// A colour from its three 0–255 components.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The colour a fraction `t` (clamped to 0…1) of the way from `self` to `other`.
    public func mixed(with other: RGB, _ t: Double) -> RGB {
        let t = min(1, max(0, t.isNaN ? 0 : t))
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
        }
        return RGB(mix(red, other.red), mix(green, other.green), mix(blue, other.blue))
    }

    /// The nearest entry of the xterm 256-colour palette (the 6×6×6 cube or the grey ramp).
    public var xterm256Index: Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ value: UInt8) -> Int {
            var best = 0
            for (index, level) in levels.enumerated()
            where abs(level - Int(value)) < abs(levels[best] - Int(value)) {
                best = index
            }
            return best
        }
        let (r, g, b) = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
        let cubeIndex = 16 + 36 * r + 6 * g + b
        let cubeDistance = distance(to: RGB(UInt8(levels[r]), UInt8(levels[g]), UInt8(levels[b])))
        // Grey ramp 232…255 is 8, 18, …, 238; greys are better matched there than in the cube.
        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let greyStep = min(23, max(0, (average - 8 + 5) / 10))
        let grey = UInt8(8 + 10 * greyStep)
        let greyDistance = distance(to: RGB(grey, grey, grey))
        return greyDistance < cubeDistance ? 232 + greyStep : cubeIndex
    }

    /// The nearest of the 8 basic ANSI colours (0 black … 7 white), for 16-colour terminals.
    public var basicIndex: Int {
        let threshold: UInt8 = 128
        return (red >= threshold ? 1 : 0) + (green >= threshold ? 2 : 0) + (blue >= threshold ? 4 : 0)
    }

    private func distance(to other: RGB) -> Int {
        let dr = Int(red) - Int(other.red)
        let dg = Int(green) - Int(other.green)
        let db = Int(blue) - Int(other.blue)
        return dr * dr + dg * dg + db * db
    }
}
