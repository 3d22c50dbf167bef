import Foundation
import AgendaFiles
import IntersessionTestSupport
import MeetingModel
import Testing

/// One fixture per kind of problem, each with the exact lines a user sees.
@Suite struct AgendaDiagnosticsTests {
    static let folder = Repository.tests("AgendaFilesTests/Fixtures")

    /// The diagnostics of loading fixture `name`, paths shown relative to the fixtures folder.
    func diagnostics(_ name: String) -> [String] {
        AgendaReader.load(path: "\(Self.folder)/\(name)").diagnostics.map {
            $0.description.replacingOccurrences(of: Self.folder + "/", with: "")
        }
    }

    @Test func unknownZonesSuggestTheCurrentName() {
        let load = AgendaReader.loadDelegationList(path: "\(Self.folder)/unknown-zone.yaml")
        #expect(
            load.diagnostics.map { $0.description.replacingOccurrences(of: Self.folder + "/", with: "") } == [
                "unknown-zone.yaml:2:37: error: time zone 'Europe/Kiev' is an old name (a tzdata link) for delegation 'UA'; did you mean 'Europe/Kyiv'?",
                "unknown-zone.yaml:3:39: error: time zone 'Australia/Canberra' is an old name (a tzdata link) for delegation 'AU'; did you mean 'Australia/Sydney'?",
                "unknown-zone.yaml:4:34: error: unknown time zone 'Europe/Kyiiv' for delegation 'XK'; did you mean 'Europe/Kyiv' or 'Europe/Kirov'?",
                "unknown-zone.yaml:5:34: error: unknown time zone 'Mars/Olympus_Mons' for delegation 'MA'; write an IANA name such as 'Europe/Moscow' (see zone.tab)",
                "unknown-zone.yaml:6:41: warning: time zone 'EST' for delegation 'ET' is not a location zone; prefer the capital's zone (e.g. 'America/New_York')",
            ])
        #expect(load.delegations.isEmpty)
    }

    /// Join details (issue 19): each field's own error, at its place, saying what to write.
    @Test func joinDetailsAreCheckedFieldByField() {
        #expect(
            diagnostics("join-details.yaml") == [
                "join-details.yaml:9:17: error: the release time '3 weeks' must be minutes, or a number with m, h or d (e.g. 24h), at most 14 days",
                "join-details.yaml:15:15: error: platform 'skype' is not one Intersession knows: use one of zoom, webex, teams, interprefy, kudo, other ('other' for any other)",
                "join-details.yaml:16:10: error: the join link 'http://zoom.example.org/j/1' must be an https:// address with a host (attendees' links are never plain http)",
                "join-details.yaml:17:19: error: the dial-in number for ZA, '027 87 550 0001', is not in E.164 form: '+', the country code and at most 15 digits in all, e.g. +27 87 550 0001",
                "join-details.yaml:17:38: error: dial-in country 'za' must be a two-letter ISO 3166 code in capitals, e.g. ZA",
                "join-details.yaml:18:23: error: a channel for es, which is not a language of this meeting (en, fr): remove it or add the language to meeting.languages",
                "join-details.yaml:18:34: error: 'fr' in the channels of room 'A' is 1000; it must be between 1 and 999",
                "join-details.yaml:19:3: error: unknown key 'C' in 'rooms'; did you mean 'A'?",
                "join-details.yaml:29:17: error: the join link 'https://' must be an https:// address with a host (attendees' links are never plain http)",
                "join-details.yaml:30:19: error: the release time '90x' must be minutes, or a number with m, h or d (e.g. 24h), at most 14 days",
            ])
        #expect(DialIn.isE164("+41225550100") && DialIn.isE164("+27 87 550 0001"))
        #expect(!DialIn.isE164("+0 123 4567") && !DialIn.isE164("+1234567890123456") && !DialIn.isE164("+27  87 5500"))
        #expect(!DialIn.isE164("27875500001") && !DialIn.isE164("+27-87-550") && !DialIn.isE164("+１２３４５６７８"))
    }

    @Test func theQuorumIsAShareOfTheParticipants() throws {
        #expect(
            diagnostics("quorum.yaml") == [
                "quorum.yaml:10:11: error: the quorum '3/2' must be a share of the Participants: a fraction (2/3), a percentage (50%) or a decimal (0.5), above 0 and at most all"
            ])
        let sample = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        let q = try #require(sample.quorum)
        #expect(q == Quorum(numerator: 2, denominator: 3))
        // Exact, without rounding: 2/3 of 56 Participants is 37.33…, so 38 are needed.
        #expect(q.needed(of: 56) == 38 && !q.isMet(present: 37, expected: 56) && q.isMet(present: 38, expected: 56))
        #expect(q.needed(of: 21) == 14 && q.isMet(present: 14, expected: 21) && !q.isMet(present: 13, expected: 21))
        #expect(Quorum(numerator: 0, denominator: 3) == nil && Quorum(numerator: 4, denominator: 3) == nil)
        #expect(Quorum(numerator: 1, denominator: 2)!.isMet(present: 0, expected: 0), "no Participant expected")
    }

    @Test func unknownDelegationInAMemberList() {
        #expect(
            diagnostics("unknown-member.yaml") == [
                "unknown-member.yaml:14:12: error: unknown delegation code 'ZZ' in the chair of body 'WGM'; did you mean 'NZ'?",
                "unknown-member.yaml:16:15: error: unknown delegation code 'NX' in the members of body 'WGM'; did you mean 'MX'?",
            ])
    }

    @Test func duplicateIDsPointAtBothPlaces() {
        #expect(
            diagnostics("duplicate-ids.yaml") == [
                "duplicate-ids.yaml:12:12: error: duplicate delegation code 'ZA' (first defined at mini-delegations.yaml:3:12); ids must be unique",
                "duplicate-ids.yaml:15:10: error: duplicate body id 'WGM' (first defined at duplicate-ids.yaml:14:10); ids must be unique",
                "duplicate-ids.yaml:18:10: error: duplicate session id 'S1' (first defined at duplicate-ids.yaml:17:10); ids must be unique",
            ])
    }

    @Test func sessionLongerThanTheDailyWindow() {
        #expect(
            diagnostics("session-too-long.yaml") == [
                "session-too-long.yaml:18:14: error: session 'S1' lasts 600 minutes, longer than the daily window 08:00-16:00 UTC (480 minutes); split it into parts or widen daily_window_utc"
            ])
    }

    @Test func fixedStartOutsideTheMeetingOrOffTheGrid() {
        #expect(
            diagnostics("fixed-start-outside.yaml") == [
                "fixed-start-outside.yaml:14:89: error: fixed start of session 'S1' (2021-06-28T10:00:00Z, 2021-06-28 in Europe/Moscow) is outside the meeting (2021-06-21 to 2021-06-25, Europe/Moscow)",
                "fixed-start-outside.yaml:15:81: error: fixed start of session 'S2' (2021-06-20T20:00:00Z, 2021-06-20 in Europe/Moscow) is outside the meeting (2021-06-21 to 2021-06-25, Europe/Moscow)",
                "fixed-start-outside.yaml:16:84: error: fixed start of session 'S3' (2021-06-22T10:07:00Z) is not on the meeting's 15-minute grid",
            ])
    }

    @Test func cyclesInOrderConstraints() {
        #expect(
            diagnostics("order-cycle.yaml") == [
                "order-cycle.yaml:15:70: error: order constraints form a cycle: S1 → S2 → S3 → S1 (each must end before the next starts); remove one 'after'",
                "order-cycle.yaml:17:71: error: order constraints form a cycle: S4 → S4 (each must end before the next starts); remove one 'after'",
            ])
    }

    @Test func languageNotAmongTheMeetings() {
        #expect(
            diagnostics("language.yaml") == [
                "language.yaml:14:69: error: language 'es' of session 'S1' is not among the meeting's languages (en, fr); add it to meeting.languages or remove it",
                "language.yaml:14:94: error: language 'ru' of session 'S1' is not among the meeting's languages (en, fr); add it to meeting.languages or remove it",
            ])
    }

    @Test func yamlSyntaxErrorHasItsPlace() {
        #expect(
            diagnostics("syntax-error.yaml") == [
                "syntax-error.yaml:5:1: error: YAML syntax: found unexpected end of stream (while scanning a quoted scalar at line 3, column 10)"
            ])
    }

    @Test func unknownKeysAndWrongTypesAreAllReported() {
        #expect(
            diagnostics("unknown-key.yaml") == [
                "unknown-key.yaml:14:5: error: session 'S1' has no 'title' (its title as printed)",
                "unknown-key.yaml:14:14: error: unknown key 'titel' in session 'S1'; did you mean 'title'?",
                "unknown-key.yaml:14:58: error: 'minutes' in session 'S1' must be a whole number, not 'sixty'",
            ])
    }

    @Test func wallTimeInADSTGapIsRefusedInWords() {
        #expect(
            diagnostics("dst-gap.yaml") == [
                "dst-gap.yaml:12:100: error: fixed_start of session 'S1': 2021-03-28 02:30 does not exist in Europe/Brussels: clocks jumped from UTC+01:00 to UTC+02:00 at 2021-03-28T01:00:00Z; write the time with an explicit offset"
            ])
    }

    @Test func missingIncludeIsReportedWhereItIsNamed() {
        #expect(
            diagnostics("missing-include.yaml") == [
                "missing-include.yaml:8:11: error: cannot read 'no-such-file.yaml': no such file; include paths are relative to the including file's folder"
            ])
    }

    @Test func warningsDoNotStopLoading() {
        let load = AgendaReader.load(path: "\(Self.folder)/warnings-only.yaml")
        #expect(load.meeting != nil)
        #expect(
            load.diagnostics.map(\.description) == [
                "\(Self.folder)/warnings-only.yaml:13:10: warning: body 'CARMT' has no members; its sessions will have no one to schedule for (list codes, or write 'all')"
            ])
    }

    @Test func duplicateYAMLKeyIsAnError() {
        let load = AgendaReader.load(text: "meeting:\n  id: a\n  id: b\n", path: "dup.yaml")
        #expect(load.meeting == nil)
        #expect(load.diagnostics.first?.description.hasPrefix("dup.yaml:") == true)
        #expect(load.diagnostics.first?.message.description == "key 'id' appears twice in the same mapping; keep one")
    }

    @Test func everyProblemInOneFileIsReported() {
        // Three different faults in one agenda: all three come back, in file order.
        let text = """
            meeting: {id: Bad Id, title: T, host_zone: Europe/Moskow, first_day: 2021-06-21, last_day: 2021-06-20, languages: [en, english]}
            sessions: []
            """
        let lines = AgendaReader.load(text: text, path: "many.yaml").diagnostics.map(\.description)
        #expect(
            lines == [
                "many.yaml:1:15: error: meeting id 'Bad Id' must be lowercase letters, digits and '-'",
                "many.yaml:1:44: error: unknown time zone 'Europe/Moskow' for the host; did you mean 'Europe/Moscow' or 'Europe/Oslo'?",
                "many.yaml:1:92: error: last_day 2021-06-20 is before first_day 2021-06-21",
                "many.yaml:1:120: error: 'english' in the meeting's languages is not an ISO 639-1 language code; write two letters such as 'en', 'fr', 'ru'",
            ])
    }
}

