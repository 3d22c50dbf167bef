import AppShell
import ArgumentParser
import Foundation
import FrontDoor
import Mail
import MeetingModel
import Store

/// Where letters come from, how they go and how delegates connect (issue 20); each from an
/// option, else the environment, else a default.
struct MailOptions: ParsableArguments {
    @Option(help: ArgumentHelp(cli("cli.mail.transport"), valueName: "transport")) var transport: String?
    @Option(help: ArgumentHelp(cli("cli.mail.from"), valueName: "Name <address>")) var from: String?
    @Option(help: ArgumentHelp(cli("cli.mail.ssh-host"), valueName: "host[:port]")) var sshHost: String?
    @Option(name: .customLong("host-key"), help: ArgumentHelp(cli("cli.mail.host-key"), valueName: "path"))
    var hostKey: String?

    static let environment = ProcessInfo.processInfo.environment

    /// The settings from these options, else the environment.
    var settings: MailSettings {
        get throws {
            MailSettings(
                from: try Self.sender(from), transport: try Self.transport(transport),
                connect: try Self.connect(sshHost, hostKey: hostKey))
        }
    }

    /// The settings the environment alone gives (the terminal UI's desk), nil when mail is not
    /// set up there. (A `ParsableArguments` value is only read after parsing: hence the statics.)
    static var fromEnvironment: MailSettings? {
        guard let from = try? sender(nil), let transport = try? transport(nil), let connect = try? connect(nil) else {
            return nil
        }
        return MailSettings(from: from, transport: transport, connect: connect)
    }

    /// `text`, else INTERSESSION_MAIL_TRANSPORT, else sendmail.
    static func transport(_ text: String?) throws -> MailTransport {
        let text = text ?? environment["INTERSESSION_MAIL_TRANSPORT"] ?? "sendmail"
        guard let t = MailTransport(text: text) else { throw CLIError(cli("cli.mail.bad-transport", ["value": text])) }
        return t
    }

