/// Display widths: how many terminal columns text occupies.
///
/// East Asian wide and fullwidth characters (Hangul syllables and Jamo, CJK ideographs, kana,
/// fullwidth forms, emoji) take two columns; combining marks, format characters and variation
/// selectors take none. ANSI escape sequences (CSI and OSC) take none either, so the width of an
/// already styled line is the width the reader sees. This is the one width table of the package:
/// the terminal's layouts, the answer language's caret and the grader's side-by-side view all measure
/// with it (`String.count` counts grapheme clusters, not columns, and would misalign Korean text).

/// The number of terminal columns `text` occupies, ignoring ANSI escape sequences.
///
/// - Complexity: O(n) in the number of characters.
public func displayWidth(_ text: some StringProtocol) -> Int {
    var width = 0
    var scanner = EscapeScanner()
    for character in text where !scanner.consumes(character) {
        width += displayWidth(character)
    }
    return width
}

/// The number of terminal columns one grapheme cluster occupies (0, 1 or 2).
public func displayWidth(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if scalars.count == 1 { return displayWidth(first) }
    // Emoji presentation selector turns a narrow emoji-capable base into a wide picture.
    if scalars.contains("\u{FE0F}") && first.properties.isEmoji { return 2 }
    // A regional-indicator pair is a flag, drawn two columns wide.
    if isRegionalIndicator(first) { return 2 }
    var width = 0
    for scalar in scalars { width = max(width, displayWidth(scalar)) }
    return width
}

/// The number of terminal columns one Unicode scalar occupies on its own (0, 1 or 2).
public func displayWidth(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }
    if isZeroWidth(scalar) { return 0 }
    return isWide(value) ? 2 : 1
}

/// Whether a scalar is drawn over its neighbour (combining marks, format characters, selectors).
private func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    // Hangul medial vowels and final consonants join the initial consonant before them.
    if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return true }
    if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { return true }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return false
    }
}

private func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
    (0x1F1E6...0x1F1FF).contains(scalar.value)
}

/// East Asian Width "W" and "F" ranges (Unicode 15 EastAsianWidth.txt, merged where adjacent).
private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
    0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
    0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
    0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
    0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
    0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
    0x2E80...0x303E, 0x3041...0x3247, 0x3250...0x4DBF, 0x4E00...0xA4CF, 0xA960...0xA97F,
    0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F004...0x1F004,
    0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320,
    0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
    0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC,
    0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596,
    0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2,
    0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB,
    0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
    0x20000...0x2FFFD, 0x30000...0x3FFFD,
]

/// Binary search over `wideRanges`, which are sorted and disjoint.
private func isWide(_ value: UInt32) -> Bool {
    if value < 0x1100 { return false }
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
        let middle = (low + high) / 2
        let range = wideRanges[middle]
        if value < range.lowerBound {
            high = middle - 1
        } else if value > range.upperBound {
            low = middle + 1
        } else {
            return true
        }
    }
    return false
}

/// Recognises ANSI escape sequences character by character, so widths and truncation skip them.
package struct EscapeScanner {
    private enum State { case text, escape, csi, osc, oscEscape }
    private var state = State.text

    package init() {}

    /// Whether `character` belongs to an escape sequence (and so occupies no column).
    package mutating func consumes(_ character: Character) -> Bool {
        let scalar = character.unicodeScalars.first!
        switch state {
        case .text:
            if scalar == "\u{1B}" {
                state = .escape
                return true
            }
            return false
        case .escape:
            state = scalar == "[" ? .csi : scalar == "]" ? .osc : .text
            return true
        case .csi:
            if (0x40...0x7E).contains(scalar.value) { state = .text }
            return true
        case .osc:
            if scalar == "\u{07}" { state = .text } else if scalar == "\u{1B}" { state = .oscEscape }
            return true
        case .oscEscape:
            state = .text
            return true
        }
    }
}
