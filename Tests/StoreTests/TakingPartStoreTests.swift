import Foundation
import GRDB
import IntersessionTestSupport
import MeetingModel
@testable import Store
import Testing

/// Personal join links and attendance in the store (issue 19).
@Suite struct TakingPartStoreTests {
    static let meetingID = StoreTests.meeting.id

    /// A store with the sample meeting and three approved delegates (Ghana, Japan, Russia).
    static func store() throws -> (SQLiteStore, [Delegate]) {
        let store = try StoreTests.store()
        try store.addStaff("chen", role: .chairOffice, actor: "admin")
        _ = try store.importMeeting(StoreTests.meeting, actor: "admin")
        var out: [Delegate] = []
        for (code, given, family, email) in [
            ("GH", "Kwame", "Mensah", "k.mensah@mlnr.gov.gh"), ("JP", "愛子", "田中", "aiko@mofa.go.jp"),
            ("RU", "Иван", "Петров", "ivan@gokhran.ru"),
        ] {
            let (d, _) = try store.add(
                Delegate(meetingID: meetingID, delegation: code, givenName: given, familyName: family, email: email),
                actor: "asm")
            out.append(
                try store.changeStatus(
                    d.id, meetingID: meetingID, to: .approved, reason: "", expectedVersion: nil, actor: "asm"))
        }
        return (store, out)
    }

    static func link(_ d: Delegate, _ scope: LinkScope = .meeting, _ token: String) -> JoinLinkWrite {
        JoinLinkWrite(
            delegateID: d.id, link: PersonalLink(scope: scope, url: "https://zoom.example.org/w/830?tk=\(token)"))
    }

    @Test func linksAreStoredReplacedAndAuditedPerDelegate() throws {
        let (store, ds) = try Self.store()
        let first = try store.setJoinLinks(
            [
                Self.link(ds[0], .meeting, "a1"), Self.link(ds[1], .room("A"), "b1"),
                Self.link(ds[1], .session("S01"), "b2"),
            ],
            meetingID: Self.meetingID, actor: "asm")
        #expect(first == JoinLinkCounts(added: 3, changed: 0, unchanged: 0))
        let again = try store.setJoinLinks(
            [Self.link(ds[0], .meeting, "a2"), Self.link(ds[1], .room("A"), "b1")], meetingID: Self.meetingID,
            actor: "asm")
        #expect(again == JoinLinkCounts(added: 0, changed: 1, unchanged: 1))
        #expect(try store.joinLinks(delegateID: ds[0].id).map(\.url) == ["https://zoom.example.org/w/830?tk=a2"])
        #expect(Set(try store.joinLinks(delegateID: ds[1].id).map(\.scope)) == [.room("A"), .session("S01")])
        // Each delegate's history finds its own links.
        let trail = try store.audit(meetingID: Self.meetingID, subject: "delegate \(ds[0].id)", since: nil)
            .filter { $0.action == "join-link.set" }
        #expect(trail.count == 2)
        #expect(trail.last?.before.contains("tk=a1") == true && trail.last?.after.contains("tk=a2") == true)
    }

