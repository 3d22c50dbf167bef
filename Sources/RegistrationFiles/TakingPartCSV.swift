import Foundation
import Localization
import MeetingModel

/// Reads a video platform's registrant export (issue 19): an e-mail and a personal join link
/// per row, optionally the session or room the link is for. A platform's export carries many
/// other columns (first name, registration time, approval status…): they are not read, and
/// named in `unused` so the ASM sees nothing was missed by accident.
public enum RegistrantLinkReader {
    public static let fields = ["email", "join_url", "session", "room", "name"]
    /// Header names of Zoom, Webex and Teams exports, and French ones.
    public static let synonyms: [String: String] = [
        "e-mail": "email", "email address": "email", "user email": "email", "attendee email": "email",
        "courriel": "email", "adresse électronique": "email", "join url": "join_url", "join link": "join_url",
        "join_link": "join_url", "url": "join_url", "link": "join_url", "lien": "join_url",
        "lien de connexion": "join_url", "session id": "session", "séance": "session", "salle": "room",
        "nom": "name", "full name": "name",
    ]

    /// One link read: its row, the registrant's e-mail (and name, for messages), the scope and
    /// the link.
    public struct Row: Sendable, Hashable {
        public let row: Int
        public let email: String
        public let name: String
        public let scope: LinkScope
        public let url: String
    }

    public struct Result: Sendable {
        public var rows: [Row] = []
        /// Rows without a link (a platform lists registrants still waiting for approval).
        public var withoutLink: [(row: Int, email: String)] = []
        public var problems: [DelegateCSVReader.Problem] = []
        public var unused: [String] = []
        /// Each field's column as the file's header wrote it.
        public var columns: [String: String] = [:]
    }

    /// Reads `table` (named `name`); rows without a session or room column get `scope`.
    public static func read(_ table: CSVTable, name: String, map: [String: String], scope: LinkScope) -> Result {
        var result = Result()
        guard let (column, headers, unused, problems) = table.platformColumns(fields, synonyms, map, name) else {
            result.problems = table.problems
            return result
        }
        result.columns = headers
        result.unused = unused
        result.problems = problems
        if column["email"] == nil { result.problems.append(.init(name, row: 1, Message("csv.no-email"))) }
        if column["join_url"] == nil {
            result.problems.append(.init(name, row: 1, Message("csv.no-column", ["field": "join_url"])))
        }
        if !result.problems.isEmpty { return result }
        result.problems = table.problems
        for (row, cells) in table.rows {
            func value(_ field: String) -> String { column[field].map { cells[$0].trimmed } ?? "" }
            func header(_ field: String) -> String { headers[field] ?? field }
            let long = CSVTable.tooLong(cells, row: row, column: column, max: JoinDetails.maxURL, name: name)
            if !long.isEmpty {
                result.problems += long
                continue
            }
            let email = value("email")
            if email.isEmpty {
                result.problems.append(.init(name, row: row, Message("csv.empty-field", ["column": header("email")])))
                continue
            }
            let url = value("join_url")
            if url.isEmpty {
                result.withoutLink.append((row, email))
                continue
            }
            guard JoinDetails.isJoinURL(url) else {
                result.problems.append(
                    .init(
                        name, row: row,
                        Message(
                            "csv.not-https",
                            ["column": header("join_url"), "value": DelegateCSVReader.shown(url)])))
                continue
            }
            let session = value("session"), room = value("room")
            if !session.isEmpty && !room.isEmpty {
                result.problems.append(
                    .init(
                        name, row: row,
                        Message("csv.session-and-room", ["session": header("session"), "room": header("room")])))
                continue
            }
            let rowScope: LinkScope = !session.isEmpty ? .session(session) : !room.isEmpty ? .room(room) : scope
            result.rows.append(Row(row: row, email: email, name: value("name"), scope: rowScope, url: url))
        }
        result.problems.sort { ($0.row ?? 0) < ($1.row ?? 0) }
        return result
    }
}

/// Reads a platform's participant report of one session (issue 19): who joined, from when to
/// when. A person who left and came back has several rows.
public enum ParticipantReportReader {
    public static let fields = ["name", "email", "join_time", "leave_time"]
    /// Header names of Zoom, Webex and Teams reports, and French ones.
    public static let synonyms: [String: String] = [
        "name (original name)": "name", "participant": "name", "full name": "name", "nom": "name",
        "nom (nom d'origine)": "name", "display name": "name", "user email": "email", "e-mail": "email",
        "email address": "email", "attendee email": "email", "courriel": "email", "join time": "join_time",
        "joined": "join_time", "first join": "join_time", "heure d'arrivée": "join_time", "leave time": "leave_time",
        "left": "leave_time", "last leave": "leave_time", "heure de départ": "leave_time",
    ]
    /// The longest stay one row may give.
    public static let maxMinutes = 24 * 60

    public struct Row: Sendable, Hashable {
        public let row: Int
        public let name: String
        public let email: String
        public let join: Instant
        public let leave: Instant
    }

    public struct Result: Sendable {
        public var rows: [Row] = []
        public var problems: [DelegateCSVReader.Problem] = []
        public var unused: [String] = []
        public var columns: [String: String] = [:]
    }

