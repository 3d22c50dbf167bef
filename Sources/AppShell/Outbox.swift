import Foundation
import Localization
import Mail
import MeetingModel
import MeetingTime
import Publishing
import Scheduling
import Store

/// How delegates reach the front door, for their account letters (issue 20).
public struct ConnectInfo: Sendable, Equatable {
    /// The SSH front door's name and port ("kp.example.org", 2222).
    public var host: String
    public var port: Int
    /// The host key's fingerprint as OpenSSH shows it (`serve --fingerprint`), if known.
    public var fingerprint: String?

    public init(host: String, port: Int = 22, fingerprint: String? = nil) {
        self.host = host
        self.port = port
        self.fingerprint = fingerprint
    }

    /// The command a delegate types.
    public func command(username: String) -> String {
        "ssh " + username + "@" + host + (port == 22 ? "" : " -p \(port)")
    }
}

/// Where letters come from and how they go.
public struct MailSettings: Sendable, Equatable {
    public var from: MailAddress
    public var transport: MailTransport
    public var connect: ConnectInfo

    public init(from: MailAddress, transport: MailTransport, connect: ConnectInfo) {
        self.from = from
        self.transport = transport
        self.connect = connect
    }
}

/// The messages Intersession writes, each in its recipient's language and zone.
public enum Letters {
    /// What stands in a stored account letter where the token was.
    public static let tokenRemoved = "[removed after sending]"

    /// A delegate's account letter: their username and one-time token, how to connect, their
    /// sessions in their zone; in their language.
    public static func account(
        _ issued: IssuedAccount, delegate d: Delegate, meeting: Meeting, source: ExportSource?, settings: MailSettings,
        at now: Instant
    ) -> MailMessage {
        let l = Localizer(Localizer.preferred(by: d) ?? "en")
        var lines = [
            l("letter.greeting", ["name": d.displayName]), "",
            l("letter.account.intro", ["meeting": meeting.title]), "",
            l("letter.account.username", ["username": issued.username]),
            l("letter.account.token", ["token": issued.token]), "",
            l("letter.account.connect"), "", "    " + settings.connect.command(username: issued.username), "",
            l("letter.account.first"),
        ]
        if let fingerprint = settings.connect.fingerprint {
            lines += ["", l("letter.account.fingerprint", ["fingerprint": fingerprint])]
        }
        lines += ["", l("letter.account.keys"), ""]
        if let source,
            let schedule = try? PrintableProgramme.render(
                source, zone: d.zone, format: .text, selection: .delegate(d), l10n: l)
        {
            lines += [l("letter.account.sessions", ["zone": d.zone]), "", schedule]
        } else {
            lines.append(l("letter.account.no-programme"))
        }
        lines += ["", l("letter.account.secret"), "", "-- ", l("letter.signature", ["meeting": meeting.title])]
        return MailMessage(
            from: settings.from, to: MailAddress(name: d.displayName, address: d.email),
            subject: l("letter.account.subject", ["meeting": meeting.title]),
            date: Date(timeIntervalSince1970: Double(now.seconds)),
            messageID: "account-\(d.id)-\(now.seconds)-\(UUID().uuidString.prefix(8))@intersession.invalid",
            automatic: false, text: lines.joined(separator: "\n"),
            headers: [("X-Intersession-Kind", "account-letter"), ("X-Intersession-Meeting", meeting.id)])
    }
}

