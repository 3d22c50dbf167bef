/// What standing a delegation has at the meeting.
public enum DelegationKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A KP Participant (a state, or the EU counted as one).
    case participant
    /// An Observer (WDC, Civil Society Coalition, …).
    case observer
    /// A Guest of the Chair, invited to some sessions (forums) only.
    case guestOfChair = "guest-of-chair"
}

/// One delegation: a Participant, an Observer or a Guest of the Chair.
public struct Delegation: Sendable, Hashable, Codable, Identifiable {
    /// Short code, unique in the meeting: ISO 3166-1 alpha-2 for states ("ZA"), "EU", or an acronym ("WDC").
    public let code: String
    /// Name as the KP writes it.
    public let name: String
    /// Participant, Observer or Guest of the Chair.
    public let kind: DelegationKind
    /// IANA zone of the capital or head office, e.g. "Africa/Johannesburg".
    public let zone: String
    /// Languages the delegation works in, preferred first (ISO 639-1).
    public let languages: [String]
    /// How many delegates it sends, when the agenda says (else the meeting's default applies).
    public let delegates: Int?

    /// The code identifies the delegation.
    public var id: String { code }

    /// A delegation as given; validation happens where files are read.
    public init(
        code: String, name: String, kind: DelegationKind, zone: String, languages: [String], delegates: Int? = nil
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.zone = zone
        self.languages = languages
        self.delegates = delegates
    }
}