/// Issue 15: what fuzzing found — each input once crashed `check`, `plan`, `evaluate` or the
/// builder; now each is refused at its place with an ordinary diagnostic, the rest still checked.
@Suite struct AgendaBoundsTests {
    func diagnostics(_ name: String) -> [String] {
        AgendaReader.load(path: "\(AgendaDiagnosticsTests.folder)/\(name)").diagnostics.map {
            $0.description.replacingOccurrences(of: AgendaDiagnosticsTests.folder + "/", with: "")
        }
    }

    @Test func aMissingOrBrokenLastDayIsAnErrorEvenWithWindows() {
        #expect(
            diagnostics("bounds-no-last-day.yaml") == [
                "bounds-no-last-day.yaml:3:3: error: 'meeting' has no 'last_day' (the last meeting day, YYYY-MM-DD)"
            ])
        #expect(
            diagnostics("bounds-bad-last-day.yaml") == [
                "bounds-bad-last-day.yaml:7:13: error: '2021-06-3x' is not a date; write YYYY-MM-DD, e.g. 2021-06-21"
            ])
        #expect(
            diagnostics("bounds-reversed-days.yaml") == [
                "bounds-reversed-days.yaml:7:13: error: last_day 2021-06-20 is before first_day 2021-06-21"
            ])
        #expect(
            diagnostics("bounds-long-meeting.yaml") == [
                "bounds-long-meeting.yaml:7:13: error: the meeting lasts 102 days; at most 31 are supported (split it into several meetings)"
            ])
    }

    @Test func everyNumberHasARange() {
        #expect(
            diagnostics("bounds-band-weight.yaml") == [
                "bounds-band-weight.yaml:8:30: error: 'night' in 'comfort.weights' is 4294967296; it must be between 0 and 1000"
            ])
        #expect(
            diagnostics("bounds-delegates.yaml") == [
                "bounds-delegates.yaml:15:40: error: 'delegates_per_delegation' in 'scheduling' is 9223372036854775807; it must be between 1 and 50"
            ])
        #expect(
            diagnostics("bounds-minutes.yaml") == [
                "bounds-minutes.yaml:14:58: error: 'minutes' in session 'S1' is 9223372036854775807; it must be between 1 and 1440"
            ])
        #expect(
            diagnostics("bounds-daily-minutes.yaml") == [
                "bounds-daily-minutes.yaml:15:43: error: 'max_session_minutes_per_day' in 'scheduling' is 9223372036854775807; it must be between 1 and 1440"
            ])
        #expect(
            diagnostics("bounds-teams.yaml") == [
                "bounds-teams.yaml:15:30: error: 'fr' in 'interpretation.teams' is 4294967296; it must be between 0 and 20"
            ])
    }

    /// Numbers each within range can still add up: 600 day-long sessions at the dearest band
    /// weight would square past Int64 in the fairness term, so the agenda is refused, at its sessions.
    @Test func anAgendaTooLargeToScoreExactlyIsRefused() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = try String(
            contentsOfFile: "\(AgendaDiagnosticsTests.folder)/bounds-band-weight.yaml", encoding: .utf8
        )
        .replacingOccurrences(of: "4294967296", with: "1000").replacingOccurrences(
            of: "include: [mini-delegations.yaml]",
            with: "include: [\(AgendaDiagnosticsTests.folder)/mini-delegations.yaml]")
        text = String(text[..<text.range(of: "sessions:")!.upperBound]) + "\n"
        for i in 0..<600 { text += "  - {id: S\(i), title: Long, kind: body, body: WGM, minutes: 1440}\n" }
        let path = dir.appendingPathComponent("huge.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let found = AgendaReader.load(path: path).diagnostics.map(\.description).filter { $0.contains("error") }
        #expect(
            found.contains(
                "\(path):15:3: error: 600 sessions at a comfort weight of up to 1000 per minute could give scores beyond what is counted exactly; lower the weights or split the meeting"
            ), "\(found.prefix(3))")
    }
}

