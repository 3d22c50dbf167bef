import AppCore
import Foundation
@testable import AppShell
import IntersessionTestSupport
import Localization
import MeetingModel
import Store
import Terminal
import TerminalInput
import Testing
import AgendaFiles

/// The terminal UI's shell on the headless terminal: keys in, effects run against a real store
/// (in memory), frames out.
@Suite struct ShellTests {
    @Test func aDelegateSignsInAgainstTheStoreAndQuits() throws {
        let store = try SQLiteStore(inMemoryFor: "admin")
        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        _ = try store.importMeeting(meeting, actor: "admin")
        try store.saveDraft(
            try #require(ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting).programme),
            actor: "admin")
        _ = try store.publish(meetingID: meeting.id, actor: "admin")  // delegates see only what is published
        let (d, _) = try store.add(
            Delegate(
                meetingID: meeting.id, delegation: "CN", givenName: "小明", familyName: "王", displayName: "王小明",
                email: "w@x.cn"), actor: "admin")
        _ = try store.changeStatus(
            d.id, meetingID: meeting.id, to: .approved, reason: "", expectedVersion: nil, actor: "admin")
        let token = try #require(
            try store.issueAccounts(meetingID: meeting.id, delegation: nil, ids: [d.id], actor: "admin").first
        ).token
        let username = try #require(try store.accounts(meetingID: meeting.id).first?.username)

        // A wrong token first: refused without saying which part; then the right one, a password, the views, quit.
        let script =
            HeadlessTerminal.keys("\(username)\rnot-it\r") + HeadlessTerminal.keys("\u{15}\(token)\r")
            + HeadlessTerminal.keys("correct horse battery\rcorrect horse battery\r")
            + [.idle, .event(.resized(width: 60, height: 20))] + HeadlessTerminal.keys("3q")
        let terminal = HeadlessTerminal(width: 100, height: 30, script: script)
        let app = Shell(store: store, clock: { Instant(seconds: 1_624_357_800) })
        #expect(app.run(on: terminal) == 0)
        #expect(terminal.restored)
        let texts = terminal.frames.map(\.text)
        #expect(texts.contains { $0.contains("Sign-in failed: the username or the secret is not right.") })
        #expect(texts.contains { $0.contains("Choose your password") })
        let schedule = try #require(texts.first { $0.contains("王小明 (CN):") })
        #expect(schedule.contains("times in my zone Asia/Shanghai"))
        #expect(terminal.frames.last?.width == 60 && texts.last?.contains("UTC hours") == true)
        // After the first frame, a key changes only part of the screen.
        #expect(terminal.cellsWritten.dropFirst().min()! < 100 * 30)
        #expect(try store.signIn(username: username, secret: "correct horse battery") == .signedIn(delegateID: d.id))
    }
}

extension ShellTests {
    /// `:export FILE` from the delegate's screens writes their own schedule (the format from the
    /// extension, times in the zone shown, text in their language); a path is refused.
    @Test func aDelegateExportsTheirScheduleFromTheScreen() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(inMemoryFor: "admin")
        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        _ = try store.importMeeting(meeting, actor: "admin")
        try store.saveDraft(
            try #require(ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting).programme),
            actor: "admin")
        _ = try store.publish(meetingID: meeting.id, actor: "admin")  // delegates see only what is published
        let (d, _) = try store.add(
            Delegate(
                meetingID: meeting.id, delegation: "CN", givenName: "小明", familyName: "王", displayName: "王小明",
                email: "w@x.cn",
                attends: ["WGS"]), actor: "admin")
        _ = try store.changeStatus(
            d.id, meetingID: meeting.id, to: .approved, reason: "", expectedVersion: nil, actor: "admin")
        let token = try #require(
            try store.issueAccounts(meetingID: meeting.id, delegation: nil, ids: [d.id], actor: "admin").first
        ).token
        let username = try #require(try store.accounts(meetingID: meeting.id).first?.username)
        let script =
            HeadlessTerminal.keys("\(username)\r\(token)\r")
            + HeadlessTerminal.keys("correct horse battery\rcorrect horse battery\r")
            + HeadlessTerminal.keys(":export ../x.ics\r:export mine.ics\r:export mine.txt\r")
            // Issue 17 §15: with UTC shown, my own zone still; another only when named.
            + HeadlessTerminal.keys("zz:export shown.txt\r:export tokyo.txt Asia/Tokyo\rq")
        let terminal = HeadlessTerminal(width: 100, height: 30, script: script)
        var app = Shell(store: store, clock: { Instant(seconds: 1_624_357_800) })
        app.exportFolder = dir
        app.l10n = Localizer("fr")
        #expect(app.run(on: terminal) == 0)
        let texts = terminal.frames.map(\.text)
        #expect(texts.contains { $0.contains("donnez un nom de fichier, pas un chemin") })
        #expect(
            texts.contains {
                $0.contains("\(dir.appendingPathComponent("mine.ics").path) écrit (heures de Asia/Shanghai)")
            })
        let shown = try String(contentsOf: dir.appendingPathComponent("shown.txt"), encoding: .utf8)
        #expect(shown.contains("17:00-18:00  S10 Working Group on Statistics") && shown.contains("Asia/Shanghai"))
        let tokyo = try String(contentsOf: dir.appendingPathComponent("tokyo.txt"), encoding: .utf8)
        #expect(tokyo.contains("18:00-19:00  S10 Working Group on Statistics") && tokyo.contains("Asia/Tokyo"))
        let ics = try String(contentsOf: dir.appendingPathComponent("mine.ics"), encoding: .utf8)
        // Only the sessions 王小明 attends: all-hands ones and WGS (S10), in Asia/Shanghai.
        #expect(
            ics.contains("UID:S10@") && !ics.contains("UID:S03@")
                && ics.contains("DTSTART;TZID=Asia/Shanghai:20210624T170000"))
        // The descriptions in the delegate's language (lines unfolded as a calendar reads them).
        #expect(ics.replacingOccurrences(of: "\r\n ", with: "").contains("Votre canal : anglais (en)"))
        let text = try String(contentsOf: dir.appendingPathComponent("mine.txt"), encoding: .utf8)
        #expect(text.contains("jeudi 24 juin 2021\n") && text.contains("17:00-18:00  S10 Working Group on Statistics"))
        #expect(
            !FileManager.default.fileExists(
                atPath: dir.deletingLastPathComponent().appendingPathComponent("x.ics").path))
    }
}

