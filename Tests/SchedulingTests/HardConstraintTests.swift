import AgendaFiles
import MeetingModel
import MeetingTime
import Scheduling
import Testing

/// One small instance per hard constraint, each tight enough that the constraint binds: the
/// solver must respect it, and a hand-made bad programme must be reported in words.
@Suite struct HardConstraintTests {
    /// A one-day meeting in UTC, 10:00-13:00, half-hour grid, with `extra` YAML appended.
    func problem(window: String = "10:00-13:00", rooms: String = "[A, B]", minBreak: Int = 0, _ extra: String) throws
        -> SchedulingProblem
    {
        let text = """
            meeting: {id: t, title: T, host_zone: UTC, first_day: 2021-06-22, last_day: 2021-06-22, languages: [en], grid_minutes: 30, daily_window_utc: "\(window)"}
            scheduling: {rooms: \(rooms), min_break_minutes: \(minBreak), delegates_per_delegation: 2}
            delegations:
              - {code: GH, name: Ghana, zone: Africa/Accra, delegates: 1}
              - {code: ZA, name: South Africa, zone: Africa/Johannesburg}
              - {code: RU, name: Russian Federation, zone: Europe/Moscow}
              - {code: CN, name: China, zone: Asia/Shanghai}
            \(extra)
            """
        let load = AgendaReader.load(text: text, path: "test.yaml")
        let meeting = try #require(load.meeting, "\(load.diagnostics)")
        return try SchedulingProblem(meeting: meeting)
    }

    func solve(_ p: SchedulingProblem) -> SolveResult {
        Solver(problem: p, settings: SolverSettings(seed: 3, timeLimit: nil, maxIterations: 5_000)).solve()
    }

    /// A plan from "S1 10:00 A" style entries (times on 2021-06-22 UTC).
    func plan(_ p: SchedulingProblem, _ entries: [(String, String, String)]) -> Plan {
        Programme(
            meetingID: "t",
            placements: entries.map { id, time, room in
                Placement(sessionID: id, start: InstantText.absolute("2021-06-22T\(time)Z")!, room: room, pinned: false)
            }
        ).plan(on: p)
    }

    func messages(_ p: SchedulingProblem, _ plan: Plan) throws -> [String] {
        try ViolationFinder(problem: p).violations(of: plan).map { "[\($0.constraint.rawValue)] \($0.message)" }
    }

    func overlap(_ p: SchedulingProblem, _ plan: Plan, _ a: Int, _ b: Int) -> Bool {
        let la = p.items[a].length, lb = p.items[b].length
        return plan.starts[a] < plan.starts[b] + lb && plan.starts[b] < plan.starts[a] + la
    }

