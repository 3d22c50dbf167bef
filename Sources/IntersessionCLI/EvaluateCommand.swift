import AgendaFiles
import ArgumentParser
import Foundation
import MeetingModel
import Scheduling

/// `intersession evaluate`: score a hand-made or published programme, violations in words.
struct EvaluateCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "evaluate",
            abstract: cli("cli.evaluate.about"),
            discussion: cli("cli.evaluate.more")
        )
    }

    @Argument(help: ArgumentHelp(cli("cli.arg.agenda"), valueName: "agenda"))
    var agenda: String

    @Argument(help: ArgumentHelp(cli("cli.arg.programme"), valueName: "programme"))
    var programme: String

    @Option(help: ArgumentHelp(cli("cli.arg.format")))
    var format: OutputFormat = .text

    @OptionGroup var source: RequestSource
    @OptionGroup var language: LanguageOption

    func run() throws {
        let (meeting, problem, plan) = try loadPlacement(agenda: agenda, programme: programme, source: source)
        let report = try ProgrammeReport(problem: problem, plan: plan)
        switch format {
        case .text:
            print(
                cli("cli.evaluate.heading", ["file": programme, "meeting": meeting.id, "zone": meeting.hostZone])
                    + "\n\n" + report.text, terminator: "")
        case .json:
            print(try report.json())
        }
        if !report.breakdown.score.isFeasible { throw ExitCode(1) }
    }
}

/// An agenda, its compiled problem and a programme file placed on it (for evaluate and explain).
func loadPlacement(agenda: String, programme: String, source: RequestSource) throws -> (
    Meeting, SchedulingProblem, Plan
) {
    let meeting = try loadMeeting(agenda)
    let placed = try loadProgramme(programme, meeting: meeting)
    let problem = try SchedulingProblem(meeting: meeting, requests: try source.requests(for: meeting))
    return (meeting, problem, Plan.of(placed, on: problem))
}