@Suite struct DeskShellTests {
    func store() throws -> (SQLiteStore, Meeting, Delegate) {
        let store = try SQLiteStore(inMemoryFor: "admin")
        try store.addStaff("amina", role: .asm, actor: "admin")
        try store.addStaff("chair", role: .chairOffice, actor: "admin")
        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        _ = try store.importMeeting(meeting, actor: "admin")
        let (d, _) = try store.add(
            Delegate(
                meetingID: meeting.id, delegation: "GH", givenName: "Kwame", familyName: "Mensah",
                email: "k.mensah@mlnr.gov.gh"), actor: "admin")
        return (store, meeting, d)
    }

    /// Staff change the password they sign in with over SSH from their screens (`:password`):
    /// the current one is checked, the new one needs 12 characters, one without an SSH password
    /// is told how to get one; the change is audited under their own name.
    @Test func staffChangeTheirOwnSSHPasswordFromTheirScreens() throws {
        let (store, _, _) = try store()
        try store.setStaffPassword("amina", password: "the first one, 2021", actor: "admin")
        let clock: @Sendable () -> Instant = { Instant(seconds: 1_624_357_800) }
        func run(_ who: String, _ keys: String) -> HeadlessTerminal {
            let terminal = HeadlessTerminal(width: 100, height: 30, script: HeadlessTerminal.keys(keys))
            _ = Shell(store: store, operatorName: who, clock: clock).run(on: terminal)
            return terminal
        }
        let wrong = run("amina", ":password\rnot it at all\ra new one, 2021\ra new one, 2021\r\u{1B}q")
        #expect(wrong.frames.contains { $0.text.contains("The current password is not right") })
        let short = run("amina", ":password\rthe first one, 2021\rshort pw 11\rshort pw 11\r\u{1B}q")
        #expect(short.frames.contains { $0.text.contains("a staff password has 12 characters or more") })
        let source = SignInSource("ssh:127.0.0.1")
        #expect(try store.checkStaffPassword("amina", secret: "the first one, 2021", source: source) == .right)
        let done = run("amina", ":password\rthe first one, 2021\ra new one, 2021\ra new one, 2021\rq")
        #expect(done.frames.contains { $0.text.contains("Your password is changed") })
        #expect(try store.checkStaffPassword("amina", secret: "a new one, 2021", source: source) == .right)
        #expect(try store.checkStaffPassword("amina", secret: "the first one, 2021", source: source) == .refused)
        let trail = try store.audit(meetingID: "", subject: "staff amina", since: nil)
        #expect(trail.last?.action == "staff.password" && trail.last?.actor == "amina")
        let none = run("chair", ":password\rwhatever it is\ra new one, 2021\ra new one, 2021\r\u{1B}q")
        #expect(none.frames.contains { $0.text.contains("chair has no SSH password to change") })
    }

