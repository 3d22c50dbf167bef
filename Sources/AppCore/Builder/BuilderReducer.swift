import Localization
import Foundation
import MeetingModel
import MeetingTime
import Scheduling
import TerminalInput

/// What the shell hands the builder when it opens.
public struct BuilderLoad: Sendable, Equatable {
    public let model: BuilderModel
    public let draft: Programme?
    public let publishedVersion: Int?
    public let publishedProgramme: Programme?

    public init(model: BuilderModel, draft: Programme?, publishedVersion: Int?, publishedProgramme: Programme?) {
        self.model = model
        self.draft = draft
        self.publishedVersion = publishedVersion
        self.publishedProgramme = publishedProgramme
    }
}

/// Keys of the programme builder (Chair's office).
extension KeyBindings {
    public static let builder: [KeyBinding] = [
        KeyBinding(
            command: .builderNext, keys: [.char("j"), .down], help: "select the next session", context: .builder),
        KeyBinding(
            command: .builderPrevious, keys: [.char("k"), .up], help: "select the previous session", context: .builder),
        KeyBinding(
            command: .builderEarlier, keys: [.char("h"), .left], help: "move it a grid step earlier", context: .builder),
        KeyBinding(
            command: .builderLater, keys: [.char("l"), .right], help: "move it a grid step later", context: .builder),
        KeyBinding(command: .builderDayEarlier, keys: [.char("H")], help: "move it a day earlier", context: .builder),
        KeyBinding(command: .builderDayLater, keys: [.char("L")], help: "move it a day later", context: .builder),
        KeyBinding(command: .builderRoom, keys: [.char("r")], help: "move it to the next room", context: .builder),
        KeyBinding(
            command: .builderPin, keys: [.char("p")], help: "pin or unpin it (the solver keeps pinned sessions)",
            context: .builder),
        KeyBinding(command: .builderUndo, keys: [.char("u")], help: "undo the last edit", context: .builder),
        KeyBinding(command: .builderRedo, keys: [.ctrl("r")], help: "redo", context: .builder),
        KeyBinding(
            command: .builderShowNextDay, keys: [.char("]"), .pageDown], help: "show the next day", context: .builder),
        KeyBinding(
            command: .builderShowPreviousDay, keys: [.char("["), .pageUp], help: "show the previous day",
            context: .builder),
        KeyBinding(
            command: .builderConflicts, keys: [.char("c")], help: "conflicts panel (Enter jumps to the session)",
            context: .builder),
        KeyBinding(
            command: .builderHistory, keys: [.char("y")], help: "history of edits (Enter returns to one)",
            context: .builder),
        KeyBinding(
            command: .builderCompare, keys: [.char("d")], help: "compare the draft with the published version",
            context: .builder),
        KeyBinding(
            command: .builderSolve, keys: [.char("S")], help: "re-plan with the solver (keeps pins, moves little)",
            context: .builder),
        KeyBinding(
            command: .builderPublish, keys: [.char("P")], help: "publish the draft as the next version",
            context: .builder),
        KeyBinding(command: .builderZone, keys: [.char("z")], help: "third ruler: any zone", context: .builder),
        KeyBinding(
            command: .builderExport, keys: [.char("X")],
            help: "export the programme in force to a file (.ics .xml .json .txt .md .html)", context: .builder),
        KeyBinding(command: .builderClose, keys: [.escape], help: "close the panel", context: .builder),
        KeyBinding(
            command: .builderOpen, keys: [.enter], help: "jump to the conflict / return to the point in history",
            context: .builder),
    ]
}

/// How long the solver runs from the builder, at most.
public let builderSolverSeconds = 20.0

/// The most edits the history keeps.
let historyLimit = 500

/// Reduces the builder's answers.
func builderLoaded(_ state: inout AppState, _ load: BuilderLoad) {
    var b = BuilderState()
    b.model = load.model
    let (plan, pinned) =
        load.draft.map(load.model.plan(of:))
        ?? (
            Plan(
                starts: [Int](repeating: -1, count: load.model.problem.items.count),
                rooms: [Int](repeating: 0, count: load.model.problem.items.count)), []
        )
    b.history = [
        BuilderSnapshot(
            plan: plan, pinned: pinned,
            label: Message(load.draft == nil ? "builder.empty-draft" : "builder.stored-draft"),
            score: load.model.score(plan))
    ]
    if let v = load.publishedVersion, let p = load.publishedProgramme {
        b.published = PublishedProgramme(version: v, programme: p)
    }
    b.thirdZone = state.builder.thirdZone
    if let first = b.order.first {
        b.selected = first
        b.day = load.model.day(ofCell: plan.starts[first])
    }
    refresh(&b, everything: true)
    state.builder = b
}

