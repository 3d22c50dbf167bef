import AgendaFiles
import IntersessionTestSupport
import MeetingModel
@testable import Scheduling
import Testing

/// The incremental score must equal a from-scratch score after every move and every undo.
@Suite struct IncrementalScoreTests {
    static func sampleProblem() throws -> SchedulingProblem {
        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        return try SchedulingProblem(meeting: meeting)
    }

    func expectConsistent(_ state: ScoreState, _ context: String) {
        let full = FullScore.compute(state.problem, starts: state.start, rooms: state.room)
        #expect(state.breakdown.raw == full.raw, "\(context)")
        #expect(state.score == full.score, "\(context)")
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func deltaEqualsFullRescoreOverRandomMoves(seed: UInt64) throws {
        let problem = try Self.sampleProblem()
        let state = ScoreState(problem: problem)
        Solver(problem: problem).construct(state)
        expectConsistent(state, "after construction")
        var rng = SplitMix64(seed: seed)
        var mover = MoveMaker(problem: problem)
        let movable = problem.items.indices.filter { !problem.items[$0].isFixed }
        var interpretationSeen = false
        for step in 0..<600 {
            guard let undo = mover.apply(randomMove: movable, state: state, rng: &rng) else { continue }
            expectConsistent(state, "seed \(seed) step \(step) after the move")
            interpretationSeen = interpretationSeen || state.breakdown.raw[.interpretation, default: 0] > 0
            if rng.below(2) == 0 {
                mover.undo(undo, state: state)
                expectConsistent(state, "seed \(seed) step \(step) after undo")
            }
        }
        // The walk met interpreter rosters beyond the teams' limits too, not only clean days.
        #expect(interpretationSeen)
    }

    @Test func removingAndInsertingAnywhereStaysConsistent() throws {
        // Also off-domain starts, other rooms and unplaced sessions, as evaluate meets them.
        let problem = try Self.sampleProblem()
        let state = ScoreState(problem: problem, extraRooms: 1)
        var rng = SplitMix64(seed: 99)
        let n = problem.items.count
        var seen = false
        for step in 0..<800 {
            let s = rng.below(n)
            if state.isPlaced(s) {
                state.remove(s)
            } else {
                let day = problem.dayCount + 1
                let cell = rng.below(day * 1440 / problem.cellMinutes)
                state.insert(s, cell: cell, room: rng.below(problem.rooms.count + 1))
            }
            if step % 7 == 0 { expectConsistent(state, "step \(step)") }
            seen = seen || state.breakdown.raw[.interpretation, default: 0] > 0
        }
        expectConsistent(state, "end")
        #expect(seen)
    }
}
