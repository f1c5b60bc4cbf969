import AnswerLanguage
import Foundation
import Testing
import Wording

@testable import Course
@testable import Grading

/// Layers counted as what they are (`CountInventory+Convolutions`, `+Names`, `+Formulas`): a
/// convolution's groups, a depthwise or transposed convolution, a depthwise-separable pair, a
/// squeeze-and-excitation pair and a convolution's multiply-adds, each story told of the formula an
/// answer writes, in names or in literals, whether the reference is a formula, a call or a module —
/// and never where the answer reads otherwise, the count is of something else, or which side of
/// the layer is which is unknown.
@Suite struct LayerCountTests: StorySuite {
    let grader = Grader()

    static func count(_ reference: String, setup: String? = nil, alternatives: [String] = []) -> Exercise {
        TestExercises.make(.value, setup: setup, reference: reference, alternatives: alternatives)
    }

    static let grouped = count(
        "C_out * (C_in // g) * K * K + C_out", setup: "C_in = 12\nC_out = 18\nK = 3\ng = 3")

    @Test func aGroupedConvolutionsGroupsAreCountedAsGroups() {
        let exercise = Self.grouped
        #expect(story("C_out * C_in * K * K + C_out", exercise) == "count-groups-ignored")
        #expect(story("C_out * C_in * K * K * g + C_out", exercise) == "count-groups-multiplied")
        #expect(story("(C_out // g) * (C_in // g) * K * K + C_out // g", exercise) == "count-one-group")
        #expect(story("C_out * g * K * K + C_out", exercise) == "count-groups-for-channels")
        #expect(story("C_in // g * K * K + 1", exercise) == "count-one-filter")
        #expect(story("C_out * (C_in // g) * K + C_out", exercise) == "count-kernel-side")
        #expect(story("C_out * C_in // g * K * K + 1", exercise) == "count-one-bias")
        #expect(story("(C_in // g + 1) * C_out * K * K", exercise) == "count-bias-as-input-channel")
        // Written with the division last, the same count: no story is lost.
        #expect(story("C_out * C_in * K * K // g + C_out * K * K", exercise) == "count-bias-as-input-channel")
        let message = grader.grade("C_out * g * K * K + C_out", for: exercise).message
        #expect(message.contains("the g groups of the K×K convolution (C_in → C_out channels in g groups)"))
        #expect(message.contains("C_in / g input channels"))
    }

    @Test func aGroupsStoryIsNeverToldOfAnotherFormulaWithItsValue() {
        let exercise = Self.grouped
        // The kernel side's value where g is K: the groups, not the kernel, multiply it.
        #expect(story("C_out * (C_in // g) * g + C_out", exercise) != "count-kernel-side")
        // The groups-for-channels value where K is g.
        #expect(story("C_out * K * K * K + C_out", exercise) != "count-groups-for-channels")
    }

    @Test func aDepthwiseCallIsReadInItsNames() {
        let exercise = Self.count("parameter_count(nn.Conv2d(C, C, K, groups=C))", setup: "C = 24\nK = 5")
        #expect(story("K * K + 1", exercise) == "count-one-filter")
        #expect(story("C * K + C", exercise) == "count-kernel-side")
        #expect(story("24 * 5 + 24", exercise) == "count-kernel-side")
        #expect(story("C * K * K + 1", exercise) == "count-one-bias")
        #expect(story("(C + 1) * K * K", exercise) == "count-bias-as-filter")
        let message = grader.grade("K * K + 1", for: exercise).message
        #expect(message.contains("only one of the C filters of the depthwise K×K convolution (C channels)"))
        for answer in ["C * K * K + C", "24 * 5 * 5 + 24", "C * (K * K + 1)"] {
            #expect(grader.grade(answer, for: exercise).status == .pass)
        }
    }

    static let separable = count("C * K * K + C * D + D", setup: "C = 16\nD = 40\nK = 5")

