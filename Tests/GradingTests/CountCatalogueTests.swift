import AnswerLanguage
import Testing

@testable import Course
@testable import Grading

/// What a parameter count counts (`CountInventory`) and the counts of its layers taken otherwise
/// (`CountCatalogue`): told by the answer's formula, never of a formula that reads otherwise.
@Suite struct CountCatalogueTests {
    /// The modules of a reference made as the answer language makes them.
    static func inventory(_ reference: String) -> CountInventory? {
        CountInventory.of(reference) { try? Interpreter().run($0) }
    }

    static func catalogue(_ reference: String) -> CountCatalogue? {
        inventory(reference).flatMap(CountCatalogue.init)
    }

    static let projection = catalogue(
        "parameter_count(nn.ResidualBlock(16, 32, stride=2, shortcut='projection')) - "
            + "parameter_count(nn.ResidualBlock(16, 32, stride=2, shortcut='zeropad'))")
    static let identity = catalogue(
        "parameter_count(nn.ResidualBlock(16, 16)) - parameter_count(nn.PlainBlock(16, 16))")
    static let conv = catalogue("parameter_count(nn.Conv2d(3, 16, 3))")

    func ids(_ mutants: [Mutant]?) -> [String]? {
        mutants.map { $0.map { $0.changes.map(\.misconception.rawValue).joined(separator: "+") } }
    }

    @Test func aDifferenceCountsTheLayersItDoesNotCancel() throws {
        // The projection shortcut's 1 × 1 convolution (no bias) and its batch norm: the body's
        // layers are the same in both blocks and cancel.
        let projection = try #require(Self.projection)
        #expect(projection.inventory.formula == "32 * 16 + 2 * 32")
        #expect(projection.inventory.identityShortcuts.isEmpty)
        #expect(!projection.inventory.direct)
        // An identity shortcut counts nothing, but a learner may imagine a layer on it.
        let identity = try #require(Self.identity)
        #expect(identity.inventory.layers.isEmpty)
        #expect(identity.inventory.identityShortcuts == [16])
        // One layer written in the call: its bias and kernel are the call's own mutants.
        #expect(Self.conv?.inventory.direct == true)
    }

    @Test func onlyCountsOfModulesHaveAnInventory() {
        #expect(Self.inventory("2 * parameter_count(nn.Conv2d(3, 16, 3))") == nil)
        #expect(Self.inventory("16 * 3 * 3 * 3 + 16") == nil)
        #expect(Self.inventory("parameter_count(nn.Conv2d(3, 16, 3)) + 1") == nil)
    }

    @Test func layerStoriesFromTheFormula() {
        #expect(ids(Self.projection?.explain("32 * 16 * 3 * 3 + 2 * 32")) == ["count-kernel-three"])
        #expect(ids(Self.projection?.explain("32 * 16 + 2 * 16")) == ["count-norm-input-channels"])
        #expect(ids(Self.projection?.explain("(16 + 1) * 32 + 2 * 32")) == ["count-bias-added"])
        #expect(ids(Self.projection?.explain("16 * 32 * 2 + 2 * 32")) == ["count-layer-twice"])
        #expect(ids(Self.identity?.explain("16 * 16 * 3 * 3")) == ["count-shortcut-layer"])
        #expect(ids(Self.identity?.explain("16 * 16 + 2 * 16")) == ["count-shortcut-layer"])
        #expect(ids(Self.conv?.explain("(3 * 3 + 1) * 3 * 16")) == ["count-bias-per-pair"])
        #expect(ids(Self.conv?.explain("3 * 3 * 3 * 16 + 3")) == ["count-bias-per-input"])
        let linear = Self.catalogue("parameter_count(nn.Linear(128, 10))")
        #expect(ids(linear?.explain("(128 + 1) * (10 + 1)")) == ["count-bias-both-sides"])
    }

    @Test func aBatchNormCountedFourTimesPerChannelIsEitherStory() {
        // 4 · 32 is the running statistics counted, or the batch norm's 2 · 32 counted twice: the
        // same count (4 is a multiplier, not a size that moves), so both are said.
        #expect(Self.projection?.explain("32 * 16 + 4 * 32") == nil)
        let exercise = TestExercises.make(
            .value,
            reference: "parameter_count(nn.ResidualBlock(16, 32, stride=2, shortcut='projection')) - "
                + "parameter_count(nn.ResidualBlock(16, 32, stride=2, shortcut='zeropad'))")
        let verdict = Grader().grade("32 * 16 + 4 * 32", for: exercise)
        #expect(verdict.findings.map(\.id) == ["count-buffers|count-layer-twice"])
    }

    @Test func aFormulaThatReadsOtherwiseIsNoCountStory() throws {
        // 480 is a bias per filter and input channel (16 × 3), but this answer adds 2 · 16 to the
        // count: at other sizes the two part.
        let conv = try #require(Self.conv)
        #expect(conv.explain("16 * 3 * 3 * 3 + 16 + 16 * 2") == nil)
        let perPair = try #require(conv.entries.first { $0.mutant.misconception == .countBiasPerPair })
        #expect(perPair.value == 480)
        #expect(conv.differs("16 * 3 * 3 * 3 + 16 + 16 * 2", from: perPair.mutant) == true)
        // A literal that is no size of the count (48 worked out) can only be told by its value.
        #expect(conv.differs("16 * 3 * 3 * 3 + 48", from: perPair.mutant) == nil)
        #expect(conv.explain("480") == nil)
    }

