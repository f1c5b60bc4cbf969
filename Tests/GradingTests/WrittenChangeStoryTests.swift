import Testing

@testable import Course
@testable import Grading

/// A story matched by value is told only where the answer's typing writes the change it names
/// (`Mutant+WrittenChange`, `MutantGenerator`'s doubled names): a formula that merely equals the
/// changed calculation made another slip, and hears a less specific message. Each rule is tested
/// where it must not fire (the coincidence) and where the true story still does.
@Suite struct WrittenChangeStoryTests: StorySuite {
    let grader = Grader()

    /// Items met after `T` steps through `N` items in batches of `B`, the last batch of each pass
    /// smaller: the swaps of two names that the batch being smaller than the data makes equal.
    var itemsSeen: Exercise {
        TestExercises.make(
            .value, setup: "N = 500\nB = 48\nT = 30",
            reference: "N * (T // math.ceil(N / B)) + B * (T % math.ceil(N / B))")
    }

    // MARK: Names swapped

    @Test func aSwapNeedsBothNamesWritten() {
        // Every batch taken as full: the swapped B and N give it wherever B < N, but N is not
        // written.
        #expect(story("B * T", itemsSeen) != "names-swapped")
        // Each step taken as a pass: N and T swapped gives it wherever T < B, nor is B written.
        #expect(story("T * N", itemsSeen) != "names-swapped")
        // Both names written in each other's place: the swap.
        let size = TestExercises.make(
            .value, setup: "H = 30\nK = 5\nS = 3", reference: "(H - K) // S + 1")
        #expect(story("(H - S) // K + 1", size) == "names-swapped")
    }

    // MARK: Operands swapped

