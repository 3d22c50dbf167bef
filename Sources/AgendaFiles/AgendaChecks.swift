import Localization
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
        uniqueIDs(
            delegations.map { Located(value: $0.delegation.code, location: $0.codeAt) },
            kind: Message("file.kind.delegation-code"))
        uniqueIDs(bodies.map(\.id), kind: Message("file.kind.body-id"))
        uniqueIDs(sessions.map(\.id), kind: Message("file.kind.session-id"))
        bodyReferences()
        sessionReferences()
        orderCycles()
        sessionTimes()
        sessionLanguages()
        kindCounts()
    }

    func uniqueIDs(_ ids: [Located<String>], kind: Message) {
        var first: [String: SourceLocation] = [:]
        for id in ids {
            if let earlier = first[id.value] {
                log.error(
                    id.location,
                    Message(
                        "file.duplicate-id",
                        values: ["kind": .message(kind), "id": "\(id.value)", "earlier": "\(earlier)"]))
            } else {
                first[id.value] = id.location
            }
        }
    }

    private var delegationCodes: [String] { delegations.map(\.delegation.code) }

    func unknownDelegation(_ code: Located<String>, in what: Message) {
        let hint =
            closest(to: code.value, among: delegationCodes).map { Message("file.hint.mean", ["near": $0]) }
            ?? Message("file.hint.add-delegation")
        log.error(
            code.location,
            Message(
                "file.unknown-delegation",
                values: ["code": "\(code.value)", "what": .message(what), "hint": .message(hint)]))
    }

    func bodyReferences() {
        let known = Set(delegationCodes)
        for body in bodies {
            if let chair = body.chair, !known.contains(chair.value) {
                unknownDelegation(chair, in: Message("file.what.chair-of", ["body": body.id.value]))
            }
            for code in body.memberCodes where !known.contains(code.value) {
                unknownDelegation(code, in: Message("file.what.members-of", ["body": body.id.value]))
            }
        }
    }

    func sessionReferences() {
        let bodyIDs = bodies.map(\.id.value)
        for s in sessions {
            for b in s.bodies where !bodyIDs.contains(b.value) {
                let hint =
                    closest(to: b.value, among: bodyIDs).map { Message("file.hint.mean", ["near": $0]) }
                    ?? Message("file.hint.define-body")
                log.error(
                    b.location,
                    Message(
                        "file.unknown-body",
                        values: ["body": "\(b.value)", "session": "\(s.id.value)", "hint": .message(hint)]))
            }
            switch s.kind {
            case .body where s.bodies.count != 1:
                log.error(s.location, Message("file.body-kind-one", ["session": s.id.value]))
            case .joint where s.bodies.count < 2:
                log.error(s.location, Message("file.joint-kind-two", ["session": s.id.value]))
            default:
                break
            }
            let sessionIDs = sessions.map(\.id.value)
            for a in s.after where !sessionIDs.contains(a.value) {
                let hint =
                    closest(to: a.value, among: sessionIDs).map { Message("file.hint.mean", ["near": $0]) }
                    ?? Message(verbatim: "")
                log.error(
                    a.location,
                    Message(
                        "file.unknown-after",
                        values: ["session": "\(s.id.value)", "after": "\(a.value)", "hint": .message(hint)]))
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
                    log.error(at, Message("file.cycle", ["cycle": cycle.reversed().joined(separator: " → ")]))
                } else if state[j] == 0 {
                    visit(j)
                }
            }
            path.removeLast()
            state[i] = 2
        }
        for i in sessions.indices where state[i] == 0 { visit(i) }
        for (series, last) in lastOfSeries where sessions.filter({ $0.series?.value == series }).count == 1 {
            log.warning(
                sessions[last].series!.location,
                Message("file.series-one", ["series": series, "session": sessions[last].id.value]))
        }
    }

    func sessionTimes() {
        let window = frame.dailyWindow
        for s in sessions {
            let minutes = s.minutes.value
            if minutes > window.minutes {
                log.error(
                    s.minutes.location,
                    Message(
                        "file.too-long",
                        [
                            "session": s.id.value, "minutes": "\(minutes)", "window": "\(window)",
                            "length": "\(window.minutes)",
                        ]))
            }
            for w in s.windows where w.value.minutes < minutes {
                log.error(
                    w.location,
                    Message(
                        "file.window-short",
                        ["session": s.id.value, "length": "\(w.value.minutes)", "minutes": "\(minutes)"]))
            }
            guard let fixed = s.fixedStart, let host = frame.hostClock, frame.daysKnown else { continue }
            let start = fixed.value, end = start.adding(minutes: minutes)
            if start.minutes % frame.gridMinutes != 0 {
                log.error(
                    fixed.location,
                    Message(
                        "file.fixed-off-grid",
                        ["session": s.id.value, "start": "\(start)", "grid": "\(frame.gridMinutes)"]))
            }
            let startDay = host.local(at: start).day, lastDay = host.local(at: end.adding(minutes: -1)).day
            if startDay < frame.firstDay || lastDay > frame.lastDay {
                log.error(
                    fixed.location,
                    Message(
                        "file.fixed-outside",
                        values: [
                            "session": "\(s.id.value)", "start": "\(start)", "day": "\(startDay)",
                            "zone": "\(frame.hostZone)", "days": .message(frame.daysText),
                        ]))
                continue
            }
            let inWindow = frame.firstDay.adding(days: -1).dayNumber...frame.lastDay.adding(days: 1).dayNumber
            let fits = inWindow.contains { n in
                let open = CalendarDay(dayNumber: n).startInUTC.adding(minutes: window.start.minutes)
                return InstantRange(start: open, end: open.adding(minutes: window.minutes)).contains(
                    InstantRange(start: start, end: end))
            }
            if !fits {
                log.warning(
                    fixed.location,
                    Message("file.fixed-outside-window", ["session": s.id.value, "window": "\(window)"]))
            }
            if !s.windows.isEmpty,
                !s.windows.contains(where: { $0.value.contains(InstantRange(start: start, end: end)) })
            {
                log.error(fixed.location, Message("file.fixed-outside-windows", ["session": s.id.value]))
            }
        }
    }

    func sessionLanguages() {
        let official = frame.languages
        for s in sessions {
            for l in (s.floor.map { [$0] } ?? []) + s.interpretation where !official.contains(l.value) {
                log.error(
                    l.location,
                    Message(
                        "file.session-language",
                        ["language": l.value, "session": s.id.value, "list": official.joined(separator: ", ")]))
            }
        }
    }

    func kindCounts() {
        for kind in [SessionKind.opening, .closing] {
            let found = sessions.filter { $0.kind == kind }
            for extra in found.dropFirst() {
                log.warning(
                    extra.location,
                    Message(
                        "file.second-kind",
                        ["kind": kind.rawValue, "session": extra.id.value, "first": found[0].id.value]))
            }
        }
    }
}
