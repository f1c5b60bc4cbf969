/// Cuts one lesson file into front matter and steps: a new step at every `##` heading and after
/// every exercise block; ` ```cnn ` fences become examples and ` ```exercise ` fences exercises.
struct LessonParser {
    /// What one lesson file holds, before translations are merged and solutions attached.
    struct Parsed {
        var id: String?
        var title: String?
        var minutes: Int?
        var requires: [(id: String, location: CourseLocation)] = []
        var steps: [Step] = []
        /// Translated exercise texts by step index (translations only).
        var texts: [Int: ExerciseText] = [:]
        var frontMatterLocation: CourseLocation
    }

    let file: String
    /// Whether this is the default-language file (exercises carry grading logic) or a translation.
    let isDefault: Bool
    /// The default-language file's name, for messages in translations.
    let defaultFile: String
    let log: ProblemLog

    func parse(_ raw: String) -> Parsed {
        // CommonMark ends lines at "\r\n", "\n" and a lone "\r": so do our line numbers.
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var parsed = Parsed(frontMatterLocation: .start(of: file))
        let bodyStart = frontMatter(lines, into: &parsed)
        let body = lines[bodyStart...].joined(separator: "\n")
        splitSteps(body, lines: Array(lines[bodyStart...]), lineOffset: bodyStart, into: &parsed)
        return parsed
    }

    /// Reads the front matter; returns the index of the first body line.
    private func frontMatter(_ lines: [String], into parsed: inout Parsed) -> Int {
        guard lines.first?.trimmingTrailingSpaces == "---" else {
            log.add(
                "expected YAML front matter first: a '---' line, then id and title, then '---'",
                at: .start(of: file))
            return 0
        }
        guard
            let end = lines.indices.dropFirst().first(where: {
                ["---", "..."].contains(lines[$0].trimmingTrailingSpaces)
            })
        else {
            log.add("the front matter is not closed: expected a '---' line after it", at: .start(of: file))
            return 0
        }
        let source = YAMLSource(
            text: lines[1..<end].joined(separator: "\n"), file: file, lineOffset: 1, columnOffset: 0, log: log
        )
        guard let map = source.parse(what: "front matter")?.map("front matter") else { return end + 1 }
        parsed.frontMatterLocation = map.location
        map.rejectUnknownKeys(allowed: ["id", "title", "minutes", "requires"])
        parsed.id = map.required("id", expected: "the lesson's folder name")?.string("'id'")
        parsed.title = map.required("title", expected: "the lesson's title")?.string("'title'")
        parsed.minutes = map.int("minutes")
        if let requires = map.value("requires"), !requires.isNull {
            let items = requires.list("'requires'") ?? []
            parsed.requires = items.compactMap { item in item.string("'requires'").map { ($0, item.location) }
            }
        }
        return end + 1
    }

    private func splitSteps(_ body: String, lines: [String], lineOffset: Int, into parsed: inout Parsed) {
        let markdown = MarkdownBlocks(body, specialInfos: ["cnn", "exercise"])
        for nested in markdown.nestedSpecialFences {
            log.add(
                "a ```\(nested.info) block must not be inside a list or quote: start it at the left margin",
                at: CourseLocation(file: file, line: lineOffset + nested.line, column: nested.column))
        }
        var builder = StepBuilder(file: file, lines: lines, lineOffset: lineOffset)
        for block in markdown.blocks {
            switch block.kind {
            case .heading(let level, let title) where level == 2:
                if builder.hasContent { parsed.steps.append(builder.finish()) }
                builder.title = title
                builder.extendText(block)
            case .fence("cnn", let content):
                builder.addExample(content, block)
            case .fence("exercise", let content):
                let fence = builder.location(block)
                let source = YAMLSource(
                    text: content, file: file, lineOffset: lineOffset + block.startLine,
                    columnOffset: block.startColumn - 1, log: log)
                if isDefault {
                    builder.exercise = ExerciseParser.parse(source, fenceLocation: fence)
                } else if let text = ExerciseText.parse(
                    source, fenceLocation: fence, defaultFile: defaultFile)
                {
                    parsed.texts[parsed.steps.count] = text
                }
                let title = builder.title
                parsed.steps.append(builder.finish())
                builder.title = title
            case .fence(let info, _):
                if info.count >= 3, let nearest = Spelling.nearest(to: info, in: ["exercise"]),
                    nearest != info
                {
                    log.add(
                        "unknown fence '\(info)' — did you mean '\(nearest)'? (only ```cnn and ```exercise are special)",
                        at: builder.location(block))
                }
                builder.extendText(block)
            default:
                builder.extendText(block)
            }
        }
        if builder.hasContent { parsed.steps.append(builder.finish()) }
    }
}

/// Accumulates one step's blocks while the parser walks the Markdown.
private struct StepBuilder {
    let file: String
    let lines: [String]
    let lineOffset: Int
    var title: String?
    var exercise: Exercise?
    private var blocks: [Step.Block] = []
    private var text: (start: Int, end: Int)?
    private var start: CourseLocation?

    init(file: String, lines: [String], lineOffset: Int) {
        self.file = file
        self.lines = lines
        self.lineOffset = lineOffset
    }

    var hasContent: Bool { !blocks.isEmpty || text != nil || exercise != nil }

    func location(_ block: MarkdownBlocks.Block) -> CourseLocation {
        CourseLocation(file: file, line: lineOffset + block.startLine, column: block.startColumn)
    }

    mutating func extendText(_ block: MarkdownBlocks.Block) {
        if start == nil { start = location(block) }
        text = (text?.start ?? block.startLine, block.endLine)
    }

    mutating func addExample(_ content: String, _ block: MarkdownBlocks.Block) {
        flushText()
        if start == nil { start = location(block) }
        let code = CourseLocation(
            file: file, line: lineOffset + block.startLine + 1, column: block.startColumn)
        blocks.append(.example(CodeSnippet(content, at: code)))
    }

    private mutating func flushText() {
        guard let range = text else { return }
        // Clamped: cmark's line numbers count some line breaks our split does not (a lone "\r"),
        // so a block can end before it starts or past the last line we have.
        let lower = max(0, min(range.start - 1, lines.count))
        let slice = lines[lower..<max(lower, min(range.end, lines.count))]
        blocks.append(.text(slice.joined(separator: "\n")))
        text = nil
    }

    /// The finished step; the builder is reset for the next one.
    mutating func finish() -> Step {
        flushText()
        let step = Step(
            title: title, blocks: blocks, exercise: exercise,
            location: start ?? exercise?.location
                ?? CourseLocation(file: file, line: lineOffset + 1, column: 1))
        blocks = []
        exercise = nil
        title = nil
        start = nil
        return step
    }
}

extension String {
    var trimmingTrailingSpaces: Substring {
        var text = Substring(self)
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
