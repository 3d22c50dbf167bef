import AppCore
import MeetingModel
import Rendering
import Scheduling
import Screens
import Store
import TerminalInput
import Testing
import Localization

/// The Chair's office's programme builder: moves, pins, undo/redo, conflicts, the solver's
/// proposal, publishing and comparing, and who may reach it.
@Suite struct BuilderTests {
    static let chair = StaffSession(
        name: "olga", role: .chairOffice, meetingID: Fixtures.meeting.id, meetingTitle: Fixtures.meeting.title,
        delegations: Fixtures.meeting.delegations.map(\.code))
    static let model = try! BuilderModel(meeting: Fixtures.meeting, draft: Fixtures.programme, requests: [])

    /// The builder open on the sample's hand-made programme (every session pinned).
    static func builder(width: Int = 100, height: Int = 30, published: Programme? = nil) -> AppState {
        var s = AppState(width: width, height: height, now: Fixtures.now)
        #expect(reduce(&s, .staffStarted(chair)) == [.builder(.load(meetingID: Fixtures.meeting.id))])
        _ = reduce(
            &s,
            .builder(
                .loaded(
                    BuilderLoad(
                        model: model, draft: Fixtures.programme, publishedVersion: published == nil ? nil : 1,
                        publishedProgramme: published))))
        return s
    }

    /// The score of `plan` computed from scratch (not the builder's incremental state).
    static func fromScratch(_ plan: Plan) -> Score {
        FullScore.compute(model.problem, starts: plan.starts, rooms: plan.rooms).score
    }

    static func index(_ id: String) -> Int { model.problem.items.firstIndex { $0.session.id == id }! }

