import AnswerLanguage
import Foundation

/// A part left out (a term, a factor, a divisor) named in the learner's terms, however long it is:
/// "without one of its terms" leaves the learner to guess which, and says nothing the verdict
/// does not. A short part is quoted as written; a long call by its leading call, with what tells it
/// from the part beside it (`parameter_count(nn.ResidualBlock(…, shortcut='zeropad'))`), or with
/// its arguments elided where nothing beside it is the same call (`parameter_count(…)`); a long
/// product or sum by its leading name or call (`w_cls[c] * …`). Where no readable name exists the
/// change is not told at all — a less specific message rather than an empty one.
extension Mutant.Change {
    /// The misconceptions whose sentence names a part left out.
    static let namesDroppedPart: Set<Misconception> = [.termDropped, .factorDropped, .divisorDropped]

    /// The part left out as the sentence quotes it; nil where it cannot be named readably. Only
    /// for `namesDroppedPart` (every other change is quoted as before).
    var readablePiece: String? { ReadablePiece.name(piece, beside: original) }

    /// Whether the sentence of this change can be said: a part left out must have a readable name.
    var isNameable: Bool { !Self.namesDroppedPart.contains(misconception) || readablePiece != nil }
}

extension MutantGroup {
    /// The group, when every change of it can be said; nil when one leaves out a part with no
    /// readable name (the group could be that change: no other of it is told alone either).
    var nameable: MutantGroup? {
        mutants.allSatisfy { $0.changes.allSatisfy(\.isNameable) } ? self : nil
    }
}

/// Readable names of long parts (`Mutant.Change.readablePiece`).
enum ReadablePiece {
    /// A part up to this long is quoted whole.
    static let quoted = 40
    /// A shortened name longer than this no longer reads as a name.
    static let longest = 60
    /// A leading name or call longer than this does not name a product or a sum readably.
    static let leading = 32

    /// `piece` as a sentence names it, `original` being the reference's part it was left out of
    /// (the sum or product, as written; empty when unknown). Nil when no readable name exists.
    static func name(_ piece: String, beside original: String) -> String? {
        guard !piece.isEmpty, !piece.contains("\n"), !piece.contains(";") else { return nil }
        if piece.count <= quoted { return piece }
        guard let node = try? Parser.parseExpression(piece) else { return nil }
        let text = SourceText(piece)
        let sibling = Self.sibling(of: piece, in: original)
        guard let short = shortened(node, text, sibling: sibling, within: original), short.count <= longest
        else { return nil }
        return short
    }

    /// The operand beside `piece` in `original` when `original` is one binary operation with
    /// `piece` as one operand, with its own text.
    private static func sibling(of piece: String, in original: String) -> (ExpressionSyntax, SourceText)? {
        guard !original.isEmpty, let node = try? Parser.parseExpression(original),
            case .binary(_, let left, let right) = node.kind
        else { return nil }
        let text = SourceText(original)
        let bare = unparenthesised(piece)
        if unparenthesised(text(right)) == bare { return (left, text) }
        if unparenthesised(text(left)) == bare { return (right, text) }
        return nil
    }

    /// `text` without the brackets around the whole of it.
    private static func unparenthesised(_ text: String) -> String {
        var result = text.trimmingCharacters(in: .whitespaces)
        while result.hasPrefix("("), result.hasSuffix(")"), balanced(String(result.dropFirst().dropLast())) {
            result = String(result.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    /// Whether round brackets never close before they open in `text`, and all close.
    private static func balanced(_ text: String) -> Bool {
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" {
                depth -= 1
                if depth < 0 { return false }
            }
        }
        return depth == 0
    }

    /// The shortened name of `node`, or nil.
    private static func shortened(
        _ node: ExpressionSyntax, _ text: SourceText, sibling: (ExpressionSyntax, SourceText)?,
        within original: String
    ) -> String? {
        switch node.kind {
        case .call(let callee, let arguments):
            let name = text(callee)
            guard name.count <= quoted, !arguments.isEmpty else { return nil }
            if let (other, otherText) = sibling, case .call(let otherCallee, let others) = other.kind,
                otherText(otherCallee) == name
            {
                return distinguished(name, arguments, text, from: others, otherText)
            }
            // Elided whole, the call must be the only one of its kind in the part it was left out
            // of, or the name would fit another part too.
            guard occurrences(of: name + "(", in: original) <= 1 else { return nil }
            return name + "(…)"
        case .binary(let op, let left, _):
            // A product or sum by its leading part: a name, an entry, or a call told from the
            // same call leading the part beside it (`min(img_w, cx + cut // 2) - …`).
            var lead = text(left)
            switch left.kind {
            case .name, .attribute, .subscript: break
            case .call(let callee, let arguments):
                if let (other, otherText) = sibling, case .binary(op, let otherLeft, _) = other.kind,
                    case .call(let otherCallee, let others) = otherLeft.kind,
                    otherText(otherCallee) == text(callee),
                    let short = distinguished(text(callee), arguments, text, from: others, otherText)
                {
                    lead = short
                }
            default:
                return nil
            }
            // A lead the part beside it shares would name both.
            if let (other, otherText) = sibling, case .binary(op, let otherLeft, _) = other.kind,
                otherText(otherLeft) == text(left)
            {
                return nil
            }
            guard lead.count <= leading else { return nil }
            return "\(lead) \(op.rawValue) …"
        default:
            return nil
        }
    }

    /// `name(…)` with only the arguments that differ from the same call beside it (`others`): a
    /// run of arguments alike is one `…`; a differing argument that is the same call again is
    /// shortened the same way. Nil when nothing differs.
    private static func distinguished(
        _ name: String, _ arguments: [ArgumentSyntax], _ text: SourceText,
        from others: [ArgumentSyntax], _ otherText: SourceText
    ) -> String? {
        var parts: [String] = []
        var elided = false
        var differs = false
        for (index, argument) in arguments.enumerated() {
            let counterpart =
                argument.name.map { name in others.first { $0.name == name } }
                ?? (index < others.count && others[index].name == nil ? others[index] : nil)
            if let counterpart, otherText(counterpart.value) == text(argument.value) {
                if !elided { parts.append("…") }
                elided = true
                continue
            }
            elided = false
            differs = true
            var written = text(argument.value)
            if let counterpart, case .call(let callee, let inner) = argument.value.kind,
                case .call(let otherCallee, let otherInner) = counterpart.value.kind,
                text(callee) == otherText(otherCallee),
                let short = distinguished(text(callee), inner, text, from: otherInner, otherText)
            {
                written = short
            }
            parts.append(argument.name.map { "\($0)=\(written)" } ?? written)
        }
        guard differs else { return nil }
        return name + "(" + parts.joined(separator: ", ") + ")"
    }

    /// How often `needle` occurs in `haystack`.
    private static func occurrences(of needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }
}
