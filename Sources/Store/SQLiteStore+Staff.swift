import GRDB
import Localization
import MeetingModel

/// A staff account of a database.
public struct StaffMember: Sendable, Hashable {
    public let name: String
    public let role: Role
    public let addedAt: Instant
    public let addedBy: String
}

extension SQLiteStore {
    /// Refuses `actor` unless its role grants `permission` (deny by default: unknown actors have none).
    func authorize(_ actor: String, _ permission: Permission, _ db: Database) throws {
        let role = try String.fetchOne(db, sql: "SELECT role FROM staff WHERE name = ?", arguments: [actor]).flatMap(
            Role.init(rawValue:))
        guard let role, permission.roles.contains(role) else {
            throw StoreError.notPermitted(user: actor, permission: permission)
        }
    }

    /// Checks a read permission for `actor` (commands call it before reading).
    public func require(_ permission: Permission, actor: String) throws {
        try db.read { db in try authorize(actor, permission, db) }
    }

    /// Makes `name` a staff member with `role` (an administrator's action; re-adding changes the role).
    public func addStaff(_ name: String, role: Role, actor: String) throws {
        try write { db in
            try authorize(actor, StoreAction.addStaff.permission, db)
            guard
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE username = ?", arguments: [name]) == 0
            else { throw StoreError.invalid([Message("store.staff-name-taken", ["name": name])]) }
            let before = try String.fetchOne(db, sql: "SELECT role FROM staff WHERE name = ?", arguments: [name]) ?? ""
            try db.execute(
                sql: """
                    INSERT INTO staff (name, role, addedAt, addedBy) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET role = excluded.role
                    """, arguments: [name, role.rawValue, now().seconds, actor])
            try record(
                db, action: StoreAction.addStaff.rawValue, meetingID: "", subject: "staff \(name)", before: before,
                after: role.rawValue, actor: actor)
        }
    }

    /// The staff accounts.
    public func staff() throws -> [StaffMember] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM staff ORDER BY name").map {
                StaffMember(
                    name: $0["name"], role: Role(rawValue: $0["role"]) ?? .delegate,
                    addedAt: Instant(seconds: $0["addedAt"]), addedBy: $0["addedBy"])
            }
        }
    }

    /// On a database with no staff yet, `creator` becomes its first administrator.
    func enrolFirstAdministrator(_ creator: String) throws {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff") == 0 else { return }
            try db.execute(
                sql: "INSERT INTO staff (name, role, addedAt, addedBy) VALUES (?, ?, ?, ?)",
                arguments: [creator, Role.administrator.rawValue, now().seconds, creator])
            try record(
                db, action: "staff.first-administrator", meetingID: "", subject: "staff \(creator)", before: "",
                after: "administrator", actor: creator)
        }
    }
}
