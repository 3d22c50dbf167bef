import AppShell
import ArgumentParser
import Foundation
import Localization
import MeetingModel
import MeetingTime
import Store

/// `intersession`: the root command. Bare, in a terminal, it opens the terminal UI (the staff
/// screens for staff of the database, else the sign-in); elsewhere it prints an orientation.
public struct IntersessionCommand: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "intersession",
            abstract: cli("cli.root.about"),
            discussion: cli("cli.root.more"),
            subcommands: [
                SignInCommand.self, CheckCommand.self, ZonesCommand.self, PlanCommand.self, EvaluateCommand.self,
                ExplainCommand.self, InstanceCommand.self,
                InterpretationCommand.self, ProgrammeCommand.self, PublishCommand.self, ChangesCommand.self,
                ExportCommand.self, MeetingCommand.self, DelegatesCommand.self, AuditCommand.self, AccountsCommand.self,
                LinksCommand.self, AttendanceCommand.self, OutboxCommand.self, DbCommand.self, UsersCommand.self,
                ServeCommand.self,
                ServeSessionCommand.self,
            ]
        )
    }

    public init() {}

    public func run() throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            print(Self.orientation)
            throw CLIError(cli("cli.root.no-terminal"))
        }
        try runTerminalUI(operatorName: OSUser.name, lang: CLILanguage.flag)
    }

    /// What bare `intersession` prints when it is not run in a terminal.
    static var orientation: String { cli("cli.root.orientation") }
}

/// Opens the terminal UI; `operatorName` is the OS user when staff screens may open for it, on
/// `meeting` (else INTERSESSION_MEETING, else the database's first).
func runTerminalUI(operatorName: String?, lang: String? = nil, meeting: String? = nil) throws {
    // Options of the root command would also capture the subcommands' --db, so the terminal
    // UI takes its settings from the environment: INTERSESSION_DB (the database, as for every
    // command) and INTERSESSION_NOW (start the clock at an instant, e.g. 2021-06-22T10:30Z).
    let clock = try terminalClock()
    let path = StoreLocation.path(flag: nil)
    let store = try SampleDatabase.seedIfNew(path: path)
    let env = ProcessInfo.processInfo.environment["INTERSESSION_MEETING"]
    let chosen = meeting ?? (env?.isEmpty == false ? env : nil)
    if let chosen { try StoreOptions.require(chosen, among: try store.meetingSummaries(), path: path) }
    var app = Shell(store: store, operatorName: operatorName, clock: clock)
    app.meetingID = chosen
    // Mail set up in the environment (INTERSESSION_MAIL_FROM, INTERSESSION_SSH_HOST): the desk
    // sends account letters itself.
    app.mail = MailOptions.fromEnvironment
    app.l10n = Localizer.resolve(flag: lang, environment: ProcessInfo.processInfo.environment)
    app.languageChosen = lang != nil
    let status = try app.runOnTheTerminal()
    if status != 0 { throw ExitCode(status) }
}

/// The terminal UI's clock: the real one, or one started at INTERSESSION_NOW that runs from there.
func terminalClock() throws -> @Sendable () -> Instant {
    var start: Instant?
    if let now = ProcessInfo.processInfo.environment["INTERSESSION_NOW"], !now.isEmpty {
        guard let t = InstantText.absolute(now) else { throw CLIError(cli("cli.bad-now", ["value": now])) }
        start = t
    }
    let began = Date(), fixed = start
    return {
        guard let fixed else { return Instant(Date()) }
        return Instant(seconds: fixed.seconds + Int(Date().timeIntervalSince(began)))
    }
}

/// `intersession sign-in`: the delegates' sign-in whoever the OS user is (the command of the
/// restricted login delegates reach the host through).
struct SignInCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "sign-in",
            abstract: cli("cli.sign-in.about"),
            discussion: cli("cli.sign-in.more")
        )
    }

    @OptionGroup var language: LanguageOption

    @Option(help: ArgumentHelp(cli("cli.sign-in.meeting"), valueName: "id"))
    var meeting: String?

    func run() throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIError(cli("cli.sign-in.no-terminal"))
        }
        try runTerminalUI(operatorName: nil, lang: CLILanguage.flag, meeting: meeting)
    }
}
