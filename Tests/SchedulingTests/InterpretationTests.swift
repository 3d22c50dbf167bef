import AgendaFiles
import Localization
import MeetingModel
import MeetingTime
import Scheduling
import Testing

/// Interpretation: languages per session, interpreter teams as a hard constraint, rosters.
@Suite struct InterpretationTests {
    /// A one-day meeting in UTC with official languages en, fr, ru and `extra` YAML appended.
    func meeting(window: String = "08:00-18:00", interpretation: String = "{teams: {fr: 1, ru: 1}}", _ extra: String)
        throws -> Meeting
    {
        let text = """
            meeting: {id: t, title: T, host_zone: UTC, first_day: 2021-06-22, last_day: 2021-06-22, languages: [en, fr, ru], grid_minutes: 30, daily_window_utc: "\(window)"}
            scheduling: {rooms: [A, B], min_break_minutes: 0, delegates_per_delegation: 4}
            interpretation: \(interpretation)
            delegations:
              - {code: GH, name: Ghana, zone: Africa/Accra}
              - {code: CM, name: Cameroon, zone: Africa/Douala}
              - {code: RU, name: Russian Federation, zone: Europe/Moscow}
              - {code: MZ, name: Mozambique, zone: Africa/Maputo}
            bodies:
              - {id: PLENARY, name: Plenary, members: all}
              - {id: WGM, name: WGM, members: [GH, CM]}
              - {id: WGS, name: WGS, members: [RU, CM, MZ]}
            \(extra)
            """
        let load = AgendaReader.load(text: text, path: "test.yaml")
        return try #require(load.meeting, "\(load.diagnostics)")
    }

    func plan(_ p: SchedulingProblem, _ entries: [(String, String, String)]) -> Plan {
        Programme(
            meetingID: "t",
            placements: entries.map { id, time, room in
                Placement(sessionID: id, start: InstantText.absolute("2021-06-22T\(time)Z")!, room: room, pinned: false)
            }
        ).plan(on: p)
    }

    func needs(_ m: Meeting, _ session: String) -> [String] { needs(m, [], session) }

    func needs(_ m: Meeting, _ requests: [InterpretationRequest], _ session: String) -> [String] {
        let sl = m.sessionLanguages(requests: requests).first { $0.session == session }!
        return (sl.languages + sl.relay).map {
            "\($0.code):\($0.reason.rawValue)"
                + ($0.requestedBy.isEmpty ? "" : "(" + $0.requestedBy.joined(separator: ",") + ")")
        }
    }

    @Test func eachKindHasItsDefaultRule() throws {
        let m = try meeting(
            """
            sessions:
              - {id: O, title: Opening, kind: opening, body: PLENARY, minutes: 60}
              - {id: P, title: Plenary, kind: plenary, body: PLENARY, minutes: 60, after: [O]}
              - {id: C, title: Closing, kind: closing, body: PLENARY, minutes: 60}
              - {id: B, title: WGM, kind: body, body: WGM, minutes: 60}
              - {id: J, title: Joint, kind: joint, bodies: [WGM, WGS], minutes: 60}
              - {id: F, title: Forum, kind: forum, body: WGS, minutes: 60, floor: fr}
            """)
        #expect(
            InterpretationSettings.defaults.rules == [
                .opening: .all, .closing: .all, .plenary: .all, .body: .requested, .joint: .requested,
                .forum: .requested,
            ])
        for id in ["O", "P", "C"] { #expect(needs(m, id) == ["en:floor", "fr:rule", "ru:rule"], "\(id)") }
        for id in ["B", "J"] { #expect(needs(m, id) == ["en:floor"], "\(id)") }
        #expect(needs(m, "F") == ["fr:floor"])
        // An agenda can change a kind's rule.
        let forums = try meeting(
            interpretation: "{rules: {forum: all}}",
            "sessions: [{id: F, title: Forum, kind: forum, body: WGS, minutes: 60}]")
        #expect(needs(forums, "F") == ["en:floor", "fr:rule", "ru:rule"])
    }

    @Test func requestsAddLanguagesAndUnofficialOnesBecomeRelay() throws {
        let m = try meeting("sessions: [{id: B, title: WGS, kind: body, body: WGS, minutes: 60, interpretation: [ru]}]")
        #expect(needs(m, "B") == ["en:floor", "ru:agenda"])
        let asked = [
            InterpretationRequest(delegation: "CM", session: "B", language: "fr"),
            InterpretationRequest(delegation: "RU", session: "B", language: "ru"),
            InterpretationRequest(delegation: "MZ", session: "B", language: "pt"),
        ]
        #expect(needs(m, asked, "B") == ["en:floor", "fr:requested(CM)", "ru:agenda(RU)", "pt:relay(MZ)"])
        // The request withdrawn, French goes; Portuguese is never interpreted by the meeting's teams.
        #expect(needs(m, Array(asked.dropFirst()), "B") == ["en:floor", "ru:agenda(RU)", "pt:relay(MZ)"])
        let p = try SchedulingProblem(meeting: m, requests: asked)
        #expect(p.interpretedLanguages == ["fr", "ru"] && p.sessionLanguages[0].interpreted == ["fr", "ru"])
    }

    @Test func aRegisteredDelegateAsksForExactlyTheSessionsTheyAttend() throws {
        let m = try meeting(
            """
            sessions:
              - {id: O, title: Opening, kind: opening, body: PLENARY, minutes: 60}
              - {id: B1, title: WGM, kind: body, body: WGM, minutes: 60}
              - {id: B2, title: WGS, kind: body, body: WGS, minutes: 60}
            """)
        var camerounais = Delegate(
            meetingID: "t", delegation: "CM", givenName: "Paul", familyName: "Biya", email: "p@cm", interpretation: "fr"
        )
        let withdrawn: Delegate = {
            var d = Delegate(
                meetingID: "t", delegation: "GH", givenName: "A", familyName: "B", email: "a@gh", interpretation: "ru");
            d.status = .withdrawn; return d
        }()
        // Cameroon sits in WGM and WGS (and the opening): French at all three.
        #expect(
            InterpretationRequest.fromRegistrations([camerounais, withdrawn], meeting: m).map {
                "\($0.session):\($0.language):\($0.delegation)"
            }
                == ["B1:fr:CM", "B2:fr:CM", "O:fr:CM"])
        // A delegate who attends only WGM asks for it (and the all-hands opening), not for WGS.
        camerounais.attends = ["WGM"]
        let requests = InterpretationRequest.fromRegistrations([camerounais], meeting: m)
        #expect(requests.map(\.session) == ["B1", "O"])
        #expect(needs(m, requests, "B1") == ["en:floor", "fr:requested(CM)"])
        #expect(needs(m, requests, "B2") == ["en:floor"])
    }

