import Localization
import Foundation
import MeetingModel

/// Normalises and checks a delegate against its meeting; shared by every store implementation.
public enum DelegateRules {
    /// Names in NFC with spaces collapsed, e-mail trimmed, zone and display form defaulted;
    /// throws `StoreError.invalid` listing every field problem.
    /// Lookups of one meeting, built once for many delegates (an import).
    public struct Context: Sendable {
        let meeting: Meeting
        let delegations: [String: Delegation]
        let known: Set<String>

        public init(_ meeting: Meeting) {
            self.meeting = meeting
            delegations = Dictionary(meeting.delegations.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            known = Set(meeting.bodies.map(\.id) + meeting.sessions.map(\.id))
        }
    }

    /// The display form made from the names ("Kwame Mensah").
    static func derivedDisplayName(_ d: Delegate) -> String {
        [d.givenName, d.familyName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    public static func normalised(_ d: Delegate, in meeting: Meeting) throws -> Delegate {
        try normalised(d, in: Context(meeting))
    }

    public static func normalised(_ d: Delegate, in context: Context) throws -> Delegate {
        let meeting = context.meeting
        var d = d
        var problems: [Message] = []
        var controlIn: Set<String> = []
        // Names are printed in terminals: an escape, another control character, a bidi override or
        // an invisible format character is refused, not guessed away (DisplayText's rule).
        for (field, value, newlines) in [
            ("given_name", d.givenName, false), ("family_name", d.familyName, false),
            ("display_name", d.displayName, false),
            ("email", d.email, false), ("reference", d.reference, false), ("notes", d.notes, true),
        ]
        where !isPrintableASCII(value) {
            // A tab reads as a space and CR LF as a line feed; Foundation's replacing goes through
            // NSString (a tenth of an import's checks), so only for text that has either.
            let plain =
                value.utf8.contains { $0 == 0x09 || $0 == 0x0D }
                ? value.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r\n", with: "\n") : value
            if let bad = DisplayText.firstUnsafe(plain, newlines: newlines) {
                problems.append(
                    Message(
                        "store.field.control", ["field": field, "code": String(DisplayText.code(bad).dropFirst(2))]))
                controlIn.insert(field)
            }
        }
        if d.notes.count > 10_000 { problems.append(Message("store.field.notes-long")) }
        d.givenName = clean(d.givenName)
        d.familyName = clean(d.familyName)
        d.displayName = clean(d.displayName)
        d.email = d.email.trimmed
        d.reference = clean(d.reference)
        if !isPrintableASCII(d.notes) { d.notes = NameText.nfc(d.notes) }
        if d.givenName.isEmpty && d.familyName.isEmpty { problems.append(Message("store.field.no-name")) }
        for (field, value) in [("given_name", d.givenName), ("family_name", d.familyName), ("reference", d.reference)]
        where value.count > 200 { problems.append(Message("store.field.long", ["field": field])) }
        if !controlIn.contains("email"), let why = emailProblem(d.email) {
            problems.append(Message("store.field.email", values: ["why": .message(why)]))
        }
        guard let delegation = context.delegations[d.delegation] else {
            problems.append(Message("store.field.delegation", ["value": d.delegation, "meeting": meeting.id]))
            throw StoreError.invalid(problems)
        }
        if d.zone.isEmpty {
            d.zone = delegation.zone
        } else if TimeZone(identifier: d.zone) == nil {
            problems.append(Message("store.field.zone", ["value": d.zone, "example": delegation.zone]))
        }
        for l in d.languages + (d.interpretation.map { [$0] } ?? []) where !isLanguage(l) {
            problems.append(Message("store.field.language", ["field": "languages", "value": l]))
        }
        for a in d.attends where !context.known.contains(a) {
            problems.append(Message("store.field.bodies", ["value": a, "meeting": meeting.id]))
        }
        if d.displayName.isEmpty { d.displayName = derivedDisplayName(d) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        return d
    }

    /// Text without control characters, NFC, inner spaces collapsed (`NameText.clean`).
    public static func clean(_ s: String) -> String { NameText.clean(s) }

    /// The key names are compared by (`NameText.folded`).
    public static func foldedKey(_ s: String) -> String { NameText.folded(s) }

    static func foldedKey(cleaned s: String) -> String { NameText.folded(cleaned: s) }

    static func isPrintableASCII(_ s: String) -> Bool { NameText.isPrintableASCII(s) }

    /// ISO 639-1 codes, from Foundation's list, read once.
    static let languageCodes: Set<String> = Set(
        Locale.LanguageCode.isoLanguageCodes.map(\.identifier).filter { $0.count == 2 })

    static func isLanguage(_ l: String) -> Bool { languageCodes.contains(l) }

    /// The key e-mails are compared by (the whole address lower-cased).
    public static func emailKey(_ email: String) -> String { email.lowercased() }

    /// Why `email` is not a usable address, or nil.
    public static func emailProblem(_ email: String) -> Message? {
        if email.isEmpty { return Message("store.email.empty") }
        let ascii = isPrintableASCII(email)
        if (ascii ? email.utf8.count : email.count) > 254 { return Message("store.email.long") }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return Message("store.email.not-address", ["email": email])
        }
        if ascii
            ? email.utf8.contains(0x20)
            : email.contains(where: {
                $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control }
            })
        {
            return Message("store.email.spaces", ["email": email])
        }
        // Byte by byte: Foundation's `contains` on a substring goes through NSString (a tenth of
        // an import's row checks).
        let domain = parts[1].utf8, dot = UInt8(ascii: ".")
        if !domain.contains(dot) || domain.first == dot || domain.last == dot
            || zip(domain, domain.dropFirst()).contains(where: { $0 == dot && $1 == dot })
        {
            return Message("store.email.domain", ["email": email])
        }
        return nil
    }
}
