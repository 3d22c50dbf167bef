import AgendaFiles
import ArgumentParser
import Foundation
import MeetingModel
import MeetingTime

/// `intersession zones`: every delegation's local time at an instant, or the overlap of a day.
struct ZonesCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "zones",
            abstract: cli("cli.zones.about"),
            discussion: cli("cli.zones.more")
        )
    }

    @Argument(help: ArgumentHelp(cli("cli.arg.agenda"), valueName: "agenda"))
    var agenda: String

    @Option(help: ArgumentHelp(cli("cli.zones.at"), valueName: "instant"))
    var at: String?

    @Flag(help: ArgumentHelp(cli("cli.zones.overlap")))
    var overlap = false

    @Option(help: ArgumentHelp(cli("cli.zones.day"), valueName: "date"))
    var day: String?

    @Option(help: ArgumentHelp(cli("cli.zones.step"), valueName: "minutes"))
    var step = 60

    @Option(help: ArgumentHelp(cli("cli.zones.window"), valueName: "minutes"))
    var window = 120

    @Option(help: ArgumentHelp(cli("cli.arg.format")))
    var format: OutputFormat = .text

    @Flag(help: ArgumentHelp(cli("cli.zones.ascii")))
    var ascii = false

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if overlap == (at != nil) { throw ValidationError(cli("cli.zones.either")) }
        if overlap, day == nil { throw ValidationError(cli("cli.zones.needs-day")) }
        if !overlap, day != nil { throw ValidationError(cli("cli.zones.day-alone")) }
        if step < 1 || 1440 % step != 0 { throw ValidationError(cli("cli.zones.bad-step", ["value": "\(step)"])) }
        if window < 1 || window > 1440 { throw ValidationError(cli("cli.zones.bad-window", ["value": "\(window)"])) }
    }

    func run() throws {
        let meeting = try loadMeeting(agenda)
        let clock = try MeetingClock(meeting: meeting)
        if let at {
            let instant: Instant
            switch InstantText.read(at, wallClockIn: clock.host) {
            case .instant(let t): instant = t
            case let reading: throw ValidationError("--at: " + instantProblem(reading)!.text(CLILanguage.current))
            }
            let readings = clock.readings(at: instant).sorted {
                ($0.offsetSeconds, $0.delegation) < ($1.offsetSeconds, $1.delegation)
            }
            switch format {
            case .text:
                print(
                    ZoneTable.text(readings, at: instant, clock: clock, meeting: meeting, l: CLILanguage.current),
                    terminator: "")
            case .json: print(try ZoneTable.json(readings))
            }
        } else if let dayText = day {
            guard let d = CalendarDay(iso: dayText) else {
                throw ValidationError(cli("cli.bad-date", ["option": "--day", "value": dayText]))
            }
            let burden = try MeetingBurden(meeting: meeting)
            let view = OverlapDay(
                meeting: meeting, burden: burden, clock: clock, day: d, step: step, windowMinutes: window)
            switch format {
            case .text:
                print(
                    OverlapChart(
                        view: view, meeting: meeting, clock: clock, glyphs: ascii || !Terminal.isUTF8 ? .ascii : .blocks
                    ).text, terminator: "")
            case .json: print(try OverlapChart.json(view))
            }
        }
    }
}

/// Loads an agenda for a command; prints its diagnostics and fails with exit code 1 on errors.
func loadMeeting(_ path: String) throws -> Meeting {
    let load = AgendaReader.load(path: path)
    for d in load.diagnostics where d.severity == .error || load.meeting == nil {
        printError(d.text(CLILanguage.current))
    }
    guard let meeting = load.meeting else {
        printError(cli("cli.agenda-has-errors", ["path": path]))
        throw ExitCode(1)
    }
    return meeting
}

/// Facts about the terminal the output goes to.
enum Terminal {
    /// Whether the locale's character set is UTF-8 (LC_ALL, then LC_CTYPE, then LANG).
    static var isUTF8: Bool {
        let env = ProcessInfo.processInfo.environment
        let value = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lowered = value.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }
}
