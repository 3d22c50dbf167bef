/// Starts that no programme can use, taken out of the sessions' domains before the search
/// (issue 21): on a dense meeting the search otherwise spends its time on programmes that put
/// sessions before the opening or let the opening drift to where the rest cannot follow.
extension SchedulingProblem {
    /// Narrows `domains` (start cells, sorted) of the sessions that are free to move:
    /// - **order**: a session starts no earlier than the earliest end of each predecessor and
    ///   ends no later than the latest start of each successor (repeated along the chains);
    /// - **room time**: a session with successors ends early enough that all the minutes that
    ///   must come after it fit in the rooms' time that is left, and one with predecessors starts
    ///   late enough for theirs (a room holds one session at a time; the time counted is every
    ///   cell some session could occupy).
    /// Each rule only removes starts that break a hard constraint with every placement of the
    /// others, so the optimum is unchanged; a domain is never emptied (an impossible agenda is
    /// left to the proofs that can say why).
    static func prune(
        _ domains: inout [[Int]], movable: [Bool], lengths: [Int], predecessors: [[Int]], successors: [[Int]],
        rooms: Int
    ) {
        let n = domains.count
        guard n > 1 else { return }
        func narrow(_ s: Int, _ keep: (Int) -> Bool) -> Bool {
            guard movable[s] else { return false }
            let kept = domains[s].filter(keep)
            guard !kept.isEmpty, kept.count < domains[s].count else { return false }
            domains[s] = kept
            return true
        }
        // Order, to a fixed point (bounded: the chains are acyclic, so n rounds suffice).
        func propagateOrder() {
            for _ in 0..<n {
                var changed = false
                for s in 0..<n where !domains[s].isEmpty {
                    for p in predecessors[s] where !domains[p].isEmpty {
                        let earliest = domains[p][0] + lengths[p]
                        if narrow(s, { $0 >= earliest }) { changed = true }
                    }
                    for q in successors[s] where !domains[q].isEmpty {
                        let latest = domains[q][domains[q].count - 1] - lengths[s]
                        if narrow(s, { $0 <= latest }) { changed = true }
                    }
                }
                if !changed { break }
            }
        }
        propagateOrder()

        // Room time: the cells some session could occupy, counted from the start and the end.
        guard rooms > 0, let last = domains.indices.compactMap({ s in domains[s].last.map { $0 + lengths[s] } }).max()
        else { return }
        var usable = [Bool](repeating: false, count: last + 1)
        // (A fixed start before the first cell, which the agenda checks refuse, counts from it.)
        for s in 0..<n { for c in domains[s] { for x in max(c, 0)..<max(c + lengths[s], 0) { usable[x] = true } } }
        var before = [Int](repeating: 0, count: last + 2)  // usable cells < c
        for c in 0...last { before[c + 1] = before[c] + (usable[c] ? 1 : 0) }
        func after(_ c: Int) -> Int { before[last + 1] - before[min(max(c, 0), last + 1)] }
        // The cells of all the sessions that must follow (or precede) each one, along the chains.
        func closure(_ next: [[Int]]) -> [Int] {
            (0..<n).map { s in
                var seen = Set<Int>(), stack = next[s]
                while let t = stack.popLast() { if seen.insert(t).inserted { stack += next[t] } }
                return seen.reduce(0) { $0 + lengths[$1] }
            }
        }
        let later = closure(successors), earlier = closure(predecessors)
        var changed = false
        for s in 0..<n where movable[s] {
            if later[s] > 0 && narrow(s, { after($0 + lengths[s]) * rooms >= later[s] }) { changed = true }
            if earlier[s] > 0 && narrow(s, { before[min($0, last + 1)] * rooms >= earlier[s] }) { changed = true }
        }
        if changed { propagateOrder() }
    }
}
