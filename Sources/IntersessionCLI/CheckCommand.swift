import AgendaFiles
import ArgumentParser
import Foundation
import MeetingModel

/// `intersession check AGENDA…`: validate agenda, delegation-list and programme files.
struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: cli("cli.check.about"),
            discussion: cli("cli.check.more")
        )
    }

    @Argument(help: ArgumentHelp(cli("cli.check.files"), valueName: "file"))
    var files: [String]

    @OptionGroup var language: LanguageOption

    func run() throws {
        var failed = false
        var meetings: [String: Meeting] = [:]
        // Agendas first, so a programme given alongside its agenda reuses it instead of re-reporting it.
        let ordered = files.map { ($0, AgendaReader.kind(ofFileAt: $0)) }
            .sorted { ($0.1 == .programme ? 1 : 0) < ($1.1 == .programme ? 1 : 0) }
        for (file, kind) in ordered {
            let (diagnostics, summary) = check(file, kind: kind, meetings: &meetings)
            for d in diagnostics { printError(d.text(CLILanguage.current)) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            if errors > 0 {
                failed = true
                printError(
                    cli.plural("cli.check.errors", errors, ["file": file])
                        + (warnings > 0 ? ", " + cli.plural("cli.count.warnings", warnings) : ""))
            } else if let summary {
                print(
                    cli("cli.check.ok", ["file": file, "summary": summary])
                        + (warnings > 0 ? " (" + cli.plural("cli.count.warnings", warnings) + ")" : ""))
            }
        }
        if failed { throw ExitCode(1) }
    }

    private func check(_ file: String, kind: AgendaDocumentKind?, meetings: inout [String: Meeting]) -> (
        [Diagnostic], String?
    ) {
        switch kind {
        case .agenda, nil:
            let load = AgendaReader.load(path: file)
            guard let m = load.meeting else { return (load.diagnostics, nil) }
            meetings[Self.key(file)] = m
            return (load.diagnostics, Self.summary(of: m))
        case .delegationList:
            let load = AgendaReader.loadDelegationList(path: file)
            return (
                load.diagnostics,
                Self.delegationCounts(load.delegations) + ", " + cli.plural("cli.count.bodies", load.bodies.count)
            )
        case .programme:
            let known = ProgrammeReader.referencedAgenda(ofProgrammeAt: file).flatMap { meetings[Self.key($0)] }
            let load = ProgrammeReader.load(path: file, meeting: known)
            guard let p = load.programme, let m = load.meeting else { return (load.diagnostics, nil) }
            let pinned = p.placements.filter(\.pinned).count
            return (
                load.diagnostics,
                cli.plural(
                    "cli.check.placed", m.sessions.count,
                    ["placed": "\(p.placements.count)", "pinned": "\(pinned)", "meeting": m.id])
            )
        }
    }

    /// "60 delegations (56 participants, 4 observers)", kinds with none left out.
    static func delegationCounts(_ delegations: [Delegation]) -> String {
        let kinds: [(DelegationKind, String)] = [
            (.participant, "cli.count.participants"), (.observer, "cli.count.observers"),
            (.guestOfChair, "cli.count.guests"),
        ]
        let parts = kinds.compactMap { kind, key -> String? in
            let n = delegations.filter { $0.kind == kind }.count
            return n == 0 ? nil : cli.plural(key, n)
        }
        return cli.plural("cli.count.delegations", delegations.count) + " (\(parts.joined(separator: ", ")))"
    }

    static func key(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// One line: delegations, bodies, sessions, days.
    static func summary(of m: Meeting) -> String {
        cli(
            "cli.check.summary",
            [
                "delegations": delegationCounts(m.delegations),
                "bodies": cli.plural("cli.count.bodies", m.bodies.count),
                "sessions": cli.plural("cli.count.sessions", m.sessions.count),
                "days": cli.plural("cli.count.days", m.days.count),
                "first": "\(m.firstDay)", "last": "\(m.lastDay)", "zone": m.hostZone,
                "languages": m.languages.joined(separator: ", "),
            ])
    }
}
