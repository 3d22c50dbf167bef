import Foundation
import GRDB
import MeetingModel
@testable import Store
import Testing

@Suite struct AccountTests {
    @Test func usernamesAreASCIIFoldedFromNames() {
        #expect(Usernames.base(given: "Алексей", family: "Моисеев") == "amoiseev")
        #expect(Usernames.base(given: "Zoë", family: "Ångström") == "zangstrom")
        #expect(Usernames.base(given: "小明", family: "王") == "xwang")
        #expect(Usernames.base(given: "", family: "") == "delegate")
    }

    @Test func hashesVerifyOnlyTheirSecret() throws {
        let h = try Secrets.hash("correct horse battery staple")
        #expect(h.hasPrefix("$y$"))
        #expect(Secrets.verify("correct horse battery staple", against: h))
        #expect(!Secrets.verify("correct horse battery stapl", against: h))
        #expect(!Secrets.verify("anything", against: ""))
        #expect(try Secrets.hash("same") != Secrets.hash("same"))  // salted
        #expect(Secrets.token() != Secrets.token())
    }

    /// Tokens: Crockford base32 (no case, no I, L, O, U), 4 groups of 5 (100 bits), accepted in
    /// either case, with or without dashes, O read as 0 and I or L as 1.
    @Test func tokensHaveNoCaseAndNoLookAlikes() {
        for _ in 0..<200 {
            let t = Secrets.token()
            let groups = t.split(separator: "-")
            #expect(groups.count == 4 && groups.allSatisfy { $0.count == 5 })
            #expect(t.allSatisfy { $0 == "-" || "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
            #expect(Secrets.canonicalToken(t.lowercased()) == t.replacingOccurrences(of: "-", with: ""))
            #expect(
                Secrets.canonicalToken(t.replacingOccurrences(of: "-", with: " "))
                    == t.replacingOccurrences(of: "-", with: ""))
        }
        #expect(Secrets.canonicalToken("o1il0-aaaaa-bbbbb-ccccc") == "0111" + "0AAAAABBBBBCCCCC")
        #expect(Secrets.canonicalToken("ABCDE-FGHJK-MNPQR-STVWU") == nil)  // U is not a symbol
        #expect(Secrets.canonicalToken("ABCDE-FGHJK-MNPQR") == nil)  // too short
        #expect(Secrets.canonicalToken("ABCDE-FGHJK-MNPQR-STVWX-YZ") == nil)  // too long
    }

    /// Passwords hash at yescrypt cost 8 (N = 2^17, r = 8, 128 MiB): above OWASP's minimum.
    @Test func passwordHashesCarryTheirCost() throws {
        let h = try Secrets.hash("correct horse battery staple")
        #expect(Secrets.parameters(h) == "jCT")  // libxcrypt's encoding of cost 8
        #expect(!Secrets.needsUpgrade(h))
        let old = try #require(try? Secrets.hash("x", kind: .token))
        #expect(Secrets.needsUpgrade(old))
    }

    @Test func issueSignInAndSetPassword() throws {
        let clock = TestClock(seconds: 1_624_269_600)
        let store = try SQLiteStore(inMemoryFor: "admin", now: { clock.now })
        _ = try store.importMeeting(StoreTests.meeting, actor: "admin")
        let (a, _) = try store.add(
            Delegate(
                meetingID: StoreTests.meeting.id, delegation: "RU", givenName: "Алексей", familyName: "Моисеев",
                email: "a@minfin.ru"), actor: "admin")
        let (b, _) = try store.add(
            Delegate(
                meetingID: StoreTests.meeting.id, delegation: "RU", givenName: "Анна", familyName: "Моисеева",
                email: "b@minfin.ru"), actor: "admin")
        let (c, _) = try store.add(
            Delegate(
                meetingID: StoreTests.meeting.id, delegation: "RU", givenName: "Андрей", familyName: "Моисеев",
                email: "c@minfin.ru"), actor: "admin")
        for d in [a, c] {
            _ = try store.changeStatus(
                d.id, meetingID: d.meetingID, to: .approved, reason: "", expectedVersion: nil, actor: "admin")
        }
        // Only approved delegates get accounts; the clash gets a suffix.
        let issued = try store.issueAccounts(
            meetingID: StoreTests.meeting.id, delegation: "RU", ids: [], actor: "admin")
        #expect(issued.map(\.username) == ["amoiseev", "amoiseev2"] && issued.map(\.delegateID) == [a.id, c.id])
        #expect(
            try store.delegate(a.id, meetingID: a.meetingID)?.status == .accountIssued
                && store.delegate(b.id, meetingID: b.meetingID)?.status == .submitted)
        #expect(
            try store.issueAccounts(meetingID: StoreTests.meeting.id, delegation: "RU", ids: [], actor: "admin").isEmpty
        )
        // No secret anywhere in the audit trail.
        let trail = try store.audit(meetingID: StoreTests.meeting.id, subject: nil, since: nil)
        #expect(!trail.contains { $0.before.contains(issued[0].token) || $0.after.contains(issued[0].token) })

        let token = issued[0].token
        #expect(try store.signIn(username: "amoiseev", secret: token) == .mustSetPassword(delegateID: a.id))
        #expect(throws: StoreError.invalid(["password: at least 10 characters"])) {
            try store.setPassword(username: "amoiseev", token: token, password: "short")
        }
        try store.setPassword(username: "amoiseev", token: token, password: "a long enough password")
        #expect(try store.signIn(username: "amoiseev", secret: token) == .refused)  // the token is spent
        #expect(try store.signIn(username: "amoiseev", secret: "a long enough password") == .signedIn(delegateID: a.id))
        #expect(try store.signIn(username: "nobody", secret: "x") == .refused)  // same answer as a wrong secret

        #expect(try store.accounts(meetingID: StoreTests.meeting.id).map(\.hasPassword) == [true, false])
    }
}

