import ArgumentParser
import Foundation
import MeetingModel
import RegistrationFiles
import Store

extension DelegatesCommand {
    /// `intersession delegates import FILE.csv`: a Focal Point's list, all rows or none.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import delegates from a CSV list: every row checked, all written or none.",
            discussion: """
                Columns (header row): given_name, family_name, display_name, email, delegation, role, zone, languages, \
                interpretation, bodies, reference, notes (lists separated by |); the French headers Prénom, Nom, Courriel, \
                Délégation, Fonction, Fuseau horaire, Langues, Interprétation, Organes, Référence, Notes too. UTF-8 with or \
                without BOM, comma or semicolon. A row whose e-mail is already registered updates that delegate. Every bad \
                row is reported as FILE:ROW: field: message and then nothing is written; --dry-run shows what would be \
                added, updated and refused.
                """
        )
        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file")) var file: String
        @Flag(help: "Show what would change; write nothing.") var dryRun = false
        @Option(help: ArgumentHelp("Read another header as a field, e.g. 'Surname=family_name' (repeatable).", valueName: "header=field"))
        var map: [String] = []
        @Option(help: ArgumentHelp("The field delimiter: , or ; (default: guessed from the header row).", valueName: "char")) var delimiter: String?
        @Option(help: "The delegation of rows without one (a Focal Point's list).") var delegation: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if let delimiter, delimiter != ",", delimiter != ";" { throw ValidationError("--delimiter must be , or ;") }
            for m in map where !m.contains("=") || !DelegateCSVReader.fields.contains(String(m.split(separator: "=", maxSplits: 1).last ?? "")) {
                throw ValidationError("--map '\(m)': write HEADER=FIELD with FIELD one of " + DelegateCSVReader.fields.joined(separator: ", "))
            }
        }

        /// The row number in a "FILE:ROW: …" message (0 when it has none).
        private func row(of message: String) -> Int {
            Int(message.dropFirst(file.count + 1).prefix { $0.isNumber }) ?? 0
        }

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.registerDelegates, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            let options = DelegateCSVReader.Options(
                delimiter: delimiter?.first,
                map: Dictionary(map.map { m in let p = m.split(separator: "=", maxSplits: 1).map(String.init); return (p[0], p[1]) }, uniquingKeysWith: { $1 }),
                delegation: delegation
            )
            let read = DelegateCSVReader.read(path: file, meetingID: meetingID, options: options)
            // Rows that were read are checked too, so one pass reports every problem of the file.
            let headerBroken = read.problems.contains { $0.hasPrefix("\(file):1:") || !$0.hasPrefix("\(file):") }
            let plan = headerBroken ? ImportPlan() : try storeCall { try db.planImport(read.rows, meetingID: meetingID) }
            let problems = (read.problems.map { (row(of: $0), $0) } + plan.refused.map { ($0.row, "\(file):\($0.row): \($0.message)") })
                .sorted { $0.0 < $1.0 }.map(\.1)
            if !problems.isEmpty {
                for p in problems { printError(p) }
                printError("\(file): \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing written (fix the rows and import again)")
                throw ExitCode(1)
            }
            print("\(file): \(read.rows.count) rows: \(plan.adds.count) to add, \(plan.updates.count) to update, \(plan.unchanged.count) unchanged")
            for (row, d) in plan.adds { print("  add     row \(row): \(d.displayName) (\(d.delegation)) <\(d.email)>") }
            for (row, d, fields) in plan.updates { print("  update  row \(row): delegate \(d.id) \(d.displayName): " + fields.joined(separator: ", ")) }
            for (row, id) in plan.unchanged { print("  same    row \(row): delegate \(id)") }
            if dryRun {
                print("dry run: nothing written")
                return
            }
            if plan.adds.isEmpty && plan.updates.isEmpty {
                print("nothing to change")
                return
            }
            let done = try storeCall { try db.applyImport(plan, meetingID: meetingID, actor: OSUser.name) }
            print("written: \(done.added) added, \(done.updated) updated")
        }
    }
}
