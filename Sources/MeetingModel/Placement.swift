/// Where and when one session takes place in a programme.
public struct Placement: Sendable, Hashable, Codable {
    /// The session placed.
    public let sessionID: String
    /// When it starts (UTC instant, on the meeting's grid).
    public let start: Instant
    /// The virtual room or channel ("A").
    public let room: String
    /// Whether the Chair's office pinned it here (the solver keeps it).
    public let pinned: Bool

    /// A placement as given.
    public init(sessionID: String, start: Instant, room: String, pinned: Bool) {
        self.sessionID = sessionID
        self.start = start
        self.room = room
        self.pinned = pinned
    }
}

/// A programme: a placement for some or all sessions of one meeting.
public struct Programme: Sendable, Hashable, Codable {
    /// The meeting this programme belongs to.
    public let meetingID: String
    /// One placement per placed session.
    public let placements: [Placement]

    /// A programme as given.
    public init(meetingID: String, placements: [Placement]) {
        self.meetingID = meetingID
        self.placements = placements
    }

    /// The placement of `sessionID`, if it is placed.
    public func placement(of sessionID: String) -> Placement? {
        placements.first { $0.sessionID == sessionID }
    }
}
