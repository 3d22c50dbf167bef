import Foundation

/// A point in time, in whole seconds since 1970-01-01T00:00:00Z (UTC, no leap seconds).
///
/// Sessions are stored as instants plus the zone the programme is built in (STYLE §3);
/// an integer keeps grid arithmetic exact and makes instants cheap to hash and compare.
public struct Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public let seconds: Int

    /// An instant `seconds` after the Unix epoch.
    public init(seconds: Int) { self.seconds = seconds }

    /// An instant `minutes` after the Unix epoch.
    public init(minutes: Int) { self.seconds = minutes * 60 }

    /// The instant of a Foundation `Date`, rounded down to the second.
    public init(_ date: Date) { self.seconds = Int(date.timeIntervalSince1970.rounded(.down)) }

    /// Whole minutes since the epoch, rounded down.
    public var minutes: Int { seconds >= 0 ? seconds / 60 : -((-seconds + 59) / 60) }

    /// The Foundation `Date` for this instant.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// This instant moved by `minutes` (negative moves back).
    public func adding(minutes: Int) -> Instant { Instant(seconds: seconds + minutes * 60) }

    /// Minutes from this instant to `other` (negative when `other` is earlier), rounded down.
    public func minutes(to other: Instant) -> Int { (other.seconds - seconds).floorDiv(60) }

    public static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }

    /// ISO 8601 in UTC, e.g. `2021-06-21T10:00:00Z`.
    public var description: String { date.formatted(.iso8601) }
}

/// A half-open span of time `[start, end)`.
public struct InstantRange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// First instant inside the range.
    public let start: Instant
    /// First instant after the range.
    public let end: Instant

    /// A range from `start` up to, not including, `end`; `end` must not be before `start`.
    public init(start: Instant, end: Instant) {
        precondition(end >= start, "range end before start")
        self.start = start
        self.end = end
    }

    /// Whole minutes in the range.
    public var minutes: Int { start.minutes(to: end) }

    /// Whether `instant` lies in the range.
    public func contains(_ instant: Instant) -> Bool { start <= instant && instant < end }

    /// Whether `other` lies wholly inside this range.
    public func contains(_ other: InstantRange) -> Bool { start <= other.start && other.end <= end }

    /// Whether the two ranges share at least one instant.
    public func overlaps(_ other: InstantRange) -> Bool { start < other.end && other.start < end }

    public var description: String { "\(start)–\(end)" }
}

extension Int {
    /// Division rounding toward negative infinity (Swift's `/` rounds toward zero).
    @inlinable public func floorDiv(_ d: Int) -> Int {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }

    /// The remainder that goes with `floorDiv`: always in `0..<d` for positive `d`.
    @inlinable public func floorMod(_ d: Int) -> Int { self - floorDiv(d) * d }
}
