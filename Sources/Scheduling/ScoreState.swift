import MeetingModel
import MeetingTime

/// A programme being built or searched, with every constraint's measure kept up to date.
///
/// `remove(s)` and `insert(s, cell:, room:)` update each component incrementally (timelines for
/// capacity, rooms and chairs; running sums for burden, fairness, rotation and daily hours;
/// pair terms for order, breaks and split days), so a move costs work proportional to the
/// sessions and delegations it touches. Exact integer bookkeeping: `breakdown` always equals
/// `FullScore.compute` on the same programme (tested over random move sequences).
///
/// All mutable data lives in one struct changed by `mutating` methods: Swift checks exclusive
/// access to a class's stored properties at run time on every access, which cost 40 % of the
/// search's time when the arrays were properties of this class (measured with perf).
public final class ScoreState {
    public let problem: SchedulingProblem
    private var books: Books

    /// An empty programme (every session unplaced) for `problem`.
    public init(problem: SchedulingProblem, extraRooms: Int = 0) {
        self.problem = problem
        books = Books(problem: problem, extraRooms: extraRooms)
    }

    /// Start cell of each session, or −1 when unplaced.
    public var start: [Int] { books.start }
    /// Room of each session (may be ≥ the meeting's rooms for a room that is not one of them).
    public var room: [Int] { books.room }

    /// Whether session `s` is placed.
    @inline(__always) public func isPlaced(_ s: Int) -> Bool { books.start[s] >= 0 }

    /// The current score (same arithmetic, in the same order, as `ScoreBreakdown.score`).
    public var score: Score { books.score }

    /// Every constraint's raw measure.
    public var breakdown: ScoreBreakdown { books.breakdown }

    /// Takes session `s` out of the programme.
    public func remove(_ s: Int) {
        precondition(isPlaced(s), "removing an unplaced session")
        books.remove(s)
    }

    /// Places every session as `starts` and `rooms` say (−1: unplaced), in place of what was
    /// placed before.
    public func replace(starts: [Int], rooms: [Int]) {
        for s in problem.items.indices where isPlaced(s) { remove(s) }
        for s in problem.items.indices where starts[s] >= 0 { insert(s, cell: starts[s], room: rooms[s]) }
    }

    /// Places session `s` at `cell` in `room`.
    public func insert(_ s: Int, cell: Int, room r: Int) {
        precondition(!isPlaced(s), "inserting a placed session")
        books.insert(s, cell: cell, room: r)
    }

    /// Moves session `s` to `cell` and `room`.
    public func move(_ s: Int, cell: Int, room r: Int) {
        books.remove(s)
        books.insert(s, cell: cell, room: r)
    }

    /// Whether room `r` is free for session `s` if it started at `cell` (ignoring `s` itself).
    public func roomIsFree(_ r: Int, for s: Int, cell c: Int) -> Bool { books.roomIsFree(r, for: s, cell: c) }
}

/// The mutable bookkeeping of a `ScoreState`, with the problem's hot tables flattened.
struct Books {
    let problem: SchedulingProblem
    var start: [Int]
    var room: [Int]

    // Flattened, read-only tables of the problem.
    private let cells: Int
    private let days: Int  // day slots: the day before, the meeting days, the day after
    private let sizes: [Int32]
    private let cellMinutes: Int
    private let originMinute: Int
    private let weights: SoftWeights
    private let bandWeights: BandWeights
    private let roomCapacity: Int
    private let minBreak: Int
    private let maxDaily: Int
    private let rotate: Bool
    private let durations: [Int]
    private let lengths: [Int]
    private let attendees: [[Int]]
    private let neighbours: [[Int]]
    private let predecessors: [[Int]]
    private let successors: [[Int]]
    private let chairOf: [Int]  // −1: none
    private let seriesPrevious: [Int]  // −1: none
    private let seriesNext: [Int]
    private let fixed: [Bool]
    private let slotOfCell: [Int32]  // session * cells + cell → domain position or −1
    private let dayIndexOfCell: [Int]
    private let zoneOfDelegation: [Int]
    private let index: BurdenIndex
    private let reference: [Int]  // session → reference cell, or −1
    private let referenceRoom: [Int]
    private let chaired: [[Int]]  // delegation → sessions it chairs
    private let shares: [UInt64]  // session × session bitset: share at least one delegation
    private let words: Int
    private let maxLength: Int  // longest session, in cells
    private let breakCells: Int  // minimum break, in whole cells (rounded up)