extension AccountTests {
    /// A store with the test meeting and one approved delegate with an account; its token.
    static func account(_ clock: TestClock) throws -> (SQLiteStore, Delegate, IssuedAccount) {
        let store = try SQLiteStore(inMemoryFor: "admin", now: { clock.now })
        _ = try store.importMeeting(StoreTests.meeting, actor: "admin")
        let (d, _) = try store.add(
            Delegate(
                meetingID: StoreTests.meeting.id, delegation: "RU", givenName: "Алексей", familyName: "Моисеев",
                email: "a@minfin.ru"), actor: "admin")
        _ = try store.changeStatus(
            d.id, meetingID: d.meetingID, to: .approved, reason: "", expectedVersion: nil, actor: "admin")
        let issued = try #require(
            try store.issueAccounts(meetingID: d.meetingID, delegation: nil, ids: [d.id], actor: "admin").first)
        return (store, d, issued)
    }

    @Test func aTokenIsAcceptedInEitherCaseWithOrWithoutDashes() throws {
        let (store, d, issued) = try Self.account(TestClock(seconds: 1_624_269_600))
        let typed = issued.token.lowercased().replacingOccurrences(of: "-", with: "")
        #expect(try store.signIn(username: "AMoiseev ", secret: typed) == .mustSetPassword(delegateID: d.id))
        try store.setPassword(
            username: "amoiseev", token: issued.token.replacingOccurrences(of: "-", with: " "),
            password: "a long enough password")
        #expect(try store.signIn(username: "amoiseev", secret: "a long enough password") == .signedIn(delegateID: d.id))
    }

    /// Unknown and known usernames answer alike, attempt for attempt: a few refusals, then waits
    /// that grow; nothing tells an attacker which usernames exist.
    @Test func unknownAndKnownUsernamesAnswerAlike() throws {
        let clock = TestClock(seconds: 1_624_269_600)
        let (store, _, issued) = try Self.account(clock)
        try store.setPassword(username: issued.username, token: issued.token, password: "a long enough password")
        func attempts(_ username: String, from attacker: SignInSource) throws -> [SignIn] {
            var answers: [SignIn] = []
            for _ in 0..<8 {
                answers.append(try store.signIn(username: username, secret: "guess", source: attacker))
                if case .throttled(let s) = answers.last! { clock.advance(seconds: s) }
            }
            return answers
        }
        let known = try attempts("amoiseev", from: SignInSource("ssh:203.0.113.9"))
        let unknown = try attempts("nobody", from: SignInSource("ssh:203.0.113.10"))
        #expect(known == unknown)
        #expect(
            known == [
                .refused, .refused, .refused, .throttled(seconds: 1), .refused, .throttled(seconds: 2), .refused,
                .throttled(seconds: 4),
            ])
    }

    /// An attacker cannot lock a delegate out: the right password from another source works at
    /// once, and from the attacker's source as soon as its wait is over; the ASM can clear it.
    @Test func nobodyCanLockADelegateOut() throws {
        let clock = TestClock(seconds: 1_624_269_600)
        let (store, d, issued) = try Self.account(clock)
        try store.setPassword(username: issued.username, token: issued.token, password: "a long enough password")
        let attacker = SignInSource("ssh:203.0.113.9"), delegate = SignInSource("ssh:198.51.100.7")
        for _ in 0..<40 {
            if case .throttled(let s) = try store.signIn(username: "amoiseev", secret: "guess", source: attacker) {
                clock.advance(seconds: s)
            }
        }
        #expect(
            try store.signIn(username: "amoiseev", secret: "a long enough password", source: delegate)
                == .signedIn(delegateID: d.id))
        // Just after a refused guess, the attacker's source waits even with the right password.
        while case .throttled(let s) = try store.signIn(username: "amoiseev", secret: "guess", source: attacker) {
            clock.advance(seconds: s)
        }
        guard
            case .throttled(let wait) = try store.signIn(
                username: "amoiseev", secret: "a long enough password", source: attacker)
        else {
            Issue.record("the attacker's source is not slowed")
            return
        }
        #expect(wait <= SQLiteStore.throttle.maxSourceWait)
        #expect(try store.accounts(meetingID: d.meetingID).first.map { $0.throttledSeconds > 0 } == true)
        #expect(try store.clearThrottle(username: "amoiseev", actor: "admin") == 1)
        #expect(try store.accounts(meetingID: d.meetingID).first?.throttledSeconds == 0)
        #expect(
            try store.audit(meetingID: d.meetingID, subject: "delegate \(d.id)", since: nil).contains {
                $0.action == "account.unlock"
            })
        // The source's own count (every username it tried) still slows it until its wait is over.
        clock.advance(seconds: SQLiteStore.throttle.maxSourceWait)
        #expect(
            try store.signIn(username: "amoiseev", secret: "a long enough password", source: attacker)
                == .signedIn(delegateID: d.id))
    }

    /// One source trying many usernames is slowed for all of them.
    @Test func aSourceSprayingUsernamesIsSlowed() throws {
        let clock = TestClock(seconds: 1_624_269_600)
        let (store, _, _) = try Self.account(clock)
        let sprayer = SignInSource("ssh:203.0.113.50")
        for i in 0..<10 {
            #expect(try store.signIn(username: "user\(i)", secret: "guess", source: sprayer) == .refused)
        }
        #expect(try store.signIn(username: "user99", secret: "guess", source: sprayer) == .throttled(seconds: 1))
        #expect(try store.signIn(username: "user99", secret: "guess", source: .local) == .refused)
    }

    /// Rejected or withdrawn: the account is off at once (audited), and says so only to whoever
    /// knows its secret; approved again, it is on again.
    @Test func theAccountFollowsTheRegistration() throws {
        let clock = TestClock(seconds: 1_624_269_600)
        let (store, d, issued) = try Self.account(clock)
        try store.setPassword(username: issued.username, token: issued.token, password: "a long enough password")
        _ = try store.changeStatus(
            d.id, meetingID: d.meetingID, to: .withdrawn, reason: "left the delegation", expectedVersion: nil,
            actor: "admin")
        #expect(try store.signIn(username: "amoiseev", secret: "a long enough password") == .inactive(delegateID: d.id))
        #expect(try store.signIn(username: "amoiseev", secret: "wrong") == .refused)
        #expect(try store.accounts(meetingID: d.meetingID).first?.active == false)
        _ = try store.changeStatus(
            d.id, meetingID: d.meetingID, to: .submitted, reason: "", expectedVersion: nil, actor: "admin")
        #expect(try store.signIn(username: "amoiseev", secret: "a long enough password") == .inactive(delegateID: d.id))
        _ = try store.changeStatus(
            d.id, meetingID: d.meetingID, to: .approved, reason: "", expectedVersion: nil, actor: "admin")
        #expect(try store.signIn(username: "amoiseev", secret: "a long enough password") == .signedIn(delegateID: d.id))
        let actions = try store.audit(meetingID: d.meetingID, subject: "delegate \(d.id)", since: nil).map(\.action)
        #expect(
            actions.filter { $0.hasPrefix("account.") && $0 != "account.issue" && $0 != "account.password" } == [
                "account.disable", "account.enable",
            ])
    }

    /// A hash made at an older cost is made again at the next successful sign-in; a token issued
    /// before Crockford tokens is still read as typed.
    @Test func oldHashesAreUpgradedAndOldTokensStillWork() throws {
        let clock = TestClock(seconds: 1_624_269_600)
        let (store, d, issued) = try Self.account(clock)
        try store.setPassword(username: issued.username, token: issued.token, password: "a long enough password")
        let weak = try Secrets.hash("a long enough password", kind: .token)
        try store.db.write {
            try $0.execute(sql: "UPDATE account SET passwordHash = ? WHERE delegateID = ?", arguments: [weak, d.id])
        }
        #expect(try store.signIn(username: "amoiseev", secret: "a long enough password") == .signedIn(delegateID: d.id))
        let stored =
            try store.db.read {
                try String.fetchOne($0, sql: "SELECT passwordHash FROM account WHERE delegateID = ?", arguments: [d.id])
            } ?? ""
        #expect(Secrets.parameters(stored) == "jCT" && Secrets.verify("a long enough password", against: stored))
        // An old mixed-case token (tokenForm 0) is checked as typed.
        let legacy = "TE64B-bZ266-5ZDMb-GDYHH"
        try store.db.write {
            try $0.execute(
                sql: "UPDATE account SET passwordHash = '', tokenHash = ?, tokenForm = 0 WHERE delegateID = ?",
                arguments: [try Secrets.hash(legacy, kind: .token), d.id])
        }
        #expect(try store.signIn(username: "amoiseev", secret: legacy) == .mustSetPassword(delegateID: d.id))
    }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Int
    init(seconds: Int) { self.seconds = seconds }
    var now: Instant { lock.withLock { Instant(seconds: seconds) } }
    func advance(seconds s: Int) { lock.withLock { seconds += s } }
}

