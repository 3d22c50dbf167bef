import ArgumentParser
import Foundation
import Scheduling

/// `intersession instance`: the compiled scheduling problem as JSON, for other solvers.
struct InstanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instance",
        abstract: "Export an agenda's compiled scheduling problem as JSON (for the CP-SAT peer in Benchmarks/).",
        discussion: "Cells, domains, attendees, chairs, order, capacities, weights and per-zone burden tables: enough to rebuild the same model and objective elsewhere; placements are scored back with 'evaluate'."
    )

    @Argument(help: ArgumentHelp("The agenda file.", valueName: "agenda"))
    var agenda: String

    @Option(help: ArgumentHelp("Write the JSON here instead of standard output.", valueName: "file"))
    var out: String?

    func run() throws {
        let problem = try SchedulingProblem(meeting: try loadMeeting(agenda))
        let data = try ProblemExport(problem).json()
        if let out { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } else { FileHandle.standardOutput.write(data) }
    }
}
