import Foundation
import IntersessionTestSupport
import AgendaFiles
import MeetingModel
import MeetingTime
import Testing

@Suite struct BurdenTests {
    static let june21 = CalendarDay(year: 2021, month: 6, day: 21)!

    func index(_ zones: [String], days: Int = 4, from day: CalendarDay = june21) throws -> BurdenIndex {
        try BurdenIndex(
            zones: zones, bands: .standard,
            horizon: InstantRange(start: day.startInUTC, end: day.adding(days: days).startInUTC))
    }

    @Test func minutesPerBandForOneSpan() throws {
        let idx = try index(["UTC"])
        // 06:00-10:00 UTC: night 06-07, shoulder 07-09, core 09-10.
        let m = idx.minutes(zoneIndex: 0, startMinute: Self.june21.startInUTC.minutes + 360, duration: 240)
        #expect(m == BandMinutes(core: 60, shoulder: 120, night: 60))
        #expect(m.weighted(by: .standard) == 120 * 1 + 60 * 5)
        #expect(idx.weighted(zoneIndex: 0, startMinute: Self.june21.startInUTC.minutes + 360, duration: 240) == 420)
    }

    /// Every 15-minute start over four days in zones with DST changes and odd offsets, against
    /// a minute-by-minute count that asks Foundation directly.
    @Test func prefixSumsEqualMinuteByMinuteCounts() throws {
        let zones = ["Europe/Brussels", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "America/Santiago"]
        // Around the European spring-forward of 2021 and Lord Howe's and Santiago's April changes.
        let first = CalendarDay(year: 2021, month: 3, day: 27)!
        let idx = try index(zones, days: 10, from: first)
        for (z, zone) in zones.enumerated() {
            let tz = TimeZone(identifier: zone)!
            for start in stride(from: first.startInUTC.minutes, to: first.adding(days: 9).startInUTC.minutes, by: 45) {
                for duration in [15, 90, 150] {
                    var expected = BandMinutes()
                    for minute in start..<(start + duration) {
                        let local =
                            minute + tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(minute * 60))) / 60
                        switch ComfortBands.standard.band(atMinuteOfDay: local.floorMod(1440)) {
                        case .core: expected.core += 1
                        case .shoulder: expected.shoulder += 1
                        case .night: expected.night += 1
                        }
                    }
                    #expect(
                        idx.minutes(zoneIndex: z, startMinute: start, duration: duration) == expected,
                        "\(zone) at \(Instant(minutes: start)) for \(duration)")
                }
            }
        }
    }

    @Test func outsideTheHorizonCountsTheSlowWaySameAnswer() throws {
        let inside = try index(["Pacific/Auckland"], days: 3)
        let elsewhere = try index(["Pacific/Auckland"], days: 1, from: CalendarDay(year: 2020, month: 1, day: 1)!)
        let start = Self.june21.adding(days: 1).startInUTC.minutes + 600
        #expect(
            inside.minutes(zoneIndex: 0, startMinute: start, duration: 150)
                == elsewhere.minutes(zoneIndex: 0, startMinute: start, duration: 150))
        #expect(
            inside.minutes(zoneIndex: 0, startMinute: start, duration: 150)
                == BandMinutes(core: 0, shoulder: 0, night: 150))
    }

    @Test func openingSessionOfTheSample() throws {
        let load = ProgrammeReader.load(path: Repository.sampleProgramme)
        let meeting = try #require(load.meeting), programme = try #require(load.programme)
        let burden = try MeetingBurden(meeting: meeting)
        let s01 = try #require(meeting.sessions.firstIndex { $0.id == "S01" })
        let start = try #require(programme.placement(of: "S01")).start  // 10:00-12:00 UTC
        let byCode = Dictionary(
            uniqueKeysWithValues: burden.burden(session: s01, start: start).map { ($0.delegation, $0) })
        #expect(byCode.count == 60)
        #expect(byCode["NZ"]?.minutes == BandMinutes(core: 0, shoulder: 0, night: 120))  // 22:00-00:00
        #expect(byCode["MX"]?.minutes == BandMinutes(core: 0, shoulder: 0, night: 120))  // 05:00-07:00
        #expect(byCode["CA"]?.minutes == BandMinutes(core: 0, shoulder: 60, night: 60))  // 06:00-08:00
        #expect(byCode["AU"]?.minutes == BandMinutes(core: 0, shoulder: 120, night: 0))  // 20:00-22:00
        #expect(byCode["ZA"]?.minutes == BandMinutes(core: 120, shoulder: 0, night: 0))  // 12:00-14:00
        #expect(byCode["IN"]?.minutes == BandMinutes(core: 120, shoulder: 0, night: 0))  // 15:30-17:30
        let total = byCode.values.map(\.weighted).reduce(0, +)
        #expect(burden.totalWeighted(session: s01, start: start) == total)
    }
}
