import MeetingModel
import MeetingTime

/// A meeting compiled for the solver: every session's allowed start cells, its attendees,
/// chair, order relations and cost tables, on a timeline of equal cells.
///
/// The cell is the greatest common divisor of the grid and every duration, so every session
/// covers whole cells and capacity can be counted cell by cell.
public struct SchedulingProblem: Sendable {
    /// One session as the solver sees it.
    public struct Item: Sendable {
        /// Position in `meeting.sessions`.
        public let index: Int
        /// The session.
        public let session: Session
        /// Length in cells.
        public let length: Int
        /// Allowed start cells, ascending (one cell when fixed or pinned).
        public let domain: [Int]
        /// Whether the start may not move (fixed in the agenda or pinned in the programme re-planned from).
        public let isFixed: Bool
        /// The room it must keep, when pinned.
        public let fixedRoom: Int?
        /// Attending delegations (positions in `meeting.delegations`).
        public let attendees: [Int]
        /// The chairing delegation, when its body has a chair who attends.
        public let chair: Int?
        /// Sessions that must end before this one starts.
        public let predecessors: [Int]
        /// Sessions that must start after this one ends.
        public let successors: [Int]
        /// Sessions sharing at least one delegation (for the minimum break).
        public let neighbours: [Int]
        /// The previous and next part of its series, if split.
        public let seriesPrevious: Int?
        public let seriesNext: Int?
        /// Weighted burden of all attendees, per domain position.
        public let burdenCost: [Int]
        /// Minutes outside preferred windows, per domain position (all 0 without a preference).
        public let preferredCost: [Int]
        /// Preferred windows (the session's, else its first body's).
        public let preferred: [InstantRange]
        /// The positions in `domain` the search places the session at: all but the starts that
        /// no programme can use (`prune`). Scores and violations are judged on `domain`, so a
        /// start placed by hand keeps its real reason.
        public let searchSlots: [Int]
    }

    /// The meeting compiled.
    public let meeting: Meeting
    /// Burden tables of the meeting's zones.
    public let burden: MeetingBurden
    /// Minutes per cell.
    public let cellMinutes: Int
    /// The instant of cell 0.
    public let origin: Instant
    /// Cells on the timeline.
    public let cellCount: Int
    /// Sessions in meeting order.
    public let items: [Item]
    /// Delegates per delegation (meeting order).
    public let sizes: [Int]
    /// Room names.
    public let rooms: [String]
    /// Meeting day (0 = first) of a session starting in each cell, by the host's date; −1 or ≥ days outside.
    public let dayOfCell: [Int]
    /// Number of meeting days.
    public let dayCount: Int
    /// For each session, `slotOfCell[s][c]` is the domain position of start cell c, or −1.
    public let slotOfCell: [[Int32]]
    /// The programme re-planned from (stability), per session: start cell and room.
    public let reference: [(cell: Int, room: Int)?]
    /// Delegations that chair at least one session, and the sessions each chairs.
    public let chairedSessions: [Int: [Int]]
    /// Every session's languages (meeting order): rules, agenda and the requests given.
    public let sessionLanguages: [SessionLanguages]
    /// Languages some session is interpreted into (each needs teams), meeting order.
    public let interpretedLanguages: [String]
    /// Teams available per interpreted language.
    public let teams: [Int]
    /// For each session, the interpreted languages it needs (positions in `interpretedLanguages`).
    public let languagesOfSession: [[Int]]
    /// For each interpreted language, the sessions that need it.
    public let sessionsOfLanguage: [[Int]]

    /// The instant a cell starts.
    public func instant(ofCell c: Int) -> Instant { origin.adding(minutes: c * cellMinutes) }

    /// The cell an instant falls in (rounded down).
    public func cell(of t: Instant) -> Int { origin.minutes(to: t).floorDiv(cellMinutes) }

