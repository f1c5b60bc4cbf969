import Foundation
import Wording

/// A comparison written with another operator, both sides as the calculation has them
/// (`g * (pre < 0)` for `g * (pre > 0)`, `sigmoid(z) >= thr` for `sigmoid(z) > thr`, `x != 0` for
/// `x > 0`): a mask, a threshold or a count that keeps other entries. Told by what each operator
/// holds for — the left side smaller, larger, equal, or any of those — which is true of any
/// comparison on any course, whatever the values: the learner typed that operator.
enum ComparedWith: String, Hashable, Sendable, CaseIterable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "=="
    case notEqual = "!="

    /// Where the operator holds, as a catalog phrase.
    var holds: WrittenKey {
        switch self {
        case .less: .holdsLess
        case .lessOrEqual: .holdsLessOrEqual
        case .greater: .holdsGreater
        case .greaterOrEqual: .holdsGreaterOrEqual
        case .equal: .holdsEqual
        case .notEqual: .holdsNotEqual
        }
    }
}

/// The learner's comparison operator and the calculation's, at one place.
struct ComparisonChange: Hashable, Sendable {
    var yours: ComparedWith
    var theirs: ComparedWith
}

extension WrittenDifference {
    /// The operator a call tree's tag compares with (`∘>∘`), if it is one comparison of two sides.
    static func comparisonOperator(_ tree: CallTree) -> ComparedWith? {
        guard case .plain(let tag) = tree.kind, tree.children.count == 2, tag.hasPrefix("∘"),
            tag.hasSuffix("∘"),
            tag.count >= 3
        else { return nil }
        return ComparedWith(rawValue: String(tag.dropFirst().dropLast()))
    }

    /// One comparison of the answer written with another operator than the calculation's at the
    /// same place, its two sides exactly the calculation's; nil otherwise (a side typed otherwise
    /// is another difference, and sides given the other way round are another comparison).
    static func comparison(_ answer: CallTree, _ reference: CallTree) -> Argument? {
        guard let yours = comparisonOperator(answer), let theirs = comparisonOperator(reference),
            yours != theirs,
            zip(answer.children, reference.children).allSatisfy({ $0.key == $1.key })
        else { return nil }
        var argument = Argument(
            parameter: nil, yourValue: unbracketed(answer.text), theirValue: unbracketed(reference.text),
            callee: "",
            offset: reference.offset)
        argument.comparison = ComparisonChange(yours: yours, theirs: theirs)
        return argument
    }
}

extension WrittenDifference {
    /// A comparison's text without the brackets that only group it (`(pre > 0)` → `pre > 0`).
    static func unbracketed(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("("), trimmed.hasSuffix(")") else { return text }
        var depth = 0
        for (index, character) in trimmed.enumerated() {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            // The first bracket closes before the end: it does not enclose the whole.
            if depth == 0, index < trimmed.count - 1 { return text }
        }
        return String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
    }
}

extension GradingText {
    /// "Your answer is the calculation with one comparison written otherwise: `pre < 0` where the
    /// calculation has `pre > 0`. `<` holds where the left side is smaller; the calculation's `>`
    /// where it is larger."
    func comparedOtherwise(_ argument: WrittenDifference.Argument) -> Phrase? {
        guard let change = argument.comparison, let yours = argument.yourValue,
            let theirs = argument.theirValue
        else { return nil }
        return Phrase(
            WrittenKey.comparedOne,
            [
                "yours": yours, "theirs": theirs, "yourOperator": change.yours.rawValue,
                "theirOperator": change.theirs.rawValue, "yourHolds": Phrase(change.yours.holds),
                "theirHolds": Phrase(change.theirs.holds),
            ])
    }
}
