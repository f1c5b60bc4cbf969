import CEditLine
import Wording

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Completes the word at the cursor: given the whole line and the cursor (a count of characters),
/// returns candidates that replace the word ending at the cursor (see `TabCompletion`).
public typealias LineCompleter = (_ line: String, _ cursorOffset: Int) -> [String]

/// Line editing on a terminal through libedit: emacs keys, arrows, history kept in a file,
/// Ctrl-R incremental search, tab completion, UTF-8 (Korean typed and edited as whole syllables).
///
/// Ctrl-C at the prompt clears the line: terminal signals are switched off while editing, so
/// Ctrl-C arrives as a key, bound to a function that ends the line and makes `readLine` return
/// `.interrupted`. Outside the prompt, Ctrl-C raises SIGINT as usual (see `SignalInterruptHandler`).
///
/// Use only when standard input is a terminal; `LineReaders.standard` chooses for you.
public final class EditLineReader: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: String?
    private let completer: LineCompleter?
    private let output: any TerminalScreen
    private var promptBuffer: UnsafeMutablePointer<CChar>
    private var interruptPending = false
    private let ownedStreams: [UnsafeMutablePointer<FILE>]

    /// A reader on the process's standard input and output.
    ///
    /// - Parameters:
    ///   - programName: the name libedit reports (and reads `$name` settings from `~/.editrc` under).
    ///   - historyFile: where history is loaded from and saved to after each entry; nil for none.
    ///   - historySize: how many entries are kept.
    ///   - completer: candidates for tab completion; nil turns tab into a plain key.
    ///   - output: where completion lists are written (the screen the REPL writes to).
    ///   - terminal: input and output descriptors of the terminal; nil for standard input and
    ///     output (a pseudo-terminal in tests).
    public init(
        programName: String = "cnntutor", historyFile: String? = nil, historySize: Int = 1000,
        completer: LineCompleter? = nil, output: any TerminalScreen,
        terminal: (input: Int32, output: Int32)? = nil
    ) {
        Self.ensureUTF8Locale()
        var streams = (cnn_stdin(), cnn_stdout())
        var owned: [UnsafeMutablePointer<FILE>] = []
        if let terminal, let input = fdopen(dup(terminal.input), "r"),
            let output = fdopen(dup(terminal.output), "w")
        {
            streams = (input, output)
            owned = [input, output]
        }
        guard let editLine = el_init(programName, streams.0, streams.1, cnn_stderr()),
            let history = history_init()
        else {
            preconditionFailure("libedit: el_init/history_init failed (out of memory)")
        }
        ownedStreams = owned
        self.editLine = editLine
        self.history = history
        self.historyFile = historyFile
        self.completer = completer
        self.output = output
        promptBuffer = strdup("")
        configure(historySize: historySize)
    }

    deinit {
        history_end(history)
        el_end(editLine)
        free(promptBuffer)
        for stream in ownedStreams { fclose(stream) }
    }

    /// Reads a line with editing; Ctrl-C gives `.interrupted`, Ctrl-D on an empty line `.endOfInput`.
    public func readLine(prompt: String) -> LineReadResult {
        free(promptBuffer)
        promptBuffer = strdup(Self.markingEscapes(prompt))
        interruptPending = false
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count), count > 0 else {
            if interruptPending { return .interrupted }
            // libedit leaves the cursor after "^D" on the prompt line; end that line.
            output.write("\n")
            return .endOfInput
        }
        if interruptPending {
            return .interrupted
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds `line` to history (consecutive duplicates are kept once) and saves the history file.
    public func addHistory(_ line: String) {
        guard !line.trimmingWhitespace().isEmpty else { return }
        var event = HistEvent()
        _ = cnn_history_enter(history, &event, line)
        if let historyFile {
            _ = cnn_history_save(history, &event, historyFile)
        }
    }

    /// The entries in history, oldest first (for tests and `:history`-like views).
    public var historyEntries: [String] {
        var event = HistEvent()
        var entries: [String] = []
        var status = cnn_history_last(history, &event)
        while status == 0, let text = event.str {
            entries.append(String(cString: text))
            status = cnn_history_prev(history, &event)
        }
        return entries
    }

    private func configure(historySize: Int) {
        var event = HistEvent()
        _ = cnn_history_setsize(history, &event, Int32(historySize))
        _ = cnn_history_setunique(history, &event, 1)
        if let historyFile, access(historyFile, R_OK) == 0 {
            _ = cnn_history_load(history, &event, historyFile)
        }
        _ = cnn_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = cnn_el_set_editor(editLine, "emacs")
        _ = cnn_el_set_hist(editLine, history)
        _ = cnn_el_set_prompt_esc(editLine, { reader(of: $0)?.currentPrompt }, 1)
        // libedit handles SIGWINCH (resize) and SIGCONT while editing.
        _ = cnn_el_set_signal(editLine, 1)
        // No terminal signals while editing: Ctrl-C reaches the editor as a key.
        _ = cnn_el_setty(editLine, "-d", "-isig")
        _ = cnn_el_addfn(editLine, "cnn-interrupt", "Discard the line (Ctrl-C)") { editLine, _ in
            reader(of: editLine)?.interrupt() ?? UInt8(CC_ERROR)
        }
        _ = cnn_el_bind(editLine, "^C", "cnn-interrupt")
        _ = cnn_el_bind(editLine, "^R", "em-inc-search-prev")
        if completer != nil {
            _ = cnn_el_addfn(editLine, "cnn-complete", "Complete the word at the cursor") { editLine, _ in
                reader(of: editLine)?.complete() ?? UInt8(CC_ERROR)
            }
            _ = cnn_el_bind(editLine, "^I", "cnn-complete")
        }
    }

    /// Ctrl-C: note it, then type "end of line, ^C, Enter" so libedit itself moves to the end,
    /// shows `^C` after the text and finishes the line cleanly on screen.
    fileprivate func interrupt() -> UInt8 {
        interruptPending = true
        el_push(editLine, "\u{5}^C\n")
        return UInt8(CC_NORM)
    }

    fileprivate func complete() -> UInt8 {
        guard let completer, let info = el_wline(editLine)?.pointee else { return UInt8(CC_ERROR) }
        let scalarsBefore = Self.scalars(from: info.buffer, to: info.cursor)
        let scalarsAfter = Self.scalars(from: info.cursor, to: info.lastchar)
        let before = String(String.UnicodeScalarView(scalarsBefore))
        let line = before + String(String.UnicodeScalarView(scalarsAfter))
        let cursor = before.count
        let outcome = TabCompletion.resolve(
            word: TabCompletion.word(in: line, cursor: cursor), candidates: completer(line, cursor))
        if !outcome.insertion.isEmpty {
            el_insertstr(editLine, outcome.insertion)
            return UInt8(CC_REFRESH)
        }
        if !outcome.choices.isEmpty {
            let columns = TabCompletion.columns(outcome.choices, width: output.capabilities.size.columns)
            output.write("\n" + columns.joined(separator: "\n") + "\n")
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(CC_REFRESH_BEEP)
    }

    fileprivate var currentPrompt: UnsafeMutablePointer<CChar> { promptBuffer }

    private static func scalars(from start: UnsafePointer<wchar_t>?, to end: UnsafePointer<wchar_t>?)
        -> [Unicode.Scalar]
    {
        guard let start, let end, end > start else { return [] }
        return UnsafeBufferPointer(start: start, count: end - start).compactMap {
            Unicode.Scalar(UInt32(bitPattern: $0))
        }
    }

    /// The prompt with every escape sequence between `\u{1}` marks, which libedit does not count
    /// as columns (EL_PROMPT_ESC).
    static func markingEscapes(_ prompt: String) -> String {
        var scanner = EscapeScanner()
        var result = ""
        var inside = false
        for character in prompt {
            let isEscape = scanner.consumes(character)
            if isEscape != inside {
                result.append("\u{1}")
                inside = isEscape
            }
            result.append(character)
        }
        if inside { result.append("\u{1}") }
        return result
    }

    /// libedit decodes input with the C library's multibyte functions, which read UTF-8 only
    /// under a UTF-8 `LC_CTYPE`; the C locale would split every Hangul syllable into three bytes.
    private static func ensureUTF8Locale() {
        if let name = setlocale(LC_CTYPE, ""), Self.isUTF8(String(cString: name)) { return }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }

    private static func isUTF8(_ localeName: String) -> Bool {
        let lowered = localeName.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }
}

private func reader(of editLine: OpaquePointer?) -> EditLineReader? {
    guard let editLine, let data = cnn_el_get_clientdata(editLine) else { return nil }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
}

extension String {
    func trimmingWhitespace() -> Substring {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}