    /// Compiles `meeting`; `reference` is a programme to stay close to (its pinned placements stay put).
    public init(meeting: Meeting, reference: Programme? = nil, requests: [InterpretationRequest] = []) throws {
        self.meeting = meeting
        let languages = meeting.sessionLanguages(requests: requests)
        self.sessionLanguages = languages
        let interpreted = meeting.languages.filter { l in languages.contains { $0.interpreted.contains(l) } }
        self.interpretedLanguages = interpreted
        self.teams = interpreted.map(meeting.interpretation.teams(for:))
        self.languagesOfSession = languages.map { sl in sl.interpreted.compactMap { interpreted.firstIndex(of: $0) } }
        self.sessionsOfLanguage = interpreted.indices.map { l in
            languages.indices.filter { languages[$0].interpreted.contains(interpreted[l]) }
        }
        let tables = try MeetingBurden(meeting: meeting)
        self.burden = tables
        let clock = try MeetingClock(meeting: meeting)
        var cell = meeting.gridMinutes
        for s in meeting.sessions { cell = gcd(cell, s.durationMinutes) }
        self.cellMinutes = cell
        let origin = meeting.firstDay.adding(days: -1).startInUTC
        self.origin = origin
        let cellCount = (meeting.days.count + 3) * 1440 / cell
        self.cellCount = cellCount
        self.rooms = meeting.rules.rooms
        self.dayCount = meeting.days.count
        self.sizes = meeting.delegations.map(meeting.delegates(of:))
        let firstDay = meeting.firstDay.dayNumber
        self.dayOfCell = (0..<cellCount).map { c in
            clock.hostLocal(at: origin.adding(minutes: c * cell)).day.dayNumber - firstDay
        }

        let position = Dictionary(uniqueKeysWithValues: meeting.delegations.enumerated().map { ($1.code, $0) })
        let sessionIndex = Dictionary(uniqueKeysWithValues: meeting.sessions.enumerated().map { ($1.id, $0) })
        let count = meeting.sessions.count
        let attendees = meeting.sessions.map { meeting.attendees(of: $0).compactMap { position[$0] } }

        // Order: opening before all, all before closing, explicit `after`, series parts in agenda order.
        var predecessors = [Set<Int>](repeating: [], count: count)
        let openings = meeting.sessions.indices.filter { meeting.sessions[$0].kind == .opening }
        let closings = meeting.sessions.indices.filter { meeting.sessions[$0].kind == .closing }
        var seriesPrevious = [Int?](repeating: nil, count: count), seriesNext = [Int?](repeating: nil, count: count)
        var lastOfSeries: [String: Int] = [:]
        for (i, s) in meeting.sessions.enumerated() {
            for o in openings where o != i && !openings.contains(i) { predecessors[i].insert(o) }
            for c in closings where c != i && !closings.contains(i) { predecessors[c].insert(i) }
            for a in s.after { if let j = sessionIndex[a] { predecessors[i].insert(j) } }
            if let series = s.series {
                if let p = lastOfSeries[series] {
                    predecessors[i].insert(p)
                    seriesPrevious[i] = p
                    seriesNext[p] = i
                }
                lastOfSeries[series] = i
            }
        }
        var successors = [[Int]](repeating: [], count: count)
        for i in 0..<count { for p in predecessors[i] { successors[p].append(i) } }

        // Neighbours for the break: sessions sharing a delegation.
        var sessionsOfDelegation = [[Int]](repeating: [], count: meeting.delegations.count)
        for (s, list) in attendees.enumerated() { for d in list { sessionsOfDelegation[d].append(s) } }
        var neighbours = [[Int]](repeating: [], count: count)
        for s in 0..<count {
            var mark = Set<Int>()
            for d in attendees[s] { mark.formUnion(sessionsOfDelegation[d]) }
            mark.remove(s)
            neighbours[s] = mark.sorted()
        }

        // Reference programme (stability) and pins.
        var referenceCells = [(cell: Int, room: Int)?](repeating: nil, count: count)
        var pinned = [Bool](repeating: false, count: count)
        if let reference {
            for p in reference.placements {
                guard let s = sessionIndex[p.sessionID] else { continue }
                let room = rooms.firstIndex(of: p.room) ?? 0
                referenceCells[s] = (origin.minutes(to: p.start).floorDiv(cell), room)
                pinned[s] = p.pinned
            }
        }
        self.reference = referenceCells

        let window = meeting.dailyWindow
        var items: [Item] = []
        var slotOfCell: [[Int32]] = []
        var chairedSessions: [Int: [Int]] = [:]
        var domains: [[Int]] = [], fixedRooms: [Int?] = [], movable: [Bool] = []
        for (i, s) in meeting.sessions.enumerated() {
            let length = s.durationMinutes / cell
            var domain: [Int]
            var fixedRoom: Int?
            var free = false
            if let fixed = s.fixedStart {
                domain = [origin.minutes(to: fixed) / cell]
            } else if pinned[i], let ref = referenceCells[i] {
                domain = [ref.cell]
                fixedRoom = ref.room
            } else {
                let ranges: [InstantRange] =
                    s.allowedWindows.isEmpty
                    ? meeting.days.map { day in
                        let open = day.startInUTC.adding(minutes: window.start.minutes)
                        return InstantRange(start: open, end: open.adding(minutes: window.minutes))
                    }
                    : s.allowedWindows
                var cells = Set<Int>()
                for r in ranges {
                    var t = Instant(
                        minutes: r.start.minutes + (meeting.gridMinutes - r.start.minutes.floorMod(meeting.gridMinutes))
                            % meeting.gridMinutes)
                    while t.adding(minutes: s.durationMinutes) <= r.end {
                        let c = origin.minutes(to: t) / cell
                        let lastCell = c + max(length, 1) - 1
                        if c >= 0, lastCell < cellCount, (0..<dayCount).contains(dayOfCell[c]),
                            (0..<dayCount).contains(dayOfCell[lastCell])
                        {
                            cells.insert(c)
                        }
                        t = t.adding(minutes: meeting.gridMinutes)
                    }
                }
                domain = cells.sorted()
                free = true
            }
            domains.append(domain)
            fixedRooms.append(fixedRoom)
            movable.append(free)
        }
        var searched = domains
        SchedulingProblem.prune(
            &searched, movable: movable, lengths: meeting.sessions.map { $0.durationMinutes / cell },
            predecessors: predecessors.map { $0.sorted() }, successors: successors, rooms: rooms.count)
        for (i, s) in meeting.sessions.enumerated() {
            let length = s.durationMinutes / cell
            let domain = domains[i], fixedRoom = fixedRooms[i]
            let kept = Set(searched[i])
            var lookup = [Int32](repeating: -1, count: cellCount)
            for (k, c) in domain.enumerated() where c >= 0 && c < cellCount { lookup[c] = Int32(k) }
            slotOfCell.append(lookup)

            let chair = s.bodies.first.flatMap { meeting.body($0)?.chair }.flatMap { position[$0] }.flatMap {
                attendees[i].contains($0) ? $0 : nil
            }
            if let chair { chairedSessions[chair, default: []].append(i) }
            let preferred =
                !s.preferredWindows.isEmpty
                ? s.preferredWindows : (s.bodies.first.flatMap { meeting.body($0)?.preferredWindows } ?? [])
            let zoneIndices = attendees[i].map { tables.zoneOfDelegation[$0] }
            let burdenCost = domain.map { c -> Int in
                let m = origin.minutes + c * cell
                return zoneIndices.reduce(0) {
                    $0 + tables.index.weighted(zoneIndex: $1, startMinute: m, duration: s.durationMinutes)
                }
            }
            let preferredCost = domain.map { c in
                SchedulingProblem.minutesOutside(
                    preferred, start: origin.adding(minutes: c * cell), minutes: s.durationMinutes)
            }
            items.append(
                Item(
                    index: i, session: s, length: length, domain: domain, isFixed: s.fixedStart != nil || pinned[i],
                    fixedRoom: fixedRoom,
                    attendees: attendees[i], chair: chair, predecessors: predecessors[i].sorted(),
                    successors: successors[i].sorted(),
                    neighbours: neighbours[i], seriesPrevious: seriesPrevious[i], seriesNext: seriesNext[i],
                    burdenCost: burdenCost, preferredCost: preferredCost, preferred: preferred,
                    searchSlots: domain.indices.filter { kept.contains(domain[$0]) }
                ))
        }
        self.items = items
        self.slotOfCell = slotOfCell
        self.chairedSessions = chairedSessions
    }

