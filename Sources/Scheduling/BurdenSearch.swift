import MeetingModel

/// Branch and bound on the burden term (issue 21): places sessions one at a time, each at a
/// start that breaks none of the rules a pair of sessions or a running count can check (order,
/// rooms as a count at each moment, delegation capacity, chairs, the minimum break), and prunes
/// a branch when its burden plus each unplaced session's cheapest start still allowed cannot
/// beat the best found.
///
/// Interpretation is checked on each complete placement (a language's teams work a whole day, no
/// pair of sessions decides it); pinned rooms are left out, so what it finds is the optimum of a
/// relaxation: a finished search bounds the burden of every programme from below, and its best
/// placement, once given rooms and checked by the full score, is usually a programme itself.
public struct BurdenSearch {
    /// What a search found.
    public struct Outcome: Sendable {
        /// No programme has less burden than this (when the search did not finish, what it proved
        /// before it stopped: the cheapest starts, or the search by days' last limit passed).
        public let bound: Int
        /// Whether every branch was searched (the bound is then the relaxation's optimum, or the
        /// target it was asked to beat).
        public let complete: Bool
        /// The best start cell of each session found under the relaxation, with its burden.
        public let starts: [Int]?
        public let burden: Int?
        /// Branches searched.
        public let nodes: Int
    }

    /// The most sessions a solver run searches exactly (beyond, the branches are too many to
    /// finish in a run's time).
    public static let sessionLimit = 60

    let problem: SchedulingProblem
    let n: Int
    let rooms: Int
    let minBreak: Int
    let cellMinutes: Int
    /// Per session: its domain sorted by burden (cells) and the burdens in the same order, in
    /// one flat array from `offset[u]`.
    let offset: [Int]
    let cellOf: [Int]
    let costOf: [Int]
    let length: [Int]
    let durations: [Int]
    /// Per session, the sessions a placement of it can rule starts out for (shared delegation,
    /// chair, order), and how: bit 0 break, 1 chair, 2 must come after it, 3 must come before it.
    let related: [[(session: Int, how: UInt8)]]
    /// The same as a table: `howOf[s][t]`.
    let howOf: [[UInt8]]
    /// Per session, the delegations whose delegates can run short (fewer than rooms): index into
    /// `tightSizes` and the timeline of each.
    let tightOf: [[Int]]
    let tightSizes: [Int]
    /// The meeting day of each start (flat, as `cellOf`), for the search by days.
    let dayOfFlat: [Int]

    /// The search over every start (`day` nil), or over the starts on one meeting day only (the
    /// search by days).
    public init(problem: SchedulingProblem, day: Int? = nil) {
        self.problem = problem
        let n = problem.items.count
        self.n = n
        let rooms = max(1, problem.rooms.count)
        self.rooms = rooms
        minBreak = problem.meeting.rules.minBreakMinutes
        cellMinutes = problem.cellMinutes
        var offset: [Int] = [], cellOf: [Int] = [], costOf: [Int] = []
        for item in problem.items {
            offset.append(cellOf.count)
            let order = item.domain.indices.filter { k in
                let c = item.domain[k]
                return day.map { c >= 0 && c < problem.cellCount && problem.dayOfCell[c] == $0 } ?? true
            }.sorted { (item.burdenCost[$0], $0) < (item.burdenCost[$1], $1) }
            cellOf += order.map { item.domain[$0] }
            costOf += order.map { item.burdenCost[$0] }
        }
        offset.append(cellOf.count)
        self.offset = offset
        self.cellOf = cellOf
        self.costOf = costOf
        length = problem.items.map { max(1, $0.length) }
        durations = problem.items.map(\.session.durationMinutes)
        var how = [[UInt8]](repeating: [UInt8](repeating: 0, count: n), count: n)
        for item in problem.items {
            let s = item.index
            if minBreak > 0 { for t in item.neighbours { how[s][t] |= 1 } }
            if let ch = item.chair {
                for t in problem.chairedSessions[ch] ?? [] where t != s { how[s][t] |= 2 }
            }
            for q in item.successors { how[s][q] |= 4 }
            for p in item.predecessors { how[s][p] |= 8 }
        }
        related = (0..<n).map { s in (0..<n).compactMap { t in how[s][t] == 0 ? nil : (t, how[s][t]) } }
        howOf = how
        var tightIndex: [Int: Int] = [:], tightSizes: [Int] = []
        tightOf = problem.items.map { item in
            item.attendees.filter { problem.sizes[$0] < rooms }.map { d in
                if let i = tightIndex[d] { return i }
                tightIndex[d] = tightSizes.count
                tightSizes.append(problem.sizes[d])
                return tightSizes.count - 1
            }
        }
        self.tightSizes = tightSizes
        dayOfFlat = cellOf.map { $0 >= 0 && $0 < problem.cellCount ? problem.dayOfCell[$0] : -1 }
    }

