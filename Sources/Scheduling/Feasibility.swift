import MeetingModel

/// Reasons, found before any search, why no programme can satisfy the hard constraints.
public enum Feasibility {
    /// Every reason found (empty when none is obvious).
    public static func obstacles(_ p: SchedulingProblem) -> [String] {
        var reasons: [String] = []
        let m = p.meeting
        for item in p.items where item.domain.isEmpty {
            let s = item.session
            reasons.append("\(s.id) \"\(s.title)\" (\(s.durationMinutes) minutes) fits nowhere: "
                + (s.allowedWindows.isEmpty ? "the daily window \(m.dailyWindow) UTC on \(m.days.count) days leaves no start on the \(m.gridMinutes)-minute grid" : "none of its allowed windows holds it"))
        }
        let roomMinutes = p.rooms.count * m.days.count * m.dailyWindow.minutes
        let needed = m.sessions.reduce(0) { $0 + $1.durationMinutes }
        if needed > roomMinutes {
            reasons.append("the sessions need \(needed) room-minutes but \(p.rooms.count) room\(p.rooms.count == 1 ? "" : "s") × \(m.days.count) days × \(m.dailyWindow.minutes) minutes of daily window give \(roomMinutes); add rooms or days, widen daily_window_utc, or shorten sessions")
        }
        let available = m.days.count * m.dailyWindow.minutes
        for (d, delegation) in m.delegations.enumerated() {
            let sitting = p.items.filter { $0.attendees.contains(d) }.reduce(0) { $0 + $1.session.durationMinutes }
            if sitting > p.sizes[d] * available {
                reasons.append("\(delegation.name) is expected in \(sitting) minutes of sessions but has \(p.sizes[d]) delegate\(p.sizes[d] == 1 ? "" : "s") for \(available) minutes of daily windows; raise its 'delegates' or trim its bodies")
            }
        }
        // A chair's sessions never overlap, and consecutive ones keep the minimum break.
        let rules = m.rules
        for (ch, sessions) in p.chairedSessions.sorted(by: { $0.key < $1.key }) {
            let minutes = sessions.reduce(0) { $0 + p.items[$1].session.durationMinutes }
            let needed = minutes + max(0, sessions.count - m.days.count) * rules.minBreakMinutes
            if needed > available {
                reasons.append("\(m.delegations[ch].name) chairs \(sessions.count) sessions, \(minutes) minutes (\(needed) with breaks), one at a time, but the meeting has \(available) minutes of daily windows; give some bodies another chair")
            }
        }
        // Interpreter teams: a session needs a team per block of its length; a language's
        // teams work at most their daily minutes on each meeting day.
        let limits = m.interpretation.limits
        for (l, code) in p.interpretedLanguages.enumerated() {
            let language = LanguageCatalogue.englishName(code), teams = p.teams[l]
            for s in p.sessionsOfLanguage[l] {
                let minutes = p.items[s].session.durationMinutes
                let parts = InterpreterRoster.stretches(session: s, start: 0, minutes: minutes, limits: limits).count
                if parts > teams {
                    reasons.append("\(p.items[s].session.id) \"\(p.items[s].session.title)\" lasts \(minutes) minutes and needs \(language) interpretation: "
                        + "a team works blocks of at most \(limits.blockMinutes) minutes, so it needs \(parts) \(language) teams taking turns but the meeting has \(teams); "
                        + "add \(language) teams (interpretation.teams) or split the session")
                }
            }
            let total = p.sessionsOfLanguage[l].reduce(0) { $0 + p.items[$1].session.durationMinutes }
            let capacity = teams * limits.minutesPerDay * m.days.count
            if total > capacity {
                reasons.append("the sessions need \(total) minutes of \(language) interpretation but \(teams) team\(teams == 1 ? "" : "s") × \(limits.minutesPerDay) minutes × \(m.days.count) days give \(capacity); add \(language) teams (interpretation.teams)")
            }
        }
        return reasons
    }
}
