import AnswerLanguage
import Foundation

/// Whether a named mistake, matched by its `when` condition, describes an answer of the kind its
/// recorded answers in `Solutions/` are.
///
/// A course names a mistake by a condition on the value (`conv2d(vertical_edge, answer[None,
/// None]).abs().max() >= …`) and writes its message for the answers it recorded: a vertical-edge
/// filter, told to put its positive numbers above the diagonal. Another slip can meet the same
/// condition — the filter for the other diagonal, a 2 × 2 filter where a 3 × 3 one is asked —
/// and the message then explains it by a cause it does not have. Such an answer is told what its
/// checks say rather than the mistake (a less specific message rather than a wrong one):
/// - its shape is not the expected one, where every recorded answer has the expected shape (the
///   mistake is a slip in the values of a rightly shaped answer; this answer's slip is its shape);
/// - its layout of zero and non-zero entries is the reference's turned or mirrored (the right
///   pattern in another orientation), where no recorded answer's is: its slip is the orientation.
///
/// The recorded answers are run once per exercise, on first need, and only for tensor answers.
extension PreparedExercise {
    /// Whether the tensor `answer` differs in kind (shape, or the reference's layout of non-zero
    /// entries turned) from every recorded answer of the named mistake `id`. False when the
    /// mistake has no recorded answer with a tensor value, or the answer equals one of them.
    func differsInKindFromRecorded(by id: String, answer: Value, comparer: Comparer) -> Bool {
        guard exercise.kind == .tensor, let mine = ValueConversion.numeric(answer),
            let wanted = ValueConversion.numeric(expected), !mine.values.isEmpty
        else { return false }
        let recorded = recordedValues(of: id)
        guard !recorded.isEmpty, !recorded.contains(where: { comparer.matches(answer, $0.value) }) else {
            return false
        }
        let arrays = recorded.map(\.array)
        if arrays.allSatisfy({ $0.shape == wanted.shape }), mine.shape != wanted.shape { return true }
        guard mine.shape == wanted.shape, wanted.rank >= 2 else { return false }
        let pattern = Self.nonZero(mine)
        let reference = Self.nonZero(wanted)
        guard pattern != reference, !arrays.contains(where: { Self.nonZero($0) == pattern }) else {
            return false
        }
        return Self.turnings(of: wanted).contains { Self.nonZero($0) == pattern }
    }

    /// The values of the recorded answers of the named mistake `id` that are tensors, computed
    /// once per exercise (each in a fresh session of the setup).
    private func recordedValues(of id: String) -> [(value: Value, array: NumericArray)] {
        if let known = recordedTensors[id] { return known }
        let texts = (exercise.solution?.wrong ?? []).filter { $0.mistake == id }.map(\.answer.text)
        var found: [(value: Value, array: NumericArray)] = []
        for text in texts {
            guard let value = try? session().run(text), let array = ValueConversion.numeric(value),
                !array.values.isEmpty
            else { continue }
            found.append((value, array))
        }
        recordedTensors[id] = found
        return found
    }

    /// Which entries are not zero, in order.
    private static func nonZero(_ array: NumericArray) -> [Bool] {
        array.values.map { abs($0) > 1e-9 }
    }

    /// `array` with each plane mirrored, turned upside down, rotated by 180° and — when square —
    /// transposed either way or rotated by a quarter turn: the same pattern in other orientations.
    private static func turnings(of array: NumericArray) -> [NumericArray] {
        let (height, width) = array.spatial
        var found = [
            array.mapped { array.at($0, $1, width - 1 - $2) },
            array.mapped { array.at($0, height - 1 - $1, $2) },
            array.rotated180,
        ]
        if height == width {
            found += [
                array.transposed,
                array.mapped { array.at($0, width - 1 - $2, height - 1 - $1) },
                array.mapped { array.at($0, height - 1 - $2, $1) },
                array.mapped { array.at($0, $2, width - 1 - $1) },
            ]
        }
        return found
    }
}

/// A named mistake whose recorded answers are one call with some settings left at their defaults
/// (`deep_net(depth=20, activation='sigmoid')`) speaks to that call: its message may tell the
/// learner to give a setting as the calculation gives it ("change the activation, the
/// initialisation or add skips"). An answer that calls the same function and gives one of those
/// settings itself, as a right calculation gives it (`init='he'`), did what the message would
/// tell it to, whatever its value: the mistake is not told of it (its checks say what is wrong).
/// A setting given as nothing (`padding=0`, `skip=False`, `None`) may be a default that changes
/// nothing, and a value a recorded answer passes by position (`20` for `depth=20`) is given there
/// too: neither denies the mistake.
extension PreparedExercise {
    /// Whether the answer typed as `source`, one call, gives a keyword setting with the value a
    /// right calculation (the reference or an alternative) of the same function gives it, that
    /// no recorded answer of the named mistake `id` (each one call of that function) gives by
    /// keyword or by position.
    func writesSettingRecordedWithout(by id: String, source: String?) -> Bool {
        guard let source, let answer = Self.settings(of: source), let solution = exercise.solution else {
            return false
        }
        let recorded = solution.wrong.filter { $0.mistake == id }.map { Self.settings(of: $0.answer.text) }
        guard !recorded.isEmpty else { return false }
        var given: Set<String> = []
        var positional: Set<String> = []
        for entry in recorded {
            // A recorded answer that is no single call of that function says nothing of settings.
            guard let entry, entry.function == answer.function else { return false }
            given.formUnion(entry.keywords.keys)
            positional.formUnion(entry.positional)
        }
        let right = ([solution.reference] + solution.alternatives).compactMap { Self.settings(of: $0.text) }
            .filter { $0.function == answer.function }
        return answer.keywords.contains { keyword, value in
            !given.contains(keyword) && !positional.contains(value) && !Self.givesNothing(value)
                && right.contains { $0.keywords[keyword] == value }
        }
    }

    /// The function `source` calls, when it is one call (`deep_net(…)`, `nn.Conv2d(…)`), with the
    /// texts of its keyword settings (spaces removed) and of its positional arguments.
    private static func settings(of source: String) -> (
        function: String, keywords: [String: String], positional: Set<String>
    )? {
        guard let typed = TypedAnswer(source), typed.statementCount == 1,
            case .call(let callee, let arguments) = typed.last.kind,
            let name = MutantGenerator.calleeName(callee)
        else { return nil }
        var keywords: [String: String] = [:]
        var positional: Set<String> = []
        for argument in arguments {
            let text = typed.text(argument.value).filter { !$0.isWhitespace }.replacingOccurrences(
                of: "\"", with: "'")
            if let keyword = argument.name { keywords[keyword] = text } else { positional.insert(text) }
        }
        return (name, keywords, positional)
    }

    /// Whether a setting's text gives nothing: `0`, `0.0`, a tuple of zeros, `False`, `None`.
    private static func givesNothing(_ value: String) -> Bool {
        value == "False" || value == "None"
            || value.allSatisfy { "0.(),[]".contains($0) }
    }
}
