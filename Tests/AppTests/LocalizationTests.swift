import AppCore
import Foundation
import IntersessionTestSupport
@testable import Localization
import MeetingModel
import Rendering
import Scheduling
import Store
@testable import Screens
import Testing

/// The delegates' screens in the catalog languages (Translations/messages).
@Suite struct LocalizationTests {
    /// Every key the code asks for: the literal ones in Sources/, plus the families built from
    /// names (session-language reasons, key bindings, help contexts).
    static func usedKeys() throws -> (asked: Set<String>, literals: Set<String>) {
        var asked = Set<String>(), literals = Set<String>()
        let call = try NSRegularExpression(
            pattern: #"\b(?:l|l10n|state\.l10n|self|cli|Message)(?:\.plural)?\(\s*"([a-z][a-z0-9.-]*[a-z0-9])""#)
        let literal = try NSRegularExpression(pattern: #""([a-z][a-z0-9-]*\.[a-z0-9.-]*[a-z0-9])""#)
        let root = Repository.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
        for file in files where !file.lastPathComponent.hasSuffix("+Data.swift") {
            let text = try String(contentsOf: file, encoding: .utf8)
            let all = NSRange(text.startIndex..., in: text)
            for m in call.matches(in: text, range: all) { asked.insert(String(text[Range(m.range(at: 1), in: text)!])) }
            for m in literal.matches(in: text, range: all) {
                literals.insert(String(text[Range(m.range(at: 1), in: text)!]))
            }
        }
        // Families whose keys are made from names.
        var families = Set<String>()
        for reason in ["floor", "rule", "agenda", "requested"] { families.insert("reason." + reason) }
        for b in KeyBindings.table + KeyBindings.desk + KeyBindings.board + KeyBindings.builder + KeyBindings.modal {
            families.insert("key." + b.name)
        }
        for c in KeyContext.allCases {
            families.insert("help.context." + c.rawValue.replacingOccurrences(of: " ", with: "-"))
        }
        for kind in ["added", "removed", "moved", "room-changed"] { families.insert("change." + kind) }
        for kind in SessionKind.allCases { families.insert("kind." + kind.rawValue) }
        for band in ComfortBand.allCases { families.insert("band." + band.rawValue) }
        for status in RegistrationStatus.allCases { families.insert("status." + status.rawValue) }
        for role in DelegateRole.allCases { families.insert("role." + role.rawValue) }
        for field in RegistrationForm.fields { families.insert("form.field." + field) }
        // The command line's and the store's.
        for reason in ["floor", "rule", "agenda", "requested", "relay"] { families.insert("cli.need." + reason) }
        for c in ConstraintID.allCases { families.insert("cli.unit." + c.rawValue) }
        for p in Permission.allCases { families.insert("store.permission." + p.key) }
        for c in [KeyContext.global, .lists, .worldClock] {
            families.insert("help.context." + c.rawValue.replacingOccurrences(of: " ", with: "-"))
        }
        return (asked.union(families), literals.union(families))
    }

    /// A catalog's keys, plural ones by their base ("lists.sessions" for "lists.sessions.one"),
    /// from the compiled tables (TranslationsTests proves them equal to the files).
    static func catalogKeys(_ language: String) throws -> (plain: Set<String>, plural: [String: Set<String>]) {
        var plain = Set<String>(), plural: [String: Set<String>] = [:]
        let categories: Set<String> = ["zero", "one", "two", "few", "many", "other"]
        for key in try #require(Localizer.catalogs[language]).keys {
            let parts = key.split(separator: ".")
            if let last = parts.last, categories.contains(String(last)), parts.count > 1 {
                plural[parts.dropLast().joined(separator: "."), default: []].insert(String(last))
            } else {
                plain.insert(key)
            }
        }
        return (plain, plural)
    }

    @Test(arguments: Localizer.languages)
    func noKeyIsMissingOrUnused(language: String) throws {
        // Missing: asked for by a call (l("…"), l.plural("…")) but not in the catalog. Unused: in the
        // catalog but written nowhere in the code (as a key literal, e.g. in a ternary).
        let (asked, literals) = try Self.usedKeys()
        let (plain, plural) = try Self.catalogKeys(language)
        let defined = plain.union(plural.keys)
        #expect(asked.subtracting(defined).sorted() == [], "missing in \(language).yaml")
        #expect(defined.subtracting(literals).sorted() == [], "unused in \(language).yaml")
        // Each plural message has every category the language's rules produce.
        let needed: [String: Set<String>] = [
            "en": ["one", "other"], "fr": ["one", "many", "other"], "ru": ["one", "few", "many", "other"],
            "es": ["one", "many", "other"],
        ]
        for (key, categories) in plural {
            #expect(categories == needed[language]!, "\(language): \(key) has \(categories.sorted())")
        }
        #expect(asked.count > 90)
    }

    /// The binding tables keep their English help beside each key (documentation in the code);
    /// the English catalog, which the screens show, says the same.
    @Test func theBindingTablesAndTheEnglishCatalogAgree() {
        for b in KeyBindings.table + KeyBindings.desk + KeyBindings.board + KeyBindings.builder + KeyBindings.modal {
            #expect(Localizer.english("key." + b.name) == b.help, "\(b.name)")
        }
    }

    @Test func pluralRulesAndDatesFollowCLDR() {
        let ru = Localizer("ru"), fr = Localizer("fr"), es = Localizer("es"), en = Localizer.english
        #expect(
            [1, 2, 5, 11, 21, 22, 25, 111, 112].map { Localizer.category($0, language: "ru") } == [
                "one", "few", "many", "many", "one", "few", "many", "many", "many",
            ])
        #expect(
            [0, 1, 2, 1_000_000].map { Localizer.category($0, language: "fr") } == ["one", "one", "other", "many"])
        #expect(
            ru.plural("lists.in-days", 2) == "через 2 дня" && ru.plural("lists.in-days", 5) == "через 5 дней"
                && ru.plural("lists.in-days", 21) == "через 21 день")
        #expect(fr.plural("lists.in-days", 0) == "dans 0 jour" && fr.plural("lists.in-days", 3) == "dans 3 jours")
        let day = CalendarDay(year: 2021, month: 6, day: 22)!
        #expect(en.shortDay(day) == "Tue 22 Jun" && en.longDay(day) == "Tuesday 22 June 2021")
        #expect(fr.shortDay(day) == "mar. 22 juin" && fr.longDay(day) == "mardi 22 juin 2021")
        #expect(ru.longDay(day) == "вторник, 22 июня 2021 г.")
        #expect(es.longDay(day) == "martes, 22 de junio de 2021")
        #expect(
            en.dayOffset(1) == "(+1 day)" && en.dayOffset(-2) == "(-2 days)" && ru.dayOffset(1) == "(+1 день)"
                && en.dayOffset(0) == "")
        // A key no catalog has falls back to English, then to the key itself.
        #expect(Localizer("de").language == "en" && fr("no.such.key") == "no.such.key")
    }

    /// The scheduler's sentences about broken rules in each language (the builder, the board and
    /// the overview show them); English stays word for word what the CLI prints.
    @Test func brokenRulesAreSaidInTheScreensLanguage() throws {
        let problem = try SchedulingProblem(meeting: Fixtures.meeting)
        let clash = Programme(
            meetingID: Fixtures.meeting.id,
            placements: Fixtures.programme.placements.map {
                $0.sessionID == "S04" ? Placement(sessionID: "S04", start: $0.start, room: "A", pinned: false) : $0
            })
        let plan = Plan.of(clash, on: problem)
        func first(_ l: String) throws -> String {
            try #require(
                try ViolationFinder(problem: problem).violations(of: plan).first { $0.constraint == .rooms }?.text(
                    Localizer(l)))
        }
        #expect(try first("en") == "WGM (S03) and CRP (S04) are both in room A on Tue 22 Jun 10:00-11:30 UTC")
        #expect(try first("fr") == "WGM (S03) et CRP (S04) sont toutes deux en salle A le mar. 22 juin 10:00-11:30 UTC")
        #expect(try first("ru") == "WGM (S03) и CRP (S04) оба в зале A: Вт, 22 июня 10:00-11:30 UTC")
        #expect(try first("es") == "WGM (S03) y CRP (S04) están ambas en la sala A el mar, 22 jun 10:00-11:30 UTC")
    }

    @Test func theLanguageComesFromTheFlagThenThePreferenceThenTheEnvironment() {
        #expect(
            Localizer.resolve(flag: "ru", preference: ["fr"], environment: ["LANG": "es_ES.UTF-8"]).language == "ru")
        #expect(
            Localizer.resolve(flag: nil, preference: ["pt", "fr"], environment: ["LANG": "es_ES.UTF-8"]).language
                == "fr")
        #expect(Localizer.resolve(flag: nil, environment: ["LANG": "es_ES.UTF-8"]).language == "es")
        #expect(
            Localizer.resolve(flag: nil, environment: ["LC_ALL": "ru_RU.UTF-8", "LANG": "fr_FR.UTF-8"]).language == "ru"
        )
        #expect(Localizer.resolve(flag: nil, environment: ["LC_ALL": "C", "LANG": "fr_FR.UTF-8"]).language == "en")
        #expect(Localizer.resolve(flag: nil, environment: [:]).language == "en")
    }

    @Test func aDelegatesPreferenceChoosesTheLanguageUnlessTheFlagDid() throws {
        var s = AppState(width: 80, height: 24, now: Fixtures.now, l10n: Localizer("es"))
        // wants interpretation into French
        _ = reduce(&s, .signIn(.answered(.signedIn(try Fixtures.data(Fixtures.alexey)))))
        #expect(s.l10n.language == "fr" && render(s).lines[0].contains("1 Mon programme"))
        var chosen = AppState(width: 80, height: 24, now: Fixtures.now, l10n: Localizer("ru"), languageChosen: true)
        _ = reduce(&chosen, .signIn(.answered(.signedIn(try Fixtures.data(Fixtures.alexey)))))
        #expect(chosen.l10n.language == "ru" && render(chosen).lines[0].contains("1 Моё расписание"))
        var none = AppState(width: 80, height: 24, now: Fixtures.now, l10n: Localizer("es"))
        // no catalog language asked for
        _ = reduce(&none, .signIn(.answered(.signedIn(try Fixtures.data(Fixtures.mohammed)))))
        #expect(none.l10n.language == "es")
    }

    /// The main screens in every language at 80×24: the fixed texts appear whole (nothing of
    /// theirs is cut with "…"), and English reads as before.
    @Test(arguments: Localizer.languages)
    func theMainScreensFitAt80x24(language: String) throws {
        let l = Localizer(language)
        var s = try Fixtures.signedIn(Fixtures.alexey, width: 80, height: 24)
        s.l10n = l
        s.languageChosen = true
        let schedule = render(s).lines
        #expect(schedule[0].contains("1 " + l("tab.schedule")) && schedule[0].contains("3 " + l("tab.world-clock")))
        #expect(
            schedule[2] == l("lists.times-in", ["zone": l("zone.mine", ["zone": "Europe/Moscow"])]), "\(schedule[2])")
        for column in ["column.day", "column.time", "column.session"] {
            #expect(schedule[3].contains(l(column)), "\(schedule[3])")
        }
        #expect(schedule.contains { $0.contains(l.shortDay(CalendarDay(year: 2021, month: 6, day: 21)!)) })
        #expect(schedule[23].contains(l("hint.quit")) && schedule[23].contains(l("hint.zone")), "\(schedule[23])")
        s.showHelp = true
        let help = render(s).lines
        #expect(help.contains { $0.contains(l("help.title")) })
        // Inside the help box (between its borders) no line is cut.
        for line in help where line.filter({ $0 == "│" }).count >= 2 {
            let inside = line.split(separator: "│", omittingEmptySubsequences: false).dropFirst().first ?? ""
            #expect(!inside.contains("…"), "\(language): \(line)")
        }
        s.showHelp = false
        s.views.tab = .worldClock
        #expect(
            render(s).lines[1].hasPrefix(
                l(
                    "clock.heading",
                    [
                        "day": l.shortDay(CalendarDay(year: 2021, month: 6, day: 22)!),
                        "hour": String(format: "%02d", s.views.clockHour),
                    ])))
        var signIn = AppState(width: 80, height: 24, now: Fixtures.now, l10n: l)
        signIn.signIn = SignInForm()
        let form = render(signIn).text
        for key in ["signin.title", "signin.intro", "signin.username", "signin.secret"] {
            #expect(form.contains(l(key)), "\(language): \(key)")
        }
        #expect(form.contains(l("signin.hint", ["escape": l("signin.escape-quit")])), "\(form)")
    }
}