/// Recomputes what the screen shows of the current programme and the selection.
func refresh(_ b: inout BuilderState, everything: Bool = false, heat: Bool = true) {
    guard let model = b.model, let current = b.current else { return }
    if everything || b.panel == .conflicts || model.checksEverythingOnEachEdit {
        b.violations = model.violations(current.plan)
        b.violationsFresh = true
    } else {
        b.violationsFresh = false
    }
    b.focused = model.violations(current.plan, involving: b.selected)
    if b.violationsFresh { b.conflicted = Set(b.violations.flatMap(\.sessions)) }
    let id = model.problem.items[b.selected].session.id
    if b.focused.isEmpty { b.conflicted.remove(id) } else { b.conflicted.formUnion(b.focused.flatMap(\.sessions)) }
    let start = current.plan.starts[b.selected]
    b.night = model.night(b.selected, cell: start)
    if heat { refreshHeat(&b) } else { b.heatStale = true }
    if b.panel == .compare { b.comparison = compare(b) }
}

/// The selected session's cost at every start of the day shown.
func refreshHeat(_ b: inout BuilderState) {
    guard let model = b.model, let current = b.current else { return }
    b.heat =
        model.dayCells.indices.contains(b.day)
        ? model.trial(b.selected, in: current.plan, cells: model.dayCells[b.day]) : []
    b.heatStale = false
}

/// Records an edit: the history after the current point is dropped, the draft saved.
private func commit(_ state: inout AppState, plan: Plan, pinned: Set<Int>, label: Message) -> [Effect] {
    guard let model = state.builder.model, let before = state.builder.current else { return [] }
    var b = state.builder
    let score = model.score(plan)
    b.history.removeSubrange((b.position + 1)...)
    b.history.append(BuilderSnapshot(plan: plan, pinned: pinned, label: label, score: score))
    if b.history.count > historyLimit { b.history.removeFirst(b.history.count - historyLimit) }
    b.position = b.history.count - 1
    b.delta = Score(hard: score.hard - before.score.hard, soft: score.soft - before.score.soft)
    refresh(&b, heat: false)
    state.builder = b
    state.message = Message(
        joining: [
            Message("builder.edited", values: ["label": .message(label), "change": .message(scoreChange(b.delta!))])
        ] + broken(b), separator: "")
    return [.builder(.saveDraft(model.programme(plan, pinned: pinned))), .afterDraw(.builder(.heat))]
}

/// Another user saved the draft: it becomes a point of the history (so `u` returns to what was
/// shown before), unless it is what is shown. Nothing is saved: it is the stored draft.
func adoptDraft(_ state: inout AppState, _ programme: Programme) {
    guard let model = state.builder.model, let before = state.builder.current,
        model.programme(before.plan, pinned: before.pinned) != programme
    else { return }
    var b = state.builder
    let (plan, pinned) = model.plan(of: programme)
    let score = model.score(plan)
    b.history.removeSubrange((b.position + 1)...)
    b.history.append(
        BuilderSnapshot(plan: plan, pinned: pinned, label: Message("builder.draft-elsewhere"), score: score))
    if b.history.count > historyLimit { b.history.removeFirst(b.history.count - historyLimit) }
    b.position = b.history.count - 1
    b.delta = Score(hard: score.hard - before.score.hard, soft: score.soft - before.score.soft)
    refresh(&b)
    state.builder = b
}

