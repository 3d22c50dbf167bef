import MeetingModel
import Registration

/// What the registration desk asks of the shell (its runner: AppShell/Shell+Desk.swift).
public enum DeskEffect: Sendable, Equatable {
    /// Read a page of the desk.
    case load(DelegateQuery)
    /// Move registrations along their workflow, each in its own audited transaction (refused
    /// by the store unless permitted, or when one changed since it was read).
    case changeStatus(_ targets: [RecordVersion], meetingID: String, to: RegistrationStatus, reason: String)
    /// Issue an approved delegate's account (the token comes back once).
    case issueAccount(id: Int64, meetingID: String)
    /// Clear the sign-in waits failed attempts put on a delegate's account.
    case clearSignInWaits(id: Int64, meetingID: String)
    /// A registration and its audit trail.
    case loadTrail(id: Int64, meetingID: String)
    /// Register a new delegate (the store checks it).
    case add(Delegate)
    /// Save an edited registration, checked against the version it was read at.
    case save(Delegate)
    /// Read a registration again (after a concurrent-edit refusal).
    case reload(id: Int64, meetingID: String)
    /// The delegation overview (every registration against the programme in force).
    case loadOverview(meetingID: String)
    /// The outbox: its messages (newest first).
    case loadOutbox(meetingID: String)
    /// One message's text, for the preview.
    case previewMessage(id: Int64, meetingID: String)
    /// Hand the queued and failed messages to the transport.
    case sendOutbox(meetingID: String)
    /// Queue the change notices of the latest published version.
    case composeNotices(meetingID: String)
    /// Cancel (or, not `cancel`, retry) a message.
    case changeMessage(id: Int64, cancel: Bool, meetingID: String)
    /// Taking part: personal links and attendance per session.
    case loadTakingPart(meetingID: String)
    /// Import a platform's registrant export (personal links), every link or none.
    case importLinks(path: String, scope: LinkScope, meetingID: String)
    /// Record a session's participant report, every row or none (times without an offset in `zone`).
    case importAttendance(path: String, session: String, zone: String?, meetingID: String)
    /// Read and check a CSV list against the store, writing nothing.
    case previewImport(path: String, meetingID: String)
    /// Import the CSV list (every row or none).
    case confirmImport(path: String, meetingID: String)

    /// Whether it may change the store.
    public var writes: Bool {
        switch self {
        case .changeStatus, .issueAccount, .clearSignInWaits, .add, .save, .confirmImport, .importLinks,
            .importAttendance, .sendOutbox, .composeNotices, .changeMessage:
            true
        case .load, .loadTrail, .reload, .loadOverview, .loadTakingPart, .previewImport, .loadOutbox, .previewMessage:
            false
        }
    }
}
