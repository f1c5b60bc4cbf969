import AnswerLanguage
import CNN
import Terminal
import Wording

/// The free playground: learner code runs in the session's interpreter, Ctrl-C stops it, values
/// print like Python's REPL, figures are drawn, errors show the caret diagnostic.
extension LessonSession {
    /// Runs `source` and shows its value (nothing for an assignment or `None`).
    func evaluate(_ source: String) {
        guard let value = run(source) else { return }
        showValue(value)
    }

    /// Runs `source` in the learner's interpreter; Ctrl-C cancels it. Errors are shown, not thrown.
    /// - Returns: The value of the last statement, or nil when it failed.
    func run(_ source: String) -> Value? {
        switch execute(source) {
        case .success(let value): return value
        case .failure(let error) where error.kind == .cancelled:
            say(text.stoppedKeepingBindings, style: Theme.frame)
            return nil
        case .failure(let error):
            showDiagnostic(error, source: source)
            return nil
        }
    }

    /// The caret report of `error` in the session's language: the message wrapped to the screen,
    /// the source line and the caret under it as they are, since wrapping them would move the caret.
    func showDiagnostic(_ error: LanguageError, source: String) {
        io.screen.writeLines(diagnosticLines(error.diagnostic(source: source, language: language)))
    }

    /// A diagnostic's lines for the screen: its sentences wrapped at words, a source line with the
    /// caret line under it written as they are (wrapping either would move the caret).
    func diagnosticLines(_ diagnostic: String) -> [String] {
        let lines = diagnostic.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let wrapper = WordWrapper(width: width, colorLevel: colorLevel)
        return lines.indices.flatMap { index -> [String] in
            let line = lines[index]
            let caretBelow = index + 1 < lines.count && Self.isCaretLine(lines[index + 1])
            return line.isEmpty || caretBelow || Self.isCaretLine(line) ? [line] : wrapper.wrap(line)
        }
    }

    /// Whether `line` is a diagnostic's caret line (`    ^~~~`).
    static func isCaretLine(_ line: String) -> Bool {
        line.contains("^") && line.allSatisfy { $0 == " " || $0 == "^" || $0 == "~" }
    }

    /// Runs `source` in the learner's interpreter, Ctrl-C cancelling it, and returns what happened.
    func execute(_ source: String) -> Result<Value, LanguageError> {
        let interpreter = self.interpreter
        io.interrupts.reset()
        let result: Result<Value, LanguageError> = io.interrupts.whileRunning(onInterrupt: {
            interpreter.cancel()
        }) {
            do throws(LanguageError) {
                return .success(try interpreter.run(source))
            } catch {
                return .failure(error)
            }
        }
        if case .success = result, let program = try? Parser.parse(source) {
            let names = Set(program.statements.flatMap(\.assignedNames))
            if !names.isEmpty { bindings.append((source, names)) }
        }
        if case .failure(let error) = result, error.kind == .cancelled {
            training.stop(interrupted: true)
        } else {
            training.stop()
        }
        // What `print` wrote before the value or the error, as Python shows it.
        let printed = interpreter.printed
        if !printed.isEmpty {
            io.screen.writeLines(
                printed.split(separator: "\n", omittingEmptySubsequences: false).dropLast(
                    printed.hasSuffix("\n") ? 1 : 0
                )
                .map(String.init))
        }
        return result
    }

    /// Prints a value: figures drawn, everything else as its Python-like text; how the pager
    /// ended (`.finished` when nothing was paged).
    @discardableResult
    func showValue(_ value: Value) -> Pager.Outcome {
        switch value {
        case .none: return .finished
        case .figure(let figure):
            io.screen.writeLines(
                FigurePicture.lines(figure, width: width, colorLevel: colorLevel, language: language))
            return .finished
        case .module(let layer):
            // A network's table fits the screen: its settings wrap under their own column.
            return page(Value.moduleTable(layer, width: width).split(separator: "\n").map(String.init))
        default:
            var lines = value.description.split(separator: "\n", omittingEmptySubsequences: false).map(
                String.init)
            if let curve = Self.lossCurve(value, text: text) {
                lines += FigurePicture.lines(curve, width: width, colorLevel: colorLevel, language: language)
            }
            return page(lines)
        }
    }

    /// The loss curve of a `train(...)` history (a dict with a `step_loss` list), if `value` is one.
    static func lossCurve(_ value: Value, text: SessionText) -> Figure? {
        guard case .dict(let entries) = value,
            case .list(let items)? = entries.first(where: { $0.key == "step_loss" })?.value
        else { return nil }
        let losses = items.compactMap(\.number)
        guard losses.count >= 2, losses.count == items.count else { return nil }
        return .curves([Figure.Series(name: text.lossPerStep, values: losses)], title: text.lossCurveTitle)
    }
}