    @Test func aSeparablePairIsCountedAsTwoLayers() {
        let exercise = Self.separable
        #expect(story("C * K * K + D * D + D", exercise) == "count-outputs-for-inputs")
        #expect(story("C * K * K + C * D * K * K + D", exercise) == "count-kernel-of-other")
        #expect(story("C * K * K * D + D", exercise) == "count-separable-as-ordinary")
        #expect(story("(C * K * K) * (C * D + D)", exercise) == "count-layers-multiplied")
        #expect(story("K * K + C * D + D", exercise) == "count-one-filter")
        #expect(story("C * D + D", exercise) == "count-layer-forgotten")
        #expect(story("C * K * K + C + C * D + D", exercise) == "count-bias-added")
        #expect(story("C * K * K + C * D + C", exercise) == "count-bias-per-input")
        let message = grader.grade("C * K * K * D + D", for: exercise).message
        #expect(
            message.contains(
                "the depthwise K×K convolution (C channels) and the 1×1 convolution (C → D channels)"))
        #expect(grader.grade("D * (C + 1) + C * K * K", for: exercise).status == .pass)
    }

    @Test func aSqueezeAndExcitationPairIsReadThroughItsReduction() {
        let setup = "C = 48\nr = 4"
        for exercise in [
            Self.count("2 * C * (C // r) + C // r + C", setup: setup),
            Self.count(
                "parameter_count(nn.Linear(C, C // r)) + parameter_count(nn.Linear(C // r, C))", setup: setup),
        ] {
            #expect(story("C * r + r + r * C + C", exercise) == "count-reduction-as-width")
            #expect(story("2 * (C * C + C)", exercise) == "count-reduction-forgotten")
            #expect(story("C * (C // r) + C // r", exercise) == "count-layer-forgotten")
            #expect(story("2 * (C * (C // r) + C)", exercise) == "count-bias-per-input")
            #expect(story("2 * C * C // r + 2 * C // r", exercise) == "count-bias-per-input")
            #expect(grader.grade("(C + 1) * (C // r) + (C // r + 1) * C", for: exercise).status == .pass)
        }
    }

    @Test func aTransposedConvolutionIsCountedAsItself() {
        let exercise = Self.count(
            "parameter_count(nn.ConvTranspose2d(C_in, C_out, k, stride=2))",
            setup: "C_in = 48\nC_out = 24\nk = 4")
        #expect(story("C_in * C_out * k * k + C_in", exercise) == "count-bias-per-input")
        #expect(story("(C_in + 1) * C_out * k * k", exercise) == "count-bias-as-input-channel")
        #expect(story("C_in * k * k + C_out", exercise) == "count-one-filter-weights")
        #expect(story("C_in * C_out * k + C_out", exercise) == "count-kernel-side")
        let message = grader.grade("C_in * C_out * k + C_out", for: exercise).message
        #expect(message.contains("the k×k transposed convolution (C_in → C_out channels)"))
        // A kernel side of 2 is a size in names, never the 2 of a count's multiplier.
        let two = Self.count(
            "parameter_count(nn.ConvTranspose2d(C_in, C_out, k))", setup: "C_in = 48\nC_out = 24\nk = 2")
        #expect(story("C_in * C_out * k + C_out", two) == "count-kernel-side")
        #expect(grader.grade("C_out * (C_in * k * k + 1)", for: two).status == .pass)
    }

    @Test func multiplyAddsAreWeightsAtEveryPosition() {
        let conv = Self.count("H * W * D * C * K * K", setup: "H = 10\nW = 7\nC = 12\nD = 20\nK = 3")
        #expect(story("H * W * D * C * K", conv) == "count-kernel-side")
        #expect(story("D * C * K * K", conv) == "count-once-per-map")
        // Which of C and D is the input is not written: no story of one side.
        for answer in ["W * H * C * K * K", "H * W * D * K * K"] {
            let told = story(answer, conv)
            #expect(
                told != "count-one-filter" && told != "count-one-filter-weights"
                    && told != "count-one-input-channel")
        }
        let separable = Self.count(
            "H * W * C * K * K + H * W * C * D", setup: "H = 10\nW = 7\nC = 12\nD = 20\nK = 3")
        #expect(story("H * W * C * K * K + C * D", separable) == "count-once-per-map")
        #expect(story("H * W * K * K + H * W * C * D", separable) == "count-one-filter")
        #expect(story("H * W * C * K * K + H * W * D * D", separable) == "count-outputs-for-inputs")
        #expect(story("H * W * C * (K + D)", separable) == "count-kernel-side")
        #expect(story("H * W * C * K * K * D", separable) == "count-separable-as-ordinary")
        #expect(story("H * W * C * D", separable) == "count-layer-forgotten")
    }

    @Test func aDepthwiseLayersMultiplyAddsOverASquareMap() {
        let exercise = Self.count("H * H * C * K * K", setup: "H = 9\nC = 20\nK = 5")
        #expect(story("H * H * C * C * K * K", exercise) == "count-groups-ignored")
        #expect(story("H * H * C * K", exercise) == "count-kernel-side")
        #expect(story("C * K * K", exercise) == "count-once-per-map")
    }

    @Test func aGroupedWeightShapeIsToldByItsRoles() {
        // K and g share the value 5: each dimension is still written in its own name.
        let exercise = Self.count(
            "nn.Conv2d(C_in, C_out, K, groups=g).weight.shape", setup: "C_in = 20\nC_out = 10\nK = 5\ng = 5")
        #expect(story("(C_out // g, C_in, K, K)", exercise) == "weight-outputs-divided")
        #expect(story("(g, C_out // g, C_in // g, K, K)", exercise) == "weight-group-dimension")
        #expect(story("(C_out, g, K, K)", exercise) == "weight-groups-for-channels")
        #expect(story("(C_in, C_out // g, K, K)", exercise) == "weight-transposed-order")
        #expect(story("(C_out, C_in // g, K * K)", exercise) == "weight-kernel-flattened")
        // The outputs-divided value, written with the kernel: no groups story.
        #expect(story("(K // 2, C_in, K, K)", exercise) != "weight-outputs-divided")
        #expect(grader.grade("(C_out, C_in // g, K, K)", for: exercise).status == .pass)
    }

    @Test func aTransposedWeightShapeIsToldByItsOrder() {
        let exercise = Self.count(
            "(C_in, C_out, k, k)", setup: "C_in = 6\nC_out = 4\nk = 3",
            alternatives: ["nn.ConvTranspose2d(C_in, C_out, k).weight.shape"])
        #expect(story("(C_out, C_in, k, k)", exercise) == "weight-convolution-order")
        #expect(story("(C_in, C_out, k * k)", exercise) == "weight-kernel-flattened")
        #expect(story("(C_in, C_out)", exercise) == "weight-kernel-dropped")
        let inputs = grader.grade("(C_out, k, k)", for: exercise)
        #expect(inputs.story == "weight-inputs-dropped")
        #expect(!inputs.message.contains("batch"))
    }

    /// An exercise of a course written elsewhere (`Fixtures/<folder>`).
    static func course(_ folder: String, _ lesson: String, _ id: String) throws -> Exercise {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(folder).path
        let lessons = try CourseLoader.load(at: path).lessons(in: Language("en"))
        return try #require(lessons.first { $0.id == lesson }?.exercise(id))
    }

    /// New wrong answers to the courses written elsewhere whose corpora take no file per author.
    @Test func theCoursesWrittenElsewhereCountTheirLayers() throws {
        let grouped = try Self.course("elsewhere2-course", "04-compute-cost", "grouped-weights")
        #expect(story("C_out * (C_in // G) * K", grouped) == "count-kernel-side")
        #expect(story("(C_in // G) * K * K", grouped) == "count-one-filter")
        let macs = try Self.course("elsewhere2-course", "04-compute-cost", "conv-macs")
        #expect(story("C_out * C_in * K * K + C_out", macs) == "count-parameters-for-operations")
        #expect(story("W * H * K * K * C_in", macs) == "count-one-filter")
        let depthwise = try Self.course("elsewhere2-course", "04-compute-cost", "depthwise-macs")
        #expect(story("H * H * C * C * K * K", depthwise) == "count-groups-ignored")
        let call = try Self.course("elsewhere-course", "05-layer-parameters", "depthwise-call")
        #expect(story("32 * 3 + 32", call) == "count-kernel-side")
        #expect(story("32 * 3 * 3 + 1", call) == "count-one-bias")
        for right in ["(C_in // G) * K * K * C_out", "H * W * C_in * C_out * K ** 2"] {
            let exercise = right.hasPrefix("H") ? macs : grouped
            #expect(grader.grade(right, for: exercise).status == .pass)
        }
    }

    @Test func aCountOfSomethingElseIsNoLayer() {
        // One filter's weights: no depthwise layer to take for an ordinary one.
        let filter = Self.count("C_in * K * K", setup: "C_in = 12\nK = 5")
        #expect(story("C_in * C_in * K * K", filter)?.hasPrefix("count-") != true)
        // The elements of a feature map: no layer's multiply-adds.
        let map = Self.count("H * W * C", setup: "H = 10\nW = 7\nC = 12")
        #expect(story("H * W", map)?.hasPrefix("count-") != true)
        #expect(story("H * C", map)?.hasPrefix("count-") != true)
    }

    @Test func everyStoryIsSaidInKorean() {
        var options = GradingOptions()
        options.language = Language("ko")
        let korean = Grader(options: options)
        let message = korean.grade("C_out * g * K * K + C_out", for: Self.grouped).message
        #expect(message.contains("필터마다 보는 입력 채널 C_in / g개 자리에 그룹 수 g를"))
        let separable = korean.grade("C * K * K * D + D", for: Self.separable).message
        #expect(separable.contains("깊이별 K×K 합성곱(채널 C개)와 1×1 합성곱(채널 C → D)를 보통 합성곱 하나로 세면"))
    }
}
