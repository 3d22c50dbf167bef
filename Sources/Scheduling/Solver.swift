import Foundation
import MeetingModel

/// Places every session: a construction heuristic, then local search with incremental scoring.
///
/// Deterministic for a seed when limited by steps; the clock is injected so tests and the UI
/// control time. Runs on the caller's thread: the UI calls it off the main thread and watches
/// `progress`; `control.cancel()` stops it with the best programme found so far.
public struct Solver {
    public let problem: SchedulingProblem
    public let settings: SolverSettings
    private let now: @Sendable () -> UInt64

    /// A solver for `problem`; `now` gives monotonic nanoseconds.
    public init(
        problem: SchedulingProblem, settings: SolverSettings = SolverSettings(),
        now: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    ) {
        self.problem = problem
        self.settings = settings
        self.now = now
    }

    /// Solves from scratch (or from `start`, a plan to improve), reporting progress as the best improves.
    public func solve(
        from start: Plan? = nil, control: SolverControl? = nil,
        progress: ((SolverProgress) -> Void)? = nil
    ) -> SolveResult {
        let t0 = now()
        func elapsed() -> Double { Double(now() - t0) / 1e9 }
        var rng = SplitMix64(seed: settings.seed)
        let state = ScoreState(problem: problem)
        if let start { place(start, into: state) } else { construct(state) }
        if start == nil, state.score.hard > 0 {
            // Dense: the lightest starts crowd the same hours. Packed instead — each session at
            // its earliest start that adds no violation, as a person fills a room's day — the
            // programme may come out with fewer hard minutes; the better of the two is kept.
            let packed = ScoreState(problem: problem)
            construct(packed, earliestFirst: true)
            if packed.score.hard < state.score.hard { state.replace(starts: packed.start, rooms: packed.room) }
        }
        let constructed = state.score
        let movable = problem.items.indices.filter { !problem.items[$0].isFixed && problem.items[$0].domain.count > 0 }
        // The feasibility phase, with a budget of its own: up to half the step limit, else up to
        // 90 % of the time limit (measured on planted meetings: better than 60 %; a programme
        // that is not yet feasible gains nothing from the soft polish). It ends at the first
        // feasible programme, leaving the rest to the annealing.
        repairPhase(
            state, movable: movable, rng: &rng, steps: settings.maxIterations.map { max(1, $0 / 2) },
            deadline: settings.timeLimit.map { $0 * 0.9 }, elapsed: elapsed, control: control, progress: progress)
        var best = state.score, bestStarts = state.start, bestRooms = state.room
        var timeToBest = elapsed()
        var timeToFeasible: Double? = best.hard == 0 ? timeToBest : nil
        var lowerBound = LowerBound.soft(problem)
        // On a small meeting, an exact burden search once the local search has had three
        // quarters of its time or steps (or half its unimproved steps), for a tenth of the time:
        // finished, it proves a tighter bound (the optimum, when the burden is the whole score);
        // its placement is taken when the full score finds it feasible and better.
        var exactDone = settings.exactNodeLimit == 0 || problem.items.count > BurdenSearch.sessionLimit
        // Where the search by days applies it takes a fraction of a second: at once, so that a
        // proven optimum ends the run early.
        let exactFirst =
            !exactDone && problem.items.count <= BurdenSearch.daySplitLimit
            && BurdenSearch(problem: problem).daysAreIndependent
        var exactComplete = false, provenInfeasible = false
        var iteration = 0, lastImprovement = 0, unimprovedFrom = 0
        var stop = StopReason.nothingToMove
        var history = [Score](repeating: best, count: max(1, settings.lateAcceptanceLength))
        var current = best
        // Annealing cools from the mean worsening of a random move to a thousandth of it, over the
        // step limit when there is one (reproducible), else over the time limit.
        let hot =
            settings.metaheuristic == .simulatedAnnealing ? initialTemperature(state, movable: movable, rng: &rng) : 0
        var temperature = hot
        var mover = MoveMaker(problem: problem)
        // While infeasible, most moves pick among the sessions that carry hard violations
        // (refreshed every few thousand steps), so the search repairs before it polishes.
        var focus: [Int] = []

        search: while !movable.isEmpty {
            if iteration & 255 == 0 {
                if control?.isCancelled == true { stop = .cancelled; break search }
                if let limit = settings.timeLimit, elapsed() >= limit { stop = .timeLimit; break search }
                if settings.metaheuristic == .simulatedAnnealing {
                    let fraction =
                        settings.maxIterations.map { Double(iteration) / Double($0) }
                        ?? settings.timeLimit.map { elapsed() / $0 } ?? 0
                    temperature = hot * pow(1e-3, min(1, fraction))
                    // Still hot, the annealing wanders without new bests: steps without one count
                    // only from half way down (measured: a 60-s run on the 150-session meeting
                    // stopped "no improvement" hot, worse than the 10-s run).
                    if fraction < 0.5 { unimprovedFrom = iteration }
                }
            }
            if let max = settings.maxIterations, iteration >= max { stop = .iterationLimit; break search }
            if let limit = settings.unimprovedLimit, iteration - Swift.max(lastImprovement, unimprovedFrom) >= limit {
                stop = .unimproved; break search
            }
            if best.hard == 0, best.soft <= lowerBound + 1e-9 { stop = .lowerBoundReached; break search }
            if !exactDone, iteration & 255 == 0,
                exactFirst
                    || settings.maxIterations.map({ iteration * 4 >= $0 * 3 }) ?? false
                    || settings.timeLimit.map({ elapsed() * 4 >= $0 * 3 }) ?? false
                    || settings.unimprovedLimit.map({ (iteration - lastImprovement) * 2 >= $0 }) ?? false
            {
                exactDone = true
                let found = exactSearch(
                    target: best.hard == 0
                        ? bestStarts.indices.reduce(0) { $0 + problem.burdenCost($1, cell: bestStarts[$1]) } : nil,
                    share: exactFirst ? 0.5 : 0.1, control: control
                ) {
                    elapsed()
                }
                exactComplete = found.complete
                // Unfinished, what it proved still holds (the search by days proves a floor as it goes).
                if found.bound < Int.max { lowerBound = max(lowerBound, LowerBound.soft(problem, burden: found.bound)) }
                if found.complete && found.plan == nil && found.bound == Int.max {
                    provenInfeasible = true
                    stop = .provenInfeasible
                    break search
                }
                if let (starts, rooms) = found.plan {
                    let trial = problem.state(of: Plan(starts: starts, rooms: rooms))
                    if trial.score < best {
                        best = trial.score
                        bestStarts = starts
                        bestRooms = rooms
                        lastImprovement = iteration
                        timeToBest = elapsed()
                        if best.hard == 0 && timeToFeasible == nil { timeToFeasible = timeToBest }
                        progress?(SolverProgress(iteration: iteration, elapsed: timeToBest, best: best))
                        // The search goes on from there.
                        state.replace(starts: starts, rooms: rooms)
                        current = state.score
                        history = [Score](repeating: current, count: history.count)
                    }
                }
                continue
            }
            iteration += 1
            if iteration & 4095 == 1 { focus = current.hard > 0 ? conflicted(state, movable: movable) : [] }

            let pool = !focus.isEmpty && rng.below(10) < 7 ? focus : movable
            let undo: MoveMaker.Undo
            if !focus.isEmpty && rng.below(200) == 0 {
                undo = repair(focus[rng.below(focus.count)], state: state)
            } else {
                guard let u = mover.apply(randomMove: pool, state: state, rng: &rng) else { continue }
                undo = u
            }
            let candidate = state.score
            let accept: Bool
            switch settings.metaheuristic {
            case .hillClimbing:
                accept = candidate <= current
            case .lateAcceptance:
                let v = iteration % history.count
                accept = candidate <= current || candidate <= history[v]
                history[v] = accept ? candidate : current
            case .simulatedAnnealing:
                let delta = scalar(candidate) - scalar(current)
                accept = delta <= 0 || rng.unit() < exp(-delta / max(temperature, 1e-9))
            }
            if accept {
                current = candidate
                if candidate < best {
                    best = candidate
                    bestStarts = state.start
                    bestRooms = state.room
                    lastImprovement = iteration
                    timeToBest = elapsed()
                    if best.hard == 0 && timeToFeasible == nil { timeToFeasible = timeToBest }
                    progress?(SolverProgress(iteration: iteration, elapsed: timeToBest, best: best))
                }
            } else {
                mover.undo(undo, state: state)
            }
        }
        let plan = Plan(starts: bestStarts, rooms: bestRooms)
        return SolveResult(
            plan: plan, breakdown: FullScore.compute(problem, starts: plan.starts, rooms: plan.rooms),
            iterations: iteration, elapsed: elapsed(), timeToBest: timeToBest, timeToFeasible: timeToFeasible,
            stop: stop, constructed: constructed, lowerBound: lowerBound, exactSearchComplete: exactComplete,
            provenInfeasible: provenInfeasible)
    }

