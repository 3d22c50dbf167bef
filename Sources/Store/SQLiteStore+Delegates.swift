import Localization
import Foundation
import GRDB
import MeetingModel

extension SQLiteStore {
    public func add(_ delegate: Delegate, actor: String) throws -> (Delegate, warnings: [Message]) {
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
            try db.cachedStatement(sql: SQLiteStore.insertDelegate).execute(
                arguments: StatementArguments(SQLiteStore.columns(d)))
            d.id = db.lastInsertedRowID
            try recordDelegate(db, action: "delegate.add", id: d.id, before: "", actor: actor)
            return (d, warnings)
        }
    }

    public func delegate(_ id: Int64, meetingID: String) throws -> Delegate? {
        try db.read { db in try SQLiteStore.fetch(id, meetingID: meetingID, db) }
    }

    public func delegates(_ q: DelegateQuery) throws -> [Delegate] {
        try db.read { db in
            var from = "delegate", args: [any DatabaseValueConvertible] = [], filter = " WHERE meetingID = ?"
            var filterArgs: [any DatabaseValueConvertible] = [q.meetingID]
            if let delegation = q.delegation { filter += " AND delegation = ?"; filterArgs.append(delegation) }
            if let status = q.status { filter += " AND status = ?"; filterArgs.append(status.rawValue) }
            if let search = q.search.map({ DelegateRules.foldedKey($0) }), !search.isEmpty {
                if search.count >= 3 {
                    // The trigram index finds every row containing the text (a phrase of its
                    // trigrams). Its hits drive the query (CROSS JOIN keeps that order): scanning
                    // the list index and testing each id took 16 ms for a search with no match.
                    from =
                        "(SELECT rowid AS hit FROM delegate_search WHERE delegate_search MATCH ?) CROSS JOIN delegate ON delegate.id = hit"
                    args.append("\"" + search.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                } else {
                    filter += " AND (instr(nameKey, ?) > 0 OR instr(emailKey, ?) > 0)"
                    filterArgs += [search, search.lowercased()]
                }
            }
            var sql = "SELECT \(SQLiteStore.delegateColumns) FROM \(from)\(filter)"
            args += filterArgs
            sql += " ORDER BY delegation, nameKey, id"
            if let limit = q.limit { sql += " LIMIT ? OFFSET ?"; args += [limit, q.offset] }
            // Decoded straight from the statement's rows (a cursor), not from copies of them.
            return try Array(
                Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args)).map(SQLiteStore.delegate))
        }
    }

    public func save(_ edited: Delegate, actor: String) throws -> Delegate {
        try write { db in
            try authorize(actor, StoreAction.editDelegate.permission, db)
            guard let current = try SQLiteStore.fetch(edited.id, meetingID: edited.meetingID, db) else {
                throw StoreError.delegateNotFound(edited.id)
            }
            try refuseStale(read: edited.version, current: current, db)
            let meeting = try self.meeting(edited.meetingID, in: db)
            var renamed = edited
            // A display form that was only the names follows a change of the names.
            if edited.displayName == current.displayName,
                current.displayName == DelegateRules.derivedDisplayName(current)
            {
                renamed.displayName = ""
            }
            var d = try DelegateRules.normalised(renamed, in: meeting)
            d.status = current.status  // the workflow moves only through changeStatus
            d.statusReason = current.statusReason
            if DelegateRules.emailKey(d.email) != DelegateRules.emailKey(current.email) {
                try refuseDuplicateEmail(d, db)
            }
            d.version = current.version + 1
            d.updatedAt = now()
            d.updatedBy = actor
            let before = try SQLiteStore.storedJSON(d.id, db)
            try write(d, over: current, db)
            try recordDelegate(db, action: "delegate.edit", id: d.id, before: before, actor: actor)
            return d
        }
    }

    public func changeStatus(
        _ id: Int64, meetingID: String, to status: RegistrationStatus, reason: String, expectedVersion: Int?,
        actor: String
    ) throws -> Delegate {
        try write { db in
            try authorize(actor, StoreAction.changeStatus.permission, db)
            guard let current = try SQLiteStore.fetch(id, meetingID: meetingID, db) else {
                throw StoreError.delegateNotFound(id)
            }
            if let expectedVersion { try refuseStale(read: expectedVersion, current: current, db) }
            guard current.status.next.contains(status) else {
                throw StoreError.invalidTransition(from: current.status, to: status)
            }
            let why = DelegateRules.clean(reason)
            if status.needsReason && why.isEmpty {
                throw StoreError.invalid([
                    Message("store.needs-reason", values: ["status": .message(Message("status." + status.rawValue))])
                ])
            }
            var d = current
            d.status = status
            d.statusReason = status.needsReason ? why : ""
            d.version += 1
            d.updatedAt = now()
            d.updatedBy = actor
            let before = try SQLiteStore.storedJSON(id, db)
            try write(d, over: current, db)
            try recordDelegate(db, action: "delegate.\(status.rawValue)", id: id, before: before, actor: actor)
            // Personal join links stop at once for a registration that is off (listed for the ASM
            // to cancel on the platform).
            if status == .withdrawn || status == .rejected {
                try revokeJoinLinks(id, scope: nil, meetingID: meetingID, actor: actor, db)
            }
            // The account follows the registration at once: off when rejected or withdrawn, on
            // again when approved anew (an audit row either way).
            if let username = try String.fetchOne(
                db, sql: "SELECT username FROM account WHERE delegateID = ?", arguments: [id]),
                SQLiteStore.signsIn(current.status) != SQLiteStore.signsIn(status)
            {
                let on = SQLiteStore.signsIn(status)
                try record(
                    db, action: on ? "account.enable" : "account.disable", meetingID: meetingID,
                    subject: "delegate \(id)",
                    before: "", after: SQLiteStore.json(["username": username, "status": status.rawValue]), actor: actor
                )
            }
            return d
        }
    }

    // MARK: Helpers

    func meeting(_ id: String, in db: Database) throws -> Meeting {
        guard let json = try String.fetchOne(db, sql: "SELECT agendaJSON FROM meeting WHERE id = ?", arguments: [id])
        else {
            throw StoreError.meetingNotChosen(Message("store.no-meeting", ["meeting": id]))
        }
        return try JSONDecoder().decode(Meeting.self, from: Data(json.utf8))
    }

    func refuseDuplicateEmail(_ d: Delegate, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: "SELECT id, displayName FROM delegate WHERE meetingID = ? AND emailKey = ? AND id != ?")
        if let row = try Row.fetchOne(statement, arguments: [d.meetingID, DelegateRules.emailKey(d.email), d.id]) {
            throw StoreError.duplicateEmail(email: d.email, existing: row["id"], name: row["displayName"])
        }
    }

    func sameNameWarnings(_ d: Delegate, _ db: Database) throws -> [Message] {
        let key = DelegateRules.foldedKey(d.givenName + " " + d.familyName)
        return try Row.fetchAll(
            db,
            sql: "SELECT id, displayName, givenName, familyName FROM delegate WHERE meetingID = ? AND delegation = ?",
            arguments: [d.meetingID, d.delegation]
        )
        .filter { DelegateRules.foldedKey(($0["givenName"] as String) + " " + ($0["familyName"] as String)) == key }
        .map {
            Message(
                "store.same-name",
                ["id": "\($0["id"] as Int64)", "name": $0["displayName"] as String, "delegation": d.delegation])
        }
    }

    /// Refuses an edit made from `read` when the record is at a later version, naming who changed what.
    func refuseStale(read: Int, current: Delegate, _ db: Database) throws {
        guard read != current.version else { return }
        var fields = Set<String>()
        for entry in try SQLiteStore.audit(db, subject: "delegate \(current.id)") {
            guard let after = object(entry.after), (after["version"] as? Int ?? 0) > read else { continue }
            let before = object(entry.before) ?? [:]
            for (k, v) in after where k != "version" && k != "updatedAt" && k != "updatedBy" && !equal(before[k], v) {
                fields.insert(k)
            }
        }
        throw StoreError.conflict(
            id: current.id, readVersion: read, currentVersion: current.version, changedBy: current.updatedBy,
            at: current.updatedAt, fields: fields.sorted())
    }

    private func object(_ json: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
    }

    private func equal(_ a: Any?, _ b: Any) -> Bool {
        guard let a = a as? NSObject, let b = b as? NSObject else { return false }
        return a.isEqual(b)
    }

    /// Stores `d` over the registration `current` read in this transaction. The search index's
    /// update trigger fires only when the searched columns are set, so they are left out of the
    /// statement when the names and e-mail did not change.
    func write(_ d: Delegate, over current: Delegate, _ db: Database) throws {
        let keysChange =
            d.givenName != current.givenName || d.familyName != current.familyName
            || d.displayName != current.displayName || d.email != current.email
        let c = SQLiteStore.columns(d)
        if keysChange {
            try db.cachedStatement(
                sql: """
                    UPDATE delegate SET meetingID = ?, delegation = ?, givenName = ?, familyName = ?, displayName = ?, nameKey = ?, role = ?, email = ?,
                        emailKey = ?, zone = ?, languages = ?, interpretation = ?, attends = ?, reference = ?, notes = ?, status = ?, statusReason = ?,
                        version = ?, updatedAt = ?, updatedBy = ?
                    WHERE id = ?
                    """
            ).execute(arguments: StatementArguments(c + [d.id.databaseValue]))
        } else {
            // The same columns without nameKey (5) and emailKey (8).
            let kept = c.enumerated().filter { $0.offset != 5 && $0.offset != 8 }.map { $0.element }
            try db.cachedStatement(
                sql: """
                    UPDATE delegate SET meetingID = ?, delegation = ?, givenName = ?, familyName = ?, displayName = ?, role = ?, email = ?,
                        zone = ?, languages = ?, interpretation = ?, attends = ?, reference = ?, notes = ?, status = ?, statusReason = ?,
                        version = ?, updatedAt = ?, updatedBy = ?
                    WHERE id = ?
                    """
            ).execute(arguments: StatementArguments(kept + [d.id.databaseValue]))
        }
    }

    /// The audit image of a stored registration (`delegateJSON`), read before a change.
    static func storedJSON(_ id: Int64, _ db: Database) throws -> String {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT \(delegateJSON) FROM delegate WHERE id = ?"), arguments: [id]) ?? ""
    }

    /// The audit row of a change to registration `id`: its after-image read from the stored row.
    func recordDelegate(_ db: Database, action: String, id: Int64, before: String, actor: String) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO audit (at, actor, action, meetingID, subject, before, after)
                SELECT ?, ?, ?, meetingID, 'delegate ' || id, ?, \(SQLiteStore.delegateJSON) FROM delegate WHERE id = ?
                """
        ).execute(arguments: [now().seconds, actor, action, before, id])
    }

    /// A delegate row as the JSON `JSONEncoder` writes for `Delegate` (the audit's before and
    /// after), built by SQLite's JSON functions from the stored row, for one change or a whole
    /// import at once (`JSONEncoder` took 1.8 s for 100,000 delegates, one by one). Lists are
    /// stored "a|b" and never contain "|", so quoting the whole list and turning each "|" into
    /// "," makes the JSON array. A nil interpretation is left out as the encoder does: by
    /// choosing between two objects, which took half the time of `json_patch` dropping the
    /// null (0.61 s against 1.13 s for 100,000 rows). A test decodes both forms and compares.
    static let delegateJSON: String = {
        func object(interpretation: Bool) -> String {
            """
            json_object(
                'attends', json(CASE attends WHEN '' THEN '[]' ELSE '[' || replace(json_quote(attends), '|', '","') || ']' END),
                'delegation', delegation, 'displayName', displayName, 'email', email, 'familyName', familyName,
                'givenName', givenName, 'id', id, \(interpretation ? "'interpretation', interpretation," : "")
                'languages', json(CASE languages WHEN '' THEN '[]' ELSE '[' || replace(json_quote(languages), '|', '","') || ']' END),
                'meetingID', meetingID, 'notes', notes, 'reference', reference, 'role', role, 'status', status,
                'statusReason', statusReason, 'updatedAt', json_object('seconds', updatedAt), 'updatedBy', updatedBy,
                'version', version, 'zone', zone)
            """
        }
        return
            "CASE WHEN interpretation IS NULL THEN \(object(interpretation: false)) ELSE \(object(interpretation: true)) END"
    }()

    /// The columns of `columns(_:)`, in order, for an INSERT.
    static let insertDelegate = """
        INSERT INTO delegate (meetingID, delegation, givenName, familyName, displayName, nameKey, role, email, emailKey, zone,
            languages, interpretation, attends, reference, notes, status, statusReason, version, updatedAt, updatedBy)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func columns(_ d: Delegate) -> [DatabaseValue] {
        // The fields are normalised (`DelegateRules.normalised`): folding needs no second clean-up.
        let nameKey = DelegateRules.foldedKey(
            cleaned: [d.givenName, d.familyName, d.displayName].filter { !$0.isEmpty }.joined(separator: " "))
        let values: [(any DatabaseValueConvertible)?] = [
            d.meetingID, d.delegation, d.givenName, d.familyName, d.displayName, nameKey, d.role.rawValue, d.email,
            DelegateRules.emailKey(d.email), d.zone, d.languages.joined(separator: "|"), d.interpretation,
            d.attends.joined(separator: "|"), d.reference, d.notes,
            d.status.rawValue, d.statusReason, d.version, d.updatedAt?.seconds ?? 0, d.updatedBy,
        ]
        return values.map { $0?.databaseValue ?? .null }
    }

    static func fetch(_ id: Int64, meetingID: String, _ db: Database) throws -> Delegate? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(delegateColumns) FROM delegate WHERE id = ? AND meetingID = ?"),
            arguments: [id, meetingID]
        ).map(delegate)
    }

    /// The columns `delegate(_:)` reads, by position: decoding by name looked each name up
    /// again for every row (a third of the time of a 1,648-row list).
    static let delegateColumns = """
        id, meetingID, delegation, givenName, familyName, displayName, role, email, zone, languages, interpretation, attends,
        reference, notes, status, statusReason, version, updatedAt, updatedBy
        """

    /// A delegate from a row of `SELECT \(delegateColumns)`.
    static func delegate(_ row: Row) -> Delegate {
        // Lists of codes (languages, body and session ids), which never contain "|".
        func list(_ text: String) -> [String] { text.split(separator: "|").map(String.init) }
        var d = Delegate(
            meetingID: row[1], delegation: row[2], givenName: row[3], familyName: row[4], displayName: row[5],
            role: DelegateRole(rawValue: row[6]) ?? .delegate, email: row[7], zone: row[8], languages: list(row[9]),
            interpretation: row[10], attends: list(row[11]), reference: row[12], notes: row[13])
        d.id = row[0]
        d.status = RegistrationStatus(rawValue: row[14]) ?? .submitted
        d.statusReason = row[15]
        d.version = row[16]
        d.updatedAt = Instant(seconds: row[17])
        d.updatedBy = row[18]
        return d
    }
}

extension SQLiteStore {
    /// How many registrations of the meeting are at each status.
    public func statusCounts(meetingID: String) throws -> [RegistrationStatus: Int] {
        try db.read { db in
            var out: [RegistrationStatus: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT status, COUNT(*) FROM delegate WHERE meetingID = ? GROUP BY status",
                arguments: [meetingID])
            {
                if let s = RegistrationStatus(rawValue: row[0]) { out[s] = row[1] }
            }
            return out
        }
    }
}
