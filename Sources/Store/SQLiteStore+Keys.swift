import Foundation
import GRDB
import Localization
import MeetingModel
import Registration

/// A public key of an account, as stored.
public struct AccountKey: Sendable, Equatable {
    public let type: String
    public let key: String
    public let fingerprint: String
    public let comment: String
    public let addedAt: Instant
    public let addedBy: String
}

/// A key the client signed with, matched against an account's keys.
public enum KeySignIn: Sendable, Equatable {
    case signedIn(delegateID: Int64)
    /// No such account, or not one of its keys.
    case refused
    /// One of its keys, but the registration is rejected or withdrawn.
    case inactive(delegateID: Int64)
}

extension SQLiteStore {
    /// Keys per account at most.
    static let maxKeys = 10

    /// Adds a public key (already read and checked by the caller: `type`, its base64 `key`, its
    /// `fingerprint`) to the account of delegate `delegateID`, audited. `actor` is the delegate's
    /// own username when `byDelegate`, else staff who may issue accounts.
    public func addAccountKey(
        delegateID: Int64, type: String, key: String, fingerprint: String, comment: String, actor: String,
        byDelegate: Bool
    ) throws {
        try write { db in
            guard try mayChangeKeys(of: delegateID, actor: actor, byDelegate: byDelegate, db) else {
                throw StoreError.invalid([Message("store.no-account", ["id": "\(delegateID)"])])
            }
            guard
                let meetingID = try String.fetchOne(
                    db,
                    sql:
                        "SELECT d.meetingID FROM account a JOIN delegate d ON d.id = a.delegateID WHERE a.delegateID = ?",
                    arguments: [delegateID])
            else { throw StoreError.invalid([Message("store.no-account", ["id": "\(delegateID)"])]) }
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM account_key WHERE delegateID = ?", arguments: [delegateID]) ?? 0
            if try Bool.fetchOne(
                db, sql: "SELECT 1 FROM account_key WHERE delegateID = ? AND key = ?", arguments: [delegateID, key])
                == true
            {
                throw StoreError.invalid([Message("store.key-known", ["fingerprint": fingerprint])])
            }
            guard count < SQLiteStore.maxKeys else {
                throw StoreError.invalid([Message("store.key-limit", ["max": "\(SQLiteStore.maxKeys)"])])
            }
            try db.execute(
                sql: """
                    INSERT INTO account_key (delegateID, type, key, fingerprint, comment, addedAt, addedBy)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    delegateID, type, key, fingerprint, SQLiteStore.printable(comment, limit: 100), now().seconds,
                    actor,
                ])
            try record(
                db, action: "account.key-add", meetingID: meetingID, subject: "delegate \(delegateID)", before: "",
                after: SQLiteStore.json(["type": type, "fingerprint": fingerprint]), actor: actor)
        }
    }

    /// Whether `actor` may change the keys of `delegateID`'s account: the account's own username
    /// (`byDelegate`), else staff who may issue accounts (who are refused with the permission).
    private func mayChangeKeys(of delegateID: Int64, actor: String, byDelegate: Bool, _ db: Database) throws -> Bool {
        guard byDelegate else {
            try authorize(actor, StoreAction.issueAccounts.permission, db)
            return true
        }
        return try String.fetchOne(
            db, sql: "SELECT username FROM account WHERE delegateID = ?", arguments: [delegateID])
            == actor
    }

    /// The keys of delegate `delegateID`'s account, oldest first.
    public func accountKeys(delegateID: Int64) throws -> [AccountKey] {
        try db.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM account_key WHERE delegateID = ? ORDER BY id", arguments: [delegateID]
            ).map {
                AccountKey(
                    type: $0["type"], key: $0["key"], fingerprint: $0["fingerprint"], comment: $0["comment"],
                    addedAt: Instant(seconds: $0["addedAt"]), addedBy: $0["addedBy"])
            }
        }
    }

    /// Removes the key with `fingerprint` from delegate `delegateID`'s account (by the delegate,
    /// or staff who may issue accounts), audited; false when it has no such key.
    @discardableResult
    public func removeAccountKey(delegateID: Int64, fingerprint: String, actor: String, byDelegate: Bool) throws -> Bool
    {
        try write { db in
            guard try mayChangeKeys(of: delegateID, actor: actor, byDelegate: byDelegate, db) else { return false }
            try db.execute(
                sql: "DELETE FROM account_key WHERE delegateID = ? AND fingerprint = ?",
                arguments: [delegateID, fingerprint])
            guard db.changesCount > 0 else { return false }
            let meetingID =
                try String.fetchOne(db, sql: "SELECT meetingID FROM delegate WHERE id = ?", arguments: [delegateID])
                ?? ""
            try record(
                db, action: "account.key-remove", meetingID: meetingID, subject: "delegate \(delegateID)",
                before: SQLiteStore.json(["fingerprint": fingerprint]), after: "", actor: actor)
            return true
        }
    }

    /// Whether the key (`type`, base64 `key`) the client proved it holds is one of `username`'s,
    /// and the registration is active.
    public func signIn(username typed: String, keyType type: String, key: String) throws -> KeySignIn {
        let username = String(typed.trimmingCharacters(in: .whitespaces).lowercased().prefix(SQLiteStore.maxUsername))
        return try db.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.delegateID, d.status FROM account a JOIN delegate d ON d.id = a.delegateID
                        JOIN account_key k ON k.delegateID = a.delegateID
                        WHERE a.username = ? AND k.type = ? AND k.key = ?
                        """, arguments: [username, type, key])
            else { return .refused }
            let id: Int64 = row["delegateID"]
            guard SQLiteStore.signsIn(RegistrationStatus(rawValue: row["status"]) ?? .withdrawn) else {
                return .inactive(delegateID: id)
            }
            return .signedIn(delegateID: id)
        }
    }
}
