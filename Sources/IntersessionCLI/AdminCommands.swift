import ArgumentParser
import Foundation
import MeetingModel
import MeetingTime
import Store

extension Role: ExpressibleByArgument {}

/// `intersession audit`: who changed what, when.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Show the audit trail: who changed what, when (UTC), before and after.")
    @Option(help: ArgumentHelp("Only changes from this date (YYYY-MM-DD, UTC) on.", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("Only changes of this delegate.", valueName: "id")) var delegate: Int64?
    @Flag(help: "Print each change's before and after.") var full = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        try storeCall { try db.require(.readAudit, actor: OSUser.name) }
        var from: Instant?
        if let since {
            guard let day = CalendarDay(iso: since) else { throw ValidationError("--since: '\(since)' is not a date; write YYYY-MM-DD") }
            from = day.startInUTC
        }
        let meetingID = try store.meetingID(in: db)
        let entries = try db.audit(meetingID: meetingID, subject: delegate.map { "delegate \($0)" }, since: from)
        for e in entries {
            print("\(e.at)  \(pad(e.actor, 12))\(pad(e.action, 22))\(e.subject)")
            if full {
                if !e.before.isEmpty { print("    before: \(e.before)") }
                if !e.after.isEmpty { print("    after:  \(e.after)") }
            }
        }
    }
}

/// `intersession db check|backup`.
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "db", abstract: "Check the database's integrity, or back it up.", subcommands: [Check.self, Backup.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "SQLite's integrity and foreign-key checks; exit 1 on any problem.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.maintainDatabase, actor: OSUser.name) }
            let problems = try db.check()
            if problems.isEmpty { print("\(store.path): ok") } else {
                for p in problems { printError(p) }
                throw ExitCode(1)
            }
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Copy the database consistently (SQLite's backup API) to a new file.")
        @Argument(help: ArgumentHelp("The new file.", valueName: "file")) var file: String
        @OptionGroup var store: StoreOptions
        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.maintainDatabase, actor: OSUser.name) }
            try storeCall { try db.backup(to: file) }
            print("backed up to \(file)")
        }
    }
}

/// `intersession users add|list`: staff accounts.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "users", abstract: "Add or list staff accounts (OS user names).", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an OS user a staff role (re-adding changes the role).")
        @Argument(help: "The OS user name.") var name: String
        @Option(help: "administrator, asm or chair-office.") var role: Role
        @OptionGroup var store: StoreOptions
        func validate() throws { if role == .delegate { throw ValidationError("delegates get personal accounts, not staff roles") } }
        func run() throws {
            let db = try store.open()
            try storeCall { try db.addStaff(name, role: role, actor: OSUser.name) }
            print("\(name): \(role.rawValue)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff accounts.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.manageStaff, actor: OSUser.name) }
            print(TextTable.render(header: ["NAME", "ROLE", "ADDED", "BY"], rows: try db.staff().map { [$0.name, $0.role.rawValue, $0.addedAt.description, $0.addedBy] }), terminator: "")
        }
    }
}

/// The permission each command needs; nil for commands that only read files. The test checks
/// that every command is listed here (deny by default: a new command must be placed).
enum CommandPermissions {
    static let table: [String: Permission?] = [
        "sign-in": nil, "check": nil, "zones": nil, "plan": nil, "evaluate": nil, "explain": nil, "instance": nil,
        "meeting import": .importMeetings, "meeting list": .readDelegates,
        "delegates add": .registerDelegates, "delegates import": .registerDelegates, "delegates list": .readDelegates, "delegates show": .readDelegates,
        "delegates edit": .registerDelegates, "delegates approve": .decideRegistrations,
        "delegates reject": .decideRegistrations, "delegates withdraw": .decideRegistrations,
        "audit": .readAudit, "db check": .maintainDatabase, "db backup": .maintainDatabase,
        "users add": .manageStaff, "users list": .manageStaff,
        "accounts issue": .issueAccounts, "accounts reset": .issueAccounts, "accounts list": .readDelegates,
        "interpretation report": nil, "interpretation request": .requestInterpretation,
        "interpretation withdraw": .requestInterpretation, "interpretation requests": .readDelegates,
        "programme import": .editProgramme, "publish": .editProgramme, "changes": .readDelegates,
        "export ics": .readDelegates, "export frab-xml": nil, "export frab-json": nil, "export programme": nil,
    ]
}
