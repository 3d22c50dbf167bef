import AppShell
import ArgumentParser
import Foundation
import MeetingModel
import RegistrationFiles
import SSHKeys
import Store

/// `intersession accounts issue|reset|list|unlock`: delegates' personal accounts.
struct AccountsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "accounts", abstract: cli("cli.accounts.about"),
            subcommands: [Issue.self, Reset.self, List.self, Unlock.self, Key.self]
        )
    }

    struct Issue: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: cli("cli.accounts.issue.about"),
                discussion: cli("cli.accounts.issue.more")
            )
        }
        @Option(help: ArgumentHelp(cli("cli.accounts.delegation"))) var delegation: String?
        @Argument(help: ArgumentHelp(cli("cli.accounts.ids"))) var ids: [Int64] = []
        @Option(help: ArgumentHelp(cli("cli.accounts.out"), valueName: "file")) var out: String?
        @Flag(help: ArgumentHelp(cli("cli.accounts.send"))) var send = false
        @OptionGroup var mail: MailOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func validate() throws {
            if delegation == nil && ids.isEmpty { throw ValidationError(cli("cli.accounts.give")) }
            if send && out != nil { throw ValidationError(cli("cli.accounts.send-or-out")) }
        }

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            if send {
                // Issuing and sending are one step: the tokens go into the letters, nowhere else.
                let settings = try mail.settings
                let done = try storeCall {
                    try issueAndSendAccounts(
                        db, meetingID: meetingID, delegation: delegation, ids: ids, settings: settings,
                        actor: OSUser.name, now: { Instant(Date()) })
                }
                let got = Swift.Set(done.map(\.issued.delegateID))
                for id in ids where !got.contains(id) {
                    printError(try AccountsCommand.why(noAccountFor: id, in: db, meetingID: meetingID))
                }
                AccountsCommand.say(done)
                if settings.connect.fingerprint == nil { printError(cli("cli.accounts.no-fingerprint")) }
                if done.isEmpty || done.contains(where: { $0.error != nil }) { throw ExitCode(1) }
                return
            }
            if let out, FileManager.default.fileExists(atPath: out) {
                throw CLIError(cli("cli.accounts.exists", ["file": out]))
            }
            let issued = try storeCall {
                try db.issueAccounts(meetingID: meetingID, delegation: delegation, ids: ids, actor: OSUser.name)
            }
            // Each id asked for that got no account says why (issue 17 §11).
            let got = Set(issued.map(\.delegateID))
            for id in ids where !got.contains(id) {
                printError(try AccountsCommand.why(noAccountFor: id, in: db, meetingID: meetingID))
            }
            if issued.isEmpty {
                if ids.isEmpty { printError(cli("cli.accounts.none")) }
                throw ExitCode(1)
            }
            let rows = issued.map { [String($0.delegateID), $0.username, $0.name, $0.email, $0.token] }
            if let out {
                let text = try DelegateCSVWriter.table(
                    header: ["delegate", "username", "name", "email", "token"], rows: rows)
                guard
                    FileManager.default.createFile(
                        atPath: out, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
                else {
                    throw CLIError(cli("cli.accounts.cannot-write", ["file": out]))
                }
                print(cli.plural("cli.accounts.issued", issued.count, ["file": out]))
            } else {
                print(
                    TextTable.render(
                        header: [
                            "cli.col.delegate", "cli.col.username", "cli.col.name", "cli.col.email", "cli.col.token",
                        ].map { cli($0) }, rows: rows), terminator: "")
                printError(cli("cli.accounts.tokens-once"))
            }
        }
    }

    /// What became of each letter: handed over, or refused (the account then to re-issue).
    static func say(_ done: [(issued: IssuedAccount, error: String?)]) {
        for (issued, error) in done {
            if let error {
                printError(
                    cli(
                        "cli.accounts.letter-failed",
                        ["username": issued.username, "email": issued.email, "why": error]))
            } else {
                print(cli("cli.accounts.letter-sent", ["username": issued.username, "email": issued.email]))
            }
        }
    }

    /// Why delegate `id` got no account: unknown, not approved, or it has one already.
    static func why(noAccountFor id: Int64, in db: SQLiteStore, meetingID: String) throws -> String {
        guard let d = try db.delegate(id, meetingID: meetingID) else {
            return cli("cli.accounts.no-such-delegate", ["id": "\(id)", "meeting": meetingID])
        }
        if let username = try db.username(delegateID: id) {
            return cli("cli.accounts.has-one", ["id": "\(id)", "name": d.displayName, "username": username])
        }
        return cli(
            "cli.accounts.not-approved",
            ["id": "\(id)", "name": d.displayName, "status": cli("status." + d.status.rawValue)])
    }

    struct Reset: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.accounts.reset.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.arg.delegate-id"))) var id: Int64
        @Flag(help: ArgumentHelp(cli("cli.accounts.send"))) var send = false
        @OptionGroup var mail: MailOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption
        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            let settings = send ? try mail.settings : nil
            let a = try storeCall {
                try db.resetAccount(delegateID: id, meetingID: meetingID, actor: OSUser.name)
            }
            if let settings {
                guard let meeting = try storeCall({ try db.meeting(meetingID) }) else { throw ExitCode(1) }
                let done = try storeCall {
                    try sendAccountLetters(
                        db, issued: [a], meeting: meeting, settings: settings, actor: OSUser.name,
                        now: { Instant(Date()) })
                }
                AccountsCommand.say(done)
                if done.contains(where: { $0.error != nil }) { throw ExitCode(1) }
                return
            }
            print(cli("cli.accounts.token", ["username": a.username, "name": a.name, "token": a.token]))
            printError(cli("cli.accounts.token-once"))
        }
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.accounts.list.about"))
        }
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption
        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
            let rows = try db.accounts(meetingID: try store.meetingID(in: db)).map {
                [
                    $0.username, String($0.delegateID), $0.delegation, $0.name,
                    $0.hasPassword
                        ? cli("cli.accounts.password-set")
                        : $0.toReissue ? cli("cli.accounts.to-reissue") : cli("cli.accounts.token-issued"),
                    [
                        $0.active ? "" : cli("cli.accounts.inactive"),
                        $0.throttledSeconds > 0
                            ? cli("cli.accounts.throttled", ["seconds": "\($0.throttledSeconds)"]) : "",
                    ].filter { !$0.isEmpty }.joined(separator: "; "),
                ]
            }
            print(
                TextTable.render(
                    header: [
                        "cli.col.username", "cli.col.delegate", "cli.col.delegation", "cli.col.name", "cli.col.state",
                    ].map { cli($0) } + [""], rows: rows), terminator: "")
        }
    }

    /// `accounts unlock USERNAME`: clears the waits failed sign-ins put on a username.
    struct Unlock: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: cli("cli.accounts.unlock.about"), discussion: cli("cli.accounts.unlock.more"))
        }
        @Argument(help: ArgumentHelp(cli("cli.arg.username"))) var username: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption
        func run() throws {
            let db = try store.open()
            let cleared = try storeCall { try db.clearThrottle(username: username.lowercased(), actor: OSUser.name) }
            print(cli.plural("cli.accounts.unlocked", cleared, ["username": username.lowercased()]))
        }
    }

    /// `accounts key add|list|remove`: the public keys of a delegate's account, for the SSH
    /// front door (the ASM records a key a delegate sent; delegates add their own with `:key add`).
    struct Key: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: cli("cli.accounts.key.about"), subcommands: [Add.self, List.self, Remove.self])
        }

        struct Add: ParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: cli("cli.accounts.key.add.about"))
            }
            @Argument(help: ArgumentHelp(cli("cli.arg.delegate-id"))) var id: Int64
            @Argument(help: ArgumentHelp(cli("cli.arg.key-line"))) var line: String
            @OptionGroup var store: StoreOptions
            @OptionGroup var language: LanguageOption
            func run() throws {
                let key = try PublicKeyLine.readForCLI(line)
                let db = try store.open()
                try storeCall {
                    try db.addAccountKey(
                        delegateID: id, type: key.type, key: key.key, fingerprint: key.fingerprint,
                        comment: key.comment, actor: OSUser.name, byDelegate: false)
                }
                print(cli("cli.accounts.key.added", ["id": "\(id)", "fingerprint": key.fingerprint, "type": key.type]))
            }
        }

        struct List: ParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: cli("cli.accounts.key.list.about"))
            }
            @Argument(help: ArgumentHelp(cli("cli.arg.delegate-id"))) var id: Int64
            @OptionGroup var store: StoreOptions
            @OptionGroup var language: LanguageOption
            func run() throws {
                let db = try store.open()
                try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
                let rows = try db.accountKeys(delegateID: id).map {
                    [$0.fingerprint, $0.type, $0.comment, $0.addedAt.description, $0.addedBy]
                }
                print(
                    TextTable.render(
                        header: [
                            "cli.col.fingerprint", "cli.col.type", "cli.col.comment", "cli.col.added", "cli.col.by",
                        ]
                        .map { cli($0) }, rows: rows), terminator: "")
            }
        }

        struct Remove: ParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: cli("cli.accounts.key.remove.about"))
            }
            @Argument(help: ArgumentHelp(cli("cli.arg.delegate-id"))) var id: Int64
            @Argument(help: ArgumentHelp(cli("cli.arg.fingerprint"))) var fingerprint: String
            @OptionGroup var store: StoreOptions
            @OptionGroup var language: LanguageOption
            func run() throws {
                let db = try store.open()
                let removed = try storeCall {
                    try db.removeAccountKey(
                        delegateID: id, fingerprint: fingerprint, actor: OSUser.name, byDelegate: false)
                }
                guard removed else {
                    throw CLIError(cli("cli.accounts.key.unknown", ["id": "\(id)", "fingerprint": fingerprint]))
                }
                print(cli("cli.accounts.key.removed", ["id": "\(id)", "fingerprint": fingerprint]))
            }
        }
    }
}

extension PublicKeyLine {
    /// A key line from the command line, its refusal worded in the command line's language.
    static func readForCLI(_ text: String) throws -> PublicKeyLine {
        do { return try PublicKeyLine(text) } catch let r as PublicKeyLine.Refusal {
            throw CLIError(CLILanguage.current(r.key, r.values))
        }
    }
}
