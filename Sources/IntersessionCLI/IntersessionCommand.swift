import ArgumentParser
import Foundation
import Localization
import MeetingModel
import MeetingTime
import Store

/// `intersession`: the root command. Bare, it prints an orientation (the TUI will open here).
public struct IntersessionCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "intersession",
        abstract: "Run a virtual intergovernmental meeting across time zones, from a terminal.",
        discussion: """
            Intersession lays out a meeting's sessions across the delegations' time zones, registers \
            delegates and shows each delegate their own schedule in their own zone.
            """,
        subcommands: [SignInCommand.self, CheckCommand.self, ZonesCommand.self, PlanCommand.self, EvaluateCommand.self, ExplainCommand.self, InstanceCommand.self,
                      InterpretationCommand.self, ProgrammeCommand.self, PublishCommand.self, ChangesCommand.self, ExportCommand.self, MeetingCommand.self, DelegatesCommand.self, AuditCommand.self, AccountsCommand.self, DbCommand.self, UsersCommand.self]
    )

    public init() {}

    public func run() throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            print(Self.orientation)
            throw CLIError("the terminal UI needs a terminal on standard input and output; the subcommands above work from scripts")
        }
        try runTerminalUI(operatorName: OSUser.name)
    }

    /// What bare `intersession` prints when it is not run in a terminal.
    static let orientation = """
        Intersession: a virtual intergovernmental meeting, run from a terminal.

        The Chair's office builds the programme, the ASM registers delegates, and delegates see
        their own schedule in their own time zone. In a terminal, bare 'intersession' opens the
        terminal UI (sign-in with a personal account); these commands work on agenda files (YAML,
        see Agendas/) and on the database from scripts.

        Agendas and time zones:
          intersession check AGENDA...                    validate agenda, delegation-list and programme files
          intersession zones AGENDA --at INSTANT          every delegation's local time, offset and comfort band
          intersession zones AGENDA --overlap --day DATE  the many-zone overlap of one UTC day, best and worst windows
        The programme:
          intersession plan AGENDA [--out FILE]           place every session; score, burden and lower bound
          intersession evaluate AGENDA PROGRAMME          every broken constraint in words, then the score
          intersession explain AGENDA PROGRAMME --session ID   why a session is where it is, and its alternatives
        Registration (the database: --db PATH or $INTERSESSION_DB):
          intersession meeting import AGENDA              add or update a meeting
          intersession delegates import|add|list|show|edit|approve|reject|withdraw
          intersession accounts issue|reset|list          delegates' personal accounts
          intersession audit | users add|list | db check|backup

        Try them on the sample meeting (KP Intersessional, 21-25 June 2021):
          intersession check Agendas/kp-2021-intersessional.*
          intersession zones Agendas/kp-2021-intersessional.yaml --at 2021-06-21T10:00Z
          intersession plan Agendas/kp-2021-intersessional.yaml --time-limit 2

        'intersession help COMMAND' explains each command.
        """
}

/// Opens the terminal UI; `operatorName` is the OS user when staff screens may open for it.
func runTerminalUI(operatorName: String?, lang: String? = nil) throws {
    // Options of the root command would also capture the subcommands' --db, so the terminal
    // UI takes its settings from the environment: INTERSESSION_DB (the database, as for every
    // command) and INTERSESSION_NOW (start the clock at an instant, e.g. 2021-06-22T10:30Z).
    var start: Instant?
    if let now = ProcessInfo.processInfo.environment["INTERSESSION_NOW"], !now.isEmpty {
        guard let t = InstantText.absolute(now) else { throw CLIError("INTERSESSION_NOW='\(now)' is not an instant; write e.g. 2021-06-22T10:30Z") }
        start = t
    }
    let store = try TerminalApp.seedIfNew(path: StoreLocation.path(flag: nil))
    let began = Date(), fixed = start
    let clock: @Sendable () -> Instant = {
        guard let fixed else { return Instant(Date()) }
        return Instant(seconds: fixed.seconds + Int(Date().timeIntervalSince(began)))
    }
    var app = TerminalApp(store: store, operatorName: operatorName, clock: clock)
    app.l10n = Localizer.resolve(flag: lang, environment: ProcessInfo.processInfo.environment)
    app.languageChosen = lang != nil
    let status = try app.run()
    if status != 0 { throw ExitCode(status) }
}

/// `intersession sign-in`: the delegates' sign-in whoever the OS user is (the command of the
/// restricted login delegates reach the host through).
struct SignInCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-in",
        abstract: "Open the terminal UI at the delegates' sign-in (the restricted login's command; staff screens never open)."
    )

    @Option(help: ArgumentHelp("The language of the screens: en, fr, ru or es (else the account's preference, else LANG).", valueName: "code"))
    var lang: String?

    func run() throws {
        _ = try cliLocalizer(lang)         // a wrong --lang is refused before the terminal is taken
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIError("the terminal UI needs a terminal on standard input and output")
        }
        try runTerminalUI(operatorName: nil, lang: lang)
    }
}
