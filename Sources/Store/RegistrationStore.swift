import Localization
import MeetingModel
// The pure registration types (roles, permissions, queries) come with the store for its users.
@_exported import Registration

/// What the ASM's store does. `SQLiteStore(path:)` is the real one; its twin for app-core tests is
/// `SQLiteStore(inMemoryFor:)`, the same code on a private in-memory database (DECISIONS.md).
public protocol RegistrationStore: Sendable {
    /// Imports or updates a meeting from its agenda (idempotent; refuses a change that orphans registrations).
    func importMeeting(_ meeting: Meeting, actor: String) throws -> MeetingImport
    /// The meetings held, by id.
    func meetingSummaries() throws -> [MeetingSummary]
    /// A stored meeting.
    func meeting(_ id: String) throws -> Meeting?
    /// Registers a new delegate (status submitted); returns it with warnings (e.g. a likely duplicate name).
    func add(_ delegate: Delegate, actor: String) throws -> (Delegate, warnings: [Message])
    /// One delegate.
    func delegate(_ id: Int64, meetingID: String) throws -> Delegate?
    /// Delegates matching `query`, by delegation then name.
    func delegates(_ query: DelegateQuery) throws -> [Delegate]
    /// Saves an edited delegate; refused when it changed since `delegate.version` was read.
    func save(_ delegate: Delegate, actor: String) throws -> Delegate
    /// Moves a registration along its workflow (with a reason where one is needed).
    func changeStatus(_ id: Int64, meetingID: String, to status: RegistrationStatus, reason: String, expectedVersion: Int?, actor: String) throws -> Delegate
    /// The audit trail, oldest first.
    func audit(meetingID: String?, subject: String?, since: Instant?) throws -> [AuditEntry]
}

/// What an import did.
public enum MeetingImport: Sendable, Equatable {
    case created
    case updated(addedDelegations: [String], removedDelegations: [String])
    case unchanged
}

/// A meeting as listed.
public struct MeetingSummary: Sendable, Hashable {
    public let id: String
    public let title: String
    public let delegates: Int
    public let importedAt: Instant
}

