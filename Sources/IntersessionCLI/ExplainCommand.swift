import AgendaFiles
import ArgumentParser
import Foundation
import MeetingModel
import MeetingTime
import Scheduling

/// `intersession explain`: why a session is where it is, and what its best alternatives would do.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a session's place in a programme: its burden now and its three best alternative starts."
    )

    @Argument(help: ArgumentHelp("The agenda file.", valueName: "agenda"))
    var agenda: String

    @Argument(help: ArgumentHelp("The programme file.", valueName: "programme"))
    var programme: String

    @Option(help: ArgumentHelp("The session to explain.", valueName: "id"))
    var session: String

    @OptionGroup var source: RequestSource

    func run() throws {
        let (meeting, problem, plan) = try loadPlacement(agenda: agenda, programme: programme, source: source)
        guard let s = meeting.sessions.firstIndex(where: { $0.id == session }) else {
            throw ValidationError("no session '\(session)' in \(agenda); sessions: " + meeting.sessions.map(\.id).joined(separator: ", "))
        }
        let e = try problem.explain(s, in: plan)
        let clock = try MeetingClock(meeting: meeting)
        let item = problem.items[s]
        func when(_ t: Instant) -> String {
            let host = clock.hostLocal(at: t)
            return "\(LocalDateTime(localSeconds: t.seconds).day) \(LocalDateTime(localSeconds: t.seconds).timeText) UTC (\(host.day.weekdayAbbreviation) \(host.timeText) \(meeting.hostZone))"
        }
        var out = "\(item.session.id) \"\(item.session.title)\", \(item.session.durationMinutes) minutes, \(item.attendees.count) delegations\n"
        if plan.starts[s] >= 0 {
            out += "Now: \(when(problem.instant(ofCell: plan.starts[s]))), room \(problem.rooms[safe: plan.rooms[s]] ?? "?"), burden \(e.burden)\n"
            out += e.atNight.isEmpty ? "No delegation meets it at night.\n"
                : "At night for \(e.atNight.count): " + e.atNight.map { "\($0.code) \($0.minutes) min" }.joined(separator: ", ") + "\n"
        } else {
            out += "Now: not placed\n"
        }
        for v in e.violations { out += "  breaks [\(v.constraint.rawValue)]: \(v.message)\n" }
        out += "Programme score now: \(e.score)\n\nBest alternatives (\(item.domain.count) possible starts):\n"
        for (i, a) in e.alternatives.enumerated() {
            let delta = a.score.soft - e.score.soft
            out += "\(i + 1). \(when(a.start)), room \(a.room): score \(a.score) (" + String(format: "%+.1f", delta) + " soft"
                + (a.score.hard != e.score.hard ? String(format: ", %+d hard", a.score.hard - e.score.hard) : "") + ")\n"
            let changes = a.changes.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value > 0 ? "+" : "")\($0.value)" }
            if !changes.isEmpty { out += "   changes: " + changes.joined(separator: ", ") + "\n" }
            for v in a.violations { out += "   would break [\(v.constraint.rawValue)]: \(v.message)\n" }
        }
        if item.isFixed { out += "\n\(item.session.id) is fixed: the solver never moves it.\n" }
        print(out, terminator: "")
    }
}
