import Foundation
import GRDB
import Localization
import MeetingModel
import Registration

/// How a staff member's password went at the SSH front door.
public enum StaffPasswordCheck: Sendable, Equatable {
    case right
    /// Wrong password, no password set, or no such staff member (the same answer).
    case refused
    case throttled(seconds: Int)
}

extension SQLiteStore {
    /// Sets the password staff member `name` signs in with over SSH (with a key too): by an
    /// administrator, or by the member themselves. Audited, never the password itself.
    public func setStaffPassword(_ name: String, password: String, actor: String) throws {
        guard password.count >= 12 else { throw StoreError.invalid([Message("store.staff-password-short")]) }
        guard password.count <= SQLiteStore.maxSecret else {
            throw StoreError.invalid([Message("store.password-long", ["max": "\(SQLiteStore.maxSecret)"])])
        }
        let hash = try Secrets.hash(password)
        try write { db in
            if actor != name { try authorize(actor, StoreAction.addStaff.permission, db) }
            try db.execute(sql: "UPDATE staff SET passwordHash = ? WHERE name = ?", arguments: [hash, name])
            guard db.changesCount == 1 else {
                throw StoreError.invalid([Message("store.no-staff", ["name": name])])
            }
            try record(
                db, action: "staff.password", meetingID: "", subject: "staff \(name)", before: "", after: "set",
                actor: actor)
        }
    }

    /// Adds a public key (read and checked by the caller) to staff member `name` (an administrator's action).
    public func addStaffKey(
        _ name: String, type: String, key: String, fingerprint: String, comment: String, actor: String
    )
        throws
    {
        try write { db in
            try authorize(actor, StoreAction.addStaff.permission, db)
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff WHERE name = ?", arguments: [name]) == 1 else {
                throw StoreError.invalid([Message("store.no-staff", ["name": name])])
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM staff_key WHERE name = ? AND key = ?", arguments: [name, key])
                == true
            {
                throw StoreError.invalid([Message("store.key-known", ["fingerprint": fingerprint])])
            }
            guard
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff_key WHERE name = ?", arguments: [name]) ?? 0
                    < SQLiteStore.maxKeys
            else { throw StoreError.invalid([Message("store.key-limit", ["max": "\(SQLiteStore.maxKeys)"])]) }
            try db.execute(
                sql: """
                    INSERT INTO staff_key (name, type, key, fingerprint, comment, addedAt, addedBy)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    name, type, key, fingerprint, SQLiteStore.printable(comment, limit: 100), now().seconds, actor,
                ])
            try record(
                db, action: "staff.key-add", meetingID: "", subject: "staff \(name)", before: "",
                after: SQLiteStore.json(["type": type, "fingerprint": fingerprint]), actor: actor)
        }
    }

    /// Whether staff member `name` has the key (`type`, base64 `key`) and a role with screens.
    public func staffHasKey(_ name: String, keyType type: String, key: String) throws -> Bool {
        let name = String(name.prefix(SQLiteStore.maxUsername))
        return try db.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT 1 FROM staff s JOIN staff_key k ON k.name = s.name
                    WHERE s.name = ? AND k.type = ? AND k.key = ? AND s.role != 'delegate'
                    """, arguments: [name, type, key]) == true
        }
    }

    /// Checks staff member `name`'s SSH password from `source`, with the delegates' throttle
    /// (its own keys): the same work and answer whether the name exists or not.
    public func checkStaffPassword(_ typed: String, secret: String, source: SignInSource) throws -> StaffPasswordCheck {
        let name = String(typed.prefix(SQLiteStore.maxUsername + 1))
        let secret = String(secret.prefix(SQLiteStore.maxSecret))
        return try write { db in
            let pair = "staff:" + name + "@" + source.description, from = SQLiteStore.sourceKey(source)
            let wait = max(try remainingWait(pair, db), try remainingWait(from, db))
            if wait > 0 { return .throttled(seconds: wait) }
            let hash =
                name.count > SQLiteStore.maxUsername
                ? ""
                : try String.fetchOne(db, sql: "SELECT passwordHash FROM staff WHERE name = ?", arguments: [name]) ?? ""
            let ok = Secrets.verify(secret, against: hash.isEmpty ? SQLiteStore.decoys.password : hash) && !hash.isEmpty
            guard ok else {
                try countFailure(pair, db)
                try countFailure(from, db)
                return .refused
            }
            try db.execute(sql: "DELETE FROM sign_in_throttle WHERE key = ?", arguments: [pair])
            return .right
        }
    }

    /// Whether staff member `name` has a password to sign in with over SSH.
    public func staffHasPassword(_ name: String) throws -> Bool {
        try db.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT passwordHash != '' FROM staff WHERE name = ?", arguments: [name]) ?? false
        }
    }

    /// Staff who may sign in over SSH (a password and at least one key), by name.
    public func staffWithSSH() throws -> Set<String> {
        try db.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT s.name FROM staff s WHERE s.passwordHash != '' AND s.role != 'delegate'
                        AND EXISTS (SELECT 1 FROM staff_key k WHERE k.name = s.name)
                        """))
        }
    }
}
