/// Cheap lower bounds on the soft score, so a user sees how far a programme is from ideal.
public enum LowerBound {
    /// Every session at its own least-burden start, ignoring one another: a bound on the burden
    /// term; by Cauchy-Schwarz, Σ B² ≥ (Σ B)² / delegations bounds fairness; a delegation that
    /// sits T minutes over D days exceeds a daily limit L by at least T − D·L in all; the other
    /// soft terms can be 0.
    public static func soft(_ p: SchedulingProblem) -> Double {
        let total = p.items.reduce(0) { $0 + ($1.burdenCost.min() ?? 0) }
        let rules = p.meeting.rules, w = rules.weights
        let delegations = max(1, p.meeting.delegations.count)
        var sitting = [Int](repeating: 0, count: p.meeting.delegations.count)
        for item in p.items { for d in item.attendees { sitting[d] += item.session.durationMinutes } }
        let daily = sitting.reduce(0) { $0 + max(0, $1 - p.dayCount * rules.maxDailyMinutes) }
        return w.burden * Double(total) + w.fairness * (Double(total) * Double(total) / Double(delegations)) / 1000
            + w.dailyHours * Double(daily)
    }
}
