import AppCore
import AppShell
import ArgumentParser
import Foundation
import Localization
import MeetingModel
import Registration
import RegistrationFiles
import Store

/// `--session ID` / `--room NAME`: what a link is for (neither: every session of the meeting).
struct LinkScopeOptions: ParsableArguments {
    @Option(help: ArgumentHelp(cli("cli.links.session"), valueName: "id")) var session: String?
    @Option(help: ArgumentHelp(cli("cli.links.room"), valueName: "room")) var room: String?

    func validate() throws {
        if session != nil && room != nil { throw ValidationError(cli("cli.links.session-or-room")) }
    }

    var scope: LinkScope { session.map(LinkScope.session) ?? room.map(LinkScope.room) ?? .meeting }
}

/// `--map HEADER=FIELD` and `--delimiter` of a platform's CSV file.
struct PlatformCSVOptions: ParsableArguments {
    @Option(help: ArgumentHelp(cli("cli.import.map"), valueName: "header=field")) var map: [String] = []
    @Option(help: ArgumentHelp(cli("cli.import.delimiter"), valueName: "char")) var delimiter: String?

    func check(fields: [String]) throws {
        if let delimiter, delimiter != ",", delimiter != ";" { throw ValidationError(cli("cli.import.bad-delimiter")) }
        for m in map
        where !m.contains("=") || !fields.contains(String(m.split(separator: "=", maxSplits: 1).last ?? "")) {
            throw ValidationError(cli("cli.import.bad-map", ["value": m, "fields": fields.joined(separator: ", ")]))
        }
    }

    var mapping: [String: String] {
        Dictionary(
            map.map { m in
                let p = m.split(separator: "=", maxSplits: 1).map(String.init); return (p[0], p[1])
            },
            uniquingKeysWith: { $1 })
    }
}

/// A delegate named on the command line by id or by e-mail.
func delegate(named text: String, in db: SQLiteStore, meetingID: String) throws -> Delegate {
    let found: Delegate?
    if let id = Int64(text) {
        found = try storeCall { try db.delegate(id, meetingID: meetingID) }
    } else {
        found = try storeCall { try db.delegates(DelegateQuery(meetingID: meetingID)) }.first {
            DelegateRules.emailKey($0.email) == DelegateRules.emailKey(text)
        }
    }
    guard let found else { throw CLIError(cli("cli.links.no-delegate", ["who": text, "meeting": meetingID])) }
    return found
}

