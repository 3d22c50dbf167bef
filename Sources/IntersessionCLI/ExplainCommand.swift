import AgendaFiles
import ArgumentParser
import Foundation
import MeetingModel
import MeetingTime
import Scheduling

/// `intersession explain`: why a session is where it is, and what its best alternatives would do.
struct ExplainCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "explain",
            abstract: cli("cli.explain.about")
        )
    }

    @Argument(help: ArgumentHelp(cli("cli.arg.agenda"), valueName: "agenda"))
    var agenda: String

    @Argument(help: ArgumentHelp(cli("cli.arg.programme"), valueName: "programme"))
    var programme: String

    @Option(help: ArgumentHelp(cli("cli.explain.session"), valueName: "id"))
    var session: String

    @OptionGroup var source: RequestSource
    @OptionGroup var language: LanguageOption

    func run() throws {
        let (meeting, problem, plan) = try loadPlacement(agenda: agenda, programme: programme, source: source)
        guard let s = meeting.sessions.firstIndex(where: { $0.id == session }) else {
            throw ValidationError(
                cli(
                    "cli.explain.no-session",
                    ["session": session, "agenda": agenda, "list": meeting.sessions.map(\.id).joined(separator: ", ")]))
        }
        let e = try problem.explain(s, in: plan)
        let clock = try MeetingClock(meeting: meeting)
        let item = problem.items[s]
        func when(_ t: Instant) -> String {
            let host = clock.hostLocal(at: t)
            return
                "\(LocalDateTime(localSeconds: t.seconds).day) \(LocalDateTime(localSeconds: t.seconds).timeText) UTC (\(CLILanguage.current.shortWeekday(host.day)) \(host.timeText) \(meeting.hostZone))"
        }
        var out =
            cli(
                "cli.explain.heading",
                [
                    "session": item.session.id, "title": item.session.title,
                    "minutes": "\(item.session.durationMinutes)",
                    "delegations": cli.plural("cli.count.delegations", item.attendees.count),
                ]) + "\n"
        if plan.starts[s] >= 0 {
            out +=
                cli(
                    "cli.explain.now",
                    [
                        "when": when(problem.instant(ofCell: plan.starts[s])),
                        "room": problem.rooms[safe: plan.rooms[s]] ?? "?", "burden": "\(e.burden)",
                    ]) + "\n"
            out +=
                e.atNight.isEmpty
                ? cli("cli.explain.no-night") + "\n"
                : cli(
                    "cli.explain.night",
                    [
                        "count": "\(e.atNight.count)",
                        "list": e.atNight.map { "\($0.code) \($0.minutes) min" }.joined(separator: ", "),
                    ]) + "\n"
        } else {
            out += cli("cli.explain.unplaced") + "\n"
        }
        for v in e.violations {
            out +=
                "  "
                + cli(
                    "cli.explain.breaks", ["constraint": v.constraint.rawValue, "message": v.text(CLILanguage.current)])
                + "\n"
        }
        out +=
            cli("cli.explain.score", ["score": e.score.text(CLILanguage.current)]) + "\n\n"
            + cli("cli.explain.alternatives", ["count": "\(item.domain.count)"]) + "\n"
        for (i, a) in e.alternatives.enumerated() {
            let delta = a.score.soft - e.score.soft
            out +=
                "\(i + 1). "
                + cli(
                    "cli.explain.alternative",
                    [
                        "when": when(a.start), "room": a.room, "score": a.score.text(CLILanguage.current),
                        "soft": String(format: "%+.1f", delta),
                    ])
                + (a.score.hard != e.score.hard
                    ? cli("cli.explain.hard", ["hard": String(format: "%+d", a.score.hard - e.score.hard)]) : "")
                + ")\n"
            let changes = a.changes.sorted { $0.key < $1.key }.map {
                "\($0.key.rawValue) \($0.value > 0 ? "+" : "")\($0.value)"
            }
            if !changes.isEmpty {
                out += "   " + cli("cli.explain.changes", ["list": changes.joined(separator: ", ")]) + "\n"
            }
            for v in a.violations {
                out +=
                    "   "
                    + cli(
                        "cli.explain.would-break",
                        ["constraint": v.constraint.rawValue, "message": v.text(CLILanguage.current)]) + "\n"
            }
        }
        if item.isFixed { out += "\n" + cli("cli.explain.fixed", ["session": item.session.id]) + "\n" }
        print(out, terminator: "")
    }
}
