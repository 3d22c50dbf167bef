/// What kind of sitting a session is; decides who attends and default interpretation.
public enum SessionKind: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// The opening plenary: everyone, first of the meeting.
    case opening
    /// The closing plenary: everyone, last of the meeting.
    case closing
    /// Any other all-hands sitting.
    case plenary
    /// A meeting of one working body.
    case body
    /// A joint meeting of several bodies.
    case joint
    /// A Chair's special forum (open to Guests of the Chair).
    case forum

    /// Whether every delegation attends, whatever the body's membership.
    public var isAllHands: Bool { self == .opening || self == .closing || self == .plenary }
}

/// A session to be placed in the programme.
public struct Session: Sendable, Hashable, Codable, Identifiable {
    /// Short id, unique in the meeting ("S03").
    public let id: String
    /// Title as printed in the programme.
    public let title: String
    /// Opening, closing, plenary, body, joint or forum.
    public let kind: SessionKind
    /// Bodies whose members attend (one for a body session, several for a joint one).
    public let bodies: [String]
    /// Length in whole minutes.
    public let durationMinutes: Int
    /// A start that is decided already (the solver never moves it).
    public let fixedStart: Instant?
    /// Where the session may start and end; empty means the meeting's daily window on any day.
    public let allowedWindows: [InstantRange]
    /// Sessions that must end before this one starts.
    public let after: [String]
    /// The split session this is a part of: parts of one series run in agenda order, preferably on consecutive days.
    public let series: String?
    /// Where it should preferably run (soft); empty means its body's preference, if any.
    public let preferredWindows: [InstantRange]
    /// Whether the session is pinned where a programme puts it.
    public let pinned: Bool
    /// The language the session is held in (ISO 639-1), one of the meeting's.
    public let floorLanguage: String
    /// Interpretation languages asked for explicitly in the agenda (meeting languages).
    public let interpretation: [String]
    /// How to join this session, over its room's details (field by field), if it has its own.
    public let join: JoinDetails?
    /// Minutes before its start that its join details are shown, over the meeting's setting.
    public let joinReleaseMinutes: Int?

    /// A session as given; validation happens where files are read.
    public init(
        id: String, title: String, kind: SessionKind, bodies: [String], durationMinutes: Int,
        fixedStart: Instant? = nil, allowedWindows: [InstantRange] = [], after: [String] = [],
        series: String? = nil, preferredWindows: [InstantRange] = [],
        pinned: Bool = false, floorLanguage: String, interpretation: [String] = [], join: JoinDetails? = nil,
        joinReleaseMinutes: Int? = nil
    ) {
        self.join = join
        self.joinReleaseMinutes = joinReleaseMinutes
        self.id = id
        self.title = title
        self.kind = kind
        self.bodies = bodies
        self.durationMinutes = durationMinutes
        self.fixedStart = fixedStart
        self.allowedWindows = allowedWindows
        self.after = after
        self.series = series
        self.preferredWindows = preferredWindows
        self.pinned = pinned
        self.floorLanguage = floorLanguage
        self.interpretation = interpretation
    }
}
