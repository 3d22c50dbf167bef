import AgendaFiles
import AppCore
@testable import AppShell
import Foundation
import Localization
import MeetingModel
import Scheduling
import Testing

/// The builder's solver (issue 21 §2): on a meeting where no programme exists, its proposal
/// says why and what a short run found a programme with, as `plan` does.
@Suite struct SolverJobTests {
    @Test func anInfeasibleReplanSaysWhyAndWhatWouldMakeRoom() throws {
        let text = """
            meeting: {id: dense, title: Dense, host_zone: UTC, first_day: 2021-06-22, last_day: 2021-06-22, languages: [en], grid_minutes: 30, daily_window_utc: "06:00-09:00"}
            scheduling: {rooms: [A, B], min_break_minutes: 30, delegates_per_delegation: 1}
            delegations: [{code: MX, name: Mexico, zone: America/Mexico_City}, {code: GH, name: Ghana, zone: Africa/Accra}]
            bodies: [{id: B1, name: B1, members: [MX, GH]}, {id: B2, name: B2, members: [MX]}, {id: B3, name: B3, members: [MX]}]
            sessions: [{id: S1, title: One, kind: body, body: B1, minutes: 60}, {id: S2, title: Two, kind: body, body: B2, minutes: 60}, {id: S3, title: Three, kind: body, body: B3, minutes: 60}]
            """
        let meeting = try #require(AgendaReader.load(text: text, path: "dense.yaml").meeting)
        let problem = try SchedulingProblem(meeting: meeting)
        let first = Solver(problem: problem, settings: SolverSettings(seed: 1, timeLimit: nil, maxIterations: 2_000))
            .solve()
        let job = SolverJob()
        job.start(meeting: meeting, programme: first.plan.programme(problem, pinned: []), requests: [], seconds: 1)
        var why: [Message]?
        let deadline = Date().addingTimeInterval(60)
        while why == nil && Date() < deadline {
            for case .builder(.solverFinished(_, _, let lines)) in job.take() { why = lines }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let lines = try #require(why, "no proposal within a minute").map { $0.text(.english) }
        #expect(lines.first == "Why no programme was found (minutes of hard violations left):", "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  falling on: Mexico (MX)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  - one day more (to 2021-06-23)") }, "\(lines)")
        // A room more cannot help Mexico's one delegate, and the checks before any search say so.
        #expect(
            lines.contains {
                $0.hasPrefix("  tried without finding one: one room more (C) (the checks before any search")
            }, "\(lines)")
    }
}
