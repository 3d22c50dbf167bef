import Foundation

/// What a personal join link is for: every session of the meeting, the sessions of one room,
/// or one session (see `Meeting.personalLink(for:room:among:)` for which one a session takes).
public enum LinkScope: Sendable, Hashable, Codable, CustomStringConvertible {
    case meeting
    case room(String)
    case session(String)

    /// The stored form: "meeting", "room:A", "session:S01".
    public var description: String {
        switch self {
        case .meeting: "meeting"
        case .room(let r): "room:" + r
        case .session(let s): "session:" + s
        }
    }

    public init?(stored: String) {
        if stored == "meeting" {
            self = .meeting
        } else if stored.hasPrefix("room:"), stored.count > 5 {
            self = .room(String(stored.dropFirst(5)))
        } else if stored.hasPrefix("session:"), stored.count > 8 {
            self = .session(String(stored.dropFirst(8)))
        } else {
            return nil
        }
    }
}

/// A delegate's own join link (Zoom's registration gives each registrant one), for a scope.
public struct PersonalLink: Sendable, Hashable, Codable {
    public let scope: LinkScope
    public let url: String

    public init(scope: LinkScope, url: String) {
        self.scope = scope
        self.url = url
    }
}

extension JoinDetails {
    /// The longest link accepted, in characters.
    public static let maxURL = 2_000

    /// A link attendees may open: https, a host, no spaces, quotes, angle brackets, backslashes
    /// or control characters, at most `maxURL` characters.
    public static func isJoinURL(_ text: String) -> Bool {
        guard text.count <= maxURL, text.lowercased().hasPrefix("https://"),
            !text.unicodeScalars.contains(where: {
                $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\"
                    || $0.properties.generalCategory == .control
                    || $0.properties.generalCategory == .format || !$0.isASCII
            }),
            let parts = URLComponents(string: text), parts.scheme?.lowercased() == "https",
            let host = parts.host, !host.isEmpty
        else { return false }
        return true
    }
}

/// The share of a session's expected Participants that must be present for a quorum, as a
/// fraction ("2/3", "50%"). Observers and Guests of the Chair never count towards it.
public struct Quorum: Sendable, Hashable, Codable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// A fraction in (0, 1]; nil otherwise.
    public init?(numerator: Int, denominator: Int) {
        guard denominator > 0, numerator > 0, numerator <= denominator, denominator <= 1000 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Whether `present` of `expected` meet the fraction (exact: no rounding).
    public func isMet(present: Int, expected: Int) -> Bool {
        present * denominator >= numerator * expected
    }

    /// How many of `expected` are needed: the smallest count that meets the fraction.
    public func needed(of expected: Int) -> Int {
        (numerator * expected + denominator - 1) / denominator
    }

    public var description: String { "\(numerator)/\(denominator)" }
}

/// One delegate's presence at one session, from the platform's participant report.
public struct Presence: Sendable, Hashable, Codable {
    public let session: String
    public let delegateID: Int64
    public let delegation: String
    public let minutes: Int

    public init(session: String, delegateID: Int64, delegation: String, minutes: Int) {
        self.session = session
        self.delegateID = delegateID
        self.delegation = delegation
        self.minutes = minutes
    }
}

/// Who was at one session whose participant report was recorded.
public struct SessionAttendance: Sendable, Hashable, Codable {
    public let session: String
    /// The Participants expected (the session's attendees) and those present, in meeting order.
    public let participantsExpected: [String]
    public let participantsPresent: [String]
    /// Observers (and Guests of the Chair) present, counted apart.
    public let othersPresent: [String]
    /// Delegates present and their minutes in all.
    public let delegates: Int
    public let minutes: Int
    /// Whether the meeting's quorum is met (nil: the meeting sets none).
    public let quorumMet: Bool?
    /// How many Participants the quorum needs (nil: none set).
    public let quorumNeeded: Int?
}

/// A meeting's attendance: each recorded session, and the sessions each delegation missed.
public struct AttendanceReport: Sendable, Hashable, Codable {
    public let sessions: [SessionAttendance]
    /// Delegation → the recorded sessions it was expected at and none of its delegates attended.
    public let missed: [String: [String]]
}

extension Meeting {
    /// The attendance of the sessions that have `presences` recorded (`recorded` lists every
    /// session with a report, even one nobody matched), in meeting order. A delegation is
    /// present when one of its delegates was.
    public func attendance(_ presences: [Presence], recorded: Set<String>) -> AttendanceReport {
        let kinds = Dictionary(uniqueKeysWithValues: delegations.map { ($0.code, $0.kind) })
        let bySession = Dictionary(grouping: presences, by: \.session)
        var sessionsOut: [SessionAttendance] = []
        var missed: [String: [String]] = [:]
        for session in sessions where recorded.contains(session.id) {
            let here = bySession[session.id] ?? []
            let present = Set(here.map(\.delegation))
            let expected = attendees(of: session).filter { kinds[$0] == .participant }
            let order = delegations.map(\.code)
            let participantsPresent = order.filter { present.contains($0) && kinds[$0] == .participant }
            let others = order.filter { present.contains($0) && kinds[$0] != .participant }
            let presentExpected = expected.filter(present.contains).count
            sessionsOut.append(
                SessionAttendance(
                    session: session.id, participantsExpected: expected, participantsPresent: participantsPresent,
                    othersPresent: others, delegates: Set(here.map(\.delegateID)).count,
                    minutes: here.reduce(0) { $0 + $1.minutes },
                    quorumMet: quorum.map { $0.isMet(present: presentExpected, expected: expected.count) },
                    quorumNeeded: quorum.map { $0.needed(of: expected.count) }))
            for code in attendees(of: session) where !present.contains(code) {
                missed[code, default: []].append(session.id)
            }
        }
        return AttendanceReport(sessions: sessionsOut, missed: missed)
    }
}
