import AnswerLanguage

/// The padding an answer types into its calls, read against a size story told by the number
/// alone. A size f − 1 larger than expected reads as the kernel's shrink forgotten, but
/// `conv2d(zeros(1, 1, n, n), zeros(1, 1, f, f), padding=1).shape[2]` convolved, shrank, and
/// padded back: what it did is the padding it typed. The story is then the padding added, where
/// the typed padding makes the whole difference, and no size story where it does not.
extension PreparedExercise {
    /// What a size story becomes for an answer that types a padding.
    enum TypedPaddingReading: Equatable {
        /// The answer types no padding: the story stands.
        case keep
        /// The answer's typed padding of `p` on each side is the difference: padding added (where
        /// the exercise pads, by the same `p`: added twice).
        case added(Int)
        /// The answer pads, but not by the difference (or by an amount not known): no size story.
        case plain
    }

    /// The size stories a typed padding is read against.
    static let paddingStories: Set<Diagnosis.Finding> = [
        .kernelShrinkForgotten, .shrankByKernel, .paddingForgotten, .paddingAdded, .paddingCountedOnce,
    ]

    /// How the story `story` of a size, told of the number `answer` where `expected` is asked,
    /// reads for the answer typed as `source`, given the paddings it types (`typedPaddings`). A
    /// size story yields to the typed padding; a story that is not specific gives way to the
    /// padding added where that is the difference.
    func typedPaddingReading(
        _ story: Diagnosis, answer: Double, expected: Double, source: String?, session: TimedInterpreter
    ) -> TypedPaddingReading {
        let sizeStory = Self.paddingStories.contains(story.finding)
        // A padding that grows a size by 2p is an ordinary convolution's: a transposed one trims.
        guard sizeStory || !story.isSpecific, diagnosisContext.quantity == .size,
            diagnosisContext.sizeFormula.tellsConvolutionStories, let source
        else {
            return .keep
        }
        let typed = Self.typedPaddings(source)
        guard !typed.isEmpty else { return .keep }
        let amounts = typed.map { $0.flatMap { Self.wholeNumber($0, session: session) } }
        let delta = answer - expected
        // A padding the exercise has, typed again, is "added twice"; another one is no story.
        let known = diagnosisContext.padding
        // A padding is a size: one past 2³⁰ (`padding=2**62`, typed where it is never evaluated)
        // is no padding a story is told of, and twice it would overflow.
        guard let first = amounts.first, let p = first, (1...(1 << 30)).contains(p),
            amounts.allSatisfy({ $0 == p }), delta == Double(2 * p), known == nil || known == p
        else { return sizeStory ? .plain : .keep }
        return .added(p)
    }

    /// The padding arguments the answer typed as `source` gives the calls of its last expression
    /// (`padding=…`), as typed; nil for one that is a string (`'same'`), whose amount depends on the kernel. A
    /// padding of 0 (or `'valid'`) pads nothing and is not listed.
    static func typedPaddings(_ source: String) -> [String?] {
        guard let typed = TypedAnswer(source) else { return [] }
        var found: [String?] = []
        func visit(_ node: ExpressionSyntax) {
            if case .call(_, let arguments) = node.kind {
                for argument in arguments where argument.name == "padding" && pads(argument.value) {
                    if case .string = argument.value.kind {
                        found.append(nil)
                    } else {
                        found.append(typed.text(argument.value))
                    }
                }
            }
            for child in node.kind.children { visit(child) }
        }
        visit(typed.last)
        return found
    }

    /// A padding typed as a number, a name or a pair of equal ones (`(1, 1)`), as a whole number.
    private static func wholeNumber(_ text: String, session: TimedInterpreter) -> Int? {
        guard let value = try? session.evaluate(text) else { return nil }
        switch value {
        case .int(let p): return p
        case .tuple(let items) where !items.isEmpty:
            let sizes = items.compactMap { item -> Int? in
                if case .int(let p) = item { return p }
                return nil
            }
            guard sizes.count == items.count, Set(sizes).count == 1 else { return nil }
            return sizes[0]
        default: return nil
        }
    }
}
