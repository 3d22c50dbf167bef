import MeetingModel
import MeetingTime

/// Scores a whole programme from scratch, with none of `ScoreState`'s incremental machinery:
/// the reference the incremental score is tested against, and the scorer of `evaluate`.
public enum FullScore {
    /// The breakdown of placing session `s` at `starts[s]` (cell, −1 = unplaced) in `rooms[s]`.
    public static func compute(_ p: SchedulingProblem, starts: [Int], rooms: [Int]) -> ScoreBreakdown {
        let meeting = p.meeting, rules = meeting.rules, cell = p.cellMinutes
        let n = p.items.count
        func placed(_ s: Int) -> Bool { starts[s] >= 0 }
        func begin(_ s: Int) -> Int { starts[s] * cell }
        func end(_ s: Int) -> Int { starts[s] * cell + p.items[s].session.durationMinutes }
        func cells(_ s: Int) -> Range<Int> { max(starts[s], 0)..<min(starts[s] + p.items[s].length, p.cellCount) }
        var raw: [ConstraintID: Int] = [:]
        func add(_ c: ConstraintID, _ v: Int) { raw[c, default: 0] += v }
        for c in ConstraintID.allCases { raw[c] = 0 }

        for s in 0..<n where !placed(s) { add(.unplaced, p.items[s].session.durationMinutes) }
        for s in 0..<n where placed(s) {
            let inDomain = p.items[s].domain.contains(starts[s])
            if !inDomain { add(p.items[s].isFixed ? .fixed : .window, p.items[s].session.durationMinutes) }
        }
        // Occupancy: who is where in every cell.
        var occupancy: [Int: [Int: Int]] = [:]  // delegation → cell → sessions
        var roomUse: [Int: [Int: Int]] = [:]
        var chairUse: [Int: [Int: Int]] = [:]
        for s in 0..<n where placed(s) {
            for x in cells(s) {
                for d in p.items[s].attendees { occupancy[d, default: [:]][x, default: 0] += 1 }
                roomUse[rooms[s], default: [:]][x, default: 0] += 1
                if let ch = p.items[s].chair { chairUse[ch, default: [:]][x, default: 0] += 1 }
            }
            if rooms[s] >= p.rooms.count { add(.rooms, p.items[s].session.durationMinutes) }
        }
        for (d, byCell) in occupancy { for (_, k) in byCell { add(.capacity, max(0, k - p.sizes[d]) * cell) } }
        for (r, byCell) in roomUse where r < p.rooms.count {
            for (_, k) in byCell { add(.rooms, max(0, k - 1) * cell) }
        }
        for (_, byCell) in chairUse { for (_, k) in byCell { add(.chair, max(0, k - 1) * cell) } }

        // Pairs.
        for s in 0..<n where placed(s) {
            for q in p.items[s].successors where placed(q) { add(.order, max(0, end(s) - begin(q))) }
        }
        let members = p.items.map { Set($0.attendees) }
        for s in 0..<n where placed(s) {
            for t in (s + 1)..<max(n, s + 1) where placed(t) && !members[s].isDisjoint(with: members[t]) {
                if begin(s) < end(t) && begin(t) < end(s) { continue }
                let gap = begin(t) >= end(s) ? begin(t) - end(s) : begin(s) - end(t)
                if gap < rules.minBreakMinutes { add(.breaks, rules.minBreakMinutes - gap) }
            }
        }
        // Interpreter teams: each language's day rostered anew.
        for l in p.interpretedLanguages.indices {
            let days = Set(p.sessionsOfLanguage[l].filter(placed).map { p.dayIndex(starts[$0]) })
            for day in days { add(.interpretation, p.interpretationOverage(language: l, day: day, start: starts)) }
        }
        for s in 0..<n where placed(s) {
            if let q = p.items[s].seriesNext, placed(q) {
                add(.splitDays, abs(p.dayIndex(starts[q]) - p.dayIndex(starts[s]) - 1))
            }
        }

        // Burden, through the meeting-level scorer (not the problem's cost tables).
        var perDelegation = [Int](repeating: 0, count: meeting.delegations.count)
        var nights: [Int: [Int: Int]] = [:], sitting: [Int: [Int: Int]] = [:]
        let position = Dictionary(uniqueKeysWithValues: meeting.delegations.enumerated().map { ($1.code, $0) })
        for s in 0..<n where placed(s) {
            let t = p.instant(ofCell: starts[s])
            for b in p.burden.burden(session: s, start: t) {
                let d = position[b.delegation]!
                perDelegation[d] += b.weighted
                add(.burden, b.weighted)
                nights[d, default: [:]][p.dayIndex(starts[s]), default: 0] += b.minutes.night
                sitting[d, default: [:]][p.dayIndex(starts[s]), default: 0] += p.items[s].session.durationMinutes
            }
            add(
                .preferredWindow,
                SchedulingProblem.minutesOutside(
                    p.items[s].preferred, start: t, minutes: p.items[s].session.durationMinutes))
            if let ref = p.reference[s], ref.cell != starts[s] || ref.room != rooms[s] { add(.stability, 1) }
        }
        add(.fairness, perDelegation.reduce(0) { $0 + $1 * $1 })
        if rules.rotateInconvenientHours {
            for (_, byDay) in nights {
                for (day, minutes) in byDay { add(.rotation, min(minutes, byDay[day + 1] ?? 0)) }
            }
        }
        for (_, byDay) in sitting {
            for (_, minutes) in byDay { add(.dailyHours, max(0, minutes - rules.maxDailyMinutes)) }
        }
        for sessions in p.chairedSessions.values {
            let byDay = Dictionary(grouping: sessions.filter(placed), by: { p.dayIndex(starts[$0]) })
            for (_, list) in byDay {
                let span = list.map(end).max()! - list.map(begin).min()!
                add(.chairCompactness, max(0, span - list.reduce(0) { $0 + p.items[$1].session.durationMinutes }))
            }
        }
        return ScoreBreakdown(raw: raw, weights: rules.weights)
    }
}
