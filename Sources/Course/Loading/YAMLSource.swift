import Yams

/// A YAML text inside a course file: parses it and turns its marks into file locations.
///
/// YAML inside a fenced block starts on the line after the fence, so `lineOffset` is the fence's
/// line; front matter starts on line 2, so its offset is 1.
struct YAMLSource {
    let text: String
    let file: String
    let lineOffset: Int
    let columnOffset: Int
    let log: ProblemLog

    /// The file location of a Yams mark (1-based within `text`).
    func location(_ mark: Mark?) -> CourseLocation {
        guard let mark else {
            return CourseLocation(file: file, line: lineOffset + 1, column: columnOffset + 1)
        }
        return CourseLocation(file: file, line: lineOffset + mark.line, column: columnOffset + mark.column)
    }

    /// Parses the text, or records the YAML error at its place and returns nil.
    func parse(what: String) -> YAMLValue? {
        if let alias = YAMLAliases.first(in: text) {
            log.add(
                "\(what): YAML aliases are not supported: '*\(alias.name)' repeats the node anchored as "
                    + "'&\(alias.name)'; write the value out where it is needed",
                at: CourseLocation(
                    file: file, line: lineOffset + alias.line, column: columnOffset + alias.column))
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                log.add("empty \(what): expected a YAML mapping", at: location(nil))
                return nil
            }
            return YAMLValue(node: node, source: self)
        } catch let error as YamlError {
            let (message, mark) = Self.describe(error)
            log.add("invalid YAML in \(what): \(message)", at: location(mark))
            return nil
        } catch {
            log.add("invalid YAML in \(what): \(error)", at: location(nil))
            return nil
        }
    }

    private static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let context = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return (problem + context, mark)
        case .reader(let problem, _, _, _):
            return (problem, nil)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams's own text spans lines and quotes the file back; one line, at the key's place.
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return (
                "\(keys) appear\(duplicates.count == 1 ? "s" : "") more than once in one mapping",
                context.mark
            )
        default:
            return ("\(error)", nil)
        }
    }

    /// The source line `line` (1-based within `text`), for locating block scalars' content.
    func line(_ line: Int) -> Substring? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return line >= 1 && line <= lines.count ? lines[line - 1] : nil
    }
}
