import Foundation

/// A calendar date (proleptic Gregorian) with no time and no zone: a meeting day, a local date.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Year, e.g. 2021.
    public let year: Int
    /// Month 1–12.
    public let month: Int
    /// Day of month 1–31.
    public let day: Int

    /// The date `year-month-day`, or nil when it does not exist (e.g. 2021-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard let n = CalendarDay.ordinal(year: year, month: month, day: day) else { return nil }
        let back = CalendarDay(dayNumber: n)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        self = back
    }

    /// The date `dayNumber` days after 1970-01-01 (negative numbers are earlier).
    public init(dayNumber: Int) {
        let date = Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86_400)
        let c = CalendarDay.utcCalendar.dateComponents([.year, .month, .day], from: date)
        self.year = c.year!
        self.month = c.month!
        self.day = c.day!
    }

    /// Parses `YYYY-MM-DD`; nil for anything else or a date that does not exist.
    public init?(iso string: String) {
        let parts = string.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (the Unix epoch's date).
    public var dayNumber: Int { CalendarDay.ordinal(year: year, month: month, day: day)! }

    /// Midnight UTC at the start of this date.
    public var startInUTC: Instant { Instant(seconds: dayNumber * 86_400) }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    /// Weekday name in English, three letters ("Mon").
    public var weekdayAbbreviation: String {
        ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][dayNumber.floorMod(7)]
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    private static let utcCalendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    private static func ordinal(year: Int, month: Int, day: Int) -> Int? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let comps = DateComponents(year: year, month: month, day: day)
        guard let date = utcCalendar.date(from: comps) else { return nil }
        return Int(date.timeIntervalSince1970.rounded(.down)).floorDiv(86_400)
    }
}

/// A clock reading on a 24-hour dial in whole minutes, `00:00` … `24:00` (24:00 only as an end).
public struct ClockTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Minutes since midnight, 0…1440.
    public let minutes: Int

    /// A clock time `minutes` after midnight; must be in 0…1440.
    public init(minutes: Int) {
        precondition((0...1440).contains(minutes), "clock time out of range")
        self.minutes = minutes
    }

    /// `hour:minute`; nil when out of range.
    public init?(hour: Int, minute: Int) {
        guard (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 1440 else { return nil }
        self.minutes = hour * 60 + minute
    }

    /// Parses `HH:MM` (24:00 allowed); nil otherwise.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    /// Hour part, 0…24.
    public var hour: Int { minutes / 60 }
    /// Minute part, 0…59.
    public var minute: Int { minutes % 60 }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }

    /// `HH:MM`.
    public var description: String { String(format: "%02d:%02d", hour, minute) }
}

/// A span on the 24-hour dial `[start, end)`; when `end` ≤ `start` it runs past midnight.
public struct ClockRange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where the span begins.
    public let start: ClockTime
    /// Where the span ends (exclusive).
    public let end: ClockTime

    /// The span from `start` to `end`, wrapping past midnight when `end` ≤ `start`.
    public init(start: ClockTime, end: ClockTime) {
        self.start = start
        self.end = end
    }

    /// Length in minutes (a wrapping span counts through midnight; 00:00–00:00 is a whole day).
    public var minutes: Int {
        end.minutes > start.minutes ? end.minutes - start.minutes : 1440 - start.minutes + end.minutes
    }

    /// Whether the minute of day `m` (0..<1440) lies in the span.
    public func contains(minuteOfDay m: Int) -> Bool {
        let s = start.minutes % 1440, e = end.minutes % 1440
        if end.minutes > start.minutes { return s <= m && m < (end.minutes == 1440 ? 1440 : e) }
        return m >= s || m < e
    }

    /// `HH:MM-HH:MM`.
    public var description: String { "\(start)-\(end)" }
}