    @Test func movesAreScoredAtOnceAndUndoRedoReturnTheExactProgramme() throws {
        var s = Self.builder()
        let start = try #require(s.builder.current)
        #expect(s.staffScreen == .builder && s.builder.selected == Self.index("S01"))
        #expect(start.score == Self.fromScratch(start.plan))
        // Walk to S03 (WGM), which is pinned: a move is refused until it is unpinned.
        Fixtures.type("jj", into: &s)
        #expect(s.builder.selected == Self.index("S03"))
        #expect(Fixtures.type("l", into: &s).isEmpty)
        #expect(s.shown == "WGM (S03) is pinned; p unpins it")
        var effects = Fixtures.type("p", into: &s)
        #expect(
            effects.count == 1 && s.builder.history.count == 2 && s.shown?.hasPrefix("WGM (S03) unpinned") == true)
        // A grid step later, a day later, the next room; every edit saves the draft and is scored.
        effects = Fixtures.type("lLr", into: &s)
        #expect(effects.count == 3)
        let after = try #require(s.builder.current)
        let s03 = Self.index("S03"), step = Self.model.step, day = 1440 / Self.model.problem.cellMinutes
        #expect(after.plan.starts[s03] == start.plan.starts[s03] + step + day)
        #expect(after.plan.rooms[s03] == 1)
        #expect(after.score == Self.fromScratch(after.plan))
        #expect(
            s.builder.delta
                == Score(
                    hard: after.score.hard - s.builder.history[3].score.hard,
                    soft: after.score.soft - s.builder.history[3].score.soft))
        #expect(s.builder.day == 2)
        guard case .builder(.saveDraft(let saved)) = effects.last else { Issue.record("no draft saved"); return }
        #expect(saved.placement(of: "S03")?.room == "B" && saved.placement(of: "S03")?.pinned == false)
        // Undo all four edits: the programme is the one loaded, exactly; redo all: the one after.
        Fixtures.type("uuuu", into: &s)
        #expect(s.builder.current?.plan == start.plan && s.builder.current?.pinned == start.pinned)
        #expect(Fixtures.type("u", into: &s).isEmpty && s.shown == "nothing to undo")
        for _ in 0..<4 { _ = reduce(&s, .terminal(.key(.ctrl("r")))) }
        #expect(s.builder.current?.plan == after.plan && s.builder.current?.pinned == after.pinned)
        #expect(s.builder.current?.score == Self.fromScratch(after.plan))
        // A new edit after an undo drops the redo branch.
        Fixtures.type("uh", into: &s)
        #expect(s.builder.history.count == 5 && s.builder.position == 4)
        _ = reduce(&s, .terminal(.key(.ctrl("r"))))
        #expect(s.shown == "nothing to redo")
    }

    @Test func theHeatIsWhatEachStartWouldScore() throws {
        let s = Self.builder()
        let current = try #require(s.builder.current)
        let cells = Self.model.dayCells[s.builder.day], sel = s.builder.selected
        var checked = 0
        for (i, score) in s.builder.heat.enumerated() {
            guard let score else { continue }
            // The trial keeps the session's room when it is free there, else takes a free one.
            var starts = current.plan.starts
            starts[sel] = cells.lowerBound + i
            let byRoom = Self.model.roomNames.indices.map { r in
                var rooms = current.plan.rooms
                rooms[sel] = r
                return Self.fromScratch(Plan(starts: starts, rooms: rooms))
            }
            #expect(
                byRoom.contains(score) && (score == byRoom[current.plan.rooms[sel]] || score == byRoom.min()),
                "start \(i)")
            checked += 1
        }
        #expect(checked == cells.count / Self.model.step)
        // The opening at 10:00 UTC: nine delegations in their night, Mexico and New Zealand among them.
        #expect(s.builder.night.count == 9 && s.builder.night.contains { $0.code == "NZ" && $0.minutes == 120 })
        let screen = render(s).lines
        #expect(screen[3].hasPrefix("UTC") && screen[4].hasPrefix("Moscow"))
        #expect(screen.contains { $0.hasPrefix("room A") && $0.contains("[*S01  ]") && $0.contains("[*CPC]") })
        #expect(screen.contains { $0.hasPrefix("cost") && $0.contains("×") && $0.contains("▁") })
        #expect(
            screen.contains {
                $0.hasPrefix(
                    "Burden here \(Self.model.problem.burdenCost(s.builder.selected, cell: current.plan.starts[s.builder.selected])) points; in their night (9): MX 120, NZ 120"
                )
            })
    }

    /// An edit's frame comes first; the heat (most of an edit's cost) follows in the next frame.
    @Test func theHeatFollowsTheEditsFrame() throws {
        var s = Self.builder()
        _ = Fixtures.type("jjjp", into: &s)
        let before = s.builder.heat
        var decoder = KeyDecoder()
        let effects = reduce(&s, .terminal(decoder.feed("l")[0]))
        #expect(effects.contains(.afterDraw(.builder(.heat))) && s.builder.heatStale)
        let frame = render(s).lines
        // The edit's frame keeps the last heat, marked as being recomputed.
        #expect(frame.contains { $0.hasPrefix("cost…") })
        _ = reduce(&s, .builder(.heat))
        let b = s.builder,
            fresh = Self.model.trial(b.selected, in: try #require(b.current).plan, cells: Self.model.dayCells[b.day])
        #expect(!b.heatStale && b.heat == fresh && b.heat.count == before.count)
        #expect(
            render(s).lines.contains { $0.hasPrefix("cost ") } && !render(s).lines.contains { $0.hasPrefix("cost…") })
    }

    @Test func xExportsTheProgrammeInForceInTheScreensLanguageAndZone() throws {
        var s = Self.builder()
        s.l10n = Localizer("fr")
        #expect(
            Fixtures.type("X/tmp/programme.html\r", into: &s)
                == [
                    .export(
                        path: "/tmp/programme.html", meetingID: Fixtures.meeting.id, delegateID: nil,
                        zone: Fixtures.meeting.hostZone, language: "fr")
                ])
        s.builder.thirdZone = "Pacific/Auckland"
        #expect(
            Fixtures.type("Xkp.ics\r", into: &s) == [
                .export(
                    path: "kp.ics", meetingID: Fixtures.meeting.id, delegateID: nil, zone: "Pacific/Auckland",
                    language: "fr")
            ])
    }

    @Test func conflictsAreListedAndEnterJumpsToTheSession() throws {
        var s = Self.builder()
        // S04 (WGDE) runs beside S03 in room B: put it in room A, over S03.
        Fixtures.type("jjj", into: &s)
        #expect(s.builder.selected == Self.index("S04"))
        Fixtures.type("pr", into: &s)
        #expect(s.builder.current!.score.hard > 0)
        #expect(s.shown?.contains("breaks:") == true)
        #expect(
            s.builder.violations.contains {
                $0.constraint == .rooms && $0.sessions.contains("S03") && $0.sessions.contains("S04")
            })
        Fixtures.type("gk", into: &s)
        Fixtures.type("c", into: &s)
        #expect(s.builder.panel == .conflicts)
        let lines = render(s).lines
        #expect(lines.contains { $0.hasPrefix("Conflicts (") })
        let target = try #require(s.builder.violations.first?.sessions.first)
        Fixtures.type("\r", into: &s)
        #expect(s.builder.panel == nil && Self.model.problem.items[s.builder.selected].session.id == target)
        // Undo clears the conflict.
        Fixtures.type("u", into: &s)
        #expect(s.builder.current!.score.hard == 0 && s.builder.violations.isEmpty)
    }

    @Test func theSolversProposalIsAcceptedOrDiscarded() throws {
        var s = Self.builder()
        let before = try #require(s.builder.current)
        let effects = Fixtures.type("S", into: &s)
        guard case .builder(.solve(let sent, let seconds))? = effects.first else {
            Issue.record("no solver started"); return
        }
        #expect(sent == s.builder.programme && seconds == builderSolverSeconds)
        _ = reduce(&s, .builder(.solverProgress(iteration: 5000, elapsed: 1.5, best: Score(hard: 0, soft: 99))))
        #expect(render(s).text.contains("Esc stops and keeps the best found."))
        #expect(Fixtures.type("\u{1B}", into: &s) == [.builder(.cancelSolver)])
        // The solver hands over a programme with S02 an hour later.
        let moved = Programme(
            meetingID: Fixtures.programme.meetingID,
            placements: Fixtures.programme.placements.map {
                $0.sessionID == "S02"
                    ? Placement(sessionID: "S02", start: $0.start.adding(minutes: 60), room: $0.room, pinned: true) : $0
            })
        _ = reduce(&s, .builder(.solverFinished(moved, stop: .cancelled)))
        guard case .proposal(_, _, let ids, _, _)? = s.builder.solver else { Issue.record("no proposal"); return }
        #expect(ids == ["S02"])
        #expect(render(s).text.contains("1 session moved: S02"))
        #expect(render(s).text.contains("stopped: cancelled"), "\(render(s).text)")
        // Why it stopped, in the user's language (not the solver's English).
        s.l10n = Localizer("fr")
        #expect(render(s).text.contains("arrêt : annulé"), "\(render(s).text)")
        s.l10n = .english
        // Infeasible, it says why (lines the shell made with NoneFound) above its keys.
        Fixtures.type("S", into: &s)
        _ = reduce(
            &s,
            .builder(
                .solverFinished(
                    moved, stop: .timeLimit,
                    why: [
                        Message("none.heading"), Message("none.remedies"), Message("none.day", ["day": "2021-06-26"]),
                    ])))
        let why = render(s)
        #expect(why.fits())
        #expect(why.text.contains("Why no programme was found"), "\(why.text)")
        #expect(why.text.contains("one day more (to 2021-06-26)"), "\(why.text)")
        Fixtures.type("\u{1B}", into: &s)
        #expect(s.builder.solver == nil)
        // Discard: nothing changes. Accept: one edit, undoable.
        Fixtures.type("S", into: &s)
        _ = reduce(&s, .builder(.solverFinished(moved, stop: .timeLimit)))
        Fixtures.type("\u{1B}", into: &s)
        #expect(s.builder.solver == nil && s.builder.current == before)
        Fixtures.type("S", into: &s)
        _ = reduce(&s, .builder(.solverFinished(moved, stop: .timeLimit)))
        let saved = Fixtures.type("\r", into: &s)
        #expect(saved == [.builder(.saveDraft(moved))] && s.builder.history.count == 2)
        Fixtures.type("u", into: &s)
        #expect(s.builder.current?.plan == before.plan)
    }

    @Test func publishingAndComparingListWhoEachChangeAffects() throws {
        var s = Self.builder(published: Fixtures.programme)
        // Publishing asks first.
        #expect(Fixtures.type("Pn", into: &s).isEmpty && s.shown == "not published")
        #expect(Fixtures.type("Py", into: &s) == [.builder(.publish(meetingID: Fixtures.meeting.id))])
        // Unpin and move S02 a step later, then compare with version 1.
        Fixtures.type("jpl", into: &s)
        Fixtures.type("d", into: &s)
        let c = try #require(s.builder.comparison)
        #expect(c.version == 1 && c.changes.map(\.sessionID) == ["S02"] && c.changes[0].kind == .moved)
        #expect(c.changes[0].delegations == Fixtures.meeting.attendees(of: Fixtures.meeting.sessions[1]))
        #expect(c.rows.count == Fixtures.meeting.delegations.count)
        let text = render(s).text
        #expect(
            text.contains("Draft against version 1: 1 change")
                && text.contains("S02 moved: Mon 21 Jun 12:30 A → Mon 21 Jun 12:45 A UTC"))
        _ = reduce(&s, .builder(.published(version: 2, programme: s.builder.programme!)))
        #expect(s.builder.comparison?.changes.isEmpty == true && s.shown?.hasPrefix("published version 2") == true)
    }

    @Test func onlyTheChairsOfficeAndAdministratorsReachTheBuilder() throws {
        #expect(Self.chair.screens == [.desk, .board, .builder])
        let asm = DeskTests.staff
        #expect(asm.screens == [.desk, .board])
        var s = AppState(width: 100, height: 30, now: Fixtures.now)
        _ = reduce(&s, .staffStarted(asm))
        var decoder = KeyDecoder()
        let everything = (32..<127).map { String(UnicodeScalar($0)!) }.joined().replacingOccurrences(of: "q", with: "")
            .replacingOccurrences(of: "n", with: "")
        for e in decoder.feed(String(repeating: "\t" + everything + "\u{1B}", count: 3)) {
            for effect in reduce(&s, .terminal(e)) {
                switch effect {
                case .builder(.load), .builder(.saveDraft), .builder(.solve), .builder(.publish):
                    Issue.record("the ASM produced the builder's effect \(effect)")
                default: break
                }
            }
            s.prompt = nil
            s.showHelp = false
            s.desk.overlay = nil
        }
        #expect(s.staffScreen != .builder && !render(s).text.contains("Programme builder"))
    }
}

extension BuilderTests {
    /// Issue 17 §3: a session moved onto another in the same room does not hide it: the room
    /// takes a second, marked row; and the message that says what the move broke is whole,
    /// wrapped over the lines above the key bar.
    @Test func overlappingSessionsStayVisibleAndTheMessageIsWhole() throws {
        var s = Self.builder(width: 80, height: 24)
        Fixtures.type("jjjpr", into: &s)  // S04 unpinned and moved into room A, onto S03
        let lines = render(s).lines
        let roomA = try #require(lines.firstIndex { $0.hasPrefix("room A") })
        #expect(lines[roomA].contains("[*WGM]"), "\(lines[roomA])")
        #expect(lines[roomA + 1].hasPrefix("⚠ A") && lines[roomA + 1].contains("[CRP ]"), "\(lines[roomA + 1])")
        let message = try #require(s.shown)
        #expect(TextWidth.of(message) > 80)
        let shown = lines[(lines.count - 5)..<(lines.count - 1)].joined(separator: " ")
        #expect(shown.contains(message), "\(shown)")
    }
}