    /// Reads `table` (named `name`); times without an offset are read in `zone` (an IANA zone),
    /// and are a problem when no zone is given.
    public static func read(_ table: CSVTable, name: String, map: [String: String], zone: TimeZone?) -> Result {
        var result = Result()
        guard let (column, headers, unused, problems) = table.platformColumns(fields, synonyms, map, name) else {
            result.problems = table.problems
            return result
        }
        result.columns = headers
        result.unused = unused
        result.problems = problems
        for field in ["join_time", "leave_time"] where column[field] == nil {
            result.problems.append(.init(name, row: 1, Message("csv.no-column", ["field": field])))
        }
        if column["email"] == nil && column["name"] == nil {
            result.problems.append(.init(name, row: 1, Message("csv.no-email-or-name")))
        }
        if !result.problems.isEmpty { return result }
        result.problems = table.problems
        let times = TimeReader(zone: zone)
        var zoneMissing = false
        for (row, cells) in table.rows {
            func value(_ field: String) -> String { column[field].map { cells[$0].trimmed } ?? "" }
            func header(_ field: String) -> String { headers[field] ?? field }
            let long = CSVTable.tooLong(cells, row: row, column: column, max: 1_000, name: name)
            if !long.isEmpty {
                result.problems += long
                continue
            }
            let email = value("email"), person = value("name")
            if email.isEmpty && person.isEmpty {
                result.problems.append(
                    .init(name, row: row, Message("csv.no-one", ["email": header("email"), "name": header("name")])))
                continue
            }
            var instants: [Instant] = []
            for field in ["join_time", "leave_time"] {
                switch times.read(value(field)) {
                case .instant(let i): instants.append(i)
                case .needsZone:
                    // Said once: every time of such a report lacks the offset.
                    guard !zoneMissing else { continue }
                    zoneMissing = true
                    result.problems.append(
                        .init(
                            name, row: row,
                            Message(
                                "csv.time-needs-zone",
                                ["column": header(field), "value": DelegateCSVReader.shown(value(field))])))
                case .unreadable:
                    result.problems.append(
                        .init(
                            name, row: row,
                            Message(
                                "csv.bad-time",
                                ["column": header(field), "value": DelegateCSVReader.shown(value(field))])))
                }
            }
            guard instants.count == 2 else { continue }
            let (join, leave) = (instants[0], instants[1])
            guard leave >= join, leave.seconds - join.seconds <= maxMinutes * 60 else {
                result.problems.append(
                    .init(
                        name, row: row,
                        Message("csv.bad-stay", ["join": header("join_time"), "leave": header("leave_time")])))
                continue
            }
            result.rows.append(Row(row: row, name: person, email: email, join: join, leave: leave))
        }
        result.problems.sort { ($0.row ?? 0) < ($1.row ?? 0) }
        return result
    }

    /// Reads the time formats platforms write, with Foundation's formatters (never by hand):
    /// ISO 8601 with an offset or Z; and, in the given zone, "2021-06-21 09:02[:13]",
    /// "2021-06-21T09:02[:13]", Zoom's "06/21/2021 09:02:13 AM" and "06/21/2021 09:02[:13]".
    struct TimeReader {
        enum Reading { case instant(Instant), needsZone, unreadable }

        let zone: TimeZone?
        private let iso: ISO8601DateFormatter
        private let isoFractional: ISO8601DateFormatter
        private let local: [DateFormatter]

        init(zone: TimeZone?) {
            self.zone = zone
            iso = ISO8601DateFormatter()
            isoFractional = ISO8601DateFormatter()
            isoFractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            local = [
                "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
                "MM/dd/yyyy hh:mm:ss a", "MM/dd/yyyy hh:mm a", "MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm",
            ].map { format in
                let f = DateFormatter()
                f.locale = Locale(identifier: "en_US_POSIX")
                f.dateFormat = format
                f.isLenient = false
                f.timeZone = zone ?? TimeZone(identifier: "UTC")
                return f
            }
        }

        func read(_ text: String) -> Reading {
            guard !text.isEmpty, text.count <= 40 else { return .unreadable }
            if let d = iso.date(from: text) ?? isoFractional.date(from: text) { return .instant(Instant(d)) }
            for f in local {
                guard let d = f.date(from: text) else { continue }
                guard zone != nil else { return .needsZone }
                // Four-digit years only: a formatter would read "21" as year 21.
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = f.timeZone
                let year = calendar.component(.year, from: d)
                return (1970...2200).contains(year) ? .instant(Instant(d)) : .unreadable
            }
            return .unreadable
        }
    }
}

extension CSVTable {
    /// A platform's columns: ours by name, synonym or `map`, the others named as not read; nil
    /// when the file could not be read as far as its header.
    func platformColumns(_ fields: [String], _ synonyms: [String: String], _ map: [String: String], _ name: String)
        -> (column: [String: Int], headers: [String: String], unused: [String], problems: [DelegateCSVReader.Problem])?
    {
        guard !header.isEmpty else { return nil }
        return columns(fields: fields, synonyms: synonyms, map: map, ignoreUnknown: true, name: name)
    }
}
