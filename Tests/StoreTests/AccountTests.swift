import Foundation
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
        #expect(try Secrets.hash("same") != Secrets.hash("same"))   // salted
        #expect(Secrets.token().count == 23 && Secrets.token() != Secrets.token())
    }

    @Test func issueSignInSetPasswordAndLockOut() throws {
        let clock = TestClock(seconds: 1_624_269_600)
        let store = try SQLiteStore(inMemoryFor: "admin", now: { clock.now })
        _ = try store.importMeeting(StoreTests.meeting, actor: "admin")
        let (a, _) = try store.add(Delegate(meetingID: StoreTests.meeting.id, delegation: "RU", givenName: "Алексей", familyName: "Моисеев", email: "a@minfin.ru"), actor: "admin")
        let (b, _) = try store.add(Delegate(meetingID: StoreTests.meeting.id, delegation: "RU", givenName: "Анна", familyName: "Моисеева", email: "b@minfin.ru"), actor: "admin")
        let (c, _) = try store.add(Delegate(meetingID: StoreTests.meeting.id, delegation: "RU", givenName: "Андрей", familyName: "Моисеев", email: "c@minfin.ru"), actor: "admin")
        for d in [a, c] { _ = try store.changeStatus(d.id, meetingID: d.meetingID, to: .approved, reason: "", expectedVersion: nil, actor: "admin") }
        // Only approved delegates get accounts; the clash gets a suffix.
        let issued = try store.issueAccounts(meetingID: StoreTests.meeting.id, delegation: "RU", ids: [], actor: "admin")
        #expect(issued.map(\.username) == ["amoiseev", "amoiseev2"] && issued.map(\.delegateID) == [a.id, c.id])
        #expect(try store.delegate(a.id, meetingID: a.meetingID)?.status == .accountIssued && store.delegate(b.id, meetingID: b.meetingID)?.status == .submitted)
        #expect(try store.issueAccounts(meetingID: StoreTests.meeting.id, delegation: "RU", ids: [], actor: "admin").isEmpty)
        // No secret anywhere in the audit trail.
        let trail = try store.audit(meetingID: StoreTests.meeting.id, subject: nil, since: nil)
        #expect(!trail.contains { $0.before.contains(issued[0].token) || $0.after.contains(issued[0].token) })

        let token = issued[0].token
        #expect(try store.signIn(username: "amoiseev", secret: token) == .mustSetPassword(delegateID: a.id))
        #expect(throws: StoreError.invalid(["password: at least 10 characters"])) { try store.setPassword(username: "amoiseev", token: token, password: "short") }
        try store.setPassword(username: "amoiseev", token: token, password: "a long enough password")
        #expect(try store.signIn(username: "amoiseev", secret: token) == .refused)                   // the token is spent
        #expect(try store.signIn(username: "amoiseev", secret: "a long enough password") == .signedIn(delegateID: a.id))
        #expect(try store.signIn(username: "nobody", secret: "x") == .refused)                       // same answer as a wrong secret

        // Five failures lock the account for fifteen minutes, even against the right password.
        for _ in 0..<4 { #expect(try store.signIn(username: "amoiseev", secret: "wrong") == .refused) }
        let until = clock.now.adding(minutes: 15)
        #expect(try store.signIn(username: "amoiseev", secret: "wrong") == .locked(until: until))
        #expect(try store.signIn(username: "amoiseev", secret: "a long enough password") == .locked(until: until))
        clock.advance(seconds: 15 * 60 + 1)
        #expect(try store.signIn(username: "amoiseev", secret: "a long enough password") == .signedIn(delegateID: a.id))
        #expect(try store.accounts(meetingID: StoreTests.meeting.id).map(\.hasPassword) == [true, false])
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
