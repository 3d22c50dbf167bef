import CWidth
import MeetingModel

/// How many terminal columns text takes: by grapheme cluster and East-Asian width.
///
/// A CJK character takes two columns, a combining accent none (it is part of its letter's
/// grapheme), an emoji sequence the width of its first scalar, Arabic and Cyrillic letters one.
/// Control characters are never drawn: `visible(_:)` replaces them first.
public enum TextWidth {
    /// Columns of one grapheme cluster.
    public static func of(_ c: Character) -> Int {
        guard let first = c.unicodeScalars.first else { return 0 }
        if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 1 }  // shown as U+FFFD by visible()
        let w = Int(cwidth_wcwidth(wchar_t(bitPattern: first.value)))
        if w < 0 { return 1 }
        // An emoji with its presentation selector takes two columns even where wcwidth says one.
        if c.unicodeScalars.contains("\u{FE0F}") { return 2 }
        return w
    }

    /// Columns of `s`.
    public static func of(_ s: String) -> Int { s.reduce(0) { $0 + of($1) } }

    /// `s` with control characters (C0, C1, DEL: terminal escapes included) replaced by U+FFFD.
    public static func visible(_ s: String) -> String { DisplayText.escaped(s) }

    /// `s` cut to at most `width` columns, ending with "…" when cut; never splits a grapheme.
    public static func truncated(_ s: String, to width: Int) -> String {
        guard of(s) > width else { return s }
        guard width > 0 else { return "" }
        var out = "", used = 0
        for c in s {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// `s` broken into lines of at most `width` columns, at spaces where it can (a word wider
    /// than the line is cut by grapheme, never inside one).
    public static func wrapped(_ s: String, to width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], line = "", used = 0
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            var w = of(String(word))
            if used > 0, used + 1 + w <= width {
                line += " " + word
                used += 1 + w
                continue
            }
            if used > 0 { lines.append(line); line = ""; used = 0 }
            var rest = Substring(word)
            while w > width {
                var piece = "", pw = 0
                while let c = rest.first, pw + of(c) <= width { piece.append(c); pw += of(c); rest = rest.dropFirst() }
                if piece.isEmpty { piece.append(rest.removeFirst()) }  // a grapheme wider than the line
                lines.append(piece)
                w = of(String(rest))
            }
            line = String(rest)
            used = w
        }
        if used > 0 { lines.append(line) }
        return lines
    }

    /// `s` followed by spaces up to `width` columns.
    public static func padded(_ s: String, to width: Int) -> String {
        let w = of(s)
        return w >= width ? s : s + String(repeating: " ", count: width - w)
    }
}