    @Test func theGraderTellsTheLayerInTheLearnersNumbers() throws {
        let exercise = TestExercises.make(
            .value,
            reference: "parameter_count(nn.ResidualBlock(16, 32, stride=2, shortcut='projection')) - "
                + "parameter_count(nn.ResidualBlock(16, 32, stride=2, shortcut='zeropad'))")
        let verdict = Grader().grade("32 * 16 + 2 * 16", for: exercise)
        #expect(verdict.findings.map(\.id) == ["count-norm-input-channels"])
        #expect(verdict.message.contains("the BatchNorm over 32 channels counted over the 16 input channels"))
        // The same value from another formula gets no count story.
        let other = Grader().grade("32 * 16 + 32", for: exercise)
        #expect(!other.findings.map(\.id).contains("count-norm-input-channels"))
        // Korean names the layer too, with the same numbers.
        let korean = Grader(options: GradingOptions(language: "ko")).grade(
            "32 * 16 * 3 * 3 + 2 * 32", for: exercise)
        #expect(korean.findings.map(\.id) == ["count-kernel-three"])
        #expect(korean.message.contains("1×1 합성곱(채널 16 → 32)의 커널을 3×3으로 세면"))
    }

    static func named(_ reference: String, _ integers: [String: Int]) -> CountCatalogue? {
        CountInventory.ofFormula([reference], integers: integers).flatMap(CountCatalogue.init)
    }

    @Test func aFormulaInNamesIsReadAsTheLayerItCounts() throws {
        let mixing = try #require(Self.named("C_in * C_out + C_out", ["C_in": 64, "C_out": 32]))
        #expect(ids(mixing.explain("C_in * C_out + C_in")) == ["count-bias-per-input"])
        #expect(ids(mixing.explain("C_in * C_out * 9 + C_out")) == ["count-kernel-three"])
        #expect(ids(mixing.explain("(C_in + 1) * (C_out + 1)")) == ["count-bias-both-sides"])
        // Literals of a name's value read as that name.
        #expect(ids(mixing.explain("64 * C_out + 64")) == ["count-bias-per-input"])
        let linear = try #require(Self.named("n_out * (n_in + 1)", ["n_in": 128, "n_out": 10]))
        #expect(ids(linear.explain("(n_in + 1) * (n_out + 1)")) == ["count-bias-both-sides"])
        let norm = try #require(Self.named("2 * C", ["C": 64]))
        #expect(ids(norm.explain("4 * C")) == ["count-buffers"])
        #expect(ids(norm.explain("C")) == ["count-scale-only"])
        // A square is no layer's count.
        #expect(norm.explain("C * C") == nil)
        let depthwise = try #require(Self.named("C * K * K + C", ["C": 32, "K": 3]))
        #expect(ids(depthwise.explain("C * K * K")) == ["count-bias-forgotten"])
    }

    @Test func onlyChannelsAreALayersSizes() {
        // Twice the padding is no batch norm over p channels, nor `f * s + s` a layer.
        #expect(CountInventory.ofFormula(["2 * p"], integers: ["p": 2]) == nil)
        #expect(CountInventory.ofFormula(["f * s + s"], integers: ["f": 3, "s": 2]) == nil)
        #expect(CountInventory.ofFormula(["2 * H_out"], integers: ["H_out": 8]) == nil)
        #expect(CountInventory.isChannelName("C_in") && CountInventory.isChannelName("n_out"))
        #expect(CountInventory.isChannelName("in_channels") && !CountInventory.isChannelName("H_in"))
    }

    @Test func aCountInNamesIsSaidInNames() {
        let exercise = TestExercises.make(
            .value, setup: "C_in = 64\nC_out = 32", reference: "C_in * C_out + C_out")
        let verdict = Grader().grade("C_in * C_out + C_in", for: exercise)
        #expect(verdict.findings.map(\.id) == ["count-bias-per-input"])
        #expect(
            verdict.message.contains(
                "with C_in biases for the layer (C_in → C_out), one per input, instead of C_out"))
    }

    @Test func whatACountOfElementsIsMistakenFor() {
        let exercise = TestExercises.make(.value, setup: "x = zeros(2, 3, 4)", reference: "x.numel()")
        let ids = { (answer: String) in Grader().grade(answer, for: exercise).findings.map(\.id) }
        #expect(ids("len(x)") == ["elements-first-dimension"])
        #expect(ids("x.shape[0]") == ["elements-first-dimension"])
        #expect(ids("len(x.shape)") == ["elements-dimensions"])
        #expect(ids("x.shape[0] + x.shape[1] + x.shape[2]") == ["elements-sizes-added"])
        #expect(ids("x.numel() - 1") == ["elements-last-index"])
        // The second size is 3, as the number of dimensions is, but not for another shape.
        #expect(!ids("x.shape[1]").contains("elements-dimensions"))
    }
}
