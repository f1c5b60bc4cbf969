import AnswerLanguage
import CNN
import Testing

@testable import Course
@testable import Grading

/// Normalisation layers read right (`NormLayer`): a GroupNorm's groups are never compared as
/// channels, its count never told as a BatchNorm's; a network's norm layer named by its kind and
/// its setting; a group normalisation done over other values told which.
@Suite struct NormLayerTests: StorySuite {
    let grader = Grader()

    static func layer(_ code: String) throws -> any Layer {
        guard case .module(let layer) = try Interpreter().run(code) else {
            throw GradingError.answer("not a module: \(code)")
        }
        return layer
    }

    @Test func eachKindNamesItsArguments() throws {
        let group = try #require(NormLayer(try Self.layer("nn.GroupNorm(4, 32)")))
        #expect(group.kind == .group && group.groups == 4 && group.channels == 32)
        #expect(group.parameterCount == 64 && !group.runningStatistics)
        let layer = try #require(NormLayer(try Self.layer("nn.LayerNorm([8, 3, 3])")))
        #expect(layer.kind == .layer && layer.shape == [8, 3, 3] && layer.elements == 72)
        #expect(layer.elementsFormula == "8 * 3 * 3" && layer.parameterCount == 144)
        let instance = try #require(NormLayer(try Self.layer("nn.InstanceNorm2d(16)")))
        #expect(instance.kind == .instance && instance.parameterCount == 0 && !instance.scale)
        let batch = try #require(NormLayer(try Self.layer("nn.BatchNorm1d(72, affine=False)")))
        #expect(batch.kind == .batch && batch.runningStatistics && batch.parameterCount == 0)
        let noShift = try #require(NormLayer(try Self.layer("nn.LayerNorm(5, bias=False)")))
        #expect(noShift.scale && !noShift.shift && noShift.parameterCount == 5)
        #expect(NormLayer(try Self.layer("nn.Conv2d(4, 16, 3)")) == nil)
    }

    static let block =
        "nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.GroupNorm(4, 8), nn.ReLU())"

    static func network(_ reference: String, input: [Int]) -> Exercise {
        TestExercises.make(.model, reference: reference, inputShape: input)
    }

    @Test func aGroupNormsGroupsAreNoChannels() {
        let exercise = Self.network(Self.block, input: [2, 3, 6, 6])
        let two = grader.grade(
            "nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.GroupNorm(2, 8), nn.ReLU())",
            for: exercise)
        #expect(two.lastFinding == "norm-groups")
        #expect(two.message.contains("normalises its 8 channels in 2 groups of 4"))
        #expect(!two.message.contains("input channel"))
        let instance = grader.grade(
            "nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.GroupNorm(num_groups=8, num_channels=8), "
                + "nn.ReLU())", for: exercise)
        #expect(instance.message.contains("each channel by itself"))
        // A GroupNorm over other channels than arrive: the channels story is then true.
        let channels = grader.grade(
            "nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.GroupNorm(4, 4), nn.ReLU())",
            for: exercise)
        #expect(channels.lastFinding == "layer-input-channels")
        #expect(channels.message.contains("takes 4 input channels, but 8 arrive"))
    }

    @Test func aNormOfAnotherKindIsNamedWithWhatItAverages() {
        let exercise = Self.network(Self.block, input: [2, 3, 6, 6])
        let batch = grader.grade(
            "nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU())",
            for: exercise)
        #expect(batch.lastFinding == "replaced-layer")
        #expect(batch.message.contains("BatchNorm2d normalises each channel over the whole batch"))
        // A layer of another kind that is no normalisation gets no normalisation sentence.
        let pool = grader.grade(
            "nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.Dropout(0.0), nn.ReLU())",
            for: exercise)
        #expect(!pool.message.contains("normalises"))
    }

    static func count(_ reference: String, setup: String? = nil) -> Exercise {
        TestExercises.make(.value, setup: setup, reference: reference)
    }

    @Test func aGroupNormsCountIsNoBatchNormsStory() {
        let exercise = Self.count("parameter_count(nn.GroupNorm(G, C))", setup: "G = 4\nC = 32")
        #expect(story("G * 2", exercise) == "count-norm-per-group")
        #expect(story("2 * C + 2 * C", exercise) == "count-statistics-imagined")
        #expect(story("2 * C // G", exercise) == "count-norm-one-group")
        #expect(story("(C // G) * 2", exercise) == "count-norm-one-group")
        #expect(story("C // G", exercise) == "count-group-channels")
        #expect(story("2 * C * G", exercise) == "count-norm-times-groups")
        let scale = grader.grade("C", for: exercise)
        #expect(scale.lastFinding == "count-scale-only")
        #expect(scale.message.contains("the GroupNorm over C channels in G groups"))
        // Channels times groups has the running statistics' value at G = 4: not their story.
        #expect(story("C * G", exercise) != "count-statistics-imagined")
        for answer in ["C", "G * 2", "2 * C + 2 * C", "C * G", "4 * 32"] {
            #expect(!grader.grade(answer, for: exercise).message.contains("BatchNorm over"))
        }
    }

