/// Lower bounds on the soft score, so a user sees how far a programme is from ideal and the
/// solver knows when it has the optimum.
public enum LowerBound {
    /// The burden term at least `burden` (by default every session at its own least-burden start,
    /// ignoring one another; `BurdenSearch` gives a tighter one); fairness at least the least
    /// Σ B² that delegations' burdens can have when they add up to that total and each stays in
    /// what its sessions can give it (`spread`); a delegation that sits T minutes over D days
    /// exceeds a daily limit L by at least T − D·L in all; the other soft terms can be 0.
    public static func soft(_ p: SchedulingProblem, burden: Int? = nil) -> Double {
        let total = max(burden ?? 0, p.items.reduce(0) { $0 + ($1.burdenCost.min() ?? 0) })
        let rules = p.meeting.rules, w = rules.weights
        var sitting = [Int](repeating: 0, count: p.meeting.delegations.count)
        for item in p.items { for d in item.attendees { sitting[d] += item.session.durationMinutes } }
        let daily = sitting.reduce(0) { $0 + max(0, $1 - p.dayCount * rules.maxDailyMinutes) }
        let squares = w.fairness == 0 ? 0 : spread(total, ranges(p))
        let separate = w.burden * Double(total) + w.fairness * squares / 1000
        let together = w.fairness > 0 ? tangent(p) : 0
        return max(separate, together) + w.dailyHours * Double(daily)
    }

    /// Burden and fairness together, by tangents: B² ≥ 2μB − μ² for any μ, so with a level μ per
    /// delegation the two terms are at least a cost per session start (each attendee's burden
    /// weighed by 1 + 2μ/1000 times the fairness weight) less Σ μ²; every session at its cheapest
    /// such start bounds that from below. The levels move towards the burdens that choice gives
    /// (a Lagrangian ascent, averaged), and the best bound met is kept.
    ///
    /// Each round costs a product per attendee and start: up to 300 rounds (on the KP sample, full
    /// weights, 73,245.4 against CP-SAT's 73,245.9 bound), fewer on a larger meeting, none
    /// where even 20 would cost more than about 50 million (a tenth of a second).
    static func tangent(_ p: SchedulingProblem) -> Double {
        let w = p.meeting.rules.weights, count = p.meeting.delegations.count
        let size = p.items.reduce(0) { $0 + $1.attendees.count * $1.domain.count }
        let rounds = min(300, 50_000_000 / max(1, size))
        guard rounds >= 20, !p.items.contains(where: { $0.domain.isEmpty }) else { return 0 }
        // Per session, per attendee, its weighted burden at each start.
        let tables = p.items.map { item in
            item.attendees.map { d in
                item.domain.map { c in
                    p.burden.index.weighted(
                        zoneIndex: p.burden.zoneOfDelegation[d], startMinute: p.origin.minutes + c * p.cellMinutes,
                        duration: item.session.durationMinutes)
                }
            }
        }
        var level = [Double](repeating: 0, count: count), best = 0.0
        for round in 0..<rounds {
            let weight = level.map { w.burden + w.fairness * 2 * $0 / 1000 }
            var value = -w.fairness * level.reduce(0) { $0 + $1 * $1 } / 1000
            var burdens = [Double](repeating: 0, count: count)
            for (s, item) in p.items.enumerated() {
                var cheapest = Double.infinity, at = 0
                for k in item.domain.indices {
                    var cost = 0.0
                    for (i, d) in item.attendees.enumerated() { cost += weight[d] * Double(tables[s][i][k]) }
                    if cost < cheapest {
                        cheapest = cost
                        at = k
                    }
                }
                value += cheapest
                for (i, d) in item.attendees.enumerated() { burdens[d] += Double(tables[s][i][at]) }
            }
            best = max(best, value)
            let step = 1 / Double(round + 2)
            for d in 0..<count { level[d] += step * (burdens[d] - level[d]) }
        }
        return best
    }

    /// Per delegation, the least and the most burden its sessions can give it: each session at
    /// the start cheapest, or dearest, for that delegation alone (from its zone's table, once per
    /// zone a session has). A session with no start can give any burden.
    static func ranges(_ p: SchedulingProblem) -> [(low: Int, high: Int)] {
        var out = [(low: Int, high: Int)](repeating: (0, 0), count: p.meeting.delegations.count)
        for item in p.items {
            var byZone: [Int: (low: Int, high: Int)] = [:]
            for d in item.attendees {
                let z = p.burden.zoneOfDelegation[d]
                if byZone[z] == nil {
                    var low = item.domain.isEmpty ? 0 : Int.max, high = item.domain.isEmpty ? Int.max : 0
                    for c in item.domain {
                        let b = p.burden.index.weighted(
                            zoneIndex: z, startMinute: p.origin.minutes + c * p.cellMinutes,
                            duration: item.session.durationMinutes)
                        low = min(low, b)
                        high = max(high, b)
                    }
                    byZone[z] = (low, high)
                }
                let r = byZone[z]!
                out[d].low += r.low
                out[d].high = out[d].high == Int.max || r.high == Int.max ? Int.max : out[d].high + r.high
            }
        }
        return out
    }

    /// The least Σ B² of burdens B that add up to at least `total`, each within its range: each
    /// at the same level λ where its range allows (water filling; λ from below, so the sum found
    /// never passes the true least). Cauchy-Schwarz's (Σ B)² / count when every range is open.
    static func spread(_ total: Int, _ ranges: [(low: Int, high: Int)]) -> Double {
        guard !ranges.isEmpty else { return 0 }
        let lows = ranges.reduce(0.0) { $0 + Double($1.low) }
        if lows >= Double(total) { return ranges.reduce(0.0) { $0 + Double($1.low) * Double($1.low) } }
        func sum(_ level: Double) -> Double {
            ranges.reduce(0.0) { $0 + min(max(level, Double($1.low)), Double($1.high)) }
        }
        // Ranges that cannot hold the total leave no feasible programme: claim nothing then.
        let top = ranges.reduce(0.0) { max($0, Double($1.high)) }
        guard sum(top) >= Double(total) else { return 0 }
        var below = 0.0, above = top
        for _ in 0..<100 {
            let mid = (below + above) / 2
            if sum(mid) < Double(total) { below = mid } else { above = mid }
        }
        return ranges.reduce(0.0) {
            let b = min(max(below, Double($1.low)), Double($1.high))
            return $0 + b * b
        }
    }
}
