import Localization
import Foundation
import MeetingModel
import MeetingTime
import Scheduling

/// The programme builder's engine for one meeting: the problem compiled once, and a scoring state
/// that follows whichever plan it is asked about (only the sessions that differ are moved, so an
/// edit costs one incremental move). Shared by the states of one builder: equal by identity.
public final class BuilderModel: @unchecked Sendable, Equatable {
    public let problem: SchedulingProblem
    public let finder: ViolationFinder
    public let clock: MeetingClock
    /// Room names: the meeting's, then rooms the draft used that the meeting does not name.
    public let roomNames: [String]
    /// Cells of each meeting day (by the host's date).
    public let dayCells: [Range<Int>]
    /// Cells per grid step.
    public let step: Int
    private let lock = NSLock()
    private let state: ScoreState

    public static func == (a: BuilderModel, b: BuilderModel) -> Bool { a === b }

    /// The engine for `meeting` (interpretation needs from `requests`), able to hold `draft`'s rooms.
    public init(meeting: Meeting, draft: Programme?, requests: [InterpretationRequest]) throws {
        let problem = try SchedulingProblem(meeting: meeting, requests: requests)
        self.problem = problem
        finder = try ViolationFinder(problem: problem)
        clock = try MeetingClock(meeting: meeting)
        var names = problem.rooms
        for p in draft?.placements ?? [] where !names.contains(p.room) { names.append(p.room) }
        if names.isEmpty { names = ["A"] }
        roomNames = names
        state = ScoreState(problem: problem, extraRooms: max(0, names.count - problem.rooms.count))
        dayCells = (0..<problem.dayCount).map { d in
            let cells = problem.dayOfCell.indices.filter { problem.dayOfCell[$0] == d }
            return (cells.first ?? 0)..<((cells.last ?? -1) + 1)
        }
        step = max(1, meeting.gridMinutes / problem.cellMinutes)
    }

    /// `programme` on this meeting's timeline, with its pinned sessions.
    public func plan(of programme: Programme) -> (plan: Plan, pinned: Set<Int>) {
        let index = Dictionary(uniqueKeysWithValues: problem.items.map { ($0.session.id, $0.index) })
        var starts = [Int](repeating: -1, count: problem.items.count),
            rooms = [Int](repeating: 0, count: problem.items.count)
        var pinned = Set<Int>()
        for p in programme.placements {
            guard let s = index[p.sessionID] else { continue }
            starts[s] = problem.cell(of: p.start)
            rooms[s] = roomNames.firstIndex(of: p.room) ?? 0
            if p.pinned { pinned.insert(s) }
        }
        return (Plan(starts: starts, rooms: rooms), pinned)
    }

    /// The programme of `plan` (unplaced sessions left out).
    public func programme(_ plan: Plan, pinned: Set<Int>) -> Programme {
        Programme(
            meetingID: problem.meeting.id,
            placements: problem.items.indices.compactMap { s in
                guard plan.starts[s] >= 0 else { return nil }
                return Placement(
                    sessionID: problem.items[s].session.id, start: problem.instant(ofCell: plan.starts[s]),
                    room: roomNames[plan.rooms[s]], pinned: pinned.contains(s))
            })
    }

    /// Brings the scoring state to `plan`, moving only the sessions that differ.
    private func sync(_ plan: Plan) {
        for s in plan.starts.indices {
            let c = plan.starts[s], r = plan.rooms[s]
            if c < 0 {
                if state.isPlaced(s) { state.remove(s) }
            } else if !state.isPlaced(s) {
                state.insert(s, cell: c, room: r)
            } else if state.start[s] != c || state.room[s] != r {
                state.move(s, cell: c, room: r)
            }
        }
    }

    /// The score of `plan`.
    public func score(_ plan: Plan) -> Score {
        lock.withLock {
            sync(plan)
            return state.score
        }
    }

    /// What session `s` would make the score of `plan` at each grid start of `cells` (nil: not a grid
    /// start, or past the timeline): the live heat of a selected session.
    public func trial(_ s: Int, in plan: Plan, cells: Range<Int>) -> [Score?] {
        lock.withLock {
            sync(plan)
            let item = problem.items[s], origin = plan.starts[s], room = plan.rooms[s]
            var out = [Score?](repeating: nil, count: cells.count)
            for c in cells where c >= 0 && c % step == 0 && c + item.length <= problem.cellCount {
                let r =
                    state.roomIsFree(room, for: s, cell: c)
                    ? room : ((0..<problem.rooms.count).first { state.roomIsFree($0, for: s, cell: c) } ?? room)
                if origin >= 0 { state.move(s, cell: c, room: r) } else { state.insert(s, cell: c, room: r) }
                out[c - cells.lowerBound] = state.score
                if origin >= 0 { state.move(s, cell: origin, room: room) } else { state.remove(s) }
            }
            return out
        }
    }

    /// Every hard violation of `plan`, in words (with `session`, only those naming it).
    public func violations(_ plan: Plan, involving session: Int? = nil) -> [Violation] {
        finder.violations(of: plan, involving: session.map { [$0] })
    }

