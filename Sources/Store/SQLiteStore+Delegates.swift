import Foundation
import GRDB
import MeetingModel

extension SQLiteStore {
    public func add(_ delegate: Delegate, actor: String) throws -> (Delegate, warnings: [String]) {
        try write { db in
            try authorize(actor, StoreAction.addDelegate.permission, db)
            let meeting = try self.meeting(delegate.meetingID, in: db)
            var d = try DelegateRules.normalised(delegate, in: meeting)
            try refuseDuplicateEmail(d, db)
            d.status = .submitted
            d.statusReason = ""
            d.version = 1
            d.updatedAt = now()
            d.updatedBy = actor
            let warnings = try sameNameWarnings(d, db)
            try db.cachedStatement(sql: SQLiteStore.insertDelegate).execute(arguments: SQLiteStore.columns(d))
            d.id = db.lastInsertedRowID
            try record(db, action: "delegate.add", meetingID: d.meetingID, subject: "delegate \(d.id)", before: "", after: SQLiteStore.json(d), actor: actor)
            return (d, warnings)
        }
    }

    public func delegate(_ id: Int64, meetingID: String) throws -> Delegate? {
        try db.read { db in try SQLiteStore.fetch(id, meetingID: meetingID, db) }
    }

    public func delegates(_ q: DelegateQuery) throws -> [Delegate] {
        try db.read { db in
            var sql = "SELECT * FROM delegate WHERE meetingID = ?", args: [any DatabaseValueConvertible] = [q.meetingID]
            if let delegation = q.delegation { sql += " AND delegation = ?"; args.append(delegation) }
            if let status = q.status { sql += " AND status = ?"; args.append(status.rawValue) }
            if let search = q.search.map(DelegateRules.foldedKey), !search.isEmpty {
                if search.count >= 3 {
                    // The trigram index finds every row containing the text (a phrase of its trigrams).
                    sql += " AND id IN (SELECT rowid FROM delegate_search WHERE delegate_search MATCH ?)"
                    args.append("\"" + search.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                } else {
                    sql += " AND (instr(nameKey, ?) > 0 OR instr(emailKey, ?) > 0)"
                    args += [search, search.lowercased()]
                }
            }
            sql += " ORDER BY delegation, nameKey, id"
            if let limit = q.limit { sql += " LIMIT ? OFFSET ?"; args += [limit, q.offset] }
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(SQLiteStore.delegate)
        }
    }

    public func save(_ edited: Delegate, actor: String) throws -> Delegate {
        try write { db in
            try authorize(actor, StoreAction.editDelegate.permission, db)
            guard let current = try SQLiteStore.fetch(edited.id, meetingID: edited.meetingID, db) else { throw StoreError.delegateNotFound(edited.id) }
            try refuseStale(read: edited.version, current: current, db)
            let meeting = try self.meeting(edited.meetingID, in: db)
            var d = try DelegateRules.normalised(edited, in: meeting)
            d.status = current.status              // the workflow moves only through changeStatus
            d.statusReason = current.statusReason
            if DelegateRules.emailKey(d.email) != DelegateRules.emailKey(current.email) { try refuseDuplicateEmail(d, db) }
            d.version = current.version + 1
            d.updatedAt = now()
            d.updatedBy = actor
            try write(d, db)
            try record(db, action: "delegate.edit", meetingID: d.meetingID, subject: "delegate \(d.id)",
                       before: SQLiteStore.json(current), after: SQLiteStore.json(d), actor: actor)
            return d
        }
    }

    public func changeStatus(_ id: Int64, meetingID: String, to status: RegistrationStatus, reason: String, expectedVersion: Int?, actor: String) throws -> Delegate {
        try write { db in
            try authorize(actor, StoreAction.changeStatus.permission, db)
            guard let current = try SQLiteStore.fetch(id, meetingID: meetingID, db) else { throw StoreError.delegateNotFound(id) }
            if let expectedVersion { try refuseStale(read: expectedVersion, current: current, db) }
            guard current.status.next.contains(status) else { throw StoreError.invalidTransition(from: current.status, to: status) }
            let why = DelegateRules.clean(reason)
            if status.needsReason && why.isEmpty { throw StoreError.invalid(["reason: a \(status.rawValue) registration needs a reason (--reason)"]) }
            var d = current
            d.status = status
            d.statusReason = status.needsReason ? why : ""
            d.version += 1
            d.updatedAt = now()
            d.updatedBy = actor
            try write(d, db)
            try record(db, action: "delegate.\(status.rawValue)", meetingID: meetingID, subject: "delegate \(id)",
                       before: SQLiteStore.json(current), after: SQLiteStore.json(d), actor: actor)
            return d
        }
    }

    // MARK: Helpers

    func meeting(_ id: String, in db: Database) throws -> Meeting {
        guard let json = try String.fetchOne(db, sql: "SELECT agendaJSON FROM meeting WHERE id = ?", arguments: [id]) else {
            throw StoreError.meetingNotChosen("no meeting '\(id)' in this database; 'intersession meeting import AGENDA' adds it")
        }
        return try JSONDecoder().decode(Meeting.self, from: Data(json.utf8))
    }

    func refuseDuplicateEmail(_ d: Delegate, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: "SELECT id, displayName FROM delegate WHERE meetingID = ? AND emailKey = ? AND id != ?")
        if let row = try Row.fetchOne(statement, arguments: [d.meetingID, DelegateRules.emailKey(d.email), d.id]) {
            throw StoreError.duplicateEmail(email: d.email, existing: row["id"], name: row["displayName"])
        }
    }

