import ArgumentParser
import Foundation
import MeetingModel
import Rendering
import Scheduling
import Store

/// Where the interpretation requests of registrations come from: a database, only when named.
struct RequestSource: ParsableArguments {
    @Option(help: ArgumentHelp("Count the interpretation requests and registered delegates held in this database (else INTERSESSION_DB when set; else none).", valueName: "path"))
    var db: String?

    /// The requests for `meeting` (none without a database).
    func requests(for meeting: Meeting) throws -> [InterpretationRequest] {
        guard let path = db ?? ProcessInfo.processInfo.environment["INTERSESSION_DB"], !path.isEmpty else { return [] }
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError("no database at \(path); 'intersession meeting import AGENDA --db \(path)' creates one") }
        let store = try storeCall { try SQLiteStore(path: path, creator: OSUser.name) }
        guard try store.meeting(meeting.id) != nil else {
            throw CLIError("\(path) does not hold the meeting '\(meeting.id)'; 'intersession meeting import AGENDA --db \(path)' adds it")
        }
        return try storeCall { try store.allInterpretationRequests(meeting: meeting) }
    }
}

/// `intersession interpretation`: which sessions need which languages, what the interpreter
/// teams must work, and delegations' requests.
struct InterpretationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interpretation",
        abstract: "Interpretation: every session's languages, the interpreters' load, and delegations' requests.",
        subcommands: [Report.self, Request.self, Withdraw.self, Requests.self],
        defaultSubcommand: Report.self
    )

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "The sessions × languages matrix; with a programme, each language's load per day against its teams, and violations.",
            discussion: """
                Each cell: floor (the session's language), all (the kind's rule: every official language), agenda \
                (listed for the session), requested (by the delegations named), or · (not needed). Requests for a \
                language that is not official are listed as relay lines. With --db, the delegations' recorded \
                requests and the interpretation asked for by registered delegates count too. \
                Exits 1 when the programme asks more of the interpreters than the teams can work.
                """
        )
        @Argument(help: ArgumentHelp("The agenda file.", valueName: "agenda")) var agenda: String
        @Argument(help: ArgumentHelp("A programme file (for the load per day).", valueName: "programme")) var programme: String?
        @OptionGroup var source: RequestSource
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() throws {
            let meeting = try loadMeeting(agenda)
            let requests = try source.requests(for: meeting)
            let problem = try SchedulingProblem(meeting: meeting, requests: requests)
            var plan: Plan?
            if let programme { plan = Plan.of(try loadProgramme(programme, meeting: meeting), on: problem) }
            let loads = plan.map { InterpretationLoad.of($0, on: problem) } ?? []
            let violations = try plan.map { try ViolationFinder(problem: problem).violations(of: $0).filter { $0.constraint == .interpretation } } ?? []
            switch format {
            case .text: print(text(meeting, problem, loads, violations, hasPlan: plan != nil), terminator: "")
            case .json: print(try json(meeting, problem, loads, violations))
            }
            if !violations.isEmpty { throw ExitCode(1) }
        }

        func cell(_ need: LanguageNeed?) -> String {
            guard let need else { return "·" }
            let by = need.requestedBy.isEmpty ? "" : " (" + need.requestedBy.joined(separator: ", ") + ")"
            switch need.reason {
            case .floor: return "floor" + by
            case .rule: return "all" + by
            case .agenda: return "agenda" + by
            case .requested: return "requested" + by
            case .relay: return "relay" + by
            }
        }

        func text(_ m: Meeting, _ p: SchedulingProblem, _ loads: [InterpretationLoad], _ violations: [Violation], hasPlan: Bool) -> String {
            var out = "Interpretation for \(m.id): official languages " + m.languages.map { "\(LanguageCatalogue.englishName($0)) (\($0))" }.joined(separator: ", ")
            out += "; teams " + m.languages.map { "\($0) \(m.interpretation.teams(for: $0))" }.joined(separator: ", ") + "\n\n"
            let header = ["SESSION", "KIND"] + m.languages.map { $0.uppercased() }
            var rows: [[String]] = []
            for (s, sl) in zip(m.sessions, p.sessionLanguages) {
                rows.append([s.id, s.kind.rawValue] + m.languages.map { l in cell(sl.languages.first { $0.code == l }) })
            }
            out += TextTable.render(header: header, rows: rows) + "\n"
            let relay = zip(m.sessions, p.sessionLanguages).flatMap { s, sl in sl.relay.map { (s.id, $0) } }
            if !relay.isEmpty {
                out += "Relay / bring own interpreter (not official at this meeting):\n"
                for (id, need) in relay {
                    out += "  \(id): \(LanguageCatalogue.englishName(need.code)) (\(need.code)) for \(need.requestedBy.joined(separator: ", "))\n"
                }
                out += "\n"
            }
            guard hasPlan else { return out + "Give a programme file to see each language's load per day against its teams.\n" }
            let limits = m.interpretation.limits
            out += "Load per language and day (a team: blocks of at most \(limits.blockMinutes) min, \(limits.blocksPerDay) blocks and \(limits.minutesPerDay) min a day, \(limits.restMinutes) min rest between blocks):\n"
            let loadRows = loads.map { l in
                [l.language, "\(l.day.weekdayAbbreviation) \(l.day)", "\(l.minutes)", "\(l.blocks)", "\(l.teamsNeeded)", "\(l.teamsAvailable)", l.overLimit ? "OVER" : "ok"]
            }
            out += TextTable.render(header: ["LANGUAGE", "DAY", "MINUTES", "BLOCKS", "TEAMS NEEDED", "TEAMS", ""], rows: loadRows)
            let days = InterpretationLoad.interpreterDays(loads, interpretersPerTeam: m.interpretation.interpretersPerTeam)
            out += "Interpreter-days: \(days) (teams needed each day × \(m.interpretation.interpretersPerTeam) interpreters a team)\n"
            if violations.isEmpty { out += "\nThe interpreter teams can work this programme.\n" } else {
                out += "\nViolations (\(violations.count)):\n" + violations.map { "  \($0.message)\n" }.joined()
            }
            return out
        }

        func json(_ m: Meeting, _ p: SchedulingProblem, _ loads: [InterpretationLoad], _ violations: [Violation]) throws -> String {
            let sessions: [[String: Any]] = p.sessionLanguages.map { sl in
                ["id": sl.session, "languages": (sl.languages + sl.relay).map { ["code": $0.code, "reason": $0.reason.rawValue, "requested_by": $0.requestedBy] }]
            }
            let load: [[String: Any]] = loads.map {
                ["language": $0.language, "day": "\($0.day)", "minutes": $0.minutes, "blocks": $0.blocks,
                 "teams_needed": $0.teamsNeeded, "teams_available": $0.teamsAvailable]
            }
            let object: [String: Any] = [
                "meeting": m.id, "languages": m.languages, "sessions": sessions, "load": load,
                "interpreter_days": InterpretationLoad.interpreterDays(loads, interpretersPerTeam: m.interpretation.interpretersPerTeam),
                "violations": violations.map { ["constraint": $0.constraint.rawValue, "sessions": $0.sessions, "minutes": $0.minutes, "message": $0.message] },
            ]
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self)
        }
    }

    /// The fields of one request.
    struct RequestFields: ParsableArguments {
        @Option(help: "The delegation's code.") var delegation: String
        @Option(help: "The session's id.") var session: String
        @Option(help: "The language (ISO 639-1).") var language: String

        var request: InterpretationRequest { InterpretationRequest(delegation: delegation, session: session, language: language.lowercased()) }
    }

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a delegation's request for interpretation of a session into a language.")
        @OptionGroup var fields: RequestFields
        @OptionGroup var store: StoreOptions

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            let added = try storeCall { try db.requestInterpretation(fields.request, meetingID: meetingID, actor: OSUser.name) }
            let r = fields.request
            let official = try storeCall { try db.meeting(meetingID) }?.languages.contains(r.language) ?? true
            print(added ? "recorded: \(r.delegation) asks for \(LanguageCatalogue.englishName(r.language)) (\(r.language)) at \(r.session)"
                        : "already recorded: \(r.delegation) asks for \(r.language) at \(r.session)")
            if !official { print("note: \(r.language) is not an official language of \(meetingID); it is listed as relay / bring own interpreter") }
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a delegation's interpretation request.")
        @OptionGroup var fields: RequestFields
        @OptionGroup var store: StoreOptions

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            try storeCall { try db.withdrawInterpretation(fields.request, meetingID: meetingID, actor: OSUser.name) }
            print("withdrawn: \(fields.delegation)'s request for \(fields.request.language) at \(fields.session)")
        }
    }

    struct Requests: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the delegations' recorded interpretation requests.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let db = try store.open()
            let meetingID = try store.meetingID(in: db)
            try storeCall { try db.require(.readDelegates, actor: OSUser.name) }
            let all = try storeCall { try db.interpretationRequests(meetingID: meetingID) }
            if all.isEmpty { print("no interpretation requests recorded for \(meetingID)"); return }
            print(TextTable.render(header: ["SESSION", "LANGUAGE", "DELEGATION", "RECORDED", "BY"],
                                   rows: all.map { [$0.request.session, $0.request.language, $0.request.delegation, "\($0.at)", $0.by] }), terminator: "")
        }
    }
}
