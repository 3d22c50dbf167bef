import MeetingModel

/// A wall-clock reading: a calendar date and a time of day, with no zone.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The local date.
    public let day: CalendarDay
    /// Seconds since local midnight, 0..<86 400.
    public let secondOfDay: Int

    /// A reading at `secondOfDay` seconds past midnight of `day`.
    public init(day: CalendarDay, secondOfDay: Int) {
        precondition((0..<86_400).contains(secondOfDay), "second of day out of range")
        self.day = day
        self.secondOfDay = secondOfDay
    }

    /// A reading at `time` on `day` (24:00 becomes 00:00 of the next day).
    public init(day: CalendarDay, time: ClockTime) {
        if time.minutes == 1440 {
            self.init(day: day.adding(days: 1), secondOfDay: 0)
        } else {
            self.init(day: day, secondOfDay: time.minutes * 60)
        }
    }

    /// The reading for `localSeconds` seconds since 1970-01-01T00:00 on the same dial.
    public init(localSeconds: Int) {
        self.init(
            day: CalendarDay(dayNumber: localSeconds.floorDiv(86_400)), secondOfDay: localSeconds.floorMod(86_400))
    }

    /// Seconds since 1970-01-01T00:00 on this reading's own dial (what UTC would read as this).
    public var localSeconds: Int { day.dayNumber * 86_400 + secondOfDay }

    /// Hour 0–23.
    public var hour: Int { secondOfDay / 3600 }
    /// Minute 0–59.
    public var minute: Int { secondOfDay / 60 % 60 }
    /// Minute of the day 0..<1440.
    public var minuteOfDay: Int { secondOfDay / 60 }

    /// `HH:MM`.
    public var timeText: String {
        let hh = String(hour), mm = String(minute)
        return (hh.count < 2 ? "0" + hh : hh) + ":" + (mm.count < 2 ? "0" + mm : mm)
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.localSeconds < b.localSeconds }

    /// `YYYY-MM-DDTHH:MM`.
    public var description: String { "\(day)T\(timeText)" }
}

/// Formats a UTC offset in seconds as `+05:45` / `-04:00` (`+00:00` for zero).
public func offsetText(seconds: Int) -> String {
    let sign = seconds < 0 ? "-" : "+"
    let m = abs(seconds) / 60
    let hh = String(m / 60), mm = String(m % 60)
    return sign + (hh.count < 2 ? "0" + hh : hh) + ":" + (mm.count < 2 ? "0" + mm : mm)
}
