import MeetingModel

/// Whether one language's interpreter teams can work one day's sessions within their limits,
/// and how: each session (or each part of one longer than a block) goes to one team; a team
/// never works two at once, its gaps shorter than the rest continue a block, a block lasts at
/// most `blockMinutes`, and a day has at most `blocksPerDay` blocks and `minutesPerDay` minutes.
public enum InterpreterRoster {
    /// A stretch one team covers, in minutes on the meeting's timeline, and its session.
    public struct Stretch: Sendable, Hashable {
        public let session: Int
        public let start: Int
        public let end: Int
        public var minutes: Int { end - start }

        public init(session: Int, start: Int, end: Int) {
            self.session = session
            self.start = start
            self.end = end
        }
    }

    /// A day's roster of one language.
    public struct Outcome: Sendable, Hashable {
        /// Whether every stretch has a team within the limits.
        public let feasible: Bool
        /// 0 when feasible, else the minutes over the limits of the best assignment found (≥ 1).
        public let overage: Int
        /// The team of each stretch (input order), of a valid assignment or the best found.
        public let team: [Int]
        /// Blocks worked, over all teams.
        public let blocks: Int
        /// Teams with work.
        public let teamsUsed: Int
    }

    /// Cuts a session of `minutes` starting at `start` into equal stretches of at most one block:
    /// a session longer than a block needs a relief team (or a break) for each further part.
    /// (`SchedulingProblem.appendInterpretationStretches` cuts the same way without allocating.)
    public static func stretches(session: Int, start: Int, minutes: Int, limits: InterpreterLimits) -> [Stretch] {
        let parts = max(1, (minutes + limits.blockMinutes - 1) / limits.blockMinutes)
        return (0..<parts).map { k in
            Stretch(session: session, start: start + minutes * k / parts, end: start + minutes * (k + 1) / parts)
        }
    }

    private struct TeamDay {
        var lastEnd = Int.min, blockStart = 0, blocks = 0, minutes = 0

        /// Minutes over the limits if `s` is added (0: allowed), and the team after it.
        func adding(_ s: Stretch, _ limits: InterpreterLimits) -> (over: Int, next: TeamDay) {
            var t = self, over = 0
            if blocks == 0 {
                t.blocks = 1
                t.blockStart = s.start
            } else if s.start < lastEnd {
                over += min(s.end, lastEnd) - s.start  // working two sessions at once
                t.blockStart = min(blockStart, s.start)
            } else if s.start - lastEnd < limits.restMinutes {
                // The same block goes on.
            } else {
                t.blocks += 1
                t.blockStart = s.start
                if t.blocks > limits.blocksPerDay { over += s.minutes }
            }
            t.lastEnd = max(lastEnd, s.end)
            over +=
                max(0, t.lastEnd - t.blockStart - limits.blockMinutes)
                - (blocks == 0 || t.blockStart != blockStart ? 0 : max(0, lastEnd - blockStart - limits.blockMinutes))
            t.minutes += s.minutes
            over += max(0, t.minutes - limits.minutesPerDay) - max(0, minutes - limits.minutesPerDay)
            return (over, t)
        }
    }

    /// Finds a valid assignment of `stretches` to `teams` teams (exhaustively, up to a bound on
    /// the search), else the overage of a greedy assignment.
    public static func roster(_ stretches: [Stretch], teams: Int, limits: InterpreterLimits) -> Outcome {
        if stretches.isEmpty { return Outcome(feasible: true, overage: 0, team: [], blocks: 0, teamsUsed: 0) }
        let order = stretches.indices.sorted {
            (stretches[$0].start, stretches[$0].end) < (stretches[$1].start, stretches[$1].end)
        }
        guard teams > 0 else {
            return Outcome(
                feasible: false, overage: max(1, stretches.reduce(0) { $0 + $1.minutes }),
                team: stretches.map { _ in -1 }, blocks: 0, teamsUsed: 0)
        }
        // Greedy first: each stretch to the team it costs least (ties: the busiest, then the first).
        var state = [TeamDay](repeating: TeamDay(), count: teams)
        var greedy = [Int](repeating: 0, count: stretches.count), total = 0
        for i in order {
            var best = 0, bestOver = Int.max
            for t in 0..<teams {
                let over = state[t].adding(stretches[i], limits).over
                if over < bestOver || (over == bestOver && state[t].minutes > state[best].minutes) {
                    best = t; bestOver = over
                }
            }
            total += bestOver
            state[best] = state[best].adding(stretches[i], limits).next
            greedy[i] = best
        }
        if total == 0 { return outcome(feasible: true, overage: 0, team: greedy, state: state) }

        // Exhaustive search with identical empty teams tried once, within a node budget.
        var team = [Int](repeating: -1, count: stretches.count), nodes = 0
        var days = [TeamDay](repeating: TeamDay(), count: teams)
        func place(_ k: Int) -> Bool {
            if k == order.count { return true }
            nodes += 1
            if nodes > 50_000 { return false }
            let i = order[k]
            var triedEmpty = false
            for t in 0..<teams {
                if days[t].blocks == 0 { if triedEmpty { continue }; triedEmpty = true }
                let (over, next) = days[t].adding(stretches[i], limits)
                guard over == 0 else { continue }
                let saved = days[t]
                days[t] = next
                team[i] = t
                if place(k + 1) { return true }
                days[t] = saved
            }
            return false
        }
        if place(0) { return outcome(feasible: true, overage: 0, team: team, state: days) }
        return outcome(feasible: false, overage: max(1, total), team: greedy, state: state)
    }

    /// `roster(…).overage` for the solver's hot path: sorts `stretches` in place and tries the
    /// greedy roster with the teams' state on the stack; only when it fails does the full search run.
    public static func overage(_ stretches: inout [Stretch], teams: Int, limits: InterpreterLimits) -> Int {
        if stretches.isEmpty { return 0 }
        guard teams > 0 else { return roster(stretches, teams: teams, limits: limits).overage }
        // Insertion sort: a language has a handful of stretches a day.
        for i in 1..<stretches.count {
            let x = stretches[i]
            var j = i - 1
            while j >= 0 && (stretches[j].start, stretches[j].end) > (x.start, x.end) {
                stretches[j + 1] = stretches[j]; j -= 1
            }
            stretches[j + 1] = x
        }
        let fits = withUnsafeTemporaryAllocation(of: TeamDay.self, capacity: teams) { state -> Bool in
            for t in 0..<teams { state.initializeElement(at: t, to: TeamDay()) }
            for s in stretches {
                var best = -1
                for t in 0..<teams where state[t].adding(s, limits).over == 0 {
                    if best < 0 || state[t].minutes > state[best].minutes { best = t }
                }
                if best < 0 { return false }
                state[best] = state[best].adding(s, limits).next
            }
            return true
        }
        return fits ? 0 : roster(stretches, teams: teams, limits: limits).overage
    }

    private static func outcome(feasible: Bool, overage: Int, team: [Int], state: [TeamDay]) -> Outcome {
        Outcome(
            feasible: feasible, overage: overage, team: team, blocks: state.reduce(0) { $0 + $1.blocks },
            teamsUsed: state.filter { $0.blocks > 0 }.count)
    }

    /// The fewest teams that could work these stretches within the limits.
    public static func teamsNeeded(_ stretches: [Stretch], limits: InterpreterLimits) -> Int {
        if stretches.isEmpty { return 0 }
        for k in 1...stretches.count where roster(stretches, teams: k, limits: limits).feasible { return k }
        return stretches.count
    }
}