    @Test func operandsSwappedNeedTheirOperator() {
        // `ceil(B / N)` swapped is 1: the product has the value, but writes no `/`.
        #expect(story("T * N", itemsSeen) != "operands-swapped")
        #expect(
            PreparedExercise.binaryOperators(in: "T * N")?["/"] == nil
                && !Mutant(misconception: .operandsSwapped, source: "T // math.ceil(B / N)", piece: "/")
                    .writesNamedChange("T * N")
        )
        // The sides of the `-` written the other way round: told.
        let offset = TestExercises.make(.value, setup: "H = 32\nsize = 22", reference: "(H - size) // 2")
        #expect(story("(size - H) // 2", offset) == "operands-swapped")
    }

    // MARK: A part counted twice

    @Test func aPartCountedTwiceIsWrittenTwice() {
        let mutant = Mutant(
            misconception: .termCountedTwice, source: "(side - k + 1) // 2 + (side - k + 1) // 2 - k + 1",
            piece: "(side - k + 1) // 2")
        // Two valid sizes with no pooling: no halving written, whatever the parity makes equal.
        #expect(!mutant.writesNamedChange("side - 2 * (k - 1)"))
        // The halved size written twice is that story.
        #expect(mutant.writesNamedChange("2 * ((side - k + 1) // 2) - k + 1"))
        let stack = TestExercises.make(
            .value, setup: "side = 28\nk = 3", reference: "(side - k + 1) // 2 - k + 1")
        #expect(story("side - 2 * (k - 1)", stack) != "term-counted-twice")
        // A name counted twice is still told.
        let valid = TestExercises.make(.value, setup: "n = 11\nf = 5", reference: "n - f + 1")
        #expect(story("n - 2 * f + 1", valid) == "term-counted-twice")
    }

    // MARK: Operators swapped

    @Test func aSwappedOperatorIsWrittenAsOftenAsTheSwap() {
        let mutant = Mutant(
            misconception: .operatorSwapped, source: "w * (1 - (eta - lam))", piece: "multiply subtract")
        // The rate left out: one `-`, where the swap writes two.
        #expect(!mutant.writesSwappedOperatorAsOften("w * (1 - lam)"))
        // The product written as a difference: two `-`.
        #expect(mutant.writesSwappedOperatorAsOften("w * (1 - eta - lam)"))
        // Written as a call, it is not judged here.
        #expect(mutant.writesSwappedOperatorAsOften("torch.sub(eta, lam)"))
    }

    // MARK: A doubled name that is no padding

    @Test func aDoubledCountIsNoPadding() {
        let bytes = TestExercises.make(
            .value, setup: "P = 250000", reference: "16 * P", alternatives: ["4 * (P + P + 2 * P)"])
        // Three numbers per parameter in bytes: no padding anywhere.
        #expect(story("3 * P * 4", bytes) != "padding-one-side")
        let generated = MutantGenerator.mutants(of: "4 * (P + P + 2 * P)", arithmetic: true) { _ in true }
        #expect(!generated.contains { $0.misconception == .paddingOneSide })
        let factor = MutantGenerator.mutants(of: "2 * P * 4", arithmetic: true) { _ in true }
        #expect(!factor.contains { $0.misconception == .paddingOneSide })
        // A padding added to a size is still counted on one side.
        let size = MutantGenerator.mutants(of: "(n + 2 * p - f) // s + 1", arithmetic: true) { _ in true }
        #expect(size.contains { $0.misconception == .paddingOneSide })
        let padded = TestExercises.make(
            .value, setup: "n = 14\np = 2\nf = 5\ns = 1", reference: "(n + 2 * p - f) // s + 1")
        #expect(
            ["padding-one-side", "padding-counted-once"].contains(story("(n + p - f) // s + 1", padded) ?? "")
        )
    }

    // MARK: A named mistake recorded as a call left out

    @Test func aCallLeftOutIsNotToldOfAnAnswerThatWritesIt() {
        var grad = TestExercises.make(
            setup: "g = arange(6.).reshape(1, 1, 2, 3) - 2.5\nk = tensor([[[[1., -2.], [0.5, 3.]]]])",
            reference: "F.conv_transpose2d(g, k)",
            alternatives: ["F.conv2d(F.pad(g, (1, 1, 1, 1)), k.flip([2, 3]))"],
            mistakes: [
                (
                    id: "not-turned",
                    when: "allclose(answer, F.conv2d(F.pad(g, (1, 1, 1, 1)), k))",
                    message: "You slid the kernel as it is: turn it with `k.flip([2, 3])`."
                )
            ])
        grad.solution?.wrong = [
            StoryPremiseTests.recorded("F.conv2d(F.pad(g, (1, 1, 1, 1)), k)", "not-turned")
        ]
        // The flip written, and undone by the transposed convolution's own turn: not this mistake.
        #expect(story("F.conv_transpose2d(g, k.flip([2, 3]))", grad) != "not-turned")
        // The kernel slid as it is, however padded: the mistake.
        #expect(story("F.conv2d(F.pad(g, (1, 1, 1, 1)), k)", grad) == "not-turned")
        #expect(story("F.conv2d(g, k, padding=1)", grad) == "not-turned")
    }

    // MARK: A number computed with calls

    @Test func aGenericChangeOfANumberWithCallsIsWritten() {
        let prob = TestExercises.make(.value, setup: "z = 0.75", reference: "1 / (1 + math.exp(-z))")
        // e^z is 1 / e^−z, the sigmoid's term 1 dropped by algebra only: no division written.
        #expect(story("math.exp(z)", prob) != "term-dropped")
        // A softmax of one logit is 1 whatever z: not the calculation without its divisor.
        #expect(story("torch.softmax(torch.tensor([z]), dim=0)", prob) != "divisor-dropped")
        // Written with the division, the term left out is told.
        #expect(story("1 / math.exp(-z)", prob) == "term-dropped")
    }

    // MARK: A complement read from the value

    @Test func aComplementHoldsOnOtherData() {
        let zeros = TestExercises.make(
            .value, setup: "pre = torch.tensor([[0.5, -1., 0., 2.], [-0.25, 0., 1.5, -3.]])",
            reference: "(F.relu(pre) == 0).float().mean()")
        // The negatives only (3/8), the exact zeros missed: 1 − 5/8 on this data alone.
        #expect(finding("(pre < 0).float().mean()", zeros) != "complement")
        // The positives' share is the complement of the zeros' on any data.
        #expect(finding("(F.relu(pre) > 0).float().mean()", zeros) == "complement")
    }

    // MARK: A number typed beside the name of its value

    @Test func aNumberBesideItsNameIsNotThatName() throws {
        let bytes = try #require(
            FormulaCatalogue(sources: ["4 * B * C * H * W"], integers: ["B": 8, "C": 16, "H": 7, "W": 7]))
        // Eight bytes per number, B written too: not `B * C * H * W * B`.
        #expect(bytes.difference("B * C * H * W * 8") == nil)
        // A number typed for a name the answer does not write is still read as that name.
        let read = try #require(bytes.difference("8 * C * H * W"))
        #expect(read.reading != nil)
    }
}
