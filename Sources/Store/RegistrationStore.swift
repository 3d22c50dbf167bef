import Localization
import MeetingModel
// The pure registration types (roles, permissions, queries) come with the store for its users.
@_exported import Registration

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
