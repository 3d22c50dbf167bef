import Foundation
import Localization
import MeetingModel

/// Why a run found no feasible programme, for a Chair to act on (issue 21 §2): the hard
/// violations left, grouped by rule, by the delegations they fall on and by day; and the changes
/// to the meeting that a short run of the same solver found a programme with (a room more, a day
/// more, a longer daily window, a delegate more for the delegation most involved).
public struct NoneFound: Sendable {
    /// Violations of one rule.
    public struct Group: Sendable, Hashable {
        public let rule: ConstraintID
        public let count: Int
        public let minutes: Int
    }

    /// A delegation or a day and the minutes of violation that fall on it.
    public struct Share<Subject: Sendable & Hashable>: Sendable, Hashable {
        public let subject: Subject
        public let minutes: Int
    }

    /// A change to the meeting.
    public enum Change: Sendable, Hashable {
        /// One room more, with this name.
        case room(String)
        /// One day more, ending on this day.
        case day(CalendarDay)
        /// The daily window widened by an hour to this one.
        case window(ClockRange)
        /// A delegation (by code) with this many delegates.
        case delegates(code: String, count: Int)
    }

    /// A change and what the short run found with it.
    public struct Remedy: Sendable, Hashable {
        public let change: Change
        /// Whether a feasible programme was found (else the hard minutes left).
        public let found: Bool
        public let hardMinutes: Int
        public let seconds: Double
        /// Whether the checks before any search already refuse the changed meeting (no run then).
        public var ruledOut = false
    }

    public let groups: [Group]
    /// The delegations common to all sessions of a violation, most minutes first (at most five).
    public let delegations: [Share<String>]
    /// The host days the violations fall on, most minutes first.
    public let days: [Share<CalendarDay>]
    /// Every change tried, in the order tried.
    public let remedies: [Remedy]

    /// The budget of each change's run, from the run that found none: a quarter of its time
    /// limit (0.25-2 s), or its step limit as it was (reproducible).
    public static func shortRun(of settings: SolverSettings) -> SolverSettings {
        var short = settings
        if let limit = settings.timeLimit { short.timeLimit = min(2, max(0.25, limit / 4)) }
        return short
    }

    /// The changes with which a programme was found.
    public var suggestions: [Remedy] { remedies.filter(\.found) }

