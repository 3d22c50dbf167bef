import Localization
import MeetingModel
import MeetingTime

/// One broken hard constraint, said in words.
public struct Violation: Sendable, Hashable {
    /// Which constraint.
    public let constraint: ConstraintID
    /// The sessions involved (ids).
    public let sessions: [String]
    /// Minutes of violation it accounts for.
    public let minutes: Int
    /// What is wrong, for a person: worded where it is read, in the reader's language.
    public let message: Message

    /// The sentence in the language of `l`.
    public func text(_ l: Localizer) -> String { message.text(l) }
}

/// Finds and words every hard violation of a plan (for `evaluate`, `explain` and the UI).
public struct ViolationFinder {
    let p: SchedulingProblem
    let clock: MeetingClock
    /// Sentences are made as messages, worded by whoever reads them (`Violation.text`).
    let l10n = Wording()
    /// `member[s * delegations + d]`: whether delegation d attends session s.
    let member: [Bool]

    /// A finder for `problem`.
    public init(problem: SchedulingProblem) throws {
        p = problem
        clock = try MeetingClock(meeting: problem.meeting)
        let width = problem.meeting.delegations.count
        var member = [Bool](repeating: false, count: problem.items.count * width)
        for (s, item) in problem.items.enumerated() { for d in item.attendees { member[s * width + d] = true } }
        self.member = member
    }

    /// "Tue 22 Jun 10:00" (UTC).
    func when(_ t: Instant) -> Message.Value {
        let l = LocalDateTime(localSeconds: t.seconds)
        return .message(Message("v.when", values: ["day": .day(l.day), "time": .text(l.timeText)]))
    }

    /// "A and B", "A, B and C".
    func list(_ names: [String]) -> Message.Value {
        names.count < 2
            ? .text(names.joined())
            : .message(Message("list.and", ["head": names.dropLast().joined(separator: ", "), "last": names.last!]))
    }

    /// "Tue 22 Jun 10:00-11:30 UTC".
    func span(_ a: Instant, _ b: Instant) -> Message.Value {
        .message(
            Message("v.span", values: ["from": when(a), "to": .text(LocalDateTime(localSeconds: b.seconds).timeText)]))
    }

    /// "WGM (S03)" for a body's session, "S01 "Opening Session"" otherwise.
    public func label(_ s: Int) -> String {
        let session = p.items[s].session
        if session.kind == .body, let body = session.bodies.first { return "\(body) (\(session.id))" }
        return "\(session.id) \"\(session.title)\""
    }

    func name(_ d: Int) -> String { p.meeting.delegations[d].name }

