import ArgumentParser
import Foundation
import MeetingModel
import MeetingTime
import SSHKeys
import Store

extension Role: ExpressibleByArgument {}

/// `intersession audit`: who changed what, when.
struct AuditCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "audit", abstract: cli("cli.audit.about"))
    }
    @Option(help: ArgumentHelp(cli("cli.audit.since"), valueName: "date")) var since: String?
    @Option(help: ArgumentHelp(cli("cli.audit.delegate"), valueName: "id")) var delegate: Int64?
    @Flag(help: ArgumentHelp(cli("cli.audit.full"))) var full = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        let db = try store.open()
        try storeCall { try db.require(.readAudit, actor: OSUser.name) }
        var from: Instant?
        if let since {
            guard let day = CalendarDay(iso: since) else {
                throw ValidationError(cli("cli.bad-date", ["option": "--since", "value": since]))
            }
            from = day.startInUTC
        }
        let meetingID = try store.meetingID(in: db)
        let entries = try db.audit(meetingID: meetingID, subject: delegate.map { "delegate \($0)" }, since: from)
        for e in entries {
            print("\(e.at)  \(pad(e.actor, 12))\(pad(e.action, 22))\(e.subject)")
            if full {
                if !e.before.isEmpty { print("    " + cli("cli.audit.before", ["value": e.before])) }
                if !e.after.isEmpty { print("    " + cli("cli.audit.after", ["value": e.after])) }
            }
        }
    }
}

/// `intersession db check|backup`.
struct DbCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "db", abstract: cli("cli.db.about"), subcommands: [Check.self, Backup.self])
    }

    struct Check: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.db.check.about"))
        }
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption
        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.maintainDatabase, actor: OSUser.name) }
            let problems = try db.check()
            if problems.isEmpty {
                print(cli("cli.db.ok", ["path": store.path]))
            } else {
                for p in problems { printError(p) }
                throw ExitCode(1)
            }
        }
    }

    struct Backup: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.db.backup.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.db.backup.file"), valueName: "file")) var file: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption
        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.maintainDatabase, actor: OSUser.name) }
            try storeCall { try db.backup(to: file) }
            print(cli("cli.db.backed-up", ["file": file]))
        }
    }
}

/// `intersession users add|list`: staff accounts.
struct UsersCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "users", abstract: cli("cli.users.about"),
            subcommands: [Add.self, List.self, Password.self, Key.self])
    }

    struct Add: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.users.add.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.users.name"))) var name: String
        @Option(help: ArgumentHelp(cli("cli.users.role"))) var role: Role
        @Option(help: ArgumentHelp(cli("cli.users.key"), valueName: "line")) var key: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption
        func validate() throws { if role == .delegate { throw ValidationError(cli("cli.users.no-delegate")) } }
        func run() throws {
            let db = try store.open()
            // The key is read before anything is written: a bad one adds nothing.
            let line = try key.map(PublicKeyLine.readForCLI)
            try storeCall { try db.addStaff(name, role: role, actor: OSUser.name) }
            print("\(name): \(role.rawValue)")
            if let line { try UsersCommand.add(line, to: name, in: db) }
        }
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.users.list.about"))
        }
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption
        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.manageStaff, actor: OSUser.name) }
            print(
                TextTable.render(
                    header: ["cli.col.name", "cli.col.role", "cli.col.added", "cli.col.by"].map { cli($0) },
                    rows: try db.staff().map { [$0.name, $0.role.rawValue, $0.addedAt.description, $0.addedBy] }),
                terminator: "")
        }
    }
}

extension UsersCommand {
    static func add(_ line: PublicKeyLine, to name: String, in db: SQLiteStore) throws {
        try storeCall {
            try db.addStaffKey(
                name, type: line.type, key: line.key, fingerprint: line.fingerprint, comment: line.comment,
                actor: OSUser.name)
        }
        print(cli("cli.users.key-added", ["name": name, "fingerprint": line.fingerprint, "type": line.type]))
    }

    /// `users password NAME`: the password staff member NAME signs in with over SSH (with a key),
    /// read from standard input (twice, without echo, on a terminal).
    struct Password: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.users.password.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.users.name"))) var name: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption
        func run() throws {
            let db = try store.open()
            let password: String
            if isatty(0) == 1 {
                guard let first = getpass(cli("cli.users.password.prompt")).map({ String(cString: $0) }),
                    let second = getpass(cli("cli.users.password.again")).map({ String(cString: $0) }), first == second
                else { throw CLIError(cli("cli.users.password.differ")) }
                password = first
            } else {
                password = readLine(strippingNewline: true) ?? ""
            }
            try storeCall { try db.setStaffPassword(name, password: password, actor: OSUser.name) }
            print(cli("cli.users.password.set", ["name": name]))
        }
    }

    /// `users key add NAME LINE`: a public key staff member NAME signs in with over SSH.
    struct Key: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.users.key.about"), subcommands: [Add.self])
        }

        struct Add: ParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: cli("cli.users.key.add.about"))
            }
            @Argument(help: ArgumentHelp(cli("cli.users.name"))) var name: String
            @Argument(help: ArgumentHelp(cli("cli.arg.key-line"))) var line: String
            @OptionGroup var store: StoreOptions
            @OptionGroup var language: LanguageOption
            func run() throws {
                let db = try store.open()
                try UsersCommand.add(try PublicKeyLine.readForCLI(line), to: name, in: db)
            }
        }
    }
}

/// The permission each command needs; nil for commands that only read files. The test checks
/// that every command is listed here (deny by default: a new command must be placed).
enum CommandPermissions {
    static let table: [String: Permission?] = [
        "sign-in": nil, "check": nil, "zones": nil, "plan": nil, "evaluate": nil, "explain": nil, "instance": nil,
        // The front door signs delegates in as `sign-in` does (the database file is its boundary).
        "serve": nil, "serve-session": nil,
        "users password": .manageStaff, "users key add": .manageStaff,
        "accounts key add": .issueAccounts, "accounts key remove": .issueAccounts, "accounts key list": .readDelegates,
        "meeting import": .importMeetings, "meeting list": .readDelegates,
        "delegates add": .registerDelegates, "delegates import": .registerDelegates, "delegates list": .readDelegates,
        "delegates show": .readDelegates,
        "delegates edit": .registerDelegates, "delegates approve": .decideRegistrations,
        "delegates reject": .decideRegistrations, "delegates withdraw": .decideRegistrations,
        "audit": .readAudit, "db check": .maintainDatabase, "db backup": .maintainDatabase,
        "users add": .manageStaff, "users list": .manageStaff,
        "accounts issue": .issueAccounts, "accounts reset": .issueAccounts, "accounts unlock": .issueAccounts,
        "accounts list": .readDelegates,
        "interpretation report": nil, "interpretation request": .requestInterpretation,
        "interpretation withdraw": .requestInterpretation, "interpretation requests": .readDelegates,
        "programme import": .editProgramme, "publish": .editProgramme, "changes": .readDelegates,
        "export ics": .readDelegates, "export frab-xml": nil, "export frab-json": nil, "export programme": nil,
        "links import": .recordTakingPart, "links set": .recordTakingPart, "links remove": .recordTakingPart,
        "links list": .readDelegates, "links revoked": .readDelegates, "links cancelled": .recordTakingPart,
        "attendance import": .recordTakingPart, "attendance report": .readDelegates,
        "outbox list": .sendMessages, "outbox show": .sendMessages, "outbox compose": .sendMessages,
        "outbox remind": .sendMessages, "outbox send": .sendMessages, "outbox cancel": .sendMessages,
        "outbox retry": .sendMessages,
    ]
}
