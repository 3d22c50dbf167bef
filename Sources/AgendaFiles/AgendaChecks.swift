import MeetingModel
import MeetingTime

/// The checks that need the whole agenda: ids, references, order, lengths, languages, times.
struct AgendaChecks {
    let frame: MeetingFrame
    let delegations: [DelegationEntry]
    let bodies: [BodyEntry]
    let sessions: [SessionEntry]
    let log: DiagnosticLog

    func run() {
        uniqueIDs(delegations.map { Located(value: $0.delegation.code, location: $0.codeAt) }, kind: "delegation code")
        uniqueIDs(bodies.map(\.id), kind: "body id")
        uniqueIDs(sessions.map(\.id), kind: "session id")
        bodyReferences()
        sessionReferences()
        orderCycles()
        sessionTimes()
        sessionLanguages()
        kindCounts()
    }

    func uniqueIDs(_ ids: [Located<String>], kind: String) {
        var first: [String: SourceLocation] = [:]
        for id in ids {
            if let earlier = first[id.value] {
                log.error(id.location, "duplicate \(kind) '\(id.value)' (first defined at \(earlier)); ids must be unique")
            } else {
                first[id.value] = id.location
            }
        }
    }

    private var delegationCodes: [String] { delegations.map(\.delegation.code) }

    func unknownDelegation(_ code: Located<String>, in what: String) {
        let hint = closest(to: code.value, among: delegationCodes).map { "; did you mean '\($0)'?" } ?? "; add it to 'delegations' or correct the code"
        log.error(code.location, "unknown delegation code '\(code.value)' in \(what)\(hint)")
    }

    func bodyReferences() {
        let known = Set(delegationCodes)
        for body in bodies {
            if let chair = body.chair, !known.contains(chair.value) { unknownDelegation(chair, in: "the chair of body '\(body.id.value)'") }
            for code in body.memberCodes where !known.contains(code.value) {
                unknownDelegation(code, in: "the members of body '\(body.id.value)'")
            }
        }
    }

    func sessionReferences() {
        let bodyIDs = bodies.map(\.id.value)
        for s in sessions {
            for b in s.bodies where !bodyIDs.contains(b.value) {
                let hint = closest(to: b.value, among: bodyIDs).map { "; did you mean '\($0)'?" } ?? "; define it under 'bodies'"
                log.error(b.location, "unknown body '\(b.value)' in session '\(s.id.value)'\(hint)")
            }
            switch s.kind {
            case .body where s.bodies.count != 1:
                log.error(s.location, "session '\(s.id.value)' of kind 'body' must name exactly one body (use kind 'joint' for several)")
            case .joint where s.bodies.count < 2:
                log.error(s.location, "session '\(s.id.value)' of kind 'joint' must name at least two bodies under 'bodies'")
            default:
                break
            }
            let sessionIDs = sessions.map(\.id.value)
            for a in s.after where !sessionIDs.contains(a.value) {
                let hint = closest(to: a.value, among: sessionIDs).map { "; did you mean '\($0)'?" } ?? ""
                log.error(a.location, "session '\(s.id.value)' is to follow unknown session '\(a.value)'\(hint)")
            }
        }
    }

