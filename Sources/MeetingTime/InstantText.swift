import Foundation
import MeetingModel

/// Reads the ways people write a moment: absolute ISO 8601 (`2021-06-21T10:00Z`,
/// `2021-06-21T13:00+03:00`, with or without seconds) or a wall-clock reading in a given zone
/// (`2021-06-21 13:00`, `2021-06-21T13:00`), whose DST gaps and overlaps are refused in words.
public enum InstantText {
    /// What a text meant, or why it cannot be read (worded by the readers that report it).
    public enum Reading: Sendable, Hashable {
        /// An absolute instant.
        case instant(Instant)
        /// Not a date-time at all: the text, and the zone a wall-clock reading would be in.
        case malformed(String, zone: String)
        /// A wall-clock reading that a DST change skips: the clocks jumped from one offset to the
        /// other (seconds east of UTC) at `at`.
        case skipped(LocalDateTime, zone: String, from: Int, to: Int, at: Instant)
        /// A wall-clock reading that happens twice, at `earlier` and at `later`.
        case repeated(LocalDateTime, zone: String, earlier: Instant, later: Instant)
    }

    /// Reads `text`; a reading without an offset is wall-clock time in `zone`.
    public static func read(_ text: String, wallClockIn zone: ZoneClock) -> Reading {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let absolute = absolute(t) { return .instant(absolute) }
        guard let local = wallClock(t) else { return .malformed(text, zone: zone.identifier) }
        switch zone.resolve(local) {
        case .unique(let instant):
            return .instant(instant)
        case .skipped(let transition, let before, let after, _):
            return .skipped(local, zone: zone.identifier, from: before, to: after, at: transition)
        case .repeated(let earlier, let later):
            return .repeated(local, zone: zone.identifier, earlier: earlier, later: later)
        }
    }

    /// An ISO 8601 instant with `Z` or a numeric offset, with or without seconds.
    public static func absolute(_ text: String) -> Instant? {
        guard text.count >= 17, text.hasSuffix("Z") || text.dropFirst(16).contains(where: { $0 == "+" || $0 == "-" })
        else { return nil }
        for formatter in absoluteFormatters() {
            if let date = formatter.date(from: text) { return Instant(date) }
        }
        return nil
    }

    /// `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM`, no offset.
    public static func wallClock(_ text: String) -> LocalDateTime? {
        let parts = text.split(omittingEmptySubsequences: true) { $0 == " " || $0 == "T" }
        guard parts.count == 2, let day = CalendarDay(iso: String(parts[0])),
            let time = ClockTime(parsing: String(parts[1])), time.minutes < 1440
        else { return nil }
        return LocalDateTime(day: day, time: time)
    }

    /// Fresh formatters per call: DateFormatter is not safe to share across threads, and parsing is rare.
    private static func absoluteFormatters() -> [DateFormatter] {
        ["yyyy-MM-dd'T'HH:mmXXXXX", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd HH:mmXXXXX", "yyyy-MM-dd HH:mm:ssXXXXX"]
            .map { format in
                let f = DateFormatter()
                f.locale = Locale(identifier: "en_US_POSIX")
                f.timeZone = TimeZone(identifier: "UTC")
                f.calendar = Calendar(identifier: .gregorian)
                f.isLenient = false
                f.dateFormat = format
                return f
            }
    }
}
