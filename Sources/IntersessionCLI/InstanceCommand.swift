import ArgumentParser
import Foundation
import Scheduling

/// `intersession instance`: the compiled scheduling problem as JSON, for other solvers.
struct InstanceCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "instance",
            abstract: cli("cli.instance.about"),
            discussion: cli("cli.instance.more")
        )
    }

    @Argument(help: ArgumentHelp(cli("cli.arg.agenda"), valueName: "agenda"))
    var agenda: String

    @Option(help: ArgumentHelp(cli("cli.instance.out"), valueName: "file"))
    var out: String?

    @OptionGroup var language: LanguageOption

    func run() throws {
        let problem = try SchedulingProblem(meeting: try loadMeeting(agenda))
        let data = try ProblemExport(problem).json()
        if let out {
            try data.write(to: URL(fileURLWithPath: out), options: .atomic)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
