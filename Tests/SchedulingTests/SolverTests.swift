import AgendaFiles
import Foundation
import MeetingTime
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
        let result = Solver(problem: problem, settings: SolverSettings(seed: 7, timeLimit: nil, maxIterations: 60_000))
            .solve()
        print(
            "hand-made \(handScore), solver \(result.breakdown.score), lower bound \(LowerBound.soft(problem)), \(result.iterations) steps in \(result.elapsed) s"
        )
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

@Suite struct SolverControlTests {
    static func problem(reference: Programme? = nil) throws -> SchedulingProblem {
        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        return try SchedulingProblem(meeting: meeting, reference: reference)
    }

    @Test func cancellationFromAnotherThreadKeepsTheBestFound() async throws {
        let problem = try Self.problem()
        let control = SolverControl()
        let reports = ProgressLog()
        let result = await Task.detached {
            Solver(problem: problem, settings: SolverSettings(seed: 1, timeLimit: 60, unimprovedLimit: nil)).solve(
                control: control
            ) { p in
                reports.append(p)
                // The first report (the exact search's programme, on the KP sample) cancels.
                control.cancel()
            }
        }.value
        #expect(result.stop == .cancelled)
        #expect(result.elapsed < 30)
        #expect(reports.count >= 1)
        #expect(result.breakdown.score == reports.last!.best || result.breakdown.score < reports.last!.best)
        #expect(result.breakdown.score.isFeasible)
    }

    @Test func pinnedSessionsStayAndEveryMoveCostsStability() throws {
        let published = try #require(ProgrammeReader.load(path: Repository.sampleProgramme).programme)
        // Pin only the opening and the closing; the rest may move, at a price.
        let reference = Programme(
            meetingID: published.meetingID,
            placements: published.placements.map {
                Placement(
                    sessionID: $0.sessionID, start: $0.start, room: $0.room,
                    pinned: ["S01", "S14"].contains($0.sessionID))
            })
        let problem = try Self.problem(reference: reference)
        let result = Solver(problem: problem, settings: SolverSettings(seed: 2, timeLimit: nil, maxIterations: 30_000))
            .solve(from: reference.plan(on: problem))
        let programme = result.plan.programme(problem)
        for id in ["S01", "S14"] { #expect(programme.placement(of: id)?.start == reference.placement(of: id)?.start) }
        let moved = programme.placements.filter { p in
            reference.placement(of: p.sessionID).map { $0.start != p.start || $0.room != p.room } ?? true
        }.count
        #expect(result.breakdown.raw[.stability] == moved)
        #expect(result.breakdown.score.isFeasible)
    }

    @Test func preferredWindowsAreHonouredWhenFree() throws {
        let text = """
            meeting: {id: t, title: T, host_zone: UTC, first_day: 2021-06-22, last_day: 2021-06-23, languages: [en], grid_minutes: 30, daily_window_utc: "08:00-16:00"}
            delegations: [{code: ZA, name: South Africa, zone: Africa/Johannesburg}]
            bodies: [{id: WGM, name: WGM, members: [ZA], preferred: [{day: 2021-06-23, from: "14:00", to: "16:00"}]}]
            sessions: [{id: S1, title: WGM, kind: body, body: WGM, minutes: 120}]
            """
        let meeting = try #require(AgendaReader.load(text: text, path: "t.yaml").meeting)
        let problem = try SchedulingProblem(meeting: meeting)
        let result = Solver(problem: problem, settings: SolverSettings(seed: 1, timeLimit: nil, maxIterations: 2_000))
            .solve()
        #expect(problem.instant(ofCell: result.plan.starts[0]) == Instant(seconds: 1_624_456_800))  // 2021-06-23T14:00Z
        #expect(result.breakdown.raw[.preferredWindow] == 0)
    }
}

/// Progress reports collected across threads.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [SolverProgress] = []
    func append(_ p: SolverProgress) { lock.withLock { items.append(p) } }
    var count: Int { lock.withLock { items.count } }
    var last: SolverProgress? { lock.withLock { items.last } }
}
