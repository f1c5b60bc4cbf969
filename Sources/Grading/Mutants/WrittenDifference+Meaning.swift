import Wording

/// What a call written otherwise means, where the two calls say it plainly: values for their
/// positions (`max(…).values` for `argmax`), the smallest for the largest (`argmin`), a share for
/// a count (`mean` of true/false values for their `sum`), an average for a sum, a variance for a
/// standard deviation, `all` for `any`, n − 1 for n (`unbiased`), a reduced dimension kept or
/// removed. Read from the two call trees alone, so it is true of the answer as written.
extension WrittenDifference {
    enum Meaning: String, Hashable, Sendable {
        case valuesForPositions, positionsForValues
        case smallestForLargest, largestForSmallest
        case rateForCount, countForRate
        case averageForSum, sumForAverage
        case varianceForDeviation, deviationForVariance
        case allForAny, anyForAll
        case spreadForMean, meanForSpread
        case transposedForConvolution, convolutionForTransposed
        case nMinusOneForN, nForNMinusOne
        case keepdimKept, keepdimDropped
        /// `largest=False` given or left out (`topk`).
        case smallestTaken, largestTaken
        /// The running extreme (`cummin`) where the extreme of the whole (`min`) belongs, and back.
        case runningForOverall, overallForRunning
    }

    /// What a callee's result is: values or their positions (`argmax`), or another result named by
    /// the callee; and which end it looks for (`largest`, `smallest`), where it says.
    private struct Role: Equatable {
        var result: String
        var end: String?
    }

    private static func role(_ name: String) -> Role {
        // A half of a pair as read (`max(…).values`, `topk(…)[1]`).
        if let cut = name.range(of: "(…)") {
            let base = String(name[..<cut.lowerBound])
            let half = name[cut.upperBound...]
            let result = half == ".values" || half == "[0]" ? "values" : "positions"
            return Role(result: result, end: base == "max" ? "largest" : base == "min" ? "smallest" : nil)
        }
        switch name {
        case "argmax": return Role(result: "positions", end: "largest")
        case "argmin": return Role(result: "positions", end: "smallest")
        case "amax", "max": return Role(result: "values", end: "largest")
        case "amin", "min": return Role(result: "values", end: "smallest")
        default: return Role(result: name, end: nil)
        }
    }

    /// What `answer`'s callee in the place of `reference`'s means, when the pair says it.
    static func meaning(called answer: CallTree, for reference: CallTree) -> Meaning? {
        let yours = role(answer.calleeName)
        let theirs = role(reference.calleeName)
        switch (yours.result, theirs.result) {
        case ("values", "positions"): return .valuesForPositions
        case ("positions", "values"): return .positionsForValues
        default: break
        }
        if yours.result == theirs.result, let a = yours.end, let b = theirs.end, a != b {
            return a == "smallest" ? .smallestForLargest : .largestForSmallest
        }
        // The running extreme so far and the extreme of everything, at the same end.
        let running: [String: String] = ["cummin": "min", "cummax": "max"]
        let overall: [String: String] = ["min": "min", "amin": "min", "max": "max", "amax": "max"]
        let (a, b) = (base(answer.calleeName), base(reference.calleeName))
        if let end = overall[a], running[b] == end, yours.result == "values" { return .overallForRunning }
        if let end = running[a], overall[b] == end, theirs.result == "values" { return .runningForOverall }
        switch (answer.calleeName, reference.calleeName) {
        case ("mean", "sum"):
            return isTruthValues(reference.arguments["input"]?.tree) ? .rateForCount : .averageForSum
        case ("sum", "mean"):
            return isTruthValues(answer.arguments["input"]?.tree) ? .countForRate : .sumForAverage
        case ("var", "std"): return .varianceForDeviation
        case ("std", "var"): return .deviationForVariance
        case ("std", "mean"), ("var", "mean"): return .spreadForMean
        case ("mean", "std"), ("mean", "var"): return .meanForSpread
        case ("conv_transpose2d", "conv2d"), ("conv_transpose1d", "conv1d"), ("conv_transpose3d", "conv3d"):
            return .transposedForConvolution
        case ("conv2d", "conv_transpose2d"), ("conv1d", "conv_transpose1d"), ("conv3d", "conv_transpose3d"):
            return .convolutionForTransposed
        case ("all", "any"): return .allForAny
        case ("any", "all"): return .anyForAll
        default: return nil
        }
    }

