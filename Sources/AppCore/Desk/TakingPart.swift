import MeetingModel
import Registration

/// Per session, who of its attendees has a personal join link (issue 19): what the ASM checks
/// before links are released.
public struct LinkCoverage: Sendable, Equatable {
    public let session: Session
    /// The room it is placed in (nil: not placed in the programme in force).
    public let room: String?
    /// Registered delegates who attend it.
    public let attendees: Int
    public let withLink: Int
    /// Attendees without a personal link, by delegation and name.
    public let without: [Delegate]
    /// Whether the session's room (or the session) has a link for everyone.
    public let sharedLink: Bool
}

extension Meeting {
    /// The coverage of every session, in meeting order, for the registered delegates among
    /// `delegates` and their active `links` (by delegate id); rooms from `programme`.
    public func linkCoverage(delegates: [Delegate], links: [Int64: [PersonalLink]], programme: Programme?)
        -> [LinkCoverage]
    {
        let rooms = Dictionary(
            (programme?.placements ?? []).map { ($0.sessionID, $0.room) }, uniquingKeysWith: { a, _ in a })
        let registered = delegates.filter { $0.status.isRegistered }
        return sessions.map { s in
            let attendees = attendees(of: s)
            let room = rooms[s.id]
            let codes = Set(attendees)
            let here = registered.filter { d in Meeting.attends(d, s) { codes.contains(d.delegation) } }
            let without = here.filter { personalLink(for: s, room: room ?? "", among: links[$0.id] ?? []) == nil }
            let shared = room.flatMap { joinDetails(for: s, room: $0)?.url } ?? s.join?.url
            return LinkCoverage(
                session: s, room: room, attendees: here.count, withLink: here.count - without.count,
                without: without.sorted {
                    ($0.delegation, NameText.folded($0.displayName)) < ($1.delegation, NameText.folded($1.displayName))
                },
                sharedLink: shared != nil)
        }
    }
}

/// The desk's "taking part" view (issue 19): per session, in programme order, its personal
/// links and, once a participant report is recorded, who was there and the quorum.
public struct TakingPartOverview: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let links: LinkCoverage
        /// Nil until the session's participant report is recorded.
        public let attendance: SessionAttendance?
    }

    public let rows: [Row]
    /// Revoked links still to cancel on the platform.
    public let revokedToCancel: Int
    /// The meeting's quorum setting, if any.
    public let quorum: Quorum?

    public init(
        meeting: Meeting, delegates: [Delegate], links: [StoredLinkSummary], revokedToCancel: Int,
        programme: Programme?, presences: [Presence], recorded: Set<String>
    ) {
        let byDelegate = Dictionary(grouping: links, by: \.delegateID).mapValues { $0.map(\.link) }
        let coverage = meeting.linkCoverage(delegates: delegates, links: byDelegate, programme: programme)
        let attendance = Dictionary(
            uniqueKeysWithValues: meeting.attendance(presences, recorded: recorded).sessions.map { ($0.session, $0) })
        let starts = Dictionary(
            (programme?.placements ?? []).map { ($0.sessionID, $0.start) }, uniquingKeysWith: { a, _ in a })
        let order = Dictionary(uniqueKeysWithValues: meeting.sessions.enumerated().map { ($1.id, $0) })
        rows = coverage.map { Row(links: $0, attendance: attendance[$0.session.id]) }.sorted {
            let a = starts[$0.links.session.id], b = starts[$1.links.session.id]
            if a != b { return (a ?? Instant(seconds: .max)) < (b ?? Instant(seconds: .max)) }
            return order[$0.links.session.id, default: 0] < order[$1.links.session.id, default: 0]
        }
        self.revokedToCancel = revokedToCancel
        quorum = meeting.quorum
    }
}

/// A delegate's active link, as the overview needs it.
public struct StoredLinkSummary: Sendable, Equatable {
    public let delegateID: Int64
    public let link: PersonalLink

    public init(delegateID: Int64, link: PersonalLink) {
        self.delegateID = delegateID
        self.link = link
    }
}