/// `intersession links import|set|remove|list|revoked|cancelled`: delegates' personal join links.
struct LinksCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "links", abstract: cli("cli.links.about"), discussion: cli("cli.links.more"),
            subcommands: [Import.self, Set.self, Remove.self, List.self, Revoked.self, Cancelled.self])
    }

    struct Import: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.links.import.about"), discussion: cli("cli.links.import.more"))
        }
        @Argument(help: ArgumentHelp(cli("cli.links.import.file"), valueName: "file")) var file: String
        @Flag(help: ArgumentHelp(cli("cli.import.dry-run"))) var dryRun = false
        @OptionGroup var csv: PlatformCSVOptions
        @OptionGroup var scope: LinkScopeOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func validate() throws { try csv.check(fields: RegistrantLinkReader.fields) }

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.recordTakingPart, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            let plan = try storeCall {
                try planLinkImport(
                    db, path: file, meetingID: meetingID, map: csv.mapping, delimiter: csv.delimiter?.first,
                    scope: scope.scope, l: CLILanguage.current)
            }
            if !plan.problems.isEmpty {
                for p in plan.problems { printError(p) }
                printError(cli.plural("cli.import.problems", plan.problems.count, ["file": file]))
                throw ExitCode(1)
            }
            print(
                cli(
                    "cli.links.plan",
                    [
                        "file": file, "links": "\(plan.writes.count)", "unmatched": "\(plan.unmatched.count)",
                        "inactive": "\(plan.inactive.count)", "without": "\(plan.withoutLink.count)",
                    ]))
            if !plan.unused.isEmpty {
                print("  " + cli("cli.links.unused", ["list": plan.unused.joined(separator: ", ")]))
            }
            for (row, email) in plan.unmatched {
                print("  " + cli("cli.links.unmatched", ["row": "\(row)", "email": email]))
            }
            for (row, email, status) in plan.inactive {
                print("  " + cli("cli.links.inactive", ["row": "\(row)", "email": email, "status": status.rawValue]))
            }
            for (row, email) in plan.withoutLink {
                print("  " + cli("cli.links.without", ["row": "\(row)", "email": email]))
            }
            if dryRun {
                print(cli("cli.import.dry-run-done"))
                return
            }
            guard !plan.writes.isEmpty else {
                print(cli("cli.import.nothing"))
                return
            }
            let counts = try storeCall {
                try db.setJoinLinks(plan.writes.map(\.write), meetingID: meetingID, actor: OSUser.name)
            }
            print(
                cli(
                    "cli.links.written",
                    ["added": "\(counts.added)", "changed": "\(counts.changed)", "same": "\(counts.unchanged)"]))
        }
    }

    struct Set: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.links.set.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.links.who"), valueName: "delegate")) var who: String
        @Argument(help: ArgumentHelp(cli("cli.links.url"), valueName: "url")) var url: String
        @OptionGroup var scope: LinkScopeOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            let d = try delegate(named: who, in: db, meetingID: meetingID)
            let counts = try storeCall {
                try db.setJoinLinks(
                    [JoinLinkWrite(delegateID: d.id, link: PersonalLink(scope: scope.scope, url: url))],
                    meetingID: meetingID, actor: OSUser.name)
            }
            print(
                cli(
                    counts.unchanged > 0 ? "cli.links.set-same" : "cli.links.set-done",
                    ["name": d.displayName, "id": "\(d.id)", "scope": "\(scope.scope)"]))
        }
    }

    struct Remove: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.links.remove.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.links.who"), valueName: "delegate")) var who: String
        @Flag(help: ArgumentHelp(cli("cli.links.all"))) var all = false
        @OptionGroup var scope: LinkScopeOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            let d = try delegate(named: who, in: db, meetingID: meetingID)
            let n = try storeCall {
                try db.revokeJoinLinks(
                    delegateID: d.id, scope: all ? nil : scope.scope, meetingID: meetingID, actor: OSUser.name)
            }
            guard n > 0 else { throw CLIError(cli("cli.links.none-removed", ["name": d.displayName])) }
            print(cli.plural("cli.links.removed", n, ["name": d.displayName]))
        }
    }

    /// Per session: how many attendees have a link, and who has none.
    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.links.list.about"))
        }
        @Option(help: ArgumentHelp(cli("cli.links.list.session"), valueName: "id")) var session: String?
        @Option(help: ArgumentHelp(cli("cli.output.format"))) var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            guard let meeting = try storeCall({ try db.meeting(meetingID) }) else {
                throw CLIError(cli("cli.no-meeting", ["meeting": meetingID]))
            }
            if let session, meeting.session(session) == nil {
                throw CLIError(Message("store.link-session", ["session": session]).text(CLILanguage.current))
            }
            let links = Dictionary(
                grouping: try storeCall { try db.joinLinks(meetingID: meetingID, revoked: false) }, by: \.delegateID
            ).mapValues { $0.map(\.link) }
            let delegates = try storeCall { try db.delegates(DelegateQuery(meetingID: meetingID)) }
            let programme = try storeCall { try db.currentProgramme(meetingID: meetingID) }
            let coverage = meeting.linkCoverage(delegates: delegates, links: links, programme: programme).filter {
                session == nil || $0.session.id == session
            }
            switch format {
            case .json:
                let out = coverage.map {
                    LinkCoverageJSON(
                        session: $0.session.id, room: $0.room, attendees: $0.attendees, withLink: $0.withLink,
                        sharedLink: $0.sharedLink,
                        without: $0.without.map {
                            .init(id: $0.id, name: $0.displayName, delegation: $0.delegation, email: $0.email)
                        })
                }
                print(try jsonText(out))
            case .text:
                let rows = coverage.map {
                    [
                        $0.session.id, $0.room ?? "—", "\($0.withLink)/\($0.attendees)",
                        $0.sharedLink ? cli("cli.links.shared-yes") : "",
                        $0.without.prefix(session == nil ? 3 : Int.max).map { "\($0.displayName) (\($0.delegation))" }
                            .joined(separator: ", ") + ($0.without.count > 3 && session == nil ? ", …" : ""),
                    ]
                }
                print(
                    TextTable.render(
                        header: [
                            "cli.col.session", "cli.col.room", "cli.col.links", "cli.col.shared", "cli.col.without",
                        ]
                        .map { cli($0) }, rows: rows), terminator: "")
            }
        }
    }

    /// Links of withdrawn or rejected delegates (and removed ones), to cancel on the platform.
    struct Revoked: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.links.revoked.about"))
        }
        @Option(help: ArgumentHelp(cli("cli.output.format"))) var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            let links = try storeCall { try db.joinLinks(meetingID: meetingID, revoked: true) }
            switch format {
            case .json:
                print(
                    try jsonText(
                        links.map {
                            RevokedLinkJSON(
                                link: $0.id, delegate: $0.delegateID, name: $0.name, email: $0.email,
                                delegation: $0.delegation, scope: "\($0.link.scope)", url: $0.link.url,
                                revokedAt: $0.revokedAt.map { "\($0)" } ?? "")
                        }))
            case .text:
                guard !links.isEmpty else {
                    print(cli("cli.links.revoked-none"))
                    return
                }
                print(
                    TextTable.render(
                        header: [
                            "cli.col.link", "cli.col.delegate", "cli.col.name", "cli.col.email", "cli.col.scope",
                            "cli.col.url",
                        ]
                        .map { cli($0) },
                        rows: links.map {
                            ["\($0.id)", "\($0.delegateID)", $0.name, $0.email, "\($0.link.scope)", $0.link.url]
                        }), terminator: "")
                print(cli("cli.links.revoked-then"))
            }
        }
    }

    /// Marks revoked links as cancelled on the platform.
    struct Cancelled: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.links.cancelled.about"))
        }
        @Argument(help: ArgumentHelp(cli("cli.links.cancelled.ids"), valueName: "link")) var ids: [Int64] = []
        @Flag(help: ArgumentHelp(cli("cli.links.cancelled.all"))) var all = false
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func validate() throws {
            if ids.isEmpty == !all { throw ValidationError(cli("cli.links.cancelled.give")) }
        }

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            let n = try storeCall {
                try db.markJoinLinksCancelled(ids: all ? nil : ids, meetingID: meetingID, actor: OSUser.name)
            }
            print(cli.plural("cli.links.cancelled.done", n))
        }
    }
}

