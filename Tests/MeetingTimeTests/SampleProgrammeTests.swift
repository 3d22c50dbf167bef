import AgendaFiles
import IntersessionTestSupport
import Localization
import MeetingModel
import MeetingTime
import Testing

/// The hand check of shared/kp-reference/sample-programme.md: its table of local start times in
/// 12 zones, and its list of members outside 07:00-22:00, reproduced from the sample files.
@Suite struct SampleProgrammeTests {
    static let zones = [
        "America/Mexico_City", "America/New_York", "America/Sao_Paulo", "Africa/Accra", "Africa/Kinshasa",
        "Europe/Brussels", "Africa/Johannesburg", "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo",
        "Australia/Sydney", "Pacific/Auckland",
    ]
    // Copied from sample-programme.md, "Local start times in representative zones".
    static let table = """
        S01 | 05:00 | 06:00 | 07:00 | 10:00 | 11:00 | 12:00 | 12:00 | 15:30 | 18:00 | 19:00 | 20:00 | 22:00
        S02 | 07:30 | 08:30 | 09:30 | 12:30 | 13:30 | 14:30 | 14:30 | 18:00 | 20:30 | 21:30 | 22:30 | 00:30
        S03 | 05:00 | 06:00 | 07:00 | 10:00 | 11:00 | 12:00 | 12:00 | 15:30 | 18:00 | 19:00 | 20:00 | 22:00
        S04 | 05:00 | 06:00 | 07:00 | 10:00 | 11:00 | 12:00 | 12:00 | 15:30 | 18:00 | 19:00 | 20:00 | 22:00
        S05 | 07:00 | 08:00 | 09:00 | 12:00 | 13:00 | 14:00 | 14:00 | 17:30 | 20:00 | 21:00 | 22:00 | 00:00
        S06 | 09:00 | 10:00 | 11:00 | 14:00 | 15:00 | 16:00 | 16:00 | 19:30 | 22:00 | 23:00 | 00:00 | 02:00
        S07 | 05:00 | 06:00 | 07:00 | 10:00 | 11:00 | 12:00 | 12:00 | 15:30 | 18:00 | 19:00 | 20:00 | 22:00
        S08 | 08:00 | 09:00 | 10:00 | 13:00 | 14:00 | 15:00 | 15:00 | 18:30 | 21:00 | 22:00 | 23:00 | 01:00
        S09 | 04:00 | 05:00 | 06:00 | 09:00 | 10:00 | 11:00 | 11:00 | 14:30 | 17:00 | 18:00 | 19:00 | 21:00
        S10 | 04:00 | 05:00 | 06:00 | 09:00 | 10:00 | 11:00 | 11:00 | 14:30 | 17:00 | 18:00 | 19:00 | 21:00
        S11 | 05:30 | 06:30 | 07:30 | 10:30 | 11:30 | 12:30 | 12:30 | 16:00 | 18:30 | 19:30 | 20:30 | 22:30
        S12 | 08:00 | 09:00 | 10:00 | 13:00 | 14:00 | 15:00 | 15:00 | 18:30 | 21:00 | 22:00 | 23:00 | 01:00
        S13 | 05:00 | 06:00 | 07:00 | 10:00 | 11:00 | 12:00 | 12:00 | 15:30 | 18:00 | 19:00 | 20:00 | 22:00
        S14 | 08:00 | 09:00 | 10:00 | 13:00 | 14:00 | 15:00 | 15:00 | 18:30 | 21:00 | 22:00 | 23:00 | 01:00
        """
    // From the programme table's last column (WGS and the CAR team have unconfirmed members: not listed there).
    static let outside: [String: String] = [
        "S01": "start CA DDI GY MX PA US VE WDC; end NZ",
        "S02": "",
        "S03": "start CA DDI US WDC; end",
        "S04": "start CA US WDC; end",
        "S05": "start; end AU",
        "S06": "start; end CN",
        "S07": "start CA DDI GY MX PA US VE WDC; end AU NZ",
        "S08": "start NZ; end AU JP KR NZ",
        "S11": "start CA DDI GY MX PA US VE WDC; end AU NZ",
        "S12": "start NZ; end AU CN JP KR MY NZ SG",
        "S13": "start CA DDI GY MX PA US VE WDC; end AU NZ",
        "S14": "start NZ; end AU CN JP KR MY NZ SG",
    ]

    func sample() throws -> (Meeting, Programme, MeetingClock) {
        let load = ProgrammeReader.load(path: Repository.sampleProgramme)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics)")
        let meeting = try #require(load.meeting), programme = try #require(load.programme)
        return (meeting, programme, try MeetingClock(meeting: meeting))
    }

    @Test func localStartTimesInTwelveZones() throws {
        let (_, programme, clock) = try sample()
        var checked = 0
        for line in Self.table.split(separator: "\n") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let placement = try #require(programme.placement(of: cells[0]))
            for (zone, expected) in zip(Self.zones, cells.dropFirst()) {
                let local = try clock.clock(for: zone).local(at: placement.start)
                #expect(local.timeText == expected, "\(cells[0]) in \(zone)")
                checked += 1
            }
        }
        #expect(checked == 14 * 12)
    }

    @Test func membersOutsideSevenToTwentyTwo() throws {
        let (meeting, programme, clock) = try sample()
        for (id, expected) in Self.outside {
            let session = try #require(meeting.session(id))
            let start = try #require(programme.placement(of: id)).start
            let end = start.adding(minutes: session.durationMinutes)
            var early: [String] = [], late: [String] = []
            for code in meeting.attendees(of: session) {
                let zone = try #require(meeting.delegation(code)).zone
                let c = try clock.clock(for: zone)
                let s = c.local(at: start), e = c.local(at: end)
                // The sample's rule: a start before 07:00, or an end after 22:00 or before 07:00 (00:00 counts).
                if s.minuteOfDay < 7 * 60 { early.append(code) }
                if e.minuteOfDay > 22 * 60 || e.minuteOfDay < 7 * 60 { late.append(code) }
            }
            let text =
                "start" + early.sorted().map { " " + $0 }.joined() + "; end" + late.sorted().map { " " + $0 }.joined()
            #expect(text == (expected.isEmpty ? "start; end" : expected), "\(id)")
        }
    }

    @Test func hostDateOffsetsMarkTheNextDay() throws {
        let (_, programme, clock) = try sample()
        let s06 = try #require(programme.placement(of: "S06")).start  // 17:00 Moscow = 02:00 Auckland next day
        let nz = try clock.reading(zone: "Pacific/Auckland", delegation: "NZ", at: s06)
        #expect(
            nz.dayOffset == 1 && Localizer.english.dayOffset(nz.dayOffset) == "(+1 day)"
                && nz.isoLocal == "2021-06-23T02:00:00+12:00")
        let mx = try clock.reading(zone: "America/Mexico_City", delegation: "MX", at: s06)
        #expect(mx.dayOffset == 0 && mx.band == .core)
    }
}