    /// Every hard violation of `plan`, in catalogue order; with `focus`, only those involving one
    /// of those sessions (the same sentences, found without looking at the rest: an editor's
    /// view of one session in a large programme).
    public func violations(of plan: Plan, involving focus: Set<Int>? = nil) -> [Violation] {
        let n = p.items.count
        let starts = plan.starts, rooms = plan.rooms
        func wanted(_ s: Int) -> Bool { focus?.contains(s) ?? true }
        /// Sessions to pair with `s` so that each pair is seen once: those after it, or, when
        /// focused, every other session for a focus session and none for the rest.
        func partners(_ s: Int) -> [Int] {
            guard let focus else { return Array((s + 1)..<max(n, s + 1)) }
            guard focus.contains(s) else { return [] }
            return (0..<n).filter { $0 != s && !(focus.contains($0) && $0 < s) }
        }
        let sessions: [Int] = focus.map { $0.sorted() } ?? Array(0..<n)
        func placed(_ s: Int) -> Bool { starts[s] >= 0 }
        func begin(_ s: Int) -> Instant { p.instant(ofCell: starts[s]) }
        func end(_ s: Int) -> Instant { begin(s).adding(minutes: p.items[s].session.durationMinutes) }
        var out: [Violation] = []
        let window = p.meeting.dailyWindow

        for s in sessions {
            let item = p.items[s], id = item.session.id, dur = item.session.durationMinutes
            guard placed(s) else {
                out.append(
                    Violation(
                        constraint: .unplaced, sessions: [id], minutes: dur,
                        message: l10n("v.unplaced", ["session": "\(label(s))"])))
                continue
            }
            guard !item.domain.contains(starts[s]) else { continue }
            if item.isFixed, let fixed = item.domain.first {
                out.append(
                    Violation(
                        constraint: .fixed, sessions: [id], minutes: dur,
                        message: l10n(
                            "v.fixed",
                            ["session": "\(label(s))", "at": when(p.instant(ofCell: fixed)), "placed": when(begin(s))]))
                )
            } else if item.domain.isEmpty {
                out.append(
                    Violation(
                        constraint: .window, sessions: [id], minutes: dur,
                        message: l10n("v.no-start", ["session": "\(label(s))"])))
            } else {
                let whereAllowed: Message.Value = .message(
                    item.session.allowedWindows.isEmpty
                        ? l10n("v.daily-window", ["window": "\(window)"]) : l10n("v.allowed-windows"))
                out.append(
                    Violation(
                        constraint: .window, sessions: [id], minutes: dur,
                        message: l10n(
                            "v.outside",
                            ["session": "\(label(s))", "span": span(begin(s), end(s)), "where": whereAllowed])))
            }
        }

        for s in 0..<n where placed(s) {
            for q in p.items[s].successors where placed(q) && end(s) > begin(q) && (wanted(s) || wanted(q)) {
                let minutes = begin(q).minutes(to: end(s))
                let rule: Message
                let pair: [String: Message.Value] = ["first": "\(label(s))", "second": "\(label(q))"]
                switch (p.items[s].session.kind, p.items[q].session.kind) {
                case (.opening, _): rule = l10n("v.opening", pair)
                case (_, .closing): rule = l10n("v.closing", pair)
                default: rule = l10n(p.items[q].seriesPrevious == s ? "v.series" : "v.after", pair)
                }
                out.append(
                    Violation(
                        constraint: .order, sessions: [p.items[s].session.id, p.items[q].session.id], minutes: minutes,
                        message: l10n("v.order", ["rule": .message(rule), "at": when(end(s)), "minutes": "\(minutes)"]))
                )
            }
        }

        for s in sessions where placed(s) && rooms[s] >= p.rooms.count {
            out.append(
                Violation(
                    constraint: .rooms, sessions: [p.items[s].session.id], minutes: p.items[s].session.durationMinutes,
                    message: l10n(
                        "v.unknown-room", ["session": "\(label(s))", "rooms": "\(p.rooms.joined(separator: ", "))"])))
        }
        for s in sessions where placed(s) {
            for t in partners(s) where placed(t) && rooms[t] == rooms[s] && rooms[s] < p.rooms.count {
                let a = max(begin(s), begin(t)), b = min(end(s), end(t))
                guard a < b else { continue }
                let (s, t) = (min(s, t), max(s, t))
                out.append(
                    Violation(
                        constraint: .rooms, sessions: [p.items[s].session.id, p.items[t].session.id],
                        minutes: a.minutes(to: b),
                        message: l10n(
                            "v.same-room",
                            [
                                "first": "\(label(s))", "second": "\(label(t))", "room": "\(p.rooms[rooms[s]])",
                                "span": span(a, b),
                            ])))
            }
        }

        out += capacityViolations(plan, focus: focus)

        for (ch, sessions) in p.chairedSessions.sorted(by: { $0.key < $1.key }) {
            let list = sessions.filter(placed)
            for (i, s) in list.enumerated() {
                for t in list[(i + 1)...] where wanted(s) || wanted(t) {
                    let a = max(begin(s), begin(t)), b = min(end(s), end(t))
                    guard a < b else { continue }
                    out.append(
                        Violation(
                            constraint: .chair, sessions: [p.items[s].session.id, p.items[t].session.id],
                            minutes: a.minutes(to: b),
                            message: l10n(
                                "v.chair",
                                [
                                    "chair": "\(name(ch))", "first": "\(label(s))", "second": "\(label(t))",
                                    "span": span(a, b),
                                ])))
                }
            }
        }

        let minBreak = p.meeting.rules.minBreakMinutes
        if minBreak > 0 {
            let width = p.meeting.delegations.count
            for s in sessions where placed(s) {
                for t in partners(s) where placed(t) {
                    let shared = p.items[s].attendees.filter { member[t * width + $0] }
                    guard !shared.isEmpty, !(begin(s) < end(t) && begin(t) < end(s)) else { continue }
                    let (first, second) = begin(s) < begin(t) ? (s, t) : (t, s)
                    let gap = end(first).minutes(to: begin(second))
                    guard gap < minBreak else { continue }
                    let who: Message.Value =
                        shared.count == 1
                        ? .text(name(shared[0])) : .message(l10n.plural("v.delegations", shared.count))
                    out.append(
                        Violation(
                            constraint: .breaks, sessions: [p.items[first].session.id, p.items[second].session.id],
                            minutes: minBreak - gap,
                            message: l10n(
                                "v.break",
                                [
                                    "first": "\(label(first))", "second": "\(label(second))", "who": who,
                                    "gap": "\(gap)", "at": when(end(first)),
                                    "min": "\(minBreak)",
                                ])))
                }
            }
        }
        out += interpretationViolations(plan, focus: focus)
        return out
    }

