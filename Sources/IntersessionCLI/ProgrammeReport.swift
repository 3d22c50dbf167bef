import Foundation
import MeetingModel
import MeetingTime
import Scheduling

/// The report `plan` and `evaluate` print: sessions day by day, score by constraint,
/// the most burdened delegations, the lower bound, and every hard violation in words.
struct ProgrammeReport {
    let problem: SchedulingProblem
    let plan: Plan
    let breakdown: ScoreBreakdown
    let violations: [Violation]
    let lowerBound: Double
    /// Whether the bound comes from a finished exact burden search (else: cheapest starts).
    let exactBound: Bool
    let clock: MeetingClock

    init(problem: SchedulingProblem, plan: Plan, lowerBound: Double? = nil, exactBound: Bool = false) throws {
        self.problem = problem
        self.plan = plan
        self.breakdown = FullScore.compute(problem, starts: plan.starts, rooms: plan.rooms)
        self.violations = try ViolationFinder(problem: problem).violations(of: plan)
        self.lowerBound = lowerBound ?? LowerBound.soft(problem)
        self.exactBound = exactBound
        self.clock = try MeetingClock(meeting: problem.meeting)
    }

    var text: String {
        let m = problem.meeting, l = CLILanguage.current
        var out = ""
        let placed = plan.starts.indices.filter { plan.starts[$0] >= 0 }.sorted {
            (plan.starts[$0], plan.rooms[$0], $0) < (plan.starts[$1], plan.rooms[$1], $1)
        }
        var lastDay: CalendarDay?
        for s in placed {
            let item = problem.items[s]
            let start = problem.instant(ofCell: plan.starts[s]),
                end = start.adding(minutes: item.session.durationMinutes)
            let host = clock.hostLocal(at: start), hostEnd = clock.hostLocal(at: end)
            if host.day != lastDay {
                out += "\(l.shortWeekday(host.day)) \(host.day) (\(m.hostZone))\n"
                lastDay = host.day
            }
            let utc =
                "\(LocalDateTime(localSeconds: start.seconds).timeText)-\(LocalDateTime(localSeconds: end.seconds).timeText) UTC"
            let night = item.attendees.filter {
                problem.minutes(delegation: $0, session: s, cell: plan.starts[s]).night > 0
            }.count
            let room = problem.rooms[safe: plan.rooms[s]] ?? "?"
            out +=
                "  "
                + l(
                    "cli.report.session",
                    [
                        "utc": utc, "host": "\(host.timeText)-\(hostEnd.timeText)", "room": room,
                        "session": item.session.id,
                        "title": clip(item.session.title, 44),
                        "burden": "\(problem.burdenCost(s, cell: plan.starts[s]))", "night": "\(night)",
                    ]) + "\n"
        }
        let unplaced = plan.starts.indices.filter { plan.starts[$0] < 0 }
        if !unplaced.isEmpty {
            out +=
                l(
                    "cli.report.unplaced",
                    ["list": unplaced.map { problem.items[$0].session.id }.joined(separator: ", ")]) + "\n"
        }

        let score = breakdown.score
        out +=
            "\n" + l("cli.report.score", ["hard": "\(score.hard)", "soft": String(format: "%.1f", score.soft)]) + "\n"
        for c in ConstraintID.allCases {
            let raw = breakdown.raw[c] ?? 0
            guard c.isHard ? raw != 0 : true else { continue }
            out += "  " + pad(c.rawValue, 18) + leftPad(String(raw), 12) + " " + pad(l("cli.unit." + c.rawValue), 32)
            out += c.isHard ? l("cli.report.hard") + "\n" : "= " + String(format: "%.1f", breakdown.value(c)) + "\n"
        }
        if score.hard == 0 { out += "  " + l("cli.report.none-broken") + "\n" }
        let gap = lowerBound > 0 ? (score.soft - lowerBound) / lowerBound * 100 : 0
        out +=
            l(
                exactBound ? "cli.report.bound-exact" : "cli.report.bound",
                ["bound": String(format: "%.1f", lowerBound), "gap": String(format: "%.1f", gap)]) + "\n"
        if score.hard == 0 && score.soft <= lowerBound + 1e-6 { out += l("cli.report.proven") + "\n" }

        out += "\n" + l("cli.report.burdened") + "\n"
        for load in problem.loads(plan).prefix(10) {
            let d = m.delegations[load.delegation]
            out +=
                "  " + pad(d.code, 5) + pad(clip(d.name, 28), 29)
                + l(
                    "cli.report.load",
                    [
                        "night": leftPad(String(load.minutes.night), 4),
                        "shoulder": leftPad(String(load.minutes.shoulder), 4), "burden": String(load.weighted),
                    ]) + "\n"
        }
        if !violations.isEmpty {
            out += "\n" + l("cli.report.violations", ["count": "\(violations.count)"]) + "\n"
            for v in violations { out += "  [\(v.constraint.rawValue)] \(v.text(CLILanguage.current))\n" }
        }
        return out
    }

    /// JSON: sessions, score, burden, lower bound, violations.
    func json(extra: [String: Any] = [:]) throws -> String {
        let sessions: [[String: Any]] = plan.starts.indices.filter { plan.starts[$0] >= 0 }.map { s in
            let start = problem.instant(ofCell: plan.starts[s])
            return [
                "id": problem.items[s].session.id, "start": start.description,
                "end": start.adding(minutes: problem.items[s].session.durationMinutes).description,
                "room": problem.rooms[safe: plan.rooms[s]] ?? "?",
                "burden": problem.burdenCost(s, cell: plan.starts[s]),
            ]
        }
        var components: [String: Double] = [:], raw: [String: Int] = [:]
        for c in ConstraintID.allCases {
            components[c.rawValue] = breakdown.value(c)
            raw[c.rawValue] = breakdown.raw[c] ?? 0
        }
        let burden: [[String: Any]] = problem.loads(plan).map {
            [
                "delegation": problem.meeting.delegations[$0.delegation].code, "shoulder_minutes": $0.minutes.shoulder,
                "night_minutes": $0.minutes.night, "weighted": $0.weighted,
            ]
        }
        var object: [String: Any] = [
            "meeting": problem.meeting.id, "sessions": sessions,
            "score": [
                "hard": breakdown.score.hard, "soft": breakdown.score.soft, "components": components, "raw": raw,
            ],
            "burden": burden, "lower_bound": lowerBound,
            "lower_bound_source": exactBound ? "exact-search" : "cheapest-starts",
            "gap_percent": lowerBound > 0 ? (breakdown.score.soft - lowerBound) / lowerBound * 100 : 0,
            "proven_optimal": breakdown.score.isFeasible && breakdown.score.soft <= lowerBound + 1e-6,
            "violations": violations.map {
                [
                    "constraint": $0.constraint.rawValue, "sessions": $0.sessions, "minutes": $0.minutes,
                    "message": $0.text(CLILanguage.current),
                ]
            },
        ]
        for (k, v) in extra { object[k] = v }
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

}
