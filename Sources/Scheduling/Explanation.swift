import Localization
import MeetingModel
import MeetingTime

/// One delegation's load over a whole programme.
public struct DelegationLoad: Sendable, Hashable {
    /// Position in `meeting.delegations`.
    public let delegation: Int
    /// Band minutes over all its sessions.
    public let minutes: BandMinutes
    /// Weighted burden.
    public let weighted: Int
}

/// Another start a session could have, and what it would change.
public struct Alternative: Sendable {
    /// The start.
    public let start: Instant
    /// The room it would take.
    public let room: String
    /// The programme's score with the session there.
    public let score: Score
    /// Change of each constraint's raw measure against the programme as it is (non-zero only).
    public let changes: [ConstraintID: Int]
    /// Hard violations involving the session there.
    public let violations: [Violation]
}

/// Why a session is where it is.
public struct Explanation: Sendable {
    /// The session (position in meeting order).
    public let session: Int
    /// The programme's score as it is.
    public let score: Score
    /// The session's own weighted burden (all attendees).
    public let burden: Int
    /// Attending delegations with night minutes in it, heaviest first.
    public let atNight: [(code: String, minutes: Int)]
    /// Hard violations involving it now.
    public let violations: [Violation]
    /// The best three other starts, best first.
    public let alternatives: [Alternative]
}

extension SchedulingProblem {
    /// Each delegation's load under `plan`, heaviest first.
    public func loads(_ plan: Plan) -> [DelegationLoad] {
        var totals = [BandMinutes](repeating: BandMinutes(), count: meeting.delegations.count)
        for (s, c) in plan.starts.enumerated() where c >= 0 {
            for d in items[s].attendees { totals[d] = totals[d] + minutes(delegation: d, session: s, cell: c) }
        }
        let w = burden.index.weights
        return totals.enumerated().map { DelegationLoad(delegation: $0, minutes: $1, weighted: $1.weighted(by: w)) }
            .sorted { ($0.weighted, -$0.delegation) > ($1.weighted, -$1.delegation) }
    }

    /// A state holding `plan` (sessions it leaves unplaced stay unplaced).
    public func state(of plan: Plan) -> ScoreState {
        let extra = max(0, (plan.rooms.max() ?? 0) + 1 - rooms.count)
        let state = ScoreState(problem: self, extraRooms: extra)
        for (s, c) in plan.starts.enumerated() where c >= 0 { state.insert(s, cell: c, room: plan.rooms[s]) }
        return state
    }

    /// Why session `s` is where `plan` puts it: its burden, and its three best alternatives
    /// (violations as messages, worded by the reader).
    public func explain(_ s: Int, in plan: Plan) throws -> Explanation {
        let finder = try ViolationFinder(problem: self)
        let state = state(of: plan)
        let now = state.score, raw = state.breakdown.raw
        let id = items[s].session.id
        let cell = plan.starts[s]
        var atNight: [(code: String, minutes: Int)] = []
        if cell >= 0 {
            for d in items[s].attendees {
                let m = minutes(delegation: d, session: s, cell: cell)
                if m.night > 0 { atNight.append((meeting.delegations[d].code, m.night)) }
            }
        }
        atNight.sort { ($0.minutes, $1.code) > ($1.minutes, $0.code) }

        var candidates: [(score: Score, cell: Int, room: Int, raw: [ConstraintID: Int])] = []
        let wasPlaced = state.isPlaced(s), oldRoom = plan.rooms[s]
        for c in items[s].domain where c != cell {
            let r =
                state.roomIsFree(oldRoom, for: s, cell: c) && oldRoom < rooms.count
                ? oldRoom
                : ((0..<rooms.count).first { state.roomIsFree($0, for: s, cell: c) } ?? min(oldRoom, rooms.count - 1))
            if wasPlaced { state.move(s, cell: c, room: r) } else { state.insert(s, cell: c, room: r) }
            candidates.append((state.score, c, r, state.breakdown.raw))
            if wasPlaced { state.move(s, cell: cell, room: oldRoom) } else { state.remove(s) }
        }
        candidates.sort { ($0.score, $0.cell) < ($1.score, $1.cell) }
        let alternatives = candidates.prefix(3).map { c -> Alternative in
            var starts = plan.starts, roomsOf = plan.rooms
            starts[s] = c.cell
            roomsOf[s] = c.room
            var changes: [ConstraintID: Int] = [:]
            for k in ConstraintID.allCases where (c.raw[k] ?? 0) != (raw[k] ?? 0) {
                changes[k] = (c.raw[k] ?? 0) - (raw[k] ?? 0)
            }
            return Alternative(
                start: instant(ofCell: c.cell), room: rooms[c.room], score: c.score, changes: changes,
                violations: finder.violations(of: Plan(starts: starts, rooms: roomsOf)).filter {
                    $0.sessions.contains(id)
                })
        }
        return Explanation(
            session: s, score: now, burden: cell >= 0 ? burdenCost(s, cell: cell) : 0, atNight: atNight,
            violations: finder.violations(of: plan).filter { $0.sessions.contains(id) },
            alternatives: Array(alternatives)
        )
    }
}