extension AgendaBoundsTests {
    /// An agenda's text with ESC, BEL, C1 or a bidi override is refused where it is written.
    @Test func controlAndInvisibleCharactersAreRefusedInEveryField() {
        #expect(
            diagnostics("unsafe-text.yaml") == [
                "unsafe-text.yaml:4:10: error: 'title' in 'meeting' contains the control or invisible character U+001B; remove it (it would reach terminals and documents)",
                "unsafe-text.yaml:11:21: error: 'name' in body 'WGM' contains the control or invisible character U+202E; remove it (it would reach terminals and documents)",
                "unsafe-text.yaml:13:21: error: 'title' in session 'S1' contains the control or invisible character U+0085; remove it (it would reach terminals and documents)",
            ])
    }
}

extension AgendaBoundsTests {
    /// Lengths have bounds too: a 600-character title, and a file of more than 8 MiB.
    @Test func textAndFilesHaveALengthLimit() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = String(repeating: "K", count: 600)
        let text = try String(contentsOfFile: "\(AgendaDiagnosticsTests.folder)/valid.yaml", encoding: .utf8)
            .replacingOccurrences(of: "title: Fixture meeting", with: "title: \(long)")
            .replacingOccurrences(
                of: "include: [mini-delegations.yaml]",
                with: "include: [\(AgendaDiagnosticsTests.folder)/mini-delegations.yaml]")
        let path = dir.appendingPathComponent("long.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(
            AgendaReader.load(path: path).diagnostics.map(\.description) == [
                "\(path):3:10: error: 'title' in 'meeting' is longer than 500 characters; shorten it"
            ])
        let big = dir.appendingPathComponent("big.yaml").path
        try Data(repeating: 0x23, count: (8 << 20) + 1).write(to: URL(fileURLWithPath: big))
        #expect(
            AgendaReader.load(path: big).diagnostics.map(\.description) == [
                "\(big):1:1: error: \(big) is 8388609 bytes; files of at most 8388608 bytes are read (is it the right file?)"
            ])
    }
}
