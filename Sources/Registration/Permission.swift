/// A role a staff account (or a delegate's account) has.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Everything, including staff accounts and database maintenance (the creator of a database).
    case administrator
    /// The Administrative Support Mechanism: registers, approves and manages delegates.
    case asm
    /// The Chair's office: imports meetings and builds the programme; reads registrations.
    case chairOffice = "chair-office"
    /// A delegate: their own schedule only.
    case delegate
}

/// What an account may do. One table, deny by default: a role has exactly the permissions listed here.
public enum Permission: String, Sendable, Hashable, CaseIterable {
    case importMeetings = "import meetings"
    case readDelegates = "read delegates"
    case registerDelegates = "register and edit delegates"
    case decideRegistrations = "approve, reject and withdraw registrations"
    case readAudit = "read the audit trail"
    case manageStaff = "manage staff accounts"
    case maintainDatabase = "check and back up the database"
    case issueAccounts = "issue and reset delegates' accounts"
    case requestInterpretation = "record and withdraw delegations' interpretation requests"
    case editProgramme = "edit and publish the programme"
    case recordTakingPart = "record delegates' join links and attendance"
    case sendMessages = "send messages to delegates"

    /// The roles granted this permission.
    public var roles: Set<Role> {
        switch self {
        case .importMeetings: [.administrator, .chairOffice]
        case .readDelegates: [.administrator, .asm, .chairOffice]
        case .registerDelegates, .decideRegistrations, .issueAccounts, .recordTakingPart, .sendMessages:
            [.administrator, .asm]
        case .readAudit: [.administrator, .asm]
        case .requestInterpretation: [.administrator, .asm, .chairOffice]
        case .editProgramme: [.administrator, .chairOffice]
        case .manageStaff, .maintainDatabase: [.administrator]
        }
    }
}

/// Every data-changing action of the store and the permission it needs (the test checks each is here).
public enum StoreAction: String, Sendable, CaseIterable {
    case importMeeting = "meeting.import"
    case addDelegate = "delegate.add"
    case editDelegate = "delegate.edit"
    case changeStatus = "delegate.status"
    case importDelegates = "delegate.import"
    case addStaff = "staff.add"
    case issueAccounts = "account.issue"
    case requestInterpretation = "interpretation.request"
    case withdrawInterpretation = "interpretation.withdraw"
    case saveDraftProgramme = "programme.draft"
    case publishProgramme = "programme.publish"
    case setJoinLinks = "join-link.set"
    case removeJoinLinks = "join-link.remove"
    case importAttendance = "attendance.import"
    case queueMessage = "outbox.queue"
    case sendMessage = "outbox.send"
    case cancelMessage = "outbox.cancel"
    case retryMessage = "outbox.retry"

    /// The permission the action needs.
    public var permission: Permission {
        switch self {
        case .importMeeting: .importMeetings
        case .addDelegate, .editDelegate, .importDelegates: .registerDelegates
        case .changeStatus: .decideRegistrations
        case .addStaff: .manageStaff
        case .issueAccounts: .issueAccounts
        case .requestInterpretation, .withdrawInterpretation: .requestInterpretation
        case .saveDraftProgramme, .publishProgramme: .editProgramme
        case .setJoinLinks, .removeJoinLinks, .importAttendance: .recordTakingPart
        case .queueMessage, .sendMessage, .cancelMessage, .retryMessage: .sendMessages
        }
    }
}
