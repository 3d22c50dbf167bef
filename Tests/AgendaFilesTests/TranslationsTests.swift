import Foundation
import IntersessionTestSupport
@testable import Localization
import MeetingModel
import Testing
import Yams

/// The tables compiled from `Translations/` (Scripts/generate-translations.py) match the files.
@Suite struct TranslationsTests {
    func yaml(_ name: String) throws -> [String: Any] {
        let text = try String(
            contentsOf: Repository.root.appendingPathComponent("Translations/\(name)"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    @Test func theLanguageCatalogueIsTheFile() throws {
        let entries = try #require(try yaml("languages.yaml")["languages"] as? [[String: Any]])
        #expect(entries.count == LanguageCatalogue.all.count, "run python3 Scripts/generate-translations.py")
        for (entry, compiled) in zip(entries, LanguageCatalogue.all) {
            #expect(
                "\(entry["code"]!)" == compiled.code && entry["english"] as? String == compiled.english
                    && entry["native"] as? String == compiled.native
                    && entry["direction"] as? String == compiled.direction.rawValue,
                "\(entry) vs \(compiled): run python3 Scripts/generate-translations.py")
        }
        for code in ["en", "fr", "ru", "es", "pt", "ar", "zh"] {
            #expect(LanguageCatalogue.language(code) != nil, "\(code)")
        }
        #expect(
            LanguageCatalogue.language("ar")?.direction == .rtl
                && LanguageCatalogue.language("fr")?.native == "français")
        // Every code is ISO 639-1 as Foundation knows it.
        for l in LanguageCatalogue.all { #expect(Locale.LanguageCode(l.code).isISOLanguage, "\(l.code)") }
    }

    @Test func theInterpretationDefaultsAreTheFile() throws {
        let file = try yaml("interpretation.yaml")
        let rules = try #require(file["rules"] as? [String: String])
        #expect(
            Dictionary(
                uniqueKeysWithValues: rules.map {
                    (SessionKind(rawValue: $0.key)!, InterpretationRule(rawValue: $0.value)!)
                })
                == InterpretationSettings.defaults.rules)
        let limits = try #require(file["limits"] as? [String: Int])
        let d = InterpretationSettings.defaults
        #expect(
            limits == [
                "block_minutes": d.limits.blockMinutes, "blocks_per_day": d.limits.blocksPerDay,
                "minutes_per_day": d.limits.minutesPerDay, "rest_minutes": d.limits.restMinutes,
            ])
        #expect(
            file["default_teams"] as? Int == d.defaultTeams
                && file["interpreters_per_team"] as? Int == d.interpretersPerTeam)
    }

    @Test func theMessageCatalogsAreTheFiles() throws {
        // Each language's screens (messages/LANG.yaml) and its areas (messages/AREA/LANG.yaml).
        let areas = try FileManager.default.contentsOfDirectory(
            atPath: Repository.root.appendingPathComponent("Translations/messages").path
        )
        .filter { !$0.hasSuffix(".yaml") }.sorted()
        #expect(areas == ["cli", "files", "store"])
        for language in Localizer.languages {
            var flat: [String: String] = [:]
            for name in ["messages/\(language).yaml"] + areas.map({ "messages/\($0)/\(language).yaml" }) {
                let file = try yaml(name)
                #expect(file["language"] as? String == language, "\(name)")
                let messages = try #require(file["messages"] as? [String: Any])
                for (key, value) in messages {
                    if let forms = value as? [String: String] {
                        for (category, text) in forms { flat["\(key).\(category)"] = text }
                    } else {
                        flat[key] = "\(value)"
                    }
                }
            }
            #expect(flat == Localizer.catalogs[language], "\(language): run python3 Scripts/generate-translations.py")
        }
        #expect(Set(Localizer.catalogs.keys) == Set(Localizer.languages))
    }
}
