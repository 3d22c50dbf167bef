import MeetingModel

/// Why the store refused a change. Every message says what to do.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// No meeting with that id, or several and none chosen.
    case meetingNotChosen(String)
    /// No delegate with that id in the meeting.
    case delegateNotFound(Int64)
    /// Field problems, each "field: message".
    case invalid([String])
    /// An interpretation request that cannot be recorded or withdrawn, with why.
    case invalidRequest([String])
    /// Another delegate of the meeting has this e-mail.
    case duplicateEmail(email: String, existing: Int64, name: String)
    /// The record changed since it was read.
    case conflict(id: Int64, readVersion: Int, currentVersion: Int, changedBy: String, at: Instant?, fields: [String])
    /// The status cannot move that way.
    case invalidTransition(from: RegistrationStatus, to: RegistrationStatus)
    /// A changed agenda would leave registrations without their delegation, bodies or sessions.
    case wouldOrphan([String])
    /// The OS user is not staff of this database, or lacks the permission.
    case notPermitted(user: String, permission: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the database '\(path)': \(reason)"
        case .meetingNotChosen(let why): why
        case .delegateNotFound(let id): "no delegate with id \(id) in this meeting; 'intersession delegates list' shows the ids"
        case .invalid(let problems): "the delegate is not saved:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        case .invalidRequest(let problems): "the request is not recorded:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        case .duplicateEmail(let email, let existing, let name):
            "the e-mail \(email) is already registered for delegate \(existing) (\(name)); one e-mail per delegate"
        case .conflict(let id, let read, let current, let by, let at, let fields):
            "delegate \(id) was changed by \(by)\(at.map { " at \($0)" } ?? "") after you read it (version \(read), now \(current))"
                + (fields.isEmpty ? "" : "; changed: " + fields.joined(separator: ", ")) + "; nothing saved: reload it and apply your change again"
        case .invalidTransition(let from, let to):
            "a registration that is \(from.rawValue) cannot become \(to.rawValue); it can become " + from.next.map(\.rawValue).sorted().joined(separator: ", ")
        case .wouldOrphan(let problems):
            "the agenda is not imported, because the change would orphan registrations:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
                + "\nkeep these in the agenda, or withdraw or move the delegates first"
        case .notPermitted(let user, let permission):
            "\(user) may not \(permission) in this database; an administrator can run 'intersession users add \(user) --role asm' (or chair-office)"
        }
    }
}