    /// "Name <address>" or a bare address: `text`, else INTERSESSION_MAIL_FROM.
    static func sender(_ text: String?) throws -> MailAddress {
        let text = (text ?? environment["INTERSESSION_MAIL_FROM"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw CLIError(cli("cli.mail.no-from")) }
        guard let address = MailAddress(text: text) else { throw CLIError(cli("cli.mail.bad-from", ["value": text])) }
        return address
    }

    /// The front door's name and port (`text`, else INTERSESSION_SSH_HOST), and the fingerprint
    /// of the host key `serve` uses: the key at `hostKey` (as `serve --host-key` is given; it must
    /// be there), else at the default path when there is one yet.
    static func connect(_ text: String?, hostKey: String? = nil) throws -> ConnectInfo {
        let text = text ?? environment["INTERSESSION_SSH_HOST"] ?? ""
        guard !text.isEmpty else { throw CLIError(cli("cli.mail.no-ssh-host")) }
        var host = text, port = 22
        if let colon = text.lastIndex(of: ":"), let p = Int(text[text.index(after: colon)...]) {
            host = String(text[..<colon])
            port = p
        }
        guard (1...65_535).contains(port), !host.isEmpty,
            host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
        else { throw CLIError(cli("cli.mail.bad-ssh-host", ["value": text])) }
        let fingerprint: String?
        if let hostKey {
            do {
                guard let f = try HostKey.fingerprint(ofKeyAt: hostKey) else {
                    throw CLIError(cli("cli.mail.no-host-key", ["path": hostKey]))
                }
                fingerprint = f
            } catch let error as FrontDoorError { throw CLIError("\(error)") }
        } else {
            fingerprint = try? HostKey.fingerprint(ofKeyAt: HostKey.defaultPath())
        }
        return ConnectInfo(host: host, port: port, fingerprint: fingerprint)
    }
}

/// `intersession outbox list|show|send|cancel|retry`: messages to delegates (issue 20).
struct OutboxCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "outbox", abstract: cli("cli.outbox.about"), discussion: cli("cli.outbox.more"),
            subcommands: [List.self, Show.self, Compose.self, Remind.self, Send.self, Cancel.self, Retry.self])
    }

    /// Queues reminders of the sessions starting within `--before` (what the timer runs before
    /// `send --due`; nothing is reminded unless it runs).
    struct Remind: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.outbox.remind.about"))
        }
        @Option(help: ArgumentHelp(cli("cli.outbox.before"), valueName: "time")) var before: String
        @Option(help: ArgumentHelp(cli("cli.mail.from"), valueName: "Name <address>")) var from: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        /// "1h", "30m" or minutes; 1 minute to 48 hours.
        var minutes: Int? {
            let text = before.trimmingCharacters(in: .whitespaces).lowercased()
            let unit = text.last.flatMap { ["m": 1, "h": 60][$0] }
            guard let n = Int(unit == nil ? text : String(text.dropLast())) else { return nil }
            let m = n * (unit ?? 1)
            return (1...(48 * 60)).contains(m) ? m : nil
        }

        func validate() throws {
            if minutes == nil { throw ValidationError(cli("cli.outbox.bad-before", ["value": before])) }
        }

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.sendMessages, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            let sender = try MailOptions.sender(from)
            let stamp = try exportStamp()
            let n = try storeCall {
                try composeReminders(
                    db, meetingID: meetingID, minutes: minutes ?? 60, from: sender, actor: OSUser.name,
                    now: stamp)
            }
            print(cli("cli.outbox.reminded", ["count": "\(n)"]))
        }
    }

    /// Queues the change notices of the latest published version (merging unsent ones).
    struct Compose: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.outbox.compose.about"), discussion: cli("cli.outbox.compose.more"))
        }
        @Option(help: ArgumentHelp(cli("cli.mail.from"), valueName: "Name <address>")) var from: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.sendMessages, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            let sender = try MailOptions.sender(from)
            let (queued, replaced) = try storeCall {
                try composeChangeNotices(
                    db, meetingID: meetingID, from: sender, actor: OSUser.name, now: Instant(Date()))
            }
            print(cli("cli.outbox.composed", ["queued": "\(queued)", "replaced": "\(replaced)"]))
        }
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: cli("cli.outbox.list.about")) }
        @Option(help: ArgumentHelp(cli("cli.outbox.state"))) var state: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.sendMessages, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            var chosen: OutboxState?
            if let state {
                guard let s = OutboxState(rawValue: state) else {
                    throw CLIError(
                        cli(
                            "cli.outbox.bad-state",
                            ["value": state, "list": OutboxState.allCases.map(\.rawValue).joined(separator: ", ")]))
                }
                chosen = s
            }
            let entries = try storeCall { try db.outbox(meetingID: meetingID, state: chosen) }
            guard !entries.isEmpty else {
                print(cli("cli.outbox.empty"))
                return
            }
            print(
                TextTable.render(
                    header: ["cli.col.id", "cli.col.kind", "cli.col.state", "cli.col.email", "cli.col.subject", ""].map
                    {
                        cli($0)
                    },
                    rows: entries.map {
                        [
                            "\($0.id)", $0.kind, $0.state.rawValue, $0.recipient, clip($0.subject, 50),
                            $0.lastError.isEmpty ? "" : clip($0.lastError, 60),
                        ]
                    }), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: cli("cli.outbox.show.about")) }
        @Argument(help: ArgumentHelp(cli("cli.outbox.id"))) var id: Int64
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.sendMessages, actor: OSUser.name) }
            guard let (_, bytes) = try storeCall({ try db.outboxMessage(id, meetingID: try store.meetingID(in: db)) })
            else { throw CLIError(cli("cli.outbox.no-message", ["id": "\(id)"])) }
            FileHandle.standardOutput.write(bytes)
        }
    }

    struct Send: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.outbox.send.about"), discussion: cli("cli.outbox.send.more"))
        }
        @Flag(help: ArgumentHelp(cli("cli.outbox.due"))) var due = false
        @Option(help: ArgumentHelp(cli("cli.mail.transport"), valueName: "transport")) var transport: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            let chosen = try MailOptions.transport(transport)
            let (sent, failed, unknown) = try storeCall {
                try sendOutbox(db, meetingID: meetingID, transport: chosen, due: due, actor: OSUser.name)
            }
            print(cli("cli.outbox.sent", ["sent": "\(sent)", "failed": "\(failed)", "transport": "\(chosen)"]))
            if unknown > 0 { printError(cli("cli.outbox.unknown", ["count": "\(unknown)"])) }
            if failed > 0 { throw ExitCode(1) }
        }
    }

    struct Cancel: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.outbox.cancel.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.outbox.id"))) var id: Int64
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            guard
                try storeCall({ try db.cancelMessage(id, meetingID: try store.meetingID(in: db), actor: OSUser.name) })
            else { throw CLIError(cli("cli.outbox.cannot-cancel", ["id": "\(id)"])) }
            print(cli("cli.outbox.cancelled", ["id": "\(id)"]))
        }
    }

    struct Retry: ParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: cli("cli.outbox.retry.about")) }
        @Argument(help: ArgumentHelp(cli("cli.outbox.id"))) var id: Int64
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            guard try storeCall({ try db.retryMessage(id, meetingID: try store.meetingID(in: db), actor: OSUser.name) })
            else { throw CLIError(cli("cli.outbox.cannot-retry", ["id": "\(id)"])) }
            print(cli("cli.outbox.retried", ["id": "\(id)"]))
        }
    }
}
