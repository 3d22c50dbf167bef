import Localization
import Foundation
import GRDB
import MeetingModel

/// A personal account as listed (never with a secret).
public struct AccountSummary: Sendable, Hashable {
    public let delegateID: Int64
    public let username: String
    public let name: String
    public let delegation: String
    public let hasPassword: Bool
    public let issuedAt: Instant
    /// Whether the registration lets it sign in (approved or account issued).
    public let active: Bool
    /// While sign-ins for this username are slowed somewhere: the longest wait, in seconds.
    public let throttledSeconds: Int
    /// Neither a token nor a password: its letter never reached the delegate (issue 20), so the
    /// ASM must re-issue it (`accounts reset ID --send`).
    public var toReissue = false
}

/// A freshly issued account and its one-time token (shown once, never stored in clear).
public struct IssuedAccount: Sendable, Hashable {
    public let delegateID: Int64
    public let username: String
    public let name: String
    public let email: String
    public let token: String

    public init(delegateID: Int64, username: String, name: String, email: String, token: String) {
        self.delegateID = delegateID
        self.username = username
        self.name = name
        self.email = email
        self.token = token
    }
}

/// How a sign-in went. Failures never say which part was wrong, nor whether the username exists.
public enum SignIn: Sendable, Equatable {
    /// Right token: the delegate must now choose a password.
    case mustSetPassword(delegateID: Int64)
    /// Right password.
    case signedIn(delegateID: Int64)
    /// Wrong username or secret.
    case refused
    /// Too many failures from this source (for this username, or for any): nothing was checked;
    /// try again in this many seconds. Unknown and known usernames are slowed alike.
    case throttled(seconds: Int)
    /// The right secret, but the registration was rejected or withdrawn: the account is off.
    case inactive(delegateID: Int64)
}

/// Where a sign-in comes from: the client's address for SSH, else the local terminal. Failures
/// are counted per source, so an attacker's address is slowed and a delegate elsewhere is not.
public struct SignInSource: Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public init(_ text: String) { description = String(text.prefix(80)) }

    /// A sign-in on this machine's own terminal.
    public static let local = SignInSource("local")

    /// From OpenSSH's SSH_CONNECTION ("client port server port"), else local.
    public static func from(environment: [String: String]) -> SignInSource {
        guard let client = environment["SSH_CONNECTION"]?.split(separator: " ").first, !client.isEmpty,
            client.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" })
        else { return .local }
        return SignInSource("ssh:" + client)
    }
}

/// How failed sign-ins slow the next attempt: a few are free, then the wait doubles up to a cap;
/// failures are forgotten after a quiet window. Nothing ever refuses the right secret for long
/// to someone at another source, and nothing depends on whether the username exists.
public struct SignInThrottle: Sendable, Equatable {
    /// Failures of one username from one source before waits start, and the longest wait.
    public let freePerAccount = 3, maxAccountWait = 60
    /// Failures from one source (any usernames) before waits start, and the longest wait.
    public let freePerSource = 10, maxSourceWait = 300
    /// Seconds without a failure after which a key's count starts again.
    public let window = 15 * 60

    public init() {}

    /// The wait after `failures` failures with `free` free ones, at most `cap` seconds.
    static func wait(failures: Int, free: Int, cap: Int) -> Int {
        guard failures >= free else { return 0 }
        let doublings = min(failures - free, 20)
        return min(1 << doublings, cap)
    }
}

extension SQLiteStore {
    /// Hashes checked when there is no real one, so every sign-in does the same work: one
    /// password-cost check and one token-cost check, whatever the username.
    static let decoys: (password: String, token: String) = (
        (try? Secrets.hash(UUID().uuidString, kind: .password)) ?? "",
        (try? Secrets.hash(UUID().uuidString, kind: .token)) ?? ""
    )
    /// The longest username and secret a sign-in reads (longer ones are refused as wrong).
    static let maxUsername = 64, maxSecret = 1024
    /// How sign-ins are slowed (README: what a delegate's login can and cannot do).
    public static let throttle = SignInThrottle()

