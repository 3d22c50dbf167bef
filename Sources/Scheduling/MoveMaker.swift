/// Picks random moves, applies them to a `ScoreState`, and can undo them.
struct MoveMaker {
    let problem: SchedulingProblem
    /// Cells per meeting day.
    let cellsPerDay: Int
    let gridCells: Int

    init(problem: SchedulingProblem) {
        self.problem = problem
        cellsPerDay = 1440 / problem.cellMinutes
        gridCells = max(1, problem.meeting.gridMinutes / problem.cellMinutes)
    }

    /// What to restore: sessions and their previous cell and room.
    struct Undo {
        var first: (session: Int, cell: Int, room: Int)
        var second: (session: Int, cell: Int, room: Int)?
    }

    /// Applies one random move (shift, nudge, other day, swap, room change); nil if none applied.
    mutating func apply(randomMove movable: [Int], state: ScoreState, rng: inout SplitMix64) -> Undo? {
        let s = movable[rng.below(movable.count)]
        let item = problem.items[s]
        let old = (session: s, cell: state.start[s], room: state.room[s])
        let roll = rng.below(100)
        var cell = old.cell, room = old.room
        // The mix was measured on the KP sample (DECISIONS.md): pure room changes are rarely needed,
        // since the other moves already take a free room at the new start.
        switch roll {
        case 0..<45:  // shift anywhere in the domain
            cell = item.domain[item.searchSlots[rng.below(item.searchSlots.count)]]
        case 45..<65:  // nudge by 1-4 grid steps
            let step = (1 + rng.below(4)) * gridCells * (rng.below(2) == 0 ? -1 : 1)
            cell = old.cell + step
        case 65..<80:  // same time, another day
            let days = problem.dayCount
            guard days > 1 else { return nil }
            cell = old.cell + (1 + rng.below(days - 1)) * cellsPerDay * (rng.below(2) == 0 ? -1 : 1)
        case 80..<98:  // swap starts (and rooms) with another session
            let t = movable[rng.below(movable.count)]
            guard t != s, problem.items[t].fixedRoom == nil, item.fixedRoom == nil else { return nil }
            let tc = state.start[t], tr = state.room[t]
            guard slot(s, tc) >= 0, slot(t, old.cell) >= 0 else { return nil }
            let second = (session: t, cell: tc, room: tr)
            state.move(s, cell: tc, room: tr)
            state.move(t, cell: old.cell, room: old.room)
            return Undo(first: old, second: second)
        default:  // another room
            guard problem.rooms.count > 1, item.fixedRoom == nil else { return nil }
            room = (old.room + 1 + rng.below(problem.rooms.count - 1)) % problem.rooms.count
        }
        guard slot(s, cell) >= 0, cell != old.cell || room != old.room else { return nil }
        if roll < 80, item.fixedRoom == nil, !state.roomIsFree(room, for: s, cell: cell) {
            // Prefer a free room at the new start, so a good time is not lost to a room clash.
            room = (0..<problem.rooms.count).first { state.roomIsFree($0, for: s, cell: cell) } ?? room
        }
        state.move(s, cell: cell, room: room)
        return Undo(first: old, second: nil)
    }

    /// Restores what `undo` recorded (second session first).
    func undo(_ undo: Undo, state: ScoreState) {
        if let b = undo.second { state.move(b.session, cell: b.cell, room: b.room) }
        state.move(undo.first.session, cell: undo.first.cell, room: undo.first.room)
    }

    private func slot(_ s: Int, _ c: Int) -> Int {
        c >= 0 && c < problem.cellCount ? Int(problem.slotOfCell[s][c]) : -1
    }
}
