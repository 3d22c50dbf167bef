import Foundation
import GRDB
import Localization
import MeetingModel

/// A personal join link as stored, with its delegate (issue 19).
public struct StoredJoinLink: Sendable, Hashable {
    public let id: Int64
    public let delegateID: Int64
    public let name: String
    public let email: String
    public let delegation: String
    public let link: PersonalLink
    public let setAt: Instant
    public let setBy: String
    /// When it was revoked (withdrawn or rejected registration, or removed by the ASM).
    public let revokedAt: Instant?
}

/// One link to store for a delegate.
public struct JoinLinkWrite: Sendable, Hashable {
    public let delegateID: Int64
    public let link: PersonalLink

    public init(delegateID: Int64, link: PersonalLink) {
        self.delegateID = delegateID
        self.link = link
    }
}

/// What storing links did.
public struct JoinLinkCounts: Sendable, Hashable {
    public var added = 0
    public var changed = 0
    public var unchanged = 0
}

/// One delegate's presence at a session, from the platform's report.
public struct AttendanceWrite: Sendable, Hashable {
    public let delegateID: Int64
    public let minutes: Int
    public let firstJoin: Instant
    public let lastLeave: Instant

    public init(delegateID: Int64, minutes: Int, firstJoin: Instant, lastLeave: Instant) {
        self.delegateID = delegateID
        self.minutes = minutes
        self.firstJoin = firstJoin
        self.lastLeave = lastLeave
    }
}

/// A session's recorded report: which file, when, and its rows.
public struct StoredAttendanceReport: Sendable, Hashable {
    public let session: String
    public let file: String
    public let rows: Int
    public let unmatched: Int
    public let importedAt: Instant
    public let importedBy: String
}

