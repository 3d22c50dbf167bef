import MeetingModel
import Scheduling

/// The interpretation board's content: every session's languages and why, and each language's
/// load per day against its teams (of the programme in force), with the violations in words.
public struct BoardData: Sendable, Equatable {
    public let languages: [String]
    public let rows: [(session: String, kind: SessionKind, cells: [String])]
    public let relay: [String]
    public let loads: [InterpretationLoad]
    public let violations: [String]

    public static func == (a: BoardData, b: BoardData) -> Bool {
        a.languages == b.languages && a.rows.map(\.session) == b.rows.map(\.session) && a.rows.map(\.cells) == b.rows.map(\.cells)
            && a.relay == b.relay && a.loads == b.loads && a.violations == b.violations
    }

    /// The board of `meeting` with `requests`, and of `programme` when there is one.
    public init(meeting: Meeting, programme: Programme?, requests: [InterpretationRequest]) throws {
        let problem = try SchedulingProblem(meeting: meeting, requests: requests)
        languages = meeting.languages
        rows = zip(meeting.sessions, problem.sessionLanguages).map { s, sl in
            (s.id, s.kind, meeting.languages.map { l in
                guard let need = sl.languages.first(where: { $0.code == l }) else { return "·" }
                let by = need.requestedBy.isEmpty ? "" : " " + need.requestedBy.joined(separator: ",")
                return need.reason.rawValue + by
            })
        }
        relay = zip(meeting.sessions, problem.sessionLanguages).flatMap { s, sl in
            sl.relay.map { "\(s.id): \(LanguageCatalogue.englishName($0.code)) (\($0.code)) for \($0.requestedBy.joined(separator: ", "))" }
        }
        if let programme {
            let plan = Plan.of(programme, on: problem)
            loads = InterpretationLoad.of(plan, on: problem)
            violations = try ViolationFinder(problem: problem).violations(of: plan).filter { $0.constraint == .interpretation }.map(\.message)
        } else {
            loads = []
            violations = []
        }
    }
}
