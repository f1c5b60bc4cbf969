import AnswerLanguage
import CNN
import Terminal

/// `:show` (a heatmap or any figure) and `:step` (a convolution walked one window at a time).
extension LessonSession {
    /// Evaluates `expression` and draws it: a tensor as a heatmap, a figure as itself, a list of
    /// numbers as bars; anything else prints as usual.
    func show(_ expression: String) {
        guard let value = run(expression) else { return }
        switch value {
        case .tensor(let tensor):
            io.screen.writeLine(Theme.frame.apply("shape \(tensor.shape)", at: colorLevel))
            io.screen.writeLines(FigurePicture.heatmap(tensor, width: width, colorLevel: colorLevel))
        case .list(let items) where !items.isEmpty && items.allSatisfy({ $0.number != nil }):
            let values = items.compactMap(\.number)
            let figure = Figure.bars(labels: values.indices.map { "[\($0)]" }, values: values, title: nil)
            io.screen.writeLines(FigurePicture.lines(figure, width: width, colorLevel: colorLevel))
        default:
            if let curve = Self.lossCurve(value, text: text) {
                io.screen.writeLines(FigurePicture.lines(curve, width: width, colorLevel: colorLevel))
            } else {
                showValue(value)
            }
        }
    }

    /// The largest input side `:step` draws: wider pictures would not fit a terminal.
    static let largestWalk = 16

    /// Walks `conv2d(input, weight, bias, stride=…, padding=…)` one output position at a time:
    /// Enter shows the next position, `a` the last, `q` stops; any other line ends the walk and
    /// is handled as usual.
    func walk(_ expression: String) {
        let walk: ConvolutionWalk
        switch convolutionWalk(expression) {
        case .success(let made): walk = made
        case .failure(let problem): return say(text.walkProblem(problem))
        }
        say(text.walkKeys, style: Theme.frame)
        var step = 0
        while true {
            io.screen.writeLines(walk.picture(step: step, colorLevel: colorLevel, width: width))
            guard step + 1 < walk.stepCount else { break }
            switch io.reader.readLine(prompt: "step \(step + 1)/\(walk.stepCount)> ") {
            case .line(let line):
                let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
                if answer.isEmpty {
                    step += 1
                } else if answer == "a" {
                    step = walk.stepCount - 1
                } else {
                    if answer != "q" { pendingLine = line }
                    return
                }
            case .interrupted, .endOfInput: return
            }
        }
        say(text.walkDone, style: Theme.frame)
    }

    /// Why `:step` cannot walk an expression.
    enum WalkProblem: Error, Equatable {
        /// Not a `conv2d(…)` call, or one with `*args`.
        case usage
        /// An argument failed to evaluate (its error is shown already).
        case argumentFailed
        case notOnePlane
        case bias
        case stride
        case samePadding
        case padding
        case strideBelowOne
        case kernelLargerThanInput
        /// The input is larger than `largest`×`largest`.
        case tooLarge(largest: Int)
    }

    /// The walk for a `conv2d(…)` call, its arguments evaluated in the learner's interpreter.
    func convolutionWalk(_ expression: String) -> Result<ConvolutionWalk, WalkProblem> {
        guard let syntax = try? Parser.parseExpression(expression),
            case .call(let callee, let arguments) = syntax.kind
        else { return .failure(.usage) }
        let calleeName: String? =
            switch callee.kind {
            case .name(let name): name
            case .attribute(_, let name, _): name
            default: nil
            }
        guard calleeName == "conv2d" else { return .failure(.usage) }
        let scalars = Array(expression.unicodeScalars)
        func source(_ range: SourceRange) -> String {
            var text = String.UnicodeScalarView()
            text.append(
                contentsOf: scalars[
                    max(0, range.lowerBound.offset)..<min(scalars.count, range.upperBound.offset)])
            return String(text)
        }
        var positional: [Value] = []
        var keywords: [String: Value] = [:]
        for argument in arguments {
            guard !argument.isSpread, let value = run(source(argument.value.range)) else {
                return .failure(argument.isSpread ? .usage : .argumentFailed)
            }
            if let name = argument.name { keywords[name] = value } else { positional.append(value) }
        }
        let input = positional.first ?? keywords["input"]
        let weight = positional.dropFirst().first ?? keywords["weight"]
        guard let inputGrid = input.flatMap(Self.plane), let kernelGrid = weight.flatMap(Self.plane) else {
            return .failure(.notOnePlane)
        }
        var bias = 0.0
        if let value = positional.dropFirst(2).first ?? keywords["bias"] {
            switch value {
            case .none: break
            case .tensor(let tensor) where tensor.shape.reduce(1, *) == 1: bias = tensor.scalarsAsDoubles()[0]
            default:
                guard let number = value.number else {
                    return .failure(.bias)
                }
                bias = number
            }
        }
        // Whole numbers in a small range only: converting 1e300 or NaN to Int would trap.
        func small(_ value: Value?) -> Int? {
            guard let number = value?.number, number == number.rounded(), (0...64).contains(number) else {
                return nil
            }
            return Int(number)
        }
        let strideValue = positional.dropFirst(3).first ?? keywords["stride"]
        guard let stride = strideValue == nil ? 1 : small(strideValue) else {
            return .failure(.stride)
        }
        var padding = 0
        switch positional.dropFirst(4).first ?? keywords["padding"] {
        case .string("same"):
            guard stride == 1, kernelGrid.rows == kernelGrid.cols, kernelGrid.rows % 2 == 1 else {
                return .failure(.samePadding)
            }
            padding = kernelGrid.rows / 2
        case .string("valid"), nil: padding = 0
        case let value?:
            guard let number = small(value) else {
                return .failure(.padding)
            }
            padding = number
        }
        guard stride >= 1 else { return .failure(.strideBelowOne) }
        guard kernelGrid.rows <= inputGrid.rows + 2 * padding, kernelGrid.cols <= inputGrid.cols + 2 * padding
        else {
            return .failure(.kernelLargerThanInput)
        }
        guard inputGrid.rows <= Self.largestWalk, inputGrid.cols <= Self.largestWalk, padding <= 4 else {
            return .failure(.tooLarge(largest: Self.largestWalk))
        }
        return .success(
            ConvolutionWalk(
                input: inputGrid, kernel: kernelGrid, stride: stride, padding: padding, bias: bias))
    }

    /// A tensor with one 2-D plane (`[H, W]`, `[1, H, W]`, `[1, 1, H, W]`) as a grid.
    static func plane(_ value: Value) -> NumberGrid? {
        guard case .tensor(let tensor) = value, tensor.rank >= 2 else { return nil }
        let shape = tensor.shape
        guard shape.dropLast(2).allSatisfy({ $0 == 1 }), shape[shape.count - 2] > 0,
            shape[shape.count - 1] > 0
        else {
            return nil
        }
        return NumberGrid(
            values: tensor.scalarsAsDoubles(), rows: shape[shape.count - 2], cols: shape[shape.count - 1])
    }
}
