import Foundation

/// Usernames derived from names: ASCII-folded, first initial and family name ("Алексей Моисеев" → amoiseev).
public enum Usernames {
    public static func base(given: String, family: String) -> String {
        func ascii(_ s: String) -> String {
            let latin =
                s.applyingTransform(.toLatin, reverse: false)?.applyingTransform(.stripDiacritics, reverse: false) ?? s
            return latin.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
                .map(String.init).joined()
        }
        let g = ascii(given), f = ascii(family)
        let name = (g.first.map(String.init) ?? "") + f
        return name.isEmpty ? "delegate" : String(name.prefix(24))
    }
}
