import Foundation

/// The feasibility phase (issue 21): before the annealing polishes the soft score, an annealing
/// on the hard minutes alone takes the constructed programme to a feasible one where it can.
///
/// The main search weighs a hard minute as a million soft points, so at its temperature a move
/// that adds a hard minute is never taken: on a dense meeting it stalls at the first local
/// minimum of the hard score. Here the temperature is in hard minutes (from an hour down to a
/// fraction of a minute), so the search can climb out of a packing that leaves no room, and the
/// soft score is ignored until the programme is feasible.
extension Solver {
    /// Runs until the programme is feasible, `steps` moves (reproducible) or the clock passes
    /// `deadline`; leaves `state` at the least hard score it met, reporting each new least to
    /// `progress` (the builder's bar).
    func repairPhase(
        _ state: ScoreState, movable: [Int], rng: inout SplitMix64, steps: Int?, deadline: Double?,
        elapsed: () -> Double, control: SolverControl?, progress: ((SolverProgress) -> Void)? = nil
    ) {
        guard state.score.hard > 0, !movable.isEmpty else { return }
        let start = elapsed()
        var mover = MoveMaker(problem: problem)
        var current = state.score.hard, bestHard = current
        var bestStarts = state.start, bestRooms = state.room
        var focus: [Int] = []
        var temperature = 60.0
        var step = 0
        while current > 0 {
            if let steps, step >= steps { break }
            if step & 255 == 0 {
                if control?.isCancelled == true { break }
                if let deadline, elapsed() >= deadline { break }
                let fraction =
                    steps.map { Double(step) / Double(max(1, $0)) }
                    ?? deadline.map { (elapsed() - start) / max(1e-9, $0 - start) } ?? 0
                temperature = 60 * pow(1e-3, min(1, fraction))
            }
            if step & 4095 == 0 { focus = conflicted(state, movable: movable) }
            step += 1
            let pool = !focus.isEmpty && rng.below(10) < 7 ? focus : movable
            guard let undo = mover.apply(randomMove: pool, state: state, rng: &rng) else { continue }
            let hard = state.score.hard
            let delta = Double(hard - current)
            if delta <= 0 || rng.unit() < exp(-delta / temperature) {
                current = hard
                if hard < bestHard {
                    bestHard = hard
                    bestStarts = state.start
                    bestRooms = state.room
                    progress?(SolverProgress(iteration: step, elapsed: elapsed(), best: state.score))
                }
            } else {
                mover.undo(undo, state: state)
            }
        }
        if current > bestHard { state.replace(starts: bestStarts, rooms: bestRooms) }
    }
}
