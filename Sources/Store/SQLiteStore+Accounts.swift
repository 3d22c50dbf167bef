import Localization
import Foundation
import GRDB
import MeetingModel

/// A personal account as listed (never with a secret).
public struct AccountSummary: Sendable, Hashable {
    public let delegateID: Int64
    public let username: String
    public let name: String
    public let delegation: String
    public let hasPassword: Bool
    public let issuedAt: Instant
    public let lockedUntil: Instant?
}

/// A freshly issued account and its one-time token (shown once, never stored in clear).
public struct IssuedAccount: Sendable, Hashable {
    public let delegateID: Int64
    public let username: String
    public let name: String
    public let email: String
    public let token: String
}

/// How a sign-in went. Failures never say which part was wrong.
public enum SignIn: Sendable, Equatable {
    /// Right token: the delegate must now choose a password.
    case mustSetPassword(delegateID: Int64)
    /// Right password.
    case signedIn(delegateID: Int64)
    /// Wrong username or secret.
    case refused
    /// Too many failures: try again after this instant.
    case locked(until: Instant)
}

extension SQLiteStore {
    /// Failed attempts before an account locks, and for how long.
    static let maxFailures = 5
    static let lockMinutes = 15
    /// A hash of a random secret, checked when the username is unknown.
    static let decoy: String = (try? Secrets.hash(UUID().uuidString)) ?? ""