    @Test func rostersKeepTheWorkingLimits() {
        let limits = InterpreterLimits(blockMinutes: 180, blocksPerDay: 2, minutesPerDay: 360, restMinutes: 60)
        func s(_ a: Int, _ b: Int, _ id: Int = 0) -> InterpreterRoster.Stretch { .init(session: id, start: a, end: b) }
        // 90 + 60-minute rest + 90: two blocks of one team.
        #expect(InterpreterRoster.roster([s(0, 90), s(150, 240)], teams: 1, limits: limits).feasible)
        #expect(InterpreterRoster.roster([s(0, 90), s(150, 240)], teams: 1, limits: limits).blocks == 2)
        // A 30-minute gap is no rest: one block of 240 minutes is too long for one team, fine for two.
        #expect(!InterpreterRoster.roster([s(0, 120), s(150, 240)], teams: 1, limits: limits).feasible)
        #expect(InterpreterRoster.roster([s(0, 120), s(150, 240)], teams: 2, limits: limits).feasible)
        // Three blocks, or 400 minutes, in a day are too much for one team.
        #expect(!InterpreterRoster.roster([s(0, 60), s(120, 180), s(240, 300)], teams: 1, limits: limits).feasible)
        #expect(InterpreterRoster.teamsNeeded([s(0, 60), s(120, 180), s(240, 300)], limits: limits) == 2)
        #expect(!InterpreterRoster.roster([s(0, 180), s(240, 460)], teams: 1, limits: limits).feasible)
        // Two at once need two teams.
        #expect(!InterpreterRoster.roster([s(0, 90), s(30, 120)], teams: 1, limits: limits).feasible)
        #expect(InterpreterRoster.roster([s(0, 90), s(30, 120)], teams: 1, limits: limits).overage == 60)
        // A 240-minute session is cut into two 120-minute turns.
        #expect(
            InterpreterRoster.stretches(session: 0, start: 0, minutes: 240, limits: limits).map(\.minutes) == [
                120, 120,
            ])
    }

    @Test func twoOverlappingFrenchSessionsWithOneTeamAreNamedAndAvoided() throws {
        let m = try meeting(
            """
            sessions:
              - {id: S1, title: WGM, kind: body, body: WGM, minutes: 90, interpretation: [fr]}
              - {id: S2, title: WGS, kind: body, body: WGS, minutes: 90, interpretation: [fr]}
            """)
        let p = try SchedulingProblem(meeting: m)
        let bad = plan(p, [("S1", "10:00", "A"), ("S2", "11:00", "B")])
        let found = try ViolationFinder(problem: p).violations(of: bad)
        #expect(
            found.map { $0.text(.english) } == [
                "French interpretation on Tue 22 Jun needs more than the 1 French team: WGM (S1) and WGS (S2) overlap on Tue 22 Jun 11:00-11:30 UTC"
            ])
        #expect(found.map(\.constraint) == [.interpretation] && found[0].minutes > 0)
        #expect(FullScore.compute(p, starts: bad.starts, rooms: bad.rooms).raw[.interpretation] == found[0].minutes)
        // The solver keeps them apart (and a 60-minute rest or one block of at most 180 minutes).
        let r = Solver(problem: p, settings: SolverSettings(seed: 3, timeLimit: nil, maxIterations: 5_000)).solve()
        #expect(r.breakdown.score.isFeasible)
        let a = r.plan.starts[0] * p.cellMinutes, b = r.plan.starts[1] * p.cellMinutes
        #expect(abs(a - b) >= 90)
        // Two French teams make the same overlap acceptable.
        let two = try SchedulingProblem(
            meeting: try meeting(
                interpretation: "{teams: {fr: 2}}",
                """
                sessions:
                  - {id: S1, title: WGM, kind: body, body: WGM, minutes: 90, interpretation: [fr]}
                  - {id: S2, title: WGS, kind: body, body: WGS, minutes: 90, interpretation: [fr]}
                """))
        #expect(
            try ViolationFinder(problem: two).violations(of: plan(two, [("S1", "10:00", "A"), ("S2", "11:00", "B")]))
                .isEmpty)
    }

    @Test func aSessionLongerThanABlockWithOneTeamIsFlagged() throws {
        let p = try SchedulingProblem(
            meeting: try meeting("sessions: [{id: L, title: Long, kind: opening, body: PLENARY, minutes: 240}]"))
        #expect(
            Feasibility.obstacles(p) == [
                "L \"Long\" lasts 240 minutes and needs French interpretation: a team works blocks of at most 180 minutes, so it needs 2 French teams taking turns but the meeting has 1; add French teams (interpretation.teams) or split the session",
                "L \"Long\" lasts 240 minutes and needs Russian interpretation: a team works blocks of at most 180 minutes, so it needs 2 Russian teams taking turns but the meeting has 1; add Russian teams (interpretation.teams) or split the session",
            ])
        let found = try ViolationFinder(problem: p).violations(of: plan(p, [("L", "10:00", "A")]))
        #expect(
            found.map { $0.text(.english) } == [
                "French interpretation on Tue 22 Jun needs more than the 1 French team: L \"Long\" lasts 240 minutes, longer than a team's 180-minute block: it needs 2 teams taking turns, or a break",
                "Russian interpretation on Tue 22 Jun needs more than the 1 Russian team: L \"Long\" lasts 240 minutes, longer than a team's 180-minute block: it needs 2 teams taking turns, or a break",
            ])
        // With two teams per language the relief team takes over after two hours.
        let relieved = try SchedulingProblem(
            meeting: try meeting(
                interpretation: "{teams: {fr: 2, ru: 2}}",
                "sessions: [{id: L, title: Long, kind: opening, body: PLENARY, minutes: 240}]"))
        #expect(Feasibility.obstacles(relieved).isEmpty)
        #expect(try ViolationFinder(problem: relieved).violations(of: plan(relieved, [("L", "10:00", "A")])).isEmpty)
        let load = InterpretationLoad.of(plan(relieved, [("L", "10:00", "A")]), on: relieved)
        #expect(
            load.map { "\($0.language) \($0.minutes) \($0.blocks) \($0.teamsNeeded)/\($0.teamsAvailable)" } == [
                "fr 240 2 2/2", "ru 240 2 2/2",
            ])
    }

    @Test func agendaErrorsInTheInterpretationSectionSayWhere() {
        let text = """
            meeting: {id: t, title: T, host_zone: UTC, first_day: 2021-06-22, last_day: 2021-06-22, languages: [en, fr], grid_minutes: 30, daily_window_utc: "08:00-18:00"}
            interpretation:
              teams: {fr: 2, es: 1}
              rules: {forum: everything}
              limits: {block_minutes: 0}
            delegations: [{code: GH, name: Ghana, zone: Africa/Accra}]
            sessions: []
            """
        let errors = AgendaReader.load(text: text, path: "a.yaml").diagnostics.filter { $0.severity == .error }.map(
            \.description)
        #expect(errors.contains { $0.hasPrefix("a.yaml:3:") && $0.contains("unknown key 'es'") })
        #expect(
            errors.contains {
                $0.hasPrefix("a.yaml:4:") && $0.contains("must be 'all' (every official language) or 'requested'")
            })
        #expect(
            errors.contains {
                $0.hasPrefix("a.yaml:5:")
                    && $0.contains("'block_minutes' in 'interpretation.limits' is 0; it must be between 1 and 1440")
            })
    }
}