    @Test func aBadLinkInABatchWritesNothing() throws {
        let (store, ds) = try Self.store()
        for (bad, problem) in [
            (
                JoinLinkWrite(
                    delegateID: ds[0].id, link: PersonalLink(scope: .meeting, url: "http://zoom.example.org/j/1")),
                "https"
            ),
            (Self.link(ds[0], .room("Z"), "x"), "no room Z"),
            (Self.link(ds[0], .session("S99"), "x"), "no session S99"),
            (
                JoinLinkWrite(
                    delegateID: 999, link: PersonalLink(scope: .meeting, url: "https://zoom.example.org/j/1")), "999"
            ),
        ] {
            #expect(throws: StoreError.self, "\(problem)") {
                try store.setJoinLinks(
                    [Self.link(ds[1], .meeting, "ok"), bad], meetingID: Self.meetingID, actor: "asm")
            }
            #expect(try store.joinLinks(delegateID: ds[1].id).isEmpty, "nothing written for \(problem)")
        }
        // The Chair's office may read delegates but not record links.
        #expect(throws: StoreError.notPermitted(user: "chen", permission: .recordTakingPart)) {
            try store.setJoinLinks([Self.link(ds[1], .meeting, "ok")], meetingID: Self.meetingID, actor: "chen")
        }
    }

    @Test func aWithdrawnDelegatesLinksAreRevokedAndListedUntilCancelled() throws {
        let (store, ds) = try Self.store()
        _ = try store.setJoinLinks(
            [
                Self.link(ds[0], .meeting, "a1"), Self.link(ds[0], .session("S01"), "a2"),
                Self.link(ds[1], .meeting, "b1"),
            ],
            meetingID: Self.meetingID, actor: "asm")
        _ = try store.changeStatus(
            ds[0].id, meetingID: Self.meetingID, to: .withdrawn, reason: "left the delegation", expectedVersion: nil,
            actor: "asm")
        #expect(try store.joinLinks(delegateID: ds[0].id).isEmpty)
        #expect(try store.joinLinks(meetingID: Self.meetingID).map(\.delegateID) == [ds[1].id])
        let revoked = try store.joinLinks(meetingID: Self.meetingID, revoked: true)
        #expect(
            revoked.map(\.link.url).sorted() == [
                "https://zoom.example.org/w/830?tk=a1", "https://zoom.example.org/w/830?tk=a2",
            ])
        #expect(revoked.allSatisfy { $0.revokedAt != nil && $0.email == "k.mensah@mlnr.gov.gh" })
        // A withdrawn registration gets no new link; submitted again and approved, it may.
        #expect(throws: StoreError.self) {
            try store.setJoinLinks([Self.link(ds[0], .meeting, "a3")], meetingID: Self.meetingID, actor: "asm")
        }
        #expect(try store.markJoinLinksCancelled(ids: [revoked[0].id], meetingID: Self.meetingID, actor: "asm") == 1)
        #expect(try store.joinLinks(meetingID: Self.meetingID, revoked: true).map(\.id) == [revoked[1].id])
        #expect(try store.markJoinLinksCancelled(ids: nil, meetingID: Self.meetingID, actor: "asm") == 1)
        #expect(try store.joinLinks(meetingID: Self.meetingID, revoked: true).isEmpty)
        // The ASM revokes one link by hand: listed too.
        #expect(
            try store.revokeJoinLinks(delegateID: ds[1].id, scope: .meeting, meetingID: Self.meetingID, actor: "asm")
                == 1)
        #expect(try store.joinLinks(meetingID: Self.meetingID, revoked: true).map(\.delegateID) == [ds[1].id])
        #expect(
            try store.revokeJoinLinks(delegateID: ds[1].id, scope: .meeting, meetingID: Self.meetingID, actor: "asm")
                == 0)
        #expect(try store.check().isEmpty)
    }

    @Test func attendanceIsRecordedWhole_andAReportReplacesTheEarlierOne() throws {
        let (store, ds) = try Self.store()
        let t = Instant(seconds: 1_624_269_600)
        let first = [
            AttendanceWrite(delegateID: ds[0].id, minutes: 90, firstJoin: t, lastLeave: t.adding(minutes: 90)),
            AttendanceWrite(delegateID: ds[2].id, minutes: 40, firstJoin: t, lastLeave: t.adding(minutes: 45)),
        ]
        #expect(
            try store.recordAttendance(
                session: "S01", presences: first, file: "s01.csv", rows: 3, unmatched: 1, meetingID: Self.meetingID,
                actor: "asm") == false)
        var (presences, reports) = try store.attendance(meetingID: Self.meetingID)
        #expect(presences.map(\.delegation) == ["GH", "RU"] && presences.map(\.minutes) == [90, 40])
        #expect(reports.map(\.session) == ["S01"] && reports.first?.unmatched == 1)
        // Bad minutes or a delegate twice: refused, the recorded report stays as it was.
        for bad in [
            [AttendanceWrite(delegateID: ds[1].id, minutes: -1, firstJoin: t, lastLeave: t)],
            [first[0], first[0]],
            [AttendanceWrite(delegateID: 999, minutes: 5, firstJoin: t, lastLeave: t.adding(minutes: 5))],
        ] {
            #expect(throws: StoreError.self) {
                try store.recordAttendance(
                    session: "S01", presences: bad, file: "bad.csv", rows: 1, unmatched: 0, meetingID: Self.meetingID,
                    actor: "asm")
            }
        }
        #expect(try store.attendance(meetingID: Self.meetingID).presences == presences)
        #expect(
            try store.recordAttendance(
                session: "S01", presences: [first[1]], file: "s01-final.csv", rows: 1, unmatched: 0,
                meetingID: Self.meetingID, actor: "asm") == true)
        (presences, reports) = try store.attendance(meetingID: Self.meetingID)
        #expect(presences.map(\.delegateID) == [ds[2].id] && reports.first?.file == "s01-final.csv")
        let audit = try store.audit(meetingID: Self.meetingID, subject: "session S01", since: nil)
        #expect(audit.filter { $0.action == "attendance.import" }.count == 2)
        #expect(audit.last?.after.contains("\"delegate \(ds[2].id)\":40") == true)
    }
}
