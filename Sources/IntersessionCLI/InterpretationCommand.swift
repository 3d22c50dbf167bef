import ArgumentParser
import Foundation
import MeetingModel
import Rendering
import Scheduling
import Store

/// Where the interpretation requests of registrations come from: a database, only when named.
struct RequestSource: ParsableArguments {
    @Option(help: ArgumentHelp(cli("cli.source.db"), valueName: "path"))
    var db: String?

    /// The requests for `meeting` (none without a database).
    func requests(for meeting: Meeting) throws -> [InterpretationRequest] {
        guard let path = db ?? ProcessInfo.processInfo.environment["INTERSESSION_DB"], !path.isEmpty else { return [] }
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError(cli("cli.source.no-db", ["path": path]))
        }
        let store = try storeCall { try SQLiteStore(path: path, creator: OSUser.name) }
        guard try store.meeting(meeting.id) != nil else {
            throw CLIError(cli("cli.source.no-meeting", ["path": path, "meeting": meeting.id]))
        }
        return try storeCall { try store.allInterpretationRequests(meeting: meeting) }
    }
}

/// `intersession interpretation`: which sessions need which languages, what the interpreter
/// teams must work, and delegations' requests.
struct InterpretationCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "interpretation",
            abstract: cli("cli.interpretation.about"),
            subcommands: [Report.self, Request.self, Withdraw.self, Requests.self],
            defaultSubcommand: Report.self
        )
    }

    struct Report: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "report",
                abstract: cli("cli.interpretation.report.about"),
                discussion: cli("cli.interpretation.report.more")
            )
        }
        @Argument(help: ArgumentHelp(cli("cli.arg.agenda"), valueName: "agenda")) var agenda: String
        @Argument(help: ArgumentHelp(cli("cli.interpretation.programme"), valueName: "programme")) var programme:
            String?
        @OptionGroup var source: RequestSource
        @Option(help: ArgumentHelp(cli("cli.arg.format"))) var format: OutputFormat = .text
        @OptionGroup var language: LanguageOption

        func run() throws {
            let meeting = try loadMeeting(agenda)
            let requests = try source.requests(for: meeting)
            let problem = try SchedulingProblem(meeting: meeting, requests: requests)
            var plan: Plan?
            if let programme { plan = Plan.of(try loadProgramme(programme, meeting: meeting), on: problem) }
            let loads = plan.map { InterpretationLoad.of($0, on: problem) } ?? []
            let violations =
                try plan.map {
                    try ViolationFinder(problem: problem).violations(of: $0).filter { $0.constraint == .interpretation }
                } ?? []
            switch format {
            case .text: print(text(meeting, problem, loads, violations, hasPlan: plan != nil), terminator: "")
            case .json: print(try json(meeting, problem, loads, violations))
            }
            if !violations.isEmpty { throw ExitCode(1) }
        }

        func cell(_ need: LanguageNeed?) -> String {
            guard let need else { return "·" }
            let by = need.requestedBy.isEmpty ? "" : " (" + need.requestedBy.joined(separator: ", ") + ")"
            return cli("cli.need." + need.reason.rawValue) + by
        }

        func text(
            _ m: Meeting, _ p: SchedulingProblem, _ loads: [InterpretationLoad], _ violations: [Violation],
            hasPlan: Bool
        ) -> String {
            let l = CLILanguage.current
            var out =
                cli(
                    "cli.interpretation.heading",
                    [
                        "meeting": m.id,
                        "languages": m.languages.map { "\(l.languageName($0)) (\($0))" }.joined(separator: ", "),
                        "teams": m.languages.map { "\($0) \(m.interpretation.teams(for: $0))" }.joined(separator: ", "),
                    ]) + "\n\n"
            let header = [cli("cli.col.session"), cli("cli.col.kind")] + m.languages.map { $0.uppercased() }
            var rows: [[String]] = []
            for (s, sl) in zip(m.sessions, p.sessionLanguages) {
                rows.append(
                    [s.id, l("kind." + s.kind.rawValue)]
                        + m.languages.map { l in cell(sl.languages.first { $0.code == l }) })
            }
            out += TextTable.render(header: header, rows: rows) + "\n"
            let relay = zip(m.sessions, p.sessionLanguages).flatMap { s, sl in sl.relay.map { (s.id, $0) } }
            if !relay.isEmpty {
                out += cli("cli.interpretation.relay") + "\n"
                for (id, need) in relay {
                    out +=
                        "  "
                        + cli(
                            "cli.interpretation.relay-line",
                            [
                                "session": id, "language": "\(l.languageName(need.code)) (\(need.code))",
                                "list": need.requestedBy.joined(separator: ", "),
                            ]) + "\n"
                }
                out += "\n"
            }
            guard hasPlan else { return out + cli("cli.interpretation.give-programme") + "\n" }
            let limits = m.interpretation.limits
            out +=
                cli(
                    "cli.interpretation.load",
                    [
                        "block": "\(limits.blockMinutes)", "blocks": "\(limits.blocksPerDay)",
                        "minutes": "\(limits.minutesPerDay)", "rest": "\(limits.restMinutes)",
                    ]) + "\n"
            let loadRows = loads.map { load in
                [
                    load.language, "\(l.shortWeekday(load.day)) \(load.day)", "\(load.minutes)", "\(load.blocks)",
                    "\(load.teamsNeeded)", "\(load.teamsAvailable)",
                    load.overLimit ? cli("cli.interpretation.over") : cli("cli.interpretation.ok"),
                ]
            }
            out += TextTable.render(
                header: [
                    "cli.col.language", "cli.col.day", "cli.col.minutes", "cli.col.blocks", "cli.col.teams-needed",
                    "cli.col.teams",
                ].map { cli($0) } + [""], rows: loadRows)
            let days = InterpretationLoad.interpreterDays(
                loads, interpretersPerTeam: m.interpretation.interpretersPerTeam)
            out +=
                cli("cli.interpretation.days", ["days": "\(days)", "per": "\(m.interpretation.interpretersPerTeam)"])
                + "\n"
            if violations.isEmpty {
                out += "\n" + cli("cli.interpretation.fine") + "\n"
            } else {
                out +=
                    "\n" + cli("cli.interpretation.violations", ["count": "\(violations.count)"]) + "\n"
                    + violations.map { "  \($0.text(CLILanguage.current))\n" }.joined()
            }
            return out
        }

        func json(_ m: Meeting, _ p: SchedulingProblem, _ loads: [InterpretationLoad], _ violations: [Violation]) throws
            -> String
        {
            let sessions: [[String: Any]] = p.sessionLanguages.map { sl in
                [
                    "id": sl.session,
                    "languages": (sl.languages + sl.relay).map {
                        ["code": $0.code, "reason": $0.reason.rawValue, "requested_by": $0.requestedBy]
                    },
                ]
            }
            let load: [[String: Any]] = loads.map {
                [
                    "language": $0.language, "day": "\($0.day)", "minutes": $0.minutes, "blocks": $0.blocks,
                    "teams_needed": $0.teamsNeeded, "teams_available": $0.teamsAvailable,
                ]
            }
            let object: [String: Any] = [
                "meeting": m.id, "languages": m.languages, "sessions": sessions, "load": load,
                "interpreter_days": InterpretationLoad.interpreterDays(
                    loads, interpretersPerTeam: m.interpretation.interpretersPerTeam),
                "violations": violations.map {
                    [
                        "constraint": $0.constraint.rawValue, "sessions": $0.sessions, "minutes": $0.minutes,
                        "message": $0.text(.english),
                    ]
                },
            ]
            return String(
                decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]),
                as: UTF8.self)
        }
    }

    /// The fields of one request.
    struct RequestFields: ParsableArguments {
        @Option(help: ArgumentHelp(cli("cli.arg.delegation"))) var delegation: String
        @Option(help: ArgumentHelp(cli("cli.arg.session"))) var session: String
        @Option(help: ArgumentHelp(cli("cli.arg.language"))) var language: String

        var request: InterpretationRequest {
            InterpretationRequest(delegation: delegation, session: session, language: language.lowercased())
        }
    }

    struct Request: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.interpretation.request.about"))
        }
        @OptionGroup var fields: RequestFields
        @OptionGroup var store: StoreOptions
        @OptionGroup var messages: LanguageOption

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            let added = try storeCall {
                try db.requestInterpretation(fields.request, meetingID: meetingID, actor: OSUser.name)
            }
            let r = fields.request
            let official = try storeCall { try db.meeting(meetingID) }?.languages.contains(r.language) ?? true
            let what = [
                "delegation": r.delegation, "name": CLILanguage.current.languageName(r.language),
                "language": r.language, "session": r.session,
            ]
            print(cli(added ? "cli.interpretation.recorded" : "cli.interpretation.already", what))
            if !official {
                print(cli("cli.interpretation.not-official", ["language": r.language, "meeting": meetingID]))
            }
        }
    }

    struct Withdraw: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.interpretation.withdraw.about"))
        }
        @OptionGroup var fields: RequestFields
        @OptionGroup var store: StoreOptions
        @OptionGroup var messages: LanguageOption

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            try storeCall { try db.withdrawInterpretation(fields.request, meetingID: meetingID, actor: OSUser.name) }
            print(
                cli(
                    "cli.interpretation.withdrawn",
                    ["delegation": fields.delegation, "language": fields.request.language, "session": fields.session]))
        }
    }

    struct Requests: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: cli("cli.interpretation.requests.about"))
        }
        @OptionGroup var store: StoreOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
            let all = try storeCall { try db.interpretationRequests(meetingID: meetingID) }
            if all.isEmpty { print(cli("cli.interpretation.no-requests", ["meeting": meetingID])); return }
            print(
                TextTable.render(
                    header: [
                        "cli.col.session", "cli.col.language", "cli.col.delegation", "cli.col.recorded", "cli.col.by",
                    ].map { cli($0) },
                    rows: all.map {
                        [$0.request.session, $0.request.language, $0.request.delegation, "\($0.at)", $0.by]
                    }), terminator: "")
        }
    }
}
