/// How a language chooses the form of a particle that depends on the sound of the word before it,
/// by named rule set.
///
/// A Korean particle has two forms: one after a word that ends in a consonant (`을`, `이`, `은`,
/// `과`, `으로`) and one after a vowel (`를`, `가`, `는`, `와`, `로`). Catalogs write both, paired as
/// Korean software does when it cannot know (`{$piece}을(를)`); when the placeholder's value ends in
/// something whose reading is certain — a Hangul syllable, a digit, a single Latin letter as in
/// `f - 1` or `n` — the pair is replaced by the one form that fits. Anything else (an English word
/// such as `grad`, a symbol) keeps the pair, which is always correct.
///
/// A catalog's `language.json` names its rule (`"particles": "korean"`); a language without one
/// leaves text as written. A new rule set is a case and a switch arm, as for `PluralRule`.
public enum ParticleRule: String, Sendable, CaseIterable {
    /// Korean's 받침 rule: `을(를)`, `이(가)`, `은(는)`, `과(와)` and `(으)로`, in either order.
    case korean

    /// `text`, which follows a placeholder whose value was written as `value`, with a paired
    /// particle at its start (after closing quotes or brackets) replaced by the form that fits.
    func resolve(_ text: String, after value: String) -> String {
        switch self {
        case .korean: return Self.resolveKorean(text, after: value)
        }
    }

    /// A paired particle as catalogs write it, with its form after a consonant and after a vowel.
    /// `(으)로` also takes `로` after ㄹ, which `resolveKorean` handles.
    private static let koreanPairs: [(written: String, afterConsonant: String, afterVowel: String)] = [
        ("을(를)", "을", "를"), ("를(을)", "을", "를"),
        ("이(가)", "이", "가"), ("가(이)", "이", "가"),
        ("은(는)", "은", "는"), ("는(은)", "은", "는"),
        ("과(와)", "과", "와"), ("와(과)", "과", "와"),
        ("(으)로", "으로", "로"),
    ]

    /// Characters that close a quoted or bracketed value; a particle may follow them.
    private static let closers: Set<Character> = ["`", "'", "\"", ")", "]", "}", "’", "”"]

    private static func resolveKorean(_ text: String, after value: String) -> String {
        let lead = text.prefix(while: { closers.contains($0) })
        let rest = text.dropFirst(lead.count)
        guard let pair = koreanPairs.first(where: { rest.hasPrefix($0.written) }),
            let ending = koreanEnding(of: value)
        else { return text }
        let form: String =
            switch ending {
            case .vowel: pair.afterVowel
            case .rieul where pair.written == "(으)로": pair.afterVowel
            case .consonant, .rieul: pair.afterConsonant
            }
        return String(lead) + form + rest.dropFirst(pair.written.count)
    }

    /// How a written value's reading ends, for the particle after it.
    private enum Ending { case vowel, consonant, rieul }

    /// The reading's last sound, when the value's last meaningful character makes it certain.
    private static func koreanEnding(of value: String) -> Ending? {
        let characters = Array(value)
        var index = characters.count - 1
        while index >= 0, closers.contains(characters[index]) || characters[index].isWhitespace { index -= 1 }
        guard index >= 0, let scalar = characters[index].unicodeScalars.first,
            characters[index].unicodeScalars.count == 1
        else { return nil }
        switch scalar.value {
        case 0xAC00...0xD7A3:
            // A precomposed syllable: its final consonant (받침) is its index modulo 28; 8 is ㄹ.
            let final = (scalar.value - 0xAC00) % 28
            return final == 0 ? .vowel : final == 8 ? .rieul : .consonant
        case 0x30...0x39:
            // 영 일 이 삼 사 오 육 칠 팔 구: the reading of the last digit (십, 백, 천, 만 of a
            // number ending in 0 end in a consonant too).
            return Self.digitEndings[Int(scalar.value - 0x30)]
        case 0x41...0x5A, 0x61...0x7A:
            // A single letter as a name (`f`, `n`, `x`): 에프, 엔, 엑스 … A longer word is read as
            // English and cannot be known here.
            if index > 0, characters[index - 1].isLetter || characters[index - 1] == "_" { return nil }
            switch Character(scalar).lowercased() {
            case "l", "r": return .rieul
            case "m", "n": return .consonant
            default: return .vowel
            }
        default: return nil
        }
    }

    private static let digitEndings: [Ending] = [
        .consonant, .rieul, .vowel, .consonant, .vowel, .vowel, .consonant, .rieul, .rieul, .vowel,
    ]
}