extension AccountTests {
    /// Issue 18: an account's public keys, added by the delegate or by staff who issue accounts,
    /// sign in while the registration is active; duplicates and an eleventh key are refused.
    @Test func accountKeysSignInWhileTheRegistrationIsActive() throws {
        let (store, d, issued) = try Self.account(TestClock(seconds: 1_624_269_600))
        let key = "AAAAC3NzaC1lZDI1NTE5AAAAIHZV7YBi6Bun+OlwqR/FwZUd46iJAKQixnznW1rSP+GV"
        try store.addAccountKey(
            delegateID: d.id, type: "ssh-ed25519", key: key, fingerprint: "SHA256:one", comment: "a@laptop",
            actor: issued.username, byDelegate: true)
        #expect(try store.accountKeys(delegateID: d.id).map(\.fingerprint) == ["SHA256:one"])
        #expect(
            try store.signIn(username: issued.username.uppercased(), keyType: "ssh-ed25519", key: key)
                == .signedIn(delegateID: d.id))
        // The type is part of the key; another account's name does not match.
        #expect(try store.signIn(username: issued.username, keyType: "ecdsa-sha2-nistp256", key: key) == .refused)
        #expect(try store.signIn(username: "someone", keyType: "ssh-ed25519", key: key) == .refused)
        // A delegate adds only to their own account; staff need the permission to issue accounts.
        #expect(throws: StoreError.self) {
            try store.addAccountKey(
                delegateID: d.id, type: "ssh-ed25519", key: "other", fingerprint: "SHA256:two", comment: "",
                actor: "someone-else", byDelegate: true)
        }
        #expect(throws: StoreError.notPermitted(user: "mallory", permission: .issueAccounts)) {
            try store.addAccountKey(
                delegateID: d.id, type: "ssh-ed25519", key: "other", fingerprint: "SHA256:two", comment: "",
                actor: "mallory", byDelegate: false)
        }
        #expect(throws: StoreError.self) {
            try store.addAccountKey(
                delegateID: d.id, type: "ssh-ed25519", key: key, fingerprint: "SHA256:one", comment: "",
                actor: "admin", byDelegate: false)
        }
        for i in 2...10 {
            try store.addAccountKey(
                delegateID: d.id, type: "ssh-ed25519", key: "k\(i)", fingerprint: "SHA256:\(i)", comment: "",
                actor: "admin", byDelegate: false)
        }
        #expect(throws: StoreError.self) {
            try store.addAccountKey(
                delegateID: d.id, type: "ssh-ed25519", key: "k11", fingerprint: "SHA256:11", comment: "",
                actor: "admin", byDelegate: false)
        }
        // Withdrawn: the key no longer signs in.
        _ = try store.changeStatus(
            d.id, meetingID: d.meetingID, to: .withdrawn, reason: "left", expectedVersion: nil, actor: "admin")
        #expect(
            try store.signIn(username: issued.username, keyType: "ssh-ed25519", key: key)
                == .inactive(delegateID: d.id))
        #expect(
            try store.removeAccountKey(delegateID: d.id, fingerprint: "SHA256:one", actor: "admin", byDelegate: false))
        #expect(
            !(try store.removeAccountKey(delegateID: d.id, fingerprint: "SHA256:one", actor: "admin", byDelegate: false))
        )
        #expect(try store.signIn(username: issued.username, keyType: "ssh-ed25519", key: key) == .refused)
        let audit = try store.audit(meetingID: d.meetingID, subject: "delegate \(d.id)", since: nil).map(\.action)
        #expect(audit.filter { $0 == "account.key-add" }.count == 10)
        #expect(audit.contains("account.key-remove"))
    }

    /// The front door's access records: bounded, control characters replaced, never read as news.
    @Test func accessRecordsAreCleanedAndAreNotScreenNews() throws {
        let (store, d, issued) = try Self.account(TestClock(seconds: 1_624_269_600))
        try store.recordAccess(
            .signIn, username: issued.username, source: SignInSource("ssh:192.0.2.7"), detail: "password")
        try store.recordAccess(
            .refused, username: "evil\u{1b}[2J" + String(repeating: "x", count: 500),
            source: SignInSource("ssh:192.0.2.7"),
            detail: "wrong")
        let rows = try store.audit(meetingID: nil, subject: nil, since: nil).filter { $0.action.hasPrefix("access.") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { !$0.subject.unicodeScalars.contains { $0.value == 0x1b } && $0.subject.count <= 80 })
        #expect(rows.contains { $0.meetingID == d.meetingID && $0.actor == "ssh:192.0.2.7" })
        let changes = try store.changes(after: 0)
        #expect(changes.filter { $0.action.hasPrefix("access.") }.allSatisfy { $0.area == .access })
    }
}

