import MeetingModel

/// A delegation as read, with where each checked field was written.
struct DelegationEntry {
    let delegation: Delegation
    let codeAt: SourceLocation
}

/// A working body as read, with where its references were written.
struct BodyEntry {
    let id: Located<String>
    let name: String
    let chair: Located<String>?
    let members: Membership
    let memberCodes: [Located<String>]
    let preferred: [InstantRange]
    let location: SourceLocation

    /// The model value.
    var body: WorkingBody {
        WorkingBody(id: id.value, name: name, chair: chair?.value, members: members, preferredWindows: preferred)
    }
}

/// A session as read, before its references are checked.
struct SessionEntry {
    let id: Located<String>
    let title: String
    let kind: SessionKind
    let bodies: [Located<String>]
    let minutes: Located<Int>
    let fixedStart: Located<Instant>?
    let windows: [Located<InstantRange>]
    let after: [Located<String>]
    let series: Located<String>?
    let preferred: [InstantRange]
    let pinned: Bool
    let floor: Located<String>?
    let interpretation: [Located<String>]
    let join: JoinDetails?
    let joinReleaseMinutes: Int?
    let location: SourceLocation
}

/// What a YAML file of ours holds, judged by its top-level keys.
public enum AgendaDocumentKind: String, Sendable {
    /// A meeting definition (`meeting:` …).
    case agenda
    /// A reusable list of delegations and bodies for `include:` (`delegations:`/`bodies:` only).
    case delegationList = "delegation list"
    /// A placement of sessions (`programme:`).
    case programme
}