    /// Minutes of `[start, start + minutes)` outside all of `windows` (0 when there are none).
    public static func minutesOutside(_ windows: [InstantRange], start: Instant, minutes: Int) -> Int {
        guard !windows.isEmpty else { return 0 }
        let end = start.adding(minutes: minutes)
        var inside = 0
        for w in windows {
            let a = max(w.start, start), b = min(w.end, end)
            if a < b { inside += a.minutes(to: b) }
        }
        return max(0, minutes - inside)
    }

    /// Weighted burden of session `s` starting at cell `c` (from the table when `c` is in its domain).
    public func burdenCost(_ s: Int, cell c: Int) -> Int {
        let k = c >= 0 && c < cellCount ? Int(slotOfCell[s][c]) : -1
        if k >= 0 { return items[s].burdenCost[k] }
        let m = origin.minutes + c * cellMinutes
        return items[s].attendees.reduce(0) {
            $0
                + burden.index.weighted(
                    zoneIndex: burden.zoneOfDelegation[$1], startMinute: m, duration: items[s].session.durationMinutes)
        }
    }

    /// Minutes of session `s` outside its preferred windows when starting at cell `c`.
    public func preferredCost(_ s: Int, cell c: Int) -> Int {
        let k = c >= 0 && c < cellCount ? Int(slotOfCell[s][c]) : -1
        if k >= 0 { return items[s].preferredCost[k] }
        return SchedulingProblem.minutesOutside(
            items[s].preferred, start: instant(ofCell: c), minutes: items[s].session.durationMinutes)
    }