    @Test func theASMApprovesFromTheDesk() throws {
        let (store, meeting, d) = try store()
        let terminal = HeadlessTerminal(width: 100, height: 30, script: HeadlessTerminal.keys("aq"))
        #expect(
            Shell(store: store, operatorName: "amina", clock: { Instant(seconds: 1_624_357_800) }).run(on: terminal)
                == 0)
        #expect(terminal.frames.first?.text.contains("Registration desk") == true)
        #expect(terminal.frames.contains { $0.text.contains("delegate \(d.id) (Kwame Mensah): approved") })
        #expect(try store.delegate(d.id, meetingID: meeting.id)?.status == .approved)
        #expect(try store.audit(meetingID: meeting.id, subject: "delegate \(d.id)", since: nil).last?.actor == "amina")
    }

    /// The desk's CSV import: the preview writes nothing and Esc cancels; `y` imports every row; a
    /// file with a bad row shows its refusal and imports nothing.
    @Test func importPreviewThenCancelWritesNothingAndYImports() throws {
        let (store, meeting, _) = try store()
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("ghana.csv").path
        try
            "given_name,family_name,email,delegation\nAma,Owusu,a.owusu@mlnr.gov.gh,GH\nKofi,Boateng,k.boateng@mlnr.gov.gh,GH\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let clock: @Sendable () -> Instant = { Instant(seconds: 1_624_357_800) }
        let before = try store.delegates(DelegateQuery(meetingID: meeting.id)).count
        let audit = try store.audit(meetingID: meeting.id, subject: nil, since: nil).count
        let cancel = HeadlessTerminal(width: 100, height: 30, script: HeadlessTerminal.keys("I\(csv)\r\u{1B}q"))
        _ = Shell(store: store, operatorName: "amina", clock: clock).run(on: cancel)
        let preview = try #require(
            cancel.frames.map(\.text).first { $0.contains("2 to add · 0 to update · 0 unchanged · 0 refused") })
        #expect(
            preview.contains("add row 2: Ama Owusu (GH, a.owusu@mlnr.gov.gh)")
                && preview.contains("y imports all of it"))
        #expect(cancel.frames.contains { $0.text.contains("nothing imported from \(csv)") })
        #expect(try store.delegates(DelegateQuery(meetingID: meeting.id)).count == before)
        #expect(try store.audit(meetingID: meeting.id, subject: nil, since: nil).count == audit)
        let confirm = HeadlessTerminal(width: 100, height: 30, script: HeadlessTerminal.keys("I\(csv)\ryq"))
        _ = Shell(store: store, operatorName: "amina", clock: clock).run(on: confirm)
        #expect(confirm.frames.contains { $0.text.contains("imported \(csv): 2 added, 0 updated") })
        #expect(try store.delegates(DelegateQuery(meetingID: meeting.id)).count == before + 2)
        // A bad row: refused with its row and field, and `y` does not import the good ones.
        try "given_name,family_name,email,delegation\nYaw,Mensah,not-an-email,GH\nEfua,Asante,e.asante@mlnr.gov.gh,GH\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let bad = HeadlessTerminal(width: 100, height: 30, script: HeadlessTerminal.keys("I\(csv)\ryq"))
        _ = Shell(store: store, operatorName: "amina", clock: clock).run(on: bad)
        let refused = try #require(bad.frames.map(\.text).first { $0.contains("1 refused") })
        #expect(refused.contains("\(csv):2: email: 'not-"), "\(refused)")
        #expect(try store.delegates(DelegateQuery(meetingID: meeting.id)).count == before + 2)
    }

    @Test func theASMApprovesIssuesAndReadsTheTokenFromTheScreen() throws {
        let (store, meeting, d) = try store()
        let terminal = HeadlessTerminal(width: 100, height: 30, script: HeadlessTerminal.keys("ai"))
        _ = Shell(store: store, operatorName: "amina", clock: { Instant(seconds: 1_624_357_800) }).run(on: terminal)
        let shown = try #require(terminal.frames.map(\.text).first { $0.contains("one-time token: ") })
        let token = try #require(
            shown.split(separator: "\n").first { $0.contains("one-time token: ") }?
                .components(separatedBy: "one-time token: ").last?.split(separator: " ").first.map(String.init))
        let username = try #require(try store.accounts(meetingID: meeting.id).first?.username)
        #expect(try store.signIn(username: username, secret: token) == .mustSetPassword(delegateID: d.id))
        #expect(try store.delegate(d.id, meetingID: meeting.id)?.status == .accountIssued)
    }

    /// Issue 7's scenario, headless: the ASM registers "Алексей Моисеев" for Russia through the
    /// form, approves, issues the account and reads the token; the delegate then signs in with it
    /// and sees their schedule in Europe/Moscow time.
    @Test func fromTheDeskToTheDelegatesSchedule() throws {
        let (store, meeting, _) = try store()
        try store.saveDraft(
            try #require(ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting).programme),
            actor: "admin")
        _ = try store.publish(meetingID: meeting.id, actor: "admin")  // delegates see only what is published
        let clock: @Sendable () -> Instant = { Instant(seconds: 1_624_357_800) }
        let desk = HeadlessTerminal(
            width: 100, height: 30,
            script: HeadlessTerminal.keys("nАлексей\tМоисеев\ta.moiseev@mid.ru\tRU\t\t\t\t\r")
                + HeadlessTerminal.keys("/моисеев") + HeadlessTerminal.keys("\raiq"))
        _ = Shell(store: store, operatorName: "amina", clock: clock).run(on: desk)
        #expect(desk.frames.contains { $0.text.contains("registered: Алексей Моисеев (RU)") })
        let shown = try #require(desk.frames.map(\.text).first { $0.contains("one-time token: ") })
        let token = try #require(
            shown.split(separator: "\n").first { $0.contains("one-time token: ") }?
                .components(separatedBy: "one-time token: ").last?.split(separator: " ").first.map(String.init))
        let username = try #require(
            shown.split(separator: "\n").first { $0.contains("username: ") }?
                .components(separatedBy: "username: ").last?.split(separator: " ").first.map(String.init))
        #expect(username == "amoiseev")
        let delegate = HeadlessTerminal(
            width: 100, height: 30,
            script: HeadlessTerminal.keys("\(username)\r\(token)\rcorrect horse battery\rcorrect horse battery\rq"))
        _ = Shell(store: store, operatorName: nil, clock: clock).run(on: delegate)
        let schedule = try #require(delegate.frames.map(\.text).first { $0.contains("Алексей Моисеев (RU):") })
        #expect(schedule.contains("times in my zone Europe/Moscow"))
        #expect(schedule.contains("Mon 21 Jun 13:00-15:00 S01 Opening Session"))
    }

    @Test func anEditChangedMeanwhileIsRefusedThenReloadedKeepingTheEdits() throws {
        let (store, meeting, d) = try store()
        // `e` opens the form on Kwame Mensah (version 1); the e-mail is retyped; before Enter saves,
        // another ASM changes his family name. The save is refused and says who changed what;
        // `y` reloads: the new family name comes in, the typed e-mail stays; Enter saves version 3.
        let edit =
            HeadlessTerminal.keys("e\t\t") + HeadlessTerminal.keys("\u{15}kwame.mensah@mlnr.gov.gh")
            + HeadlessTerminal.keys("\t\t\t\t\t\r")
        let script = edit + HeadlessTerminal.keys("y") + HeadlessTerminal.keys("\r") + HeadlessTerminal.keys("q")
        let terminal = HeadlessTerminal(width: 100, height: 30, script: script)
        terminal.before[edit.count - 1] = {
            var other = try! store.delegate(d.id, meetingID: meeting.id)!
            other.familyName = "Mensah-Boateng"
            _ = try! store.save(other, actor: "admin")
        }
        #expect(
            Shell(store: store, operatorName: "amina", clock: { Instant(seconds: 1_624_357_800) }).run(on: terminal)
                == 0)
        let texts = terminal.frames.map(\.text)
        let refusal = try #require(texts.first { $0.contains("Not saved") })
        #expect(refusal.contains("changed by admin") && refusal.contains("Reload? y"))
        #expect(texts.contains { $0.contains("reloaded version 2 (changed by admin): your edits are kept") })
        let saved = try #require(try store.delegate(d.id, meetingID: meeting.id))
        #expect(saved.version == 3 && saved.familyName == "Mensah-Boateng" && saved.email == "kwame.mensah@mlnr.gov.gh")
        #expect(texts.contains { $0.contains("delegate \(d.id) saved: Kwame Mensah-Boateng (GH), version 3") })
        #expect(
            try store.audit(meetingID: meeting.id, subject: "delegate \(d.id)", since: nil).map(\.actor) == [
                "admin", "admin", "amina",
            ])
    }

    @Test func theDelegationOverviewReadsEveryRegistrationAndTheProgramme() throws {
        let (store, meeting, _) = try store()
        try store.saveDraft(
            try #require(ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting).programme),
            actor: "admin")
        let terminal = HeadlessTerminal(
            width: 120, height: 40, script: HeadlessTerminal.keys("o") + [.idle] + HeadlessTerminal.keys("\u{1B}q"))
        #expect(
            Shell(store: store, operatorName: "amina", clock: { Instant(seconds: 1_624_357_800) }).run(on: terminal)
                == 0)
        let shown = try #require(
            terminal.frames.map(\.text).first { $0.contains("Delegations · the draft · registrations against bodies") })
        let ghana = try #require(shown.split(separator: "\n").first { $0.contains(" GH ") || $0.hasPrefix("GH ") })
        #expect(ghana.contains("1/2") && ghana.contains("1 submitted"), "\(ghana)")
    }

    @Test func theBoardRecordsAndWithdrawsARequest() throws {
        let (store, meeting, _) = try store()
        try store.saveDraft(
            try #require(ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting).programme),
            actor: "admin")
        let s03 = try #require(meeting.sessions.firstIndex { $0.id == "S03" })
        let french = try #require(meeting.languages.firstIndex(of: "fr"))
        let go = "\t" + String(repeating: "j", count: s03) + String(repeating: "l", count: french)
        // Tab to the board, the cursor to S03 × French, `a` AO Enter; then `x` Enter withdraws it.
        let add = HeadlessTerminal.keys(go + "aAO\r") + [.idle]
        let all = HeadlessTerminal(
            width: 120, height: 40, script: add + HeadlessTerminal.keys("x\r") + [.idle] + HeadlessTerminal.keys("q"))
        var recorded: [StoredInterpretationRequest] = []
        all.before[add.count] = { recorded = try! store.interpretationRequests(meetingID: meeting.id) }
        #expect(
            Shell(store: store, operatorName: "amina", clock: { Instant(seconds: 1_624_357_800) }).run(on: all) == 0)
        #expect(
            recorded.map(\.request) == [InterpretationRequest(delegation: "AO", session: "S03", language: "fr")]
                && recorded.first?.by == "amina")
        let texts = all.frames.map(\.text)
        #expect(texts.contains { $0.contains("AO's request for French at S03 recorded") })
        #expect(texts.contains { $0.contains("own requests: AO") })
        #expect(texts.contains { $0.contains("AO's request for French at S03 withdrawn") })
        #expect(try store.interpretationRequests(meetingID: meeting.id).isEmpty)
        #expect(
            try store.audit(meetingID: meeting.id, subject: "session S03", since: nil).map(\.actor) == [
                "amina", "amina",
            ])
    }

    @Test func theChairsOfficeIsRefusedAndSaysSo() throws {
        let (store, meeting, d) = try store()
        // The Chair's office starts in the programme builder; Tab goes on to the desk.
        let terminal = HeadlessTerminal(width: 100, height: 30, script: HeadlessTerminal.keys("\taq"))
        _ = Shell(store: store, operatorName: "chair", clock: { Instant(seconds: 1_624_357_800) }).run(on: terminal)
        #expect(
            terminal.frames.contains { $0.text.contains("chair may not approve, reject and withdraw registrations") })
        #expect(try store.delegate(d.id, meetingID: meeting.id)?.status == .submitted)
    }

    /// Delegates see only the latest published version: a draft alone is "not published yet"
    /// (it was shown at once, unmarked); a later draft does not replace the published version.
    @Test func aDelegateNeverSeesTheChairsDraft() throws {
        let (store, meeting, issued) = try Self.delegateWithPassword()
        let programme = try #require(ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting).programme)
        try store.saveDraft(programme, actor: "admin")
        func schedule() throws -> String {
            let terminal = HeadlessTerminal(
                width: 100, height: 30,
                script: HeadlessTerminal.keys("\(issued.username)\rcorrect horse battery\r") + [.idle]
                    + HeadlessTerminal.keys("2q"))
            #expect(Shell(store: store, clock: { Instant(seconds: 1_624_357_800) }).run(on: terminal) == 0)
            return try #require(terminal.frames.map(\.text).last { $0.contains("2 Programme") })
        }
        #expect(try schedule().contains("The programme is not published yet"))
        #expect(try !schedule().contains("S01"))
        _ = try store.publish(meetingID: meeting.id, actor: "admin")
        // A new draft with S01 moved a day later: delegates still see version 1.
        let moved = Programme(
            meetingID: programme.meetingID,
            placements: programme.placements.map {
                $0.sessionID == "S01"
                    ? Placement(
                        sessionID: "S01", start: $0.start.adding(minutes: 24 * 60), room: $0.room, pinned: $0.pinned)
                    : $0
            })
        try store.saveDraft(moved, actor: "admin")
        let shown = try schedule()
        #expect(shown.contains("Mon 21 Jun 18:00-20:00 S01 Opening Session"), "\(shown)")
    }

    /// A delegate withdrawn while signed in is signed out at once, with the sentence that says
    /// the account is not active and whom to ask.
    @Test func aWithdrawnDelegateIsSignedOutAtOnce() throws {
        let (store, meeting, issued) = try Self.delegateWithPassword()
        let d = try #require(try store.delegate(id: issued.delegateID))
        let signIn = HeadlessTerminal.keys("\(issued.username)\rcorrect horse battery\r")
        let terminal = HeadlessTerminal(
            width: 100, height: 30, script: signIn + [.idle, .idle] + HeadlessTerminal.keys("\u{1B}"))
        terminal.before[signIn.count] = {
            _ = try! store.changeStatus(
                d.id, meetingID: meeting.id, to: .withdrawn, reason: "left the delegation", expectedVersion: nil,
                actor: "admin")
        }
        var app = Shell(store: store, clock: { Instant(seconds: 1_624_357_800) })
        app.changeCheckSeconds = 0
        #expect(app.run(on: terminal) == 0)
        let texts = terminal.frames.map(\.text)
        #expect(texts.contains { $0.contains("王小明 (CN):") })
        let last = try #require(texts.last).replacingOccurrences(of: "│", with: " ").split(
            whereSeparator: \.isWhitespace
        ).joined(separator: " ")
        #expect(last.contains("This account is not active") && !last.contains("王小明 (CN):"), "\(texts.last ?? "")")
    }

    /// "From CN" in a session's detail lists only registered colleagues, not one submitted and
    /// not yet approved.
    @Test func theDetailListsOnlyRegisteredColleagues() throws {
        let (store, meeting, issued) = try Self.delegateWithPassword()
        try store.saveDraft(
            try #require(ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting).programme),
            actor: "admin")
        _ = try store.publish(meetingID: meeting.id, actor: "admin")
        _ = try store.add(
            Delegate(
                meetingID: meeting.id, delegation: "CN", givenName: "Wei", familyName: "Submitted", email: "s@x.cn"),
            actor: "admin")
        let (approved, _) = try store.add(
            Delegate(meetingID: meeting.id, delegation: "CN", givenName: "Li", familyName: "Approved", email: "a@x.cn"),
            actor: "admin")
        _ = try store.changeStatus(
            approved.id, meetingID: meeting.id, to: .approved, reason: "", expectedVersion: nil, actor: "admin")
        let terminal = HeadlessTerminal(
            width: 100, height: 30,
            script: HeadlessTerminal.keys("\(issued.username)\rcorrect horse battery\r") + [.idle]
                + HeadlessTerminal.keys("2\r") + [.idle] + HeadlessTerminal.keys("q"))
        #expect(Shell(store: store, clock: { Instant(seconds: 1_624_357_800) }).run(on: terminal) == 0)
        let detail = try #require(terminal.frames.map(\.text).last { $0.contains("From CN") })
        #expect(detail.contains("Li Approved") && !detail.contains("Wei Submitted"), "\(detail)")
    }

    /// The sample meeting (no programme yet) and 王小明 of China, approved, with an account whose
    /// password is "correct horse battery".
    static func delegateWithPassword() throws -> (SQLiteStore, Meeting, IssuedAccount) {
        let store = try SQLiteStore(inMemoryFor: "admin")
        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        _ = try store.importMeeting(meeting, actor: "admin")
        let (d, _) = try store.add(
            Delegate(
                meetingID: meeting.id, delegation: "CN", givenName: "小明", familyName: "王", displayName: "王小明",
                email: "w@x.cn"), actor: "admin")
        _ = try store.changeStatus(
            d.id, meetingID: meeting.id, to: .approved, reason: "", expectedVersion: nil, actor: "admin")
        let issued = try #require(
            try store.issueAccounts(meetingID: meeting.id, delegation: nil, ids: [d.id], actor: "admin").first)
        try store.setPassword(username: issued.username, token: issued.token, password: "correct horse battery")
        return (store, meeting, issued)
    }

    @Test func anOSUserWhoIsNotStaffGetsTheSignIn() throws {
        let (store, _, _) = try store()
        let terminal = HeadlessTerminal(width: 100, height: 30, script: HeadlessTerminal.keys("\u{1B}"))
        _ = Shell(store: store, operatorName: "guest", clock: { Instant(seconds: 1_624_357_800) }).run(on: terminal)
        #expect(terminal.frames.first?.text.contains("One-time token or password") == true)
    }
}

