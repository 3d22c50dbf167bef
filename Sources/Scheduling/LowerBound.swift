/// Lower bounds on the soft score, so a user sees how far a programme is from ideal and the
/// solver knows when it has the optimum.
public enum LowerBound {
    /// The burden term at least `burden` (by default every session at its own least-burden start,
    /// ignoring one another; `BurdenSearch` gives a tighter one); by Cauchy-Schwarz,
    /// Σ B² ≥ (Σ B)² / delegations bounds fairness; a delegation that sits T minutes over D days
    /// exceeds a daily limit L by at least T − D·L in all; the other soft terms can be 0.
    public static func soft(_ p: SchedulingProblem, burden: Int? = nil) -> Double {
        let total = max(burden ?? 0, p.items.reduce(0) { $0 + ($1.burdenCost.min() ?? 0) })
        let rules = p.meeting.rules, w = rules.weights
        let delegations = max(1, p.meeting.delegations.count)
        var sitting = [Int](repeating: 0, count: p.meeting.delegations.count)
        for item in p.items { for d in item.attendees { sitting[d] += item.session.durationMinutes } }
        let daily = sitting.reduce(0) { $0 + max(0, $1 - p.dayCount * rules.maxDailyMinutes) }
        return w.burden * Double(total) + w.fairness * (Double(total) * Double(total) / Double(delegations)) / 1000
            + w.dailyHours * Double(daily)
    }
}
