import Localization
import MeetingModel
import Scheduling
import TerminalInput

/// The interpretation board's content: every session's languages and why, and each language's
/// load per day against its teams (of the programme in force), with the violations in words.
public struct BoardData: Sendable, Equatable {
    public let languages: [String]
    /// Each session's need of each of the meeting's languages (nil: not needed), in meeting order.
    public let rows: [(session: String, kind: SessionKind, cells: [LanguageNeed?])]
    /// Requests for languages that are not official: relay interpretation, by session.
    public let relay: [(session: String, code: String, requestedBy: [String])]
    public let loads: [InterpretationLoad]
    /// The interpretation violations, worded by the view in the screen's language.
    public let violations: [Message]
    /// The delegations' explicit requests (those the board can withdraw; the others come from
    /// registrations and change with them).
    public let explicit: [InterpretationRequest]

    public static func == (a: BoardData, b: BoardData) -> Bool {
        a.languages == b.languages && a.rows.map(\.session) == b.rows.map(\.session)
            && a.rows.map(\.cells) == b.rows.map(\.cells)
            && a.relay.map { "\($0.session) \($0.code) \($0.requestedBy)" }
                == b.relay.map { "\($0.session) \($0.code) \($0.requestedBy)" }
            && a.loads == b.loads && a.violations == b.violations
            && a.explicit == b.explicit && a.published == b.published
    }

    /// The published version the board is of; nil when it is of the draft (staff see drafts,
    /// marked as drafts).
    public var published: Int? = nil

    /// The board of `meeting` with `requests` (every request that counts, `explicit` among
    /// them), and of `programme` when there is one.
    public init(
        meeting: Meeting, programme: Programme?, requests: [InterpretationRequest],
        explicit: [InterpretationRequest] = []
    ) throws {
        self.explicit = explicit
        let problem = try SchedulingProblem(meeting: meeting, requests: requests)
        languages = meeting.languages
        rows = zip(meeting.sessions, problem.sessionLanguages).map { s, sl in
            (s.id, s.kind, meeting.languages.map { l in sl.languages.first { $0.code == l } })
        }
        relay = zip(meeting.sessions, problem.sessionLanguages).flatMap { s, sl in
            sl.relay.map { (session: s.id, code: $0.code, requestedBy: $0.requestedBy) }
        }
        if let programme {
            let plan = Plan.of(programme, on: problem)
            loads = InterpretationLoad.of(plan, on: problem)
            violations = try ViolationFinder(problem: problem).violations(of: plan).filter {
                $0.constraint == .interpretation
            }.map(\.message)
        } else {
            loads = []
            violations = []
        }
    }
}

/// Keys of the interpretation board (staff only).
extension KeyBindings {
    public static let board: [KeyBinding] = [
        KeyBinding(command: .boardLeft, keys: [.char("h"), .left], help: "previous language", context: .lists),
        KeyBinding(command: .boardRight, keys: [.char("l"), .right], help: "next language", context: .lists),
        KeyBinding(
            command: .boardRequest, keys: [.char("a")],
            help: "add a delegation's request for the language at the session", context: .lists),
        KeyBinding(
            command: .boardWithdraw, keys: [.char("x")], help: "withdraw a delegation's request there", context: .lists),
    ]
}

/// Reduces a key on the interpretation board: j/k go through the sessions, h/l the languages;
/// `a` asks which delegation requests the language at the session, `x` which request to withdraw.
func boardKey(_ state: inout AppState, _ key: Key, _ staff: StaffSession) -> [Effect] {
    guard let board = state.desk.board else {
        if key == .char("q") { state.quitting = true; return [.quit] }
        return []
    }
    let command = (KeyBindings.board + KeyBindings.desk + KeyBindings.table).first { $0.keys.contains(key) }?.command
    if let row = cursorTarget(
        command, from: state.desk.boardRow, count: board.rows.count, page: max(1, state.height / 2 - 4))
    {
        state.desk.boardRow = row
        return []
    }
    switch command {
    case .boardLeft: state.desk.boardColumn = max(0, state.desk.boardColumn - 1)
    case .boardRight: state.desk.boardColumn = min(max(0, board.languages.count - 1), state.desk.boardColumn + 1)
    case .boardRequest, .boardWithdraw:
        guard let (session, language) = boardCell(state) else { return [] }
        if command == .boardRequest {
            state.prompt = Prompt(.requestInterpretation(session: session, language: language))
            state.prompt!.completions = staff.delegations
        } else {
            let requesters = board.explicit.filter { $0.session == session && $0.language == language }.map(
                \.delegation)
            guard !requesters.isEmpty else {
                state.message = Message("board.no-own-request", ["language": language, "session": session])
                return []
            }
            state.prompt = Prompt(.withdrawInterpretation(session: session, language: language, requesters: requesters))
            state.prompt!.completions = requesters
        }
    case .appQuit: state.quitting = true; return [.quit]
    case .appHelp: state.showHelp = true
    default: break
    }
    return []
}

/// The session and language under the board's cursor.
func boardCell(_ state: AppState) -> (session: String, language: String)? {
    guard let board = state.desk.board, board.rows.indices.contains(state.desk.boardRow),
        board.languages.indices.contains(state.desk.boardColumn)
    else { return nil }
    return (board.rows[state.desk.boardRow].session, board.languages[state.desk.boardColumn])
}