extension ShellTests {
    /// Issue 17 §10 with two connections to one database file (as two processes have): the desk
    /// shows a registration another process made, and says who made it; the shell's own approval
    /// is not reported back to it as news.
    @Test func theDeskShowsWhatAnotherProcessRegisteredButNotItsOwnChanges() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("live.sqlite").path
        let store = try SQLiteStore(path: path, creator: "admin")
        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        _ = try store.importMeeting(meeting, actor: "admin")
        try store.addStaff("bea", role: .asm, actor: "admin")
        _ = try store.add(
            Delegate(
                meetingID: meeting.id, delegation: "RU", givenName: "Алексей", familyName: "Моисеев", email: "a@m.ru"),
            actor: "admin")
        let other = try SQLiteStore(path: path, creator: "admin")
        // The desk opens; the admin approves the first row; then bea (another process) registers
        // someone; then the admin's own CLI (the same OS user, another process) registers someone.
        let idle = [TerminalWake](repeating: .idle, count: 3)
        let script = idle + HeadlessTerminal.keys("a") + idle + idle + idle
        let terminal = HeadlessTerminal(width: 100, height: 30, script: script)
        terminal.before[idle.count + 2] = {
            _ = try! other.add(
                Delegate(
                    meetingID: meeting.id, delegation: "BW", givenName: "Neo", familyName: "Kgosi", email: "n@k.bw"),
                actor: "bea")
        }
        terminal.before[idle.count + 5] = {
            _ = try! other.add(
                Delegate(meetingID: meeting.id, delegation: "CN", givenName: "Li", familyName: "Wei", email: "l@w.cn"),
                actor: "admin")
        }
        var app = Shell(store: store, operatorName: "admin", clock: { Instant(seconds: 1_624_357_800) })
        app.changeCheckSeconds = 0
        #expect(app.run(on: terminal) == 0)
        let texts = terminal.frames.map(\.text)
        let approved = try #require(texts.firstIndex { $0.contains("approved") && $0.contains("Алексей Моисеев") })
        let seenAt = try #require(texts.firstIndex { $0.contains("Neo Kgosi") }, "\(texts.last ?? "")")
        #expect(!texts[approved...seenAt].contains { $0.contains("admin changed") }, "own change reported")
        let seen = texts[seenAt]
        #expect(seen.contains("bea changed 1 registration"))
        #expect(seen.contains("submitted 1 · approved 1"), "\(seen)")
        #expect(
            texts.last?.contains("Li Wei") == true && texts.last?.contains("admin changed 1 registration") == true,
            "\(texts.last ?? "")")
    }
}

