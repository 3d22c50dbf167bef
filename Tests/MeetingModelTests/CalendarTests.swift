import MeetingModel
import Testing

@Suite struct CalendarTests {
    @Test func calendarDaysRoundTripAndRefuseImpossibleDates() {
        #expect(CalendarDay(iso: "2021-06-21")?.dayNumber == 18_799)
        #expect(CalendarDay(dayNumber: 18_799).description == "2021-06-21")
        #expect(CalendarDay(iso: "2021-02-29") == nil && CalendarDay(iso: "2024-02-29") != nil)
        #expect(CalendarDay(iso: "2021-6-21") == nil && CalendarDay(iso: "21-06-2021") == nil)
        #expect(CalendarDay(iso: "1969-12-31")?.dayNumber == -1)
        #expect(CalendarDay(iso: "2021-06-21")?.weekdayAbbreviation == "Mon")
        #expect(CalendarDay(iso: "2021-12-31")?.adding(days: 1).description == "2022-01-01")
    }

    @Test func everyDayOfFourYearsRoundTrips() {
        // Exhaustive over a leap cycle: dayNumber → date → dayNumber, consecutive and valid.
        var previous: CalendarDay?
        for n in 18_628..<(18_628 + 4 * 366) {
            let d = CalendarDay(dayNumber: n)
            #expect(d.dayNumber == n)
            #expect(CalendarDay(iso: d.description) == d)
            if let previous { #expect(previous < d) }
            previous = d
        }
    }

    @Test func clockTimesAndRanges() {
        #expect(ClockTime(parsing: "13:00")?.minutes == 780 && ClockTime(parsing: "24:00")?.minutes == 1440)
        #expect(
            ClockTime(parsing: "24:01") == nil && ClockTime(parsing: "7:5") == nil && ClockTime(parsing: "13h00") == nil
        )
        let night = ClockRange(start: ClockTime(parsing: "22:00")!, end: ClockTime(parsing: "07:00")!)
        #expect(night.minutes == 540)
        #expect(
            night.contains(minuteOfDay: 23 * 60) && night.contains(minuteOfDay: 0)
                && !night.contains(minuteOfDay: 7 * 60))
        let day = ClockRange(start: ClockTime(parsing: "00:00")!, end: ClockTime(parsing: "24:00")!)
        #expect(day.minutes == 1440 && day.contains(minuteOfDay: 1439))
    }

    @Test func standardBandsCoverTheDayOnce() {
        let bands = (0..<1440).map(ComfortBands.standard.band(atMinuteOfDay:))
        #expect(bands.filter { $0 == .core }.count == 9 * 60)
        #expect(bands.filter { $0 == .shoulder }.count == 6 * 60)
        #expect(bands.filter { $0 == .night }.count == 9 * 60)
        #expect(
            bands[7 * 60 - 1] == .night && bands[7 * 60] == .shoulder && bands[9 * 60] == .core
                && bands[22 * 60] == .night)
    }

    @Test func floorDivisionRoundsDown() {
        #expect((-1).floorDiv(60) == -1 && (-60).floorDiv(60) == -1 && (-61).floorDiv(60) == -2 && 59.floorDiv(60) == 0)
        #expect((-1).floorMod(1440) == 1439)
        #expect(Instant(seconds: -1).minutes == -1 && Instant(seconds: 59).minutes == 0)
    }
}
