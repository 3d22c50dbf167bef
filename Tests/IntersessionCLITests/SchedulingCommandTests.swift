import Foundation
import IntersessionTestSupport
import Testing

@Suite struct SchedulingCommandTests {
    @Test func planWritesAProgrammeThatEvaluateAndFromReadBack() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("plan.yaml").path
        let r = try Executable.run([
            "plan", "Agendas/kp-2021-intersessional.yaml", "--iterations", "20000", "--seed", "5", "--format", "json",
            "--out", out,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        #expect(sessions.count == 14)
        #expect(Set(sessions[0].keys).isSuperset(of: ["id", "start", "end", "room"]))
        let score = try #require(json["score"] as? [String: Any])
        #expect(score["hard"] as? Int == 0)
        #expect((score["components"] as? [String: Double])?.keys.contains("fairness") == true)
        let burden = try #require(json["burden"] as? [[String: Any]])
        #expect(
            burden.count == 60
                && Set(burden[0].keys) == ["delegation", "shoulder_minutes", "night_minutes", "weighted"])
        let lowerBound = try #require(json["lower_bound"] as? Double)
        let soft = try #require(score["soft"] as? Double)
        #expect(lowerBound <= soft)

        // The file is a programme file: check reads it, evaluate gives the same score.
        let check = try Executable.run(["check", out])
        #expect(check.status == 0, "\(check.stderr)")
        let evaluated = try Executable.run(["evaluate", "Agendas/kp-2021-intersessional.yaml", out, "--format", "json"])
        #expect(evaluated.status == 0)
        let again = try #require(JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
        #expect((again["score"] as? [String: Any])?["soft"] as? Double == soft)

        // Re-planning from it with no time to search keeps it and moves nothing.
        let from = try Executable.run([
            "plan", "Agendas/kp-2021-intersessional.yaml", "--from", out, "--iterations", "0", "--format", "json",
        ])
        let kept = try #require(JSONSerialization.jsonObject(with: Data(from.stdout.utf8)) as? [String: Any])
        #expect(((kept["score"] as? [String: Any])?["raw"] as? [String: Int])?["stability"] == 0)
        #expect(
            (kept["sessions"] as? [[String: Any]])?.map { $0["start"] as? String }
                == sessions.map { $0["start"] as? String })
    }

    @Test func theSameSeedAndStepsGiveTheSameProgrammeText() throws {
        let a = try Executable.run([
            "plan", "Agendas/kp-2021-intersessional.yaml", "--iterations", "5000", "--seed", "9", "--format", "json",
        ])
        let b = try Executable.run([
            "plan", "Agendas/kp-2021-intersessional.yaml", "--iterations", "5000", "--seed", "9", "--format", "json",
        ])
        func sessions(_ r: CommandResult) throws -> [[String: String]] {
            let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            return try #require(json["sessions"] as? [[String: Any]]).map { $0.compactMapValues { $0 as? String } }
        }
        #expect(try sessions(a) == sessions(b))
    }

    @Test func evaluateListsViolationsInWordsAndFails() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml").path
        // S06 (WGAAP) moved on top of S03 (WGM) and S04 (CRP), in room A with S03.
        var text = try String(contentsOfFile: Repository.sampleProgramme, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "agenda: kp-2021-intersessional.yaml", with: "agenda: \(Repository.sampleAgenda)")
        text = text.replacingOccurrences(
            of: "{session: S06, start: \"2021-06-22 17:00\", room: A",
            with: "{session: S06, start: \"2021-06-22 13:00\", room: A")
        try text.write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try Executable.run(["evaluate", "Agendas/kp-2021-intersessional.yaml", bad])
        #expect(r.status == 1)
        #expect(r.stdout.contains("[rooms] WGM (S03) and WGAAP (S06) are both in room A on Tue 22 Jun 10:00-11:30 UTC"))
        #expect(
            r.stdout.contains("[capacity] WGM (S03), CRP (S04) and WGAAP (S06) overlap on Tue 22 Jun 10:00-11:30 UTC;"))
    }

    @Test func explainShowsBurdenAndAlternatives() throws {
        let r = try Executable.run([
            "explain", "Agendas/kp-2021-intersessional.yaml", "Agendas/kp-2021-intersessional.programme.yaml",
            "--session", "S06",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.components(separatedBy: "\n")
        #expect(lines[0] == "S06 \"Working Group on Artisanal and Alluvial Production\", 90 minutes, 29 delegations")
        #expect(lines[1] == "Now: 2021-06-22 14:00 UTC (Tue 17:00 Europe/Moscow), room A, burden 510")
        #expect(lines[2] == "At night for 1: CN 90 min")
        #expect(lines.filter { $0.hasPrefix("1. ") || $0.hasPrefix("2. ") || $0.hasPrefix("3. ") }.count == 3)
        let unknown = try Executable.run([
            "explain", "Agendas/kp-2021-intersessional.yaml", "Agendas/kp-2021-intersessional.programme.yaml",
            "--session", "S99",
        ])
        #expect(unknown.status == 64 && unknown.stderr.contains("no session 'S99'"))
    }

    @Test func anImpossibleAgendaIsExplainedNotSearched() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let agenda = dir.appendingPathComponent("tight.yaml").path
        try """
        meeting: {id: tight, title: Tight, host_zone: UTC, first_day: 2021-06-22, last_day: 2021-06-22, languages: [en], daily_window_utc: "10:00-12:00"}
        scheduling: {rooms: [A]}
        delegations: [{code: ZA, name: South Africa, zone: Africa/Johannesburg}]
        bodies: [{id: WGM, name: WGM, members: [ZA]}]
        sessions: [{id: S1, title: One, kind: body, body: WGM, minutes: 90}, {id: S2, title: Two, kind: body, body: WGM, minutes: 90}]
        """.write(toFile: agenda, atomically: true, encoding: .utf8)
        let r = try Executable.run(["plan", agenda, "--time-limit", "1"])
        #expect(r.status == 2)
        #expect(
            r.stderr == """
                \(agenda): no programme can meet the hard constraints:
                  - the sessions need 180 room-minutes but 1 room × 1 day × 120 minutes of daily window give 120; add rooms or days, widen daily_window_utc, or shorten sessions

                """)
    }

    /// Issue 21 §2: an agenda no up-front check refuses (S3's own window keeps the one-delegate
    /// break count out: a session with windows of its own may lie outside the daily ones), but
    /// where Mexico's one delegate cannot sit three sessions in a three-hour window with the
    /// 30-minute break: the exact search
    /// proves none exists (exit 2), the reason names Mexico and the rule, and the changes
    /// suggested are those a short run found a programme with (not a room more: Mexico's one
    /// delegate is the limit).
    @Test func aProgrammeThatCannotExistGetsAReasonAndWhatWouldMakeRoom() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let agenda = dir.appendingPathComponent("dense.yaml").path
        try """
        meeting: {id: dense, title: Dense, host_zone: UTC, first_day: 2021-06-22, last_day: 2021-06-22, languages: [en], grid_minutes: 30, daily_window_utc: "06:00-09:00"}
        scheduling: {rooms: [A, B], min_break_minutes: 30, delegates_per_delegation: 1}
        delegations: [{code: MX, name: Mexico, zone: America/Mexico_City}, {code: GH, name: Ghana, zone: Africa/Accra}]
        bodies: [{id: B1, name: B1, members: [MX, GH]}, {id: B2, name: B2, members: [MX]}, {id: B3, name: B3, members: [MX]}]
        sessions: [{id: S1, title: One, kind: body, body: B1, minutes: 60}, {id: S2, title: Two, kind: body, body: B2, minutes: 60}, {id: S3, title: Three, kind: body, body: B3, minutes: 60, windows: [{from: "06:00", to: "09:00"}]}]
        """.write(toFile: agenda, atomically: true, encoding: .utf8)
        let text = try Executable.run(["plan", agenda, "--iterations", "4000"])
        #expect(text.status == 2, "\(text.stderr)")
        #expect(text.stderr.contains("no programme can keep the hard rules"), "\(text.stderr)")
        #expect(text.stdout.contains("(stopped: proven that no programme exists)"), "\(text.stdout)")
        #expect(text.stdout.contains("falling on: Mexico (MX)"), "\(text.stdout)")
        #expect(text.stdout.contains("  - one day more (to 2021-06-23)"), "\(text.stdout)")
        #expect(text.stdout.contains("  - 2 delegates for Mexico"), "\(text.stdout)")
        #expect(text.stdout.contains("tried without finding one: one room more (C)"), "\(text.stdout)")

        let r = try Executable.run(["plan", agenda, "--iterations", "4000", "--format", "json"])
        #expect(r.status == 2)
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let why = try #require(json["none_found"] as? [String: Any])
        let rules = try #require(why["rules"] as? [[String: Any]])
        let named = Set(rules.compactMap { $0["rule"] as? String })
        #expect(!named.isDisjoint(with: ["capacity", "break"]), "\(rules)")
        let delegations = try #require(why["delegations"] as? [[String: Any]])
        #expect(delegations.first?["delegation"] as? String == "MX")
        let remedies = try #require(why["remedies"] as? [[String: Any]])
        let found = remedies.filter { $0["found"] as? Bool == true }.compactMap { $0["kind"] as? String }
        #expect(found.contains("day") && found.contains("delegates") && !found.contains("room"), "\(remedies)")
        #expect(json["lower_bound"] as? Double ?? 0 < 1e9, "no bound from an infeasible search")
    }

    @Test func instanceExportCarriesTheModel() throws {
        let r = try Executable.run(["instance", "Agendas/kp-2021-intersessional.yaml"])
        #expect(r.status == 0)
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((json["sessions"] as? [Any])?.count == 14 && (json["delegations"] as? [Any])?.count == 60)
        #expect(json["rooms"] as? [String] == ["A", "B"] && json["min_break_minutes"] as? Int == 30)
    }
}

