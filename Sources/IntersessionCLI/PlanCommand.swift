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
                "seconds": String(format: "%.2f", result.elapsed), "stop": cli(result.stop.catalogKey),
                "best": String(format: "%.2f", result.timeToBest),
            ])
        // None found: why, and what a short run found a programme with (issue 21 §2).
        var why: NoneFound?
        if !result.breakdown.score.isFeasible {
            let requests = try source.requests(for: meeting)
            why = NoneFound.analyse(
                problem, plan: result.plan, violations: report.violations, settings: NoneFound.shortRun(of: settings)
            ) {
                try SchedulingProblem(meeting: $0, reference: reference, requests: requests)
            }
        }
        switch format {
        case .text:
            print(header + "\n\n" + report.text + (why.map { Self.text($0, meeting: meeting) } ?? ""), terminator: "")
        case .json:
            var extra: [String: Any] = [
                "solver": [
                    "seed": seed, "iterations": result.iterations, "seconds": result.elapsed,
                    "seconds_to_best": result.timeToBest, "seconds_to_feasible": result.timeToFeasible ?? NSNull(),
                    "stop": result.stop.rawValue,
                    "metaheuristic": metaheuristic.rawValue,
                ]
            ]
            if let why { extra["none_found"] = Self.json(why) }
            print(try report.json(extra: extra))
        }
        guard result.breakdown.score.isFeasible else {
            if result.provenInfeasible {
                printError(
                    cli("cli.plan.proven-none", ["agenda": agenda]) + (out != nil ? cli("cli.nothing-written") : ""))
                throw ExitCode(2)
            }
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
    /// Why none was found, in words (see `NoneFound.lines`).
    static func text(_ why: NoneFound, meeting: Meeting) -> String {
        "\n"
            + why.lines(meeting: meeting).map {
                String(repeating: " ", count: $0.indent) + $0.text.text(CLILanguage.current) + "\n"
            }
            .joined()
    }

    /// The same for JSON.
    static func json(_ why: NoneFound) -> [String: Any] {
        func change(_ c: NoneFound.Change) -> [String: Any] {
            switch c {
            case .room(let name): ["kind": "room", "room": name]
            case .day(let day): ["kind": "day", "last_day": "\(day)"]
            case .window(let w): ["kind": "window", "daily_window": "\(w)"]
            case .delegates(let code, let count): ["kind": "delegates", "delegation": code, "delegates": count]
            }
        }
        return [
            "rules": why.groups.map { ["rule": $0.rule.rawValue, "count": $0.count, "minutes": $0.minutes] },
            "delegations": why.delegations.map { ["delegation": $0.subject, "minutes": $0.minutes] },
            "days": why.days.map { ["day": "\($0.subject)", "minutes": $0.minutes] },
            "remedies": why.remedies.map {
                change($0.change).merging(
                    [
                        "found": $0.found, "hard_minutes": $0.hardMinutes, "seconds": $0.seconds,
                        "ruled_out": $0.ruledOut,
                    ],
                    uniquingKeysWith: { a, _ in a })
            },
        ]
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
