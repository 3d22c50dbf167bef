/// The exact burden search by days (issue 21): when no start on one day can reach a start on
/// another (no overlap, and the minimum break always kept), a programme is a choice of each
/// day's sessions, and each day's share is a small search of its own. A table over the sets of
/// sessions placed so far (2ⁿ rows a day) finds the optimum; each day's best placement of a set
/// is searched once and kept, and days that look alike (the same starts at the same burdens,
/// counted from the day's first cell) share what was found.
///
/// On the KP sample (14 sessions, 5 days) this proves 27,390 in about 0.1 s where the search
/// over all starts did not finish in 4 s: the days' searches are a few sessions deep.
extension BurdenSearch {
    /// The most sessions searched by days (the table has 2ⁿ rows a day, and 3ⁿ ways to go on).
    public static let daySplitLimit = 16

    /// Whether the days are independent: every start on a day ends, with the minimum break, before
    /// any start on a later day begins (and each start falls on a meeting day).
    var daysAreIndependent: Bool {
        guard problem.dayCount > 0, let spans = daySpans() else { return false }
        var latestEnd = Int.min
        for span in spans {
            if let span, latestEnd != Int.min, latestEnd + minBreak > span.first { return false }
            latestEnd = max(latestEnd, span?.last ?? Int.min)
        }
        return true
    }

    /// Per meeting day, the minute its first start begins and its last session can end (nil: no
    /// start that day); nil when some start falls outside the meeting's days.
    private func daySpans() -> [(first: Int, last: Int)?]? {
        var spans = [(first: Int, last: Int)?](repeating: nil, count: problem.dayCount)
        for u in 0..<n {
            for k in offset[u]..<offset[u + 1] {
                let d = dayOfFlat[k]
                guard d >= 0 && d < spans.count else { return nil }
                let a = cellOf[k] * cellMinutes, b = a + durations[u]
                spans[d] = spans[d].map { (min($0.first, a), max($0.last, b)) } ?? (a, b)
            }
        }
        return spans
    }