    func sameNameWarnings(_ d: Delegate, _ db: Database) throws -> [String] {
        let key = DelegateRules.foldedKey(d.givenName + " " + d.familyName)
        return try Row.fetchAll(db, sql: "SELECT id, displayName, givenName, familyName FROM delegate WHERE meetingID = ? AND delegation = ?",
                                arguments: [d.meetingID, d.delegation])
            .filter { DelegateRules.foldedKey(($0["givenName"] as String) + " " + ($0["familyName"] as String)) == key }
            .map { "delegate \($0["id"] as Int64) (\($0["displayName"] as String)) of \(d.delegation) has the same name; check it is not the same person" }
    }

    /// Refuses an edit made from `read` when the record is at a later version, naming who changed what.
    func refuseStale(read: Int, current: Delegate, _ db: Database) throws {
        guard read != current.version else { return }
        var fields = Set<String>()
        for entry in try SQLiteStore.audit(db, subject: "delegate \(current.id)") {
            guard let after = object(entry.after), (after["version"] as? Int ?? 0) > read else { continue }
            let before = object(entry.before) ?? [:]
            for (k, v) in after where k != "version" && k != "updatedAt" && k != "updatedBy" && !equal(before[k], v) { fields.insert(k) }
        }
        throw StoreError.conflict(id: current.id, readVersion: read, currentVersion: current.version, changedBy: current.updatedBy,
                                  at: current.updatedAt, fields: fields.sorted())
    }

    private func object(_ json: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
    }

    private func equal(_ a: Any?, _ b: Any) -> Bool {
        guard let a = a as? NSObject, let b = b as? NSObject else { return false }
        return a.isEqual(b)
    }

    func write(_ d: Delegate, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE delegate SET meetingID = ?, delegation = ?, givenName = ?, familyName = ?, displayName = ?, nameKey = ?, role = ?, email = ?,
                emailKey = ?, zone = ?, languages = ?, interpretation = ?, attends = ?, reference = ?, notes = ?, status = ?, statusReason = ?,
                version = ?, updatedAt = ?, updatedBy = ?
            WHERE id = ?
            """, arguments: SQLiteStore.columns(d) + [d.id])
    }

    /// The columns of `columns(_:)`, in order, for an INSERT.
    static let insertDelegate = """
        INSERT INTO delegate (meetingID, delegation, givenName, familyName, displayName, nameKey, role, email, emailKey, zone,
            languages, interpretation, attends, reference, notes, status, statusReason, version, updatedAt, updatedBy)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func columns(_ d: Delegate) -> StatementArguments {
        let nameKey = DelegateRules.foldedKey([d.givenName, d.familyName, d.displayName].joined(separator: " "))
        return [d.meetingID, d.delegation, d.givenName, d.familyName, d.displayName, nameKey, d.role.rawValue, d.email,
                DelegateRules.emailKey(d.email), d.zone, d.languages.joined(separator: "|"), d.interpretation, d.attends.joined(separator: "|"), d.reference, d.notes,
                d.status.rawValue, d.statusReason, d.version, d.updatedAt?.seconds ?? 0, d.updatedBy]
    }

    static func fetch(_ id: Int64, meetingID: String, _ db: Database) throws -> Delegate? {
        try Row.fetchOne(db, sql: "SELECT * FROM delegate WHERE id = ? AND meetingID = ?", arguments: [id, meetingID]).map(delegate)
    }

    static func delegate(_ row: Row) -> Delegate {
        // Lists of codes (languages, body and session ids), which never contain "|".
        func list(_ text: String) -> [String] { text.split(separator: "|").map(String.init) }
        var d = Delegate(meetingID: row["meetingID"], delegation: row["delegation"], givenName: row["givenName"], familyName: row["familyName"],
                         displayName: row["displayName"], role: DelegateRole(rawValue: row["role"]) ?? .delegate, email: row["email"],
                         zone: row["zone"], languages: list(row["languages"]), interpretation: row["interpretation"],
                         attends: list(row["attends"]), reference: row["reference"], notes: row["notes"])
        d.id = row["id"]
        d.status = RegistrationStatus(rawValue: row["status"]) ?? .submitted
        d.statusReason = row["statusReason"]
        d.version = row["version"]
        d.updatedAt = Instant(seconds: row["updatedAt"])
        d.updatedBy = row["updatedBy"]
        return d
    }
}
