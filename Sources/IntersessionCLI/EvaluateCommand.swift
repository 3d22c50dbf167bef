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
        // The exact burden search's bound on a small meeting (at most 2 s), the programme's own
        // burden as the target to beat when it is feasible.
        var bound: Double?, exact = false
        if problem.items.count <= BurdenSearch.sessionLimit {
            let feasible = FullScore.compute(problem, starts: plan.starts, rooms: plan.rooms).score.isFeasible
            let target =
                feasible && plan.starts.allSatisfy({ $0 >= 0 })
                ? plan.starts.indices.reduce(0) { $0 + problem.burdenCost($1, cell: plan.starts[$1]) } : nil
            let t0 = DispatchTime.now().uptimeNanoseconds
            let found = BurdenSearch(problem: problem).run(
                target: target, shouldStop: { DispatchTime.now().uptimeNanoseconds - t0 > 2_000_000_000 })
            if found.complete {
                bound = LowerBound.soft(problem, burden: found.bound)
                exact = true
            }
        }
        let report = try ProgrammeReport(problem: problem, plan: plan, lowerBound: bound, exactBound: exact)
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
