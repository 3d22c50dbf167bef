import Localization
import Foundation
import GRDB
import MeetingModel

/// A published version of a meeting's programme.
public struct ProgrammeVersion: Sendable, Hashable {
    public let version: Int
    public let programme: Programme
    public let publishedAt: Instant
    public let publishedBy: String
}

extension SQLiteStore {
    /// Stores `programme` as its meeting's draft (version 0), replacing the draft; audited with
    /// the placements that changed (before and after), not the whole programme each time.
    public func saveDraft(_ programme: Programme, actor: String) throws {
        let json = SQLiteStore.json(programme)
        try write { db in
            try authorize(actor, StoreAction.saveDraftProgramme.permission, db)
            _ = try self.meeting(programme.meetingID, in: db)
            let before = try String.fetchOne(
                db, sql: "SELECT placementsJSON FROM programme WHERE meetingID = ? AND version = 0",
                arguments: [programme.meetingID])
            if before == json { return }
            try db.execute(
                sql: """
                    INSERT INTO programme (meetingID, version, placementsJSON, savedAt, savedBy) VALUES (?, 0, ?, ?, ?)
                    ON CONFLICT (meetingID, version) DO UPDATE SET placementsJSON = excluded.placementsJSON, savedAt = excluded.savedAt, savedBy = excluded.savedBy
                    """, arguments: [programme.meetingID, json, now().seconds, actor])
            let old = try before.map { try JSONDecoder().decode(Programme.self, from: Data($0.utf8)) }
            let (removed, added) = SQLiteStore.difference(old?.placements ?? [], programme.placements)
            try record(
                db, action: StoreAction.saveDraftProgramme.rawValue, meetingID: programme.meetingID,
                subject: "programme draft",
                before: SQLiteStore.json(removed), after: SQLiteStore.json(added), actor: actor)
        }
    }

    /// The placements only in `a` and only in `b` (by value), each in its own order.
    static func difference(_ a: [Placement], _ b: [Placement]) -> ([Placement], [Placement]) {
        let sa = Set(a), sb = Set(b)
        return (a.filter { !sb.contains($0) }, b.filter { !sa.contains($0) })
    }

    /// Publishes the draft as the next numbered version (1, 2, …) and returns its number; the
    /// draft stays, and later edits change it until the next publication. Refused when there is
    /// no draft or it equals the latest version.
    @discardableResult
    public func publish(meetingID: String, actor: String) throws -> Int {
        try write { db in
            try authorize(actor, StoreAction.publishProgramme.permission, db)
            _ = try self.meeting(meetingID, in: db)
            guard
                let draft = try String.fetchOne(
                    db, sql: "SELECT placementsJSON FROM programme WHERE meetingID = ? AND version = 0",
                    arguments: [meetingID])
            else {
                throw StoreError.invalid([Message("store.no-draft", ["meeting": meetingID])])
            }
            let latest = try Row.fetchOne(
                db,
                sql:
                    "SELECT version, placementsJSON FROM programme WHERE meetingID = ? AND version > 0 ORDER BY version DESC LIMIT 1",
                arguments: [meetingID])
            let last: Int = latest?["version"] ?? 0
            if let latest, (latest["placementsJSON"] as String) == draft {
                throw StoreError.invalid([Message("store.draft-same", ["version": "\(last)"])])
            }
            let next = last + 1
            try db.execute(
                sql:
                    "INSERT INTO programme (meetingID, version, placementsJSON, savedAt, savedBy) VALUES (?, ?, ?, ?, ?)",
                arguments: [meetingID, next, draft, now().seconds, actor])
            try record(
                db, action: StoreAction.publishProgramme.rawValue, meetingID: meetingID,
                subject: "programme version \(next)",
                before: "", after: "version \(next)", actor: actor)
            return next
        }
    }

    /// The programme delegates see: the latest published version, else the draft (nil: none yet).
    public func currentProgramme(meetingID: String) throws -> Programme? {
        try db.read { db in
            guard
                let json = try String.fetchOne(
                    db,
                    sql: """
                        SELECT placementsJSON FROM programme WHERE meetingID = ? ORDER BY version = 0, version DESC LIMIT 1
                        """, arguments: [meetingID])
            else { return nil }
            return try JSONDecoder().decode(Programme.self, from: Data(json.utf8))
        }
    }

    /// The draft (nil: none).
    public func draftProgramme(meetingID: String) throws -> Programme? {
        try db.read { db in
            try String.fetchOne(
                db, sql: "SELECT placementsJSON FROM programme WHERE meetingID = ? AND version = 0",
                arguments: [meetingID]
            )
            .map { try JSONDecoder().decode(Programme.self, from: Data($0.utf8)) }
        }
    }

    /// Published version `version`, or the latest when nil (nil: none published).
    public func publishedProgramme(meetingID: String, version: Int? = nil) throws -> ProgrammeVersion? {
        try db.read { db in
            let row: Row?
            if let version {
                row = try Row.fetchOne(
                    db, sql: "SELECT * FROM programme WHERE meetingID = ? AND version = ? AND version > 0",
                    arguments: [meetingID, version])
            } else {
                row = try Row.fetchOne(
                    db,
                    sql: "SELECT * FROM programme WHERE meetingID = ? AND version > 0 ORDER BY version DESC LIMIT 1",
                    arguments: [meetingID])
            }
            guard let row else { return nil }
            return ProgrammeVersion(
                version: row["version"],
                programme: try JSONDecoder().decode(Programme.self, from: Data((row["placementsJSON"] as String).utf8)),
                publishedAt: Instant(seconds: row["savedAt"]), publishedBy: row["savedBy"])
        }
    }

    /// A delegate by id, in whichever meeting (a signed-in account's).
    public func delegate(id: Int64) throws -> Delegate? {
        try db.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(SQLiteStore.delegateColumns) FROM delegate WHERE id = ?", arguments: [id]
            ).map(SQLiteStore.delegate)
        }
    }
}