extension ShellTests {
    /// Issue 17 §17: three marked registrations approved at once, each in its own audited
    /// transaction; the one another user changed after it was read is refused, and says why.
    @Test func markedRegistrationsAreApprovedEachAuditedAndAStaleOneIsRefused() throws {
        let store = try SQLiteStore(inMemoryFor: "admin")
        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        _ = try store.importMeeting(meeting, actor: "admin")
        var ids: [Int64] = []
        for (given, email) in [("Ana", "a@x.mx"), ("Ben", "b@x.mx"), ("Cleo", "c@x.mx")] {
            ids.append(
                try store.add(
                    Delegate(
                        meetingID: meeting.id, delegation: "MX", givenName: given, familyName: "Ruiz", email: email),
                    actor: "admin"
                ).0.id)
        }
        let script = [TerminalWake.idle] + HeadlessTerminal.keys("   a") + [.idle]
        let terminal = HeadlessTerminal(width: 100, height: 30, script: script)
        terminal.before[4] = {  // Ben edited elsewhere after the desk read him
            var ben = try! store.delegate(ids[1], meetingID: meeting.id)!
            ben.notes = "changed meanwhile"
            _ = try! store.save(ben, actor: "admin")
        }
        _ = Shell(store: store, operatorName: "admin", clock: { Instant(seconds: 1_624_357_800) }).run(on: terminal)
        let last = try #require(terminal.frames.last?.text)
        #expect(last.contains("2 registrations approved; \(ids[1]) refused:"), "\(last)")
        #expect(try store.statusCounts(meetingID: meeting.id)[.approved] == 2)
        let approvals = try store.audit(meetingID: meeting.id, subject: nil, since: nil).filter {
            $0.action == "delegate.approved"
        }
        #expect(approvals.map(\.subject) == ["delegate \(ids[0])", "delegate \(ids[2])"])
    }
}

