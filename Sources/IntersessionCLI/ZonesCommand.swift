import AgendaFiles
import ArgumentParser
import Foundation
import MeetingModel
import MeetingTime

/// `intersession zones`: every delegation's local time at an instant, or the overlap of a day.
struct ZonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zones",
        abstract: "Show every delegation's local time at an instant, or the many-zone overlap of a day.",
        discussion: """
            With --at: one row per delegation (code, zone, local date and time, UTC offset, comfort \
            band), west to east. INSTANT is ISO 8601 with Z or an offset (2021-06-21T10:00Z, \
            2021-06-21T13:00+03:00); without one it is read as the host's wall-clock time.
            With --overlap --day DATE: one row per delegation grouped by UTC offset, one column per \
            hour (or --step minutes) of that UTC day, each cell core, shoulder or night; below, the \
            best and worst windows of --window minutes for the whole meeting.
            """
    )

    @Argument(help: ArgumentHelp("The agenda file.", valueName: "agenda"))
    var agenda: String

    @Option(help: ArgumentHelp("The instant to show, e.g. 2021-06-21T10:00Z.", valueName: "instant"))
    var at: String?

    @Flag(help: "Show the overlap of one UTC day instead (with --day).")
    var overlap = false

    @Option(help: ArgumentHelp("The UTC day for --overlap, YYYY-MM-DD.", valueName: "date"))
    var day: String?

    @Option(help: ArgumentHelp("Minutes per column of the overlap (must divide 1440).", valueName: "minutes"))
    var step = 60

    @Option(help: ArgumentHelp("Length of the windows scored under the overlap, in minutes.", valueName: "minutes"))
    var window = 120

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Draw the overlap with ASCII (# + .) instead of block characters.")
    var ascii = false

    func validate() throws {
        if overlap == (at != nil) { throw ValidationError("give either --at INSTANT or --overlap --day DATE") }
        if overlap, day == nil { throw ValidationError("--overlap needs --day DATE (a UTC day, YYYY-MM-DD)") }
        if !overlap, day != nil { throw ValidationError("--day goes with --overlap") }
        if step < 1 || 1440 % step != 0 { throw ValidationError("--step must divide the day (5, 10, 15, 30, 60, …), not \(step)") }
        if window < 1 || window > 1440 { throw ValidationError("--window must be 1 to 1440 minutes, not \(window)") }
    }

    func run() throws {
        let meeting = try loadMeeting(agenda)
        let clock = try MeetingClock(meeting: meeting)
        if let at {
            let instant: Instant
            switch InstantText.read(at, wallClockIn: clock.host) {
            case .instant(let t): instant = t
            case .malformed(let why), .ambiguous(let why): throw ValidationError("--at: \(why)")
            }
            let readings = clock.readings(at: instant).sorted { ($0.offsetSeconds, $0.delegation) < ($1.offsetSeconds, $1.delegation) }
            switch format {
            case .text: print(ZoneTable.text(readings, at: instant, clock: clock, meeting: meeting, l: try cliLocalizer()), terminator: "")
            case .json: print(try ZoneTable.json(readings))
            }
        } else if let dayText = day {
            guard let d = CalendarDay(iso: dayText) else { throw ValidationError("--day: '\(dayText)' is not a date; write YYYY-MM-DD") }
            let burden = try MeetingBurden(meeting: meeting)
            let view = OverlapDay(meeting: meeting, burden: burden, clock: clock, day: d, step: step, windowMinutes: window)
            switch format {
            case .text: print(OverlapChart(view: view, meeting: meeting, clock: clock, glyphs: ascii || !Terminal.isUTF8 ? .ascii : .blocks).text, terminator: "")
            case .json: print(try OverlapChart.json(view))
            }
        }
    }
}

/// Loads an agenda for a command; prints its diagnostics and fails with exit code 1 on errors.
func loadMeeting(_ path: String) throws -> Meeting {
    let load = AgendaReader.load(path: path)
    for d in load.diagnostics where d.severity == .error || load.meeting == nil {
        FileHandle.standardError.write(Data((d.description + "\n").utf8))
    }
    guard let meeting = load.meeting else {
        FileHandle.standardError.write(Data("\(path): the agenda has errors; run 'intersession check \(path)'\n".utf8))
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
