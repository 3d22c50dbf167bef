import Foundation
import GRDB
import Localization
import MeetingModel

/// A message's place in the outbox (issue 20).
public enum OutboxState: String, Sendable, Hashable, CaseIterable {
    /// Waiting to be sent (`outbox send`).
    case queued
    /// Being handed to the transport now.
    case sending
    case sent
    /// The transport refused it; tried again (with back-off) by `send --due` or `retry`.
    case failed
    case cancelled
    /// A send was interrupted while handing it over (killed): it may have gone. Never resent on
    /// its own; `retry` resends it on purpose.
    case unknown
}

/// One message of the outbox, without its bytes.
public struct OutboxEntry: Sendable, Hashable {
    public let id: Int64
    public let delegateID: Int64?
    public let kind: String
    /// What makes it one message ("change-notice d:12 v:2-4"): composing again finds it.
    public let dedupeKey: String
    public let recipient: String
    public let subject: String
    public let state: OutboxState
    public let attempts: Int
    public let lastError: String
    public let createdAt: Instant
    public let updatedAt: Instant
    public let sentAt: Instant?
    public let nextAttemptAt: Instant
}

/// A message to queue (see `queueMessages`).
public struct OutboxDraft: Sendable, Hashable {
    public let kind: String
    public let dedupeKey: String
    public let delegateID: Int64?
    public let recipient: String
    public let subject: String
    public let message: Data

    public init(kind: String, dedupeKey: String, delegateID: Int64?, recipient: String, subject: String, message: Data)
    {
        self.kind = kind
        self.dedupeKey = dedupeKey
        self.delegateID = delegateID
        self.recipient = recipient
        self.subject = subject
        self.message = message
    }
}

/// An account letter as it is kept (see `recordAccountLetters`).
public struct AccountLetterRecord: Sendable, Hashable {
    public let delegateID: Int64
    public let recipient: String
    public let subject: String
    /// The rendered letter without its token.
    public let redacted: Data
    /// What the transport said when it refused the letter; nil: taken.
    public let error: String?

    public init(delegateID: Int64, recipient: String, subject: String, redacted: Data, error: String?) {
        self.delegateID = delegateID
        self.recipient = recipient
        self.subject = subject
        self.redacted = redacted
        self.error = error
    }
}

