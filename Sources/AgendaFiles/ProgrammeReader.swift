import Localization
import Foundation
import MeetingModel
import MeetingTime
import Yams

/// The result of reading a programme file: the meeting, the programme, and every diagnostic.
public struct ProgrammeLoad: Sendable {
    /// The meeting the programme is for (from its agenda), when that loaded.
    public let meeting: Meeting?
    /// The programme, when neither it nor its agenda had an error.
    public let programme: Programme?
    /// Every error and warning, the agenda's included, sorted by place.
    public let diagnostics: [Diagnostic]
}

/// Reads programme files: a placement (start, room, pinned) for the sessions of one agenda.
///
/// ```yaml
/// programme:
///   agenda: kp-2021-intersessional.yaml   # relative to this file
///   zone: Europe/Moscow                   # times without an offset are read here (default: host zone)
///   placements:
///     - {session: S01, start: "2021-06-21 13:00", room: A, pinned: true}
/// ```
public enum ProgrammeReader {
    static let keys = ["agenda", "zone", "placements", "note"]
    static let placementKeys = ["session", "start", "room", "pinned", "note"]

    /// Reads the programme at `path`, and the agenda it names unless `meeting` is given.
    public static func load(path: String, meeting given: Meeting? = nil) -> ProgrammeLoad {
        let log = DiagnosticLog()
        guard let source = YAMLSource.read(path: path, log: log),
            let top = Fields(
                source.root, in: source, log: log, what: Message("file.what.programme-file"), allowed: ["programme"]),
            let node = top.value("programme") ?? top.missing("programme", Message("file.need.placements")),
            let f = Fields(node, in: source, log: log, what: quoted("programme"), allowed: keys)
        else { return ProgrammeLoad(meeting: given, programme: nil, diagnostics: log.sorted) }

        var meeting = given
        if meeting == nil, let agenda = f.string("agenda", required: Message("file.need.agenda")) {
            let agendaPath = resolve(agenda.value, nextTo: path)
            if FileManager.default.fileExists(atPath: agendaPath) {
                let load = AgendaReader.load(path: agendaPath)
                for d in load.diagnostics {
                    d.severity == .error ? log.error(d.location, d.message) : log.warning(d.location, d.message)
                }
                if load.meeting == nil {
                    log.error(agenda.location, Message("file.agenda-errors", ["agenda": agenda.value]))
                }
                meeting = load.meeting
            } else {
                log.error(agenda.location, Message("file.no-agenda", ["path": agendaPath]))
            }
        }
        guard let meeting else { return ProgrammeLoad(meeting: nil, programme: nil, diagnostics: log.sorted) }

        let clock: ZoneClock
        let horizon = MeetingClock.horizon(of: meeting)
        if let zone = f.string("zone"), zone.value != meeting.hostZone {
            guard checkZone(zone, role: Message("file.role.programme-times"), log: log, allowUTC: true),
                let c = ZoneClock(identifier: zone.value, horizon: horizon)
            else {
                return ProgrammeLoad(meeting: meeting, programme: nil, diagnostics: log.sorted)
            }
            clock = c
        } else {
            clock = ZoneClock(identifier: meeting.hostZone, horizon: horizon)!
        }
        let host = ZoneClock(identifier: meeting.hostZone, horizon: horizon)!

        var placements: [Placement] = []
        var placedAt: [String: SourceLocation] = [:]
        for (i, item) in (f.list("placements") ?? []).enumerated() {
            let label =
                scalarText(item, "session").map { Message("file.what.placement", ["session": $0]) }
                ?? Message("file.what.placement-n", ["n": "\(i + 1)"])
            guard let p = Fields(item, in: source, log: log, what: label, allowed: placementKeys) else { continue }
            let sessionID = p.string("session", required: Message("file.need.placed-session"))
            let startText = p.string("start", required: Message("file.need.start"))
            let room = p.string("room")?.value ?? "A"
            let pinned = p.bool("pinned")?.value ?? false
            guard let sessionID, let startText else { continue }
            guard let session = meeting.session(sessionID.value) else {
                let hint =
                    closest(to: sessionID.value, among: meeting.sessions.map(\.id)).map {
                        Message("file.hint.mean", ["near": $0])
                    } ?? Message(verbatim: "")
                log.error(
                    sessionID.location,
                    Message("file.unknown-session", values: ["session": "\(sessionID.value)", "hint": .message(hint)]))
                continue
            }
            if let earlier = placedAt[session.id] {
                log.error(
                    sessionID.location, Message("file.placed-twice", ["session": session.id, "earlier": "\(earlier)"]))
                continue
            }
            placedAt[session.id] = sessionID.location
            guard
                let start = SessionReader.instant(
                    startText, host: clock, log: log, what: Message("file.what.start-of", ["session": session.id]))
            else { continue }
            check(start, of: session, in: meeting, host: host, log: log)
            placements.append(Placement(sessionID: session.id, start: start.value, room: room, pinned: pinned))
        }
        for s in meeting.sessions where placedAt[s.id] == nil {
            log.warning(f.location, Message("file.not-placed", ["session": s.id, "title": s.title]))
        }
        let programme = log.hasErrors ? nil : Programme(meetingID: meeting.id, placements: placements)
        return ProgrammeLoad(meeting: meeting, programme: programme, diagnostics: log.sorted)
    }

    /// Grid, meeting days and a fixed start: what a placement must respect to be read at all.
    /// (Order, parallel sessions and capacities are the scheduler's evaluation.)
    static func check(
        _ start: Located<Instant>, of session: Session, in meeting: Meeting, host: ZoneClock, log: DiagnosticLog
    ) {
        let t = start.value
        if t.minutes % meeting.gridMinutes != 0 {
            log.error(
                start.location,
                Message(
                    "file.start-off-grid", ["session": session.id, "start": "\(t)", "grid": "\(meeting.gridMinutes)"]))
        }
        let first = host.local(at: t).day, last = host.local(at: t.adding(minutes: session.durationMinutes - 1)).day
        if first < meeting.firstDay || last > meeting.lastDay {
            log.error(
                start.location,
                Message(
                    "file.start-outside",
                    [
                        "session": session.id, "day": "\(first)", "zone": meeting.hostZone,
                        "first": "\(meeting.firstDay)", "last": "\(meeting.lastDay)",
                    ]))
        }
        if let fixed = session.fixedStart, fixed != t {
            log.error(start.location, Message("file.start-fixed", ["session": session.id, "fixed": "\(fixed)"]))
        }
    }
}

extension ProgrammeReader {
    /// The agenda path a programme file names (resolved against the file's folder), if readable.
    public static func referencedAgenda(ofProgrammeAt path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let root = try? Yams.compose(yaml: text),
            let programme = root.mapping?.first(where: { $0.key.scalar?.string == "programme" })?.value,
            let agenda = scalarText(programme, "agenda")
        else { return nil }
        return resolve(agenda, nextTo: path)
    }
}
