import MeetingModel

/// A filter over delegates.
public struct DelegateQuery: Sendable, Equatable {
    public var meetingID: String
    public var delegation: String?
    public var status: RegistrationStatus?
    /// Matches given, family and display names and e-mail, accents and case folded.
    public var search: String?
    /// At most this many (a page), after skipping `offset`.
    public var limit: Int?
    public var offset: Int

    public init(
        meetingID: String, delegation: String? = nil, status: RegistrationStatus? = nil, search: String? = nil,
        limit: Int? = nil, offset: Int = 0
    ) {
        self.meetingID = meetingID
        self.delegation = delegation
        self.status = status
        self.search = search
        self.limit = limit
        self.offset = offset
    }
}