extension SQLiteStore {
    /// Queues many messages in one transaction (all or none), each unless its `dedupeKey` is
    /// there already; one audit entry lists them. The ids of the new ones, by key.
    public func queueMessages(_ drafts: [OutboxDraft], meetingID: String, actor: String) throws -> [String: Int64] {
        try write { db in
            try authorize(actor, StoreAction.queueMessage.permission, db)
            let t = now().seconds
            let exists = try db.cachedStatement(sql: "SELECT id FROM outbox WHERE meetingID = ? AND dedupeKey = ?")
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO outbox (meetingID, delegateID, kind, dedupeKey, recipient, subject, message, state, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)
                    """)
            var new: [String: Int64] = [:]
            for d in drafts {
                if try Int64.fetchOne(exists, arguments: [meetingID, d.dedupeKey]) != nil { continue }
                try insert.execute(arguments: [
                    meetingID, d.delegateID, d.kind, d.dedupeKey, d.recipient, d.subject, d.message, t, t,
                ])
                new[d.dedupeKey] = db.lastInsertedRowID
            }
            if !new.isEmpty {
                try record(
                    db, action: StoreAction.queueMessage.rawValue, meetingID: meetingID,
                    subject: "meeting \(meetingID)",
                    before: "",
                    after: SQLiteStore.json(["messages": new.values.sorted().map(String.init).joined(separator: ",")]),
                    actor: actor)
            }
            return new
        }
    }

    /// The longest wait between two attempts of a failed message.
    static let maxBackoffSeconds = 6 * 3600

    /// Records account letters already handed over (`error` nil) or refused by the transport, in
    /// one transaction, each stored as `redacted` (without the token). A refused letter takes the
    /// token with it: the account is left "to re-issue", not a token waiting anywhere. The new
    /// messages' ids, in order.
    @discardableResult
    public func recordAccountLetters(_ letters: [AccountLetterRecord], meetingID: String, actor: String) throws
        -> [Int64]
    {
        try write { db in
            try authorize(actor, StoreAction.sendMessage.permission, db)
            let t = now().seconds
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO outbox (meetingID, delegateID, kind, dedupeKey, recipient, subject, message, state, attempts, lastError, createdAt, updatedAt, sentAt)
                    VALUES (?, ?, 'account-letter', ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
                    """)
            var ids: [Int64] = []
            for l in letters {
                try insert.execute(arguments: [
                    meetingID, l.delegateID, "account-letter \(l.delegateID) \(t) \(UUID().uuidString)", l.recipient,
                    l.subject, l.redacted, l.error == nil ? OutboxState.sent.rawValue : OutboxState.failed.rawValue,
                    String((l.error ?? "").prefix(500)), t, t, l.error == nil ? t : 0,
                ])
                let id = db.lastInsertedRowID
                ids.append(id)
                if l.error != nil {
                    try db.execute(
                        sql: "UPDATE account SET tokenHash = '' WHERE delegateID = ? AND passwordHash = ''",
                        arguments: [l.delegateID])
                }
                try record(
                    db, action: l.error == nil ? StoreAction.sendMessage.rawValue : "outbox.failed",
                    meetingID: meetingID, subject: "delegate \(l.delegateID)", before: "",
                    after: SQLiteStore.json([
                        "message": "\(id)", "kind": "account-letter", "recipient": l.recipient, "error": l.error ?? "",
                    ]), actor: actor)
            }
            return ids
        }
    }

    /// The meeting's messages, newest first (one state, or all).
    public func outbox(meetingID: String, state: OutboxState? = nil, limit: Int = 1_000) throws -> [OutboxEntry] {
        try db.read { db in
            var sql = "SELECT * FROM outbox WHERE meetingID = ?"
            var args: [any DatabaseValueConvertible] = [meetingID]
            if let state {
                sql += " AND state = ?"
                args.append(state.rawValue)
            }
            args.append(max(1, min(limit, 100_000)))
            return try Row.fetchAll(db, sql: sql + " ORDER BY id DESC LIMIT ?", arguments: StatementArguments(args))
                .map(SQLiteStore.outboxEntry)
        }
    }

    /// One message and its bytes.
    public func outboxMessage(_ id: Int64, meetingID: String) throws -> (OutboxEntry, Data)? {
        try db.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM outbox WHERE id = ? AND meetingID = ?", arguments: [id, meetingID]
            )
            .map { (SQLiteStore.outboxEntry($0), $0["message"] as Data) }
        }
    }

    /// Settles the messages a killed send left "sending": those `handedOver` confirms the
    /// transport holds (a folder's file is there) are sent, the others `unknown` (they may have
    /// gone). How many became unknown.
    @discardableResult
    public func settleInterruptedSends(
        meetingID: String, actor: String, handedOver: (Int64) -> Bool = { _ in false }
    ) throws -> Int {
        try write { db in
            try authorize(actor, StoreAction.sendMessage.permission, db)
            let t = now().seconds
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM outbox WHERE meetingID = ? AND state = 'sending' ORDER BY id",
                arguments: [meetingID])
            var unknown = 0
            for id in ids {
                if handedOver(id) {
                    try settle(db, id, error: nil, meetingID: meetingID, actor: actor, at: t)
                } else {
                    try db.execute(
                        sql: """
                            UPDATE outbox SET state = 'unknown', lastError = 'a send was interrupted while handing it over: it may have been sent', updatedAt = ?
                            WHERE id = ?
                            """, arguments: [t, id])
                    unknown += 1
                }
            }
            return unknown
        }
    }

    /// The ids to send now: queued ones and failed ones; with `dueOnly`, only the failed ones
    /// whose wait is over (what a timer sends).
    public func messagesToSend(meetingID: String, dueOnly: Bool) throws -> [Int64] {
        try db.read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT id FROM outbox WHERE meetingID = ? AND kind != 'account-letter'
                    AND (state = 'queued' OR (state = 'failed' AND (NOT ? OR nextAttemptAt <= ?)))
                    ORDER BY id
                    """, arguments: [meetingID, dueOnly, now().seconds])
        }
    }

    /// Takes messages for sending, in one transaction committed before the transport sees them:
    /// each with its bytes, leaving out those no longer queued or failed (another send took them,
    /// or they were cancelled).
    public func claimMessages(_ ids: [Int64], meetingID: String, actor: String) throws -> [(OutboxEntry, Data)] {
        try write { db in
            try authorize(actor, StoreAction.sendMessage.permission, db)
            let claim = try db.cachedStatement(
                sql: """
                    UPDATE outbox SET state = 'sending', attempts = attempts + 1, updatedAt = ?
                    WHERE id = ? AND meetingID = ? AND state IN ('queued', 'failed') AND kind != 'account-letter'
                    """)
            let t = now().seconds
            var out: [(OutboxEntry, Data)] = []
            for id in ids {
                try claim.execute(arguments: [t, id, meetingID])
                guard db.changesCount == 1,
                    let row = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id])
                else { continue }
                out.append((SQLiteStore.outboxEntry(row), row["message"] as Data))
            }
            return out
        }
    }

    /// What the transport did with claimed messages, in one transaction: each taken (`error`
    /// nil) or refused, then tried again after a wait that doubles with each attempt (1 min … 6 h).
    public func settleMessages(_ outcomes: [(id: Int64, error: String?)], meetingID: String, actor: String) throws {
        try write { db in
            try authorize(actor, StoreAction.sendMessage.permission, db)
            let t = now().seconds
            for o in outcomes { try settle(db, o.id, error: o.error, meetingID: meetingID, actor: actor, at: t) }
        }
    }

    private func settle(_ db: Database, _ id: Int64, error: String?, meetingID: String, actor: String, at t: Int)
        throws
    {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT attempts, recipient, delegateID FROM outbox WHERE id = ? AND meetingID = ?",
                arguments: [id, meetingID])
        else { return }
        let attempts: Int = row["attempts"]
        if let error {
            let wait = min(SQLiteStore.maxBackoffSeconds, 60 << min(20, max(0, attempts - 1)))
            try db.execute(
                sql: "UPDATE outbox SET state = 'failed', lastError = ?, updatedAt = ?, nextAttemptAt = ? WHERE id = ?",
                arguments: [String(error.prefix(500)), t, t + wait, id])
        } else {
            try db.execute(
                sql: "UPDATE outbox SET state = 'sent', lastError = '', updatedAt = ?, sentAt = ? WHERE id = ?",
                arguments: [t, t, id])
        }
        let delegate: Int64? = row["delegateID"]
        try record(
            db, action: error == nil ? StoreAction.sendMessage.rawValue : "outbox.failed", meetingID: meetingID,
            subject: delegate.map { "delegate \($0)" } ?? "message \(id)", before: "",
            after: SQLiteStore.json([
                "message": "\(id)", "recipient": row["recipient"] as String, "error": error ?? "",
                "attempt": "\(attempts)",
            ]), actor: actor)
    }

    /// Cancels a message that has not gone (queued, failed or unknown).
    public func cancelMessage(_ id: Int64, meetingID: String, actor: String) throws -> Bool {
        try changeMessage(
            id, meetingID: meetingID, actor: actor, action: .cancelMessage, to: .cancelled,
            from: [.queued, .failed, .unknown])
    }

    /// Queues a failed, unknown or cancelled message again, at once.
    public func retryMessage(_ id: Int64, meetingID: String, actor: String) throws -> Bool {
        try changeMessage(
            id, meetingID: meetingID, actor: actor, action: .retryMessage, to: .queued,
            from: [.failed, .unknown, .cancelled])
    }

    private func changeMessage(
        _ id: Int64, meetingID: String, actor: String, action: StoreAction, to: OutboxState, from: Set<OutboxState>
    ) throws -> Bool {
        try write { db in
            try authorize(actor, action.permission, db)
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT state, kind, delegateID FROM outbox WHERE id = ? AND meetingID = ?",
                    arguments: [id, meetingID]),
                let state = OutboxState(rawValue: row["state"]), from.contains(state)
            else { return false }
            // An account letter is stored without its token: it is re-issued, never resent.
            if (row["kind"] as String) == "account-letter" && to == .queued { return false }
            try db.execute(
                sql: "UPDATE outbox SET state = ?, updatedAt = ?, nextAttemptAt = 0 WHERE id = ?",
                arguments: [to.rawValue, now().seconds, id])
            try record(
                db, action: action.rawValue, meetingID: meetingID, subject: "message \(id)",
                before: SQLiteStore.json(["state": state.rawValue]), after: SQLiteStore.json(["state": to.rawValue]),
                actor: actor)
            return true
        }
    }

    static func outboxEntry(_ row: Row) -> OutboxEntry {
        let sent: Int = row["sentAt"]
        return OutboxEntry(
            id: row["id"], delegateID: row["delegateID"], kind: row["kind"], dedupeKey: row["dedupeKey"],
            recipient: row["recipient"],
            subject: row["subject"], state: OutboxState(rawValue: row["state"]) ?? .unknown, attempts: row["attempts"],
            lastError: row["lastError"], createdAt: Instant(seconds: row["createdAt"]),
            updatedAt: Instant(seconds: row["updatedAt"]), sentAt: sent > 0 ? Instant(seconds: sent) : nil,
            nextAttemptAt: Instant(seconds: row["nextAttemptAt"]))
    }
}
