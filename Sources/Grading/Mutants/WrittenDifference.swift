/// How an answer is written differently from the reference (or a written alternative): the same
/// calls, nested the same way, with one or two arguments changed, added or left out, or one
/// builtin called in another's place with the same arguments (`argmin` for `argmax`, `mean` for
/// `sum`, `max(…).values` for `argmax`) — compared after binding arguments to parameter names
/// (`CallTree`). Such a difference is true by construction: it is what the learner wrote, not a
/// reading of the value.
struct WrittenDifference: Hashable, Sendable {
    /// One argument written otherwise, or one callee called in another's place.
    struct Argument: Hashable, Sendable {
        /// The parameter, or nil for a position of a callee whose parameters are not known, for
        /// a variadic one (`*size`) and for a callee.
        var parameter: String?
        /// The value as the learner wrote it (nil: left out) and as the calculation has it (nil:
        /// not given).
        var yourValue: String?
        var theirValue: String?
        /// The called builtin's name (`conv2d`).
        var callee: String
        /// Whether the two values are the callees themselves (`argmin`, `argmax`), not an argument.
        var isCallee = false
        /// What the change means, where the two calls say it (`WrittenDifference+Meaning`).
        var meaning: Meaning?
        /// Where both values read one 1-d tensor of the setup over other entries (`val[:5]` for
        /// `val[:stopped + 1]`): the first and last entry each reads, yours then theirs.
        var extent: [Int]? = nil

        /// The learner's argument as quoted: `dilation=(2, 1)`, or the value alone.
        var yours: String? { yourValue.map(quoted) }
        /// The calculation's argument as quoted.
        var theirs: String? { theirValue.map(quoted) }

        /// Which argument of which call this is, for comparing two differences.
        var place: String {
            isCallee
                ? "callee:" + (theirValue ?? "") : callee + "." + (parameter ?? yourValue ?? theirValue ?? "")
        }

        private func quoted(_ value: String) -> String { parameter.map { "\($0)=\(value)" } ?? value }
    }

    /// The differing arguments, outermost call first (one or two); none for a step.
    var arguments: [Argument]
    /// A step added or left out (`WrittenDifference+Steps`), where no argument differs.
    var step: Step?

    /// The verdict finding's id.
    static let findingID = "written-difference"
    /// The most arguments a difference may have and still be told.
    static let limit = 2
    /// The longest argument quoted: a longer one would give the calculation away and read badly.
    static let longest = 48

    /// How `answer` differs from `reference` in call arguments only; nil when they differ
    /// otherwise too, in more than `limit` arguments, or not at all.
    static func between(_ answer: CallTree, _ reference: CallTree) -> WrittenDifference? {
        // A number read out around the whole (`int(…)`, `.item()`) is the same number: where only
        // one side reads it out, or the two read it otherwise, the calls inside are compared.
        // (The same reading on both sides is compared as any call: its argument is then the
        // difference, `x=val[best] / train[best]`.)
        let same = answer.isScalarRead && reference.isScalarRead && answer.calleeName == reference.calleeName
        let answer = same ? answer : answer.scalarRead
        let reference = same ? reference : reference.scalarRead
        guard answer.key != reference.key, let found = differences(answer, reference),
            (1...limit).contains(found.count),
            found.allSatisfy({ ($0.yours?.count ?? 0) <= longest && ($0.theirs?.count ?? 0) <= longest })
        else { return nil }
        return WrittenDifference(arguments: found)
    }

    /// Families of builtins each of which, in another's place with the same arguments, computes
    /// something else that the two names say: reductions and rankings (`argmin` for `argmax`,
    /// `mean` for `sum`, `var` for `std`), convolutions (`conv_transpose2d` for `conv2d`). Other
    /// callees may be spellings of one calculation (`view` and `reshape`) or compute something
    /// unrelated (`numel` for `sum`).
    static let families: [Set<String>] = [
        [
            "sum", "mean", "nansum", "nanmean", "prod", "std", "var", "median", "amax", "amin", "max", "min",
            "argmax", "argmin", "any", "all", "norm", "logsumexp", "count_nonzero", "cumsum", "cumprod",
            "softmax", "log_softmax", "topk", "sort", "kthvalue", "argsort", "cummin", "cummax",
        ],
        ["conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d"],
    ]

    /// Whether two callees (or halves of pairs, `max(…).values`) are of one family.
    static func related(_ a: String, _ b: String) -> Bool {
        let base = { (name: String) in name.range(of: "(…)").map { String(name[..<$0.lowerBound]) } ?? name }
        return families.contains { $0.contains(base(a)) && $0.contains(base(b)) }
    }

    /// The argument differences, or nil when the trees differ elsewhere.
    private static func differences(_ answer: CallTree, _ reference: CallTree) -> [Argument]? {
        if answer.key == reference.key { return [] }
        switch (answer.kind, reference.kind) {
        case (.plain(let a), .plain(let r)):
            guard a == r, answer.children.count == reference.children.count else { return nil }
            var found: [Argument] = []
            for (x, y) in zip(answer.children, reference.children) {
                guard let inner = differences(x, y) else { return nil }
                found += inner
                if found.count > limit { return nil }
            }
            return found
        case (.call(let a, let named), .call(let r, let known)):
            var found: [Argument] = []
            if a != r {
                // Another builtin in the same place, given only what both take: the callee is
                // the difference (`argmin` for `argmax`), its arguments are compared as ever.
                guard named, known, related(answer.calleeName, reference.calleeName),
                    answer.arguments.keys.allSatisfy(reference.order.contains),
                    reference.arguments.keys.allSatisfy(answer.order.contains)
                else { return nil }
                found.append(
                    Argument(
                        parameter: nil, yourValue: answer.calleeName, theirValue: reference.calleeName,
                        callee: answer.calleeName, isCallee: true,
                        meaning: meaning(called: answer, for: reference)))
            }
            let names = answer.order + reference.order.filter { !answer.order.contains($0) }
            for name in names {
                let x = answer.arguments[name]
                let y = reference.arguments[name]
                // A position (`#0`) or a variadic parameter (`*size`) is quoted by its value alone.
                let parameter = named && !name.hasPrefix("#") && !name.hasPrefix("*") ? name : nil
                switch (x, y) {
                case (nil, nil): continue
                case (let x?, let y?):
                    if x.tree.key == y.tree.key { continue }
                    // A conversion to floats (`(p == t).float()`) computes the same values.
                    if x.tree.unconverted.key == y.tree.unconverted.key { continue }
                    // The same call inside: the difference is deeper.
                    if let inner = differences(x.tree.unconverted, y.tree.unconverted), !inner.isEmpty {
                        found += inner
                    } else {
                        found.append(
                            Argument(
                                parameter: parameter, yourValue: x.text, theirValue: y.text,
                                callee: answer.calleeName))
                    }
                case (let x?, nil):
                    found.append(
                        Argument(
                            parameter: parameter, yourValue: x.text, theirValue: nil,
                            callee: answer.calleeName))
                case (nil, let y?):
                    found.append(
                        Argument(
                            parameter: parameter, yourValue: nil, theirValue: y.text,
                            callee: answer.calleeName))
                }
                if found.count > limit { return nil }
            }
            return found
        default:
            return nil
        }
    }
}