    /// The search by days, or nil when it does not apply (too many sessions, or days that touch).
    func runByDays(target: Int?, nodeLimit: Int, shouldStop: () -> Bool) -> Outcome? {
        guard n <= Self.daySplitLimit, daysAreIndependent else { return nil }
        let days = problem.dayCount, full = (1 << n) - 1
        // Per day: each session's cheapest start there (Int.max: none), and the cheapest on that
        // day or a later one.
        var cheapest = [[Int]](repeating: [Int](repeating: Int.max, count: n), count: days)
        for u in 0..<n {
            for k in offset[u]..<offset[u + 1] { cheapest[dayOfFlat[k]][u] = min(cheapest[dayOfFlat[k]][u], costOf[k]) }
        }
        var fromDay = [[Int]](repeating: [Int](repeating: Int.max, count: n), count: days + 1)
        for d in stride(from: days - 1, through: 0, by: -1) {
            for u in 0..<n { fromDay[d][u] = min(cheapest[d][u], fromDay[d + 1][u]) }
        }
        // Over every set, built from the set without its lowest session: the sum of those
        // cheapest starts (Int.max when one has none), the predecessors, and the minutes.
        func sums(_ value: [Int]) -> [Int] {
            var out = [Int](repeating: 0, count: full + 1)
            for set in 1...full {
                let u = set.trailingZeroBitCount, rest = out[set & (set - 1)]
                out[set] = rest == Int.max || value[u] == Int.max ? Int.max : rest + value[u]
            }
            return out
        }
        let today = cheapest.map(sums), later = fromDay.map(sums)
        let minutes = sums(durations)
        var needs = [Int](repeating: 0, count: full + 1)
        let before = problem.items.map { $0.predecessors.reduce(0) { $0 | 1 << $1 } }
        for set in stride(from: 1, through: full, by: 1) {
            needs[set] = needs[set & (set - 1)] | before[set.trailingZeroBitCount]
        }
        let available = (0..<days).map { d in (0..<n).reduce(0) { cheapest[d][$1] == Int.max ? $0 : $0 | 1 << $1 } }
        let bases = dayBases(), signature = daySignatures(bases)
        // The room minutes of each day: a set needing more cannot be placed on it.
        let capacity = (daySpans() ?? []).map { $0.map { rooms * ($0.last - $0.first) } ?? 0 }

        // One search per kind of day, on that day's starts; per set of sessions, what is known
        // of its best placement there: a floor (0 at first) and whether it is the least burden
        // (Int.max: no placement), with the starts relative to the day's first cell.
        let kinds = (signature.max() ?? 0) + 1
        let firstDay = (0..<kinds).map { id in signature.firstIndex(of: id)! }
        let daySearches = firstDay.map { BurdenSearch(problem: problem, day: $0) }
        var searches = daySearches.map { State($0, incumbent: Int.max) }
        var floorOf = [[Int]](repeating: [Int](repeating: 0, count: full + 1), count: kinds)
        var exact = [[Bool]](repeating: [Bool](repeating: false, count: full + 1), count: kinds)
        var startsOf = [[Int: [Int]]](repeating: [:], count: kinds)
        var stopped = false, nodes = 0
        /// The least burden of `set` on day `d` when it is below `target` (nil: none below).
        func best(_ set: Int, day d: Int, below target: Int) -> Int? {
            if set == 0 { return target > 0 ? 0 : nil }
            let id = signature[d]
            if exact[id][set] { return floorOf[id][set] < target ? floorOf[id][set] : nil }
            if floorOf[id][set] >= target { return nil }
            // A set needs its minutes in the day's rooms; it is no cheaper than any of its
            // subsets with the rest at the cheapest, and cannot be placed when one of them cannot.
            var floor = max(floorOf[id][set], today[d][set])
            var infeasible = minutes[set] > capacity[d]
            var rest = set
            while rest != 0 && !infeasible {
                let u = rest.trailingZeroBitCount
                rest &= rest - 1
                let sub = set & ~(1 << u)
                if exact[id][sub] && floorOf[id][sub] == Int.max {
                    infeasible = true
                } else if floorOf[id][sub] > 0 {
                    floor = max(floor, floorOf[id][sub] + cheapest[d][u])
                }
            }
            if infeasible {
                exact[id][set] = true
                floorOf[id][set] = Int.max
                return nil
            }
            floorOf[id][set] = floor
            guard floor < target else { return nil }
            // Most sets fit at their cheapest starts: no search then.
            if floor == today[d][set], let cells = daySearches[id].cheapestTogether(set) {
                let relative = cells.map { $0 < 0 ? -1 : $0 - bases[firstDay[id]] }
                exact[id][set] = true
                startsOf[id][set] = relative
                return floor
            }
            let before = searches[id].nodes
            defer { nodes += searches[id].nodes - before }
            for u in 0..<n { searches[id].active[u] = set & (1 << u) != 0 }
            searches[id].members = (0..<n).filter { set & (1 << $0) != 0 }
            searches[id].activeCount = set.nonzeroBitCount
            searches[id].incumbent = target
            searches[id].best = nil
            guard searches[id].descend(cost: 0, nodeLimit: nodeLimit - nodes + before, shouldStop: shouldStop) else {
                stopped = true
                return nil
            }
            if let starts = searches[id].best {
                // Kept relative to the day's first cell, so a day that looks alike can use it.
                let relative = starts.map { $0 < 0 ? -1 : $0 - bases[firstDay[id]] }
                exact[id][set] = true
                floorOf[id][set] = searches[id].incumbent
                startsOf[id][set] = relative
                return searches[id].incumbent
            }
            if target == Int.max { exact[id][set] = true }
            floorOf[id][set] = target
            return nil
        }

        // Per day, the set placed that day on the best way to each row.
        var choice = [[Int32]](repeating: [Int32](repeating: -1, count: full + 1), count: days)
        /// The least burden below `limit`, by the table (nil: none below; `stopped` when cut short).
        func pass(below limit: Int) -> Int? {
            var table = [Int](repeating: Int.max, count: full + 1)
            table[0] = 0
            for d in 0..<days {
                var next = [Int](repeating: Int.max, count: full + 1)
                let here = today[d], rests = later[d + 1], known = available[d]
                for placed in 0...full where table[placed] < limit {
                    let open = full & ~placed & known
                    // Smaller sets first, so that a set's subsets are known when it is searched.
                    var set = 0
                    while true {
                        // Today's share `set`: the rest must have a later start, the order must
                        // allow it, and at their cheapest it must still beat the limit.
                        let after = placed | set, rest = rests[full & ~after]
                        if needs[set] & ~after == 0, rest != Int.max, table[placed] + here[set] < limit - rest,
                            let v = best(set, day: d, below: limit - rest - table[placed]),
                            table[placed] + v < next[after]
                        {
                            next[after] = table[placed] + v
                            choice[d][after] = Int32(set)
                        }
                        if stopped { return nil }
                        set = (set &- open) & open
                        if set == 0 { break }
                    }
                }
                table = next
            }
            return table[full] < limit ? table[full] : nil
        }

        // Limits rising from the cheapest starts (a quarter of a percent above, then doubling the
        // step) up to the target: a pass below a low limit searches few sets, what it learns of
        // each set holds for the next, and a pass that finds nothing proves its limit a bound.
        // (No placement costs more than every session at its dearest start: past that, the last
        // pass goes to the target.)
        let root = rootBound, ceiling = target ?? Int.max
        let dearest = (0..<n).reduce(0) { $0 + costOf[offset[$1 + 1] - 1] }
        var proven = root, step = max(1, root / 400)
        var found: Int?
        while found == nil {
            let limit = ceiling - root > step && root + step <= dearest ? root + step : ceiling
            found = pass(below: limit)
            if stopped { return Outcome(bound: proven, complete: false, starts: nil, burden: nil, nodes: nodes) }
            if found == nil {
                proven = limit
                if limit == ceiling {
                    return Outcome(bound: limit, complete: true, starts: nil, burden: nil, nodes: nodes)
                }
                step *= 2
            }
        }
        let optimum = found!
        // The sets chosen, from the last day back, and their starts on their own day.
        var placement = [Int](repeating: -1, count: n), placed = full
        for d in stride(from: days - 1, through: 0, by: -1) {
            let set = Int(choice[d][placed])
            if set > 0, let cells = startsOf[signature[d]][set] {
                for u in 0..<n where set & (1 << u) != 0 { placement[u] = cells[u] + bases[d] }
            }
            placed &= ~max(0, set)
        }
        return Outcome(bound: optimum, complete: true, starts: placement, burden: optimum, nodes: nodes)
    }

