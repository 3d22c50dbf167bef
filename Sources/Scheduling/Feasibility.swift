import Localization
import MeetingModel

/// Reasons, found before any search, why no programme can satisfy the hard constraints.
public enum Feasibility {
    /// Every reason found (empty when none is obvious), in the language of `l`.
    public static func obstacles(_ p: SchedulingProblem, l10n l: Localizer = .english) -> [String] {
        var reasons: [String] = []
        let m = p.meeting
        for item in p.items where item.domain.isEmpty {
            let s = item.session
            let why =
                s.allowedWindows.isEmpty
                ? l.plural(
                    "feasible.no-start", m.days.count, ["window": "\(m.dailyWindow)", "grid": "\(m.gridMinutes)"])
                : l("feasible.no-window")
            reasons.append(
                l(
                    "feasible.fits-nowhere",
                    ["session": s.id, "title": s.title, "minutes": "\(s.durationMinutes)", "why": why]))
        }
        let roomMinutes = p.rooms.count * m.days.count * m.dailyWindow.minutes
        let needed = m.sessions.reduce(0) { $0 + $1.durationMinutes }
        if needed > roomMinutes {
            reasons.append(
                l.plural(
                    "feasible.rooms", p.rooms.count,
                    [
                        "needed": "\(needed)", "days": l.plural("cli.count.days", m.days.count),
                        "window": "\(m.dailyWindow.minutes)", "total": "\(roomMinutes)",
                    ]))
        }
        let available = m.days.count * m.dailyWindow.minutes
        for (d, delegation) in m.delegations.enumerated() {
            let sitting = p.items.filter { $0.attendees.contains(d) }.reduce(0) { $0 + $1.session.durationMinutes }
            if sitting > p.sizes[d] * available {
                reasons.append(
                    l.plural(
                        "feasible.delegation", p.sizes[d],
                        ["delegation": delegation.name, "sitting": "\(sitting)", "available": "\(available)"]))
            }
        }
        // A delegation of one delegate attends one session at a time, and consecutive ones keep
        // the minimum break (on each day all but the first follow a break), as a chair's do.
        let rules = m.rules
        /// Minutes of sessions held one at a time, with the break before each but a day's first.
        func withBreaks(_ minutes: Int, sessions: Int) -> Int {
            minutes + max(0, sessions - m.days.count) * rules.minBreakMinutes
        }
        for (d, delegation) in m.delegations.enumerated() where p.sizes[d] == 1 && rules.minBreakMinutes > 0 {
            let sessions = p.items.filter { $0.attendees.contains(d) }
            // (Only sessions held to the daily windows: one with windows of its own may lie outside.)
            guard sessions.allSatisfy({ $0.session.allowedWindows.isEmpty && $0.session.fixedStart == nil }) else {
                continue
            }
            let minutes = sessions.reduce(0) { $0 + $1.session.durationMinutes }
            let needed = withBreaks(minutes, sessions: sessions.count)
            if minutes <= available && needed > available {
                reasons.append(
                    l.plural(
                        "feasible.delegation-breaks", sessions.count,
                        [
                            "delegation": delegation.name, "minutes": "\(minutes)", "needed": "\(needed)",
                            "available": "\(available)",
                        ]))
            }
        }
        // A chair's sessions never overlap, and consecutive ones keep the minimum break.
        for (ch, sessions) in p.chairedSessions.sorted(by: { $0.key < $1.key }) {
            let minutes = sessions.reduce(0) { $0 + p.items[$1].session.durationMinutes }
            let needed = withBreaks(minutes, sessions: sessions.count)
            if needed > available {
                reasons.append(
                    l.plural(
                        "feasible.chair", sessions.count,
                        [
                            "delegation": m.delegations[ch].name, "minutes": "\(minutes)", "needed": "\(needed)",
                            "available": "\(available)",
                        ]))
            }
        }
        // Interpreter teams: a session needs a team per block of its length; a language's
        // teams work at most their daily minutes on each meeting day.
        let limits = m.interpretation.limits, lang = l
        for (l, code) in p.interpretedLanguages.enumerated() {
            let language = lang.languageName(code), teams = p.teams[l]
            for s in p.sessionsOfLanguage[l] {
                let minutes = p.items[s].session.durationMinutes
                let parts = InterpreterRoster.stretches(session: s, start: 0, minutes: minutes, limits: limits).count
                if parts > teams {
                    reasons.append(
                        lang(
                            "feasible.session-teams",
                            [
                                "session": p.items[s].session.id, "title": p.items[s].session.title,
                                "minutes": "\(minutes)",
                                "language": language, "block": "\(limits.blockMinutes)", "parts": "\(parts)",
                                "teams": "\(teams)",
                            ]))
                }
            }
            let total = p.sessionsOfLanguage[l].reduce(0) { $0 + p.items[$1].session.durationMinutes }
            let capacity = teams * limits.minutesPerDay * m.days.count
            if total > capacity {
                reasons.append(
                    lang.plural(
                        "feasible.language-teams", teams,
                        [
                            "total": "\(total)", "language": language, "minutes": "\(limits.minutesPerDay)",
                            "days": lang.plural("cli.count.days", m.days.count), "capacity": "\(capacity)",
                        ]))
            }
        }
        return reasons
    }
}