extension DeskShellTests {
    /// Issue 17 §17: a signed-in delegate changes their password with `P`: a wrong current
    /// password is refused (and counted as a failed sign-in), the right one changes it; the old
    /// password then no longer signs in and the new one does; the change is audited.
    @Test func aDelegateChangesTheirPasswordGivingTheCurrentOne() throws {
        let (store, meeting, issued) = try Self.delegateWithPassword()
        let signIn = HeadlessTerminal.keys("\(issued.username)\rcorrect horse battery\r")
        let wrong = HeadlessTerminal.keys("Pnot my password\rstaple battery horse\rstaple battery horse\r")
        let right = HeadlessTerminal.keys("correct horse battery\r\r\r")
        let terminal = HeadlessTerminal(
            width: 80, height: 24,
            script: signIn + [.idle] + wrong + [.idle] + right + [.idle] + HeadlessTerminal.keys("q"))
        _ = Shell(store: store, clock: { Instant(seconds: 1_624_357_800) }).run(on: terminal)
        let texts: [String] = terminal.frames.map(\.text)
        #expect(texts.contains { $0.contains("Change my password") && $0.contains("Current password") })
        #expect(texts.contains { $0.contains("The current password is not right; type it again.") })
        #expect(texts.contains { $0.contains("Your password is changed") }, "\(texts.last ?? "")")
        #expect(try store.signIn(username: issued.username, secret: "correct horse battery") == .refused)
        #expect(
            try store.signIn(username: issued.username, secret: "staple battery horse")
                == .signedIn(delegateID: issued.delegateID))
        let trail = try store.audit(meetingID: meeting.id, subject: "delegate \(issued.delegateID)", since: nil)
        #expect(trail.filter { $0.action == "account.password" }.count == 2)  // the first password, then the change
    }
}

