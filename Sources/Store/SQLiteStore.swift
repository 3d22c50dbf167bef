import Localization
import Foundation
import GRDB
import MeetingModel

/// The store on SQLite (GRDB): WAL, `synchronous=FULL`, foreign keys on, one immediate
/// transaction per user command, an audit row for every change.
public final class SQLiteStore: Sendable {
    let db: any DatabaseWriter
    let now: @Sendable () -> Instant
    /// The database file (nil in memory).
    public let path: String?

    /// Opens (creating with mode 0600, in a 0700 folder, when absent) and migrates the database at
    /// `path`; on a new database `creator` (the OS user) becomes the first administrator.
    public init(path: String, creator: String, now: @escaping @Sendable () -> Instant = { Instant(Date()) }) throws {
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty && !fm.fileExists(atPath: folder) {
                try fm.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            if !fm.fileExists(atPath: path) {
                guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw StoreError.cannotOpen(path: path, reason: Message("store.cannot-create"))
                }
            }
            db = try DatabasePool(path: path, configuration: SQLiteStore.configuration)
            try Migrations.migrator.migrate(db)
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Message(verbatim: "\(error)"))
        }
        self.now = now
        self.path = path
        try enrolFirstAdministrator(creator)
    }

    /// A private database in memory (tests), `creator` its first administrator.
    public init(inMemoryFor creator: String, now: @escaping @Sendable () -> Instant = { Instant(Date()) }) throws {
        db = try DatabaseQueue(configuration: SQLiteStore.configuration)
        try Migrations.migrator.migrate(db)
        self.now = now
        self.path = nil
        try enrolFirstAdministrator(creator)
    }

    static var configuration: Configuration {
        var c = Configuration()
        c.foreignKeysEnabled = true
        c.busyMode = .timeout(5)  // other processes writing: wait (and see `write`)
        // GRDB 7 opens every write as BEGIN IMMEDIATE: one such transaction per user command.
        // A 32 MB page cache (the default is 2 MB): a large import then rarely spills pages into
        // the WAL before its commit.
        c.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -32768") }
        return c
    }

    // MARK: Writing

    /// One immediate transaction, retried while another process holds the write lock.
    ///
    /// SQLite's busy handler is not fair: a writer committing back to back can hold the lock for
    /// longer than any busy timeout while another waits (seen in the two-writer test under load).
    /// So a busy or locked error restarts the whole transaction after a short random pause, for
    /// up to two minutes; the user sees a wait, never an error.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(120)
        var rng = SystemRandomNumberGenerator()
        while true {
            do {
                return try db.write { db in try body(db) }
            } catch let error as DatabaseError
                where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && Date() < deadline
            {
                Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.05, using: &rng))
            }
        }
    }

    // MARK: Audit

    func record(
        _ db: Database, action: String, meetingID: String, subject: String, before: String, after: String, actor: String
    ) throws {
        try db.cachedStatement(
            sql: "INSERT INTO audit (at, actor, action, meetingID, subject, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)"
        )
        .execute(arguments: [now().seconds, actor, action, meetingID, subject, before, after])
    }

    public func audit(meetingID: String?, subject: String?, since: Instant?) throws -> [AuditEntry] {
        try db.read { db in try SQLiteStore.audit(db, meetingID: meetingID, subject: subject, since: since) }
    }

    /// Audit entries matching the filters, oldest first (inside a transaction of the caller's).
    static func audit(_ db: Database, meetingID: String? = nil, subject: String? = nil, since: Instant? = nil) throws
        -> [AuditEntry]
    {
        var sql = "SELECT * FROM audit WHERE 1", args: [any DatabaseValueConvertible] = []
        if let meetingID { sql += " AND meetingID = ?"; args.append(meetingID) }
        if let subject { sql += " AND subject = ?"; args.append(subject) }
        if let since { sql += " AND at >= ?"; args.append(since.seconds) }
        return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: StatementArguments(args)).map {
            AuditEntry(
                at: Instant(seconds: $0["at"]), actor: $0["actor"], action: $0["action"], meetingID: $0["meetingID"],
                subject: $0["subject"], before: $0["before"], after: $0["after"])
        }
    }

    // MARK: Changes (the screens' live updates)

    /// The newest audit row's number (0: none): every change writes one, so a screen that saw
    /// this number has seen every change up to it. An index lookup, cheap enough to poll.
    public func latestChangeID() throws -> Int64 {
        try db.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit") ?? 0 }
    }

    /// The changes after `id`, oldest first, at most `limit` of them (the newest are kept: a
    /// screen asks only to learn what to reload and what to say).
    public func changes(after id: Int64, limit: Int = 500) throws -> [StoreChange] {
        try db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, action, meetingID, subject, actor FROM audit WHERE id > ? ORDER BY id DESC LIMIT ?
                    """, arguments: [id, max(1, min(limit, 10_000))]
            ).reversed().map {
                StoreChange(
                    id: $0["id"], action: $0["action"], meetingID: $0["meetingID"], subject: $0["subject"],
                    actor: $0["actor"])
            }
        }
    }

    // MARK: Maintenance

    /// SQLite's integrity check and foreign-key check: empty when all is well.
    public func check() throws -> [String] {
        try db.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let keys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map {
                "foreign key: row \($0[1] as Int64? ?? 0) of \($0[0] as String? ?? "?") points at a missing \($0[2] as String? ?? "?")"
            }
            return integrity + keys
        }
    }

    /// A consistent copy through SQLite's backup API (others may keep writing meanwhile).
    public func backup(to target: String) throws {
        guard !FileManager.default.fileExists(atPath: target) else {
            throw StoreError.cannotOpen(path: target, reason: Message("store.exists"))
        }
        guard FileManager.default.createFile(atPath: target, contents: nil, attributes: [.posixPermissions: 0o600])
        else {
            throw StoreError.cannotOpen(path: target, reason: Message("store.cannot-create"))
        }
        let copy = try DatabaseQueue(path: target)
        try db.backup(to: copy)
    }

    // MARK: JSON of records (audit before/after)

    static func json<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: e.encode(value), as: UTF8.self)) ?? ""
    }
}