/// Goes to point `i` of the history (undo, redo, or a jump from the list).
private func goTo(_ state: inout AppState, _ i: Int, verb: String) -> [Effect] {
    var b = state.builder
    guard let model = b.model, let before = b.current, b.history.indices.contains(i), i != b.position else {
        state.message =
            verb == "undo"
            ? Message("builder.nothing-to-undo") : verb == "redo" ? Message("builder.nothing-to-redo") : nil
        return []
    }
    let label = verb == "redo" ? b.history[i].label : b.history[b.position].label
    b.position = i
    let now = b.history[i]
    b.delta = Score(hard: now.score.hard - before.score.hard, soft: now.score.soft - before.score.soft)
    if now.plan.starts[b.selected] >= 0 { b.day = model.day(ofCell: now.plan.starts[b.selected]) }
    refresh(&b, heat: false)
    state.builder = b
    let verbText = Message(
        verb == "undo" ? "builder.verb-undo" : verb == "redo" ? "builder.verb-redo" : "builder.verb-back")
    state.message = Message(
        joining: [
            Message(
                "builder.went",
                values: [
                    "verb": .message(verbText), "label": .message(label), "change": .message(scoreChange(b.delta!)),
                ])
        ] + broken(b), separator: "")
    return [.builder(.saveDraft(model.programme(now.plan, pinned: now.pinned))), .afterDraw(.builder(.heat))]
}

/// A score change in the language of `l`: "−12.0 soft", "+1 hard, +3.0 soft", "±0".
public func scoreChangeText(_ d: Score, _ l: Localizer) -> String { scoreChange(d).text(l) }

/// A score change, worded when shown.
public func scoreChange(_ d: Score) -> Message {
    var parts: [Message] = []
    if d.hard != 0 {
        parts.append(Message("score.hard-change", ["value": (d.hard > 0 ? "+" : "−") + "\(abs(d.hard))"]))
    }
    if d.soft != 0 {
        parts.append(
            Message("score.soft-change", ["value": (d.soft > 0 ? "+" : "−") + String(format: "%.1f", abs(d.soft))]))
    }
    return parts.isEmpty ? Message(verbatim: "±0") : Message(joining: parts, separator: ", ")
}

/// "; breaks: …" with the selected session's first hard violation (none: nothing).
private func broken(_ b: BuilderState) -> [Message] {
    guard let v = b.focused.first else { return [] }
    return [Message("builder.breaks", values: ["rule": .message(v.message)])]
}

