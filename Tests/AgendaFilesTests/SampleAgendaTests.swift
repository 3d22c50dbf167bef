import AgendaFiles
import Foundation
import IntersessionTestSupport
import MeetingModel
import MeetingTime
import Testing

/// The KP 2021 sample and a valid fixture load into exactly the meeting they describe.
@Suite struct SampleAgendaTests {
    @Test func sampleLoadsWithoutDiagnostics() throws {
        let load = AgendaReader.load(path: Repository.sampleAgenda)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics)")
        let m = try #require(load.meeting)
        #expect(m.id == "kp-2021-intersessional" && m.hostZone == "Europe/Moscow")
        #expect(m.days.map(\.description) == ["2021-06-21", "2021-06-22", "2021-06-23", "2021-06-24", "2021-06-25"])
        #expect(m.delegations.filter { $0.kind == .participant }.count == 56)
        #expect(m.delegations.filter { $0.kind == .observer }.map(\.code) == ["WDC", "CSC", "ADPA", "DDI"])
        #expect(m.sessions.map(\.id) == (1...14).map { String(format: "S%02d", $0) })
        #expect(m.sessions.map(\.durationMinutes).reduce(0, +) == 1350)  // 22.5 session-hours, as the sample says
        #expect(m.languages == ["en", "fr", "ru"] && m.gridMinutes == 15 && m.maxParallel == 2)
        // YAML 1.1 would read Norway's code and language as booleans; we read text.
        #expect(m.delegation("NO")?.languages == ["en", "no"])
        #expect(m.session("S07")?.series == "definition" && m.session("S13")?.series == "definition")
        #expect(m.rules.rooms == ["A", "B"] && m.rules.minBreakMinutes == 30 && m.rules.rotateInconvenientHours)
        // Every zone is a location zone of this system, and every sample zone spans UTC-5 to UTC+12 in June 2021.
        let clock = try MeetingClock(meeting: m)
        let offsets = clock.readings(at: InstantText.absolute("2021-06-21T10:00Z")!).map(\.offsetSeconds)
        #expect(offsets.min() == -5 * 3600 && offsets.max() == 12 * 3600)
    }

    @Test func attendeesFollowKindsAndMemberships() throws {
        let m = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        #expect(m.attendees(of: m.session("S01")!).count == 60)  // opening: everyone
        #expect(m.attendees(of: m.session("S03")!).count == 25)  // WGM list (June 2021 members)
        #expect(m.attendees(of: m.session("S06")!).contains("CN"))  // WGAAP observer member
        #expect(!m.attendees(of: m.session("S05")!).contains("NZ"))
    }

    @Test func thePlenaryReusesTheDelegationListAndAddsGuests() throws {
        let load = AgendaReader.load(path: Repository.agenda("kp-2021-plenary.yaml"))
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics)")
        let m = try #require(load.meeting)
        #expect(
            m.delegations.count == 63
                && m.delegations.filter { $0.kind == .guestOfChair }.map(\.code) == ["KG", "MZ", "QA"])
        #expect(m.attendees(of: m.session("P01")!).count == 60)  // guests do not sit in the opening
        #expect(m.attendees(of: m.session("P05")!).count == 63)  // but are invited to the forum
        #expect(m.session("P01")?.fixedStart == InstantText.absolute("2021-11-08T08:00Z"))
        let clock = try MeetingClock(meeting: m)
        let at = InstantText.absolute("2021-11-08T10:00Z")!
        // summer time
        #expect(try clock.reading(zone: "Pacific/Auckland", delegation: "NZ", at: at).offsetSeconds == 13 * 3600)
        #expect(try clock.reading(zone: "Europe/Brussels", delegation: "EU", at: at).offsetSeconds == 3600)
    }

    @Test func validFixtureResolvesTimesAndWindows() throws {
        let path = Repository.tests("AgendaFilesTests/Fixtures/valid.yaml")
        let load = AgendaReader.load(path: path)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics)")
        let m = try #require(load.meeting)
        #expect(m.session("S1")?.fixedStart == InstantText.absolute("2021-06-21T10:00Z"))  // 13:00 Moscow
        let windows = try #require(m.session("S3")?.allowedWindows)
        #expect(
            windows == [
                InstantRange(
                    start: InstantText.absolute("2021-06-22T09:00Z")!, end: InstantText.absolute("2021-06-22T15:00Z")!),
                InstantRange(
                    start: InstantText.absolute("2021-06-23T09:00Z")!, end: InstantText.absolute("2021-06-23T12:00Z")!),
            ])
        #expect(m.attendees(of: m.session("S3")!) == ["ZA", "RU", "NZ", "WDC"])  // union of WGM and CRP
        #expect(m.session("S3")?.floorLanguage == "en" && m.session("S3")?.interpretation == ["fr"])
        #expect(m.session("S4")?.after == ["S2", "S3"])
    }

    @Test func aBrokenCopyOfTheSampleFailsAtThePreciseLine() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["kp-2021-intersessional.yaml", "kp-delegations-2021.yaml"] {
            try FileManager.default.copyItem(
                atPath: Repository.agenda(name), toPath: dir.appendingPathComponent(name).path)
        }
        let agenda = dir.appendingPathComponent("kp-2021-intersessional.yaml").path
        var lines = try String(contentsOfFile: agenda, encoding: .utf8).components(separatedBy: "\n")
        let s05 = try #require(lines.firstIndex(of: "    body: WGDE"))
        lines[s05] = "    body: WGDX"
        try lines.joined(separator: "\n").write(toFile: agenda, atomically: true, encoding: .utf8)
        let load = AgendaReader.load(path: agenda)
        #expect(load.meeting == nil)
        #expect(
            load.diagnostics.map(\.description) == [
                "\(agenda):\(s05 + 1):11: error: unknown body 'WGDX' in session 'S05'; did you mean 'WGDE'?"
            ])
    }

    @Test func programmeErrorsAreReportedWithTheirPlaces() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let programme = dir.appendingPathComponent("p.yaml").path
        try """
        programme:
          agenda: \(Repository.sampleAgenda)
          placements:
            - {session: S01, start: "2021-06-21 13:00", room: A}
            - {session: S01, start: "2021-06-21 15:00", room: A}
            - {session: S99, start: "2021-06-21 15:00", room: A}
            - {session: S02, start: "2021-06-21 15:10", room: A}
            - {session: S03, start: "2021-06-27 13:00", room: B}
        """.write(toFile: programme, atomically: true, encoding: .utf8)
        let load = ProgrammeReader.load(path: programme)
        #expect(load.programme == nil)
        let errors = load.diagnostics.filter { $0.severity == .error }.map {
            $0.description.replacingOccurrences(of: programme, with: "p.yaml")
        }
        #expect(
            errors == [
                "p.yaml:5:17: error: session 'S01' is placed twice (first at p.yaml:4:17)",
                "p.yaml:6:17: error: unknown session 'S99' in the programme; did you mean 'S09'?",
                "p.yaml:7:29: error: start of 'S02' (2021-06-21T12:10:00Z) is not on the meeting's 15-minute grid",
                "p.yaml:8:29: error: 'S03' would run on 2021-06-27 (Europe/Moscow), outside the meeting (2021-06-21 to 2021-06-25)",
            ])
        #expect(load.diagnostics.filter { $0.severity == .warning }.count == 11)  // S04-S14 not placed
    }
}
