import Testing

@testable import CNN

/// Learners type anything: every NN function, called with seeded random shapes and arguments
/// (zero, negative and huge values included), must either succeed or throw a `CNNError` — a trap
/// would take the whole REPL down.
@Suite struct NNArgumentFuzzTests {
    struct Draw {
        var generator: SeededGenerator

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }

        /// Mostly small values, sometimes 0, negative or absurdly large.
        mutating func argument() -> Int {
            switch int(0...9) {
            case 0: -int(1...3)
            case 1: 0
            case 2: [1 << 30, Int.max / 2, 1 << 62].randomElement(using: &generator)!
            default: int(1...4)
            }
        }

        mutating func size() -> Size2D {
            int(0...3) == 0 ? Size2D(argument()) : Size2D(argument(), argument())
        }

        mutating func tensor(rank: ClosedRange<Int> = 0...5) throws -> Tensor {
            let shape = (0..<int(rank)).map { _ in int(0...9) == 0 ? 0 : int(1...6) }
            return try Tensor.randn(shape, using: &generator)
        }
    }

    /// Runs `body`; only `CNNError`s may escape it.
    static func survives(_ body: () throws -> Tensor) -> Bool {
        do {
            _ = try body()
            return true
        } catch is CNNError {
            return true
        } catch {
            return false
        }
    }

    @Test(arguments: 0..<4)
    func randomCallsThrowOrSucceed(block: UInt64) throws {
        var d = Draw(generator: SeededGenerator(seed: 0xF0_22ED + block))
        for _ in 0..<150 {
            let x = try d.tensor()
            let w = try d.tensor(rank: 2...5)
            let b = d.int(0...1) == 0 ? nil : try d.tensor(rank: 0...2)
            let padding: ConvPadding = [.valid, .same, .explicit(d.size())].randomElement(
                using: &d.generator)!
            let (stride, dilation, groups) = (d.size(), d.size(), d.argument())
            #expect(
                Self.survives {
                    try conv2d(
                        x, w, bias: b, stride: stride, padding: padding, dilation: dilation, groups: groups)
                })
            #expect(
                Self.survives {
                    try conv1d(
                        x, w, bias: b, stride: d.argument(), padding: padding, dilation: d.argument(),
                        groups: groups)
                })
            let amounts = (0..<(2 * d.int(0...4) + d.int(0...1))).map { _ in d.argument() - 2 }
            let mode = PadMode.allCases.randomElement(using: &d.generator)!
            #expect(Self.survives { try pad(x, amounts, mode: mode, value: d.int(0...1) == 0 ? nil : 1) })
            let (kernel, poolStride, poolPadding) = (d.size(), d.size(), d.size())
            let ceil = d.int(0...1) == 0
            #expect(
                Self.survives {
                    try maxPool2d(
                        x, kernelSize: kernel, stride: poolStride, padding: poolPadding, dilation: dilation,
                        ceilMode: ceil)
                })
            #expect(
                Self.survives {
                    try avgPool2d(
                        x, kernelSize: kernel, stride: poolStride, padding: poolPadding, ceilMode: ceil,
                        countIncludePad: ceil, divisorOverride: d.int(0...1) == 0 ? nil : d.argument())
                })
            #expect(
                Self.survives { try adaptiveAvgPool2d(x, outputSize: Size2D(d.int(-1...3), d.int(0...3))) })
            #expect(Self.survives { try softmax(x, dim: d.int(-6...6)) })
            #expect(Self.survives { try linear(x, w, bias: b) })
            #expect(Self.survives { try batchNorm(x, weight: b, bias: b) })
            #expect(Self.survives { try crossEntropy(x, w, labelSmoothing: Double(d.int(-1...2)) / 2) })
            let target = try Tensor((0..<x.count).map { _ in d.int(-101...5) }, shape: x.shape)
            #expect(Self.survives { try crossEntropy(w, target) })
            #expect(Self.survives { try mseLoss(x, w, reduction: .sum) })
            #expect(Self.survives { try dropout(x, p: Double(d.int(-1...3)) / 2, using: &d.generator) })
        }
    }
}