    // Mutable state.
    /// Placed sessions by start cell (starts outside the timeline in `startingOutside`), so the
    /// break only looks at sessions that start near a moved one.
    private var startingAt: [[Int]]
    private var startingOutside: [Int] = []
    private var delegationCount: [Int32]
    private var roomCount: [Int32]
    private var chairCount: [Int32]
    private var delegationBurden: [Int]
    private var night: [Int]
    private var attended: [Int]
    private var chairIdle: [Int]
    private var interpretationOver: [Int]  // language × day slot: minutes over the teams' limits
    private var stretchBuffer: [InterpreterRoster.Stretch] = []

    // Raw measures.
    private(set) var capacityCells = 0
    private(set) var roomCells = 0
    private(set) var invalidRoomMinutes = 0
    private(set) var chairCells = 0
    private(set) var orderMinutes = 0
    private(set) var breakMinutes = 0
    private(set) var windowMinutes = 0
    private(set) var fixedMinutes = 0
    private(set) var unplacedMinutes = 0
    private(set) var burdenTotal = 0
    private(set) var sumSquares = 0
    private(set) var rotationMinutes = 0
    private(set) var dailyExcess = 0
    private(set) var moved = 0
    private(set) var preferredMinutes = 0
    private(set) var splitDays = 0
    private(set) var idleMinutes = 0
    private(set) var interpretationMinutes = 0

    init(problem: SchedulingProblem, extraRooms: Int) {
        self.problem = problem
        let n = problem.items.count, d = problem.meeting.delegations.count
        cells = problem.cellCount
        days = problem.dayCount + 2
        sizes = problem.sizes.map { Int32($0) }
        cellMinutes = problem.cellMinutes
        originMinute = problem.origin.minutes
        let rules = problem.meeting.rules
        weights = rules.weights
        bandWeights = problem.burden.index.weights
        roomCapacity = problem.rooms.count
        minBreak = rules.minBreakMinutes
        maxDaily = rules.maxDailyMinutes
        rotate = rules.rotateInconvenientHours
        durations = problem.items.map(\.session.durationMinutes)
        lengths = problem.items.map(\.length)
        attendees = problem.items.map(\.attendees)
        neighbours = problem.items.map(\.neighbours)
        predecessors = problem.items.map(\.predecessors)
        successors = problem.items.map(\.successors)
        chairOf = problem.items.map { $0.chair ?? -1 }
        seriesPrevious = problem.items.map { $0.seriesPrevious ?? -1 }
        seriesNext = problem.items.map { $0.seriesNext ?? -1 }
        fixed = problem.items.map(\.isFixed)
        slotOfCell = problem.slotOfCell.flatMap { $0 }
        dayIndexOfCell = (0..<problem.cellCount).map(problem.dayIndex)
        zoneOfDelegation = problem.burden.zoneOfDelegation
        index = problem.burden.index
        reference = problem.reference.map { $0?.cell ?? -1 }
        referenceRoom = problem.reference.map { $0?.room ?? -1 }
        chaired = (0..<d).map { problem.chairedSessions[$0] ?? [] }
        words = (n + 63) / 64
        var bits = [UInt64](repeating: 0, count: n * words)
        for (a, list) in problem.items.map(\.neighbours).enumerated() {
            for b in list { bits[a * words + b / 64] |= 1 << UInt64(b % 64) }
        }
        shares = bits
        maxLength = problem.items.map(\.length).max() ?? 0
        breakCells = (rules.minBreakMinutes + problem.cellMinutes - 1) / problem.cellMinutes
        startingAt = [[Int]](repeating: [], count: problem.cellCount)
        start = [Int](repeating: -1, count: n)
        room = [Int](repeating: 0, count: n)
        delegationCount = [Int32](repeating: 0, count: d * cells)
        roomCount = [Int32](repeating: 0, count: (problem.rooms.count + extraRooms) * cells)
        chairCount = [Int32](repeating: 0, count: d * cells)
        delegationBurden = [Int](repeating: 0, count: d)
        night = [Int](repeating: 0, count: d * days)
        attended = [Int](repeating: 0, count: d * days)
        chairIdle = [Int](repeating: 0, count: d * days)
        interpretationOver = [Int](repeating: 0, count: problem.interpretedLanguages.count * days)
        unplacedMinutes = durations.reduce(0, +)
    }

    @inline(__always) func isPlaced(_ s: Int) -> Bool { start[s] >= 0 }
    @inline(__always) func startMinute(_ s: Int) -> Int { start[s] * cellMinutes }
    @inline(__always) func endMinute(_ s: Int) -> Int { start[s] * cellMinutes + durations[s] }
    @inline(__always) func dayIndex(_ c: Int) -> Int {
        c >= 0 && c < cells ? dayIndexOfCell[c] : (c < 0 ? 0 : days - 1)
    }

    // MARK: Score