extension SQLiteStore {
    /// Stores personal links, all or none, audited per delegate: a link for a delegate and scope
    /// that has one replaces it. Refused (nothing written) for a delegate who is not in the
    /// meeting or whose registration is rejected or withdrawn, a link that is not https, or a
    /// room or session the meeting does not have.
    public func setJoinLinks(_ writes: [JoinLinkWrite], meetingID: String, actor: String) throws -> JoinLinkCounts {
        try write { db in
            try authorize(actor, StoreAction.setJoinLinks.permission, db)
            let meeting = try self.meeting(meetingID, in: db)
            var problems: [Message] = []
            for w in writes {
                if let p = try SQLiteStore.linkProblem(w, meeting: meeting, db) { problems.append(p) }
            }
            guard problems.isEmpty else { throw StoreError.invalid(Array(problems.prefix(20))) }
            var counts = JoinLinkCounts()
            for w in writes {
                let scope = w.link.scope.description
                let old = try Row.fetchOne(
                    db, sql: "SELECT id, url FROM join_link WHERE delegateID = ? AND scope = ? AND revokedAt = 0",
                    arguments: [w.delegateID, scope])
                if let old, (old["url"] as String) == w.link.url {
                    counts.unchanged += 1
                    continue
                }
                if let old {
                    try db.execute(
                        sql: "UPDATE join_link SET url = ?, setAt = ?, setBy = ? WHERE id = ?",
                        arguments: [w.link.url, now().seconds, actor, old["id"] as Int64])
                    counts.changed += 1
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO join_link (meetingID, delegateID, scope, url, setAt, setBy) VALUES (?, ?, ?, ?, ?, ?)
                            """, arguments: [meetingID, w.delegateID, scope, w.link.url, now().seconds, actor])
                    counts.added += 1
                }
                try record(
                    db, action: StoreAction.setJoinLinks.rawValue, meetingID: meetingID,
                    subject: "delegate \(w.delegateID)",
                    before: old.map { SQLiteStore.json(["scope": scope, "url": $0["url"] as String]) } ?? "",
                    after: SQLiteStore.json(["scope": scope, "url": w.link.url]), actor: actor)
            }
            return counts
        }
    }

    private static func linkProblem(_ w: JoinLinkWrite, meeting: Meeting, _ db: Database) throws -> Message? {
        guard
            let status = try String.fetchOne(
                db, sql: "SELECT status FROM delegate WHERE id = ? AND meetingID = ?",
                arguments: [w.delegateID, meeting.id])
        else { return Message("store.no-delegate", ["id": "\(w.delegateID)"]) }
        if status == RegistrationStatus.withdrawn.rawValue || status == RegistrationStatus.rejected.rawValue {
            return Message("store.link-inactive", ["id": "\(w.delegateID)", "status": status])
        }
        guard JoinDetails.isJoinURL(w.link.url) else {
            return Message("store.link-not-https", ["id": "\(w.delegateID)"])
        }
        switch w.link.scope {
        case .meeting: return nil
        case .room(let r):
            return meeting.rules.rooms.contains(r) ? nil : Message("store.link-room", ["room": r])
        case .session(let s):
            return meeting.session(s) != nil ? nil : Message("store.link-session", ["session": s])
        }
    }

    /// Revokes a delegate's active links (all, or the one for `scope`), audited; they are then
    /// listed for the ASM to cancel on the platform. Returns how many were revoked.
    @discardableResult
    public func revokeJoinLinks(delegateID: Int64, scope: LinkScope?, meetingID: String, actor: String) throws -> Int {
        try write { db in
            try authorize(actor, StoreAction.removeJoinLinks.permission, db)
            return try revokeJoinLinks(delegateID, scope: scope, meetingID: meetingID, actor: actor, db)
        }
    }

    /// Inside a caller's transaction (also when a registration is withdrawn or rejected).
    func revokeJoinLinks(_ delegateID: Int64, scope: LinkScope?, meetingID: String, actor: String, _ db: Database)
        throws -> Int
    {
        var sql = "UPDATE join_link SET revokedAt = ? WHERE delegateID = ? AND meetingID = ? AND revokedAt = 0"
        var args: [any DatabaseValueConvertible] = [now().seconds, delegateID, meetingID]
        if let scope {
            sql += " AND scope = ?"
            args.append(scope.description)
        }
        try db.execute(sql: sql, arguments: StatementArguments(args))
        let n = db.changesCount
        if n > 0 {
            try record(
                db, action: StoreAction.removeJoinLinks.rawValue, meetingID: meetingID,
                subject: "delegate \(delegateID)",
                before: "", after: SQLiteStore.json(["scope": scope?.description ?? "all", "revoked": "\(n)"]),
                actor: actor)
        }
        return n
    }

    /// The active links of delegate `delegateID` (what their screens and calendar use).
    public func joinLinks(delegateID: Int64) throws -> [PersonalLink] {
        try db.read { db in
            try Row.fetchAll(
                db, sql: "SELECT scope, url FROM join_link WHERE delegateID = ? AND revokedAt = 0 ORDER BY scope",
                arguments: [delegateID]
            ).compactMap { row in LinkScope(stored: row["scope"]).map { PersonalLink(scope: $0, url: row["url"]) } }
        }
    }

    /// The meeting's links: the active ones, or (`revoked`) the revoked ones the ASM has not yet
    /// marked cancelled on the platform; by delegation, name and scope.
    public func joinLinks(meetingID: String, revoked: Bool = false) throws -> [StoredJoinLink] {
        try db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT l.*, d.displayName, d.email, d.delegation FROM join_link l JOIN delegate d ON d.id = l.delegateID
                    WHERE l.meetingID = ? AND \(revoked ? "l.revokedAt > 0 AND l.cancelledAt = 0" : "l.revokedAt = 0")
                    ORDER BY d.delegation, d.nameKey, d.id, l.scope
                    """, arguments: [meetingID]
            ).compactMap { row in
                guard let scope = LinkScope(stored: row["scope"]) else { return nil }
                let revokedAt: Int = row["revokedAt"]
                return StoredJoinLink(
                    id: row["id"], delegateID: row["delegateID"], name: row["displayName"], email: row["email"],
                    delegation: row["delegation"], link: PersonalLink(scope: scope, url: row["url"]),
                    setAt: Instant(seconds: row["setAt"]), setBy: row["setBy"],
                    revokedAt: revokedAt > 0 ? Instant(seconds: revokedAt) : nil)
            }
        }
    }

    /// Marks revoked links as cancelled on the platform (all of the meeting's, or those of
    /// `ids`), audited; they leave the ASM's list. Returns how many.
    @discardableResult
    public func markJoinLinksCancelled(ids: [Int64]?, meetingID: String, actor: String) throws -> Int {
        try write { db in
            try authorize(actor, StoreAction.removeJoinLinks.permission, db)
            var sql = "UPDATE join_link SET cancelledAt = ? WHERE meetingID = ? AND revokedAt > 0 AND cancelledAt = 0"
            if let ids { sql += " AND id IN (" + ids.map { "\($0)" }.joined(separator: ",") + ")" }
            try db.execute(sql: sql, arguments: [now().seconds, meetingID])
            let n = db.changesCount
            if n > 0 {
                try record(
                    db, action: "join-link.cancelled", meetingID: meetingID, subject: "meeting \(meetingID)",
                    before: "",
                    after: SQLiteStore.json(["links": ids.map { $0.map(String.init).joined(separator: ",") } ?? "all"]),
                    actor: actor)
            }
            return n
        }
    }

    // MARK: Attendance

    /// Records a session's participant report, all or none, replacing the session's earlier
    /// one; one audit entry lists every delegate and their minutes (each delegate's history finds
    /// it by the session). Returns whether an earlier report was replaced.
    @discardableResult
    public func recordAttendance(
        session: String, presences: [AttendanceWrite], file: String, rows: Int, unmatched: Int, meetingID: String,
        actor: String
    ) throws -> Bool {
        try write { db in
            try authorize(actor, StoreAction.importAttendance.permission, db)
            let meeting = try self.meeting(meetingID, in: db)
            guard meeting.session(session) != nil else {
                throw StoreError.invalid([Message("store.link-session", ["session": session])])
            }
            var problems: [Message] = []
            for p in presences {
                if try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM delegate WHERE id = ? AND meetingID = ?",
                    arguments: [p.delegateID, meetingID])
                    != true
                {
                    problems.append(Message("store.no-delegate", ["id": "\(p.delegateID)"]))
                }
                if p.minutes < 0 || p.minutes > 24 * 60 || p.lastLeave < p.firstJoin {
                    problems.append(Message("store.attendance-minutes", ["id": "\(p.delegateID)"]))
                }
            }
            if Set(presences.map(\.delegateID)).count != presences.count {
                problems.append(Message("store.attendance-twice"))
            }
            guard problems.isEmpty else { throw StoreError.invalid(Array(problems.prefix(20))) }
            let replaced =
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM attendance_report WHERE meetingID = ? AND session = ?",
                    arguments: [meetingID, session]) ?? false
            try db.execute(
                sql: "DELETE FROM attendance_report WHERE meetingID = ? AND session = ?",
                arguments: [meetingID, session])
            try db.execute(
                sql: """
                    INSERT INTO attendance_report (meetingID, session, file, rows, unmatched, importedAt, importedBy)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    meetingID, session, SQLiteStore.printable(file, limit: 300), rows, unmatched, now().seconds, actor,
                ])
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO attendance (meetingID, session, delegateID, minutes, firstJoin, lastLeave) VALUES (?, ?, ?, ?, ?, ?)
                    """)
            for p in presences {
                try insert.execute(arguments: [
                    meetingID, session, p.delegateID, p.minutes, p.firstJoin.seconds, p.lastLeave.seconds,
                ])
            }
            try record(
                db, action: StoreAction.importAttendance.rawValue, meetingID: meetingID, subject: "session \(session)",
                before: "",
                after: SQLiteStore.json(
                    Dictionary(uniqueKeysWithValues: presences.map { ("delegate \($0.delegateID)", $0.minutes) })),
                actor: actor)
            return replaced
        }
    }

    /// Every recorded presence of the meeting, and the reports recorded, by session.
    public func attendance(meetingID: String) throws -> (presences: [Presence], reports: [StoredAttendanceReport]) {
        try db.read { db in
            let presences = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.session, a.delegateID, a.minutes, d.delegation FROM attendance a JOIN delegate d ON d.id = a.delegateID
                    WHERE a.meetingID = ? ORDER BY a.session, d.delegation, a.delegateID
                    """, arguments: [meetingID]
            ).map {
                Presence(
                    session: $0["session"], delegateID: $0["delegateID"], delegation: $0["delegation"],
                    minutes: $0["minutes"])
            }
            let reports = try Row.fetchAll(
                db, sql: "SELECT * FROM attendance_report WHERE meetingID = ? ORDER BY session", arguments: [meetingID]
            ).map {
                StoredAttendanceReport(
                    session: $0["session"], file: $0["file"], rows: $0["rows"], unmatched: $0["unmatched"],
                    importedAt: Instant(seconds: $0["importedAt"]), importedBy: $0["importedBy"])
            }
            return (presences, reports)
        }
    }
}
