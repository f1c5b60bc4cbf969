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
        /// What the learner's callee and the calculation's compute, where both are described
        /// (`WrittenDifference+Families`): `log10` for `log`.
        var computesYours: ComputesKey?
        var computesTheirs: ComputesKey?
        /// Whether the two values are a number or a name typed in the calculation's arithmetic
        /// (`0.5` where it compares with `thr`), not an argument of a call.
        var isOperand = false
        /// For two arguments of one call given the other way round: the second parameter
        /// (`parameter` is the first, `yourValue` what the learner gives it, `theirValue` what the
        /// calculation gives it, which the learner gives the second).
        var swappedWith: String?
        /// Where the calculation's part starts in its text (an operand's place).
        var offset: Int?
        /// An operand's values where it is a name of a number (`thr`, 0.7), to say with it.
        var yourNumber: Double?
        var theirNumber: Double?
        /// For a list of numbers written otherwise, the entry that differs
        /// (`WrittenDifference+Entries`): told in place of the two whole lists.
        var entry: EntryChange?
        /// For one comparison written with another operator, its sides the same (`pre < 0` for
        /// `pre > 0`): the learner's operator and the calculation's (`WrittenDifference+Comparisons`).
        var comparison: ComparisonChange?
        /// Whether the two values are what a method is called on (`net(img).sum()` of
        /// `net(img).sum().backward()`), said as such, not as an argument `input=`.
        var isReceiver = false

        /// The learner's argument as quoted: `dilation=(2, 1)`, or the value alone.
        var yours: String? { yourValue.map(quoted) }
        /// The calculation's argument as quoted.
        var theirs: String? { theirValue.map(quoted) }

        /// Which argument of which call this is, for comparing two differences.
        var place: String {
            if isOperand { return "operand@\(offset ?? -1)" }
            if comparison != nil { return "comparison@\(offset ?? -1)" }
            if swappedWith != nil { return callee + ".swap" }
            return isCallee
                ? "callee:" + (theirValue ?? "") : callee + "." + (parameter ?? yourValue ?? theirValue ?? "")
        }

        private func quoted(_ value: String) -> String { parameter.map { "\($0)=\(value)" } ?? value }
    }

    /// The differing arguments, outermost call first (one or two); none for a step.
    var arguments: [Argument]
    /// A step added or left out (`WrittenDifference+Steps`), where no argument differs.
    var step: Step?
    /// The name a step of the calculation binds, where the answer is that step's value and
    /// stops there (`WrittenReading.earlierStep`).
    var stoppedAt: String? = nil

    /// The verdict finding's id.
    static let findingID = "written-difference"
    /// The most arguments a difference may have and still be told.
    static let limit = 2
    /// The longest argument quoted: a longer one would give the calculation away and read badly.
    static let longest = 48

    /// How `answer` differs from `reference` in call arguments only; nil when they differ
    /// otherwise too, in more than `limit` arguments, or not at all.
    /// With `operands`, a number or a name typed otherwise in the arithmetic (`x > 0.5` for
    /// `x > thr`) is one too, when it is the only difference.
    static func between(_ answer: CallTree, _ reference: CallTree, operands: Bool = false)
        -> WrittenDifference?
    {
        // A number read out around the whole (`int(…)`, `.item()`) is the same number: where only
        // one side reads it out, or the two read it otherwise, the calls inside are compared.
        // (The same reading on both sides is compared as any call: its argument is then the
        // difference, `x=val[best] / train[best]`.)
        let same = answer.isScalarRead && reference.isScalarRead && answer.calleeName == reference.calleeName
        let answer = same ? answer : answer.scalarRead
        let reference = same ? reference : reference.scalarRead
        guard answer.key != reference.key, let found = differences(answer, reference, operands: operands),
            (1...limit).contains(found.count),
            !found.contains(where: \.isOperand) || found.count == 1,
            found.allSatisfy({ ($0.yours?.count ?? 0) <= longest && ($0.theirs?.count ?? 0) <= longest })
        else { return nil }
        return WrittenDifference(arguments: found)
    }

    /// The argument differences, or nil when the trees differ elsewhere.
    private static func differences(_ answer: CallTree, _ reference: CallTree, operands: Bool) -> [Argument]?
    {
        if answer.key == reference.key { return [] }
        switch (answer.kind, reference.kind) {
        case (.plain(let a), .plain(let r)):
            if a != r, let comparison = comparison(answer, reference) { return [comparison] }
            if operands, a != r, answer.isOperand, reference.isOperand {
                return [
                    Argument(
                        parameter: nil, yourValue: answer.text, theirValue: reference.text, callee: "",
                        isOperand: true, offset: reference.offset)
                ]
            }
            guard a == r, answer.children.count == reference.children.count else { return nil }
            var found: [Argument] = []
            for (x, y) in zip(answer.children, reference.children) {
                guard let inner = differences(x, y, operands: operands) else { return nil }
                found += inner
                if found.count > limit { return nil }
            }
            return found
        case (.call(let a, let named), .call(let r, let known)):
            if a == r, named, let swap = swapped(answer, reference) { return [swap] }
            var found: [Argument] = []
            var renamed: (yours: String, theirs: String)?
            var onlyOne: Set<String> = []
            if a != r {
                // Another builtin in the same place, given only what both take: the callee is
                // the difference (`argmin` for `argmax`), its arguments are compared as ever.
                guard named, known, related(answer.calleeName, reference.calleeName) else { return nil }
                // One argument each, given as each callee's first parameter (`int(x)` for
                // `math.floor(x)`): the same data under two parameter names.
                if let yours = answer.order.first, let theirs = reference.order.first, yours != theirs,
                    Array(answer.arguments.keys) == [yours], Array(reference.arguments.keys) == [theirs]
                {
                    renamed = (yours, theirs)
                } else {
                    // A `dim` only one of the two takes (`softmax(z, dim=0)` for `sigmoid(z)`) is
                    // no argument left out or added: the other callee has none to give.
                    guard answer.arguments.keys.allSatisfy({ reference.order.contains($0) || $0 == "dim" }),
                        reference.arguments.keys.allSatisfy({ answer.order.contains($0) || $0 == "dim" })
                    else { return nil }
                    onlyOne = Set(answer.order).symmetricDifference(reference.order).filter { $0 == "dim" }
                }
                let computation = computation(called: answer, for: reference)
                found.append(
                    Argument(
                        parameter: nil, yourValue: answer.calleeName, theirValue: reference.calleeName,
                        callee: answer.calleeName, isCallee: true,
                        meaning: meaning(called: answer, for: reference), computesYours: computation?.0,
                        computesTheirs: computation?.1))
            }
            if let renamed {
                guard let x = answer.arguments[renamed.yours], let y = reference.arguments[renamed.theirs],
                    let inner = differences(x.tree.unconverted, y.tree.unconverted, operands: operands),
                    inner.isEmpty
                else { return nil }
                return found
            }
            let names = answer.order + reference.order.filter { !answer.order.contains($0) }
            for name in names where !onlyOne.contains(name) {
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
                    // A number typed otherwise is told as the argument it is (`dim=1`), and as
                    // an operand only inside a calculation of data, alone.
                    if let inner = differences(x.tree.unconverted, y.tree.unconverted, operands: operands),
                        !inner.isEmpty,
                        !inner.contains(where: \.isOperand)
                            || (inner.count == 1 && !x.tree.unconverted.children.isEmpty)
                    {
                        found += inner
                    } else {
                        let receiver = answer.receiver == name && reference.receiver == name
                        found.append(
                            Argument(
                                parameter: receiver ? nil : parameter, yourValue: x.text, theirValue: y.text,
                                callee: answer.calleeName, isReceiver: receiver))
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

extension WrittenDifference {
    /// Two arguments of one call given the other way round (`binary_cross_entropy_with_logits(t,
    /// z)` for `(z, t)`, `b.matmul(a)` for `a.matmul(b)`), the rest the same; nil for a callee
    /// whose two data parameters may be swapped for the same value, and for positions of an
    /// unknown callee.
    fileprivate static func swapped(_ answer: CallTree, _ reference: CallTree) -> Argument? {
        guard !symmetric.contains(answer.calleeName),
            Set(answer.arguments.keys) == Set(reference.arguments.keys)
        else { return nil }
        let differing = reference.order.filter { name in
            guard let x = answer.arguments[name], let y = reference.arguments[name] else { return false }
            return x.tree.key != y.tree.key
        }
        guard differing.count == 2, let first = differing.first, let second = differing.last,
            !first.hasPrefix("*"), !second.hasPrefix("*"),
            let a1 = answer.arguments[first], let a2 = answer.arguments[second],
            let r1 = reference.arguments[first], let r2 = reference.arguments[second],
            a1.tree.key == r2.tree.key, a2.tree.key == r1.tree.key
        else { return nil }
        return Argument(
            parameter: first, yourValue: a1.text, theirValue: r1.text, callee: answer.calleeName,
            swappedWith: second)
    }
}

extension CallTree {
    /// Whether the node is a number or a plain name (`0.5`, `thr`) as typed in arithmetic; not a
    /// string, `True`, `False` or `None`.
    var isOperand: Bool {
        guard case .plain(let tag) = kind, children.isEmpty else { return false }
        if tag.hasPrefix("int:") || tag.hasPrefix("float:") { return true }
        guard let first = tag.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
            !["True", "False", "None"].contains(tag)
        else { return false }
        return tag.unicodeScalars.allSatisfy {
            $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
        }
    }
}