    /// The current score (same arithmetic, in the same order, as `ScoreBreakdown.score`).
    var score: Score {
        let hard =
            windowMinutes + fixedMinutes + orderMinutes + (roomCells * cellMinutes + invalidRoomMinutes)
            + capacityCells * cellMinutes + chairCells * cellMinutes + breakMinutes + unplacedMinutes
            + interpretationMinutes
        var soft = 0.0
        soft += weights.burden * Double(burdenTotal)
        soft += weights.fairness * Double(sumSquares) / 1000
        soft += weights.rotation * Double(rotationMinutes)
        soft += weights.stability * Double(moved)
        soft += weights.preferredWindow * Double(preferredMinutes)
        soft += weights.splitDays * Double(splitDays)
        soft += weights.chairCompactness * Double(idleMinutes)
        soft += weights.dailyHours * Double(dailyExcess)
        return Score(hard: hard, soft: soft)
    }

    /// Every constraint's raw measure.
    var breakdown: ScoreBreakdown {
        ScoreBreakdown(
            raw: [
                .window: windowMinutes, .fixed: fixedMinutes, .order: orderMinutes,
                .rooms: roomCells * cellMinutes + invalidRoomMinutes,
                .capacity: capacityCells * cellMinutes, .chair: chairCells * cellMinutes, .breaks: breakMinutes,
                .unplaced: unplacedMinutes,
                .interpretation: interpretationMinutes,
                .burden: burdenTotal, .fairness: sumSquares, .rotation: rotationMinutes, .stability: moved,
                .preferredWindow: preferredMinutes, .splitDays: splitDays, .chairCompactness: idleMinutes,
                .dailyHours: dailyExcess,
            ], weights: weights)
    }

    /// Each delegation's weighted burden (meeting order).
    // MARK: Moves

    mutating func remove(_ s: Int) {
        let day = dayIndex(start[s])
        update(s, sign: -1)
        let c = start[s]
        if c >= 0 && c < cells {
            startingAt[c].remove(at: startingAt[c].firstIndex(of: s)!)
        } else {
            startingOutside.remove(at: startingOutside.firstIndex(of: s)!)
        }
        start[s] = -1
        unplacedMinutes += durations[s]
        refreshChairIdle(s, day: day)
        refreshInterpretation(s, day: day)
    }

    mutating func insert(_ s: Int, cell: Int, room r: Int) {
        start[s] = cell
        room[s] = r
        unplacedMinutes -= durations[s]
        update(s, sign: 1)
        if cell >= 0 && cell < cells { startingAt[cell].append(s) } else { startingOutside.append(s) }
        refreshChairIdle(s, day: dayIndex(cell))
        refreshInterpretation(s, day: dayIndex(cell))
    }

    func roomIsFree(_ r: Int, for s: Int, cell c: Int) -> Bool {
        let len = lengths[s], base = r * cells
        for x in max(c, 0)..<min(c + len, cells) {
            var n = Int(roomCount[base + x])
            if start[s] >= 0, room[s] == r, x >= start[s], x < start[s] + len { n -= 1 }
            if n > 0 { return false }
        }
        return true
    }

    // MARK: Bookkeeping