    /// One sentence per language and day whose teams cannot work it: the overlaps beyond the
    /// teams, the sessions longer than a block without a relief team, or else the day's load
    /// against the limits.
    func interpretationViolations(_ plan: Plan, focus: Set<Int>? = nil) -> [Violation] {
        let limits = p.meeting.interpretation.limits
        var out: [Violation] = []
        let focusDays = focus.map { Set($0.filter { plan.starts[$0] >= 0 }.map { p.dayIndex(plan.starts[$0]) }) }
        for (l, code) in p.interpretedLanguages.enumerated() {
            if let focus, !focus.contains(where: { p.languagesOfSession[$0].contains(l) }) { continue }
            let teams = p.teams[l], language = Message.Value.language(code)
            let teamText = Message.Value.message(l10n.plural("v.teams", teams, ["language": language]))
            let days = Set(p.sessionsOfLanguage[l].filter { plan.starts[$0] >= 0 }.map { p.dayIndex(plan.starts[$0]) })
                .sorted()
            for day in days where focusDays?.contains(day) ?? true {
                let over = p.interpretationOverage(language: l, day: day, start: plan.starts)
                guard over > 0 else { continue }
                let sessions = p.sessionsOfLanguage[l].filter {
                    plan.starts[$0] >= 0 && p.dayIndex(plan.starts[$0]) == day
                }
                .sorted { plan.starts[$0] < plan.starts[$1] }
                var reasons: [Message] = []
                // Moments with more sessions in this language than teams.
                var x = 0
                while x < p.cellCount {
                    let here = sessions.filter { plan.starts[$0] <= x && x < plan.starts[$0] + p.items[$0].length }
                    guard here.count > teams else { x += 1; continue }
                    var y = x + 1
                    while y < p.cellCount,
                        sessions.filter({ plan.starts[$0] <= y && y < plan.starts[$0] + p.items[$0].length }) == here
                    { y += 1 }
                    let names = here.map(label)
                    reasons.append(
                        l10n(
                            "v.overlap",
                            ["list": list(names), "span": span(p.instant(ofCell: x), p.instant(ofCell: y))]))
                    x = y
                }
                for s in sessions {
                    let minutes = p.items[s].session.durationMinutes
                    let parts = InterpreterRoster.stretches(session: s, start: 0, minutes: minutes, limits: limits)
                        .count
                    if parts > teams {
                        reasons.append(
                            l10n(
                                "v.too-long",
                                [
                                    "session": "\(label(s))", "minutes": "\(minutes)",
                                    "block": "\(limits.blockMinutes)", "parts": "\(parts)",
                                ]))
                    }
                }
                if let focus, !sessions.contains(where: focus.contains) { continue }
                if reasons.isEmpty { reasons = rosterReasons(language: l, day: day, plan: plan) }
                let date = day >= 1 && day <= p.meeting.days.count ? p.meeting.days[day - 1] : nil
                let on: Message.Value = date.map { .day($0) } ?? .message(l10n("v.outside-day"))
                out.append(
                    Violation(
                        constraint: .interpretation, sessions: sessions.map { p.items[$0].session.id }, minutes: over,
                        message: l10n(
                            "v.interpretation",
                            [
                                "language": language, "day": on, "teams": teamText,
                                "reasons": .joined(reasons.map { .message($0) }, separator: "; "),
                            ])))
            }
        }
        return out
    }

    /// What the best roster found asks of a team beyond the limits: a block without the rest,
    /// too many blocks, too many minutes.
    func rosterReasons(language l: Int, day: Int, plan: Plan) -> [Message] {
        let limits = p.meeting.interpretation.limits
        let stretches = p.interpretationStretches(language: l, day: day, start: plan.starts)
        let roster = InterpreterRoster.roster(stretches, teams: p.teams[l], limits: limits)
        var reasons: [Message] = []
        for t in Set(roster.team).sorted() {
            let mine = stretches.indices.filter { roster.team[$0] == t }.map { stretches[$0] }.sorted {
                $0.start < $1.start
            }
            var blocks: [(start: Int, end: Int, sessions: [Int])] = []
            for x in mine {
                if let last = blocks.last, x.start - last.end < limits.restMinutes {
                    blocks[blocks.count - 1].end = max(last.end, x.end)
                    blocks[blocks.count - 1].sessions.append(x.session)
                } else {
                    blocks.append((x.start, x.end, [x.session]))
                }
            }
            let who = Message.Value.message(p.teams[l] == 1 ? l10n("v.the-team") : l10n("v.team-n", ["n": "\(t + 1)"]))
            func at(_ m: Int) -> Instant { p.origin.adding(minutes: m) }
            for b in blocks where b.end - b.start > limits.blockMinutes {
                let names = Array(Set(b.sessions)).sorted().map(label)
                reasons.append(
                    l10n(
                        "v.no-rest",
                        [
                            "who": who, "span": span(at(b.start), at(b.end)), "minutes": "\(b.end - b.start)",
                            "names": "\(names.joined(separator: ", "))",
                            "rest": "\(limits.restMinutes)", "block": "\(limits.blockMinutes)",
                        ]))
            }
            if blocks.count > limits.blocksPerDay {
                reasons.append(
                    l10n("v.blocks", ["who": who, "count": "\(blocks.count)", "max": "\(limits.blocksPerDay)"]))
            }
            let minutes = mine.reduce(0) { $0 + $1.minutes }
            if minutes > limits.minutesPerDay {
                reasons.append(
                    l10n("v.day-minutes", ["who": who, "minutes": "\(minutes)", "max": "\(limits.minutesPerDay)"]))
            }
        }
        return reasons.isEmpty ? [l10n("v.no-roster")] : reasons
    }