extension DeskShellTests {
    /// Issue 17 §9: with two meetings in one database the staff screens open on the meeting
    /// asked for, `M` switches to another (with completion), `:meeting` to one named, and an
    /// unknown one is refused; a sign-in for one meeting refuses another meeting's account.
    @Test func staffSwitchMeetingsAndASignInForOneMeetingRefusesAnothers() throws {
        let (store, meeting, issued) = try Self.delegateWithPassword()
        let plenary = try #require(AgendaReader.load(path: Repository.agenda("kp-2021-plenary.yaml")).meeting)
        _ = try store.importMeeting(plenary, actor: "admin")
        let script =
            [TerminalWake.idle] + HeadlessTerminal.keys("M\t\r") + [.idle] + HeadlessTerminal.keys(":meeting nope\r")
        let terminal = HeadlessTerminal(width: 100, height: 30, script: script)
        var app = Shell(store: store, operatorName: "admin", clock: { Instant(seconds: 1_624_357_800) })
        app.meetingID = plenary.id
        _ = app.run(on: terminal)
        let texts: [String] = terminal.frames.map(\.text)
        #expect(texts.first?.contains("Kimberley Process Plenary Meeting 2021") == true, "\(texts.first ?? "")")
        #expect(texts.contains { $0.contains("meeting: ") && $0.contains(meeting.id) })
        #expect(texts.contains { $0.contains("Meeting \(meeting.id): \(meeting.title)") })
        #expect(texts.last?.contains("no meeting 'nope' you may open in this database") == true, "\(texts.last ?? "")")
        // The delegate of the intersessional meeting, at a sign-in for the plenary.
        let signIn = HeadlessTerminal(
            width: 100, height: 30, script: HeadlessTerminal.keys("\(issued.username)\rcorrect horse battery\r"))
        var forPlenary = Shell(store: store, clock: { Instant(seconds: 1_624_357_800) })
        forPlenary.meetingID = plenary.id
        _ = forPlenary.run(on: signIn)
        #expect(signIn.frames.last?.text.contains("This account belongs to another meeting") == true)
    }
}

