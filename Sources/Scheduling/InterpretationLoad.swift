import MeetingModel

/// What one language's interpreters work on one meeting day of a programme.
public struct InterpretationLoad: Sendable, Hashable {
    /// ISO 639-1 code.
    public let language: String
    /// The meeting day (host's date).
    public let day: CalendarDay
    /// Minutes of sessions interpreted into the language that day.
    public let minutes: Int
    /// Blocks the teams work (of a roster within the limits, else of the best one found).
    public let blocks: Int
    /// The fewest teams that can work the day within the limits.
    public let teamsNeeded: Int
    /// Teams the meeting has for the language.
    public let teamsAvailable: Int

    /// Whether the day asks more than the teams can work.
    public var overLimit: Bool { teamsNeeded > teamsAvailable }

    /// Every language and meeting day with interpretation in `plan`, by language then day.
    public static func of(_ plan: Plan, on p: SchedulingProblem) -> [InterpretationLoad] {
        let limits = p.meeting.interpretation.limits
        var out: [InterpretationLoad] = []
        for (l, code) in p.interpretedLanguages.enumerated() {
            let days = Set(p.sessionsOfLanguage[l].filter { plan.starts[$0] >= 0 }.map { p.dayIndex(plan.starts[$0]) })
                .sorted()
            for day in days {
                let stretches = p.interpretationStretches(language: l, day: day, start: plan.starts)
                let needed = InterpreterRoster.teamsNeeded(stretches, limits: limits)
                let roster = InterpreterRoster.roster(stretches, teams: max(needed, p.teams[l]), limits: limits)
                let minutes = Set(stretches.map(\.session)).reduce(0) { $0 + p.items[$1].session.durationMinutes }
                guard day >= 1 && day <= p.meeting.days.count else { continue }
                out.append(
                    InterpretationLoad(
                        language: code, day: p.meeting.days[day - 1], minutes: minutes, blocks: roster.blocks,
                        teamsNeeded: needed, teamsAvailable: p.teams[l]))
            }
        }
        return out
    }

    /// Interpreter-days the programme costs: on each day, the teams each language needs, times
    /// the interpreters in a team.
    public static func interpreterDays(_ loads: [InterpretationLoad], interpretersPerTeam: Int) -> Int {
        loads.reduce(0) { $0 + $1.teamsNeeded } * interpretersPerTeam
    }
}