extension AccountTests {
    /// Issue 18: staff over SSH need a password (12 characters or more, set by an administrator
    /// or themselves) and a key; wrong passwords are throttled as delegates' are.
    @Test func staffPasswordsAndKeys() throws {
        let clock = TestClock(seconds: 1_624_269_600)
        let (store, _, issued) = try Self.account(clock)
        try store.addStaff("bea", role: .asm, actor: "admin")
        #expect(try store.staffWithSSH().isEmpty)
        #expect(throws: StoreError.self) { try store.setStaffPassword("bea", password: "short", actor: "admin") }
        #expect(throws: StoreError.self) {
            try store.setStaffPassword("bea", password: "a long staff passphrase", actor: "mallory")
        }
        try store.setStaffPassword("bea", password: "a long staff passphrase", actor: "bea")
        try store.addStaffKey(
            "bea", type: "ssh-ed25519", key: "K", fingerprint: "SHA256:k", comment: "", actor: "admin")
        #expect(try store.staffWithSSH() == ["bea"])
        #expect(try store.staffHasKey("bea", keyType: "ssh-ed25519", key: "K"))
        #expect(!(try store.staffHasKey("bea", keyType: "ssh-ed25519", key: "other")))
        let here = SignInSource("ssh:192.0.2.9")
        #expect(try store.checkStaffPassword("bea", secret: "a long staff passphrase", source: here) == .right)
        #expect(try store.checkStaffPassword("nobody", secret: "a long staff passphrase", source: here) == .refused)
        for _ in 0..<3 { _ = try store.checkStaffPassword("bea", secret: "wrong", source: here) }
        if case .throttled = try store.checkStaffPassword("bea", secret: "a long staff passphrase", source: here) {
        } else {
            Issue.record("the fourth failure should slow the next attempt")
        }
        // One namespace: a staff name cannot be a delegate's username.
        #expect(throws: StoreError.self) { try store.addStaff(issued.username, role: .asm, actor: "admin") }
    }
}
