// Outbox benchmark (issue 20): the account letters and a change notice for 20,000 delegates
// (COP scale) composed and handed to the file transport; then the same notices through the
// store's outbox (queued in one transaction, each claimed and settled around its hand-over).
// Time and peak memory. Never timed inside unit tests.
import AgendaFiles
import AppShell
import Foundation
import Localization
import Mail
import MeetingModel
import Publishing
import Scheduling
import Store

func outboxBenchmark(delegates count: Int, root: URL) throws -> String {
    let meeting = AgendaReader.load(path: root.appendingPathComponent("Agendas/kp-2021-intersessional.yaml").path)
        .meeting!
    let v1 = ProgrammeReader.load(
        path: root.appendingPathComponent("Agendas/kp-2021-intersessional.programme.yaml").path, meeting: meeting
    ).programme!
    // Version 2 moves two sessions by an hour and a day.
    let v2 = Programme(
        meetingID: meeting.id,
        placements: v1.placements.map { p in
            switch p.sessionID {
            case "S03":
                Placement(sessionID: p.sessionID, start: p.start.adding(minutes: 60), room: p.room, pinned: p.pinned)
            case "S07":
                Placement(sessionID: p.sessionID, start: p.start.adding(minutes: 1440), room: p.room, pinned: p.pinned)
            default: p
            }
        })
    let names: [(String, String, String)] = [
        ("Алексей", "Моисеев", "ru"), ("فاطمة", "الزهراء", "en"), ("小明", "王", "en"), ("Zoë", "Ouattara", "fr"),
        ("Kwame", "Mensah", "en"), ("Lucía", "Hernández", "es"),
    ]
    let codes = meeting.delegations.filter { $0.kind != .guestOfChair }
    let people: [Delegate] = (0..<count).map { i in
        let (g, f, lang) = names[i % names.count]
        let delegation = codes[i % codes.count]
        var d = Delegate(
            meetingID: meeting.id, delegation: delegation.code, givenName: g, familyName: f + " \(i)",
            email: "d\(i)@example.org", zone: delegation.zone, languages: [lang])
        d.id = Int64(i + 1)
        d.status = .accountIssued
        return d
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let settings = MailSettings(
        from: MailAddress(name: "KP ASM", address: "asm@kp.example.org"),
        transport: .folder(dir.appendingPathComponent("letters").path),
        connect: ConnectInfo(host: "kp.example.org", port: 2222, fingerprint: "SHA256:bench"))
    let stamp = Instant(seconds: 1_623_664_800)
    let source1 = try ExportSource(meeting: meeting, programme: v1, version: 1)
    let source2 = try ExportSource(meeting: meeting, programme: v2, version: 2, history: [v1])
    let changes = ProgrammeChange.between(v1, v2, meeting: meeting)

    // Handed over as the product does: as many at a time as the transport takes (a folder: a
    // batch of files, then one sync of the filesystem).
    var batch: [(id: String, data: Data)] = []
    func handOver(_ id: String, _ data: Data, to transport: MailTransport, last: Bool = false) throws {
        if !data.isEmpty { batch.append((id, data)) }
        guard batch.count >= transport.batchSize || (last && !batch.isEmpty) else { return }
        if let error = transport.deliver(batch).compactMap({ $0 }).first { throw error }
        batch.removeAll(keepingCapacity: true)
    }

    // 1. Account letters: composed (the schedule in each delegate's zone and language), rendered,
    // each written as its own file, synced a batch at a time.
    let before = peakKiB()
    var t = now()
    var cpu = cpuSeconds()
    var bytes = 0
    for d in people {
        let issued = IssuedAccount(
            delegateID: d.id, username: "user\(d.id)", name: d.displayName, email: d.email,
            token: "ABCDE-FGHJK-MNPQR-STVWX")
        let letter = Letters.account(
            issued, delegate: d, meeting: meeting, source: source1, settings: settings, at: stamp)
        let data = letter.rendered()
        bytes += data.count
        try handOver("letter-\(d.id)", data, to: settings.transport)
    }
    try handOver("", Data(), to: settings.transport, last: true)
    let lettersSeconds = Double(now() - t) / 1e9
    let lettersCPU = cpuSeconds() - cpu
    let lettersBytes = bytes

    // 2. Change notices with the delegate's calendar, to the file transport, composed as the
    // product composes them (`composeChangeNotices`): the calendar named for the delegate, in
    // their language. `personal`: every delegate with a personal link of their own for the whole
    // meeting, so that no event is shared between two calendars (the worst case).
    func composeNotices(into folder: String, personal: Bool) throws -> (
        seconds: Double, cpu: Double, bytes: Int, sent: [Delegate]
    ) {
        let notices = MailTransport.folder(dir.appendingPathComponent(folder).path)
        let t = now(), cpu = cpuSeconds()
        var bytes = 0
        var sent: [Delegate] = []
        for d in people {
            let mine = changes.filter { c in meeting.session(c.sessionID).map { meeting.attends(d, $0) } ?? false }
            guard !mine.isEmpty else { continue }
            let links = personal ? [PersonalLink(scope: .meeting, url: "https://kp.example.org/j/\(d.id)-a8Xq")] : []
            let calendar = try ICalendar.document(
                source2, selection: .delegate(d), zone: d.zone, stamp: stamp,
                name: meeting.title + " · " + d.displayName, l10n: Localizer(Localizer.preferred(by: d) ?? "en"),
                personalLinks: links)
            let letter = Letters.changeNotice(
                delegate: d, meeting: meeting, changes: mine, from: 1, to: 2, clock: source2.clock,
                calendar: calendar, from: settings.from, at: stamp)
            let data = letter.rendered()
            bytes += data.count
            sent.append(d)
            try handOver("notice-\(d.id)", data, to: notices)
        }
        try handOver("", Data(), to: notices, last: true)
        return (Double(now() - t) / 1e9, cpuSeconds() - cpu, bytes, sent)
    }
    let shared = try composeNotices(into: "notices", personal: false)
    let noticesSeconds = shared.seconds
    bytes = shared.bytes
    var composed: [(Delegate, Data)] = shared.sent.map { ($0, Data()) }
    let memory = peakKiB() - before
    let worst = try composeNotices(into: "notices-personal", personal: true)

    // 3. The same notices through the outbox of a database file: queued in one transaction, then
    // `send`: a batch at a time claimed ("sending", committed) before the files are written,
    // settled after (committed).
    let store = try SQLiteStore(path: dir.appendingPathComponent("outbox.sqlite").path, creator: "bench")
    _ = try store.importMeeting(meeting, actor: "bench")
    // The notices as written (read back: the composing above kept none of them in memory).
    let folder = dir.appendingPathComponent("notices")
    composed = try composed.map { ($0.0, try Data(contentsOf: folder.appendingPathComponent("notice-\($0.0.id).eml"))) }
    t = now()
    cpu = cpuSeconds()
    _ = try store.queueMessages(
        composed.map {
            OutboxDraft(
                kind: "change-notice", dedupeKey: "change-notice d:\($0.0.id) v:1-2", delegateID: $0.0.id,
                recipient: $0.0.email, subject: "notice", message: $0.1)
        }, meetingID: meeting.id, actor: "bench")
    let queueSeconds = Double(now() - t) / 1e9
    let queueCPU = cpuSeconds() - cpu
    t = now()
    cpu = cpuSeconds()
    let sent = try sendOutbox(
        store, meetingID: meeting.id, transport: .folder(dir.appendingPathComponent("sent").path), due: false,
        actor: "bench")
    let sendSeconds = Double(now() - t) / 1e9
    let sendCPU = cpuSeconds() - cpu

    func s(_ x: Double) -> String { String(format: "%.2f s", x) }
    func per(_ x: Double, _ n: Int) -> String { String(format: "%.2f ms", x * 1000 / Double(max(1, n))) }
    return """
        # Outbox benchmark (issue 20), \(count) delegates, release build

        | step | messages | time | per message | CPU (user + system) | bytes |
        |---|---:|---:|---:|---:|---:|
        | account letters: compose + render + a file each, one sync per 200 | \(count) | \(s(lettersSeconds)) | \(per(lettersSeconds, count)) | \(s(lettersCPU)) | \(lettersBytes) |
        | change notices with calendar: compose + render + file | \(composed.count) | \(s(noticesSeconds)) | \(per(noticesSeconds, composed.count)) | \(s(shared.cpu)) | \(bytes) |
        | the same, every delegate a personal link (no event shared) | \(worst.sent.count) | \(s(worst.seconds)) | \(per(worst.seconds, worst.sent.count)) | \(s(worst.cpu)) | \(worst.bytes) |
        | the notices queued in the outbox (one transaction) | \(composed.count) | \(s(queueSeconds)) | \(per(queueSeconds, composed.count)) | \(s(queueCPU)) | |
        | `send`: per 200: claim (commit) + files + sync + settle (commit) | \(sent.sent) | \(s(sendSeconds)) | \(per(sendSeconds, sent.sent)) | \(s(sendCPU)) | |

        Peak memory added while composing letters and notices: \(memory / 1024) MiB (getrusage maxrss).
        Target: letters and a notice for 20,000 delegates composed and handed to the file transport in under 10 s
        (steps 1 + 2: \(s(lettersSeconds + noticesSeconds)), CPU \(s(lettersCPU + shared.cpu)); with personal links:
        \(s(lettersSeconds + worst.seconds)), CPU \(s(lettersCPU + worst.cpu))). Time is the wall clock: on a disk it
        includes waiting for each batch's sync, which CPU time does not.

        """
}