extension DeskShellTests {
    /// The builder's export writes the meeting on the staff screens, not the database's first.
    @Test func theBuildersExportWritesTheMeetingShownNotTheFirst() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, meeting, _) = try Self.delegateWithPassword()
        let plenary = try #require(AgendaReader.load(path: Repository.agenda("kp-2021-plenary.yaml")).meeting)
        _ = try store.importMeeting(plenary, actor: "admin")
        // A draft of the plenary: every session with a fixed start at it, in the first room.
        let placements = plenary.sessions.compactMap { s in
            s.fixedStart.map { Placement(sessionID: s.id, start: $0, room: SchedulingRules.roomName(0), pinned: true) }
        }
        #expect(!placements.isEmpty)
        try store.saveDraft(Programme(meetingID: plenary.id, placements: placements), actor: "admin")
        let file = dir.appendingPathComponent("plenary.ics").path
        let script =
            [TerminalWake.idle] + HeadlessTerminal.keys("\t\t") + [.idle] + HeadlessTerminal.keys("X\(file)\r")
            + [.idle]
        let terminal = HeadlessTerminal(width: 100, height: 30, script: script)
        var app = Shell(store: store, operatorName: "admin", clock: { Instant(seconds: 1_624_357_800) })
        app.meetingID = plenary.id
        _ = app.run(on: terminal)
        let written = try String(contentsOfFile: file, encoding: .utf8)
        let plenarySession = try #require(plenary.sessions.first { s in placements.contains { $0.sessionID == s.id } })
        #expect(written.contains(plenarySession.title), "\(terminal.frames.last?.text ?? "")")
        let intersessionalOnly = meeting.sessions.filter { s in !plenary.sessions.contains { $0.title == s.title } }
        #expect(!intersessionalOnly.isEmpty)
        #expect(intersessionalOnly.allSatisfy { !written.contains($0.title) })
    }
}

extension DeskShellTests {
    /// Issue 16: the shell's answers are messages worded when shown, so a delegate whose own
    /// language (French) is not the shell's (English) reads them in French, as the rest.
    @Test func theShellsAnswersAreWordedInTheLanguageOfTheScreen() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, meeting, issued) = try Self.delegateWithPassword()
        try store.saveDraft(
            try #require(ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting).programme),
            actor: "admin")
        _ = try store.publish(meetingID: meeting.id, actor: "admin")
        var me = try #require(try store.delegate(id: issued.delegateID))
        me.interpretation = "fr"
        _ = try store.save(me, actor: "admin")
        let script =
            HeadlessTerminal.keys("\(issued.username)\rcorrect horse battery\r") + [.idle]
            + HeadlessTerminal.keys(":export mine.ics\r")
        let terminal = HeadlessTerminal(width: 100, height: 30, script: script)
        var app = Shell(store: store, clock: { Instant(seconds: 1_624_357_800) })
        app.exportFolder = dir
        #expect(app.l10n.language == "en")
        _ = app.run(on: terminal)
        let last = try #require(terminal.frames.last?.text)
        #expect(last.contains("mine.ics écrit (heures de Asia/Shanghai)"), "\(last)")
    }
}