extension Letters {
    /// A delegate's change notice: every change of `changes` (sessions they sit in), old and new
    /// local time in their zone with "(+1 day)" where the date moves, in their language; their
    /// updated calendar attached (same UIDs, SEQUENCE raised: calendars update, not duplicate).
    public static func changeNotice(
        delegate d: Delegate, meeting: Meeting, changes: [ProgrammeChange], from: Int, to: Int, clock: MeetingClock,
        calendar: String, from sender: MailAddress, at now: Instant
    ) -> MailMessage {
        let l = Localizer(Localizer.preferred(by: d) ?? "en")
        let zone = try? clock.clock(for: d.zone)
        func local(_ i: Instant) -> (CalendarDay, String) {
            guard let t = zone?.local(at: i) else { return (CalendarDay(dayNumber: 0), "\(i)") }
            return (t.day, "\(l.shortDay(t.day)) \(t.timeText)")
        }
        var lines = [
            l("letter.greeting", ["name": d.displayName]), "",
            l("letter.notice.intro", ["meeting": meeting.title, "from": "\(from)", "to": "\(to)", "zone": d.zone]), "",
        ]
        for c in changes {
            guard let s = meeting.session(c.sessionID) else { continue }
            let what: String
            switch (c.before, c.after) {
            case (nil, let a?):
                what = l("letter.notice.added", ["at": local(a.start).1, "room": a.room])
            case (let b?, nil):
                what = l("letter.notice.removed", ["at": local(b.start).1])
            case (let b?, let a?) where b.start != a.start:
                let (day0, old) = local(b.start), (day1, new) = local(a.start)
                let shift = day1.dayNumber - day0.dayNumber
                what =
                    l("letter.notice.moved", ["from": old, "to": new])
                    + (shift == 0 ? "" : " " + l.dayOffset(shift))
                    + (b.room != a.room ? " · " + l("letter.notice.room", ["room": a.room]) : "")
            case (_, let a?):
                what = l("letter.notice.room-only", ["room": a.room, "at": local(a.start).1])
            default: continue
            }
            lines.append("- \(s.id) \(s.title): " + what)
        }
        lines += ["", l("letter.notice.calendar"), "", "-- ", l("letter.signature", ["meeting": meeting.title])]
        return MailMessage(
            from: sender, to: MailAddress(name: d.displayName, address: d.email),
            subject: l("letter.notice.subject", ["meeting": meeting.title, "to": "\(to)"]),
            date: Date(timeIntervalSince1970: Double(now.seconds)),
            messageID: "notice-\(d.id)-v\(from)-v\(to)-\(UUID().uuidString.prefix(8))@intersession.invalid",
            automatic: true, text: lines.joined(separator: "\n"),
            attachments: [
                MailAttachment(
                    contentType: "text/calendar; charset=UTF-8; method=PUBLISH", filename: "\(meeting.id).ics",
                    data: Data(calendar.utf8))
            ],
            headers: [("X-Intersession-Kind", "change-notice"), ("X-Intersession-Meeting", meeting.id)])
    }
}

/// Composes the change notices of the latest published version (issue 20): one per registered
/// delegate whom a change concerns, queued in the outbox. A delegate's notice covers every
/// publish since the last notice they were sent: a notice still queued is replaced by one that
/// merges it with the newer changes (the old one cancelled); composing again queues nothing new.
/// How many were queued and how many replaced.
public func composeChangeNotices(
    _ store: any ShellStore, meetingID: String, from sender: MailAddress, actor: String, now: Instant
) throws -> (queued: Int, replaced: Int) {
    guard let meeting = try store.meeting(meetingID), let latest = try store.publishedProgramme(meetingID: meetingID),
        latest.version >= 2
    else { return (0, 0) }
    let source = try storedExportSource(store, meetingID: meetingID, publishedOnly: true)
    let clock = source.clock
    var versions: [Int: Programme] = [latest.version: latest.programme]
    func programme(_ v: Int) throws -> Programme? {
        if let p = versions[v] { return p }
        let p = try store.publishedProgramme(meetingID: meetingID, version: v)?.programme
        versions[v] = p
        return p
    }
    // What each delegate was last told: the newest version of a notice sent to them, and the
    // notice still waiting (queued), if any.
    var told: [Int64: Int] = [:], waiting: [Int64: (id: Int64, from: Int)] = [:]
    for e in try store.outbox(meetingID: meetingID, state: nil, limit: 100_000) where e.kind == "change-notice" {
        guard let id = e.delegateID, let (from, to) = noticeVersions(e.dedupeKey) else { continue }
        switch e.state {
        case .sent, .sending, .unknown: told[id] = max(told[id] ?? 0, to)
        case .queued, .failed: if waiting[id] == nil { waiting[id] = (e.id, from) }
        case .cancelled: break
        }
    }
    var drafts: [OutboxDraft] = []
    for d in try store.delegates(DelegateQuery(meetingID: meetingID)) where d.status.isRegistered {
        let from = waiting[d.id]?.from ?? told[d.id] ?? latest.version - 1
        guard from < latest.version, let old = try programme(from) else { continue }
        let changes = ProgrammeChange.between(old, latest.programme, meeting: meeting).filter { c in
            meeting.session(c.sessionID).map { meeting.attends(d, $0) } ?? false
        }
        guard !changes.isEmpty else { continue }
        let calendar = try ICalendar.document(
            source, selection: .delegate(d), zone: d.zone, stamp: now, name: meeting.title + " · " + d.displayName,
            l10n: Localizer(Localizer.preferred(by: d) ?? "en"),
            personalLinks: try store.joinLinks(delegateID: d.id))
        let letter = Letters.changeNotice(
            delegate: d, meeting: meeting, changes: changes, from: from, to: latest.version, clock: clock,
            calendar: calendar, from: sender, at: now)
        drafts.append(
            OutboxDraft(
                kind: "change-notice", dedupeKey: "change-notice d:\(d.id) v:\(from)-\(latest.version)",
                delegateID: d.id, recipient: d.email, subject: letter.subject, message: letter.rendered()))
    }
    // All queued in one transaction; then the notices they merge are cancelled.
    let new = try store.queueMessages(drafts, meetingID: meetingID, actor: actor)
    var queued = 0, replaced = 0
    for draft in drafts where new[draft.dedupeKey] != nil {
        queued += 1
        if let id = draft.delegateID, let w = waiting[id],
            try store.cancelMessage(w.id, meetingID: meetingID, actor: actor)
        {
            replaced += 1
        }
    }
    return (queued, replaced)
}