    /// Issues accounts for approved delegates without one (all of a delegation, or the ids given);
    /// marks them account-issued. Only hashes are stored; the tokens are returned once.
    public func issueAccounts(meetingID: String, delegation: String?, ids: [Int64], actor: String) throws
        -> [IssuedAccount]
    {
        try write { db in
            try authorize(actor, StoreAction.issueAccounts.permission, db)
            var sql =
                "SELECT \(SQLiteStore.delegateColumns) FROM delegate WHERE meetingID = ? AND status = 'approved' AND id NOT IN (SELECT delegateID FROM account)"
            var args: [any DatabaseValueConvertible] = [meetingID]
            if let delegation { sql += " AND delegation = ?"; args.append(delegation) }
            if !ids.isEmpty { sql += " AND id IN (" + ids.map { _ in "?" }.joined(separator: ",") + ")"; args += ids }
            var issued: [IssuedAccount] = []
            for var d in try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: StatementArguments(args)).map(
                SQLiteStore.delegate)
            {
                let base = Usernames.base(given: d.givenName, family: d.familyName)
                var username = base, n = 1
                // One namespace with the staff's names: an SSH username is one person.
                while try Int.fetchOne(
                    db,
                    sql:
                        "SELECT (SELECT COUNT(*) FROM account WHERE username = ?) + (SELECT COUNT(*) FROM staff WHERE name = ?)",
                    arguments: [username, username])! > 0
                {
                    n += 1
                    username = base + String(n)
                }
                let token = Secrets.token()
                try db.execute(
                    sql:
                        "INSERT INTO account (delegateID, username, tokenHash, passwordHash, issuedAt, tokenForm) VALUES (?, ?, ?, '', ?, 1)",
                    arguments: [
                        d.id, username, try Secrets.hash(Secrets.canonicalToken(token) ?? token, kind: .token),
                        now().seconds,
                    ])
                let before = d, beforeJSON = try SQLiteStore.storedJSON(d.id, db)
                d.status = .accountIssued
                d.version += 1
                d.updatedAt = now()
                d.updatedBy = actor
                try self.write(d, over: before, db)
                // The audit says who issued which username: never the token.
                try record(
                    db, action: "account.issue", meetingID: meetingID, subject: "delegate \(d.id)",
                    before: beforeJSON, after: SQLiteStore.json(["username": username, "status": d.status.rawValue]),
                    actor: actor)
                issued.append(
                    IssuedAccount(
                        delegateID: d.id, username: username, name: d.displayName, email: d.email, token: token))
            }
            return issued
        }
    }

    /// A new one-time token for an account (its password is cleared); returned once.
    public func resetAccount(delegateID: Int64, meetingID: String, actor: String) throws -> IssuedAccount {
        try write { db in
            try authorize(actor, StoreAction.issueAccounts.permission, db)
            guard let d = try SQLiteStore.fetch(delegateID, meetingID: meetingID, db),
                let username = try String.fetchOne(
                    db, sql: "SELECT username FROM account WHERE delegateID = ?", arguments: [delegateID])
            else {
                throw StoreError.invalid([Message("store.no-account", ["id": "\(delegateID)"])])
            }
            let token = Secrets.token()
            try db.execute(
                sql: "UPDATE account SET tokenHash = ?, passwordHash = '', tokenForm = 1 WHERE delegateID = ?",
                arguments: [try Secrets.hash(Secrets.canonicalToken(token) ?? token, kind: .token), delegateID])
            try db.execute(
                sql: "DELETE FROM sign_in_throttle WHERE key LIKE ? ESCAPE '\\'",
                arguments: [SQLiteStore.accountKeyPattern(username)])
            try record(
                db, action: "account.reset", meetingID: meetingID, subject: "delegate \(delegateID)", before: "",
                after: SQLiteStore.json(["username": username]), actor: actor)
            return IssuedAccount(
                delegateID: delegateID, username: username, name: d.displayName, email: d.email, token: token)
        }
    }

    /// The accounts of a meeting.
    public func accounts(meetingID: String) throws -> [AccountSummary] {
        try db.read { db in
            let waits = try throttledUsernames(db)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT a.*, d.displayName, d.delegation, d.status FROM account a JOIN delegate d ON d.id = a.delegateID
                    WHERE d.meetingID = ? ORDER BY a.username
                    """, arguments: [meetingID]
            ).map {
                let username: String = $0["username"]
                let status = RegistrationStatus(rawValue: $0["status"]) ?? .withdrawn
                var summary = AccountSummary(
                    delegateID: $0["delegateID"], username: username, name: $0["displayName"],
                    delegation: $0["delegation"],
                    hasPassword: !($0["passwordHash"] as String).isEmpty, issuedAt: Instant(seconds: $0["issuedAt"]),
                    active: SQLiteStore.signsIn(status), throttledSeconds: waits[username] ?? 0)
                summary.toReissue = !summary.hasPassword && ($0["tokenHash"] as String).isEmpty
                return summary
            }
        }
    }

    /// Whether a registration in `status` may sign in with its account.
    static func signsIn(_ status: RegistrationStatus) -> Bool { status.isRegistered }

    /// The throttle's keys: one per source, one per (username, source).
    static func sourceKey(_ source: SignInSource) -> String { "source:" + source.description }
    static func accountKey(_ username: String, _ source: SignInSource) -> String {
        "account:" + username + "@" + source.description
    }
    /// A LIKE pattern for every source's key of `username` (escaped: a username is [a-z0-9]).
    static func accountKeyPattern(_ username: String) -> String {
        "account:"
            + username.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "@%"
    }

    /// How long `key` must still wait, by the policy for its kind.
    func remainingWait(_ key: String, _ db: Database) throws -> Int {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT failures, lastFailure FROM sign_in_throttle WHERE key = ?", arguments: [key])
        else { return 0 }
        let t = SQLiteStore.throttle, failures: Int = row["failures"], last: Int = row["lastFailure"]
        guard now().seconds - last < t.window else { return 0 }
        let wait =
            key.hasPrefix("source:")
            ? SignInThrottle.wait(failures: failures, free: t.freePerSource, cap: t.maxSourceWait)
            : SignInThrottle.wait(failures: failures, free: t.freePerAccount, cap: t.maxAccountWait)
        return max(0, last + wait - now().seconds)
    }

    /// Counts one more failure for `key` (a count older than the window starts again).
    func countFailure(_ key: String, _ db: Database) throws {
        let t = SQLiteStore.throttle, now = now().seconds
        try db.execute(
            sql: """
                INSERT INTO sign_in_throttle (key, failures, lastFailure) VALUES (?, 1, ?)
                ON CONFLICT(key) DO UPDATE SET failures = CASE WHEN ? - lastFailure >= ? THEN 1 ELSE failures + 1 END, lastFailure = excluded.lastFailure
                """, arguments: [key, now, now, t.window])
    }

    /// The longest wait per username, over its sources.
    func throttledUsernames(_ db: Database) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for key in try String.fetchAll(
            db, sql: "SELECT key FROM sign_in_throttle WHERE key LIKE 'account:%' AND lastFailure > ?",
            arguments: [now().seconds - SQLiteStore.throttle.window])
        {
            let wait = try remainingWait(key, db)
            guard wait > 0, let at = key.lastIndex(of: "@") else { continue }
            let username = String(key[key.index(key.startIndex, offsetBy: 8)..<at])
            out[username] = max(out[username] ?? 0, wait)
        }
        return out
    }

    /// Checks a username and a secret (the one-time token until a password is set, then the
    /// password) from `source`. Every call does the same work whether the username exists or not;
    /// failures slow the next attempts from that source, never the right secret from elsewhere.
    public func signIn(username typed: String, secret: String, source: SignInSource = .local) throws -> SignIn {
        let decoys = SQLiteStore.decoys
        let username = String(
            typed.trimmingCharacters(in: .whitespaces).lowercased().prefix(SQLiteStore.maxUsername + 1))
        let tooLong = username.count > SQLiteStore.maxUsername || secret.count > SQLiteStore.maxSecret
        let secret = String(secret.prefix(SQLiteStore.maxSecret))
        return try write { db in
            let pair = SQLiteStore.accountKey(username, source), from = SQLiteStore.sourceKey(source)
            let wait = max(try remainingWait(pair, db), try remainingWait(from, db))
            if wait > 0 { return .throttled(seconds: wait) }
            let row =
                tooLong
                ? nil
                : try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.*, d.status FROM account a JOIN delegate d ON d.id = a.delegateID WHERE a.username = ?
                        """, arguments: [username])
            let password: String = row?["passwordHash"] ?? "", token: String = row?["tokenHash"] ?? ""
            let tokenForm: Int = row?["tokenForm"] ?? 1
            // Both checks, always: a real hash where there is one, a decoy where there is none.
            let passwordOK =
                Secrets.verify(secret, against: password.isEmpty ? decoys.password : password) && !password.isEmpty
            let typedToken = tokenForm == 1 ? (Secrets.canonicalToken(secret) ?? secret) : secret
            let tokenOK =
                Secrets.verify(typedToken, against: token.isEmpty ? decoys.token : token) && !token.isEmpty
                && password.isEmpty
            guard let row, passwordOK || tokenOK else {
                try countFailure(pair, db)
                try countFailure(from, db)
                try db.execute(
                    sql: "DELETE FROM sign_in_throttle WHERE lastFailure < ?",
                    arguments: [now().seconds - SQLiteStore.throttle.window])
                return .refused
            }
            let id: Int64 = row["delegateID"]
            try db.execute(sql: "DELETE FROM sign_in_throttle WHERE key = ?", arguments: [pair])
            guard SQLiteStore.signsIn(RegistrationStatus(rawValue: row["status"]) ?? .withdrawn) else {
                return .inactive(delegateID: id)
            }
            guard passwordOK else { return .mustSetPassword(delegateID: id) }
            if Secrets.needsUpgrade(password) {
                // Made with an older, weaker cost: made again now that the password is at hand.
                try db.execute(
                    sql: "UPDATE account SET passwordHash = ? WHERE delegateID = ?",
                    arguments: [try Secrets.hash(secret), id])
            }
            return .signedIn(delegateID: id)
        }
    }

    /// Clears the waits of a username at every source (the ASM, for a delegate slowed by someone
    /// else's attempts), with an audit row; returns how many keys were cleared.
    @discardableResult
    public func clearThrottle(username: String, actor: String) throws -> Int {
        try write { db in
            try authorize(actor, StoreAction.issueAccounts.permission, db)
            guard
                let row = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT a.delegateID, d.meetingID FROM account a JOIN delegate d ON d.id = a.delegateID WHERE a.username = ?",
                    arguments: [username])
            else {
                throw StoreError.invalid([Message("store.no-such-account", ["username": username])])
            }
            try db.execute(
                sql: "DELETE FROM sign_in_throttle WHERE key LIKE ? ESCAPE '\\'",
                arguments: [SQLiteStore.accountKeyPattern(username)])
            let cleared = db.changesCount
            let id: Int64 = row["delegateID"]
            try record(
                db, action: "account.unlock", meetingID: row["meetingID"], subject: "delegate \(id)", before: "",
                after: SQLiteStore.json(["username": username, "cleared": "\(cleared)"]), actor: actor)
            return cleared
        }
    }

    /// The username of a delegate's account, if it has one.
    public func username(delegateID: Int64) throws -> String? {
        try db.read {
            try String.fetchOne($0, sql: "SELECT username FROM account WHERE delegateID = ?", arguments: [delegateID])
        }
    }

    /// Sets a delegate's password after a sign-in with the token; the token stops working.
    public func setPassword(username: String, token: String, password: String, source: SignInSource = .local) throws {
        guard password.count >= 10 else { throw StoreError.invalid([Message("store.password-short")]) }
        guard password.count <= SQLiteStore.maxSecret else {
            throw StoreError.invalid([Message("store.password-long", ["max": "\(SQLiteStore.maxSecret)"])])
        }
        guard case .mustSetPassword(let id) = try signIn(username: username, secret: token, source: source) else {
            throw StoreError.invalid([Message("store.token-wrong")])
        }
        try storePassword(password, of: id, by: username, after: "")
    }

    /// The account's new password (its one-time token gone), audited as the delegate's.
    private func storePassword(_ password: String, of id: Int64, by username: String, after: String) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE account SET passwordHash = ?, tokenHash = '' WHERE delegateID = ?",
                arguments: [try Secrets.hash(password), id])
            let meetingID =
                try String.fetchOne(db, sql: "SELECT meetingID FROM delegate WHERE id = ?", arguments: [id]) ?? ""
            try record(
                db, action: "account.password", meetingID: meetingID, subject: "delegate \(id)", before: "",
                after: after, actor: username)
        }
    }

    /// Changes a signed-in delegate's password: the current one is checked as a sign-in is
    /// (failures count against the account and `source`, and are slowed alike), then the new one
    /// replaces it, audited. The password changed only when the answer is `.signedIn`.
    public func changePassword(username: String, current: String, new password: String, source: SignInSource = .local)
        throws -> SignIn
    {
        guard password.count >= 10 else { throw StoreError.invalid([Message("store.password-short")]) }
        guard password.count <= SQLiteStore.maxSecret else {
            throw StoreError.invalid([Message("store.password-long", ["max": "\(SQLiteStore.maxSecret)"])])
        }
        let checked = try signIn(username: username, secret: current, source: source)
        guard case .signedIn(let id) = checked else { return checked }
        try storePassword(password, of: id, by: username, after: SQLiteStore.json(["changed": "by the delegate"]))
        return checked
    }
}
