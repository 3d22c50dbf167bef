import Foundation
import Localization
import MeetingModel
import Registration
import RegistrationFiles
import Store

/// A registrant export read and matched to registrations, nothing written (issue 19): what
/// `links import` and the desk show before writing.
public struct LinkImportPlan: Sendable {
    /// The links to store, with the row and the delegate's name.
    public var writes: [(row: Int, write: JoinLinkWrite, name: String)] = []
    /// Rows whose e-mail no registration of the meeting has.
    public var unmatched: [(row: Int, email: String)] = []
    /// Rows of a withdrawn or rejected registration (not imported).
    public var inactive: [(row: Int, email: String, status: RegistrationStatus)] = []
    /// Rows without a link (registrants the platform has not approved yet).
    public var withoutLink: [(row: Int, email: String)] = []
    /// Columns of the export that were not read.
    public var unused: [String] = []
    /// "FILE:ROW: …" in file order; any problem means nothing is written.
    public var problems: [String] = []
}

/// Reads the registrant export at `path` and matches its rows to the meeting's registrations by
/// e-mail (case-insensitive). A row whose session or room the meeting does not have, or a second
/// link for one delegate and scope, is a problem.
public func planLinkImport(
    _ store: any ShellStore, path: String, meetingID: String, map: [String: String], delimiter: Character?,
    scope: LinkScope, l: Localizer
) throws -> LinkImportPlan {
    let table = CSVTable.read(path: path, name: path, delimiter: delimiter)
    let read = RegistrantLinkReader.read(table, name: path, map: map, scope: scope)
    var plan = LinkImportPlan()
    plan.unused = read.unused
    plan.withoutLink = read.withoutLink
    var problems = read.problems.map { ($0.row ?? 0, $0.text(l)) }
    guard let meeting = try store.meeting(meetingID) else {
        throw StoreError.meetingNotChosen(Message("store.no-meeting", ["meeting": meetingID]))
    }
    let byEmail = Dictionary(
        try store.delegates(DelegateQuery(meetingID: meetingID)).map { (DelegateRules.emailKey($0.email), $0) },
        uniquingKeysWith: { a, _ in a })
    var seen: [String: Int] = [:]
    func header(_ field: String) -> String { read.columns[field] ?? field }
    for row in read.rows {
        switch row.scope {
        case .room(let r) where !meeting.rules.rooms.contains(r):
            problems.append(
                (
                    row.row,
                    "\(path):\(row.row): " + header("room") + ": "
                        + Message("store.link-room", ["room": r]).text(l)
                ))
            continue
        case .session(let s) where meeting.session(s) == nil:
            problems.append(
                (
                    row.row,
                    "\(path):\(row.row): " + header("session") + ": "
                        + Message("store.link-session", ["session": s]).text(l)
                ))
            continue
        default: break
        }
        guard let d = byEmail[DelegateRules.emailKey(row.email)] else {
            plan.unmatched.append((row.row, row.email))
            continue
        }
        if d.status == .withdrawn || d.status == .rejected {
            plan.inactive.append((row.row, row.email, d.status))
            continue
        }
        let key = "\(d.id) \(row.scope)"
        if let first = seen[key] {
            problems.append(
                (
                    row.row,
                    "\(path):\(row.row): "
                        + Message("csv.link-twice", ["row": "\(first)", "email": row.email, "scope": "\(row.scope)"])
                        .text(l)
                ))
            continue
        }
        seen[key] = row.row
        plan.writes.append(
            (
                row.row, JoinLinkWrite(delegateID: d.id, link: PersonalLink(scope: row.scope, url: row.url)),
                d.displayName
            ))
    }
    plan.problems = problems.sorted { $0.0 < $1.0 }.map(\.1)
    return plan
}

/// A participant report read and matched, nothing written (issue 19).
public struct AttendancePlan: Sendable {
    /// Each matched delegate once, with their minutes (overlapping stays counted once).
    public var presences: [(write: AttendanceWrite, name: String, delegation: String, how: Match)] = []
    /// Rows that name nobody registered (guests, the platform's own staff, misspelt names).
    public var unmatched: [(row: Int, name: String, email: String, why: Message)] = []
    public var rows = 0
    public var unused: [String] = []
    public var problems: [String] = []

    public enum Match: String, Sendable { case email, name }
}