    /// Runs of cells where a delegation is expected in more sessions than it has delegates,
    /// grouped so that one overlap of the same sessions is one sentence naming every delegation short.
    func capacityViolations(_ plan: Plan, focus: Set<Int>? = nil) -> [Violation] {
        let starts = plan.starts
        var active = [[Int]](repeating: [], count: p.cellCount)
        for (s, c) in starts.enumerated() where c >= 0 {
            for x in max(c, 0)..<min(c + p.items[s].length, p.cellCount) { active[x].append(s) }
        }
        struct Key: Hashable { let sessions: [Int]; let from: Int; let to: Int }
        var groups: [Key: [Int]] = [:]
        var order: [Key] = []
        let width = p.meeting.delegations.count
        // A group involving a focus session f lies within f's cells, among f's attendees, with f in it.
        var scans: [(d: Int, cells: Range<Int>, f: Int?)] = p.meeting.delegations.indices.map {
            ($0, 0..<p.cellCount, nil)
        }
        if let focus {
            scans = focus.filter { starts[$0] >= 0 }.sorted().flatMap { f in
                p.items[f].attendees.map {
                    (d: $0, cells: starts[f]..<min(starts[f] + p.items[f].length, p.cellCount), f: Optional(f))
                }
            }
        }
        for (d, range, f) in scans {
            do {
                var x = max(0, range.lowerBound)
                while x < range.upperBound {
                    let here = active[x].filter { member[$0 * width + d] }
                    guard here.count > p.sizes[d], f.map(here.contains) ?? true else { x += 1; continue }
                    var y = x + 1
                    while y < range.upperBound, active[y].filter({ member[$0 * width + d] }) == here { y += 1 }
                    let key = Key(sessions: here, from: x, to: y)
                    if groups[key] == nil { order.append(key) }
                    if !(groups[key]?.contains(d) ?? false) { groups[key, default: []].append(d) }
                    x = y
                }
            }
        }
        return order.map { key in
            let ds = groups[key]!
            let names = key.sessions.map(label)
            let sessionsText = list(names)
            let who: Message
            if ds.count == 1 {
                let d = ds[0], size = p.sizes[d]
                who = l10n.plural(
                    "v.capacity-one", size,
                    [
                        "delegation": "\(name(d))",
                        "which": .message(
                            key.sessions.count == 2
                                ? l10n("v.both") : l10n("v.all-n", ["count": "\(key.sessions.count)"])),
                    ])
            } else {
                who = l10n("v.fewer", ["list": "\(ds.map { "\(name($0)) (\(p.sizes[$0]))" }.joined(separator: ", "))"])
            }
            let minutes = (key.to - key.from) * p.cellMinutes * ds.reduce(0) { $0 + key.sessions.count - p.sizes[$1] }
            return Violation(
                constraint: .capacity, sessions: key.sessions.map { p.items[$0].session.id }, minutes: minutes,
                message: l10n(
                    "v.capacity",
                    [
                        "list": sessionsText, "span": span(p.instant(ofCell: key.from), p.instant(ofCell: key.to)),
                        "who": .message(who),
                    ]))
        }
    }
}

/// Makes the finder's sentences as messages, with the call shape of a `Localizer`.
struct Wording {
    func callAsFunction(_ key: String, _ arguments: [String: Message.Value] = [:]) -> Message {
        Message(key, values: arguments)
    }
    func plural(_ key: String, _ count: Int, _ arguments: [String: Message.Value] = [:]) -> Message {
        Message(key, values: arguments, count: count)
    }
}
