import Foundation
import Localization
import MeetingModel

/// Exactly what the shell (and the services it shares with the command line: list imports,
/// exports) asks of the store. `SQLiteStore` is the real one; a test can put a fake that fails on
/// purpose in its place. It lives with the store, not the shell, so that the PostgreSQL store
/// (issue 22, target `PostgresStore`, which must not depend on the shell) can conform to it too.
public protocol ShellStore: Sendable {
    func meetingSummaries() throws -> [MeetingSummary]
    func meeting(_ id: String) throws -> Meeting?
    func staff() throws -> [StaffMember]
    // Registrations
    func delegate(_ id: Int64, meetingID: String) throws -> Delegate?
    func delegate(id: Int64) throws -> Delegate?
    func delegates(_ q: DelegateQuery) throws -> [Delegate]
    func statusCounts(meetingID: String) throws -> [RegistrationStatus: Int]
    func add(_ delegate: Delegate, actor: String) throws -> (Delegate, warnings: [Message])
    func save(_ edited: Delegate, actor: String) throws -> Delegate
    func changeStatus(
        _ id: Int64, meetingID: String, to status: RegistrationStatus, reason: String, expectedVersion: Int?,
        actor: String
    ) throws -> Delegate
    func audit(meetingID: String?, subject: String?, since: Instant?) throws -> [AuditEntry]
    func planImport(_ rows: [(row: Int, delegate: Delegate)], meetingID: String) throws -> ImportPlan
    func applyImport(_ plan: ImportPlan, meetingID: String, actor: String) throws -> (added: Int, updated: Int)
    // Accounts
    func issueAccounts(meetingID: String, delegation: String?, ids: [Int64], actor: String) throws -> [IssuedAccount]
    func username(delegateID: Int64) throws -> String?
    func clearThrottle(username: String, actor: String) throws -> Int
    func signIn(username typed: String, secret: String, source: SignInSource) throws -> SignIn
    func setPassword(username: String, token: String, password: String, source: SignInSource) throws
    func changePassword(username: String, current: String, new password: String, source: SignInSource) throws -> SignIn
    func addAccountKey(
        delegateID: Int64, type: String, key: String, fingerprint: String, comment: String, actor: String,
        byDelegate: Bool
    ) throws
    func accountKeys(delegateID: Int64) throws -> [AccountKey]
    func removeAccountKey(delegateID: Int64, fingerprint: String, actor: String, byDelegate: Bool) throws -> Bool
    // Staff's own SSH password
    func staffHasPassword(_ name: String) throws -> Bool
    func checkStaffPassword(_ typed: String, secret: String, source: SignInSource) throws -> StaffPasswordCheck
    func setStaffPassword(_ name: String, password: String, actor: String) throws
    // Interpretation
    func allInterpretationRequests(meeting: Meeting) throws -> [InterpretationRequest]
    func interpretationRequests(meetingID: String) throws -> [StoredInterpretationRequest]
    func requestInterpretation(_ r: InterpretationRequest, meetingID: String, actor: String) throws -> Bool
    func withdrawInterpretation(_ r: InterpretationRequest, meetingID: String, actor: String) throws
    // Programmes
    func draftProgramme(meetingID: String) throws -> Programme?
    func currentProgramme(meetingID: String) throws -> Programme?
    func publishedProgramme(meetingID: String, version: Int?) throws -> ProgrammeVersion?
    func saveDraft(_ programme: Programme, actor: String) throws
    func publish(meetingID: String, actor: String) throws -> Int
    // Changes by anyone (polled while idle)
    // Taking part (issue 19): personal join links and attendance.
    func setJoinLinks(_ writes: [JoinLinkWrite], meetingID: String, actor: String) throws -> JoinLinkCounts
    func revokeJoinLinks(delegateID: Int64, scope: LinkScope?, meetingID: String, actor: String) throws -> Int
    func joinLinks(delegateID: Int64) throws -> [PersonalLink]
    func joinLinks(meetingID: String, revoked: Bool) throws -> [StoredJoinLink]
    func markJoinLinksCancelled(ids: [Int64]?, meetingID: String, actor: String) throws -> Int
    func recordAttendance(
        session: String, presences: [AttendanceWrite], file: String, rows: Int, unmatched: Int, meetingID: String,
        actor: String
    ) throws -> Bool
    func attendance(meetingID: String) throws -> (presences: [Presence], reports: [StoredAttendanceReport])

    // The outbox (issue 20).
    func queueMessages(_ drafts: [OutboxDraft], meetingID: String, actor: String) throws -> [String: Int64]
    func recordAccountLetters(_ letters: [AccountLetterRecord], meetingID: String, actor: String) throws -> [Int64]
    func outbox(meetingID: String, state: OutboxState?, limit: Int) throws -> [OutboxEntry]
    func outboxMessage(_ id: Int64, meetingID: String) throws -> (OutboxEntry, Data)?
    func settleInterruptedSends(meetingID: String, actor: String, handedOver: (Int64) -> Bool) throws -> Int
    func messagesToSend(meetingID: String, dueOnly: Bool) throws -> [Int64]
    func claimMessages(_ ids: [Int64], meetingID: String, actor: String) throws -> [(OutboxEntry, Data)]
    func settleMessages(_ outcomes: [(id: Int64, error: String?)], meetingID: String, actor: String) throws
    func cancelMessage(_ id: Int64, meetingID: String, actor: String) throws -> Bool
    func retryMessage(_ id: Int64, meetingID: String, actor: String) throws -> Bool

    func latestChangeID() throws -> Int64
    func changes(after id: Int64, limit: Int) throws -> [StoreChange]
}

extension SQLiteStore: ShellStore {}

extension ShellStore {
    /// The latest published version (nil: none published).
    public func publishedProgramme(meetingID: String) throws -> ProgrammeVersion? {
        try publishedProgramme(meetingID: meetingID, version: nil)
    }
}
