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
/// Bracketed paste is on while editing: a terminal wraps pasted text in `ESC[200~ … ESC[201~`,
/// and a paste of several lines comes back from `readLine` as one line holding newlines, so a
/// pasted block is one input (see `InputBlockReader`) instead of one input per line.
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
    /// The lines of a multi-line paste after its first, which joined the line being edited.
    private var pastedRest: String?
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
        pastedRest = nil
        output.write(Self.bracketedPasteOn)
        defer { output.write(Self.bracketedPasteOff) }
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
        if let rest = pastedRest {
            // libedit showed the first pasted line on the prompt line; show the others below it.
            pastedRest = nil
            output.write(rest + "\n")
            line += "\n" + rest
        }
        return .line(line)
    }

    /// Turns the terminal's bracketed paste on and off (DEC private mode 2004).
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"
    /// What a terminal sends after pasted text.
    static let pasteEnd = "\u{1B}[201~"

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
        _ = cnn_el_addfn(editLine, "cnn-paste", "Take a bracketed paste whole") { editLine, _ in
            reader(of: editLine)?.paste() ?? UInt8(CC_ERROR)
        }
        _ = cnn_el_bind(editLine, "\\e[200~", "cnn-paste")
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

    /// The start of a bracketed paste: reads up to its end marker. One line is inserted as if
    /// typed; several lines end the line being edited, the first joining it and the others kept
    /// for `readLine`, so the paste is one input.
    fileprivate func paste() -> UInt8 {
        var text = ""
        var wide: wchar_t = 0
        var afterReturn = false
        while el_wgetc(editLine, &wide) == 1 {
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: wide)) else { continue }
            // Terminals send Enter as "\r" inside a paste; "\r\n" and "\r" are line ends.
            defer { afterReturn = scalar == "\r" }
            if scalar == "\n", afterReturn { continue }
            text.unicodeScalars.append(scalar == "\r" ? "\n" : scalar)
            if text.hasSuffix(Self.pasteEnd) {
                text.removeLast(Self.pasteEnd.count)
                break
            }
        }
        while text.hasSuffix("\n") { text.removeLast() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return UInt8(CC_REFRESH) }
        el_insertstr(editLine, String(first))
        guard lines.count > 1 else { return UInt8(CC_REFRESH) }
        pastedRest = lines.dropFirst().joined(separator: "\n")
        // Enter, as a key: libedit first shows the inserted line, then ends it.
        el_push(editLine, "\n")
        return UInt8(CC_REFRESH)
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
