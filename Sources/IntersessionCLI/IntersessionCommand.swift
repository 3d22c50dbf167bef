import ArgumentParser

/// `intersession`: the root command. Bare, it prints an orientation (the TUI will open here).
public struct IntersessionCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "intersession",
        abstract: "Run a virtual intergovernmental meeting across time zones, from a terminal.",
        discussion: """
            Intersession lays out a meeting's sessions across the delegations' time zones, registers \
            delegates and shows each delegate their own schedule in their own zone.
            """,
        subcommands: [CheckCommand.self, ZonesCommand.self, PlanCommand.self, EvaluateCommand.self, ExplainCommand.self, InstanceCommand.self,
                      InterpretationCommand.self, MeetingCommand.self, DelegatesCommand.self, AuditCommand.self, AccountsCommand.self, DbCommand.self, UsersCommand.self]
    )

    public init() {}

    public func run() throws {
        print(Self.orientation)
    }

    /// What bare `intersession` prints until the terminal UI exists.
    static let orientation = """
        Intersession: a virtual intergovernmental meeting, run from a terminal.

        The Chair's office builds the programme, the ASM registers delegates, and delegates see
        their own schedule in their own time zone. The terminal UI is not built yet; today these
        commands work on agenda files (YAML, see Agendas/) and on the database.

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