/// Issue 15: what `check` refuses, `meeting import` refuses too; an agenda with no sessions (or
/// every session pinned) plans to an empty programme instead of dividing by zero.
@Suite struct ReaderBoundsCommandTests {
    @Test func meetingImportRefusesWhatCheckRefuses() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixture = Repository.tests("AgendaFilesTests/Fixtures/bounds-teams.yaml")
        let check = try Executable.run(["check", fixture])
        let imported = try Executable.run([
            "meeting", "import", fixture, "--db", dir.appendingPathComponent("b.sqlite").path,
        ])
        #expect(check.status == 1 && imported.status != 0)
        #expect(
            imported.stderr.contains("'fr' in 'interpretation.teams' is 4294967296; it must be between 0 and 20"),
            "\(imported.stderr)")
        let listed = try Executable.run(["meeting", "list", "--db", dir.appendingPathComponent("b.sqlite").path])
        #expect(!listed.stdout.contains("fixture"))
    }

    @Test func anAgendaWithoutSessionsPlansToAnEmptyProgramme() throws {
        let plan = try Executable.run([
            "plan",
            Repository.tests("AgendaFilesTests/Fixtures/missing-include.yaml").replacingOccurrences(
                of: "missing-include", with: "valid"), "--iterations", "100",
        ])
        #expect(plan.status == 0)
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("empty.yaml").path
        let text = try String(
            contentsOfFile: Repository.tests("AgendaFilesTests/Fixtures/missing-include.yaml"), encoding: .utf8
        )
        .replacingOccurrences(
            of: "include: [no-such-file.yaml]",
            with: "include: [\(Repository.tests("AgendaFilesTests/Fixtures/mini-delegations.yaml"))]")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let empty = try Executable.run(["plan", path, "--iterations", "100"])
        #expect(empty.status == 0 && empty.stdout.contains("(stopped: nothing to move)"), "\(empty.stderr)")
    }
}
