import Foundation
import MeetingModel
import MeetingTime
import Testing

/// Hand-readable cases of the zone matrix (STYLE §3); the oracle tests cover every zone.
@Suite struct ZoneMatrixTests {
    /// A clock around `iso` (an absolute ISO 8601 instant).
    func clock(_ zone: String, around iso: String) throws -> (ZoneClock, Instant) {
        let t = try #require(InstantText.absolute(iso))
        let horizon = InstantRange(start: t.adding(minutes: -3 * 1440), end: t.adding(minutes: 3 * 1440))
        return (try #require(ZoneClock(identifier: zone, horizon: horizon)), t)
    }

    func reading(_ zone: String, _ iso: String) throws -> String {
        let (c, t) = try clock(zone, around: iso)
        return "\(c.local(at: t)) \(offsetText(seconds: c.offset(at: t)))"
    }

    @Test(arguments: [
        // zone, instant, local reading and offset
        ("UTC", "2021-06-21T10:00Z", "2021-06-21T10:00 +00:00"),
        ("Asia/Kolkata", "2021-06-21T10:00Z", "2021-06-21T15:30 +05:30"),
        ("Asia/Kathmandu", "2021-06-21T10:00Z", "2021-06-21T15:45 +05:45"),
        ("Pacific/Kiritimati", "2021-06-21T10:00Z", "2021-06-22T00:00 +14:00"),
        ("Pacific/Chatham", "2021-06-21T10:00Z", "2021-06-21T22:45 +12:45"),
        ("Pacific/Chatham", "2021-11-08T10:00Z", "2021-11-08T23:45 +13:45"),
        // Lord Howe's DST is 30 minutes: 2021-10-03 02:00 +10:30 becomes 02:30 +11:00.
        ("Australia/Lord_Howe", "2021-10-02T15:29Z", "2021-10-03T01:59 +10:30"),
        ("Australia/Lord_Howe", "2021-10-02T15:31Z", "2021-10-03T02:31 +11:00"),
        // Sydney: 2021-10-03 02:00 AEST jumps to 03:00 AEDT (at 16:00Z the day before).
        ("Australia/Sydney", "2021-10-02T15:59Z", "2021-10-03T01:59 +10:00"),
        ("Australia/Sydney", "2021-10-02T16:01Z", "2021-10-03T03:01 +11:00"),
        // Santiago falls back on 2021-04-04 00:00 -03 to 23:00 -04 (03:00Z).
        ("America/Santiago", "2021-04-04T02:59Z", "2021-04-03T23:59 -03:00"),
        ("America/Santiago", "2021-04-04T03:01Z", "2021-04-03T23:01 -04:00"),
        // Tehran kept DST in 2022 (ending 2022-09-21 24:00 +04:30) and abolished it after.
        ("Asia/Tehran", "2022-09-21T19:29Z", "2022-09-21T23:59 +04:30"),
        ("Asia/Tehran", "2022-09-21T19:31Z", "2022-09-21T23:01 +03:30"),
        ("Asia/Tehran", "2023-06-21T10:00Z", "2023-06-21T13:30 +03:30"),
        // Apia skipped 2011-12-30 entirely (from -10:00 to +14:00).
        ("Pacific/Apia", "2011-12-30T09:59Z", "2011-12-29T23:59 -10:00"),
        ("Pacific/Apia", "2011-12-30T10:01Z", "2011-12-31T00:01 +14:00"),
    ])
    func zoneMatrix(zone: String, instant: String, expected: String) throws {
        #expect(try reading(zone, instant) == expected)
    }

    @Test func juneVersusNovemberSydneyAucklandBrussels() throws {
        // The Intersessional (June) and the Plenary (November) fall on opposite sides of both DST seasons.
        #expect(try reading("Australia/Sydney", "2021-06-21T10:00Z") == "2021-06-21T20:00 +10:00")
        #expect(try reading("Australia/Sydney", "2021-11-08T10:00Z") == "2021-11-08T21:00 +11:00")
        #expect(try reading("Pacific/Auckland", "2021-06-21T10:00Z") == "2021-06-21T22:00 +12:00")
        #expect(try reading("Pacific/Auckland", "2021-11-08T10:00Z") == "2021-11-08T23:00 +13:00")
        #expect(try reading("Europe/Brussels", "2021-06-21T10:00Z") == "2021-06-21T12:00 +02:00")
        #expect(try reading("Europe/Brussels", "2021-11-08T10:00Z") == "2021-11-08T11:00 +01:00")
    }

    @Test func mexicoCityIn2021Versus2023() throws {
        // UTC-5 (summer time) in June 2021; no DST since October 2022, so UTC-6 in June 2023.
        #expect(try reading("America/Mexico_City", "2021-06-21T10:00Z") == "2021-06-21T05:00 -05:00")
        #expect(try reading("America/Mexico_City", "2023-06-21T10:00Z") == "2023-06-21T04:00 -06:00")
    }

    @Test func almatyMovedFromPlusSixToPlusFiveIn2024() throws {
        #expect(try reading("Asia/Almaty", "2021-06-21T10:00Z") == "2021-06-21T16:00 +06:00")
        #expect(try reading("Asia/Almaty", "2024-06-21T10:00Z") == "2024-06-21T15:00 +05:00")
    }

    @Test func berlinGapAndOverlapAreNamedNotGuessed() throws {
        let (c, _) = try clock("Europe/Berlin", around: "2025-03-30T01:00Z")
        let gap = c.resolve(try #require(InstantText.wallClock("2025-03-30 02:30")))
        #expect(gap.instant(.reject) == nil)
        #expect(gap.instant(.earlier) == InstantText.absolute("2025-03-30T01:30Z"))
        guard case .skipped(let at, let before, let after, _) = gap else { Issue.record("not a gap: \(gap)"); return }
        #expect(at == InstantText.absolute("2025-03-30T01:00Z") && before == 3600 && after == 7200)

        let (c2, _) = try clock("Europe/Berlin", around: "2025-10-26T01:00Z")
        let overlap = c2.resolve(try #require(InstantText.wallClock("2025-10-26 02:30")))
        #expect(
            overlap
                == .repeated(
                    earlier: InstantText.absolute("2025-10-26T00:30Z")!,
                    later: InstantText.absolute("2025-10-26T01:30Z")!))
        #expect(overlap.instant(.reject) == nil)
        #expect(overlap.instant(.later) == InstantText.absolute("2025-10-26T01:30Z"))
    }

    @Test func instantTextReadsOffsetsAndRefusesAmbiguousWallTimes() throws {
        let (moscow, _) = try clock("Europe/Moscow", around: "2021-06-21T10:00Z")
        #expect(InstantText.read("2021-06-21T10:00Z", wallClockIn: moscow) == .instant(Instant(seconds: 1_624_269_600)))
        #expect(
            InstantText.read("2021-06-21T13:00+03:00", wallClockIn: moscow) == .instant(Instant(seconds: 1_624_269_600))
        )
        #expect(
            InstantText.read("2021-06-21T13:00:00+03:00", wallClockIn: moscow)
                == .instant(Instant(seconds: 1_624_269_600)))
        #expect(InstantText.read("2021-06-21 13:00", wallClockIn: moscow) == .instant(Instant(seconds: 1_624_269_600)))
        guard case .malformed = InstantText.read("21/06/2021 13:00", wallClockIn: moscow) else {
            Issue.record("accepted a non-ISO date"); return
        }
        guard case .malformed = InstantText.read("2021-06-31 13:00", wallClockIn: moscow) else {
            Issue.record("accepted 31 June"); return
        }
        let (brussels, _) = try clock("Europe/Brussels", around: "2021-03-28T01:00Z")
        // Skipped by the spring change: the clocks jumped from UTC+01:00 to UTC+02:00 at 01:00Z
        // (AgendaFilesTests check the sentence that reports it).
        #expect(
            InstantText.read("2021-03-28 02:30", wallClockIn: brussels)
                == .skipped(
                    LocalDateTime(day: CalendarDay(iso: "2021-03-28")!, time: ClockTime(parsing: "02:30")!),
                    zone: "Europe/Brussels",
                    from: 3600, to: 7200, at: Instant(seconds: 1_616_893_200)))
    }
}
