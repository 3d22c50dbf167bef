import AgendaFiles
import ArgumentParser
import Foundation
import MeetingModel
import Scheduling

extension Metaheuristic: ExpressibleByArgument {}

/// `intersession plan`: place every session and explain the score.
struct PlanCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "plan",
            abstract: cli("cli.plan.about"),
            discussion: cli("cli.plan.more")
        )
    }

    @Argument(help: ArgumentHelp(cli("cli.arg.agenda"), valueName: "agenda"))
    var agenda: String

    @Option(help: ArgumentHelp(cli("cli.plan.time-limit"), valueName: "seconds"))
    var timeLimit: Double = 10

    @Option(help: ArgumentHelp(cli("cli.plan.iterations"), valueName: "steps"))
    var iterations: Int?

    @Option(help: ArgumentHelp(cli("cli.plan.seed")))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp(cli("cli.plan.from"), valueName: "programme"))
    var from: String?

    @Option(help: ArgumentHelp(cli("cli.plan.metaheuristic")))
    var metaheuristic: Metaheuristic = .simulatedAnnealing

    @Option(help: ArgumentHelp(cli("cli.plan.history"), valueName: "steps"))
    var history: Int = 400

    @Option(help: ArgumentHelp(cli("cli.arg.format")))
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp(cli("cli.plan.out"), valueName: "file"))
    var out: String?

    @OptionGroup var source: RequestSource
    @OptionGroup var language: LanguageOption

    func validate() throws {
        if timeLimit <= 0 { throw ValidationError(cli("cli.plan.bad-time-limit")) }
        if let iterations, iterations < 0 { throw ValidationError(cli("cli.plan.bad-iterations")) }
        if history < 1 { throw ValidationError(cli("cli.plan.bad-history")) }
    }

    func run() throws {
        let meeting = try loadMeeting(agenda)
        var reference: Programme?
        if let from { reference = try loadProgramme(from, meeting: meeting) }
        let problem = try SchedulingProblem(
            meeting: meeting, reference: reference, requests: try source.requests(for: meeting))
        let obstacles = Feasibility.obstacles(problem, l10n: CLILanguage.current)
        if !obstacles.isEmpty {
            printError(cli("cli.plan.infeasible", ["agenda": agenda]))
            for o in obstacles { printError("  - \(o)") }
            throw ExitCode(2)
        }
        let settings = SolverSettings(
            seed: seed, timeLimit: iterations == nil ? timeLimit : nil, maxIterations: iterations,
            unimprovedLimit: iterations == nil ? 400_000 : nil, metaheuristic: metaheuristic,
            lateAcceptanceLength: history)
        let interactive = isatty(STDERR_FILENO) == 1
        let result = Solver(problem: problem, settings: settings).solve(
            from: reference.map { Plan.of($0, on: problem) }
        ) { p in
            if interactive {
                printError(
                    "\r  "
                        + cli(
                            "cli.plan.progress",
                            [
                                "score": p.best.text(CLILanguage.current), "seconds": String(format: "%.1f", p.elapsed),
                                "steps": "\(p.iteration)",
                            ]) + "   ", newline: false)
            }
        }
        if interactive { printError("") }
        let report = try ProgrammeReport(
            problem: problem, plan: result.plan, lowerBound: result.lowerBound, exactBound: result.exactSearchComplete)
        let header = cli(
            "cli.plan.heading",
            [
                "meeting": meeting.id, "zone": meeting.hostZone, "seed": "\(seed)", "steps": "\(result.iterations)",
                "seconds": String(format: "%.2f", result.elapsed), "stop": cli(Self.stopKey(result.stop)),
                "best": String(format: "%.2f", result.timeToBest),
            ])
        switch format {
        case .text: print(header + "\n\n" + report.text, terminator: "")
        case .json:
            print(
                try report.json(extra: [
                    "solver": [
                        "seed": seed, "iterations": result.iterations, "seconds": result.elapsed,
                        "seconds_to_best": result.timeToBest, "seconds_to_feasible": result.timeToFeasible ?? NSNull(),
                        "stop": result.stop.rawValue,
                        "metaheuristic": metaheuristic.rawValue,
                    ]
                ]))
        }
        guard result.breakdown.score.isFeasible else {
            printError(
                cli("cli.plan.none-found", ["agenda": agenda, "minutes": "\(result.breakdown.score.hard)"])
                    + (out != nil ? cli("cli.nothing-written") : ""))
            throw ExitCode(1)
        }
        if let out {
            let pinned = Set(reference?.placements.filter(\.pinned).map(\.sessionID) ?? [])
            let text = try ProgrammeWriter.yaml(
                result.plan.programme(problem, pinned: pinned), meeting: meeting,
                agendaPath: ProgrammeWriter.relativePath(to: agenda, fromFileAt: out),
                comment:
                    "Written by 'intersession plan' (seed \(seed), \(result.iterations) steps): score \(result.breakdown.score).\nRead back with 'intersession evaluate' or 'intersession plan --from'."
            )
            try ProgrammeWriter.write(text, to: out)
            printError(cli("cli.wrote", ["file": out]))
        }
    }
}

extension PlanCommand {
    /// The catalog key of why a run stopped.
    static func stopKey(_ stop: StopReason) -> String {
        switch stop {
        case .timeLimit: "cli.stop.time-limit"
        case .iterationLimit: "cli.stop.step-limit"
        case .unimproved: "cli.stop.unimproved"
        case .lowerBoundReached: "cli.stop.lower-bound"
        case .cancelled: "cli.stop.cancelled"
        case .nothingToMove: "cli.stop.nothing-to-move"
        }
    }
}

/// Loads a programme file for `meeting`; prints its diagnostics and fails with exit code 1 on errors.
func loadProgramme(_ path: String, meeting: Meeting) throws -> Programme {
    let load = ProgrammeReader.load(path: path, meeting: meeting)
    for d in load.diagnostics where d.severity == .error { printError(d.text(CLILanguage.current)) }
    guard let programme = load.programme else {
        printError(cli("cli.programme-has-errors", ["path": path]))
        throw ExitCode(1)
    }
    return programme
}

/// Writes a line to standard error.
func printError(_ text: String, newline: Bool = true) {
    FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
}
