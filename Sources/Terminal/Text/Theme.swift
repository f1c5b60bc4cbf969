/// The colours and attributes this module draws with, in one place so pictures agree.
public enum Theme {
    /// Level-1 and level-2 headings.
    public static let heading = TextStyle(bold: true, foreground: RGB(95, 175, 255))
    /// Deeper headings.
    public static let subheading = TextStyle(bold: true)
    /// Inline code.
    public static let inlineCode = TextStyle(foreground: RGB(215, 175, 95))
    /// Code block text.
    public static let codeBlock = TextStyle(foreground: RGB(215, 215, 175))
    /// Frames, rules, axes, legends: present but quiet.
    public static let frame = TextStyle(dim: true)
    /// Link text.
    public static let link = TextStyle(underline: true, foreground: RGB(95, 175, 255))
    /// Something wrong (a differing cell in the learner's answer).
    public static let bad = TextStyle(bold: true, foreground: RGB(255, 95, 95))
    /// Something right (the expected value of a differing cell).
    public static let good = TextStyle(bold: true, foreground: RGB(95, 215, 95))
    /// The cells under the moving window in a convolution picture.
    public static let highlight = TextStyle(
        bold: true, foreground: RGB(0, 0, 0), background: RGB(255, 215, 95))
    /// Bars and plotted lines.
    public static let series: [RGB] = [
        RGB(95, 175, 255), RGB(255, 175, 95), RGB(95, 215, 95), RGB(215, 95, 215),
    ]
}
