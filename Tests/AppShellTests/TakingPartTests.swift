import AgendaFiles
import AppCore
@testable import AppShell
import Foundation
import IntersessionTestSupport
import Localization
import MeetingModel
import RegistrationFiles
import Rendering
import Store
import Testing

/// Personal links and attendance from the platforms' files, matched against a real store
/// (issue 19): the registrant export and the participant report are fixtures of the shapes
/// platforms write (a BOM, ';', Zoom's headers, names in several scripts).
@Suite struct TakingPartTests {
    static let meeting = AgendaReader.load(path: Repository.sampleAgenda).meeting!
    static let registrants = Repository.tests("AppShellTests/Fixtures/registrants.csv")
    static let report = Repository.tests("AppShellTests/Fixtures/participants-S03.csv")

    /// The sample meeting, published, with six delegates; Fatima's registration withdrawn.
    static func store() throws -> (SQLiteStore, [String: Delegate]) {
        let store = try SQLiteStore(inMemoryFor: "asm")
        _ = try store.importMeeting(meeting, actor: "asm")
        try store.saveDraft(
            try #require(ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting).programme),
            actor: "asm")
        _ = try store.publish(meetingID: meeting.id, actor: "asm")
        var out: [String: Delegate] = [:]
        for (key, code, given, family, email) in [
            ("kwame", "GH", "Kwame", "Mensah", "k.mensah@mlnr.gov.gh"), ("aiko", "JP", "愛子", "田中", "aiko@mofa.go.jp"),
            ("ivan", "RU", "Иван", "Петров", "ivan@gokhran.ru"),
            ("fatima", "AE", "فاطمة", "الزهراء", "fatima@example.ae"),
            ("zoe", "EU", "Zoë", "Ångström", "zoe@example.se"), ("ana", "WDC", "Ana", "Lima", "ana.lima@wdc.example"),
        ] {
            let (d, _) = try store.add(
                Delegate(meetingID: meeting.id, delegation: code, givenName: given, familyName: family, email: email),
                actor: "asm")
            out[key] = try store.changeStatus(
                d.id, meetingID: meeting.id, to: .approved, reason: "", expectedVersion: nil, actor: "asm")
        }
        out["fatima"] = try store.changeStatus(
            out["fatima"]!.id, meetingID: meeting.id, to: .withdrawn, reason: "not travelling", expectedVersion: nil,
            actor: "asm")
        return (store, out)
    }

    @Test func theRegistrantExportIsReadWithItsOwnHeaders() {
        let table = CSVTable.read(path: Self.registrants, name: "registrants.csv", delimiter: nil)
        let read = RegistrantLinkReader.read(table, name: "registrants.csv", map: [:], scope: .room("A"))
        #expect(read.problems.isEmpty, "\(read.problems)")
        #expect(read.unused == ["First Name", "Last Name", "Registration Time", "Approval Status"])
        #expect(read.columns["email"] == "Email" && read.columns["join_url"] == "Join URL")
        #expect(read.rows.map(\.row) == [2, 3, 5, 6] && read.rows.allSatisfy { $0.scope == .room("A") })
        #expect(read.rows[1].url == "https://zoom.example.org/w/81020210621?tk=aiko-2Xy")
        #expect(read.withoutLink.map(\.row) == [4])
    }

