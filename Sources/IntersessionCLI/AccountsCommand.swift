import ArgumentParser
import Foundation
import RegistrationFiles
import Store

/// `intersession accounts issue|reset|list`: delegates' personal accounts.
struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "Issue, reset and list delegates' personal accounts.",
        subcommands: [Issue.self, Reset.self, List.self]
    )

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create accounts for approved delegates: a username and a one-time token, shown once (only a hash is kept).",
            discussion: "The delegate signs in with the token and chooses a password. --out writes the tokens to a new file (mode 0600) for a mail merge instead of the screen."
        )
        @Option(help: "Every approved delegate of this delegation.") var delegation: String?
        @Argument(help: "Or these delegate ids.") var ids: [Int64] = []
        @Option(help: ArgumentHelp("Write the tokens to this new CSV file (mode 0600).", valueName: "file")) var out: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if delegation == nil && ids.isEmpty { throw ValidationError("give --delegation CODE or delegate ids") }
        }

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            if let out, FileManager.default.fileExists(atPath: out) { throw CLIError("\(out) exists already; tokens are written to a new file only") }
            let issued = try storeCall { try db.issueAccounts(meetingID: meetingID, delegation: delegation, ids: ids, actor: OSUser.name) }
            if issued.isEmpty { print("no approved delegate without an account"); return }
            let rows = issued.map { [String($0.delegateID), $0.username, $0.name, $0.email, $0.token] }
            if let out {
                let text = try DelegateCSVWriter.table(header: ["delegate", "username", "name", "email", "token"], rows: rows)
                guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw CLIError("cannot write \(out); the accounts were issued: 'intersession accounts reset ID' gives a new token")
                }
                print("\(issued.count) account\(issued.count == 1 ? "" : "s") issued; tokens written to \(out) (mode 0600)")
            } else {
                print(TextTable.render(header: ["DELEGATE", "USERNAME", "NAME", "E-MAIL", "ONE-TIME TOKEN"], rows: rows), terminator: "")
                printError("the tokens are shown once; only their hashes are kept")
            }
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an account a new one-time token (its password is cleared).")
        @Argument(help: "The delegate's id.") var id: Int64
        @OptionGroup var store: StoreOptions
        func run() throws {
            let db = try store.open()
            let a = try storeCall { try db.resetAccount(delegateID: id, meetingID: try store.meetingID(in: db), actor: OSUser.name) }
            print("\(a.username) (\(a.name)): one-time token \(a.token)")
            printError("the token is shown once; only its hash is kept")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts (never a secret).")
        @OptionGroup var store: StoreOptions
        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
            let rows = try db.accounts(meetingID: try store.meetingID(in: db)).map {
                [$0.username, String($0.delegateID), $0.delegation, $0.name, $0.hasPassword ? "password set" : "token issued",
                 $0.lockedUntil.map { "locked until \($0)" } ?? ""]
            }
            print(TextTable.render(header: ["USERNAME", "DELEGATE", "DELEGATION", "NAME", "STATE", ""], rows: rows), terminator: "")
        }
    }
}