    @Test func normCountsOfOtherKinds() {
        let layer = Self.count("parameter_count(nn.LayerNorm([8, 3, 3]))")
        #expect(story("2 * 8", layer) == "count-norm-per-channel")
        let instance = Self.count(
            "parameter_count(nn.Conv2d(3, 16, 3)) + parameter_count(nn.InstanceNorm2d(16))")
        #expect(story("16 * 3 * 3 * 3 + 16 + 2 * 16", instance) == "count-affine-counted")
        // A BatchNorm keeps running statistics: its story stays the buffers'.
        let batch = Self.count("parameter_count(nn.BatchNorm1d(72))")
        #expect(story("4 * 72", batch) == "count-buffers")
    }

    @Test func aGroupNormalisationOverOtherValuesIsToldWhich() {
        let exercise = TestExercises.make(
            .tensor, setup: "x = torch.arange(32.).reshape(2, 4, 2, 2) ** 1.5\nG = 2",
            reference: "F.group_norm(x, G)")
        #expect(story("F.instance_norm(x)", exercise) == "norm-per-channel")
        #expect(story("nn.InstanceNorm2d(4)(x)", exercise) == "norm-per-channel")
        #expect(story("F.layer_norm(x, x.shape[1:])", exercise) == "norm-all-channels")
        #expect(story("F.batch_norm(x, None, None, training=True)", exercise) == "norm-over-batch")
        // Another slip with a normalised look is no group story.
        #expect(story("F.group_norm(x, G) * 2", exercise)?.hasPrefix("norm-") != true)
    }

    @Test func channelsGroupedByAReshapeAreToldHowMany() {
        let exercise = TestExercises.make(
            .value, setup: "x = torch.zeros(2, 12, 5, 5)\nG = 3",
            reference: "x.reshape(2, G, -1).mean(dim=-1).shape")
        #expect(story("x.mean(dim=(2, 3)).shape", exercise) == "norm-per-channel")
        #expect(story("(x.shape[0], x.shape[1])", exercise) == "norm-per-channel")
        #expect(story("x.flatten(1).mean(1, keepdim=True).shape", exercise) == "norm-all-channels")
        #expect(story("(2, 12 // G)", exercise) == "group-size-for-groups")
        // The groups' shape with another slip is no grouping story.
        #expect(story("(G, 2)", exercise)?.hasPrefix("norm-") != true)
        #expect(grader.grade("(2, G)", for: exercise).status == .pass)
    }

    @Test func aStatisticsShapeKeptOrFlattenedIsSaidSo() {
        let exercise = TestExercises.make(
            .value, setup: "x = torch.zeros(2, 12, 5, 5)\nG = 3",
            reference: "x.reshape(2, G, -1).mean(dim=-1).shape")
        #expect(story("(2, G, 1, 1)", exercise) == "size-one-dimensions")
        #expect(story("(2 * G,)", exercise) == "flattened")
        // Another count of values in one dimension is no flattening.
        #expect(story("(2 * G + 1,)", exercise) != "flattened")
        // A network's output with size-1 dimensions more is told by its layers (a Flatten missing).
        let head = TestExercises.make(
            .model, reference: "nn.Sequential(nn.Conv2d(4, 3, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten())",
            inputShape: [2, 4, 5, 5])
        #expect(story("nn.Sequential(nn.Conv2d(4, 3, 1), nn.AdaptiveAvgPool2d(1))", head) == "missing-layer")
    }

    @Test func aGroupingWrittenTwiceIsChangedEverywhere() throws {
        let grouped = "(x).reshape(2, G, -1)"
        let formula =
            "((\(grouped) - \(grouped).mean(dim=-1, keepdim=True)) / torch.sqrt(\(grouped).var(dim=-1, "
            + "unbiased=False, keepdim=True) + 1e-05)).reshape((x).shape)"
        let exercise = TestExercises.make(
            .tensor, setup: "x = torch.arange(32.).reshape(2, 4, 2, 2) ** 1.5\nG = 2", reference: formula)
        let prepared = try PreparedExercise(exercise, options: GradingOptions())
        let grouping = prepared.mutants.all.map(\.mutant).filter { $0.misconception == .normAllChannels }
        #expect(grouping.count == 1)
        #expect(grouping.first?.source.contains("reshape(2, G, -1)") == false)
        #expect(story("F.layer_norm(x, x.shape[1:])", exercise) == "norm-all-channels")
    }
}