/// Reduces a key on the builder screen.
func builderKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let model = state.builder.model, let current = state.builder.current else {
        if key == .char("q") { state.quitting = true; return [.quit] }
        return []
    }
    // The solver's overlay takes the keys while it runs or proposes.
    if let solver = state.builder.solver {
        switch solver {
        case .running(_, let elapsed, let best, _):
            if key == .escape {
                state.builder.solver = .cancelling(elapsed: elapsed, best: best)
                return [.builder(.cancelSolver)]
            }
            state.message = Message("builder.solver-running")
            return []
        case .cancelling:
            return []
        case .proposal(let plan, _, let moved, _, _):
            switch key {
            case .enter, .char("a"):
                state.builder.solver = nil
                if moved.isEmpty { state.message = Message("builder.solver-moved-nothing"); return [] }
                let keep = current.pinned
                return commit(
                    &state, plan: plan, pinned: keep, label: Message("builder.solver-label", count: moved.count))
            case .escape, .char("x"):
                state.builder.solver = nil
                state.message = Message("builder.proposal-discarded")
            default: break
            }
            return []
        }
    }
    if state.builder.confirmingPublish {
        state.builder.confirmingPublish = false
        if KeyBindings.command(for: key, in: KeyBindings.confirm) == .confirmYes {
            return [.builder(.publish(meetingID: model.problem.meeting.id))]
        }
        state.message = Message("builder.not-published")
        return []
    }
    guard let command = KeyBindings.builder.first(where: { $0.keys.contains(key) })?.command else {
        switch key {
        case .char("q"): state.quitting = true; return [.quit]
        case .char("?"): state.showHelp = true
        default: break
        }
        return []
    }
    var b = state.builder
    let s = b.selected, start = current.plan.starts[s], item = model.problem.items[s]
    let label = model.finder.label(s)

    // Keys in an open panel.
    if let panel = b.panel {
        let count =
            panel == .conflicts
            ? b.violations.count : panel == .history ? b.history.count : (b.comparison?.changes.count ?? 0)
        switch command {
        case .builderNext: b.panelRow = min(max(0, count - 1), b.panelRow + 1); state.builder = b; return []
        case .builderPrevious: b.panelRow = max(0, b.panelRow - 1); state.builder = b; return []
        case .builderClose: b.panel = nil; state.builder = b; return []
        case .builderOpen:
            switch panel {
            case .conflicts:
                guard b.violations.indices.contains(b.panelRow), let id = b.violations[b.panelRow].sessions.first,
                    let i = model.problem.items.firstIndex(where: { $0.session.id == id })
                else { return [] }
                b.panel = nil
                select(&b, i)
                state.builder = b
                return []
            case .history:
                state.builder.panel = nil
                return goTo(&state, b.panelRow, verb: "back to")
            case .compare:
                guard let c = b.comparison, c.changes.indices.contains(b.panelRow),
                    let i = model.problem.items.firstIndex(where: { $0.session.id == c.changes[b.panelRow].sessionID })
                else { return [] }
                b.panel = nil
                select(&b, i)
                state.builder = b
                return []
            }
        default: break
        }
    }

    func move(to cell: Int, room: Int, what: Message) -> [Effect] {
        if current.pinned.contains(s) { state.message = Message("builder.is-pinned", ["label": label]); return [] }
        if item.isFixed { state.message = Message("builder.is-fixed", ["label": label]); return [] }
        let c = max(0, min(model.problem.cellCount - item.length, cell))
        if c == start && room == current.plan.rooms[s] {
            state.message = Message("builder.cannot-move", ["label": label]); return []
        }
        var starts = current.plan.starts, rooms = current.plan.rooms
        starts[s] = c
        rooms[s] = room
        state.builder.day = model.day(ofCell: c)
        return commit(&state, plan: Plan(starts: starts, rooms: rooms), pinned: current.pinned, label: what)
    }
    // An unplaced session is placed at the first start of its domain on the day shown.
    let anchor =
        start >= 0
        ? start
        : (item.domain.first { model.day(ofCell: $0) == b.day } ?? item.domain.first ?? model.dayCells[b.day].lowerBound)
    let perDay = 1440 / model.problem.cellMinutes

    switch command {
    case .builderNext, .builderPrevious:
        let order = b.order
        guard let i = order.firstIndex(of: s) else { return [] }
        let j = command == .builderNext ? min(order.count - 1, i + 1) : max(0, i - 1)
        select(&b, order[j])
    case .builderShowNextDay, .builderShowPreviousDay:
        b.day = max(0, min(model.problem.dayCount - 1, b.day + (command == .builderShowNextDay ? 1 : -1)))
        if let first = b.order.first(where: {
            current.plan.starts[$0] >= 0 && model.day(ofCell: current.plan.starts[$0]) == b.day
        }) {
            select(&b, first)
        } else {
            refresh(&b)
        }
    case .builderEarlier:
        return move(
            to: start >= 0 ? anchor - model.step : anchor, room: current.plan.rooms[s],
            what: Message(
                "builder.moved-earlier", ["label": label, "minutes": "\(model.problem.meeting.gridMinutes)"]))
    case .builderLater:
        return move(
            to: start >= 0 ? anchor + model.step : anchor, room: current.plan.rooms[s],
            what: Message(
                "builder.moved-later", ["label": label, "minutes": "\(model.problem.meeting.gridMinutes)"]))
    case .builderDayEarlier:
        return move(
            to: anchor - perDay, room: current.plan.rooms[s],
            what: Message("builder.moved-day-earlier", ["label": label]))
    case .builderDayLater:
        return move(
            to: anchor + perDay, room: current.plan.rooms[s],
            what: Message("builder.moved-day-later", ["label": label]))
    case .builderRoom:
        let r = (current.plan.rooms[s] + 1) % model.roomNames.count
        return move(
            to: anchor, room: r, what: Message("builder.moved-room", ["label": label, "room": model.roomNames[r]]))
    case .builderPin:
        guard start >= 0 else { state.message = Message("builder.place-first", ["label": label]); return [] }
        var pinned = current.pinned
        let pin = !pinned.contains(s)
        if pin { pinned.insert(s) } else { pinned.remove(s) }
        return commit(
            &state, plan: current.plan, pinned: pinned,
            label: Message(pin ? "builder.label-pinned" : "builder.label-unpinned", ["label": label]))
    case .builderUndo: return goTo(&state, b.position - 1, verb: "undo")
    case .builderRedo: return goTo(&state, b.position + 1, verb: "redo")
    case .builderConflicts, .builderHistory, .builderCompare:
        let panel: BuilderPanel =
            command == .builderConflicts ? .conflicts : command == .builderHistory ? .history : .compare
        if b.panel == panel { b.panel = nil; break }
        if panel == .compare && b.published == nil {
            state.message = Message("builder.nothing-published")
            return []
        }
        b.panel = panel
        b.panelRow = panel == .history ? b.position : 0
        if panel == .compare { b.comparison = compare(b) }
        if panel == .conflicts && !b.violationsFresh { refresh(&b) }
    case .builderClose: break
    case .builderOpen: break
    case .builderSolve:
        guard let programme = b.programme else { return [] }
        b.solver = .running(iteration: 0, elapsed: 0, best: nil, limit: builderSolverSeconds)
        state.builder = b
        state.message = nil
        return [.builder(.solve(programme, seconds: builderSolverSeconds))]
    case .builderPublish:
        let next = (b.published?.version ?? 0) + 1
        b.confirmingPublish = true
        state.builder = b
        state.message = Message("builder.confirm-publish", ["version": "\(next)"])
        return []
    case .builderExport:
        state.builder = b
        state.prompt = Prompt(.exportFile)
        return []
    case .builderZone:
        state.builder = b
        state.prompt = Prompt(.thirdZone)
        state.prompt!.completions = ZoneNames.completions(for: "")
        return []
    default: break
    }
    state.builder = b
    return []
}

