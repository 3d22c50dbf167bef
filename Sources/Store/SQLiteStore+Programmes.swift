import Foundation
import GRDB
import MeetingModel

extension SQLiteStore {
    /// Stores `programme` as its meeting's draft (version 0), replacing the draft; audited.
    public func saveDraft(_ programme: Programme, actor: String) throws {
        let json = SQLiteStore.json(programme)
        try write { db in
            try authorize(actor, StoreAction.saveDraftProgramme.permission, db)
            _ = try self.meeting(programme.meetingID, in: db)
            let before = try String.fetchOne(db, sql: "SELECT placementsJSON FROM programme WHERE meetingID = ? AND version = 0", arguments: [programme.meetingID])
            if before == json { return }
            try db.execute(sql: """
                INSERT INTO programme (meetingID, version, placementsJSON, savedAt, savedBy) VALUES (?, 0, ?, ?, ?)
                ON CONFLICT (meetingID, version) DO UPDATE SET placementsJSON = excluded.placementsJSON, savedAt = excluded.savedAt, savedBy = excluded.savedBy
                """, arguments: [programme.meetingID, json, now().seconds, actor])
            try record(db, action: StoreAction.saveDraftProgramme.rawValue, meetingID: programme.meetingID, subject: "programme draft",
                       before: before ?? "", after: json, actor: actor)
        }
    }

    /// The programme delegates see: the latest published version, else the draft (nil: none yet).
    public func currentProgramme(meetingID: String) throws -> Programme? {
        try db.read { db in
            guard let json = try String.fetchOne(db, sql: """
                SELECT placementsJSON FROM programme WHERE meetingID = ? ORDER BY version = 0, version DESC LIMIT 1
                """, arguments: [meetingID]) else { return nil }
            return try JSONDecoder().decode(Programme.self, from: Data(json.utf8))
        }
    }

    /// A delegate by id, in whichever meeting (a signed-in account's).
    public func delegate(id: Int64) throws -> Delegate? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT \(SQLiteStore.delegateColumns) FROM delegate WHERE id = ?", arguments: [id]).map(SQLiteStore.delegate)
        }
    }
}
