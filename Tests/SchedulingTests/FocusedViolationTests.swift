import AgendaFiles
import IntersessionTestSupport
import MeetingModel
@testable import Scheduling
import Testing

/// The builder asks only for the violations of the session being edited: they must be exactly the
/// full pass's violations that name that session, whatever the programme.
@Suite struct FocusedViolationTests {
    @Test(arguments: [UInt64(7), 8])
    func focusedViolationsAreTheFullPassFiltered(seed: UInt64) throws {
        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        // One French team, so that interpretation rosters break too.
        let problem = try SchedulingProblem(meeting: meeting)
        let finder = try ViolationFinder(problem: problem)
        var rng = SplitMix64(seed: seed)
        let n = problem.items.count, cellsPerDay = 1440 / problem.cellMinutes
        var kinds = Set<ConstraintID>()
        for round in 0..<40 {
            // Crowded random programmes: most sessions on two days in the window's hours, some unplaced,
            // some in a room that is not the meeting's.
            let starts = (0..<n).map { _ in
                rng.below(10) == 0
                    ? -1 : (1 + rng.below(2)) * cellsPerDay + (8 * 60 + rng.below(20) * 30) / problem.cellMinutes
            }
            let rooms = (0..<n).map { _ in rng.below(12) == 0 ? problem.rooms.count : rng.below(problem.rooms.count) }
            let plan = Plan(starts: starts, rooms: rooms)
            let full = finder.violations(of: plan)
            kinds.formUnion(full.map(\.constraint))
            for s in 0..<n {
                let id = problem.items[s].session.id
                let focused = finder.violations(of: plan, involving: [s])
                #expect(Set(focused) == Set(full.filter { $0.sessions.contains(id) }), "round \(round), \(id)")
            }
            let pair: Set<Int> = [rng.below(n), rng.below(n)]
            let ids = Set(pair.map { problem.items[$0].session.id })
            #expect(
                Set(finder.violations(of: plan, involving: pair))
                    == Set(full.filter { !ids.isDisjoint(with: $0.sessions) }), "round \(round), \(ids)")
        }
        // The programmes met every kind the focus has to find.
        #expect(kinds.isSuperset(of: [.unplaced, .order, .rooms, .capacity, .breaks, .window]))
    }
}
