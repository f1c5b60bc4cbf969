import Foundation

/// Every language's message catalogs, loaded once from JSON files and read-only afterwards.
///
/// A catalog directory holds one folder per language, named by its code, with a `language.json`
/// (`{"name": "<its own name>", "plural": "other", "particles": "korean"}`; `particles` is optional) and one `<catalog>.json` per `MessageKey` type
/// (`{"stepPosition": "step {$step} of {$count}"}`). Adding a language is adding a folder.
/// `standard` is found next to the executable (see `CatalogLocation`); loading never traps — what
/// could not be read is listed in `problems`, and the sentences it held fall back to English.
public final class Catalogs: Sendable {
    /// The catalogs the tool ships, found once, on first use.
    public static let standard: Catalogs = CatalogLocation.loadStandard()

    /// The directory the catalogs were read from, when they were read from one.
    public let directory: String?
    /// Files that could not be read or parsed, and where catalogs were looked for when none were
    /// found; empty when all is well.
    public let problems: [String]
    /// Each language's messages as written: code → "catalog.key" → message text.
    public let texts: [String: [String: String]]
    /// Each language's plural rule.
    public let plurals: [String: PluralRule]
    /// Each language's particle rule, for the languages that have one.
    public let particles: [String: ParticleRule]
    private let names: [String: String]
    private let patterns: [String: [String: MessagePattern]]

    /// Catalogs made from texts in memory (for tests and for pseudo-languages).
    ///
    /// - Parameters:
    ///   - texts: code → "catalog.key" → message text.
    ///   - plurals: each language's plural rule (`other` when absent).
    ///   - particles: each language's particle rule (none when absent).
    ///   - names: each language's name for itself.
    public init(
        texts: [String: [String: String]], plurals: [String: PluralRule] = [:],
        particles: [String: ParticleRule] = [:], names: [String: String] = [:],
        directory: String? = nil, problems: [String] = []
    ) {
        var problems = problems
        var patterns: [String: [String: MessagePattern]] = [:]
        for (language, messages) in texts {
            for (id, text) in messages {
                do {
                    patterns[language, default: [:]][id] = try MessagePattern(parsing: text)
                } catch {
                    problems.append("\(language)/\(id): \(error)")
                }
            }
        }
        self.texts = texts
        self.plurals = plurals
        self.particles = particles
        self.names = names
        self.directory = directory
        self.problems = problems
        self.patterns = patterns
    }

    /// Reads every language folder of `directory`.
    ///
    /// - Complexity: O(total size of the files), once.
    public convenience init(directory: String) {
        let files = FileManager.default
        var texts: [String: [String: String]] = [:]
        var plurals: [String: PluralRule] = [:]
        var particles: [String: ParticleRule] = [:]
        var names: [String: String] = [:]
        var problems: [String] = []
        let languages = ((try? files.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for code in languages {
            let folder = directory + "/" + code
            var isFolder: ObjCBool = false
            guard files.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                continue
            }
            let catalogs = ((try? files.contentsOfDirectory(atPath: folder)) ?? []).filter {
                $0.hasSuffix(".json")
            }
            for file in catalogs.sorted() {
                let path = folder + "/" + file
                guard let data = files.contents(atPath: path),
                    let messages = try? JSONDecoder().decode([String: String].self, from: data)
                else {
                    problems.append("\(path): not a JSON object of strings")
                    continue
                }
                let catalog = String(file.dropLast(".json".count))
                if catalog == "language" {
                    names[code] = messages["name"]
                    if let rule = messages["plural"] {
                        if let known = PluralRule(rawValue: rule) {
                            plurals[code] = known
                        } else {
                            problems.append("\(path): unknown plural rule '\(rule)'")
                        }
                    }
                    if let rule = messages["particles"] {
                        if let known = ParticleRule(rawValue: rule) {
                            particles[code] = known
                        } else {
                            problems.append("\(path): unknown particle rule '\(rule)'")
                        }
                    }
                    texts[code, default: [:]] = texts[code] ?? [:]
                    continue
                }
                for (key, text) in messages { texts[code, default: [:]]["\(catalog).\(key)"] = text }
            }
        }
        self.init(
            texts: texts, plurals: plurals, particles: particles, names: names, directory: directory,
            problems: problems)
    }

    /// The codes of the languages with catalogs.
    public var languages: Set<String> { Set(texts.keys) }

    /// A language's name for itself, when its `language.json` gives one.
    public func name(of code: String) -> String? { names[code] }

    /// The names of the placeholders `id` ("catalog.key") uses in `code`, nil when it has none there.
    public func argumentNames(of id: String, in code: String) -> Set<String>? {
        patterns[code]?[id]?.argumentNames
    }

    /// The message `catalog.key` in `language`, else in English, else written as its key.
    func render(_ catalog: String, _ key: String, _ arguments: [String: MessageValue], in language: Language)
        -> String
    {
        let id = catalog + "." + key
        for code in [language.code, Language.english.code] {
            if let pattern = patterns[code]?[id] {
                return pattern.render(arguments, plural: plurals[code] ?? .other, particles: particles[code])
            }
        }
        let listed = arguments.keys.sorted().map { "\($0): \(arguments[$0]!.formatted)" }
        return listed.isEmpty ? id : "\(id)(\(listed.joined(separator: ", ")))"
    }
}
