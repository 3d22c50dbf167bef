import Localization
import Foundation
import GRDB
import MeetingModel

/// A stored request and who made it when.
public struct StoredInterpretationRequest: Sendable, Hashable {
    public let request: InterpretationRequest
    public let at: Instant
    public let by: String
}

extension SQLiteStore {
    /// Records that `delegation` asks for interpretation of `session` into `language` (audited);
    /// asking again changes nothing. A language that is not official at the meeting is recorded
    /// too: the report lists it as relay, naming the delegation.
    @discardableResult
    public func requestInterpretation(_ r: InterpretationRequest, meetingID: String, actor: String) throws -> Bool {
        try write { db in
            try authorize(actor, StoreAction.requestInterpretation.permission, db)
            try SQLiteStore.check(r, in: try self.meeting(meetingID, in: db))
            let exists =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT 1 FROM interpretation_request WHERE meetingID = ? AND delegation = ? AND session = ? AND language = ?
                        """, arguments: [meetingID, r.delegation, r.session, r.language]) ?? false
            if exists { return false }
            try db.execute(
                sql: """
                    INSERT INTO interpretation_request (meetingID, delegation, session, language, requestedAt, requestedBy) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [meetingID, r.delegation, r.session, r.language, now().seconds, actor])
            try record(
                db, action: StoreAction.requestInterpretation.rawValue, meetingID: meetingID,
                subject: "session \(r.session)",
                before: "", after: SQLiteStore.json(r), actor: actor)
            return true
        }
    }

    /// Withdraws a request (audited); throws when there is none to withdraw.
    public func withdrawInterpretation(_ r: InterpretationRequest, meetingID: String, actor: String) throws {
        try write { db in
            try authorize(actor, StoreAction.withdrawInterpretation.permission, db)
            try db.execute(
                sql:
                    "DELETE FROM interpretation_request WHERE meetingID = ? AND delegation = ? AND session = ? AND language = ?",
                arguments: [meetingID, r.delegation, r.session, r.language])
            guard db.changesCount > 0 else {
                throw StoreError.invalidRequest([
                    Message(
                        "store.no-request", ["delegation": r.delegation, "session": r.session, "language": r.language])
                ])
            }
            try record(
                db, action: StoreAction.withdrawInterpretation.rawValue, meetingID: meetingID,
                subject: "session \(r.session)",
                before: SQLiteStore.json(r), after: "", actor: actor)
        }
    }

    /// The delegations' explicit requests, by session, language and delegation.
    public func interpretationRequests(meetingID: String) throws -> [StoredInterpretationRequest] {
        try db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT delegation, session, language, requestedAt, requestedBy FROM interpretation_request WHERE meetingID = ?
                    ORDER BY session, language, delegation
                    """, arguments: [meetingID]
            ).map {
                StoredInterpretationRequest(
                    request: InterpretationRequest(delegation: $0[0], session: $0[1], language: $0[2]),
                    at: Instant(seconds: $0[3]), by: $0[4])
            }
        }
    }

    /// Every request that counts for the meeting: the delegations' explicit ones and those of
    /// registered delegates who want interpretation (see `InterpretationRequest.fromRegistrations`).
    public func allInterpretationRequests(meeting: Meeting) throws -> [InterpretationRequest] {
        let explicit = try interpretationRequests(meetingID: meeting.id).map(\.request)
        let registered = InterpretationRequest.fromRegistrations(
            try delegates(DelegateQuery(meetingID: meeting.id)), meeting: meeting)
        return Array(Set(explicit + registered)).sorted {
            ($0.session, $0.language, $0.delegation) < ($1.session, $1.language, $1.delegation)
        }
    }

    static func check(_ r: InterpretationRequest, in meeting: Meeting) throws {
        var problems: [Message] = []
        if !meeting.delegations.contains(where: { $0.code == r.delegation }) {
            problems.append(Message("store.field.delegation", ["value": r.delegation, "meeting": meeting.id]))
        }
        if !meeting.sessions.contains(where: { $0.id == r.session }) {
            problems.append(
                Message(
                    "store.field.session",
                    [
                        "value": r.session, "meeting": meeting.id,
                        "list": meeting.sessions.map(\.id).joined(separator: ", "),
                    ]))
        }
        if !DelegateRules.isLanguage(r.language) {
            problems.append(Message("store.field.language", ["field": "language", "value": r.language]))
        }
        if !problems.isEmpty { throw StoreError.invalidRequest(problems) }
    }
}
