import AgendaFiles
import IntersessionTestSupport
import MeetingModel
import Scheduling
import Testing

/// Dense meetings (issue 21): a planted meeting (`generate_instance.py --planted --sessions 80 --use 0.85 --days 4 --seed 3`: a programme
/// made first, the meeting derived from it, rooms at 85 % of the windows, delegations at their
/// limit) and the starts the search leaves out.
@Suite struct DenseMeetingTests {
    static let path = Repository.tests("SchedulingTests/Fixtures/planted-80-85-s3.yaml")

    static func planted() throws -> (SchedulingProblem, Plan) {
        let load = ProgrammeReader.load(
            path: Repository.tests("SchedulingTests/Fixtures/planted-80-85-s3.programme.yaml"))
        let meeting = try #require(load.meeting), programme = try #require(load.programme)
        let problem = try SchedulingProblem(meeting: meeting)
        return (problem, Plan.of(programme, on: problem))
    }

    @Test func thePlantedProgrammeIsFeasible() throws {
        let (problem, plant) = try Self.planted()
        #expect(FullScore.compute(problem, starts: plant.starts, rooms: plant.rooms).score.hard == 0)
    }

    /// The construction alone leaves hard minutes; the feasibility phase removes them within a
    /// fixed number of steps (reproducible; the exact search left out to keep the test short).
    @Test func thePlantedMeetingIsSolvedFeasiblyInAFixedNumberOfSteps() throws {
        let (problem, _) = try Self.planted()
        let settings = SolverSettings(seed: 1, timeLimit: nil, maxIterations: 40_000, exactNodeLimit: 0)
        var reported: [Int] = []
        let result = Solver(problem: problem, settings: settings).solve { reported.append($0.best.hard) }
        #expect(result.constructed.hard > 0)
        // The phase reports each new least hard score (the builder's bar shows it), down to 0.
        #expect(reported.contains { $0 > 0 } && reported.last == 0, "\(reported)")
        #expect(zip(reported, reported.dropFirst()).allSatisfy { $0 >= $1 }, "\(reported)")
        #expect(result.breakdown.score.hard == 0, "\(result.breakdown.score)")
        #expect(result.timeToFeasible != nil)
    }

    /// Pruning only removes starts no programme can use: every start of a known feasible
    /// programme is still searched (the plant, and the solver's own programme of the KP sample),
    /// and something was removed (nothing before the opening has ended).
    @Test func theSearchKeepsEveryStartOfAFeasibleProgramme() throws {
        let (problem, plant) = try Self.planted()
        for item in problem.items {
            let searched = Set(item.searchSlots.map { item.domain[$0] })
            #expect(searched.contains(plant.starts[item.index]), "\(item.session.id)")
        }
        let opening = try #require(problem.items.first { $0.session.kind == .opening })
        let body = try #require(problem.items.first { $0.session.kind == .body })
        #expect(body.searchSlots.count < body.domain.count)
        #expect(body.searchSlots.allSatisfy { body.domain[$0] >= opening.domain[0] + opening.length })

        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        let kp = try SchedulingProblem(meeting: meeting)
        let solved = Solver(problem: kp, settings: SolverSettings(seed: 3, timeLimit: nil, maxIterations: 20_000))
            .solve().plan
        #expect(FullScore.compute(kp, starts: solved.starts, rooms: solved.rooms).score.hard == 0)
        for item in kp.items {
            #expect(Set(item.searchSlots.map { item.domain[$0] }).contains(solved.starts[item.index]))
        }
    }

    /// A start the search leaves out is still judged by its real reason: a session put before
    /// the opening by hand breaks the order, not its window.
    @Test func aPrunedStartKeepsItsRealReason() throws {
        let (problem, plant) = try Self.planted()
        let body = try #require(problem.items.first { $0.session.kind == .body })
        let early = try #require(body.domain.first { !body.searchSlots.map { body.domain[$0] }.contains($0) })
        var starts = plant.starts
        starts[body.index] = early
        let score = FullScore.compute(problem, starts: starts, rooms: plant.rooms)
        #expect(score.raw[.order, default: 0] > 0)
        #expect(score.raw[.window, default: 0] == 0)
    }
}
