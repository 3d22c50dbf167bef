/// The one rule for text that reaches a terminal or a document.
///
/// Terminal escape injection is our XSS: ESC, BEL and the other C0 and C1 controls, bidi
/// overrides and isolates (U+202A-U+202E, U+2066-U+2069) and invisible format characters would
/// let a title or a name set a window's title, clear a screen or show itself reversed. Readers
/// refuse them where data comes in (agenda fields, registrations) with a message naming the
/// character; whatever still reaches an output (older data, a file's cell quoted in a message) is
/// shown escaped, `\u{202E}`, never raw. A zero-width joiner or non-joiner between two letters
/// (Persian, Indic scripts, emoji sequences) is part of the writing and stays.
public enum DisplayText {
    /// The first scalar of `text` that may not be shown as it is, if any; a line feed is allowed
    /// when `newlines` (notes).
    public static func firstUnsafe(_ text: String, newlines: Bool = false) -> Unicode.Scalar? {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() where isUnsafe(s, at: i, in: scalars, newlines: newlines) { return s }
        return nil
    }

    /// `text` with every unsafe scalar written as `\u{XXXX}` (line feeds too unless `newlines`).
    public static func escaped(_ text: String, newlines: Bool = false) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, s) in scalars.enumerated() {
            if isUnsafe(s, at: i, in: scalars, newlines: newlines) {
                out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// How a message names a scalar: `U+202E`.
    public static func code(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func isUnsafe(_ s: Unicode.Scalar, at i: Int, in scalars: [Unicode.Scalar], newlines: Bool) -> Bool {
        if s == "\n" { return !newlines }
        switch s.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return true
        case .format:
            // ZWNJ and ZWJ inside a word (between letters, marks or emoji) are writing.
            guard s.value == 0x200C || s.value == 0x200D, i > 0, i + 1 < scalars.count else { return true }
            return !(isWordPart(scalars[i - 1]) && isWordPart(scalars[i + 1]))
        default:
            return false
        }
    }

    static func isWordPart(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return s.properties.isEmoji && s.value > 0x7F
        }
    }
}
