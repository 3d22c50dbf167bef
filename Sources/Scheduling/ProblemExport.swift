import Foundation
import MeetingModel

/// The compiled problem as JSON, for other solvers (the CP-SAT peer in Benchmarks/): every
/// table needed to rebuild the same constraints and the same objective.
///
/// Burden is given per zone and per cell (weighted points and night minutes of one cell); a
/// session's burden for a delegation is the sum over the cells it covers, exactly, because
/// band minutes add up minute by minute.
public struct ProblemExport: Encodable {
    struct Zone: Encodable { let id: String; let weighted: [Int]; let night: [Int] }
    struct DelegationRow: Encodable { let code: String; let size: Int; let zone: Int }
    struct SessionRow: Encodable {
        let id: String, duration: Int, length: Int
        let domain: [Int], burden: [Int], preferred: [Int]
        let attendees: [Int], chair: Int, predecessors: [Int], series_next: Int, fixed: Bool
    }
    struct Weights: Encodable {
        let burden, fairness, rotation, stability, preferred_window, split_days, chair_compactness, daily_hours: Double
    }
    let meeting: String
    let cell_minutes: Int
    let cell_count: Int
    let origin: String
    let rooms: [String]
    let min_break_minutes: Int
    let max_daily_minutes: Int
    let rotate: Bool
    let weights: Weights
    let day_of_cell: [Int]
    let day_slots: Int
    let zones: [Zone]
    let delegations: [DelegationRow]
    let sessions: [SessionRow]

    /// The export of `p`.
    public init(_ p: SchedulingProblem) {
        let rules = p.meeting.rules, w = rules.weights
        meeting = p.meeting.id
        cell_minutes = p.cellMinutes
        cell_count = p.cellCount
        origin = p.origin.description
        rooms = p.rooms
        min_break_minutes = rules.minBreakMinutes
        max_daily_minutes = rules.maxDailyMinutes
        rotate = rules.rotateInconvenientHours
        weights = Weights(
            burden: w.burden, fairness: w.fairness, rotation: w.rotation, stability: w.stability,
            preferred_window: w.preferredWindow, split_days: w.splitDays, chair_compactness: w.chairCompactness,
            daily_hours: w.dailyHours)
        day_of_cell = (0..<p.cellCount).map(p.dayIndex)
        day_slots = p.dayCount + 2
        let index = p.burden.index
        zones = index.zones.indices.map { z in
            let cells = (0..<p.cellCount).map {
                index.minutes(zoneIndex: z, startMinute: p.origin.minutes + $0 * p.cellMinutes, duration: p.cellMinutes)
            }
            return Zone(
                id: index.zones[z], weighted: cells.map { $0.weighted(by: index.weights) }, night: cells.map(\.night))
        }
        delegations = p.meeting.delegations.indices.map {
            DelegationRow(code: p.meeting.delegations[$0].code, size: p.sizes[$0], zone: p.burden.zoneOfDelegation[$0])
        }
        sessions = p.items.map {
            SessionRow(
                id: $0.session.id, duration: $0.session.durationMinutes, length: $0.length, domain: $0.domain,
                burden: $0.burdenCost, preferred: $0.preferredCost, attendees: $0.attendees, chair: $0.chair ?? -1,
                predecessors: $0.predecessors, series_next: $0.seriesNext ?? -1, fixed: $0.isFixed)
        }
    }

    /// Compact JSON.
    public func json() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }
}