/// Reads the participant report at `path` of session `session` and matches its rows to the
/// meeting's registrations: by e-mail first, then by the folded name (given and family name in
/// either order, or the display name; the part before " (" too, as Zoom writes
/// "Name (Original Name)") when exactly one delegate has it. Times without an offset are read in
/// `zone`.
public func planAttendanceImport(
    _ store: any ShellStore, path: String, meetingID: String, session: String, map: [String: String],
    delimiter: Character?, zone: TimeZone?, l: Localizer
) throws -> AttendancePlan {
    guard let meeting = try store.meeting(meetingID) else {
        throw StoreError.meetingNotChosen(Message("store.no-meeting", ["meeting": meetingID]))
    }
    var plan = AttendancePlan()
    guard meeting.session(session) != nil else {
        plan.problems = [Message("store.link-session", ["session": session]).text(l)]
        return plan
    }
    let table = CSVTable.read(path: path, name: path, delimiter: delimiter)
    let read = ParticipantReportReader.read(table, name: path, map: map, zone: zone)
    plan.unused = read.unused
    plan.rows = read.rows.count
    plan.problems = read.problems.map { $0.text(l) }
    guard plan.problems.isEmpty else { return plan }
    let delegates = try store.delegates(DelegateQuery(meetingID: meetingID)).filter { $0.status != .rejected }
    let byEmail = Dictionary(delegates.map { (DelegateRules.emailKey($0.email), $0) }, uniquingKeysWith: { a, _ in a })
    var byName: [String: [Delegate]] = [:]
    for d in delegates {
        let keys = Set(
            [d.givenName + " " + d.familyName, d.familyName + " " + d.givenName, d.displayName].map(nameKey))
        for k in keys where !k.isEmpty { byName[k, default: []].append(d) }
    }
    var stays: [Int64: [(Instant, Instant)]] = [:]
    var matched: [Int64: (Delegate, AttendancePlan.Match)] = [:]
    for row in read.rows {
        var found: (Delegate, AttendancePlan.Match)?
        if !row.email.isEmpty, let d = byEmail[DelegateRules.emailKey(row.email)] { found = (d, .email) }
        if found == nil {
            let candidates = [row.name, String(row.name.split(separator: "(").first ?? "")].map(nameKey)
            for key in candidates where !key.isEmpty {
                let ds = byName[key] ?? []
                if ds.count == 1 {
                    found = (ds[0], .name)
                    break
                }
                if ds.count > 1 {
                    plan.unmatched.append(
                        (row.row, row.name, row.email, Message("attendance.ambiguous", ["count": "\(ds.count)"])))
                    break
                }
            }
            if found == nil, plan.unmatched.last?.row != row.row {
                plan.unmatched.append((row.row, row.name, row.email, Message("attendance.nobody")))
            }
        }
        guard let (d, how) = found else { continue }
        stays[d.id, default: []].append((row.join, row.leave))
        if matched[d.id] == nil || how == .email { matched[d.id] = (d, how) }
    }
    for (id, (d, how)) in matched.sorted(by: { ($0.value.0.delegation, $0.key) < ($1.value.0.delegation, $1.key) }) {
        let intervals = (stays[id] ?? []).sorted { $0.0 < $1.0 }
        // The union of the stays: a delegate on two devices, or back after a dropped line, is
        // counted once for the time they overlap.
        var seconds = 0
        var current: (Instant, Instant)?
        for (join, leave) in intervals {
            if let c = current, join <= c.1 {
                current = (c.0, max(c.1, leave))
            } else {
                if let c = current { seconds += c.1.seconds - c.0.seconds }
                current = (join, leave)
            }
        }
        if let c = current { seconds += c.1.seconds - c.0.seconds }
        let minutes = min(ParticipantReportReader.maxMinutes, (seconds + 30) / 60)
        plan.presences.append(
            (
                AttendanceWrite(
                    delegateID: id, minutes: minutes, firstJoin: intervals.first?.0 ?? Instant(seconds: 0),
                    lastLeave: intervals.map(\.1).max() ?? Instant(seconds: 0)),
                d.displayName, d.delegation, how
            ))
    }
    return plan
}

/// The key report names are compared by: folded, spaces collapsed.
private func nameKey(_ s: String) -> String {
    NameText.folded(s).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).joined(separator: " ")
}