private struct LinkCoverageJSON: Encodable {
    struct Person: Encodable {
        let id: Int64
        let name: String
        let delegation: String
        let email: String
    }
    let session: String
    let room: String?
    let attendees: Int
    let withLink: Int
    let sharedLink: Bool
    let without: [Person]
}

private struct RevokedLinkJSON: Encodable {
    let link: Int64
    let delegate: Int64
    let name: String
    let email: String
    let delegation: String
    let scope: String
    let url: String
    let revokedAt: String
}

/// JSON as scripts read it: sorted keys, slashes as they are.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try e.encode(value), as: UTF8.self)
}

/// `intersession attendance [import]`: who took part, from the platforms' participant reports.
struct AttendanceCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "attendance", abstract: cli("cli.attendance.about"), discussion: cli("cli.attendance.more"),
            subcommands: [Report.self, Import.self], defaultSubcommand: Report.self)
    }

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, json }

    struct Import: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: cli("cli.attendance.import.about"), discussion: cli("cli.attendance.import.more"))
        }
        @Argument(help: ArgumentHelp(cli("cli.attendance.file"), valueName: "file")) var file: String
        @Option(help: ArgumentHelp(cli("cli.attendance.session"), valueName: "id")) var session: String
        @Option(help: ArgumentHelp(cli("cli.attendance.zone"), valueName: "zone")) var zone: String?
        @Flag(help: ArgumentHelp(cli("cli.import.dry-run"))) var dryRun = false
        @OptionGroup var csv: PlatformCSVOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func validate() throws {
            try csv.check(fields: ParticipantReportReader.fields)
            if let zone, TimeZone(identifier: zone) == nil || !zone.contains("/") && zone != "UTC" {
                throw ValidationError(cli("cli.attendance.bad-zone", ["zone": zone]))
            }
        }

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.recordTakingPart, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            let plan = try storeCall {
                try planAttendanceImport(
                    db, path: file, meetingID: meetingID, session: session, map: csv.mapping,
                    delimiter: csv.delimiter?.first, zone: zone.flatMap(TimeZone.init(identifier:)),
                    l: CLILanguage.current)
            }
            if !plan.problems.isEmpty {
                for p in plan.problems { printError(p) }
                printError(cli.plural("cli.import.problems", plan.problems.count, ["file": file]))
                throw ExitCode(1)
            }
            print(
                cli(
                    "cli.attendance.plan",
                    [
                        "file": file, "session": session, "rows": "\(plan.rows)",
                        "delegates": "\(plan.presences.count)", "unmatched": "\(plan.unmatched.count)",
                    ]))
            if !plan.unused.isEmpty {
                print("  " + cli("cli.links.unused", ["list": plan.unused.joined(separator: ", ")]))
            }
            for p in plan.presences where p.how == .name {
                print("  " + cli("cli.attendance.by-name", ["name": p.name, "id": "\(p.write.delegateID)"]))
            }
            for u in plan.unmatched {
                print(
                    "  "
                        + cli(
                            "cli.attendance.unmatched",
                            [
                                "row": "\(u.row)",
                                "who": [u.name, u.email].filter { !$0.isEmpty }.joined(separator: " · "),
                                "why": u.why.text(CLILanguage.current),
                            ]))
            }
            if dryRun {
                print(cli("cli.import.dry-run-done"))
                return
            }
            let replaced = try storeCall {
                try db.recordAttendance(
                    session: session, presences: plan.presences.map(\.write),
                    file: URL(fileURLWithPath: file).lastPathComponent, rows: plan.rows,
                    unmatched: plan.unmatched.count, meetingID: meetingID, actor: OSUser.name)
            }
            print(
                cli(
                    replaced ? "cli.attendance.replaced" : "cli.attendance.written",
                    ["session": session, "delegates": "\(plan.presences.count)"]))
        }
    }

    /// Per recorded session: delegations present, Participants against those expected, the
    /// quorum; per delegation, the sessions it missed.
    struct Report: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "report", abstract: cli("cli.attendance.report.about"))
        }
        @Option(help: ArgumentHelp(cli("cli.attendance.format"))) var format: Format = .text
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
            let meetingID = try store.meetingID(in: db)
            guard let meeting = try storeCall({ try db.meeting(meetingID) }) else {
                throw CLIError(cli("cli.no-meeting", ["meeting": meetingID]))
            }
            let (presences, reports) = try storeCall { try db.attendance(meetingID: meetingID) }
            let report = meeting.attendance(presences, recorded: Swift.Set(reports.map(\.session)))
            func quorum(_ s: SessionAttendance) -> String {
                guard let met = s.quorumMet, let needed = s.quorumNeeded else { return "" }
                return met
                    ? cli("cli.attendance.quorum-met", ["needed": "\(needed)"])
                    : cli("cli.attendance.quorum-not", ["needed": "\(needed)"])
            }
            switch format {
            case .json:
                print(
                    try jsonText(
                        AttendanceJSON(
                            meeting: meeting.id, quorum: meeting.quorum?.description, sessions: report.sessions,
                            missed: report.missed)))
            case .csv:
                let rows = report.sessions.map {
                    [
                        $0.session, "\($0.participantsPresent.count)", "\($0.participantsExpected.count)",
                        $0.quorumMet.map { $0 ? "yes" : "no" } ?? "", $0.participantsPresent.joined(separator: "|"),
                        $0.othersPresent.joined(separator: "|"), "\($0.delegates)", "\($0.minutes)",
                    ]
                }
                print(
                    try DelegateCSVWriter.table(
                        header: [
                            "session", "participants_present", "participants_expected", "quorum_met",
                            "participants", "observers", "delegates", "minutes",
                        ], rows: rows), terminator: "")
            case .text:
                guard !report.sessions.isEmpty else {
                    print(cli("cli.attendance.none"))
                    return
                }
                print(
                    TextTable.render(
                        header: [
                            "cli.col.session", "cli.col.participants", "cli.col.quorum", "cli.col.observers",
                            "cli.col.present",
                        ]
                        .map { cli($0) },
                        rows: report.sessions.map {
                            [
                                $0.session, "\($0.participantsPresent.count)/\($0.participantsExpected.count)",
                                quorum($0), $0.othersPresent.joined(separator: ", "),
                                $0.participantsPresent.joined(separator: ", "),
                            ]
                        }), terminator: "")
                if !report.missed.isEmpty {
                    print()
                    print(cli("cli.attendance.missed"))
                    for d in meeting.delegations where report.missed[d.code] != nil {
                        print("  \(d.code)  " + (report.missed[d.code] ?? []).joined(separator: ", "))
                    }
                }
            }
        }
    }
}

private struct AttendanceJSON: Encodable {
    let meeting: String
    let quorum: String?
    let sessions: [SessionAttendance]
    let missed: [String: [String]]
}
