import Foundation
import MeetingModel
import Synchronization

/// The user-visible text of the delegates' screens and of the printed programmes, in one of the
/// catalog languages (Translations/messages/*.yaml, compiled into Messages+Data.swift).
///
/// `{name}` placeholders are filled from the arguments; plural messages have one entry per CLDR
/// plural category (`key.one`, `key.few`, `key.many`, `key.other`). A key missing in a language
/// falls back to English. Day and month names come from Foundation's CLDR data for the language;
/// times stay 24-hour everywhere.
public struct Localizer: Sendable, Equatable {
    /// The catalog languages, English first (the fallback).
    public static let languages = ["en", "fr", "ru", "es"]
    public static let english = Localizer("en")

    public let language: String

    /// The localizer for `code` ("fr", "fr_FR.UTF-8", "ru-RU"); English when no catalog has it.
    public init(_ code: String) {
        let base = Localizer.base(code)
        language = Localizer.languages.contains(base) ? base : "en"
    }

    /// "fr" from "fr_FR.UTF-8", "ru" from "ru-RU", "" from "C" or "POSIX".
    static func base(_ code: String) -> String {
        let head =
            code.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." || $0 == "@" }).first.map(String.init)
            ?? ""
        return head.lowercased()
    }

    /// The language in force: `--lang`, else the account's preference, else the environment
    /// (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them); English when none has a catalog.
    public static func resolve(flag: String?, preference: [String] = [], environment: [String: String]) -> Localizer {
        if let flag, !flag.isEmpty { return Localizer(flag) }
        if let p = preference.first(where: { languages.contains(base($0)) }) { return Localizer(p) }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return Localizer(value)  // the first one set decides, even when it is "C"
        }
        return .english
    }

    /// The catalog language `delegate` prefers: their interpretation language, then the languages
    /// they speak; nil when no catalog has any of them.
    public static func preferred(by delegate: Delegate) -> String? {
        ([delegate.interpretation].compactMap { $0 } + delegate.languages).first(where: isSupported)
    }

    /// Whether `code` names a catalog language.
    public static func isSupported(_ code: String) -> Bool { languages.contains(base(code)) }

    /// A message split once into literal text and `{name}` placeholders (filling it is then one
    /// pass: screens format messages on every frame).
    struct Template: Sendable {
        enum Part: Sendable { case text(String), slot(String) }
        let parts: [Part]

        init(_ message: String) {
            var parts: [Part] = [], literal = "", rest = Substring(message)
            while let open = rest.firstIndex(of: "{") {
                literal += rest[..<open]
                let after = rest[rest.index(after: open)...]
                guard let close = after.firstIndex(of: "}"), after[..<close].allSatisfy({ $0.isLetter || $0 == "_" }),
                    after.startIndex != close
                else {
                    literal.append("{")
                    rest = after
                    continue
                }
                if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
                parts.append(.slot(String(after[..<close])))
                rest = after[after.index(after: close)...]
            }
            literal += rest
            if !literal.isEmpty { parts.append(.text(literal)) }
            self.parts = parts
        }

        func fill(_ arguments: [String: String]) -> String {
            var out = ""
            for part in parts {
                switch part {
                case .text(let t): out += t
                case .slot(let name): out += arguments[name] ?? "{\(name)}"
                }
            }
            return out
        }
    }

    /// The messages parsed so far, by language and key. A message is parsed on first use: a
    /// process uses a few dozen of the catalogs' thousands, and parsing them all when the first
    /// was asked for took over a third of every process's start (about 17 of 46 ms, perf, issue 18).
    private static let parsed = Mutex<[String: Template]>([:])

    /// The template of `key` in `language`, nil when that catalog has no such message.
    static func template(_ language: String, _ key: String) -> Template? {
        let id = language + "\u{1}" + key
        if let known = parsed.withLock({ $0[id] }) { return known }
        guard let text = catalogs[language]?[key] else { return nil }
        let made = Template(text)
        parsed.withLock { $0[id] = made }
        return made
    }

    /// The message `key` with its placeholders filled.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        guard let t = Localizer.template(language, key) ?? Localizer.template("en", key) else { return key }
        return t.fill(arguments)
    }

    /// The plural message `key` for `count` (also given as `{count}`).
    public func plural(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
        let category = Localizer.category(count, language: language)
        guard
            let t = Localizer.template(language, "\(key).\(category)") ?? Localizer.template(language, "\(key).other")
                ?? Localizer.template("en", "\(key).\(Localizer.category(count, language: "en"))")
                ?? Localizer.template("en", "\(key).other")
        else { return key }
        var all = arguments
        all["count"] = "\(count)"
        return t.fill(all)
    }

    /// CLDR's plural category of an integer in `language` (cardinal rules; plurals.xml, CLDR 44).
    public static func category(_ n: Int, language: String) -> String {
        let n = abs(n)
        switch language {
        case "ru":
            if n % 10 == 1 && n % 100 != 11 { return "one" }
            if (2...4).contains(n % 10) && !(12...14).contains(n % 100) { return "few" }
            return "many"
        case "fr":
            if n == 0 || n == 1 { return "one" }
            return n != 0 && n % 1_000_000 == 0 ? "many" : "other"
        case "es":
            if n == 1 { return "one" }
            return n != 0 && n % 1_000_000 == 0 ? "many" : "other"
        default:
            return n == 1 ? "one" : "other"
        }
    }

    // MARK: Dates

    /// Day and month names of each language, read once from Foundation's CLDR data (format
    /// forms: Russian months in the genitive, as a date needs them).
    struct Names: Sendable {
        let weekdays: [String], shortWeekdays: [String], months: [String], shortMonths: [String]
    }

    static let names: [String: Names] = Dictionary(
        uniqueKeysWithValues: languages.map { code in
            let f = DateFormatter()
            f.locale = Locale(identifier: code == "en" ? "en_GB" : code)
            return (
                code,
                Names(
                    weekdays: f.weekdaySymbols, shortWeekdays: f.shortWeekdaySymbols, months: f.monthSymbols,
                    shortMonths: f.shortMonthSymbols)
            )
        })

    /// Foundation's weekday index (0 = Sunday) of a day.
    static func weekday(_ d: CalendarDay) -> Int { ((d.dayNumber % 7) + 7 + 4) % 7 }  // 1970-01-01 was a Thursday

    /// "Tue 22 Jun", "mar. 22 juin", "вт, 22 июн.", "mar, 22 jun" (the catalog's `date.short`).
    public func shortDay(_ d: CalendarDay) -> String {
        let n = Localizer.names[language]!
        return self(
            "date.short",
            ["weekday": n.shortWeekdays[Localizer.weekday(d)], "day": "\(d.day)", "month": n.shortMonths[d.month - 1]])
    }

    /// "Tuesday 22 June 2021", "mardi 22 juin 2021", "вторник, 22 июня 2021 г.", "martes, 22 de junio de 2021".
    public func longDay(_ d: CalendarDay) -> String {
        let n = Localizer.names[language]!
        return self(
            "date.long",
            [
                "weekday": n.weekdays[Localizer.weekday(d)], "day": "\(d.day)", "month": n.months[d.month - 1],
                "year": "\(d.year)",
            ])
    }

    /// "Tue", "mar.", "вт": a weekday on its own.
    public func shortWeekday(_ d: CalendarDay) -> String {
        Localizer.names[language]!.shortWeekdays[Localizer.weekday(d)]
    }

    /// A language's name in this language ("French", "français", "французский"), from CLDR.
    public func languageName(_ code: String) -> String {
        Locale(identifier: language == "en" ? "en_GB" : language).localizedString(forLanguageCode: code) ?? code
    }

    /// "(+1 day)", "(−1 day)", "(+2 days)": a local date against the host's; "" for the same day.
    public func dayOffset(_ days: Int) -> String {
        guard days != 0 else { return "" }
        return plural(days > 0 ? "date.offset-later" : "date.offset-earlier", abs(days))
    }
}
