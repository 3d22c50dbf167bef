import Localization
import MeetingModel
import MeetingTime
import Yams

/// The meeting's frame as read: what every other part of the agenda is checked against.
struct MeetingFrame {
    var id = ""
    var title = ""
    var hostZone = ""
    /// The host's clock, when the host zone is usable.
    var hostClock: ZoneClock?
    var firstDay = CalendarDay(dayNumber: 0)
    var lastDay = CalendarDay(dayNumber: 0)
    /// Whether the days were read correctly (time checks are skipped otherwise).
    var daysKnown = false
    var languages = ["en"]
    var languagesAt: SourceLocation
    var gridMinutes = 15
    var dailyWindow = ClockRange(start: ClockTime(minutes: 0), end: ClockTime(minutes: 1440))
    var dailyWindowAt: SourceLocation
    var maxParallel = 1
    /// Whether max_parallel was written (else the scheduling section's rooms decide).
    var maxParallelGiven = false
    var comfort = ComfortBands.standard
    /// Minutes before a session that its join details are shown (`join_release`).
    var joinReleaseMinutes = Meeting.defaultJoinReleaseMinutes
    /// The share of expected Participants that makes a quorum (`quorum`), if set.
    var quorum: Quorum?

    /// The meeting's day range as `first to last, zone`.
    var daysText: Message { Message("file.days", ["first": "\(firstDay)", "last": "\(lastDay)", "zone": hostZone]) }
}

/// Reads the `meeting:` mapping.
enum MeetingFrameReader {
    static let keys = [
        "id", "title", "host_zone", "first_day", "last_day", "languages", "grid_minutes",
        "daily_window_utc", "max_parallel", "comfort", "join_release", "quorum", "note",
    ]

    static func read(_ node: Node, in source: YAMLSource, log: DiagnosticLog) -> MeetingFrame? {
        guard let f = Fields(node, in: source, log: log, what: quoted("meeting"), allowed: keys) else { return nil }
        var frame = MeetingFrame(languagesAt: f.location, dailyWindowAt: f.location)
        if let id = f.string("id", required: Message("file.need.meeting-id")) {
            frame.id = id.value
            if id.value.isEmpty || !id.value.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            {
                log.error(id.location, Message("file.meeting-id", ["id": id.value]))
            }
        }
        frame.title = f.string("title", required: Message("file.need.meeting-title"))?.value ?? ""

        let first = f.string("first_day", required: Message("file.need.first-day"))
        let last = f.string("last_day", required: Message("file.need.last-day"))
        let firstDay = first.flatMap { day($0, log: log) }, lastDay = last.flatMap { day($0, log: log) }
        if let firstDay, let lastDay {
            if lastDay < firstDay {
                log.error(
                    last!.location, Message("file.days-reversed", ["last": "\(lastDay)", "first": "\(firstDay)"]))
            } else if !MeetingLimits.days.contains(lastDay.dayNumber - firstDay.dayNumber + 1) {
                log.error(
                    last!.location,
                    Message(
                        "file.too-many-days",
                        [
                            "days": "\(lastDay.dayNumber - firstDay.dayNumber + 1)",
                            "max": "\(MeetingLimits.days.upperBound)",
                        ]))
            } else {
                frame.firstDay = firstDay
                frame.lastDay = lastDay
                frame.daysKnown = true
            }
        }

        if let zone = f.string("host_zone", required: Message("file.need.host-zone")) {
            frame.hostZone = zone.value
            if checkZone(zone, role: Message("file.role.host"), log: log, allowUTC: true) {
                let anchor = frame.daysKnown ? frame.firstDay : CalendarDay(dayNumber: 0)
                let end = frame.daysKnown ? frame.lastDay : anchor
                frame.hostClock = ZoneClock(
                    identifier: zone.value,
                    horizon: InstantRange(
                        start: anchor.adding(days: -2).startInUTC, end: end.adding(days: 3).startInUTC)
                )
            }
        }

        if let languages = f.strings("languages") {
            frame.languagesAt = f.value("languages").map(source.location) ?? f.location
            let valid = languages.filter {
                checkLanguageCode($0, what: Message("file.what.meeting-languages"), log: log)
            }
            var seen = Set<String>()
            for l in valid where !seen.insert(l.value).inserted {
                log.error(l.location, Message("file.language-twice", ["language": l.value]))
            }
            if languages.isEmpty { log.error(frame.languagesAt, Message("file.no-language")) }
            if !valid.isEmpty { frame.languages = valid.map(\.value) }
        } else {
            _ = f.missing("languages", Message("file.need.languages")) as Int?
        }

        if let grid = f.int("grid_minutes", in: 1...240) {
            if 1440 % grid.value != 0 {
                log.error(grid.location, Message("file.bad-grid", ["value": "\(grid.value)"]))
            } else {
                frame.gridMinutes = grid.value
            }
        }
        if let window = f.string("daily_window_utc") {
            frame.dailyWindowAt = window.location
            if let range = clockRange(window, log: log, what: Message(verbatim: "daily_window_utc")) {
                frame.dailyWindow = range
                if range.minutes % frame.gridMinutes != 0 || range.start.minutes % frame.gridMinutes != 0 {
                    log.error(
                        window.location,
                        Message("file.window-off-grid", ["range": "\(range)", "grid": "\(frame.gridMinutes)"]))
                }
            }
        }
        if let parallel = f.int("max_parallel", in: MeetingLimits.rooms) {
            frame.maxParallel = parallel.value
            frame.maxParallelGiven = true
        }
        if let comfort = f.value("comfort") { frame.comfort = readComfort(comfort, in: source, log: log) }
        if let text = f.string("join_release"), let minutes = JoinDetailsReader.release(text, log: log) {
            frame.joinReleaseMinutes = minutes
        }
        if let text = f.string("quorum") { frame.quorum = quorum(text, log: log) }
        return frame
    }