    /// The exact burden search for `share` of the time limit or of the step limit (one node a
    /// step, so a run with a step limit stays reproducible), within its node limit: its bound
    /// (what it proved, finished or not), and its placement with rooms when it found one.
    func exactSearch(target: Int?, share: Double, control: SolverControl?, elapsed: () -> Double) -> (
        complete: Bool, bound: Int, plan: ([Int], [Int])?
    ) {
        let until = settings.timeLimit.map { elapsed() + $0 * share }
        let nodes =
            settings.maxIterations.map { min(settings.exactNodeLimit, max(1, Int(Double($0) * share))) }
            ?? settings.exactNodeLimit
        let found = BurdenSearch(problem: problem).run(
            target: target, nodeLimit: nodes,
            shouldStop: { control?.isCancelled == true || until.map { elapsed() >= $0 } ?? false })
        let plan = found.starts.flatMap { starts in problem.roomsByColouring(starts).map { (starts, $0) } }
        return (found.complete, found.bound, plan)
    }

    /// Min-conflicts repair: moves `s` to the best of its lightest starts that adds no violation
    /// (scanning further when none of the first 64 is clean), in a free room.
    func repair(_ s: Int, state: ScoreState) -> MoveMaker.Undo {
        let old = (session: s, cell: state.start[s], room: state.room[s])
        state.remove(s)
        bestInsertion(s, state: state, candidates: 64)
        return MoveMaker.Undo(first: old, second: nil)
    }

