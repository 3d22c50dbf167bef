import AgendaFiles
@testable import AppShell
import Foundation
import IntersessionTestSupport
import Localization
import Mail
import MeetingModel
import Store
import Testing

/// The outbox (issue 20): account letters handed over as their tokens are made, change notices
/// that merge, failures kept and retried; every message judged by Python's `email` parser.
@Suite struct OutboxTests {
    static let meeting = AgendaReader.load(path: Repository.sampleAgenda).meeting!
    static let programme = ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting).programme!

    /// A store in a file (so its bytes can be searched) with the sample published and four
    /// approved delegates with names in four scripts.
    static func store(_ dir: URL) throws -> (SQLiteStore, [Delegate]) {
        let store = try SQLiteStore(path: dir.appendingPathComponent("i.sqlite").path, creator: "asm")
        _ = try store.importMeeting(meeting, actor: "asm")
        try store.saveDraft(programme, actor: "asm")
        _ = try store.publish(meetingID: meeting.id, actor: "asm")
        var out: [Delegate] = []
        for (code, given, family, email, language) in [
            ("RU", "Алексей", "Моисеев", "a.moiseev@mid.ru", "ru"),
            ("AE", "فاطمة", "الزهراء", "fatima@economy.ae", "en"),
            ("CN", "小明", "王", "wang@mofcom.gov.cn", "en"), ("CI", "Zoë-Aïssata", "Ouattara", "zoe@mines.ci", "fr"),
        ] {
            var d = Delegate(
                meetingID: meeting.id, delegation: code, givenName: given, familyName: family, email: email,
                zone: meeting.delegation(code)!.zone, languages: [language])
            d = try store.add(d, actor: "asm").0
            out.append(
                try store.changeStatus(
                    d.id, meetingID: meeting.id, to: .approved, reason: "", expectedVersion: nil, actor: "asm"))
        }
        return (store, out)
    }

    static func settings(_ transport: MailTransport) -> MailSettings {
        MailSettings(
            from: MailAddress(name: "KP ASM — Mécanisme", address: "asm@kp.example.org"), transport: transport,
            connect: ConnectInfo(host: "kp.example.org", port: 2222, fingerprint: "SHA256:abc123"))
    }

    static func read(_ folder: URL) throws -> [String: [String: Any]] {
        let (status, text) = try Python.run([Repository.tests("AppShellTests/Oracle/read_mail.py"), folder.path])
        #expect(status == 0, "\(text)")
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String: Any]] ?? [:]
    }

    static let now = Instant(seconds: 1_623_664_800)

    @Test func accountLettersAreHandedOverAsTheTokenIsMadeAndReadInTheirLanguage() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, ds) = try Self.store(dir)
        let folder = dir.appendingPathComponent("mail")
        let done = try issueAndSendAccounts(
            store, meetingID: Self.meeting.id, delegation: nil, ids: ds.map(\.id),
            settings: Self.settings(.folder(folder.path)),
            actor: "asm", now: { Self.now })
        #expect(done.count == 4 && done.allSatisfy { $0.error == nil })
        let mail = try Self.read(folder)
        #expect(mail.count == 4)
        for (d, (issued, _)) in zip(ds, done) {
            let letter = try #require(mail.values.first { $0["to_address"] as? String == d.email })
            #expect(letter["to_name"] as? String == d.displayName, "the name decodes: \(d.displayName)")
            #expect((letter["defects"] as? [String])?.isEmpty == true && letter["long_lines"] as? Int == 0)
            #expect(letter["bare_lf"] as? Bool == false && letter["charset"] as? String == "utf-8")
            #expect(letter["from"] as? String == "KP ASM — Mécanisme <asm@kp.example.org>")
            let text = letter["text"] as? String ?? ""
            #expect(text.contains(issued.token) && text.contains("ssh \(issued.username)@kp.example.org -p 2222"))
            #expect(text.contains("SHA256:abc123"))
            // Their sessions, in their zone.
            #expect(text.contains(d.zone) && text.contains("S01"), "\(text)")
            // The token signs in.
            #expect(
                try store.signIn(username: issued.username, secret: issued.token, source: .local)
                    == .mustSetPassword(delegateID: d.id))
        }
        let russian = try #require(mail.values.first { $0["to_address"] as? String == "a.moiseev@mid.ru" })
        #expect((russian["subject"] as? String)?.hasSuffix(": ваша личная учётная запись") == true)
        let french = try #require(mail.values.first { $0["to_address"] as? String == "zoe@mines.ci" })
        #expect((french["text"] as? String)?.hasPrefix("Madame, Monsieur Zoë-Aïssata Ouattara,") == true)
        // Not one token rests anywhere in the database: file, journal, the outbox's copies.
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("i.sqlite") }
        for (issued, _) in done {
            for f in files {
                let bytes = try Data(contentsOf: dir.appendingPathComponent(f))
                for form in [issued.token, issued.token.replacingOccurrences(of: "-", with: "")] {
                    #expect(bytes.range(of: Data(form.utf8)) == nil, "\(form) in \(f)")
                }
            }
        }
        let stored = try store.outbox(meetingID: Self.meeting.id)
        #expect(stored.count == 4 && stored.allSatisfy { $0.state == .sent && $0.kind == "account-letter" })
        for e in stored {
            let bytes = try #require(try store.outboxMessage(e.id, meetingID: Self.meeting.id)).1
            #expect(done.allSatisfy { bytes.range(of: Data($0.issued.token.utf8)) == nil })
        }
        // A stored letter is never sent again, by send or by retry.
        #expect(
            try sendOutbox(store, meetingID: Self.meeting.id, transport: .folder(folder.path), due: true, actor: "asm")
                == (0, 0, 0))
        #expect(try store.retryMessage(stored[0].id, meetingID: Self.meeting.id, actor: "asm") == false)
    }

    @Test func aLetterTheTransportRefusedLeavesTheAccountToReissue() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, ds) = try Self.store(dir)
        let done = try issueAndSendAccounts(
            store, meetingID: Self.meeting.id, delegation: nil, ids: [ds[0].id],
            settings: Self.settings(.sendmail(["/bin/false"])), actor: "asm", now: { Self.now })
        let (issued, error) = try #require(done.first)
        #expect(error == "/bin/false exited 1")
        #expect(try store.signIn(username: issued.username, secret: issued.token, source: .local) == .refused)
        let account = try #require(try store.accounts(meetingID: Self.meeting.id).first)
        #expect(account.toReissue && !account.hasPassword)
        let failed = try #require(try store.outbox(meetingID: Self.meeting.id).first)
        #expect(failed.state == .failed && failed.lastError == "/bin/false exited 1")
        // Re-issued and sent in one step: a new token, which signs in.
        let folder = dir.appendingPathComponent("mail")
        let reset = try store.resetAccount(delegateID: ds[0].id, meetingID: Self.meeting.id, actor: "asm")
        let again = try sendAccountLetters(
            store, issued: [reset], meeting: Self.meeting, settings: Self.settings(.folder(folder.path)), actor: "asm",
            now: { Self.now })
        #expect(again.first?.error == nil)
        #expect(
            try store.signIn(username: reset.username, secret: reset.token, source: .local)
                == .mustSetPassword(delegateID: ds[0].id))
        #expect(try store.accounts(meetingID: Self.meeting.id).first?.toReissue == false)
    }

    /// Two publishes before sending: one notice per delegate, from the first version to the last,
    /// with their calendar (same UIDs, SEQUENCE raised); composing again queues nothing.
    @Test func changeNoticesMergeAndCarryTheUpdatedCalendar() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, ds) = try Self.store(dir)
        func publish(_ s03Start: Instant) throws {
            let placements = Self.programme.placements.map {
                $0.sessionID == "S03"
                    ? Placement(sessionID: "S03", start: s03Start, room: $0.room, pinned: $0.pinned) : $0
            }
            try store.saveDraft(Programme(meetingID: Self.meeting.id, placements: placements), actor: "asm")
            _ = try store.publish(meetingID: Self.meeting.id, actor: "asm")
        }
        let s03 = try #require(Self.programme.placements.first { $0.sessionID == "S03" }).start
        try publish(s03.adding(minutes: 60))
        let settings = Self.settings(.folder(dir.appendingPathComponent("mail").path))
        let first = try composeChangeNotices(
            store, meetingID: Self.meeting.id, from: settings.from, actor: "asm", now: Self.now)
        // S03 (WGM): Russia and China are members, the Emirates too; Côte d'Ivoire is not.
        let members = ds.filter { d in Self.meeting.attends(d, Self.meeting.session("S03")!) }
        #expect(first == (members.count, 0) && members.count >= 2)
        try publish(s03.adding(minutes: 24 * 60 + 120))
        let second = try composeChangeNotices(
            store, meetingID: Self.meeting.id, from: settings.from, actor: "asm", now: Self.now)
        #expect(second == (members.count, members.count), "each waiting notice replaced by a merged one")
        #expect(
            try composeChangeNotices(
                store, meetingID: Self.meeting.id, from: settings.from, actor: "asm", now: Self.now)
                == (0, 0))
        #expect(
            try sendOutbox(store, meetingID: Self.meeting.id, transport: settings.transport, due: false, actor: "asm")
                == (members.count, 0, 0))
        let mail = try Self.read(dir.appendingPathComponent("mail"))
        #expect(mail.count == members.count)
        let russian = try #require(mail.values.first { $0["to_address"] as? String == "a.moiseev@mid.ru" })
        #expect(
            russian["auto_submitted"] as? String == "auto-generated" && russian["mime"] as? String == "multipart/mixed")
        let text = russian["text"] as? String ?? ""
        #expect(text.contains("По сравнению с версией 1") && text.contains("(+1 день)"), "\(text)")
        let calendar = try #require((russian["attachments"] as? [[String: Any]])?.first)
        #expect(calendar["type"] as? String == "text/calendar")
        let event = try #require((calendar["events"] as? [String: [String: Any]])?["S03"])
        #expect(event["sequence"] as? Int == 2, "moved twice since version 1")
        #expect(
            try composeChangeNotices(
                store, meetingID: Self.meeting.id, from: settings.from, actor: "asm", now: Self.now)
                == (0, 0), "sent: nothing new")
    }

    @Test func aFailingTransportKeepsMessagesAndALaterSendDeliversThem() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try Self.store(dir)
        for i in 1...3 {
            _ = try store.queueMessages(
                [
                    OutboxDraft(
                        kind: "test", dedupeKey: "t\(i)", delegateID: nil, recipient: "r\(i)@example.org",
                        subject: "s\(i)",
                        message: Data("Subject: s\(i)\r\n\r\nbody\r\n".utf8))
                ], meetingID: Self.meeting.id, actor: "asm")
        }
        let broken = MailTransport.sendmail(["/bin/sh", "-c", "echo 'relay refused' >&2; exit 75"])
        #expect(
            try sendOutbox(store, meetingID: Self.meeting.id, transport: broken, due: false, actor: "asm") == (0, 3, 0))
        let failed = try store.outbox(meetingID: Self.meeting.id, state: .failed)
        #expect(
            failed.count == 3
                && failed.allSatisfy { $0.lastError == "/bin/sh exited 75: relay refused" && $0.attempts == 1 })
        #expect(failed.allSatisfy { $0.nextAttemptAt.seconds > $0.updatedAt.seconds }, "a wait before the next attempt")
        let folder = dir.appendingPathComponent("mail")
        // --due waits for the back-off; a send by hand (or retry) does not.
        #expect(
            try sendOutbox(store, meetingID: Self.meeting.id, transport: .folder(folder.path), due: true, actor: "asm")
                == (0, 0, 0))
        #expect(try store.retryMessage(failed[0].id, meetingID: Self.meeting.id, actor: "asm"))
        #expect(try store.outboxMessage(failed[0].id, meetingID: Self.meeting.id)?.0.state == .queued)
        #expect(
            try sendOutbox(store, meetingID: Self.meeting.id, transport: broken, due: false, actor: "asm") == (0, 3, 0))
        #expect(try store.outbox(meetingID: Self.meeting.id, state: .failed).allSatisfy { $0.attempts == 2 })
        #expect(
            try sendOutbox(store, meetingID: Self.meeting.id, transport: .folder(folder.path), due: false, actor: "asm")
                == (3, 0, 0))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 3)
        for i in 4...7 {
            _ = try store.queueMessages(
                [
                    OutboxDraft(
                        kind: "test", dedupeKey: "t\(i)", delegateID: nil, recipient: "r\(i)@example.org",
                        subject: "s\(i)",
                        message: Data("Subject: s\(i)\r\n\r\nbody\r\n".utf8))
                ], meetingID: Self.meeting.id, actor: "asm")
        }
        let later = try store.outbox(meetingID: Self.meeting.id, state: .queued).sorted { $0.id < $1.id }
        // A send killed while handing messages over leaves them "sending". The next send marks
        // the one whose file is in the folder sent (the file written before the kill, and a
        // stale temporary file beside it), the other unknown: neither is sent again on its own.
        let killed = try store.claimMessages([later[0].id, later[3].id], meetingID: Self.meeting.id, actor: "asm")
        #expect(killed.map(\.0.id) == [later[0].id, later[3].id] && killed.allSatisfy { $0.0.state == .sending })
        #expect(MailTransport.folder(folder.path).deliver([("message-\(later[3].id)", killed[1].1)]) == [nil])
        try Data("half".utf8).write(to: folder.appendingPathComponent(".message-\(later[0].id).tmp"))
        #expect(
            try sendOutbox(store, meetingID: Self.meeting.id, transport: .folder(folder.path), due: false, actor: "asm")
                == (2, 0, 1))
        #expect(try store.outboxMessage(later[0].id, meetingID: Self.meeting.id)?.0.state == .unknown)
        #expect(try store.outboxMessage(later[3].id, meetingID: Self.meeting.id)?.0.state == .sent)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.count == 6)
        #expect(try store.cancelMessage(later[0].id, meetingID: Self.meeting.id, actor: "asm"))
        #expect(try store.cancelMessage(later[0].id, meetingID: Self.meeting.id, actor: "asm") == false)
        #expect(try store.cancelMessage(later[1].id, meetingID: Self.meeting.id, actor: "asm") == false, "sent")
        let audit = try store.audit(meetingID: Self.meeting.id, subject: nil, since: nil).map(\.action)
        #expect(
            audit.filter { $0 == "outbox.failed" }.count == 6 && audit.contains("outbox.retry")
                && audit.contains("outbox.cancel"))
    }

    /// The MIME writer on its own: names in any script as encoded words, no line over 78
    /// characters, a character never cut between two words.
    @Test func headersInAnyScriptStayWithinTheirLines() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = String(repeating: "الزهراء 王小明 Моисеев Zoë ", count: 6) + "👩🏽‍💼"
        let m = MailMessage(
            from: MailAddress(name: "ASM", address: "asm@kp.example.org"),
            to: MailAddress(name: long, address: "x@example.org"),
            subject: long, date: Date(timeIntervalSince1970: 1_623_664_800), messageID: "t1@intersession.invalid",
            automatic: true,
            text: "Ligne 1\nстрока 2\n",
            attachments: [
                MailAttachment(
                    contentType: "text/calendar; charset=UTF-8", filename: "a.ics",
                    data: Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8))
            ])
        try MailTransport.folder(dir.path).deliver(m.rendered(), id: "t1")
        try MailTransport.folder(dir.path).deliver(Data("other".utf8), id: "t1")  // not twice
        let mail = try Self.read(dir)
        let read = try #require(mail["t1.eml"])
        #expect(read["subject"] as? String == long && read["to_decoded"] as? String == long)
        #expect(read["long_lines"] as? Int == 0 && (read["defects"] as? [String])?.isEmpty == true)
        #expect(
            read["date"] as? String == "Mon, 14 Jun 2021 10:00:00 +0000"
                && read["message_id"] as? String == "<t1@intersession.invalid>")
        #expect(read["text"] as? String == "Ligne 1\nстрока 2\n")
    }

    /// Reminders (off unless `outbox remind` runs): each attendee of a session starting within
    /// the time, once, with the join details when released, else when they will be.
    @Test func remindersGoOncePerSessionWithTheJoinDetailsOnceReleased() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, ds) = try Self.store(dir)
        let settings = Self.settings(.folder(dir.appendingPathComponent("mail").path))
        let s01 = try #require(Self.programme.placements.first { $0.sessionID == "S01" }).start
        let soon = s01.adding(minutes: -30)
        #expect(
            try composeReminders(
                store, meetingID: Self.meeting.id, minutes: 60, from: settings.from, actor: "asm", now: soon)
                == ds.count, "the opening: every delegate")
        #expect(
            try composeReminders(
                store, meetingID: Self.meeting.id, minutes: 60, from: settings.from, actor: "asm", now: soon)
                == 0, "not twice")
        #expect(
            try sendOutbox(store, meetingID: Self.meeting.id, transport: settings.transport, due: true, actor: "asm")
                == (ds.count, 0, 0))
        let mail = try Self.read(dir.appendingPathComponent("mail"))
        let french = try #require(mail.values.first { $0["to_address"] as? String == "zoe@mines.ci" })
        #expect((french["subject"] as? String)?.hasPrefix("Rappel : S01 commence") == true, "\(french)")
        let text = french["text"] as? String ?? ""
        #expect(
            text.contains("https://zoom.example.org/w/83020210621?tk=KPopen") && text.contains("KP-open-21"), "\(text)")
        // Before the release time (S03: 24 hours), the reminder says when the link comes.
        let s03 = try #require(Self.programme.placements.first { $0.sessionID == "S03" }).start
        let early = s03.adding(minutes: -30 * 60)
        let n = try composeReminders(
            store, meetingID: Self.meeting.id, minutes: 31 * 60, from: settings.from, actor: "asm", now: early)
        #expect(n > 0)
        let queued = try store.outbox(meetingID: Self.meeting.id, state: .queued)
        let one = try #require(queued.first { $0.subject.contains("S03") })
        let bytes = try #require(try store.outboxMessage(one.id, meetingID: Self.meeting.id)).1
        let folder = dir.appendingPathComponent("one")
        try MailTransport.folder(folder.path).deliver(bytes, id: "one")
        let body = try #require(try Self.read(folder)["one.eml"])["text"] as? String ?? ""
        #expect(!body.contains("pwd=KPa2021") && !body.contains("KPa-2021"), "no link before its release: \(body)")
    }

    /// The desk's outbox against the store: read, preview, send to the transport the
    /// environment names, cancel.
    @Test func theDesksOutboxRunsAgainstTheStore() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try Self.store(dir)
        _ = try store.queueMessages(
            (1...2).map {
                OutboxDraft(
                    kind: "test", dedupeKey: "t\($0)", delegateID: nil, recipient: "r\($0)@example.org",
                    subject: "s\($0)",
                    message: MailMessage(
                        from: MailAddress(name: "ASM", address: "asm@kp.example.org"),
                        to: MailAddress(name: "Алексей", address: "r\($0)@example.org"), subject: "s\($0)",
                        date: Date(timeIntervalSince1970: 1_623_664_800), messageID: "t\($0)@x.invalid",
                        automatic: true,
                        text: "Текст \($0)"
                    ).rendered())
            }, meetingID: Self.meeting.id, actor: "asm")
        let shell = Shell(store: store, operatorName: "asm", clock: { Self.now })
        guard
            case .desk(.outboxLoaded(let outbox, _))? = shell.perform(.desk(.loadOutbox(meetingID: Self.meeting.id)))
                .first
        else {
            Issue.record("no outbox")
            return
        }
        #expect(outbox.rows.map(\.subject) == ["s2", "s1"] && outbox.counts == ["queued": 2])
        #expect(
            shell.perform(.desk(.previewMessage(id: outbox.rows[0].id, meetingID: Self.meeting.id)))
                == [.desk(.messagePreviewed(id: outbox.rows[0].id, text: "Текст 2"))])
        let cancelled = shell.perform(
            .desk(.changeMessage(id: outbox.rows[0].id, cancel: true, meetingID: Self.meeting.id)))
        guard case .desk(.outboxLoaded(let after, let said))? = cancelled.first else {
            Issue.record("\(cancelled)")
            return
        }
        #expect(
            after.counts == ["queued": 1, "cancelled": 1]
                && said?.text(.english) == "Message \(outbox.rows[0].id) cancelled")
        setenv("INTERSESSION_MAIL_TRANSPORT", "folder:" + dir.appendingPathComponent("mail").path, 1)
        defer { unsetenv("INTERSESSION_MAIL_TRANSPORT") }
        guard
            case .desk(.outboxLoaded(let sent, let words))? = shell.perform(
                .desk(.sendOutbox(meetingID: Self.meeting.id))
            ).first
        else {
            Issue.record("not sent")
            return
        }
        #expect(sent.counts == ["sent": 1, "cancelled": 1], "\(String(describing: words))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("mail").path).count == 1)
    }

    /// With mail set up, the desk's `i` issues the account and sends its letter in one step: the
    /// message line says so, no token is shown, and the letter's token signs in.
    @Test func theDesksIssueSendsTheLetterWhenMailIsSetUp() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, ds) = try Self.store(dir)
        let folder = dir.appendingPathComponent("mail")
        var shell = Shell(store: store, operatorName: "asm", clock: { Self.now })
        shell.mail = Self.settings(.folder(folder.path))
        let answer = shell.perform(.desk(.issueAccount(id: ds[0].id, meetingID: Self.meeting.id)))
        guard case .desk(.changed(let said))? = answer.first else {
            Issue.record("\(answer)")
            return
        }
        let username = try #require(try store.username(delegateID: ds[0].id))
        #expect(
            said.text(.english)
                == "Account \(username) issued; its letter was handed over for a.moiseev@mid.ru (the token is in the letter only)"
        )
        let letter = try #require(try Self.read(folder).values.first)
        let text = letter["text"] as? String ?? ""
        let token = try #require(
            text.split(separator: "\n").first { $0.hasPrefix("Одноразовый код: ") }.map {
                String($0.dropFirst("Одноразовый код: ".count))
            })
        #expect(
            try store.signIn(username: username, secret: token, source: .local)
                == .mustSetPassword(delegateID: ds[0].id))
        #expect(try store.outbox(meetingID: Self.meeting.id, state: .sent, limit: 10).count == 1)
        // Without mail set up, the token is shown once, as before.
        shell.mail = nil
        let shown = shell.perform(.desk(.issueAccount(id: ds[1].id, meetingID: Self.meeting.id)))
        guard case .desk(.tokenIssued)? = shown.first else {
            Issue.record("\(shown)")
            return
        }
    }
}
