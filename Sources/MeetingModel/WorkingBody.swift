/// Who sits in a working body.
public enum Membership: Sendable, Hashable, Codable {
    /// Every Participant and Observer.
    case all
    /// Every Participant and Observer, and the Guests of the Chair.
    case allWithGuests
    /// These delegations (codes), in the order given.
    case delegations([String])
}

/// A working group, committee, team or forum of the meeting.
public struct WorkingBody: Sendable, Hashable, Codable, Identifiable {
    /// Short id, unique in the meeting ("WGM").
    public let id: String
    /// Full name ("Working Group on Monitoring").
    public let name: String
    /// Code of the delegation that chairs it, when known.
    public let chair: String?
    /// Who sits in it.
    public let members: Membership
    /// Where its sessions should preferably run (soft); empty means no preference.
    public let preferredWindows: [InstantRange]

    /// A body as given; validation happens where files are read.
    public init(id: String, name: String, chair: String?, members: Membership, preferredWindows: [InstantRange] = []) {
        self.id = id
        self.name = name
        self.chair = chair
        self.members = members
        self.preferredWindows = preferredWindows
    }
}