/// "change-notice d:12 v:2-4" → (2, 4).
func noticeVersions(_ key: String) -> (Int, Int)? {
    guard let v = key.split(separator: " ").last, v.hasPrefix("v:") else { return nil }
    let parts = v.dropFirst(2).split(separator: "-").compactMap { Int($0) }
    return parts.count == 2 ? (parts[0], parts[1]) : nil
}

/// Issuing and sending in one step (issue 20): each new account's letter is composed and handed
/// to the transport as its token is made; the outbox keeps it without the token. A letter the
/// transport refused leaves the account "to re-issue" (its token is void). What happened to each.
public func issueAndSendAccounts(
    _ store: any ShellStore, meetingID: String, delegation: String?, ids: [Int64], settings: MailSettings,
    actor: String, now: () -> Instant
) throws -> [(issued: IssuedAccount, error: String?)] {
    guard let meeting = try store.meeting(meetingID) else {
        throw StoreError.meetingNotChosen(Message("store.no-meeting", ["meeting": meetingID]))
    }
    let issued = try store.issueAccounts(meetingID: meetingID, delegation: delegation, ids: ids, actor: actor)
    return try sendAccountLetters(
        store, issued: issued, meeting: meeting, settings: settings, actor: actor, now: now)
}

/// The letters of accounts just issued or reset, handed over as many at a time as the
/// transport takes (a folder: a batch synced once) and recorded after each hand-over, as above.
public func sendAccountLetters(
    _ store: any ShellStore, issued: [IssuedAccount], meeting: Meeting, settings: MailSettings, actor: String,
    now: () -> Instant
) throws -> [(issued: IssuedAccount, error: String?)] {
    let meetingID = meeting.id
    let source = try? storedExportSource(store, meetingID: meetingID, publishedOnly: true)
    var out: [(IssuedAccount, String?)] = []
    var start = 0
    while start < issued.count {
        let chunk = issued[start..<min(issued.count, start + settings.transport.batchSize)]
        start = chunk.endIndex
        // Composed, then handed over together; an address that cannot be written is refused here.
        var letters: [(IssuedAccount, Delegate, MailMessage, refusal: String?)] = []
        for account in chunk {
            guard let d = try store.delegate(account.delegateID, meetingID: meetingID) else { continue }
            let letter = Letters.account(
                account, delegate: d, meeting: meeting, source: source, settings: settings, at: now())
            letters.append(
                (
                    account, d, letter,
                    MailAddress.isWritable(d.email) ? nil : "the address \(d.email) cannot be written without SMTPUTF8"
                ))
        }
        let writable = letters.filter { $0.refusal == nil }
        var said = settings.transport.deliver(writable.map { ($0.2.messageID, $0.2.rendered()) }).makeIterator()
        var records: [AccountLetterRecord] = []
        for (account, d, letter, refusal) in letters {
            let error = refusal ?? said.next().flatMap { $0 }.map { "\($0)" }
            var stored = letter
            stored.text = letter.text.replacingOccurrences(of: account.token, with: Letters.tokenRemoved)
            records.append(
                AccountLetterRecord(
                    delegateID: d.id, recipient: d.email, subject: letter.subject, redacted: stored.rendered(),
                    error: error))
            out.append((account, error))
        }
        try store.recordAccountLetters(records, meetingID: meetingID, actor: actor)
    }
    return out
}

/// Sends the outbox: queued and failed messages (with `due`, only the failed ones whose wait is
/// over: what a timer runs), as many at a time as the transport takes: claimed (committed
/// "sending") before the transport sees them and settled after. Messages a killed send left
/// "sending" are sent where the transport holds them (a folder's file is there), else
/// "unknown" (never resent on their own). Counts.
public func sendOutbox(
    _ store: any ShellStore, meetingID: String, transport: MailTransport, due: Bool, actor: String
) throws -> (sent: Int, failed: Int, unknown: Int) {
    func name(_ id: Int64) -> String { "message-\(id)" }
    let unknown = try store.settleInterruptedSends(
        meetingID: meetingID, actor: actor, handedOver: { transport.holds(id: name($0)) })
    var sent = 0, failed = 0
    let ids = try store.messagesToSend(meetingID: meetingID, dueOnly: due)
    var start = 0
    while start < ids.count {
        let chunk = Array(ids[start..<min(ids.count, start + transport.batchSize)])
        start += chunk.count
        let claimed = try store.claimMessages(chunk, meetingID: meetingID, actor: actor)
        guard !claimed.isEmpty else { continue }
        let said = transport.deliver(claimed.map { (name($0.0.id), $0.1) })
        let outcomes = zip(claimed, said).map { (id: $0.0.0.id, error: $0.1.map { "\($0)" }) }
        try store.settleMessages(outcomes, meetingID: meetingID, actor: actor)
        sent += outcomes.filter { $0.error == nil }.count
        failed += outcomes.filter { $0.error != nil }.count
    }
    return (sent, failed, unknown)
}