    private mutating func update(_ s: Int, sign: Int) {
        let c = start[s], len = lengths[s], dur = durations[s]
        let lo = max(c, 0), hi = max(lo, min(c + len, cells))
        let s32 = Int32(sign)

        // Timelines: capacity per delegation, one session per room, one chaired session per chair.
        for d in attendees[s] {
            let base = d * cells, size = sizes[d]
            for x in lo..<hi {
                let k = delegationCount[base + x]
                if sign < 0 { if k > size { capacityCells -= 1 } } else if k >= size { capacityCells += 1 }
                delegationCount[base + x] = k + s32
            }
        }
        let r = room[s]
        if r < roomCapacity {
            let base = r * cells
            for x in lo..<hi {
                let k = roomCount[base + x]
                if sign < 0 { if k > 1 { roomCells -= 1 } } else if k >= 1 { roomCells += 1 }
                roomCount[base + x] = k + s32
            }
        } else {
            invalidRoomMinutes += sign * dur
        }
        let ch = chairOf[s]
        if ch >= 0 {
            let base = ch * cells
            for x in lo..<hi {
                let k = chairCount[base + x]
                if sign < 0 { if k > 1 { chairCells -= 1 } } else if k >= 1 { chairCells += 1 }
                chairCount[base + x] = k + s32
            }
        }

        // Where it may be.
        let slot = c >= 0 && c < cells ? Int(slotOfCell[s * cells + c]) : -1
        if fixed[s] {
            if slot < 0 { fixedMinutes += sign * dur }
        } else if slot < 0 {
            windowMinutes += sign * dur
        }

        // Pairs: order, breaks, split days (only with placed partners).
        let a0 = c * cellMinutes, a1 = a0 + dur
        for p in predecessors[s] where start[p] >= 0 { orderMinutes += sign * max(0, endMinute(p) - a0) }
        for q in successors[s] where start[q] >= 0 { orderMinutes += sign * max(0, a1 - startMinute(q)) }
        if minBreak > 0 {
            // Only sessions starting from (longest + break) before to (own length + break) after can be too close.
            func breakTerm(_ t: Int) {
                guard t != s, shares[s * words + t / 64] & (1 << UInt64(t % 64)) != 0 else { return }
                let b0 = start[t] * cellMinutes, b1 = b0 + durations[t]
                if a0 < b1 && b0 < a1 { return }
                let gap = b0 >= a1 ? b0 - a1 : a0 - b1
                if gap < minBreak { breakMinutes += sign * (minBreak - gap) }
            }
            let first = max(0, c - maxLength - breakCells), last = min(cells - 1, c + len + breakCells)
            if first <= last { for x in first...last { for t in startingAt[x] { breakTerm(t) } } }
            for t in startingOutside { breakTerm(t) }
        }
        let day = dayIndex(c)
        let sp = seriesPrevious[s], sn = seriesNext[s]
        if sp >= 0, start[sp] >= 0 { splitDays += sign * abs(day - dayIndex(start[sp]) - 1) }
        if sn >= 0, start[sn] >= 0 { splitDays += sign * abs(dayIndex(start[sn]) - day - 1) }

        // Per session.
        burdenTotal += sign * (slot >= 0 ? problem.items[s].burdenCost[slot] : problem.burdenCost(s, cell: c))
        preferredMinutes +=
            sign * (slot >= 0 ? problem.items[s].preferredCost[slot] : problem.preferredCost(s, cell: c))
        if reference[s] >= 0, reference[s] != c || referenceRoom[s] != r { moved += sign }

        // Per attendee: fairness, rotation, daily hours.
        let startMinuteAbsolute = originMinute + c * cellMinutes
        for d in attendees[s] {
            let m = index.minutes(zoneIndex: zoneOfDelegation[d], startMinute: startMinuteAbsolute, duration: dur)
            let w = m.weighted(by: bandWeights)
            let b = delegationBurden[d], nb = b + sign * w
            sumSquares += nb * nb - b * b
            delegationBurden[d] = nb
            let k = d * days + day
            if rotate && m.night > 0 {
                rotationMinutes -= rotationTerms(d, day)
                night[k] += sign * m.night
                rotationMinutes += rotationTerms(d, day)
            }
            let before = attended[k], after = before + sign * dur
            dailyExcess += max(0, after - maxDaily) - max(0, before - maxDaily)
            attended[k] = after
        }
    }

    /// Recomputes the idle time of the chair of `s` on `day` from the chair's placed sessions.
    private mutating func refreshChairIdle(_ s: Int, day: Int) {
        let ch = chairOf[s]
        guard ch >= 0 else { return }
        let k = ch * days + day
        idleMinutes -= chairIdle[k]
        chairIdle[k] = idle(chair: ch, day: day)
        idleMinutes += chairIdle[k]
    }

    /// Re-rosters the interpreter teams of every language `s` needs on `day`.
    private mutating func refreshInterpretation(_ s: Int, day: Int) {
        for l in problem.languagesOfSession[s] {
            let k = l * days + day
            interpretationMinutes -= interpretationOver[k]
            stretchBuffer.removeAll(keepingCapacity: true)
            problem.appendInterpretationStretches(into: &stretchBuffer, language: l, day: day, start: start)
            interpretationOver[k] = InterpreterRoster.overage(
                &stretchBuffer, teams: problem.teams[l], limits: problem.meeting.interpretation.limits)
            interpretationMinutes += interpretationOver[k]
        }
    }

    /// min(night today, night yesterday) + min(night today, night tomorrow) for delegation `d`.
    private func rotationTerms(_ d: Int, _ day: Int) -> Int {
        let base = d * days
        var t = 0
        if day > 0 { t += min(night[base + day - 1], night[base + day]) }
        if day + 1 < days { t += min(night[base + day], night[base + day + 1]) }
        return t
    }

    /// Idle minutes between the first and last placed session chaired by `ch` on `day`.
    private func idle(chair ch: Int, day: Int) -> Int {
        var first = Int.max, last = Int.min, busy = 0
        for t in chaired[ch] where start[t] >= 0 && dayIndex(start[t]) == day {
            first = min(first, startMinute(t))
            last = max(last, endMinute(t))
            busy += durations[t]
        }
        return first == Int.max ? 0 : max(0, last - first - busy)
    }
}
