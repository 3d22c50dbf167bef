import MeetingModel

/// One difference between two programmes of a meeting, and who it concerns.
public struct ProgrammeChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case added, removed, moved
        /// Same time, another room (channel).
        case roomChanged = "room changed"
    }

    public let kind: Kind
    public let sessionID: String
    /// The placement before (nil when added) and after (nil when removed).
    public let before: Placement?
    public let after: Placement?
    /// Codes of the delegations attending the session (meeting order).
    public let delegations: [String]
}

extension ProgrammeChange {
    /// The changes from `old` to `new` (sessions in meeting order). Pinning alone is not a change
    /// anyone outside the Chair's office sees, so it is left out.
    public static func between(_ old: Programme, _ new: Programme, meeting: Meeting) -> [ProgrammeChange] {
        let a = Dictionary(old.placements.map { ($0.sessionID, $0) }, uniquingKeysWith: { x, _ in x })
        let b = Dictionary(new.placements.map { ($0.sessionID, $0) }, uniquingKeysWith: { x, _ in x })
        return meeting.sessions.compactMap { s in
            let before = a[s.id], after = b[s.id]
            let kind: Kind
            switch (before, after) {
            case (nil, nil): return nil
            case (nil, _): kind = .added
            case (_, nil): kind = .removed
            case let (x?, y?):
                if x.start != y.start {
                    kind = .moved
                } else if x.room != y.room {
                    kind = .roomChanged
                } else {
                    return nil
                }
            }
            return ProgrammeChange(
                kind: kind, sessionID: s.id, before: before, after: after, delegations: meeting.attendees(of: s))
        }
    }
}