extension Letters {
    /// A reminder of one session, some time before it: when it starts in the delegate's zone and,
    /// once released, how to join it (their personal link where they have one).
    public static func reminder(
        delegate d: Delegate, meeting: Meeting, session: Session, placement: Placement, source: ExportSource,
        links: [PersonalLink], from sender: MailAddress, at now: Instant
    ) -> MailMessage {
        let l = Localizer(Localizer.preferred(by: d) ?? "en")
        let local = (try? source.clock.clock(for: d.zone))?.local(at: placement.start)
        let when = local.map { "\(l.shortDay($0.day)) \($0.timeText)" } ?? "\(placement.start)"
        let minutes = max(0, (placement.start.seconds - now.seconds + 59) / 60)
        var lines = [
            l("letter.greeting", ["name": d.displayName]), "",
            l("letter.reminder.intro", ["session": "\(session.id) \(session.title)", "when": when, "zone": d.zone]),
            "",
        ]
        let release = meeting.joinRelease(for: session, start: placement.start)
        if let join = meeting.joinDetails(for: session, room: placement.room, personal: links) {
            switch release.phase(at: now) {
            case .open:
                lines += ICalendar.joinLines(
                    join, channel: source.channel(of: d, at: session), country: d.delegation, l)
            case .before:
                let opens = (try? source.clock.clock(for: d.zone))?.local(at: release.opens)
                lines.append(
                    l("letter.reminder.later", ["when": opens.map { "\(l.shortDay($0.day)) \($0.timeText)" } ?? ""]))
            case .ended: break
            }
        }
        lines += ["", "-- ", l("letter.signature", ["meeting": meeting.title])]
        return MailMessage(
            from: sender, to: MailAddress(name: d.displayName, address: d.email),
            subject: l("letter.reminder.subject", ["session": session.id, "minutes": "\(minutes)", "when": when]),
            date: Date(timeIntervalSince1970: Double(now.seconds)),
            messageID:
                "reminder-\(d.id)-\(session.id)-\(placement.start.seconds)-\(UUID().uuidString.prefix(8))@intersession.invalid",
            automatic: true, text: lines.joined(separator: "\n"),
            headers: [("X-Intersession-Kind", "reminder"), ("X-Intersession-Meeting", meeting.id)])
    }
}

/// Queues a reminder for each session of the published programme that starts within `minutes`
/// of `now`, to each registered delegate who sits in it (issue 20; off unless run, e.g. from the
/// outbox timer). A session moved later gets a new reminder; one already queued or sent is not
/// queued again. How many were queued.
public func composeReminders(
    _ store: any ShellStore, meetingID: String, minutes: Int, from sender: MailAddress, actor: String, now: Instant
) throws -> Int {
    guard minutes > 0, let latest = try store.publishedProgramme(meetingID: meetingID) else { return 0 }
    let source = try storedExportSource(store, meetingID: meetingID, publishedOnly: true)
    let meeting = source.meeting
    let soon = latest.programme.placements.filter {
        $0.start > now && $0.start.seconds <= now.seconds + minutes * 60
    }
    guard !soon.isEmpty else { return 0 }
    var drafts: [OutboxDraft] = []
    for d in try store.delegates(DelegateQuery(meetingID: meetingID)) where d.status.isRegistered {
        let links = try store.joinLinks(delegateID: d.id)
        for p in soon {
            guard let s = meeting.session(p.sessionID), meeting.attends(d, s) else { continue }
            let letter = Letters.reminder(
                delegate: d, meeting: meeting, session: s, placement: p, source: source, links: links,
                from: sender, at: now)
            drafts.append(
                OutboxDraft(
                    kind: "reminder", dedupeKey: "reminder d:\(d.id) s:\(s.id) at:\(p.start.seconds)",
                    delegateID: d.id, recipient: d.email, subject: letter.subject, message: letter.rendered()))
        }
    }
    return try store.queueMessages(drafts, meetingID: meetingID, actor: actor).count
}
