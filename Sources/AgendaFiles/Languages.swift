import Foundation

/// Whether `code` is a two-letter ISO 639-1 language code (lowercase), per Foundation's list.
func isISO6391(_ code: String) -> Bool {
    code.count == 2 && code == code.lowercased() && Locale.LanguageCode(code).isISOLanguage
}