    /// A callee's name without the half of a pair it is read as (`cummin` of `cummin(…).values`).
    private static func base(_ name: String) -> String {
        name.range(of: "(…)").map { String(name[..<$0.lowerBound]) } ?? name
    }

    /// Comparisons and the calls that give true/false values.
    private static let truthTags: Set<String> = ["∘==∘", "∘!=∘", "∘<∘", "∘>∘", "∘<=∘", "∘>=∘"]
    private static let truthCalls: Set<String> = [
        "eq", "ne", "lt", "gt", "le", "ge", "any", "all", "isclose", "logical_and", "logical_or",
        "logical_not",
    ]

    /// Whether `tree` gives true/false values (converted to floats or not).
    static func isTruthValues(_ tree: CallTree?) -> Bool {
        guard let tree = tree?.unconverted else { return false }
        switch tree.kind {
        case .plain(let tag): return truthTags.contains(tag)
        case .call: return tree.namesParameters && truthCalls.contains(tree.calleeName)
        }
    }
}

extension WrittenDifference.Argument {
    /// What the change means: the callee's, found with the trees, or an argument's that says it
    /// by its name and value (`unbiased`, `correction`, `largest`, `keepdim`).
    var told: WrittenDifference.Meaning? {
        if isCallee { return meaning }
        let false_ = ["False", "0"]
        let true_ = ["True", "1"]
        // A half of a pair (`topk(…).indices`) is set as its call is.
        let call = callee.range(of: "(…)").map { String(callee[..<$0.lowerBound]) } ?? callee
        switch (parameter, call) {
        case ("unbiased", "std"), ("unbiased", "var"), ("correction", "std"), ("correction", "var"):
            if let theirs = theirValue, false_.contains(theirs), yourValue.map(true_.contains) ?? true {
                return .nMinusOneForN
            }
            if let yours = yourValue, false_.contains(yours), theirValue.map(true_.contains) ?? true {
                return .nForNMinusOne
            }
            return nil
        case ("largest", "topk"):
            if yourValue == "False", theirValue.map(true_.contains) ?? true { return .smallestTaken }
            if theirValue == "False", yourValue == nil { return .largestTaken }
            return nil
        case ("keepdim", _):
            if yourValue == "True", theirValue.map(false_.contains) ?? true { return .keepdimKept }
            if theirValue == "True", yourValue.map(false_.contains) ?? true { return .keepdimDropped }
            return nil
        default:
            return nil
        }
    }
}

extension GradingText {
    /// The sentence saying what `argument`'s change means, if it says one.
    func meaning(_ argument: WrittenDifference.Argument) -> Phrase? {
        guard let meaning = argument.told, let key = WrittenKey(rawValue: meaning.rawValue) else {
            return nil
        }
        switch meaning {
        case .nMinusOneForN, .nForNMinusOne, .smallestTaken, .largestTaken:
            return Phrase(
                key,
                [
                    "call": argument.callee.range(of: "(…)").map { String(argument.callee[..<$0.lowerBound]) }
                        ?? argument.callee, "yours": argument.yours ?? "", "theirs": argument.theirs ?? "",
                ])
        case .keepdimKept, .keepdimDropped:
            return Phrase(key)
        default:
            return Phrase(key, ["yours": argument.yours ?? "", "theirs": argument.theirs ?? ""])
        }
    }
}
