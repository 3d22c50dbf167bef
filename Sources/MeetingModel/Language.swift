/// Which way a script runs.
public enum ScriptDirection: String, Sendable, Hashable, Codable {
    case ltr, rtl
}

/// A language of the catalogue in `Translations/languages.yaml`.
public struct Language: Sendable, Hashable {
    /// ISO 639-1 code ("fr").
    public let code: String
    /// Name in English ("French").
    public let english: String
    /// Name in the language itself ("français").
    public let native: String
    /// Script direction.
    public let direction: ScriptDirection

    public init(code: String, english: String, native: String, direction: ScriptDirection) {
        self.code = code
        self.english = english
        self.native = native
        self.direction = direction
    }
}

/// The languages Intersession knows by name (compiled from `Translations/languages.yaml`).
public enum LanguageCatalogue {
    private static let byCode: [String: Language] = Dictionary(
        all.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })

    /// The catalogue's entry for `code`, if any.
    public static func language(_ code: String) -> Language? { byCode[code] }

    /// "French (fr)" for a catalogued language, else the code itself.
    public static func englishName(_ code: String) -> String { byCode[code]?.english ?? code }
}
