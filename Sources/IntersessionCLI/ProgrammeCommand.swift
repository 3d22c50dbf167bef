import AgendaFiles
import ArgumentParser
import Foundation
import Store

/// `intersession programme`: the meeting's programme in the database.
struct ProgrammeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme",
        abstract: "The meeting's programme in the database (what delegates see).",
        subcommands: [Import.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store a programme file (as 'plan --out' writes it) as the meeting's draft.")
        @Argument(help: ArgumentHelp("The programme file.", valueName: "programme")) var file: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            guard let meeting = try storeCall({ try db.meeting(meetingID) }) else { throw CLIError("no meeting '\(meetingID)'") }
            let programme = try loadProgramme(file, meeting: meeting)
            try storeCall { try db.saveDraft(programme, actor: OSUser.name) }
            print("\(file): stored as the draft programme of \(meetingID) (\(programme.placements.count) sessions)")
        }
    }
}