    /// `quorum`: "2/3", "50%" or "0.5": a share of Participants above 0, at most all.
    static func quorum(_ text: Located<String>, log: DiagnosticLog) -> Quorum? {
        let value = text.value.trimmingCharacters(in: .whitespaces)
        var q: Quorum?
        if value.hasSuffix("%"), let n = Int(value.dropLast().trimmingCharacters(in: .whitespaces)) {
            q = Quorum(numerator: n, denominator: 100)
        } else if let slash = value.firstIndex(of: "/"),
            let n = Int(value[..<slash].trimmingCharacters(in: .whitespaces)),
            let d = Int(value[value.index(after: slash)...].trimmingCharacters(in: .whitespaces))
        {
            q = Quorum(numerator: n, denominator: d)
        } else if value.hasPrefix("0.") || value == "1", value.count <= 5, let x = Double(value) {
            q = Quorum(numerator: Int((x * 1000).rounded()), denominator: 1000)
        }
        if q == nil { log.error(text.location, Message("file.bad-quorum", ["value": quotedValue(text.value)])) }
        return q
    }

    static func day(_ text: Located<String>, log: DiagnosticLog) -> CalendarDay? {
        if let d = CalendarDay(iso: text.value) { return d }
        log.error(text.location, Message("file.not-date", ["value": text.value]))
        return nil
    }

    /// `HH:MM-HH:MM`; the end may be 24:00 and, for a wrapping span, earlier than the start.
    static func clockRange(_ text: Located<String>, log: DiagnosticLog, what: Message) -> ClockRange? {
        let parts = text.value.split(separator: "-", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2, let start = ClockTime(parsing: parts[0]), let end = ClockTime(parsing: parts[1]),
            start.minutes < 1440
        else {
            log.error(
                text.location, Message("file.not-span", values: ["what": .message(what), "value": "\(text.value)"]))
            return nil
        }
        return ClockRange(start: start, end: end)
    }

    static func readComfort(_ node: Node, in source: YAMLSource, log: DiagnosticLog) -> ComfortBands {
        guard
            let f = Fields(
                node, in: source, log: log, what: quoted("comfort"), allowed: ["core", "shoulder", "weights"])
        else { return .standard }
        func ranges(_ key: String, _ fallback: [ClockRange]) -> [ClockRange] {
            guard let items = f.strings(key) else { return fallback }
            return items.compactMap { clockRange($0, log: log, what: Message(verbatim: "comfort '\(key)'")) }
        }
        let core = ranges("core", ComfortBands.standard.core)
        let shoulder = ranges("shoulder", ComfortBands.standard.shoulder)
        var weights = BandWeights.standard
        if let w = f.value("weights"),
            let wf = Fields(
                w, in: source, log: log, what: quoted("comfort.weights"), allowed: ["core", "shoulder", "night"])
        {
            func weight(_ key: String, _ fallback: Int) -> Int {
                wf.int(key, in: MeetingLimits.bandWeight)?.value ?? fallback
            }
            weights = BandWeights(core: weight("core", 0), shoulder: weight("shoulder", 1), night: weight("night", 5))
            if weights.night < weights.shoulder {
                log.warning(
                    wf.location,
                    Message(
                        "file.night-below-shoulder", ["night": "\(weights.night)", "shoulder": "\(weights.shoulder)"]))
            }
        }
        return ComfortBands(core: core, shoulder: shoulder, weights: weights)
    }
}
