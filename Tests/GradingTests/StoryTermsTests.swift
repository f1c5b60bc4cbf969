import Testing

@testable import Course
@testable import Grading

/// True stories told in words that say something: a part left out is named (shortened readably
/// when long, not told when it has no readable name); a list of numbers written otherwise is told
/// by the entry or the dimension that differs, never by quoting the calculation's whole list; a
/// weighted sum of two quantities is not told as a running update's "old" and "new" values; a
/// step left out is told as that step, not as two slips that happen to give its value.
@Suite struct StoryTermsTests: StorySuite {
    let grader = Grader()

    private func message(_ answer: String, _ exercise: Exercise) -> String {
        let verdict = grader.grade(answer, for: exercise)
        #expect(verdict.status == .fail, "\(answer): \(verdict.message)")
        return verdict.message
    }

    private func ids(_ answer: String, _ exercise: Exercise) -> [String] {
        grader.grade(answer, for: exercise).findings.map(\.id)
    }

    // MARK: A part left out, named

    @Test func aLongCallIsNamedByWhatTellsItFromTheOneBesideIt() {
        let original =
            "parameter_count(nn.ResidualBlock(16, 32, stride=2, shortcut='projection'))"
            + " - parameter_count(nn.ResidualBlock(16, 32, stride=2, shortcut='zeropad'))"
        #expect(
            ReadablePiece.name(
                "parameter_count(nn.ResidualBlock(16, 32, stride=2, shortcut='zeropad'))", beside: original)
                == "parameter_count(nn.ResidualBlock(…, shortcut='zeropad'))")
        // A short part is quoted whole.
        #expect(ReadablePiece.name("bet[None, :, None, None]", beside: "") == "bet[None, :, None, None]")
        // A long call alone of its kind: its call, its arguments elided.
        #expect(
            ReadablePiece.name(
                "F.binary_cross_entropy_with_logits(z, t, pos_weight=torch.tensor(pw))", beside: "")
                == "F.binary_cross_entropy_with_logits(…)")
        // A product led by a call, told from the product beside it that the same call leads.
        let area =
            "(min(img_h, cy + cut // 2) - max(0, cy - cut // 2)) * (min(img_w, cx + cut // 2) - max(0, cx - cut // 2))"
        #expect(
            ReadablePiece.name("(min(img_w, cx + cut // 2) - max(0, cx - cut // 2))", beside: area)
                == "min(img_w, cx + cut // 2) - …")
    }

    @Test func aPartWithNoReadableNameIsNotNamed() {
        // Led by a number: `1 - …` names nothing.
        #expect(
            ReadablePiece.name(
                "(1 - F.pad(ones(cut, cut), (left, 5 - left - cut, top, 4 - top - cut)))", beside: "")
                == nil)
        // A call elided whole where the part it was left out of has another of them (not the
        // part beside it): `parameter_count(…)` would name either.
        let both =
            "2 * parameter_count(nn.Conv2d(C_in, C_out, K, bias=False))"
            + " + parameter_count(nn.Conv2d(C_out, C_in, K, padding=1, bias=False))"
        #expect(
            ReadablePiece.name(
                "parameter_count(nn.Conv2d(C_out, C_in, K, padding=1, bias=False))", beside: both)
                == nil)
        // A lead the part beside it shares names both.
        #expect(
            ReadablePiece.name(
                "w_cls[c][:, None, None] * fm[1] * torch.ones(4, 5).clamp(min=0.5)",
                beside:
                    "w_cls[c][:, None, None] * fm[0] + w_cls[c][:, None, None] * fm[1] * torch.ones(4, 5).clamp(min=0.5)"
            ) == nil)
        #expect(
            !Mutant.Change(misconception: .termDropped, piece: String(repeating: "a + ", count: 15) + "a")
                .isNameable)
        #expect(Mutant.Change(misconception: .minusForPlus, piece: "+").isNameable)
    }

    @Test func aCountLeftOutIsNamedShortened() {
        let cost = TestExercises.make(
            .value,
            reference:
                "parameter_count(nn.Conv2d(8, 16, 3, stride=2, bias=False)) - parameter_count(nn.Conv2d(8, 16, 1, stride=2, bias=False))"
        )
        let said = message("parameter_count(nn.Conv2d(8, 16, 3, stride=2, bias=False))", cost)
        #expect(said.contains("without the term `parameter_count(nn.Conv2d(…, 1, …))`"), "\(said)")
        #expect(!said.contains("one of its terms"))
    }

    // MARK: Lists of numbers

    @Test func oneEntryTypedOtherwiseIsToldByItsPlace() {
        let ramp = TestExercises.make(
            .tensor, reference: "arange(4.) + 0.5", alternatives: ["tensor([0.5, 1.5, 2.5, 3.5])"])
        let said = message("tensor([0.5, 1.5, 2.0, 3.5])", ramp)
        #expect(said.contains("at [2], `2.0` where the calculation has `2.5`"), "\(said)")
        #expect(!said.contains("0.5, 1.5, 2.5, 3.5"))
        // Two entries typed otherwise, or the list stopped early: not told as written.
        #expect(!message("tensor([0.5, 1.0, 2.0, 3.5])", ramp).contains("0.5, 1.5, 2.5, 3.5"))
        #expect(!ids("tensor([0.5, 1.0, 2.0, 3.5])", ramp).contains(WrittenDifference.findingID))
        #expect(!message("tensor([0.5, 1.5, 2.5])", ramp).contains("0.5, 1.5, 2.5, 3.5"))
        let grid = TestExercises.make(
            .tensor, reference: "eye(3) * 2",
            alternatives: ["tensor([[2., 0., 0.], [0., 2., 0.], [0., 0., 2.]])"])
        let cell = message("tensor([[2., 0., 0.], [0., 2., 0.], [0., 0., 1.]])", grid)
        #expect(cell.contains("at [2, 2]"), "\(cell)")
        #expect(!cell.contains("[[2., 0., 0.], [0., 2., 0.], [0., 0., 2.]]"))
        #expect(
            WrittenDifference.entryReading(
                WrittenDifference.Argument(
                    parameter: "data", yourValue: "[[2., 0.], [0., 1.]]", theirValue: "[[2., 0.], [0., 2.]]",
                    callee: "tensor"))
                == .told(.init(place: [1, 1], yours: "1.", theirs: "2.", sizes: false)))
    }

    @Test func aShapeWrittenOtherwiseIsToldByItsDimension() {
        let shaped = TestExercises.make(.tensor, setup: "x = arange(24.)", reference: "x.reshape(2, 3, 4)")
        let said = message("x.reshape(2, 12)", shaped)
        #expect(said.contains("from dimension 1 on: `12` where the calculation has `3, 4`"), "\(said)")
        #expect(!said.contains("`2, 3, 4`"))
        // Sizes that differ in more than one place are quoted as any setting.
        #expect(
            WrittenDifference.entryReading(
                WrittenDifference.Argument(
                    parameter: nil, yourValue: "4, 3, 2", theirValue: "2, 3, 4", callee: "reshape"))
                == .notAList)
        // A reduction's dimensions are a setting, quoted whole as before.
        #expect(
            WrittenDifference.entryReading(
                WrittenDifference.Argument(
                    parameter: "dim", yourValue: "(2, 3)", theirValue: "(0, 2, 3)", callee: "mean"))
                == .notAList)
        // Sizes worked out are entries too.
        #expect(message("x.reshape(2, 3 * 4)", shaped).contains("`3 * 4` where the calculation has `3, 4`"))
        // A pair of sizes reads as a setting, as before.
        #expect(
            WrittenDifference.entryReading(
                WrittenDifference.Argument(
                    parameter: "kernel_size", yourValue: "(2, 2)", theirValue: "(3, 3)", callee: "conv2d"))
                == .notAList)
    }

    // MARK: A weighted sum is no running update

    @Test func aMixOfTwoLossesHasNoOldOrNewValue() {
        let mixed = TestExercises.make(
            .value, setup: "l_a = 0.4\nl_b = 1.6\nlam = 0.25", reference: "lam * l_a + (1 - lam) * l_b")
        let swapped = message("(1 - lam) * l_a + lam * l_b", mixed)
        #expect(swapped.contains("`lam` on `l_b` and `1 - lam` on `l_a`"), "\(swapped)")
        #expect(!swapped.contains("old value") && !swapped.contains("new value"))
        let whole = message("l_a + (1 - lam) * l_b", mixed)
        #expect(whole.contains("`l_a` added at full weight"), "\(whole)")
        #expect(!whole.contains("new value"))
    }

    @Test func aRunningUpdateKeepsItsOldAndNewValues() {
        let running = TestExercises.make(
            .value, setup: "run_mean = 2.0\nbatch_mean = 5.0\nmomentum = 0.1",
            reference: "(1 - momentum) * run_mean + momentum * batch_mean")
        let said = message("run_mean + momentum * batch_mean", running)
        #expect(said.contains("the old value `run_mean` kept whole"), "\(said)")
    }

    // MARK: One step, not two slips

    @Test func aStepLeftOutIsToldAsThatStep() {
        let scale = TestExercises.make(
            .tensor, setup: "gain = tensor([2.0, 0.5])\nv = tensor([3.0, 1.0])\neps = 1e-5",
            reference: "gain / torch.sqrt(v + eps)", alternatives: ["gain / (v + eps) ** 0.5"])
        let said = message("gain / (v + eps)", scale)
        // Told as the step (`torch.sqrt(…)` left out) or, since session 13's real-valued slips, as
        // the root left out of the divisor: both one change.
        #expect(said.contains("`torch.sqrt(…)`") || said.contains("square root"), "\(said)")
        #expect(!said.contains("where `**` belongs"))
    }

    @Test func anOperatorMoreInAFormulaStaysTheFormulasToRead() {
        // `- 1` typed into a size formula is an operator, not a call: the one-step override does not
        // take it from the formula catalogue (which says where the formula holds).
        let size = TestExercises.make(
            .value, setup: "side = 224\nksz = 11\nst = 4\npad = 2",
            reference: "(side + 2 * pad - ksz) // st + 1")
        #expect(!ids("(side + 2 * pad - ksz - 1) // st + 1", size).contains(WrittenDifference.findingID))
    }

    @Test func aRealDoubleSlipIsStillToldAsTwo() {
        let size = TestExercises.make(
            .value, setup: "H = 32\nk = 5\np = 2\ns = 2", reference: "(H + 2 * p - k) // s + 1")
        let found = ids("(H - k) // s", size)
        #expect(found.contains { $0.contains("+") }, "\(found)")
    }
}
