/// Cheap lower bounds on the soft score, so a user sees how far a programme is from ideal.
public enum LowerBound {
    /// Every session at its own least-burden start, ignoring one another: a bound on the burden
    /// term; by Cauchy-Schwarz, Σ B² ≥ (Σ B)² / delegations bounds fairness; the other soft
    /// terms can be 0.
    public static func soft(_ p: SchedulingProblem) -> Double {
        let total = p.items.reduce(0) { $0 + ($1.burdenCost.min() ?? 0) }
        let w = p.meeting.rules.weights
        let delegations = max(1, p.meeting.delegations.count)
        return w.burden * Double(total) + w.fairness * (Double(total) * Double(total) / Double(delegations)) / 1000
    }
}
