import Foundation

/// A delegate's function in the delegation.
public enum DelegateRole: String, Sendable, Hashable, Codable, CaseIterable {
    case headOfDelegation = "head-of-delegation"
    case alternate
    case adviser
    case delegate
    case observerRepresentative = "observer-representative"
    case guestOfTheChair = "guest-of-the-chair"
}

/// Where a registration stands.
public enum RegistrationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Received from a Focal Point or entered by the ASM, not yet checked.
    case submitted
    /// Checked and accepted by the ASM.
    case approved
    /// A personal account has been issued.
    case accountIssued = "account-issued"
    /// Refused, with a reason.
    case rejected
    /// Withdrawn by the delegation, with a reason.
    case withdrawn

    /// The statuses a registration may move to from this one.
    public var next: Set<RegistrationStatus> {
        switch self {
        case .submitted: [.approved, .rejected, .withdrawn]
        case .approved: [.accountIssued, .rejected, .withdrawn]
        case .accountIssued: [.withdrawn]
        case .rejected: [.submitted]
        case .withdrawn: [.submitted]
        }
    }

    /// Whether the person counts as registered: approved (or with an account issued). Only they
    /// sign in, are listed as a delegation's registrants and are told of changes.
    public var isRegistered: Bool { self == .approved || self == .accountIssued }

    /// Whether moving here needs a reason (rejected, withdrawn).
    public var needsReason: Bool { self == .rejected || self == .withdrawn }
}

/// One registered person of a delegation at one meeting.
public struct Delegate: Sendable, Hashable, Codable, Identifiable {
    /// Store id (0 until stored).
    public var id: Int64
    /// The meeting registered for.
    public var meetingID: String
    /// The delegation's code.
    public var delegation: String
    /// Given name(s), any script, NFC.
    public var givenName: String
    /// Family name(s), any script, NFC.
    public var familyName: String
    /// The form to print ("Alexey MOISEEV", "王小明"); derived when empty.
    public var displayName: String
    /// Function in the delegation.
    public var role: DelegateRole
    /// E-mail, unique per meeting.
    public var email: String
    /// IANA zone; the delegation's when not given.
    public var zone: String
    /// Languages spoken (ISO 639-1).
    public var languages: [String]
    /// Interpretation wanted into this language, if any.
    public var interpretation: String?
    /// Bodies or sessions attended (ids); the delegation's memberships when empty.
    public var attends: [String]
    /// Reference of the nominating letter.
    public var reference: String
    /// Free notes.
    public var notes: String
    /// Where the registration stands.
    public var status: RegistrationStatus
    /// Why it was rejected or withdrawn.
    public var statusReason: String
    /// Incremented on every save: an edit made from an older version is refused.
    public var version: Int
    /// When it was last changed (UTC).
    public var updatedAt: Instant?
    /// Who last changed it.
    public var updatedBy: String

    /// A new, unsaved registration.
    public init(
        meetingID: String, delegation: String, givenName: String, familyName: String, displayName: String = "",
        role: DelegateRole = .delegate, email: String, zone: String = "", languages: [String] = [],
        interpretation: String? = nil, attends: [String] = [], reference: String = "", notes: String = ""
    ) {
        self.id = 0
        self.meetingID = meetingID
        self.delegation = delegation
        self.givenName = givenName
        self.familyName = familyName
        self.displayName = displayName
        self.role = role
        self.email = email
        self.zone = zone
        self.languages = languages
        self.interpretation = interpretation
        self.attends = attends
        self.reference = reference
        self.notes = notes
        self.status = .submitted
        self.statusReason = ""
        self.version = 0
        self.updatedAt = nil
        self.updatedBy = ""
    }
}

/// A recorded change: who, when, what, before and after.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// When (UTC).
    public let at: Instant
    /// Who (a staff account).
    public let actor: String
    /// What happened ("delegate.add", "delegate.approve", "meeting.import", …).
    public let action: String
    /// The meeting concerned.
    public let meetingID: String
    /// The record concerned ("delegate 12", "meeting kp-2021-intersessional").
    public let subject: String
    /// JSON of the record before (empty for a creation).
    public let before: String
    /// JSON of the record after (empty for a deletion).
    public let after: String

    /// An entry as recorded.
    public init(
        at: Instant, actor: String, action: String, meetingID: String, subject: String, before: String, after: String
    ) {
        self.at = at
        self.actor = actor
        self.action = action
        self.meetingID = meetingID
        self.subject = subject
        self.before = before
        self.after = after
    }
}