    @Test func capacity() throws {
        let p = try problem(
            """
            bodies: [{id: WGM, name: WGM, members: [GH, ZA]}, {id: WGAAP, name: WGAAP, members: [GH, RU]}]
            sessions: [{id: S1, title: WGM, kind: body, body: WGM, minutes: 90}, {id: S2, title: WGAAP, kind: body, body: WGAAP, minutes: 90}]
            """)
        let r = solve(p)
        #expect(r.breakdown.score.isFeasible && !overlap(p, r.plan, 0, 1))
        let bad = plan(p, [("S1", "10:00", "A"), ("S2", "10:00", "B")])
        #expect(
            try messages(p, bad) == [
                "[capacity] WGM (S1) and WGAAP (S2) overlap on Tue 22 Jun 10:00-11:30 UTC; Ghana has 1 delegate and is a member of both"
            ])
        #expect(FullScore.compute(p, starts: bad.starts, rooms: bad.rooms).raw[.capacity] == 90)
    }

    @Test func rooms() throws {
        let p = try problem(
            rooms: "[A]",
            """
            bodies: [{id: WGM, name: WGM, members: [ZA]}, {id: CRP, name: CRP, members: [RU]}]
            sessions: [{id: S1, title: WGM, kind: body, body: WGM, minutes: 90}, {id: S2, title: CRP, kind: body, body: CRP, minutes: 90}]
            """)
        let r = solve(p)
        #expect(r.breakdown.score.isFeasible && !overlap(p, r.plan, 0, 1))
        #expect(
            try messages(p, plan(p, [("S1", "10:00", "A"), ("S2", "11:00", "A")])) == [
                "[rooms] WGM (S1) and CRP (S2) are both in room A on Tue 22 Jun 11:00-11:30 UTC"
            ])
        #expect(
            try messages(p, plan(p, [("S1", "10:00", "A"), ("S2", "11:30", "Z")])) == [
                "[rooms] CRP (S2) is in a room that is not one of the meeting's (A)"
            ])
    }

    @Test func chair() throws {
        let p = try problem(
            """
            bodies: [{id: CPC, name: CPC, chair: RU, members: [RU, ZA]}, {id: CRP, name: CRP, chair: RU, members: [RU, CN]}]
            sessions: [{id: S1, title: CPC, kind: body, body: CPC, minutes: 90}, {id: S2, title: CRP, kind: body, body: CRP, minutes: 90}]
            """)
        let r = solve(p)
        #expect(r.breakdown.score.isFeasible && !overlap(p, r.plan, 0, 1))
        #expect(
            try messages(p, plan(p, [("S1", "10:00", "A"), ("S2", "10:30", "B")])) == [
                "[chair] Russian Federation chairs both CPC (S1) and CRP (S2) on Tue 22 Jun 10:30-11:30 UTC"
            ])
    }

    @Test func minimumBreak() throws {
        let p = try problem(
            window: "10:00-14:00", minBreak: 30,
            """
            bodies: [{id: WGM, name: WGM, members: [ZA]}, {id: CRP, name: CRP, members: [ZA, RU]}]
            sessions: [{id: S1, title: WGM, kind: body, body: WGM, minutes: 90}, {id: S2, title: CRP, kind: body, body: CRP, minutes: 90, after: [S1]}]
            """)
        let r = solve(p)
        #expect(r.breakdown.score.isFeasible)
        #expect(r.plan.starts[1] * p.cellMinutes - (r.plan.starts[0] * p.cellMinutes + 90) >= 30)
        #expect(
            try messages(p, plan(p, [("S1", "10:00", "A"), ("S2", "11:30", "A")])) == [
                "[break] WGM (S1) and CRP (S2) share South Africa but are 0 minutes apart on Tue 22 Jun 11:30 UTC (minimum break 30)"
            ])
    }

    @Test func orderOpeningAndClosing() throws {
        let p = try problem(
            window: "10:00-14:00",
            """
            bodies: [{id: PLENARY, name: Plenary, members: all}, {id: WGM, name: WGM, members: [ZA]}]
            sessions:
              - {id: S1, title: Opening, kind: opening, body: PLENARY, minutes: 60}
              - {id: S2, title: WGM, kind: body, body: WGM, minutes: 60}
              - {id: S3, title: Closing, kind: closing, body: PLENARY, minutes: 60}
            """)
        let r = solve(p)
        #expect(r.breakdown.score.isFeasible)
        #expect(r.plan.starts[0] < r.plan.starts[1] && r.plan.starts[1] < r.plan.starts[2])
        #expect(
            try messages(p, plan(p, [("S1", "11:00", "A"), ("S2", "10:00", "A"), ("S3", "12:00", "A")])) == [
                "[order] S1 \"Opening\" is the opening and must end before WGM (S2) starts (at Tue 22 Jun 12:00 UTC); it starts 120 minutes too early"
            ])
    }

    @Test func windowsAndFixedStarts() throws {
        let p = try problem(
            """
            bodies: [{id: WGM, name: WGM, members: [ZA]}, {id: CRP, name: CRP, members: [RU]}]
            sessions:
              - {id: S1, title: WGM, kind: body, body: WGM, minutes: 60, windows: [{from: "12:00", to: "13:00"}]}
              - {id: S2, title: CRP, kind: body, body: CRP, minutes: 60, fixed_start: "2021-06-22T11:00Z"}
            """)
        let r = solve(p)
        #expect(r.breakdown.score.isFeasible)
        #expect(p.instant(ofCell: r.plan.starts[0]) == InstantText.absolute("2021-06-22T12:00Z"))
        #expect(p.instant(ofCell: r.plan.starts[1]) == InstantText.absolute("2021-06-22T11:00Z"))
        #expect(
            try messages(p, plan(p, [("S1", "10:00", "A"), ("S2", "10:00", "B")])) == [
                "[window] WGM (S1) runs Tue 22 Jun 10:00-11:00 UTC, outside its allowed windows",
                "[fixed] CRP (S2) is fixed at Tue 22 Jun 11:00 UTC but placed at Tue 22 Jun 10:00 UTC",
            ])
        #expect(try messages(p, plan(p, [("S2", "11:00", "B")])) == ["[unplaced] WGM (S1) is not placed"])
    }

    @Test func infeasibleAgendaSaysWhichConstraintCannotBeMet() throws {
        let p = try problem(
            rooms: "[A]",
            """
            bodies: [{id: WGM, name: WGM, members: [GH]}]
            sessions:
              - {id: S1, title: One, kind: body, body: WGM, minutes: 120}
              - {id: S2, title: Two, kind: body, body: WGM, minutes: 120}
            """)
        #expect(
            Feasibility.obstacles(p) == [
                "the sessions need 240 room-minutes but 1 room × 1 day × 180 minutes of daily window give 180; add rooms or days, widen daily_window_utc, or shorten sessions",
                "Ghana is expected in 240 minutes of sessions but has 1 delegate for 180 minutes of daily windows; raise its 'delegates' or trim its bodies",
            ])
        // Even when searched, the result is an honest infeasible score, not a silent bad plan.
        let r = solve(p)
        #expect(!r.breakdown.score.isFeasible)
        #expect(!(try ViolationFinder(problem: p).violations(of: r.plan)).isEmpty)
    }

    /// A delegation of one delegate with the minimum break: 180 minutes of sessions fit its
    /// 180-minute window, but not with the break between them; the reason names it, and no
    /// search finds a programme.
    @Test func aSingleDelegatesBreaksAreCountedUpFront() throws {
        let p = try problem(
            minBreak: 30,
            """
            bodies: [{id: WGM, name: WGM, members: [GH]}, {id: CRP, name: CRP, members: [GH, ZA]}]
            sessions:
              - {id: S1, title: One, kind: body, body: WGM, minutes: 90}
              - {id: S2, title: Two, kind: body, body: CRP, minutes: 90}
            """)
        #expect(
            Feasibility.obstacles(p) == [
                "Ghana has one delegate for 2 sessions, 180 minutes (210 with breaks), one at a time, but the meeting has 180 minutes of daily windows; register another delegate for it or trim its bodies"
            ])
        #expect(!solve(p).breakdown.score.isFeasible)
        // Two delegates (South Africa) may sit both at once: no reason for them.
        #expect(!Feasibility.obstacles(p).contains { $0.contains("South Africa") })
    }
}
