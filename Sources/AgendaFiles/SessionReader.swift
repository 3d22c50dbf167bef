import Localization
import MeetingModel
import MeetingTime
import Yams

/// Reads one item of `sessions:`; times are read in the host's zone unless they carry an offset.
enum SessionReader {
    static let keys = [
        "id", "title", "kind", "body", "bodies", "minutes", "fixed_start", "windows", "after",
        "pinned", "floor", "interpretation", "series", "preferred", "join", "join_release", "note",
    ]
    static let windowKeys = ["day", "from", "to", "zone"]

    static func read(
        _ node: Node, index: Int, in source: YAMLSource, log: DiagnosticLog, frame: MeetingFrame, host: ZoneClock?
    ) -> SessionEntry? {
        let label =
            scalarText(node, "id").map { Message("file.what.session", ["id": $0]) }
            ?? Message("file.what.session-n", ["n": "\(index + 1)"])
        guard let f = Fields(node, in: source, log: log, what: label, allowed: keys) else { return nil }
        let id = f.string("id", required: Message("file.need.session-id"))
        let title = f.string("title", required: Message("file.need.title"))
        let minutes = f.int("minutes", in: MeetingLimits.sessionMinutes, required: Message("file.need.minutes"))
        var kind: SessionKind?
        let kinds = SessionKind.allCases.map(\.rawValue).joined(separator: ", ")
        if let k = f.string("kind", required: Message("file.need.one-of", ["list": kinds])) {
            kind = SessionKind(rawValue: k.value)
            if kind == nil {
                log.error(
                    k.location,
                    Message(
                        "file.bad-kind", values: ["kind": "\(k.value)", "what": .message(label), "list": "\(kinds)"]))
            }
        }
        if f.value("body") != nil, f.value("bodies") != nil {
            log.error(f.location, Message("file.body-and-bodies", values: ["what": .message(label)]))
        }
        let bodies = f.strings("bodies") ?? f.strings("body") ?? []

        var fixed: Located<Instant>?
        if let text = f.string("fixed_start"), let host {
            fixed = instant(
                text, host: host, log: log, what: Message("file.what.fixed-start", values: ["what": .message(label)]))
        }
        var windows: [Located<InstantRange>] = []
        if let items = f.list("windows"), let host {
            for item in items {
                windows += window(item, in: source, log: log, frame: frame, host: host, owner: label)
            }
        }
        var preferred: [InstantRange] = []
        if let items = f.list("preferred"), let host {
            preferred = items.flatMap {
                window($0, in: source, log: log, frame: frame, host: host, owner: label).map(\.value)
            }
        }
        let join = f.value("join").flatMap {
            JoinDetailsReader.read(
                $0, in: source, log: log, frame: frame,
                what: Message("file.what.join-of", values: ["what": .message(label)]))
        }
        let release = f.string("join_release").flatMap { JoinDetailsReader.release($0, log: log) }
        guard let id, let title, let minutes, let kind else { return nil }
        return SessionEntry(
            id: id, title: title.value, kind: kind, bodies: bodies, minutes: minutes, fixedStart: fixed,
            windows: windows, after: f.strings("after") ?? [], series: f.string("series"), preferred: preferred,
            pinned: f.bool("pinned")?.value ?? false,
            floor: f.string("floor"), interpretation: f.strings("interpretation") ?? [], join: join,
            joinReleaseMinutes: release, location: f.location
        )
    }

    /// An instant written absolutely or as a wall-clock reading in `host`'s zone.
    static func instant(_ text: Located<String>, host: ZoneClock, log: DiagnosticLog, what: Message) -> Located<
        Instant
    >? {
        let reading = InstantText.read(text.value, wallClockIn: host)
        switch reading {
        case .instant(let t): return Located(value: t, location: text.location)
        default:
            log.error(
                text.location,
                Message(
                    "file.bad-instant", values: ["what": .message(what), "why": .message(instantProblem(reading)!)]))
            return nil
        }
    }

    /// One allowed window: `{day, from, to, zone}`; without `day`, one window on every meeting day.
    static func window(
        _ node: Node, in source: YAMLSource, log: DiagnosticLog, frame: MeetingFrame, host: ZoneClock, owner: Message
    ) -> [Located<InstantRange>] {
        let what = Message("file.what.window-of", values: ["what": .message(owner)])
        guard let f = Fields(node, in: source, log: log, what: what, allowed: windowKeys),
            let from = f.string("from", required: Message("file.need.from")),
            let to = f.string("to", required: Message("file.need.to"))
        else { return [] }
        var clock = host
        if let zone = f.string("zone"), zone.value != host.identifier {
            guard checkZone(zone, role: what, log: log, allowUTC: true),
                let c = ZoneClock(identifier: zone.value, horizon: host.horizon)
            else { return [] }
            clock = c
        }
        guard let start = ClockTime(parsing: from.value), start.minutes < 1440 else {
            log.error(from.location, Message("file.not-time-from", ["value": from.value]))
            return []
        }
        guard let end = ClockTime(parsing: to.value) else {
            log.error(to.location, Message("file.not-time-to", ["value": to.value]))
            return []
        }
        guard end > start else {
            log.error(to.location, Message("file.window-reversed", ["start": "\(start)", "end": "\(end)"]))
            return []
        }
        // Without the meeting's days (a missing or broken first_day/last_day, reported there), a
        // window without its own day has no day to fall on.
        var days = frame.daysKnown ? Array(frame.firstDay.dayNumber...frame.lastDay.dayNumber) : []
        if let dayText = f.string("day") {
            guard let day = MeetingFrameReader.day(dayText, log: log) else { return [] }
            if frame.daysKnown, !(frame.firstDay...frame.lastDay).contains(day) {
                log.error(
                    dayText.location,
                    Message(
                        "file.window-day-outside",
                        values: ["day": "\(day)", "what": .message(owner), "days": .message(frame.daysText)]))
                return []
            }
            days = [day.dayNumber]
        }
        var result: [Located<InstantRange>] = []
        for n in days {
            let day = CalendarDay(dayNumber: n)
            func resolve(_ time: ClockTime, _ at: Located<String>) -> Instant? {
                let local = LocalDateTime(day: day, time: time)
                guard let t = clock.resolve(local).instant(.reject) else {
                    log.error(
                        at.location,
                        Message(
                            "file.window-dst",
                            ["day": "\(local.day)", "time": local.timeText, "zone": clock.identifier]))
                    return nil
                }
                return t
            }
            if let a = resolve(start, from), let b = resolve(end, to) {
                result.append(Located(value: InstantRange(start: a, end: b), location: f.location))
            }
        }
        return result
    }
}

/// Why a reading is not an instant, in words; nil for an instant.
public func instantProblem(_ reading: InstantText.Reading) -> Message? {
    switch reading {
    case .instant: return nil
    case .malformed(let text, let zone): return Message("file.instant.malformed", ["text": text, "zone": zone])
    case .skipped(let local, let zone, let from, let to, let at):
        return Message(
            "file.instant.skipped",
            [
                "day": "\(local.day)", "time": local.timeText, "zone": zone,
                "from": "UTC" + offsetText(seconds: from), "to": "UTC" + offsetText(seconds: to), "at": "\(at)",
            ])
    case .repeated(let local, let zone, let earlier, let later):
        return Message(
            "file.instant.repeated",
            ["day": "\(local.day)", "time": local.timeText, "zone": zone, "earlier": "\(earlier)", "later": "\(later)"])
    }
}
