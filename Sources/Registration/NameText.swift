import Foundation

/// How names and searches are compared: the same rule for the store's keys and the screens'
/// search-as-you-type (pure: no database).
public enum NameText {
    /// Text without control characters (terminal escapes included), NFC, inner spaces collapsed.
    public static func clean(_ s: String) -> String {
        if isPrintableASCII(s) { return s.split(separator: " ").joined(separator: " ") }
        let visible = String(
            String.UnicodeScalarView(s.unicodeScalars.filter { !($0.properties.generalCategory == .control) }))
        return nfc(visible).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `s` in NFC, by the standard library: its check says whether `s` is in NFC already (names
    /// typed on any current system are) without a copy, and only other text is normalised.
    /// Foundation's `precomposedStringWithCanonicalMapping` is not used: on Linux it leaves a
    /// Hangul syllable and a following final consonant apart (U+AC38 U+11AF, which NFC composes
    /// to U+AC40) and turns an archaic leading consonant with a vowel (U+1113 U+116D) into
    /// U+FFFD, losing the name; Python's `unicodedata` and the standard library agree on both.
    /// `_nfcCodeUnits` is the standard library's own normalisation (used by its string
    /// comparison), public though underscored: no other public NFC exists in Swift 6.3.
    public static func nfc(_ s: String) -> String {
        var span = s.utf8Span
        return span.checkForNFC(quickCheck: false) ? s : String(decoding: s._nfcCodeUnits, as: UTF8.self)
    }

    /// The key names are compared by: compatibility forms unified (full-width → ASCII), accents
    /// (nonspacing marks) dropped, lower case. "Zoë ÅNGSTRÖM" and "zoe angstrom" share one key.
    public static func folded(_ s: String) -> String {
        folded(cleaned: clean(s))
    }

    /// `folded` of text already through `clean` (a normalised delegate's fields).
    public static func folded(cleaned s: String) -> String {
        if isPrintableASCII(s) { return s.lowercased() }
        let marksDropped = s.decomposedStringWithCompatibilityMapping.unicodeScalars.filter {
            $0.properties.generalCategory != .nonspacingMark
        }
        return String(String.UnicodeScalarView(marksDropped)).lowercased()
    }

    /// Whether `s` holds only printable ASCII (U+0020-U+007E): such text has no control
    /// characters, no white space but the space, and is its own NFC and NFKD form, so the
    /// Unicode passes can be skipped (most names and e-mails of a list).
    public static func isPrintableASCII(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}
