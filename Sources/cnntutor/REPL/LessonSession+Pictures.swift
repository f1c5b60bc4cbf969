import AnswerLanguage
import CNN
import Terminal
import Wording

/// `:show` (a heatmap or any figure) and `:step` (a convolution walked one window at a time).
extension LessonSession {
    /// Evaluates `expression` and draws it: a tensor as a heatmap, a figure as itself, a list of
    /// numbers as bars; anything else prints as usual.
    func show(_ expression: String) {
        guard let value = run(expression) else { return }
        switch value {
        case .tensor(let tensor):
            io.screen.writeLine(
                Theme.frame.apply(
                    language.say(PictureKey.tensorShape, ["shape": tensor.shape]), at: colorLevel))
            io.screen.writeLines(
                FigurePicture.heatmap(tensor, width: width, colorLevel: colorLevel, language: language))
        case .list(let items) where !items.isEmpty && items.allSatisfy({ $0.number != nil }):
            let values = items.compactMap(\.number)
            let figure = Figure.bars(labels: values.indices.map { "[\($0)]" }, values: values, title: nil)
            io.screen.writeLines(
                FigurePicture.lines(figure, width: width, colorLevel: colorLevel, language: language))
        default:
            if let curve = Self.lossCurve(value, text: text) {
                io.screen.writeLines(
                    FigurePicture.lines(curve, width: width, colorLevel: colorLevel, language: language))
            } else {
                showValue(value)
            }
        }
    }

    /// The largest input side `:step` draws: wider pictures would not fit a terminal.
    static let largestWalk = 16
    /// The most padding on a side `:step` draws.
    static let largestWalkPadding = 4

    /// Walks `conv2d(…)` one output position at a time, with the engine's own argument binding,
    /// geometry (stride, padding incl. 'same', dilation, groups) and output: Enter, `n` or `next`
    /// shows the next position, `a` or `all` the last, `q` or `quit` stops; a `:` command ends the
    /// walk and runs; any other line is told what the walk accepts. Nothing typed here is graded.
    func walk(_ expression: String) {
        let walk: ConvolutionWalk
        let channels: Int
        switch convolutionWalk(expression) {
        case .success(let made): (walk, channels) = made
        case .failure(.argumentFailed): return
        case .failure(let problem): return say(text.walkProblem(problem))
        }
        say(text.walkKeys, style: Theme.frame)
        if channels > 1 { say(text.walkFirstChannel(of: channels), style: Theme.frame) }
        var step = 0
        while true {
            io.screen.writeLines(
                walk.picture(step: step, colorLevel: colorLevel, width: width, language: language))
            guard step + 1 < walk.stepCount else { break }
            reading: while true {
                switch io.reader.readLine(prompt: text.walkPrompt(step + 1, of: walk.stepCount)) {
                case .line(let line):
                    let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
                    switch answer {
                    case "", "n", "next": step += 1
                    case "a", "all": step = walk.stepCount - 1
                    case "q", "quit": return
                    case _ where answer.hasPrefix(":"):
                        pendingLine = line
                        return
                    default:
                        say(text.walkAccepts, style: Theme.frame)
                        continue reading
                    }
                    break reading
                case .interrupted, .endOfInput: return
                }
            }
        }
        say(text.walkDone, style: Theme.frame)
    }

    /// Why `:step` cannot walk an expression.
    enum WalkProblem: Error, Equatable {
        /// Not a `conv2d(…)` call, or one with `*args`.
        case usage
        /// The call failed as `conv2d` itself would fail (its error is shown already).
        case argumentFailed
        /// More than one image in the batch.
        case batch
        /// A filter sees more than one input plane (`in_channels / groups` above 1).
        case planes
        /// The input is larger than `largest`×`largest`, or padded by more than `padding`.
        case tooLarge(largest: Int, padding: Int)
    }

    /// The walk for a `conv2d(…)` call, bound and run by the engine in the learner's interpreter,
    /// and the number of output channels (the walk shows the first).
    func convolutionWalk(_ expression: String) -> Result<(ConvolutionWalk, Int), WalkProblem> {
        let call: Conv2dCall
        do {
            guard let bound = try interpreter.conv2dCall(expression) else { return .failure(.usage) }
            call = bound
        } catch {
            if error.kind == .syntax { return .failure(.usage) }
            showDiagnostic(error, source: expression)
            return .failure(.argumentFailed)
        }
        let g = call.geometry
        guard g.batch == 1 else { return .failure(.batch) }
        guard g.inChannelsPerGroup == 1 else { return .failure(.planes) }
        guard g.inHeight <= Self.largestWalk, g.inWidth <= Self.largestWalk,
            max(g.padTop, g.padBottom, g.padLeft, g.padRight) <= Self.largestWalkPadding
        else {
            return .failure(.tooLarge(largest: Self.largestWalk, padding: Self.largestWalkPadding))
        }
        // Output channel 0 belongs to group 0, which reads input channel 0 alone.
        let input = Array(call.input.scalarsAsDoubles().prefix(g.inHeight * g.inWidth))
        let kernel = Array(call.weight.scalarsAsDoubles().prefix(g.kernelHeight * g.kernelWidth))
        let output = Array(call.output.scalarsAsDoubles().prefix(g.outHeight * g.outWidth))
        let walk = ConvolutionWalk(
            input: NumberGrid(values: input, rows: g.inHeight, cols: g.inWidth),
            kernel: NumberGrid(values: kernel, rows: g.kernelHeight, cols: g.kernelWidth),
            stride: (g.strideH, g.strideW),
            padding: .init(top: g.padTop, bottom: g.padBottom, left: g.padLeft, right: g.padRight),
            dilation: (g.dilationH, g.dilationW), bias: call.bias?.scalarsAsDoubles().first ?? 0,
            output: NumberGrid(values: output, rows: g.outHeight, cols: g.outWidth))
        return .success((walk, g.outChannels))
    }
}
