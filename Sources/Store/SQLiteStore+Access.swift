import Foundation
import GRDB
import MeetingModel
import Registration

/// What the SSH front door records of each connection (issue 18): who came in, who was refused,
/// who left, and from where. Audit rows "access.*", never read by the screens' live updates.
public enum AccessEvent: String, Sendable, CaseIterable {
    case signIn = "access.sign-in"
    case refused = "access.refused"
    case signOut = "access.sign-out"
}

extension SQLiteStore {
    /// Records `event` for the account `username` (as typed: bounded and cleaned, it may not
    /// exist) from `source`, with a short `detail` ("password", "token", "public key", a reason).
    public func recordAccess(_ event: AccessEvent, username typed: String, source: SignInSource, detail: String = "")
        throws
    {
        let username = SQLiteStore.printable(typed, limit: SQLiteStore.maxUsername)
        let detail = SQLiteStore.printable(detail, limit: 200)
        try write { db in
            let meetingID =
                try String.fetchOne(
                    db,
                    sql:
                        "SELECT d.meetingID FROM account a JOIN delegate d ON d.id = a.delegateID WHERE a.username = ?",
                    arguments: [username.lowercased()]) ?? ""
            try record(
                db, action: event.rawValue, meetingID: meetingID, subject: "account \(username)", before: "",
                after: detail, actor: source.description)
        }
    }

    /// `text` with control characters replaced and at most `limit` characters (what a client
    /// sends is written to the audit as data, never as terminal commands).
    static func printable(_ text: String, limit: Int) -> String {
        String(
            String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
                .prefix(limit))
    }
}