/// Selects session `i` and shows its day.
private func select(_ b: inout BuilderState, _ i: Int) {
    guard let model = b.model, let current = b.current else { return }
    b.selected = i
    if current.plan.starts[i] >= 0 { b.day = model.day(ofCell: current.plan.starts[i]) }
    refresh(&b)
}

/// The draft against the latest published version.
func compare(_ b: BuilderState) -> BuilderComparison? {
    guard let model = b.model, let current = b.current, let last = b.published else { return nil }
    let (version, published) = (last.version, last.programme)
    let old = model.plan(of: published).plan
    let problem = model.problem
    let a = Dictionary(uniqueKeysWithValues: problem.loads(old).map { ($0.delegation, $0) })
    let d = Dictionary(uniqueKeysWithValues: problem.loads(current.plan).map { ($0.delegation, $0) })
    let rows = problem.meeting.delegations.indices.map { i in
        BuilderComparison.Row(
            code: problem.meeting.delegations[i].code, published: a[i]?.weighted ?? 0, draft: d[i]?.weighted ?? 0,
            publishedNight: a[i]?.minutes.night ?? 0, draftNight: d[i]?.minutes.night ?? 0)
    }.sorted { (abs($0.draft - $0.published), $1.code) > (abs($1.draft - $1.published), $0.code) }
    let changes = ProgrammeChange.between(
        published, model.programme(current.plan, pinned: current.pinned), meeting: problem.meeting)
    return BuilderComparison(version: version, rows: rows, changes: changes)
}

/// The solver's progress and answer.
func solverAnswered(_ state: inout AppState, _ action: BuilderAction) {
    guard let model = state.builder.model, let current = state.builder.current else { return }
    switch action {
    case .solverProgress(let iteration, let elapsed, let best):
        if case .running(_, _, let had, let limit) = state.builder.solver {
            state.builder.solver = .running(iteration: iteration, elapsed: elapsed, best: best ?? had, limit: limit)
        } else if case .cancelling(_, let had) = state.builder.solver {
            state.builder.solver = .cancelling(elapsed: elapsed, best: best ?? had)
        }
    case .solverFinished(let programme, let stop, let why):
        let plan = model.plan(of: programme).plan
        let moved = model.problem.items.indices.filter {
            plan.starts[$0] != current.plan.starts[$0] || plan.rooms[$0] != current.plan.rooms[$0]
        }
        .map { model.problem.items[$0].session.id }
        state.builder.solver = .proposal(plan: plan, score: model.score(plan), moved: moved, stop: stop, why: why)
    case .solverFailed(let why):
        state.builder.solver = nil
        state.message = Message("builder.solver-failed", values: ["why": .message(why)])
    default: break
    }
}
