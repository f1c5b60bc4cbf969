import AnswerLanguage
import CNN
import Grading
import Progress
import Terminal
import Testing
import Wording

@testable import cnntutor

/// The catalogs and the code agree: every key an enum names is in every language, every catalog
/// entry is named by some key, and every sentence the tool says goes through a catalog.
@Suite struct CatalogCoverageTests {
    /// Every `MessageKey` type of the package. A new one is added here (the test below fails on
    /// its catalog entries until it is).
    static let keyTypes: [any MessageKey.Type] = [
        SessionKey.self, CommandHelpKey.self, ProgressKey.self, GradingKey.self, EngineRefusal.self,
        LanguageError.Kind.self, LanguageErrorKey.self, EngineErrorKey.self, SyntaxExpectation.self,
        ExpectedType.self, BatchKey.self, StatementErrorKey.self, MisconceptionKey.self, PictureKey.self,
        ShapeKey.self, EvaluationErrorKey.self, ProgressErrorKey.self, CountKey.self, OperationKey.self,
        RelationKey.self, ShapeReadingKey.self, WrittenKey.self, ComputesKey.self, MeaningKey.self,
        FormulaKey.self, PositionKey.self,
    ]

    static var allIDs: Set<String> {
        Set(keyTypes.flatMap { type in ids(type) })
    }

    static func ids<Key: MessageKey>(_ type: Key.Type) -> [String] { Key.catalogIDs }

    @Test func everyKeyIsInEveryLanguage() {
        for code in Catalogs.standard.languages.sorted() {
            let texts = Catalogs.standard.texts[code] ?? [:]
            let missing = Self.allIDs.subtracting(texts.keys).sorted()
            #expect(missing.isEmpty, "\(code) lacks \(missing)")
        }
    }

    @Test func everyCatalogEntryIsUsed() {
        for code in Catalogs.standard.languages.sorted() {
            let unused = Set(Catalogs.standard.texts[code]?.keys ?? [:].keys).subtracting(Self.allIDs)
                .sorted()
            #expect(unused.isEmpty, "\(code) has entries no key names: \(unused)")
        }
    }

    /// A pseudo-language whose every message is the English one in ⟦…⟧: what the tool says in it
    /// must be bracketed from end to end, so nothing is said around the catalogs.
    static let pseudo: Language = {
        let english = Catalogs.standard.texts["en"] ?? [:]
        let bracketed = english.mapValues { "⟦" + $0 + "⟧" }
        return Language(
            "qps", catalogs: Catalogs(texts: ["en": english, "qps": bracketed], plurals: ["qps": .oneOther]))
    }()

    /// Whether `text` is one bracketed sentence (or several in a row), brackets balanced: nothing
    /// outside ⟦…⟧ but spaces.
    static func isRouted(_ text: String) -> Bool {
        var depth = 0
        for character in text {
            switch character {
            case "⟦": depth += 1
            case "⟧":
                depth -= 1
                if depth < 0 { return false }
            default: if depth == 0, !character.isWhitespace { return false }
            }
        }
        return depth == 0 && !text.isEmpty
    }

    /// Erroring inputs of every sort: syntax, names, arguments, operators and engine refusals.
    static let erroring = [
        "zeros(2, 3", "x = 1 +", "zeros(1 2)", "1 if x = 2 else 3", "x = 1)", "x = 2 $ 3", "y = 'abc",
        "y = ‘abc’", "(1, 2]", "x = 2 3", "conv2(ones(1, 1, 5, 5))", "torch.zeroes(2)", "ones(2).shap",
        "nn.Conv2d(1, 2, 3).wieght", "relu(ones(2), ones(2))", "full((2, 2))", "relu(x=1, x=2)",
        "(lambda a: a)(1, 2)", "(lambda a: a)(b=1)", "zeros(2).shape()", "'a' - 1", "relu('a')",
        "ones(2, 3) + ones(4)", "ones(2, 3) @ ones(4, 5)", "conv2d(ones(1, 3, 5, 5), ones(1, 1, 3, 3))",
        "conv2d(ones(1, 1, 2, 2), ones(1, 1, 3, 3))", "conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), stride=0)",
        "conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), stride=2, padding='same')", "ones(2, 3).reshape(4, 2)",
        "ones(2).sum(dim=3)", "ones(2)[5]", "F.linear(ones(2, 4), ones(2, 3))",
        "nn.Sequential(nn.Conv2d(3, 4, 3))(ones(1, 1, 5, 5))", "zeros(100000, 100000)",
        "max_pool2d(ones(1, 1, 2, 2), 3)",
    ]

    /// These and every input of `KoreanErrorsTests`: each error is said from a catalog (has a
    /// detail), in the pseudo-language bracketed from end to end.
    @Test(arguments: erroring + KoreanErrorsTests.erroring)
    func everyErrorSentenceGoesThroughTheCatalogs(_ source: String) throws {
        let error = try #require(
            #expect(throws: LanguageError.self) { try Interpreter().run(source) })
        #expect(error.detail != nil, "said outside the catalogs: \(error.message)")
        let said = error.message(in: Self.pseudo)
        #expect(Self.isRouted(said), "\(said)")
        // English from the catalogs is the error's own message.
        #expect(error.message(in: .english) == error.message)
    }
}