    /// The start cells of `set` (−1 for the others) when each at its cheapest start they break
    /// none of the search's rules together, else nil.
    func cheapestTogether(_ set: Int) -> [Int]? {
        var cells = [Int](repeating: -1, count: n), members: [Int] = []
        for u in 0..<n where set & (1 << u) != 0 {
            guard offset[u] < offset[u + 1] else { return nil }
            cells[u] = cellOf[offset[u]]
            members.append(u)
        }
        for u in members {
            let c = cells[u]
            var running = 0
            var tight = [Int](repeating: 0, count: tightOf[u].count)
            for w in members {
                if w != u, howOf[u][w] != 0, forbids(u, c, w, cells[w], howOf[u][w]) { return nil }
                // What runs at u's first cell: no more than the rooms, or a short delegation's delegates.
                guard cells[w] <= c && c < cells[w] + length[w] else { continue }
                running += 1
                for (i, t) in tightOf[u].enumerated() where tightOf[w].contains(t) { tight[i] += 1 }
            }
            if running > rooms { return nil }
            for (i, t) in tightOf[u].enumerated() where tight[i] > tightSizes[t] { return nil }
        }
        return interpretationFits(cells) ? cells : nil
    }

    /// The first start cell of any session on each day (0 for a day without one).
    private func dayBases() -> [Int] {
        var base = [Int](repeating: Int.max, count: problem.dayCount)
        for k in cellOf.indices where dayOfFlat[k] >= 0 && dayOfFlat[k] < base.count {
            base[dayOfFlat[k]] = min(base[dayOfFlat[k]], cellOf[k])
        }
        return base.map { $0 == Int.max ? 0 : $0 }
    }

    /// A number per day; days with the same number have the same starts at the same burdens,
    /// counted from their first cell, for every session.
    private func daySignatures(_ bases: [Int]) -> [Int] {
        var ids: [[Int]: Int] = [:]
        return (0..<problem.dayCount).map { d in
            var key: [Int] = []
            for u in 0..<n {
                let here = (offset[u]..<offset[u + 1]).filter { dayOfFlat[$0] == d }.sorted { cellOf[$0] < cellOf[$1] }
                key.append(here.count)
                for k in here { key += [cellOf[k] - bases[d], costOf[k]] }
            }
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
    }
}
