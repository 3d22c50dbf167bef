import AgendaFiles
import ArgumentParser
import Foundation
import MeetingModel

/// `intersession check AGENDA…`: validate agenda, delegation-list and programme files.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate agenda, delegation-list and programme files.",
        discussion: """
            Every problem is printed as FILE:LINE:COLUMN: error: message (warnings likewise) on \
            standard error; a file without errors gets a one-line summary on standard output. \
            The kind of each file is told by its top-level key: 'meeting' (an agenda), \
            'delegations'/'bodies' only (a list for 'include:'), or 'programme'. \
            Exits 0 when no file has an error, 1 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("Files to check.", valueName: "file"))
    var files: [String]

    func run() throws {
        var failed = false
        var meetings: [String: Meeting] = [:]
        // Agendas first, so a programme given alongside its agenda reuses it instead of re-reporting it.
        let ordered = files.map { ($0, AgendaReader.kind(ofFileAt: $0)) }
            .sorted { ($0.1 == .programme ? 1 : 0) < ($1.1 == .programme ? 1 : 0) }
        for (file, kind) in ordered {
            let (diagnostics, summary) = check(file, kind: kind, meetings: &meetings)
            for d in diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            if errors > 0 {
                failed = true
                FileHandle.standardError.write(Data("\(file): \(errors) error\(errors == 1 ? "" : "s")\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")\n".utf8))
            } else if let summary {
                print("\(file): ok: \(summary)\(warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "")")
            }
        }
        if failed { throw ExitCode(1) }
    }

    private func check(_ file: String, kind: AgendaDocumentKind?, meetings: inout [String: Meeting]) -> ([Diagnostic], String?) {
        switch kind {
        case .agenda, nil:
            let load = AgendaReader.load(path: file)
            guard let m = load.meeting else { return (load.diagnostics, nil) }
            meetings[Self.key(file)] = m
            return (load.diagnostics, Self.summary(of: m))
        case .delegationList:
            let load = AgendaReader.loadDelegationList(path: file)
            return (load.diagnostics, "\(Self.delegationCounts(load.delegations)), \(load.bodies.count) bodies")
        case .programme:
            let known = ProgrammeReader.referencedAgenda(ofProgrammeAt: file).flatMap { meetings[Self.key($0)] }
            let load = ProgrammeReader.load(path: file, meeting: known)
            guard let p = load.programme, let m = load.meeting else { return (load.diagnostics, nil) }
            let pinned = p.placements.filter(\.pinned).count
            return (load.diagnostics, "\(p.placements.count) of \(m.sessions.count) sessions placed (\(pinned) pinned) for \(m.id)")
        }
    }

    /// "60 delegations (56 participants, 4 observers)", kinds with none left out.
    static func delegationCounts(_ delegations: [Delegation]) -> String {
        let kinds: [(DelegationKind, String, String)] = [(.participant, "participant", "participants"), (.observer, "observer", "observers"), (.guestOfChair, "guest of the Chair", "guests of the Chair")]
        let parts = kinds.compactMap { kind, one, many -> String? in
            let n = delegations.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(n) \(n == 1 ? one : many)"
        }
        return "\(delegations.count) delegation\(delegations.count == 1 ? "" : "s") (\(parts.joined(separator: ", ")))"
    }

    static func key(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// One line: delegations, bodies, sessions, days.
    static func summary(of m: Meeting) -> String {
        "\(delegationCounts(m.delegations)), \(m.bodies.count) bodies, \(m.sessions.count) sessions, "
            + "\(m.days.count) days (\(m.firstDay) to \(m.lastDay), \(m.hostZone)), languages \(m.languages.joined(separator: ", "))"
    }
}
