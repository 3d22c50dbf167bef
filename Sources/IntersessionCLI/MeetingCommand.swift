import ArgumentParser
import Foundation
import Store

/// `intersession meeting import|list`.
struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Import agendas into the database and list its meetings.",
        subcommands: [Import.self, List.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an agenda (idempotent); re-importing a changed agenda updates it unless that would orphan registrations."
        )
        @Argument(help: ArgumentHelp("The agenda file.", valueName: "agenda")) var agenda: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let meeting = try loadMeeting(agenda)
            let db = try store.open()
            switch try storeCall({ try db.importMeeting(meeting, actor: OSUser.name) }) {
            case .created: print("\(meeting.id): imported into \(store.path)")
            case .unchanged: print("\(meeting.id): unchanged")
            case .updated(let added, let removed):
                print("\(meeting.id): updated" + (added.isEmpty ? "" : "; delegations added: " + added.joined(separator: ", "))
                      + (removed.isEmpty ? "" : "; removed: " + removed.joined(separator: ", ")))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the meetings in the database.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let db = try store.open()
            let rows = try db.meetingSummaries().map { [$0.id, String($0.delegates), $0.importedAt.description, $0.title] }
            print(TextTable.render(header: ["ID", "DELEGATES", "IMPORTED", "TITLE"], rows: rows), terminator: "")
        }
    }
}