    /// Movable sessions whose removal would lower the hard score (beyond their own absence).
    func conflicted(_ state: ScoreState, movable: [Int]) -> [Int] {
        let hard = state.score.hard
        return movable.filter { s in
            let cell = state.start[s], room = state.room[s]
            state.remove(s)
            let without = state.score.hard - problem.items[s].session.durationMinutes
            state.insert(s, cell: cell, room: room)
            return without < hard
        }
    }

    /// Soft points one hard minute outweighs, for annealing's single scale.
    private func scalar(_ s: Score) -> Double { Double(s.hard) * 1e6 + s.soft }

    /// The mean soft worsening of random moves from the constructed programme.
    private func initialTemperature(_ state: ScoreState, movable: [Int], rng: inout SplitMix64) -> Double {
        // Nothing to move (no sessions, or every one fixed or pinned): no move to sample.
        guard !movable.isEmpty else { return 1 }
        var mover = MoveMaker(problem: problem)
        var total = 0.0, count = 0
        let base = state.score
        for _ in 0..<200 {
            guard let undo = mover.apply(randomMove: movable, state: state, rng: &rng) else { continue }
            let d = state.score.soft - base.soft
            if d > 0, state.score.hard <= base.hard { total += d; count += 1 }
            mover.undo(undo, state: state)
        }
        return count == 0 ? 1 : total / Double(count)
    }

    // MARK: Construction

    /// Places `plan`'s sessions as given (a programme to improve).
    func place(_ plan: Plan, into state: ScoreState) {
        for s in problem.items.indices {
            if plan.starts[s] >= 0 {
                state.insert(s, cell: plan.starts[s], room: min(plan.rooms[s], problem.rooms.count - 1))
            }
        }
        for s in problem.items.indices where !state.isPlaced(s) { bestInsertion(s, state: state, candidates: Int.max) }
    }

    /// Fixed sessions first, then the rest in an order that respects predecessors, most
    /// constrained first; each at its best start among its lightest-burden candidates.
    func construct(_ state: ScoreState, earliestFirst: Bool = false) {
        for item in problem.items where item.isFixed {
            let cell = item.domain.first ?? 0
            let room =
                item.fixedRoom ?? (0..<problem.rooms.count).first { state.roomIsFree($0, for: item.index, cell: cell) }
                ?? 0
            state.insert(item.index, cell: cell, room: room)
        }
        var remaining = Set(problem.items.indices.filter { !problem.items[$0].isFixed })
        var waiting = problem.items.map { item in item.predecessors.filter { remaining.contains($0) }.count }
        while !remaining.isEmpty {
            let ready = remaining.filter { waiting[$0] == 0 }
            // A cycle cannot happen (the loader refuses them); take the rest by constrainedness if it did.
            let pool = ready.isEmpty ? Array(remaining) : Array(ready)
            let s = pool.min { a, b in
                let x = problem.items[a], y = problem.items[b]
                return (x.searchSlots.count, -x.attendees.count, -x.length, a) < (
                    y.searchSlots.count, -y.attendees.count, -y.length, b
                )
            }!
            bestInsertion(s, state: state, candidates: earliestFirst ? 0 : 48, earliestFirst: earliestFirst)
            remaining.remove(s)
            for q in problem.items[s].successors { waiting[q] -= 1 }
        }
    }

    /// Inserts `s` at the best of its `candidates` lightest starts (`earliestFirst`: earliest),
    /// scanning on until a start adds no hard violation (or its searched starts end).
    func bestInsertion(_ s: Int, state: ScoreState, candidates: Int, earliestFirst: Bool = false) {
        let item = problem.items[s]
        guard !item.domain.isEmpty else {
            state.insert(s, cell: problem.cell(of: problem.meeting.firstDay.startInUTC), room: 0)
            return
        }
        let order =
            earliestFirst
            ? item.searchSlots : item.searchSlots.sorted { (item.burdenCost[$0], $0) < (item.burdenCost[$1], $1) }
        // Placed without adding a violation, the hard score drops by exactly the session's own unplaced minutes.
        let cleanHard = state.score.hard - item.session.durationMinutes
        var best: (score: Score, cell: Int, room: Int)?
        for (n, k) in order.enumerated() {
            if n >= candidates, let b = best, b.score.hard <= cleanHard { break }
            let cell = item.domain[k]
            let room =
                item.fixedRoom ?? (0..<problem.rooms.count).first { state.roomIsFree($0, for: s, cell: cell) } ?? 0
            state.insert(s, cell: cell, room: room)
            let score = state.score
            state.remove(s)
            if best == nil || score < best!.score { best = (score, cell, room) }
        }
        state.insert(s, cell: best!.cell, room: best!.room)
    }
}
