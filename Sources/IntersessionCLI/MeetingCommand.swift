import ArgumentParser
import Foundation
import Store

/// `intersession meeting import|list`.
struct MeetingCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "meeting", abstract: cli("cli.meeting.about"),
            subcommands: [Import.self, List.self]
        )
    }

    struct Import: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: cli("cli.meeting.import.about")
            )
        }
        @Argument(help: ArgumentHelp(cli("cli.arg.agenda"), valueName: "agenda")) var agenda: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let meeting = try loadMeeting(agenda)
            let db = try store.open()
            switch try storeCall({ try db.importMeeting(meeting, actor: OSUser.name) }) {
            case .created: print(cli("cli.meeting.imported", ["meeting": meeting.id, "path": store.path]))
            case .unchanged: print(cli("cli.meeting.unchanged", ["meeting": meeting.id]))
            case .updated(let added, let removed):
                print(
                    cli("cli.meeting.updated", ["meeting": meeting.id])
                        + (added.isEmpty ? "" : cli("cli.meeting.added", ["list": added.joined(separator: ", ")]))
                        + (removed.isEmpty ? "" : cli("cli.meeting.removed", ["list": removed.joined(separator: ", ")]))
                )
            }
        }
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.meeting.list.about"))
        }
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            let rows = try db.meetingSummaries().map {
                [$0.id, String($0.delegates), $0.importedAt.description, $0.title]
            }
            print(
                TextTable.render(
                    header: ["cli.col.id", "cli.col.delegates", "cli.col.imported", "cli.col.title"].map { cli($0) },
                    rows: rows), terminator: "")
        }
    }
}