    /// Issues accounts for approved delegates without one (all of a delegation, or the ids given);
    /// marks them account-issued. Only hashes are stored; the tokens are returned once.
    public func issueAccounts(meetingID: String, delegation: String?, ids: [Int64], actor: String) throws -> [IssuedAccount] {
        try write { db in
            try authorize(actor, StoreAction.issueAccounts.permission, db)
            var sql = "SELECT \(SQLiteStore.delegateColumns) FROM delegate WHERE meetingID = ? AND status = 'approved' AND id NOT IN (SELECT delegateID FROM account)"
            var args: [any DatabaseValueConvertible] = [meetingID]
            if let delegation { sql += " AND delegation = ?"; args.append(delegation) }
            if !ids.isEmpty { sql += " AND id IN (" + ids.map { _ in "?" }.joined(separator: ",") + ")"; args += ids }
            var issued: [IssuedAccount] = []
            for var d in try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: StatementArguments(args)).map(SQLiteStore.delegate) {
                let base = Usernames.base(given: d.givenName, family: d.familyName)
                var username = base, n = 1
                while try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE username = ?", arguments: [username])! > 0 {
                    n += 1
                    username = base + String(n)
                }
                let token = Secrets.token()
                try db.execute(sql: "INSERT INTO account (delegateID, username, tokenHash, passwordHash, issuedAt) VALUES (?, ?, ?, '', ?)",
                               arguments: [d.id, username, try Secrets.hash(token), now().seconds])
                let before = d, beforeJSON = try SQLiteStore.storedJSON(d.id, db)
                d.status = .accountIssued
                d.version += 1
                d.updatedAt = now()
                d.updatedBy = actor
                try self.write(d, over: before, db)
                // The audit says who issued which username: never the token.
                try record(db, action: "account.issue", meetingID: meetingID, subject: "delegate \(d.id)",
                           before: beforeJSON, after: SQLiteStore.json(["username": username, "status": d.status.rawValue]), actor: actor)
                issued.append(IssuedAccount(delegateID: d.id, username: username, name: d.displayName, email: d.email, token: token))
            }
            return issued
        }
    }

    /// A new one-time token for an account (its password is cleared); returned once.
    public func resetAccount(delegateID: Int64, meetingID: String, actor: String) throws -> IssuedAccount {
        try write { db in
            try authorize(actor, StoreAction.issueAccounts.permission, db)
            guard let d = try SQLiteStore.fetch(delegateID, meetingID: meetingID, db),
                  let username = try String.fetchOne(db, sql: "SELECT username FROM account WHERE delegateID = ?", arguments: [delegateID]) else {
                throw StoreError.invalid([Message("store.no-account", ["id": "\(delegateID)"])])
            }
            let token = Secrets.token()
            try db.execute(sql: "UPDATE account SET tokenHash = ?, passwordHash = '', failures = 0, lockedUntil = 0 WHERE delegateID = ?",
                           arguments: [try Secrets.hash(token), delegateID])
            try record(db, action: "account.reset", meetingID: meetingID, subject: "delegate \(delegateID)", before: "", after: SQLiteStore.json(["username": username]), actor: actor)
            return IssuedAccount(delegateID: delegateID, username: username, name: d.displayName, email: d.email, token: token)
        }
    }

    /// The accounts of a meeting.
    public func accounts(meetingID: String) throws -> [AccountSummary] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, d.displayName, d.delegation FROM account a JOIN delegate d ON d.id = a.delegateID
                WHERE d.meetingID = ? ORDER BY a.username
                """, arguments: [meetingID]).map {
                let locked: Int = $0["lockedUntil"]
                return AccountSummary(delegateID: $0["delegateID"], username: $0["username"], name: $0["displayName"], delegation: $0["delegation"],
                                      hasPassword: !($0["passwordHash"] as String).isEmpty, issuedAt: Instant(seconds: $0["issuedAt"]),
                                      lockedUntil: locked > 0 ? Instant(seconds: locked) : nil)
            }
        }
    }

    /// Checks a username and a secret (the one-time token until a password is set, then the password).
    /// Five failures lock the account for fifteen minutes; the answer never says which part was wrong.
    public func signIn(username: String, secret: String) throws -> SignIn {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE username = ?", arguments: [username]) else {
                _ = Secrets.verify(secret, against: SQLiteStore.decoy)   // the same work as a real account: no timing hint
                return .refused
            }
            let id: Int64 = row["delegateID"], lockedUntil: Int = row["lockedUntil"], failures: Int = row["failures"]
            if lockedUntil > now().seconds { return .locked(until: Instant(seconds: lockedUntil)) }
            let password: String = row["passwordHash"], token: String = row["tokenHash"]
            let result: SignIn
            if !password.isEmpty, Secrets.verify(secret, against: password) {
                result = .signedIn(delegateID: id)
            } else if password.isEmpty, !token.isEmpty, Secrets.verify(secret, against: token) {
                result = .mustSetPassword(delegateID: id)
            } else {
                let n = failures + 1
                let lock = n >= SQLiteStore.maxFailures ? now().adding(minutes: SQLiteStore.lockMinutes).seconds : 0
                try db.execute(sql: "UPDATE account SET failures = ?, lockedUntil = ? WHERE delegateID = ?",
                               arguments: [lock > 0 ? 0 : n, lock, id])
                return lock > 0 ? .locked(until: Instant(seconds: lock)) : .refused
            }
            try db.execute(sql: "UPDATE account SET failures = 0, lockedUntil = 0 WHERE delegateID = ?", arguments: [id])
            return result
        }
    }

    /// Sets a delegate's password after a sign-in with the token; the token stops working.
    public func setPassword(username: String, token: String, password: String) throws {
        guard password.count >= 10 else { throw StoreError.invalid([Message("store.password-short")]) }
        guard case .mustSetPassword(let id) = try signIn(username: username, secret: token) else {
            throw StoreError.invalid([Message("store.token-wrong")])
        }
        try write { db in
            try db.execute(sql: "UPDATE account SET passwordHash = ?, tokenHash = '' WHERE delegateID = ?", arguments: [try Secrets.hash(password), id])
            let meetingID = try String.fetchOne(db, sql: "SELECT meetingID FROM delegate WHERE id = ?", arguments: [id]) ?? ""
            try record(db, action: "account.password", meetingID: meetingID, subject: "delegate \(id)", before: "", after: "", actor: username)
        }
    }
}