    /// Analyses `violations` of the best `plan` of `problem`, then tries each change with
    /// `settings` (a short budget), compiling the changed meeting with `compile` (the caller's
    /// interpretation requests and reference); a run stops at its first feasible programme, and
    /// every run stops when `control` is cancelled (the changes not tried are left out).
    public static func analyse(
        _ problem: SchedulingProblem, plan: Plan, violations: [Violation], settings: SolverSettings,
        control outer: SolverControl? = nil, compile: (Meeting) throws -> SchedulingProblem
    ) -> NoneFound {
        let index = Dictionary(uniqueKeysWithValues: problem.items.enumerated().map { ($1.session.id, $0) })
        var byRule: [ConstraintID: (count: Int, minutes: Int)] = [:]
        var byDelegation: [Int: Int] = [:], byDay: [Int: Int] = [:]
        for v in violations {
            byRule[v.constraint, default: (0, 0)].count += 1
            byRule[v.constraint, default: (0, 0)].minutes += v.minutes
            let sessions = v.sessions.compactMap { index[$0] }
            if sessions.count > 1 {
                var common = Set(problem.items[sessions[0]].attendees)
                for s in sessions.dropFirst() { common.formIntersection(problem.items[s].attendees) }
                for d in common { byDelegation[d, default: 0] += v.minutes }
            }
            if let s = sessions.first(where: { plan.starts[$0] >= 0 }),
                problem.dayOfCell.indices.contains(plan.starts[s])
            {
                byDay[problem.dayOfCell[plan.starts[s]], default: 0] += v.minutes
            }
        }
        let m = problem.meeting
        let groups = byRule.map { Group(rule: $0.key, count: $0.value.count, minutes: $0.value.minutes) }
            .sorted { ($1.minutes, $0.rule) < ($0.minutes, $1.rule) }
        let delegations = byDelegation.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(5)
            .map { Share(subject: m.delegations[$0.key].code, minutes: $0.value) }
        let days = byDay.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { Share(subject: m.firstDay.adding(days: $0.key), minutes: $0.value) }

        var changes: [(Change, Meeting)] = []
        let rules = m.rules
        let room = (rules.rooms.count...).lazy.map(SchedulingRules.roomName).first { !rules.rooms.contains($0) }!
        changes.append((.room(room), m.with(rules: rules.with(rooms: rules.rooms + [room]))))
        let day = m.lastDay.adding(days: 1)
        changes.append((.day(day), m.with(lastDay: day)))
        let w = m.dailyWindow
        if w.minutes <= 1380 {
            let wider =
                w.end.minutes <= 1380 && w.end.minutes > w.start.minutes
                ? ClockRange(start: w.start, end: ClockTime(minutes: w.end.minutes + 60))
                : ClockRange(start: ClockTime(minutes: (w.start.minutes + 1380) % 1440), end: w.end)
            changes.append((.window(wider), m.with(dailyWindow: wider)))
        }
        if let d = byDelegation.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key {
            let delegation = m.delegations[d], count = problem.sizes[d] + 1
            changes.append(
                (.delegates(code: delegation.code, count: count), m.withDelegationSizes([delegation.code: count])))
        }

        let remedies = changes.compactMap { change, meeting -> Remedy? in
            guard outer?.isCancelled != true, let changed = try? compile(meeting) else { return nil }
            // Refused up front (e.g. a room more where one delegate's breaks are the limit): said so.
            guard Feasibility.obstacles(changed).isEmpty else {
                var r = Remedy(change: change, found: false, hardMinutes: 0, seconds: 0)
                r.ruledOut = true
                return r
            }
            let control = SolverControl()
            let result = Solver(problem: changed, settings: settings).solve(control: control) { p in
                if p.best.hard == 0 || outer?.isCancelled == true { control.cancel() }
            }
            if outer?.isCancelled == true { return nil }
            let hard = result.breakdown.score.hard
            return Remedy(change: change, found: hard == 0, hardMinutes: hard, seconds: result.elapsed)
        }
        return NoneFound(groups: groups, delegations: delegations, days: days, remedies: remedies)
    }
}

extension NoneFound {
    /// The reason in words, line by line with its indent: the rules, delegations and days of
    /// the violations left, then the changes a short run found a programme with, and those it
    /// tried without one (for `plan` and the builder's solver dialog).
    public func lines(meeting: Meeting) -> [(indent: Int, text: Message)] {
        var out: [(Int, Message)] = [(0, Message("none.heading"))]
        for g in groups {
            out.append(
                (2, Message("none.rule", ["rule": g.rule.rawValue, "minutes": "\(g.minutes)", "count": "\(g.count)"])))
        }
        let names = Dictionary(meeting.delegations.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        if !delegations.isEmpty {
            let list = delegations.map { "\(names[$0.subject] ?? $0.subject) (\($0.subject)) \($0.minutes)" }
            out.append((2, Message("none.delegations", ["list": list.joined(separator: ", ")])))
        }
        if !days.isEmpty {
            out.append(
                (2, Message("none.days", ["list": days.map { "\($0.subject) \($0.minutes)" }.joined(separator: ", ")])))
        }
        func said(_ change: Change) -> Message.Value {
            switch change {
            case .room(let name): .message(Message("none.room", ["room": name]))
            case .day(let day): .message(Message("none.day", ["day": "\(day)"]))
            case .window(let w): .message(Message("none.window", ["window": "\(w)"]))
            case .delegates(let code, let count):
                .message(Message("none.delegates", ["delegation": names[code] ?? code, "count": "\(count)"]))
            }
        }
        let found = suggestions
        out.append((0, Message(found.isEmpty ? "none.nothing" : "none.remedies")))
        for r in found {
            out.append(
                (
                    2,
                    Message(
                        "none.found",
                        values: ["change": said(r.change), "seconds": .text(String(format: "%.2f", r.seconds))])
                ))
        }
        for r in remedies where !r.found {
            out.append(
                r.ruledOut
                    ? (2, Message("none.ruled-out", values: ["change": said(r.change)]))
                    : (
                        2,
                        Message("none.tried", values: ["change": said(r.change), "minutes": .text("\(r.hardMinutes)")])
                    ))
        }
        return out
    }
}
