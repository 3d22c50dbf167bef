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
    static let configuration = CommandConfiguration(
        commandName: "delegates", abstract: "Register, list, edit, approve, reject and withdraw delegates.",
        subcommands: [Add.self, Import.self, List.self, Show.self, Edit.self, Approve.self, Reject.self, Withdraw.self]
    )

    /// The fields a delegate is given with.
    struct Fields: ParsableArguments {
        @Option(name: .customLong("given"), help: "Given name(s).") var given: String?
        @Option(name: .customLong("family"), help: "Family name(s).") var family: String?
        @Option(name: .customLong("display"), help: "The printed form (default: given family).") var display: String?
        @Option(help: "E-mail (one per delegate and meeting).") var email: String?
        @Option(help: "head-of-delegation, alternate, adviser, delegate, observer-representative, guest-of-the-chair.") var role: DelegateRole?
        @Option(help: "IANA zone (default: the delegation's).") var zone: String?
        @Option(help: ArgumentHelp("Languages spoken, e.g. en|fr.", valueName: "codes")) var languages: String?
        @Option(help: ArgumentHelp("Interpretation wanted into this language.", valueName: "code")) var interpretation: String?
        @Option(help: ArgumentHelp("Bodies or sessions attended, e.g. WGM|WGDE (default: the delegation's).", valueName: "ids")) var bodies: String?
        @Option(help: "Reference of the nominating letter.") var reference: String?
        @Option(help: "Free notes.") var notes: String?

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

        private func list(_ s: String) -> [String] { s.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a delegate (status: submitted).")
        @Option(help: "The delegation's code.") var delegation: String
        @OptionGroup var fields: Fields
        @OptionGroup var store: StoreOptions

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            var d = Delegate(meetingID: meetingID, delegation: delegation, givenName: "", familyName: "", email: "")
            fields.apply(to: &d)
            let (saved, warnings) = try storeCall { try db.add(d, actor: OSUser.name) }
            for w in warnings { printError("warning: \(w)") }
            print("delegate \(saved.id): \(saved.displayName) (\(saved.delegation)), \(saved.status.rawValue)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List delegates, filtered by delegation, status or a name search (accents and case ignored).")
        @Option(help: "Only this delegation.") var delegation: String?
        @Option(help: "Only this status.") var status: RegistrationStatus?
        @Option(help: "Names or e-mail containing this text.") var search: String?
        @Option(help: "table, csv or json.") var format: ListFormat = .table
        @OptionGroup var store: StoreOptions

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            let rows = try db.delegates(DelegateQuery(meetingID: meetingID, delegation: delegation, status: status, search: search))
            switch format {
            case .table:
                let l = try cliLocalizer()
                print(TextTable.render(header: ["column.id", "column.delegation", "column.name", "column.role", "column.email", "column.status"].map { l($0) }, rows: rows.map {
                    [String($0.id), $0.delegation, $0.displayName, l("role." + $0.role.rawValue), $0.email, l("status." + $0.status.rawValue)]
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
        static let configuration = CommandConfiguration(abstract: "Show one delegate.")
        @Argument(help: "The delegate's id.") var id: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
            guard let d = try db.delegate(id, meetingID: try store.meetingID(in: db)) else { throw CLIError(StoreError.delegateNotFound(id).description) }
            let lines: [(String, String)] = [
                ("id", String(d.id)), ("name", d.displayName), ("given name", d.givenName), ("family name", d.familyName),
                ("delegation", d.delegation), ("role", d.role.rawValue), ("e-mail", d.email), ("zone", d.zone),
                ("languages", d.languages.joined(separator: ", ")), ("interpretation", d.interpretation ?? ""),
                ("bodies", d.attends.joined(separator: ", ")), ("reference", d.reference), ("notes", d.notes),
                ("status", d.status.rawValue + (d.statusReason.isEmpty ? "" : " (\(d.statusReason))")),
                ("version", "\(d.version), by \(d.updatedBy) at \(d.updatedAt.map(\.description) ?? "")"),
            ]
            for (k, v) in lines { print(pad(k, 15) + v) }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a delegate's fields; refused if someone else changed it since the version you read (--expect-version)."
        )
        @Argument(help: "The delegate's id.") var id: Int64
        @Option(help: "The version you read (from 'show'); default: the current one.") var expectVersion: Int?
        @OptionGroup var fields: Fields
        @OptionGroup var store: StoreOptions

        func run() throws {
            let db = try store.open()
            guard var d = try db.delegate(id, meetingID: try store.meetingID(in: db)) else { throw CLIError(StoreError.delegateNotFound(id).description) }
            if let expectVersion { d.version = expectVersion }
            fields.apply(to: &d)
            let saved = try storeCall { try db.save(d, actor: OSUser.name) }
            print("delegate \(saved.id): saved as version \(saved.version)")
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve submitted registrations.")
        @Argument(help: "Delegate ids.") var ids: [Int64]
        @OptionGroup var store: StoreOptions
        func run() throws { try move(ids, to: .approved, reason: "", store: store) }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject registrations, with a reason.")
        @Argument(help: "Delegate ids.") var ids: [Int64]
        @Option(help: "Why.") var reason: String
        @OptionGroup var store: StoreOptions
        func run() throws { try move(ids, to: .rejected, reason: reason, store: store) }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw registrations, with a reason.")
        @Argument(help: "Delegate ids.") var ids: [Int64]
        @Option(help: "Why.") var reason: String
        @OptionGroup var store: StoreOptions
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
            let d = try db.changeStatus(id, meetingID: meetingID, to: status, reason: reason, expectedVersion: nil, actor: OSUser.name)
            print("delegate \(d.id): \(d.status.rawValue)")
        } catch let e as StoreError {
            printError("delegate \(id): \(e.description)")
            failed = true
        }
    }
    if failed { throw ExitCode(1) }
}