    /// Band minutes delegation `d` spends in session `s` starting at cell `c`.
    public func minutes(delegation d: Int, session s: Int, cell c: Int) -> BandMinutes {
        burden.index.minutes(
            zoneIndex: burden.zoneOfDelegation[d], startMinute: origin.minutes + c * cellMinutes,
            duration: items[s].session.durationMinutes)
    }

    /// The stretches language `l`'s teams work on the day with index `day` (as `dayIndex`), given
    /// each session's start cell (−1: not placed).
    public func interpretationStretches(language l: Int, day: Int, start: [Int]) -> [InterpreterRoster.Stretch] {
        var out: [InterpreterRoster.Stretch] = []
        appendInterpretationStretches(into: &out, language: l, day: day, start: start)
        return out
    }

    /// `interpretationStretches`, appended to a buffer the caller reuses (the solver's hot path).
    func appendInterpretationStretches(
        into out: inout [InterpreterRoster.Stretch], language l: Int, day: Int, start: [Int]
    ) {
        let limits = meeting.interpretation.limits
        for s in sessionsOfLanguage[l] where start[s] >= 0 && dayIndex(start[s]) == day {
            let minutes = items[s].session.durationMinutes, begin = start[s] * cellMinutes
            let parts = max(1, (minutes + limits.blockMinutes - 1) / limits.blockMinutes)
            for k in 0..<parts {
                out.append(
                    InterpreterRoster.Stretch(
                        session: s, start: begin + minutes * k / parts, end: begin + minutes * (k + 1) / parts))
            }
        }
    }

    /// Minutes over interpreter limits of language `l` on day index `day` (0 when its teams can work it).
    public func interpretationOverage(language l: Int, day: Int, start: [Int]) -> Int {
        var stretches = interpretationStretches(language: l, day: day, start: start)
        return InterpreterRoster.overage(&stretches, teams: teams[l], limits: meeting.interpretation.limits)
    }

    /// The meeting day of cell `c` shifted by one, so that the day before the meeting is 0 (array index).
    @inlinable public func dayIndex(_ c: Int) -> Int {
        let d = c >= 0 && c < cellCount ? dayOfCell[c] : (c < 0 ? -1 : dayCount)
        return min(max(d, -1), dayCount) + 1
    }
}

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