    /// Whether a full violation pass is cheap enough to run after every edit (the KP meeting's
    /// dozens of sessions); above it the full list is made when the conflicts panel shows it.
    public var checksEverythingOnEachEdit: Bool { problem.items.count <= 300 }

    /// Delegations with night minutes if session `s` starts at `cell`, most first.
    public func night(_ s: Int, cell: Int) -> [NightMinutes] {
        guard cell >= 0 else { return [] }
        return problem.items[s].attendees.compactMap { d -> NightMinutes? in
            let m = problem.minutes(delegation: d, session: s, cell: cell).night
            return m > 0 ? NightMinutes(code: problem.meeting.delegations[d].code, minutes: m) : nil
        }.sorted { ($0.minutes, $1.code) > ($1.minutes, $0.code) }
    }

    /// The meeting day (0-based) of a start cell, clamped to the meeting.
    public func day(ofCell c: Int) -> Int {
        guard c >= 0, c < problem.dayOfCell.count else { return 0 }
        return max(0, min(problem.dayCount - 1, problem.dayOfCell[c]))
    }
}

/// One point of the builder's history: the programme after an edit, and what the edit was.
public struct BuilderSnapshot: Sendable, Equatable {
    public let plan: Plan
    public let pinned: Set<Int>
    public let label: Message
    public let score: Score
}

/// The solver run from the builder.
public enum SolverStatus: Sendable, Equatable {
    case running(iteration: Int, elapsed: Double, best: Score?, limit: Double)
    /// Esc was pressed: the solver stops at its next check and hands over its best.
    case cancelling(elapsed: Double, best: Score?)
    /// Its proposal, scored as the builder scores, waiting for accept or discard.
    /// `why`: when it is infeasible, why none was found and what would make room (lines).
    case proposal(plan: Plan, score: Score, moved: [String], stop: StopReason, why: [Message] = [])
}

/// The side panel of the builder.
public enum BuilderPanel: Sendable, Equatable {
    case conflicts, history, compare
}

/// Draft against a published version: burden per delegation side by side, and the changes with
/// the delegations each affects.
public struct BuilderComparison: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let code: String
        public let published: Int
        public let draft: Int
        public let publishedNight: Int
        public let draftNight: Int
    }
    public let version: Int
    public let rows: [Row]
    public let changes: [ProgrammeChange]
}

/// A delegation's night minutes with a session where it is.
public struct NightMinutes: Sendable, Hashable {
    public let code: String
    public let minutes: Int
}

/// A published version as the builder compares against it.
public struct PublishedProgramme: Sendable, Equatable {
    public let version: Int
    public let programme: Programme

    public init(version: Int, programme: Programme) {
        self.version = version
        self.programme = programme
    }
}

/// The programme builder's state: the history of edits (the current programme is one point of
/// it), the selection and what the screen shows of the selected session.
public struct BuilderState: Sendable, Equatable {
    public var model: BuilderModel?
    public var history: [BuilderSnapshot] = []
    public var position = 0
    /// The selected session (meeting order).
    public var selected = 0
    /// The meeting day shown.
    public var day = 0
    public var panel: BuilderPanel?
    public var panelRow = 0
    /// The third ruler's zone (`z`).
    public var thirdZone: String?
    public var solver: SolverStatus?
    /// Waiting for `y` to publish.
    public var confirmingPublish = false
    /// The latest published version (number and programme), if any.
    public var published: PublishedProgramme?
    /// The score change of the last edit, undo or redo.
    public var delta: Score?
    /// Every violation of the programme, as of the last full pass.
    public var violations: [Violation] = []
    /// Whether `violations` is of the current programme (large meetings pass fully only when the
    /// conflicts panel is open).
    public var violationsFresh = false
    /// The selected session's violations (always current).
    public var focused: [Violation] = []
    /// Sessions named by a violation (of the last full pass, and the selected one's).
    public var conflicted: Set<String> = []
    /// Cost of each start of the selected session over the day shown (nil: not a start).
    public var heat: [Score?] = []
    /// The heat belongs to the programme before the last edit: the edit's frame is drawn first
    /// and the heat follows in the next one (it costs most of an edit).
    public var heatStale = false
    /// Delegations in their night with the selected session where it is.
    public var night: [NightMinutes] = []
    public var comparison: BuilderComparison?
    /// What the last load failed with.
    public var failure: Message?

    public init() {}

    /// The programme as it stands.
    public var current: BuilderSnapshot? { history.indices.contains(position) ? history[position] : nil }

    /// The current programme, as stored.
    public var programme: Programme? {
        guard let model, let current else { return nil }
        return model.programme(current.plan, pinned: current.pinned)
    }

    /// Sessions in the order `j`/`k` walk them: placed by start and room, then unplaced.
    public var order: [Int] {
        guard let current else { return [] }
        return current.plan.starts.indices.sorted {
            let a = current.plan.starts[$0], b = current.plan.starts[$1]
            if (a < 0) != (b < 0) { return b < 0 }
            return (a, current.plan.rooms[$0], $0) < (b, current.plan.rooms[$1], $1)
        }
    }
}
