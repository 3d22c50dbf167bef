import AgendaFiles
import ArgumentParser
import Foundation
import MeetingModel
import Scheduling

extension Metaheuristic: ExpressibleByArgument {}

/// `intersession plan`: place every session and explain the score.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Place every session of an agenda across time zones and print the programme and its score.",
        discussion: """
            Hard constraints (never broken in a feasible programme): meeting days and windows, fixed and \
            pinned sessions, order, rooms, delegation capacity, chairs, minimum breaks, interpreter teams. Soft ones, \
            weighted in the agenda's 'scheduling:' section: burden, fairness, rotation, stability, \
            preferred windows, split days, chair compactness, daily hours. \
            With --from, sessions pinned in that programme stay put and every other move costs stability. \
            --out writes a programme file that --from and 'evaluate' read back. \
            Exits 0 with a feasible programme, 1 when none was found, 2 when the agenda cannot have one.
            """
    )

    @Argument(help: ArgumentHelp("The agenda file.", valueName: "agenda"))
    var agenda: String

    @Option(help: ArgumentHelp("Seconds to search at most.", valueName: "seconds"))
    var timeLimit: Double = 10

    @Option(help: ArgumentHelp("Steps to search at most; with it alone the programme is the same on every machine.", valueName: "steps"))
    var iterations: Int?

    @Option(help: "Seed of the search's random choices.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("A programme to start from and stay close to (its pinned sessions stay put).", valueName: "programme"))
    var from: String?

    @Option(help: "The acceptance rule of the local search.")
    var metaheuristic: Metaheuristic = .simulatedAnnealing

    @Option(help: ArgumentHelp("History length for late acceptance.", valueName: "steps"))
    var history: Int = 400

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Write the programme file here.", valueName: "file"))
    var out: String?

    @OptionGroup var source: RequestSource

    func validate() throws {
        if timeLimit <= 0 { throw ValidationError("--time-limit must be more than 0 seconds") }
        if let iterations, iterations < 0 { throw ValidationError("--iterations must be 0 or more") }
        if history < 1 { throw ValidationError("--history must be at least 1") }
    }

    func run() throws {
        let meeting = try loadMeeting(agenda)
        var reference: Programme?
        if let from { reference = try loadProgramme(from, meeting: meeting) }
        let problem = try SchedulingProblem(meeting: meeting, reference: reference, requests: try source.requests(for: meeting))
        let obstacles = Feasibility.obstacles(problem)
        if !obstacles.isEmpty {
            printError("\(agenda): no programme can meet the hard constraints:")
            for o in obstacles { printError("  - \(o)") }
            throw ExitCode(2)
        }
        let settings = SolverSettings(seed: seed, timeLimit: iterations == nil ? timeLimit : nil, maxIterations: iterations,
                                      unimprovedLimit: iterations == nil ? 400_000 : nil, metaheuristic: metaheuristic,
                                      lateAcceptanceLength: history)
        let interactive = isatty(STDERR_FILENO) == 1
        let result = Solver(problem: problem, settings: settings).solve(from: reference.map { Plan.of($0, on: problem) }) { p in
            if interactive { printError(String(format: "\r  best %@ after %.1f s, %d steps   ", p.best.description, p.elapsed, p.iteration), newline: false) }
        }
        if interactive { printError("") }
        let report = try ProgrammeReport(problem: problem, plan: result.plan)
        let header = "Programme for \(meeting.id) (\(meeting.hostZone)): seed \(seed), \(result.iterations) steps in "
            + String(format: "%.2f", result.elapsed) + " s (stopped: \(result.stop.rawValue)), best found after " + String(format: "%.2f", result.timeToBest) + " s"
        switch format {
        case .text: print(header + "\n\n" + report.text, terminator: "")
        case .json:
            print(try report.json(extra: ["solver": ["seed": seed, "iterations": result.iterations, "seconds": result.elapsed,
                                                     "seconds_to_best": result.timeToBest, "seconds_to_feasible": result.timeToFeasible ?? NSNull(),
                                                     "stop": result.stop.rawValue,
                                                     "metaheuristic": metaheuristic.rawValue]]))
        }
        guard result.breakdown.score.isFeasible else {
            printError("\(agenda): no feasible programme found (\(result.breakdown.score.hard) minutes of hard violations, listed above)\(out != nil ? "; nothing written" : "")")
            throw ExitCode(1)
        }
        if let out {
            let pinned = Set(reference?.placements.filter(\.pinned).map(\.sessionID) ?? [])
            let text = try ProgrammeWriter.yaml(
                result.plan.programme(problem, pinned: pinned), meeting: meeting,
                agendaPath: ProgrammeWriter.relativePath(to: agenda, fromFileAt: out),
                comment: "Written by 'intersession plan' (seed \(seed), \(result.iterations) steps): score \(result.breakdown.score).\nRead back with 'intersession evaluate' or 'intersession plan --from'."
            )
            try ProgrammeWriter.write(text, to: out)
            printError("wrote \(out)")
        }
    }
}

/// Loads a programme file for `meeting`; prints its diagnostics and fails with exit code 1 on errors.
func loadProgramme(_ path: String, meeting: Meeting) throws -> Programme {
    let load = ProgrammeReader.load(path: path, meeting: meeting)
    for d in load.diagnostics where d.severity == .error { printError(d.description) }
    guard let programme = load.programme else {
        printError("\(path): the programme has errors; run 'intersession check \(path)'")
        throw ExitCode(1)
    }
    return programme
}

/// Writes a line to standard error.
func printError(_ text: String, newline: Bool = true) {
    FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
}