    /// Every cycle in the order constraints (`after:`, and the parts of a `series` in agenda order)
    /// is reported once, at the constraint that closes it.
    func orderCycles() {
        let index = Dictionary(sessions.enumerated().map { ($1.id.value, $0) }, uniquingKeysWith: { a, _ in a })
        var predecessors: [[(session: Int, at: SourceLocation)]] = sessions.map { s in
            s.after.compactMap { a in index[a.value].map { ($0, a.location) } }
        }
        var lastOfSeries: [String: Int] = [:]
        for (i, s) in sessions.enumerated() {
            guard let series = s.series else { continue }
            if let previous = lastOfSeries[series.value] { predecessors[i].append((previous, series.location)) }
            lastOfSeries[series.value] = i
        }
        var state = [Int](repeating: 0, count: sessions.count)  // 0 new, 1 on the path, 2 done
        var path: [Int] = []
        func visit(_ i: Int) {
            state[i] = 1
            path.append(i)
            for (j, at) in predecessors[i] {
                if state[j] == 1 {
                    let cycle = path[path.firstIndex(of: j)!...].map { sessions[$0].id.value } + [sessions[j].id.value]
                    log.error(at, "order constraints form a cycle: \(cycle.reversed().joined(separator: " → ")) (each must end before the next starts); remove one 'after'")
                } else if state[j] == 0 {
                    visit(j)
                }
            }
            path.removeLast()
            state[i] = 2
        }
        for i in sessions.indices where state[i] == 0 { visit(i) }
        for (series, last) in lastOfSeries where sessions.filter({ $0.series?.value == series }).count == 1 {
            log.warning(sessions[last].series!.location, "series '\(series)' has only one part ('\(sessions[last].id.value)'); parts of a split session share a series name")
        }
    }

    func sessionTimes() {
        let window = frame.dailyWindow
        for s in sessions {
            let minutes = s.minutes.value
            if minutes > window.minutes {
                log.error(s.minutes.location, "session '\(s.id.value)' lasts \(minutes) minutes, longer than the daily window \(window) UTC (\(window.minutes) minutes); split it into parts or widen daily_window_utc")
            }
            for w in s.windows where w.value.minutes < minutes {
                log.error(w.location, "a window of session '\(s.id.value)' is \(w.value.minutes) minutes long, shorter than the session (\(minutes) minutes)")
            }
            guard let fixed = s.fixedStart, let host = frame.hostClock, frame.daysKnown else { continue }
            let start = fixed.value, end = start.adding(minutes: minutes)
            if start.minutes % frame.gridMinutes != 0 {
                log.error(fixed.location, "fixed start of session '\(s.id.value)' (\(start)) is not on the meeting's \(frame.gridMinutes)-minute grid")
            }
            let startDay = host.local(at: start).day, lastDay = host.local(at: end.adding(minutes: -1)).day
            if startDay < frame.firstDay || lastDay > frame.lastDay {
                log.error(fixed.location, "fixed start of session '\(s.id.value)' (\(start), \(startDay) in \(frame.hostZone)) is outside the meeting (\(frame.daysText))")
                continue
            }
            let inWindow = frame.firstDay.adding(days: -1).dayNumber...frame.lastDay.adding(days: 1).dayNumber
            let fits = inWindow.contains { n in
                let open = CalendarDay(dayNumber: n).startInUTC.adding(minutes: window.start.minutes)
                return InstantRange(start: open, end: open.adding(minutes: window.minutes)).contains(InstantRange(start: start, end: end))
            }
            if !fits {
                log.warning(fixed.location, "fixed start of session '\(s.id.value)' puts it outside the daily window \(window) UTC; it stays there, but check the time")
            }
            if !s.windows.isEmpty, !s.windows.contains(where: { $0.value.contains(InstantRange(start: start, end: end)) }) {
                log.error(fixed.location, "fixed start of session '\(s.id.value)' is outside all of its allowed windows")
            }
        }
    }

    func sessionLanguages() {
        let official = frame.languages
        for s in sessions {
            for l in (s.floor.map { [$0] } ?? []) + s.interpretation where !official.contains(l.value) {
                log.error(l.location, "language '\(l.value)' of session '\(s.id.value)' is not among the meeting's languages (\(official.joined(separator: ", "))); add it to meeting.languages or remove it")
            }
        }
    }

    func kindCounts() {
        for kind in [SessionKind.opening, .closing] {
            let found = sessions.filter { $0.kind == kind }
            for extra in found.dropFirst() {
                log.warning(extra.location, "a second '\(kind.rawValue)' session ('\(extra.id.value)'); the first is '\(found[0].id.value)'")
            }
        }
    }
}
