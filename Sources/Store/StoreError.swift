import Localization
import MeetingModel

/// Why the store refused an operation, said so that the user knows what to do, in the reader's
/// language (`message(_:)`; `description` is English). Catalog: Translations/messages/store/.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or created.
    case cannotOpen(path: String, reason: Message)
    /// No meeting with that id, or several and none chosen.
    case meetingNotChosen(Message)
    /// No delegate with that id in the meeting.
    case delegateNotFound(Int64)
    /// Field problems, each "field: message".
    case invalid([Message])
    /// An interpretation request that cannot be recorded or withdrawn, with why.
    case invalidRequest([Message])
    /// Another delegate of the meeting has this e-mail.
    case duplicateEmail(email: String, existing: Int64, name: String)
    /// The record changed since it was read.
    case conflict(id: Int64, readVersion: Int, currentVersion: Int, changedBy: String, at: Instant?, fields: [String])
    /// The status cannot move that way.
    case invalidTransition(from: RegistrationStatus, to: RegistrationStatus)
    /// A changed agenda would leave registrations without their delegation, bodies or sessions.
    case wouldOrphan([Message])
    /// The OS user is not staff of this database, or lacks the permission.
    case notPermitted(user: String, permission: Permission)

    public var description: String { message(.english) }

    /// The refusal in the language of `l`.
    public func message(_ l: Localizer) -> String {
        func lines(_ problems: [Message]) -> String { problems.map { "  " + $0.text(l) }.joined(separator: "\n") }
        switch self {
        case .invalid(let problems): return l("store.not-saved") + "\n" + lines(problems)
        case .invalidRequest(let problems): return l("store.not-recorded") + "\n" + lines(problems)
        case .wouldOrphan(let problems):
            return l("store.would-orphan") + "\n" + lines(problems) + "\n" + l("store.would-orphan-fix")
        case .cannotOpen, .meetingNotChosen, .delegateNotFound, .duplicateEmail, .conflict, .invalidTransition,
            .notPermitted:
            return words.text(l)  // one line, as the screens show it
        }
    }
}

extension Permission {
    /// The catalog key of the permission's description ("store.permission.KEY").
    public var key: String {
        switch self {
        case .importMeetings: "import-meetings"
        case .readDelegates: "read-delegates"
        case .registerDelegates: "register-delegates"
        case .decideRegistrations: "decide-registrations"
        case .readAudit: "read-audit"
        case .manageStaff: "manage-staff"
        case .maintainDatabase: "maintain-database"
        case .issueAccounts: "issue-accounts"
        case .requestInterpretation: "request-interpretation"
        case .editProgramme: "edit-programme"
        case .recordTakingPart: "record-taking-part"
        case .sendMessages: "send-messages"
        }
    }
}

extension StoreError {
    /// The refusal as one message (the screens word it in their own language, on one line).
    public var words: Message {
        switch self {
        case .cannotOpen(let path, let reason):
            return Message("store.cannot-open", values: ["path": .text(path), "reason": .message(reason)])
        case .meetingNotChosen(let why): return why
        case .delegateNotFound(let id): return Message("store.no-delegate", ["id": "\(id)"])
        case .invalid(let problems): return Message(joining: [Message("store.not-saved")] + problems, separator: " ")
        case .invalidRequest(let problems):
            return Message(joining: [Message("store.not-recorded")] + problems, separator: " ")
        case .duplicateEmail(let email, let existing, let name):
            return Message("store.duplicate-email", ["email": email, "id": "\(existing)", "name": name])
        case .conflict(let id, let read, let current, let by, let at, let fields):
            let what = [
                "id": "\(id)", "by": by, "at": at.map(\.description) ?? "", "read": "\(read)", "current": "\(current)",
                "fields": fields.joined(separator: ", "),
            ]
            return Message(
                joining: [Message(at == nil ? "store.conflict" : "store.conflict-at", what)]
                    + (fields.isEmpty ? [] : [Message("store.conflict-fields", what)]) + [
                        Message("store.conflict-end")
                    ],
                separator: "")
        case .invalidTransition(let from, let to):
            return Message(
                "store.transition",
                values: [
                    "from": .message(Message("status." + from.rawValue)),
                    "to": .message(Message("status." + to.rawValue)),
                    "next": .joined(
                        from.next.map(\.rawValue).sorted().map { .message(Message("status." + $0)) }, separator: ", "),
                ])
        case .wouldOrphan(let problems):
            return Message(
                joining: [Message("store.would-orphan")] + problems + [Message("store.would-orphan-fix")],
                separator: " ")
        case .notPermitted(let user, let permission):
            return Message(
                "store.not-permitted",
                values: ["user": .text(user), "permission": .message(Message("store.permission." + permission.key))])
        }
    }

    /// The fields of a registration a problem of `invalid` names, by its catalog key (never by
    /// its words, which each language writes its own way).
    public static func fields(of problem: Message) -> [String] {
        func named() -> [String] {
            if case .text(let f)? = problem.arguments["field"] { return [f] }
            return []
        }
        switch problem.key {
        case "store.field.control", "store.field.long", "store.field.language": return named()
        case "store.field.notes-long": return ["notes"]
        case "store.field.no-name": return ["given_name", "family_name"]
        case "store.field.email", "store.duplicate-email", "store.email-twice": return ["email"]
        case "store.field.delegation": return ["delegation"]
        case "store.field.zone": return ["zone"]
        case "store.field.bodies": return ["bodies"]
        case "store.field.session": return ["session"]
        default: return []
        }
    }
}
