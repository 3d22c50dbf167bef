import AgendaFiles
import ArgumentParser
import Foundation
import Store

/// `intersession programme`: the meeting's programme in the database.
struct ProgrammeCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "programme",
            abstract: cli("cli.programme.about"),
            subcommands: [Import.self]
        )
    }

    struct Import: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.programme.import.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.arg.programme"), valueName: "programme")) var file: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            guard let meeting = try storeCall({ try db.meeting(meetingID) }) else {
                throw CLIError(cli("cli.no-meeting", ["meeting": meetingID]))
            }
            let programme = try loadProgramme(file, meeting: meeting)
            try storeCall { try db.saveDraft(programme, actor: OSUser.name) }
            print(
                cli(
                    "cli.programme.stored",
                    [
                        "file": file, "meeting": meetingID,
                        "sessions": cli.plural("cli.count.sessions", programme.placements.count),
                    ]))
        }
    }
}