    /// The burden no programme can go below: every session at its own cheapest start.
    public var rootBound: Int { (0..<n).reduce(0) { $0 + (offset[$1] < offset[$1 + 1] ? costOf[offset[$1]] : 0) } }

    /// Searches for a placement of less burden than `target` (nil: any), visiting at most
    /// `nodeLimit` branches and stopping early when `shouldStop` says so (it is asked every 16
    /// branches); by days where the days are independent (`byDays`, the default).
    public func run(
        target: Int? = nil, nodeLimit: Int = 2_000_000, byDays: Bool = true, shouldStop: () -> Bool = { false }
    ) -> Outcome {
        guard n > 0, (0..<n).allSatisfy({ offset[$0] < offset[$0 + 1] }) else {
            return Outcome(bound: rootBound, complete: n == 0, starts: n == 0 ? [] : nil, burden: 0, nodes: 0)
        }
        if byDays, let found = runByDays(target: target, nodeLimit: nodeLimit, shouldStop: shouldStop) { return found }
        var search = State(self, incumbent: target ?? Int.max)
        let finished = search.descend(cost: 0, nodeLimit: nodeLimit, shouldStop: shouldStop)
        let found = search.best == nil ? nil : search.incumbent
        return Outcome(
            bound: finished ? min(search.incumbent, target ?? Int.max) : rootBound, complete: finished,
            starts: search.best, burden: found, nodes: search.nodes)
    }

    /// Whether every interpreted language's teams can work the days of `start` (cells, −1: not placed).
    func interpretationFits(_ start: [Int]) -> Bool {
        for l in problem.interpretedLanguages.indices {
            var days = Set<Int>()
            for s in problem.sessionsOfLanguage[l] where start[s] >= 0 { days.insert(problem.dayIndex(start[s])) }
            for d in days where problem.interpretationOverage(language: l, day: d, start: start) > 0 { return false }
        }
        return true
    }

    /// Whether `s` at cell `c` rules out `u` at cell `x` (`how`: see `related`).
    @inline(__always)
    func forbids(_ s: Int, _ c: Int, _ u: Int, _ x: Int, _ how: UInt8) -> Bool {
        let a0 = c * cellMinutes, a1 = a0 + durations[s]
        let b0 = x * cellMinutes, b1 = b0 + durations[u]
        let overlap = a0 < b1 && b0 < a1
        if how & 4 != 0 && b0 < a1 { return true }
        if how & 8 != 0 && b1 > a0 { return true }
        if how & 2 != 0 && overlap { return true }
        if how & 1 != 0 && !overlap {
            let gap = b0 >= a1 ? b0 - a1 : a0 - b1
            if gap < minBreak { return true }
        }
        return false
    }

    /// The search's working state.
    struct State {
        let search: BurdenSearch
        var start: [Int]
        var placedCount = 0
        /// Per start of each session (flat, as `cellOf`): how many placed sessions rule it out.
        var blocked: [Int32]
        /// Sessions at each cell, and each short delegation's sessions at each cell.
        var roomCount: [Int32]
        var tightCount: [Int32]
        /// What placements ruled out, to undo (flat indices), and where each placement's began.
        var trail: [Int] = []
        var incumbent: Int
        var best: [Int]?
        var nodes = 0
        var stopped = false
        let cells: Int
        /// The sessions to place (all, or one day's share in the search by days), as flags and as
        /// a list, and how many.
        var active: [Bool]
        var members: [Int]
        var activeCount: Int
        /// Per session, its first start still allowed (scratch of `descend`, used before it recurses).
        var firstAllowed: [Int]

        init(_ search: BurdenSearch, incumbent: Int) {
            self.search = search
            self.incumbent = incumbent
            cells = search.problem.cellCount + (search.length.max() ?? 1)
            start = [Int](repeating: -1, count: search.n)
            active = [Bool](repeating: true, count: search.n)
            members = Array(0..<search.n)
            firstAllowed = [Int](repeating: 0, count: search.n)
            activeCount = search.n
            blocked = [Int32](repeating: 0, count: search.cellOf.count)
            roomCount = [Int32](repeating: 0, count: cells)
            tightCount = [Int32](repeating: 0, count: max(1, search.tightSizes.count * cells))
        }

        /// Whether the k-th start (flat index) of `u` is still allowed.
        @inline(__always)
        func allowed(_ u: Int, _ k: Int) -> Bool {
            guard blocked[k] == 0 else { return false }
            let x = search.cellOf[k], len = search.length[u]
            let rooms = Int32(search.rooms)
            for y in x..<(x + len) where roomCount[y] >= rooms { return false }
            for t in search.tightOf[u] {
                let size = Int32(search.tightSizes[t]), base = t * cells
                for y in x..<(x + len) where tightCount[base + y] >= size { return false }
            }
            return true
        }

