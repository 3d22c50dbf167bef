import AgendaFiles
import IntersessionTestSupport
import MeetingModel
import Scheduling
import Testing

@Suite struct SolverTests {
    @Test func sampleSolvesFeasiblyAndBeatsTheHandMadeProgramme() throws {
        let load = ProgrammeReader.load(path: Repository.sampleProgramme)
        let meeting = try #require(load.meeting), handMade = try #require(load.programme)
        let problem = try SchedulingProblem(meeting: meeting)
        let hand = Plan.of(handMade, on: problem)
        let handScore = FullScore.compute(problem, starts: hand.starts, rooms: hand.rooms).score
        let result = Solver(problem: problem, settings: SolverSettings(seed: 7, timeLimit: nil, maxIterations: 60_000)).solve()
        print("hand-made \(handScore), solver \(result.breakdown.score), lower bound \(LowerBound.soft(problem)), \(result.iterations) steps in \(result.elapsed) s")
        #expect(result.breakdown.score.isFeasible)
        #expect(result.breakdown.score.soft < handScore.soft)
        #expect(result.breakdown.score.soft >= LowerBound.soft(problem))
    }

    @Test func theSameSeedGivesTheSameProgramme() throws {
        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        let problem = try SchedulingProblem(meeting: meeting)
        let settings = SolverSettings(seed: 42, timeLimit: nil, maxIterations: 20_000)
        let a = Solver(problem: problem, settings: settings).solve()
        let b = Solver(problem: problem, settings: settings).solve()
        #expect(a.plan == b.plan)
        #expect(a.breakdown == b.breakdown)
        var other = settings
        other.seed = 43
        #expect(Solver(problem: problem, settings: other).solve().plan != a.plan)
    }
}
