import ArgumentParser
import Foundation
import Localization
import MeetingModel
import RegistrationFiles
import Store

extension RegistrationStatus: ExpressibleByArgument {}
extension DelegateRole: ExpressibleByArgument {}

/// How `delegates list` prints.
enum ListFormat: String, ExpressibleByArgument { case table, csv, json }

/// `intersession delegates …`: the ASM's registration desk from the command line.
struct DelegatesCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "delegates", abstract: cli("cli.delegates.about"),
            subcommands: [
                Add.self, Import.self, List.self, Show.self, Edit.self, Approve.self, Reject.self, Withdraw.self,
            ]
        )
    }

    /// The fields a delegate is given with.
    struct Fields: ParsableArguments {
        @Option(name: .customLong("given"), help: ArgumentHelp(cli("cli.field.given"))) var given: String?
        @Option(name: .customLong("family"), help: ArgumentHelp(cli("cli.field.family"))) var family: String?
        @Option(name: .customLong("display"), help: ArgumentHelp(cli("cli.field.display"))) var display: String?
        @Option(help: ArgumentHelp(cli("cli.field.email"))) var email: String?
        @Option(help: ArgumentHelp(cli("cli.field.role"))) var role: DelegateRole?
        @Option(help: ArgumentHelp(cli("cli.field.zone"))) var zone: String?
        @Option(help: ArgumentHelp(cli("cli.field.languages"), valueName: "codes")) var languages: String?
        @Option(help: ArgumentHelp(cli("cli.field.interpretation"), valueName: "code")) var interpretation: String?
        @Option(help: ArgumentHelp(cli("cli.field.bodies"), valueName: "ids")) var bodies: String?
        @Option(help: ArgumentHelp(cli("cli.field.reference"))) var reference: String?
        @Option(help: ArgumentHelp(cli("cli.field.notes"))) var notes: String?

        func apply(to d: inout Delegate) {
            if let given { d.givenName = given }
            if let family { d.familyName = family }
            if let display { d.displayName = display }
            if let email { d.email = email }
            if let role { d.role = role }
            if let zone { d.zone = zone }
            if let languages { d.languages = list(languages) }
            if let interpretation { d.interpretation = interpretation.isEmpty ? nil : interpretation }
            if let bodies { d.attends = list(bodies) }
            if let reference { d.reference = reference }
            if let notes { d.notes = notes }
        }

        private func list(_ s: String) -> [String] {
            s.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    struct Add: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.delegates.add.about"))
        }
        @Option(help: ArgumentHelp(cli("cli.arg.delegation"))) var delegation: String
        @OptionGroup var fields: Fields
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            var d = Delegate(meetingID: meetingID, delegation: delegation, givenName: "", familyName: "", email: "")
            fields.apply(to: &d)
            let (saved, warnings) = try storeCall { try db.add(d, actor: OSUser.name) }
            for w in warnings { printError(cli("cli.warning", ["message": w.text(CLILanguage.current)])) }
            print(
                cli(
                    "cli.delegates.added",
                    [
                        "id": "\(saved.id)", "name": saved.displayName, "delegation": saved.delegation,
                        "status": CLILanguage.current("status." + saved.status.rawValue),
                    ]))
        }
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.delegates.list.about"))
        }
        @Option(help: ArgumentHelp(cli("cli.delegates.only-delegation"))) var delegation: String?
        @Option(help: ArgumentHelp(cli("cli.delegates.only-status"))) var status: RegistrationStatus?
        @Option(help: ArgumentHelp(cli("cli.delegates.search"))) var search: String?
        @Option(help: ArgumentHelp(cli("cli.delegates.format"))) var format: ListFormat = .table
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            let rows = try db.delegates(
                DelegateQuery(meetingID: meetingID, delegation: delegation, status: status, search: search))
            switch format {
            case .table:
                let l = CLILanguage.current
                print(
                    TextTable.render(
                        header: [
                            "column.id", "column.delegation", "column.name", "column.role", "column.email",
                            "column.status",
                        ].map { l($0) },
                        rows: rows.map {
                            [
                                String($0.id), $0.delegation, $0.displayName, l("role." + $0.role.rawValue), $0.email,
                                l("status." + $0.status.rawValue),
                            ]
                        }), terminator: "")
                printError(l.plural("delegates.count", rows.count))
            case .csv:
                print(try DelegateCSVWriter.text(rows), terminator: "")
            case .json:
                let e = JSONEncoder()
                e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try e.encode(rows), as: UTF8.self))
            }
        }
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.delegates.show.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.arg.delegate-id"))) var id: Int64
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
            guard let d = try db.delegate(id, meetingID: try store.meetingID(in: db)) else {
                throw CLIError(storeMessage(StoreError.delegateNotFound(id)))
            }
            let l = CLILanguage.current
            let lines: [(String, String)] = [
                ("cli.show.id", String(d.id)), ("cli.show.name", d.displayName), ("cli.show.given", d.givenName),
                ("cli.show.family", d.familyName),
                ("cli.show.delegation", d.delegation), ("cli.show.role", l("role." + d.role.rawValue)),
                ("cli.show.email", d.email), ("cli.show.zone", d.zone),
                ("cli.show.languages", d.languages.joined(separator: ", ")),
                ("cli.show.interpretation", d.interpretation ?? ""),
                ("cli.show.bodies", d.attends.joined(separator: ", ")), ("cli.show.reference", d.reference),
                ("cli.show.notes", d.notes),
                (
                    "cli.show.status",
                    l("status." + d.status.rawValue) + (d.statusReason.isEmpty ? "" : " (\(d.statusReason))")
                ),
                (
                    "cli.show.version",
                    l(
                        "cli.delegates.version",
                        ["version": "\(d.version)", "by": d.updatedBy, "at": d.updatedAt.map(\.description) ?? ""])
                ),
            ]
            let labels = lines.map { l($0.0) }
            let width = max(15, (labels.map(\.count).max() ?? 0) + 1)
            for ((_, v), label) in zip(lines, labels) { print(pad(label, width) + v) }
        }
    }

    struct Edit: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: cli("cli.delegates.edit.about")
            )
        }
        @Argument(help: ArgumentHelp(cli("cli.arg.delegate-id"))) var id: Int64
        @Option(help: ArgumentHelp(cli("cli.delegates.expect-version"))) var expectVersion: Int?
        @OptionGroup var fields: Fields
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            guard var d = try db.delegate(id, meetingID: try store.meetingID(in: db)) else {
                throw CLIError(storeMessage(StoreError.delegateNotFound(id)))
            }
            if let expectVersion { d.version = expectVersion }
            fields.apply(to: &d)
            let saved = try storeCall { try db.save(d, actor: OSUser.name) }
            print(cli("cli.delegates.saved", ["id": "\(saved.id)", "version": "\(saved.version)"]))
        }
    }

    struct Approve: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.delegates.approve.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.arg.delegate-ids"))) var ids: [Int64]
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption
        func run() throws { try move(ids, to: .approved, reason: "", store: store) }
    }

    struct Reject: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.delegates.reject.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.arg.delegate-ids"))) var ids: [Int64]
        @Option(help: ArgumentHelp(cli("cli.delegates.reason"))) var reason: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption
        func run() throws { try move(ids, to: .rejected, reason: reason, store: store) }
    }

    struct Withdraw: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.delegates.withdraw.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.arg.delegate-ids"))) var ids: [Int64]
        @Option(help: ArgumentHelp(cli("cli.delegates.reason"))) var reason: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption
        func run() throws { try move(ids, to: .withdrawn, reason: reason, store: store) }
    }
}

/// Moves each registration; reports every one, fails (exit 1) if any was refused.
private func move(_ ids: [Int64], to status: RegistrationStatus, reason: String, store: StoreOptions) throws {
    let db = try store.open()
    let meetingID = try store.meetingID(in: db)
    var failed = false
    for id in ids {
        do {
            let d = try db.changeStatus(
                id, meetingID: meetingID, to: status, reason: reason, expectedVersion: nil, actor: OSUser.name)
            print(
                cli(
                    "cli.delegates.status",
                    ["id": "\(d.id)", "status": CLILanguage.current("status." + d.status.rawValue)]))
        } catch let e as StoreError {
            printError(cli("cli.delegates.refused", ["id": "\(id)", "message": storeMessage(e)]))
            failed = true
        }
    }
    if failed { throw ExitCode(1) }
}
