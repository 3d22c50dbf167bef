import Localization
import MeetingModel
import Scheduling

/// The desk's delegation overview: per delegation, the registrations against the bodies it sits
/// in and against the most sessions it has at once in the programme in force; and the
/// scheduler's capacity rule checked with the delegates actually registered.
public struct DelegationOverview: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let code: String
        public let name: String
        public let kind: DelegationKind
        /// Delegates the agenda plans with (the solver's figure).
        public let planned: Int
        /// Registrations by status.
        public let counts: [RegistrationStatus: Int]
        /// Registered and neither rejected nor withdrawn.
        public let active: Int
        /// The bodies with a member list that names the delegation (bodies open to all are left
        /// out: everyone sits in them), each with how many of its active delegates sit in it.
        public let bodies: [Seat]
        /// The most of its sessions that run at once in the programme (0 without one).
        public let peak: Int

        /// Fewer delegates registered than sessions at once (none registered is shown apart).
        public var short: Bool { active > 0 && active < peak }
    }

    public struct Seat: Sendable, Equatable {
        public let body: String
        public let sitting: Int
    }

    /// Delegations with fewer delegates than sessions at once first, then in meeting order.
    public let rows: [Row]
    /// The capacity violations of the programme in force, with each delegation's size taken as
    /// its active registrations (the agenda's figure for delegations with none yet).
    public let warnings: [Message]
    /// Which programme was checked ("the draft", "published version 2"), or nil when there is none.
    public let programme: String?

    /// The overview of `meeting` for `delegates` (every registration of it) and `programme`.
    public init(meeting: Meeting, delegates: [Delegate], programme: Programme?, programmeLabel: String?) throws {
        var counts: [String: [RegistrationStatus: Int]] = [:]
        var active: [String: [Delegate]] = [:]
        for d in delegates {
            counts[d.delegation, default: [:]][d.status, default: 0] += 1
            if d.status != .rejected && d.status != .withdrawn { active[d.delegation, default: []].append(d) }
        }
        let sizes = active.mapValues(\.count)
        let problem = try SchedulingProblem(meeting: meeting.withDelegationSizes(sizes))
        let plan = programme.map { Plan.of($0, on: problem) }
        var peak = [Int](repeating: 0, count: meeting.delegations.count)
        if let plan {
            var load = [[Int]](repeating: [], count: meeting.delegations.count)
            for (s, item) in problem.items.enumerated() where plan.starts[s] >= 0 {
                for d in item.attendees {
                    if load[d].isEmpty { load[d] = [Int](repeating: 0, count: problem.cellCount) }
                    for c in plan.starts[s]..<min(plan.starts[s] + item.length, problem.cellCount) {
                        load[d][c] += 1
                        peak[d] = max(peak[d], load[d][c])
                    }
                }
            }
        }
        let all = meeting.delegations.enumerated().map { i, delegation in
            let mine = active[delegation.code] ?? []
            let bodies = meeting.bodies.filter {
                if case .delegations(let codes) = $0.members { codes.contains(delegation.code) } else { false }
            }
            return Row(
                code: delegation.code, name: delegation.name, kind: delegation.kind,
                planned: meeting.delegates(of: delegation),
                counts: counts[delegation.code] ?? [:], active: mine.count,
                bodies: bodies.map { b in
                    let sessions = meeting.sessions.filter { $0.bodies.contains(b.id) }
                    return Seat(
                        body: b.id,
                        sitting: mine.filter { d in
                            d.attends.isEmpty || d.attends.contains(b.id)
                                || sessions.contains { d.attends.contains($0.id) }
                        }.count)
                },
                peak: peak[i])
        }
        rows = all.filter(\.short) + all.filter { !$0.short }
        warnings =
            try plan.map {
                try ViolationFinder(problem: problem).violations(of: $0).filter { $0.constraint == .capacity }.map(
                    \.message)
            } ?? []
        self.programme = plan == nil ? nil : programmeLabel
    }
}
