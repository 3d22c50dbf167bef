import Localization
import Foundation
import GRDB
import MeetingModel

extension SQLiteStore {
    public func importMeeting(_ meeting: Meeting, actor: String) throws -> MeetingImport {
        let json = SQLiteStore.json(meeting)
        return try write { db in
            try authorize(actor, StoreAction.importMeeting.permission, db)
            let existing = try Row.fetchOne(
                db, sql: "SELECT agendaJSON FROM meeting WHERE id = ?", arguments: [meeting.id])
            if let existing, (existing["agendaJSON"] as String) == json { return .unchanged }
            let oldCodes = Set(
                try String.fetchAll(db, sql: "SELECT code FROM delegation WHERE meetingID = ?", arguments: [meeting.id])
            )
            let newCodes = Set(meeting.delegations.map(\.code))
            // Registrations that the new agenda would orphan: their delegation, or a body/session they attend.
            var problems: [Message] = []
            for code in oldCodes.subtracting(newCodes).sorted() {
                let n =
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM delegate WHERE meetingID = ? AND delegation = ?",
                        arguments: [meeting.id, code]) ?? 0
                if n > 0 { problems.append(Message("store.orphan.delegation", ["delegation": code], count: n)) }
            }
            let known = Set(meeting.bodies.map(\.id) + meeting.sessions.map(\.id))
            for row in try Row.fetchAll(
                db, sql: "SELECT id, attends FROM delegate WHERE meetingID = ?", arguments: [meeting.id])
            {
                let attends = (row["attends"] as String).split(separator: "|").map(String.init)
                for a in attends where !known.contains(a) {
                    problems.append(Message("store.orphan.attends", ["id": "\(row["id"] as Int64)", "value": a]))
                }
            }
            let sessions = Set(meeting.sessions.map(\.id))
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT DISTINCT delegation, session FROM interpretation_request WHERE meetingID = ? ORDER BY session, delegation",
                arguments: [meeting.id]) where !sessions.contains(row["session"])
            {
                problems.append(
                    Message(
                        "store.orphan.request",
                        ["delegation": row["delegation"] as String, "session": row["session"] as String]))
            }
            for row in try Row.fetchAll(
                db,
                sql: "SELECT DISTINCT delegation FROM interpretation_request WHERE meetingID = ? ORDER BY delegation",
                arguments: [meeting.id]) where !newCodes.contains(row["delegation"])
            {
                problems.append(Message("store.orphan.requests", ["delegation": row["delegation"] as String]))
            }
            if !problems.isEmpty { throw StoreError.wouldOrphan(problems) }

            if existing == nil {
                try db.execute(
                    sql: "INSERT INTO meeting (id, title, agendaJSON, importedAt, importedBy) VALUES (?, ?, ?, ?, ?)",
                    arguments: [meeting.id, meeting.title, json, now().seconds, actor])
            } else {
                try db.execute(
                    sql: "UPDATE meeting SET title = ?, agendaJSON = ?, importedAt = ?, importedBy = ? WHERE id = ?",
                    arguments: [meeting.title, json, now().seconds, actor, meeting.id])
            }
            for code in oldCodes.subtracting(newCodes) {
                try db.execute(
                    sql: "DELETE FROM delegation WHERE meetingID = ? AND code = ?", arguments: [meeting.id, code])
            }
            for d in meeting.delegations {
                try db.execute(
                    sql: """
                        INSERT INTO delegation (meetingID, code, name, zone) VALUES (?, ?, ?, ?)
                        ON CONFLICT (meetingID, code) DO UPDATE SET name = excluded.name, zone = excluded.zone
                        """, arguments: [meeting.id, d.code, d.name, d.zone])
            }
            try record(
                db, action: existing == nil ? "meeting.import" : "meeting.update", meetingID: meeting.id,
                subject: "meeting \(meeting.id)",
                before: existing?["agendaJSON"] ?? "", after: json, actor: actor)
            return existing == nil
                ? .created
                : .updated(
                    addedDelegations: newCodes.subtracting(oldCodes).sorted(),
                    removedDelegations: oldCodes.subtracting(newCodes).sorted())
        }
    }

    public func meetingSummaries() throws -> [MeetingSummary] {
        try db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.id, m.title, m.importedAt, (SELECT COUNT(*) FROM delegate d WHERE d.meetingID = m.id) AS n
                    FROM meeting m ORDER BY m.id
                    """
            ).map {
                MeetingSummary(
                    id: $0["id"], title: $0["title"], delegates: $0["n"], importedAt: Instant(seconds: $0["importedAt"])
                )
            }
        }
    }

    public func meeting(_ id: String) throws -> Meeting? {
        try db.read { db in
            try String.fetchOne(db, sql: "SELECT agendaJSON FROM meeting WHERE id = ?", arguments: [id])
        }.flatMap { try JSONDecoder().decode(Meeting.self, from: Data($0.utf8)) }
    }
}