        mutating func place(_ s: Int, _ c: Int) {
            start[s] = c
            placedCount += 1
            for y in c..<(c + search.length[s]) { roomCount[y] += 1 }
            for t in search.tightOf[s] { for y in c..<(c + search.length[s]) { tightCount[t * cells + y] += 1 } }
            trail.append(-1)
            for (u, how) in search.related[s] where start[u] < 0 && active[u] {
                for k in search.offset[u]..<search.offset[u + 1]
                where search.forbids(s, c, u, search.cellOf[k], how) {
                    blocked[k] += 1
                    trail.append(k)
                }
            }
        }

        mutating func unplace(_ s: Int) {
            while let k = trail.popLast(), k >= 0 { blocked[k] -= 1 }
            let c = start[s]
            for y in c..<(c + search.length[s]) { roomCount[y] -= 1 }
            for t in search.tightOf[s] { for y in c..<(c + search.length[s]) { tightCount[t * cells + y] -= 1 } }
            start[s] = -1
            placedCount -= 1
        }

        /// Depth first from the current partial placement; false when stopped before the end.
        mutating func descend(cost: Int, nodeLimit: Int, shouldStop: () -> Bool) -> Bool {
            nodes += 1
            if nodes >= nodeLimit || (nodes & 15 == 0 && shouldStop()) { stopped = true }
            if stopped { return false }
            if placedCount == activeCount {
                // Interpretation is checked on the whole placement (its teams' day is no pairwise rule).
                guard search.interpretationFits(start) else { return true }
                incumbent = cost
                best = start
                return true
            }
            // The bound: each unplaced session at its cheapest start still allowed; the one with
            // the fewest starts within reach is placed next (first fail).
            var bound = cost
            for u in members where start[u] < 0 {
                var k = search.offset[u]
                let end = search.offset[u + 1]
                while k < end && !allowed(u, k) { k += 1 }
                guard k < end else { return true }
                firstAllowed[u] = k
                bound += search.costOf[k]
                if bound >= incumbent { return true }
            }
            let slack = incumbent == Int.max ? Int.max : incumbent - 1 - bound
            var choice = -1, fewest = Int.max
            for u in members where start[u] < 0 {
                var count = 0
                let least = search.costOf[firstAllowed[u]]
                for k in firstAllowed[u]..<search.offset[u + 1] {
                    if slack != Int.max && search.costOf[k] - least > slack { break }
                    if allowed(u, k) {
                        count += 1
                        if count >= fewest { break }
                    }
                }
                if count < fewest {
                    fewest = count
                    choice = u
                }
            }
            let u = choice
            let rest = bound - search.costOf[firstAllowed[u]]
            for k in firstAllowed[u]..<search.offset[u + 1] {
                let c = search.costOf[k]
                if incumbent != Int.max && rest + c >= incumbent { break }
                guard allowed(u, k) else { continue }
                place(u, search.cellOf[k])
                let finished = descend(cost: cost + c, nodeLimit: nodeLimit, shouldStop: shouldStop)
                unplace(u)
                if !finished { return false }
            }
            return true
        }
    }
}

extension SchedulingProblem {
    /// Rooms for sessions at `starts` (cells), first free room in order of start, pinned rooms
    /// first: never more rooms than sessions at once (interval colouring); nil when a session
    /// has no start or more sessions run at once than there are rooms.
    public func roomsByColouring(_ starts: [Int]) -> [Int]? {
        guard starts.count == items.count, starts.allSatisfy({ $0 >= 0 }), !rooms.isEmpty else { return nil }
        var busyUntil = [Int](repeating: Int.min, count: rooms.count)
        var out = [Int](repeating: 0, count: items.count)
        let order = items.indices.sorted {
            (items[$0].fixedRoom == nil ? 1 : 0, starts[$0], $0) < (items[$1].fixedRoom == nil ? 1 : 0, starts[$1], $1)
        }
        // Pinned rooms are kept as they are (a clash there is the full score's to find).
        for s in order where items[s].fixedRoom != nil { out[s] = items[s].fixedRoom! }
        let pinned = order.filter { items[$0].fixedRoom != nil }
        for s in order where items[s].fixedRoom == nil {
            let a = starts[s], b = starts[s] + max(1, items[s].length)
            guard
                let r = rooms.indices.first(where: { r in
                    busyUntil[r] <= a
                        && !pinned.contains {
                            out[$0] == r && starts[$0] < b && a < starts[$0] + max(1, items[$0].length)
                        }
                })
            else { return nil }
            out[s] = r
            busyUntil[r] = b
        }
        return out
    }
}
