import AppShell
import ArgumentParser
import Foundation
import Localization
import MeetingModel
import RegistrationFiles
import Store

extension DelegatesCommand {
    /// `intersession delegates import FILE.csv`: a Focal Point's list, all rows or none.
    struct Import: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: cli("cli.import.about"),
                discussion: cli("cli.import.more")
            )
        }
        @Argument(help: ArgumentHelp(cli("cli.import.file"), valueName: "file")) var file: String
        @Flag(help: ArgumentHelp(cli("cli.import.dry-run"))) var dryRun = false
        @Option(help: ArgumentHelp(cli("cli.import.map"), valueName: "header=field"))
        var map: [String] = []
        @Option(help: ArgumentHelp(cli("cli.import.delimiter"), valueName: "char")) var delimiter: String?
        @Option(help: ArgumentHelp(cli("cli.import.delegation"))) var delegation: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func validate() throws {
            if let delimiter, delimiter != ",", delimiter != ";" {
                throw ValidationError(cli("cli.import.bad-delimiter"))
            }
            for m in map
            where !m.contains("=")
                || !DelegateCSVReader.fields.contains(String(m.split(separator: "=", maxSplits: 1).last ?? ""))
            {
                throw ValidationError(
                    cli("cli.import.bad-map", ["value": m, "fields": DelegateCSVReader.fields.joined(separator: ", ")]))
            }
        }

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.registerDelegates, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            let options = DelegateCSVReader.Options(
                delimiter: delimiter?.first,
                map: Dictionary(
                    map.map { m in
                        let p = m.split(separator: "=", maxSplits: 1).map(String.init); return (p[0], p[1])
                    }, uniquingKeysWith: { $1 }),
                delegation: delegation
            )
            let (rows, plan, problems) = try storeCall {
                try planListImport(db, path: file, meetingID: meetingID, options: options, l: CLILanguage.current)
            }
            if !problems.isEmpty {
                for p in problems { printError(p) }
                printError(cli.plural("cli.import.problems", problems.count, ["file": file]))
                throw ExitCode(1)
            }
            print(
                cli.plural(
                    "cli.import.plan", rows,
                    [
                        "file": file, "add": "\(plan.adds.count)", "update": "\(plan.updates.count)",
                        "same": "\(plan.unchanged.count)",
                    ]))
            for (row, d) in plan.adds {
                print(
                    "  "
                        + cli(
                            "cli.import.add",
                            ["row": "\(row)", "name": d.displayName, "delegation": d.delegation, "email": d.email]))
            }
            for (row, d, fields) in plan.updates {
                print(
                    "  "
                        + cli(
                            "cli.import.update",
                            [
                                "row": "\(row)", "id": "\(d.id)", "name": d.displayName,
                                "fields": fields.joined(separator: ", "),
                            ]))
            }
            for (row, id) in plan.unchanged { print("  " + cli("cli.import.same", ["row": "\(row)", "id": "\(id)"])) }
            if dryRun {
                print(cli("cli.import.dry-run-done"))
                return
            }
            if plan.adds.isEmpty && plan.updates.isEmpty {
                print(cli("cli.import.nothing"))
                return
            }
            let done = try storeCall { try db.applyImport(plan, meetingID: meetingID, actor: OSUser.name) }
            print(cli("cli.import.written", ["added": "\(done.added)", "updated": "\(done.updated)"]))
        }
    }
}
