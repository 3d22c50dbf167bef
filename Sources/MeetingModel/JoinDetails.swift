/// The video platforms whose details a room can carry. Intersession stores the details; it does
/// not talk to the platforms.
public enum Platform: String, Sendable, Hashable, Codable, CaseIterable {
    case zoom, webex, teams, interprefy, kudo, other

    /// The platform's name as its users know it.
    public var displayName: String {
        switch self {
        case .zoom: "Zoom"
        case .webex: "Webex"
        case .teams: "Microsoft Teams"
        case .interprefy: "Interprefy"
        case .kudo: "KUDO"
        case .other: "—"
        }
    }
}

/// One dial-in number: the country it is for (ISO 3166 alpha-2) and the number (E.164).
public struct DialIn: Sendable, Hashable, Codable {
    public let country: String
    public let number: String

    public init(country: String, number: String) {
        self.country = country
        self.number = number
    }

    /// Whether `text` is an E.164 number: "+", a first digit that is not 0, at most 15 digits in
    /// all (spaces between digit groups allowed, as numbers are printed).
    public static func isE164(_ text: String) -> Bool {
        guard text.first == "+", !text.hasSuffix(" ") else { return false }
        let rest = text.dropFirst()
        guard rest.first.map({ $0 >= "1" && $0 <= "9" }) == true, !rest.contains("  ") else { return false }
        let digits = rest.filter { $0 != " " }
        return (7...15).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// How to join a room or one session of it: what a platform gives its attendees. A session's own
/// details override its room's, field by field. The passcode is for attendees only: it never
/// reaches the printable programme, frab exports or the whole meeting's calendar.
public struct JoinDetails: Sendable, Hashable, Codable {
    /// The room's name as the platform shows it ("KP Plenary room").
    public var name: String?
    public var platform: Platform?
    /// The join link (https).
    public var url: String?
    /// The platform's meeting number ("812 3456 7890").
    public var meetingID: String?
    public var passcode: String?
    /// Dial-in numbers, in the agenda's order.
    public var dialIn: [DialIn]
    /// The interpretation channel of each language (ISO 639-1) where the platform numbers them.
    public var channels: [String: Int]
    /// Whether `url` is the viewer's own personal link (not stored in agendas: set by
    /// `joinDetails(for:room:personal:)`).
    public var personal = false

    public init(
        name: String? = nil, platform: Platform? = nil, url: String? = nil, meetingID: String? = nil,
        passcode: String? = nil, dialIn: [DialIn] = [], channels: [String: Int] = [:]
    ) {
        self.name = name
        self.platform = platform
        self.url = url
        self.meetingID = meetingID
        self.passcode = passcode
        self.dialIn = dialIn
        self.channels = channels
    }

    private enum CodingKeys: String, CodingKey {
        case name, platform, url, meetingID, passcode, dialIn, channels
    }

    public var isEmpty: Bool {
        name == nil && platform == nil && url == nil && meetingID == nil && passcode == nil && dialIn.isEmpty
            && channels.isEmpty
    }

    /// These details with `other`'s fields where `other` gives them (a session over its room).
    public func overridden(by other: JoinDetails?) -> JoinDetails {
        guard let other else { return self }
        return JoinDetails(
            name: other.name ?? name, platform: other.platform ?? platform, url: other.url ?? url,
            meetingID: other.meetingID ?? meetingID, passcode: other.passcode ?? passcode,
            dialIn: other.dialIn.isEmpty ? dialIn : other.dialIn,
            channels: other.channels.isEmpty ? channels : other.channels)
    }

    /// The dial-in numbers with `country`'s first (the rest in the agenda's order).
    public func dialIn(firstFor country: String?) -> [DialIn] {
        guard let country else { return dialIn }
        return dialIn.filter { $0.country == country } + dialIn.filter { $0.country != country }
    }
}

/// When a session's join details are shown: from `opens` (its start less the release time) to
/// its end.
public struct JoinRelease: Sendable, Hashable {
    public let opens: Instant
    public let closes: Instant

    public init(opens: Instant, closes: Instant) {
        self.opens = opens
        self.closes = closes
    }

    public enum Phase: Sendable, Hashable {
        /// Not yet: the details are shown from `opens`.
        case before
        case open
        /// The session has ended: the details are no longer shown.
        case ended
    }

    public func phase(at now: Instant) -> Phase {
        now < opens ? .before : now < closes ? .open : .ended
    }
}

extension Meeting {
    /// Minutes before a session's start that its join details are released by default.
    public static let defaultJoinReleaseMinutes = 24 * 60

    /// How to join `session` held in `room`: the room's details under the session's own; nil when
    /// neither gives any.
    public func joinDetails(for session: Session, room: String) -> JoinDetails? {
        let details = (rooms[room] ?? JoinDetails()).overridden(by: session.join)
        return details.isEmpty ? nil : details
    }

    /// How a delegate with personal links `personal` joins `session` held in `room`: as above,
    /// with their own link in place of the shared one where they have one for it.
    public func joinDetails(for session: Session, room: String, personal: [PersonalLink]) -> JoinDetails? {
        guard let url = personalLink(for: session, room: room, among: personal) else {
            return joinDetails(for: session, room: room)
        }
        var details = joinDetails(for: session, room: room) ?? JoinDetails()
        details.url = url
        details.personal = true
        return details
    }

    /// The personal link among `links` that opens `session` held in `room`: one for the session;
    /// else, unless the agenda gives the session a link of its own (another platform meeting),
    /// one for its room, else one for the whole meeting.
    public func personalLink(for session: Session, room: String, among links: [PersonalLink]) -> String? {
        if let own = links.first(where: { $0.scope == .session(session.id) }) { return own.url }
        guard session.join?.url == nil else { return nil }
        return links.first { $0.scope == .room(room) }?.url ?? links.first { $0.scope == .meeting }?.url
    }

    /// When `session`, placed from `start` for its length, shows its join details.
    public func joinRelease(for session: Session, start: Instant) -> JoinRelease {
        let minutes = session.joinReleaseMinutes ?? joinReleaseMinutes
        return JoinRelease(
            opens: start.adding(minutes: -minutes), closes: start.adding(minutes: session.durationMinutes))
    }
}
