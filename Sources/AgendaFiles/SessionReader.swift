import MeetingModel
import MeetingTime
import Yams

/// Reads one item of `sessions:`; times are read in the host's zone unless they carry an offset.
enum SessionReader {
    static let keys = ["id", "title", "kind", "body", "bodies", "minutes", "fixed_start", "windows", "after",
                       "pinned", "floor", "interpretation", "series", "preferred", "note"]
    static let windowKeys = ["day", "from", "to", "zone"]

    static func read(_ node: Node, index: Int, in source: YAMLSource, log: DiagnosticLog, frame: MeetingFrame, host: ZoneClock?) -> SessionEntry? {
        let label = scalarText(node, "id").map { "session '\($0)'" } ?? "session #\(index + 1)"
        guard let f = Fields(node, in: source, log: log, what: label, allowed: keys) else { return nil }
        let id = f.string("id", required: "a short id, e.g. 'S03'")
        let title = f.string("title", required: "its title as printed")
        let minutes = f.int("minutes", required: "its length in minutes")
        var kind: SessionKind?
        if let k = f.string("kind", required: "one of: " + SessionKind.allCases.map(\.rawValue).joined(separator: ", ")) {
            kind = SessionKind(rawValue: k.value)
            if kind == nil {
                log.error(k.location, "kind '\(k.value)' of \(label) is not one of: " + SessionKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        if f.value("body") != nil, f.value("bodies") != nil {
            log.error(f.location, "\(label) gives both 'body' and 'bodies'; keep one")
        }
        let bodies = f.strings("bodies") ?? f.strings("body") ?? []
        if let minutes, minutes.value <= 0 { log.error(minutes.location, "\(label) must last at least one minute") }

        var fixed: Located<Instant>?
        if let text = f.string("fixed_start"), let host {
            fixed = instant(text, host: host, log: log, what: "fixed_start of \(label)")
        }
        var windows: [Located<InstantRange>] = []
        if let items = f.list("windows"), let host {
            for item in items {
                windows += window(item, in: source, log: log, frame: frame, host: host, owner: label)
            }
        }
        var preferred: [InstantRange] = []
        if let items = f.list("preferred"), let host {
            preferred = items.flatMap { window($0, in: source, log: log, frame: frame, host: host, owner: label).map(\.value) }
        }
        guard let id, let title, let minutes, let kind else { return nil }
        return SessionEntry(
            id: id, title: title.value, kind: kind, bodies: bodies, minutes: minutes, fixedStart: fixed,
            windows: windows, after: f.strings("after") ?? [], series: f.string("series"), preferred: preferred, pinned: f.bool("pinned")?.value ?? false,
            floor: f.string("floor"), interpretation: f.strings("interpretation") ?? [], location: f.location
        )
    }

    /// An instant written absolutely or as a wall-clock reading in `host`'s zone.
    static func instant(_ text: Located<String>, host: ZoneClock, log: DiagnosticLog, what: String) -> Located<Instant>? {
        switch InstantText.read(text.value, wallClockIn: host) {
        case .instant(let t): return Located(value: t, location: text.location)
        case .malformed(let why), .ambiguous(let why):
            log.error(text.location, "\(what): \(why)")
            return nil
        }
    }

    /// One allowed window: `{day, from, to, zone}`; without `day`, one window on every meeting day.
    static func window(_ node: Node, in source: YAMLSource, log: DiagnosticLog, frame: MeetingFrame, host: ZoneClock, owner: String) -> [Located<InstantRange>] {
        guard let f = Fields(node, in: source, log: log, what: "a window of \(owner)", allowed: windowKeys),
              let from = f.string("from", required: "its start, HH:MM"), let to = f.string("to", required: "its end, HH:MM")
        else { return [] }
        var clock = host
        if let zone = f.string("zone"), zone.value != host.identifier {
            guard checkZone(zone, role: "a window of \(owner)", log: log, allowUTC: true),
                  let c = ZoneClock(identifier: zone.value, horizon: host.horizon) else { return [] }
            clock = c
        }
        guard let start = ClockTime(parsing: from.value), start.minutes < 1440 else {
            log.error(from.location, "'\(from.value)' is not a time of day; write HH:MM, e.g. 13:00")
            return []
        }
        guard let end = ClockTime(parsing: to.value) else {
            log.error(to.location, "'\(to.value)' is not a time of day; write HH:MM, e.g. 18:00 (24:00 for midnight)")
            return []
        }
        guard end > start else {
            log.error(to.location, "a window must end after it starts (\(start) to \(end)); split a window that runs past midnight in two")
            return []
        }
        var days = frame.daysKnown ? frame.firstDay.dayNumber...frame.lastDay.dayNumber : 0...(-1)
        if let dayText = f.string("day") {
            guard let day = MeetingFrameReader.day(dayText, log: log) else { return [] }
            if frame.daysKnown, !(frame.firstDay...frame.lastDay).contains(day) {
                log.error(dayText.location, "window day \(day) of \(owner) is outside the meeting (\(frame.daysText))")
                return []
            }
            days = day.dayNumber...day.dayNumber
        }
        var result: [Located<InstantRange>] = []
        for n in days {
            let day = CalendarDay(dayNumber: n)
            func resolve(_ time: ClockTime, _ at: Located<String>) -> Instant? {
                let local = LocalDateTime(day: day, time: time)
                guard let t = clock.resolve(local).instant(.reject) else {
                    log.error(at.location, "window time \(local.day) \(local.timeText) does not exist or happens twice in \(clock.identifier) (a DST change); move the window or give it in UTC")
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
