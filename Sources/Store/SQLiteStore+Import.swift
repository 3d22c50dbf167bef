import Localization
import Foundation
import GRDB
import MeetingModel

/// What importing a list would do, row by row.
public struct ImportPlan: Sendable {
    /// New registrations, with their row.
    public var adds: [(row: Int, delegate: Delegate)] = []
    /// Changed registrations (matched by e-mail), with their row and the fields that change.
    public var updates: [(row: Int, delegate: Delegate, fields: [String])] = []
    /// Rows matching a registration exactly.
    public var unchanged: [(row: Int, id: Int64)] = []
    /// Rows refused, each "ROW: field: message".
    public var refused: [(row: Int, message: Message)] = []

    /// An empty plan.
    public init() {}
}

extension SQLiteStore {
    /// Checks every row and matches it to registrations by e-mail; writes nothing.
    public func planImport(_ rows: [(row: Int, delegate: Delegate)], meetingID: String) throws -> ImportPlan {
        try db.read { db in
            let context = DelegateRules.Context(try self.meeting(meetingID, in: db))
            // One query for every e-mail already registered; whole rows only for the matches.
            var existingID: [String: Int64] = [:]
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT emailKey, id FROM delegate WHERE meetingID = ?", arguments: [meetingID])
            while let row = try cursor.next() { existingID[row[0]] = row[1] }
            var plan = ImportPlan()
            var seen: [String: Int] = [:]
            // Each row's checks depend on the row alone: they run on every core, then the matching
            // below goes through the rows in order.
            let checked = Parallel.map(rows) { row in
                Result<Delegate, any Error> { try DelegateRules.normalised(row.delegate, in: context) }
            }
            for ((row, _), result) in zip(rows, checked) {
                let d: Delegate
                do { d = try result.get() } catch StoreError.invalid(let problems) {
                    plan.refused += problems.map { (row, $0) }
                    continue
                }
                let key = DelegateRules.emailKey(d.email)
                if let first = seen[key] {
                    plan.refused.append((row, Message("store.email-twice", ["email": d.email, "first": "\(first)"])))
                    continue
                }
                seen[key] = row
                guard let id = existingID[key], var existing = try SQLiteStore.fetch(id, meetingID: meetingID, db)
                else {
                    plan.adds.append((row, d))
                    continue
                }
                let before = existing
                existing.givenName = d.givenName; existing.familyName = d.familyName;
                existing.displayName = d.displayName
                existing.delegation = d.delegation; existing.role = d.role; existing.zone = d.zone;
                existing.languages = d.languages
                existing.interpretation = d.interpretation; existing.attends = d.attends;
                existing.reference = d.reference; existing.notes = d.notes
                let fields = SQLiteStore.changedFields(before, existing)
                if fields.isEmpty {
                    plan.unchanged.append((row, existing.id))
                } else {
                    plan.updates.append((row, existing, fields))
                }
            }
            return plan
        }
    }

    /// Applies a plan with no refused rows, all in one transaction: every row or none.
    public func applyImport(_ plan: ImportPlan, meetingID: String, actor: String) throws -> (added: Int, updated: Int) {
        precondition(plan.refused.isEmpty, "a plan with refused rows is not applied")
        let at = now()
        // The new rows' column values (the folded name key among them) are made on the other
        // cores while SQLite writes the rows before them.
        let prepare: @Sendable ((row: Int, delegate: Delegate)) -> (Delegate, [DatabaseValue]) = { add in
            var d = add.delegate
            d.status = .submitted
            d.statusReason = ""
            d.version = 1
            d.updatedAt = at
            d.updatedBy = actor
            return (d, SQLiteStore.columns(d))
        }
        return try write { db in
            try authorize(actor, StoreAction.importDelegates.permission, db)
            // Prepared once, run per row: compiling each statement again cost more than running it.
            // A statement of its own, not the cache's: its values are bound through SQLite's C
            // interface (`run(binding:in:)`), not by GRDB.
            let insert = try db.makeStatement(sql: SQLiteStore.insertDelegate)
            // New rows get their search index entries and audit rows in one statement each after
            // the loop (ids only grow). A trigger firing costs ~20 µs a row even when it does
            // nothing, so the search index's insert trigger is set aside inside this transaction
            // and put back, exactly as stored, before it commits (SQLite's DDL is transactional).
            let lastID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM delegate") ?? 0
            let trigger = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'delegate_search_insert'")
            if trigger != nil { try db.execute(sql: "DROP TRIGGER delegate_search_insert") }
            try Parallel.pipeline(plan.adds, prepare) { d, columns in
                do {
                    try insert.run(binding: columns, in: db)
                } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                    try refuseDuplicateEmail(d, db)  // registered meanwhile by someone else: say by whom
                    throw error
                }
            }
            try db.execute(
                sql:
                    "INSERT INTO delegate_search (rowid, nameKey, emailKey) SELECT id, nameKey, emailKey FROM delegate WHERE id > ?",
                arguments: [lastID])
            if let trigger { try db.execute(sql: trigger) }
            try db.execute(
                sql: """
                    INSERT INTO audit (at, actor, action, meetingID, subject, before, after)
                    SELECT ?, ?, 'delegate.import', meetingID, 'delegate ' || id, '', \(SQLiteStore.delegateJSON)
                    FROM delegate WHERE id > ? ORDER BY id
                    """, arguments: [at.seconds, actor, lastID])
            for (_, d, _) in plan.updates {
                guard let current = try SQLiteStore.fetch(d.id, meetingID: meetingID, db) else {
                    throw StoreError.delegateNotFound(d.id)
                }
                try refuseStale(read: d.version, current: current, db)
                var next = d
                next.version = current.version + 1
                next.updatedAt = now()
                next.updatedBy = actor
                let before = try SQLiteStore.storedJSON(d.id, db)
                try self.write(next, over: current, db)
                try recordDelegate(db, action: "delegate.import", id: d.id, before: before, actor: actor)
            }
            // Fresh statistics after a bulk change, so the planner keeps choosing the list index.
            try db.execute(sql: "PRAGMA optimize")
            return (plan.adds.count, plan.updates.count)
        }
    }

    /// Names of the fields that differ between two versions of a registration.
    static func changedFields(_ a: Delegate, _ b: Delegate) -> [String] {
        var out: [String] = []
        if a.givenName != b.givenName { out.append("given_name") }
        if a.familyName != b.familyName { out.append("family_name") }
        if a.displayName != b.displayName { out.append("display_name") }
        if a.delegation != b.delegation { out.append("delegation") }
        if a.role != b.role { out.append("role") }
        if a.zone != b.zone { out.append("zone") }
        if a.languages != b.languages { out.append("languages") }
        if a.interpretation != b.interpretation { out.append("interpretation") }
        if a.attends != b.attends { out.append("bodies") }
        if a.reference != b.reference { out.append("reference") }
        if a.notes != b.notes { out.append("notes") }
        return out
    }
}