    @Test func badRowsOfARegistrantExportSayWhereAndWhat() {
        func problems(_ text: String, map: [String: String] = [:]) -> [String] {
            let table = CSVTable.read(data: Data(text.utf8), name: "r.csv", delimiter: nil)
            return RegistrantLinkReader.read(table, name: "r.csv", map: map, scope: .meeting).problems.map(
                \.description)
        }
        #expect(
            problems("Email,Link to join\na@b.org,https://x.example/1\n") == [
                "r.csv:1: no column for join_url: name one in the header, or map the file's own with --map 'Header=join_url'"
            ])
        #expect(
            problems("Email,Link to join\na@b.org,https://x.example/1\n", map: ["Link to join": "join_url"]).isEmpty)
        #expect(
            problems(
                "Email,Join URL,Session\na@b.org,http://x.example/1,\n,https://x.example/2,\nc@d.org,https://x.example/3,S01\n"
            )
                == [
                    "r.csv:2: Join URL: 'http://x.example/1' is not an https link (no spaces or quotes): copy the join link from the platform's export as it is",
                    "r.csv:3: Email is empty: every row needs one",
                ])
        #expect(
            problems("email;join_url;session;room\na@b.org;https://x.example/1;S01;A\n") == [
                "r.csv:2: both session and room are given: a link is for one session or for one room, not both"
            ])
    }

    @Test func linksAreMatchedByEmailAndTheRestListed() throws {
        let (store, ds) = try Self.store()
        let plan = try planLinkImport(
            store, path: Self.registrants, meetingID: Self.meeting.id, map: [:], delimiter: nil, scope: .meeting,
            l: .english)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.writes.map(\.row) == [2, 3, 6])
        #expect(plan.writes.map(\.write.delegateID) == [ds["kwame"]!.id, ds["aiko"]!.id, ds["zoe"]!.id])
        #expect(plan.writes.allSatisfy { $0.write.link.scope == .meeting })
        #expect(plan.inactive.map(\.row) == [5] && plan.inactive.first?.status == .withdrawn)
        #expect(plan.withoutLink.map(\.email) == ["ivan@gokhran.ru"] && plan.unmatched.isEmpty)
        // A room the meeting does not have, an unknown e-mail, one delegate twice.
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("more.csv")
        try """
        email,join_url,room
        k.mensah@mlnr.gov.gh,https://x.example/1,Z
        nobody@example.org,https://x.example/2,A
        aiko@mofa.go.jp,https://x.example/3,A
        AIKO@mofa.go.jp,https://x.example/4,A

        """.write(to: file, atomically: true, encoding: .utf8)
        let more = try planLinkImport(
            store, path: file.path, meetingID: Self.meeting.id, map: [:], delimiter: nil, scope: .meeting, l: .english)
        #expect(
            more.problems == [
                "\(file.path):2: room: there is no room Z in this meeting's scheduling rules",
                "\(file.path):5: a second link for AIKO@mofa.go.jp, room:A (first at row 4): keep one",
            ])
        #expect(more.unmatched.map(\.row) == [3])
    }

    @Test func theParticipantReportIsMatchedByEmailThenByName() throws {
        let (store, ds) = try Self.store()
        let noZone = try planAttendanceImport(
            store, path: Self.report, meetingID: Self.meeting.id, session: "S03", map: [:], delimiter: nil, zone: nil,
            l: .english)
        #expect(
            noZone.problems == [
                "\(Self.report):2: Join Time: '06/22/2021 12:58:00 PM' has no UTC offset: say which zone the report's times are in with --zone (e.g. --zone Europe/Moscow)"
            ])
        let plan = try planAttendanceImport(
            store, path: Self.report, meetingID: Self.meeting.id, session: "S03", map: [:], delimiter: nil,
            zone: TimeZone(identifier: "Europe/Moscow"), l: .english)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        let minutes = Dictionary(uniqueKeysWithValues: plan.presences.map { ($0.write.delegateID, $0.write.minutes) })
        // Kwame's two stays overlap 10 minutes: 12:58-14:31 is 93 minutes, not 42 + 61.
        #expect(minutes[ds["kwame"]!.id] == 93)
        #expect(minutes[ds["aiko"]!.id] == 90, "田中 愛子: family name first, matched by name")
        #expect(minutes[ds["ivan"]!.id] == 10, "Иван Петров by name; IVAN PETROV matches nobody (no transliteration)")
        #expect(minutes[ds["zoe"]!.id] == 20, "Zoe Angstrom (EU): folded, the part before the bracket")
        #expect(minutes[ds["ana"]!.id] == 60)
        #expect(
            plan.presences.first { $0.write.delegateID == ds["kwame"]!.id }?.write.firstJoin
                == Instant(seconds: 1_624_355_880))  // 2021-06-22 09:58 UTC
        #expect(plan.unmatched.map(\.name) == ["IVAN PETROV", "KP Host"])
        _ = try store.recordAttendance(
            session: "S03", presences: plan.presences.map(\.write), file: "participants-S03.csv", rows: plan.rows,
            unmatched: plan.unmatched.count, meetingID: Self.meeting.id, actor: "asm")
        let (presences, reports) = try store.attendance(meetingID: Self.meeting.id)
        let report = Self.meeting.attendance(presences, recorded: Set(reports.map(\.session)))
        let s03 = try #require(report.sessions.first)
        // WGM has 25 members, 4 of them Observers: 21 Participants expected; Japan is present but
        // not a member, so it does not count towards the quorum (2/3 of 21 = 14).
        #expect(s03.participantsExpected.count == 21)
        let order = Self.meeting.delegations.map(\.code)
        #expect(s03.participantsPresent == order.filter(["EU", "GH", "JP", "RU"].contains), "in meeting order")
        #expect(s03.othersPresent == ["WDC"] && s03.quorumNeeded == 14 && s03.quorumMet == false)
        #expect(report.missed["ZA"] == ["S03"] && report.missed["GH"] == nil && report.missed["JP"] == nil)
        #expect(report.missed["CSC"] == ["S03"], "an Observer member that was absent")
    }

    @Test func aWithdrawnDelegatesLinkIsGoneFromTheirCalendarAndTheCoverage() throws {
        let (store, ds) = try Self.store()
        let kwame = ds["kwame"]!
        let url = "https://zoom.example.org/w/81020210621?tk=kwame-7Hq"
        _ = try store.setJoinLinks(
            [JoinLinkWrite(delegateID: kwame.id, link: PersonalLink(scope: .room("A"), url: url))],
            meetingID: Self.meeting.id, actor: "asm")
        let s03 = try #require(
            try store.publishedProgramme(meetingID: Self.meeting.id)?.programme.placements.first {
                $0.sessionID == "S03"
            })
        func calendar() throws -> String {
            try ExportFile.text(
                store: store, meetingID: Self.meeting.id, format: "ics", delegate: try store.delegate(id: kwame.id),
                zone: "Africa/Accra", l10n: .english, stamp: s03.start)
        }
        #expect(try calendar().contains("URL:" + url))
        func coverage() throws -> LinkCoverage {
            let links = Dictionary(grouping: try store.joinLinks(meetingID: Self.meeting.id), by: \.delegateID)
                .mapValues { $0.map(\.link) }
            return try #require(
                Self.meeting.linkCoverage(
                    delegates: try store.delegates(DelegateQuery(meetingID: Self.meeting.id)), links: links,
                    programme: try store.currentProgramme(meetingID: Self.meeting.id)
                ).first { $0.session.id == "S03" })
        }
        let before = try coverage()
        #expect(before.withLink == 1 && before.without.map(\.delegation).contains("RU") && before.sharedLink)
        _ = try store.changeStatus(
            kwame.id, meetingID: Self.meeting.id, to: .withdrawn, reason: "replaced", expectedVersion: nil, actor: "asm"
        )
        #expect(try !calendar().contains("tk=kwame"), "no personal link once withdrawn")
        #expect(try coverage().attendees == before.attendees - 1 && coverage().withLink == 0)
        #expect(try store.joinLinks(meetingID: Self.meeting.id, revoked: true).map(\.link.url) == [url])
    }

    /// From the desk: `:links import FILE room A` and `:attendance import FILE S03 ZONE` run
    /// the same plans, all or nothing, and say what they did in the message line.
    @Test func theDeskImportsLinksAndAReportByCommand() throws {
        let (store, ds) = try Self.store()
        var state = AppState(width: 100, height: 30, now: Instant(seconds: 1_624_357_800))
        _ = reduce(
            &state,
            .staffStarted(
                StaffSession(name: "asm", role: .asm, meetingID: Self.meeting.id, meetingTitle: Self.meeting.title)))
        let shell = Shell(store: store, operatorName: "asm", clock: { Instant(seconds: 1_624_357_800) })
        func command(_ text: String) -> [Action] {
            state.prompt = Prompt(.command)
            state.prompt!.field = TextField(text)
            return reduce(&state, .terminal(.key(.enter))).flatMap { shell.perform($0) }
        }
        let linked = command("links import \(Self.registrants) room A")
        guard case .desk(.changed(let said))? = linked.first else {
            Issue.record("\(linked)")
            return
        }
        #expect(
            said.text(.english).hasSuffix(
                "links added 3, changed 0; not imported: no registration 0, withdrawn or rejected 1, no link yet 1"),
            "\(said.text(.english))")
        #expect(
            try store.joinLinks(delegateID: ds["aiko"]!.id) == [
                PersonalLink(scope: .room("A"), url: "https://zoom.example.org/w/81020210621?tk=aiko-2Xy")
            ])
        let refused = command("attendance import \(Self.report) S03")
        guard case .desk(.changed(let no))? = refused.first else {
            Issue.record("\(refused)")
            return
        }
        #expect(no.text(.english).hasPrefix("Nothing imported (problems: 1;") && no.text(.english).contains("--zone"))
        #expect(try store.attendance(meetingID: Self.meeting.id).reports.isEmpty)
        let recorded = command("attendance import \(Self.report) S03 Europe/Moscow")
        guard case .desk(.changed(let yes))? = recorded.first else {
            Issue.record("\(recorded)")
            return
        }
        #expect(yes.text(.english) == "Attendance of S03 recorded: delegates present 5, rows matching nobody 2")
        #expect(try store.attendance(meetingID: Self.meeting.id).presences.count == 5)
        _ = command("links export")
        #expect(state.message?.text(.english).hasPrefix("Usage: :links import FILE") == true)
    }
}
