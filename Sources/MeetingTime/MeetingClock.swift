import Foundation
import MeetingModel

/// Every zone of a meeting, tabulated once over the meeting's days (and a margin either side).
public struct MeetingClock: Sendable {
    /// The meeting read.
    public let meeting: Meeting
    /// The host's zone.
    public let host: ZoneClock
    /// One clock per distinct zone, by identifier.
    public let clocks: [String: ZoneClock]
    /// Band of every local minute of the day, from the meeting's comfort bands.
    public let bandOfMinute: [ComfortBand]

    /// Clocks for `meeting`; throws `UnknownZone` for a zone this system does not know.
    public init(meeting: Meeting) throws(UnknownZone) {
        self.meeting = meeting
        let horizon = MeetingClock.horizon(of: meeting)
        var clocks: [String: ZoneClock] = [:]
        for zone in Set(meeting.delegations.map(\.zone) + [meeting.hostZone]) {
            guard let clock = ZoneClock(identifier: zone, horizon: horizon) else { throw UnknownZone(identifier: zone) }
            clocks[zone] = clock
        }
        self.clocks = clocks
        self.host = clocks[meeting.hostZone]!
        self.bandOfMinute = (0..<1440).map(meeting.comfort.band(atMinuteOfDay:))
    }

    /// The span tabulated for `meeting`: two days before the first day to three after the last (UTC).
    public static func horizon(of meeting: Meeting) -> InstantRange {
        InstantRange(
            start: meeting.firstDay.adding(days: -2).startInUTC, end: meeting.lastDay.adding(days: 3).startInUTC)
    }

    /// The clock for `zone`, tabulated if it is one of the meeting's, else made on the spot.
    public func clock(for zone: String) throws(UnknownZone) -> ZoneClock {
        if let c = clocks[zone] { return c }
        guard let c = ZoneClock(identifier: zone, horizon: MeetingClock.horizon(of: meeting)) else {
            throw UnknownZone(identifier: zone)
        }
        return c
    }

    /// What the clock says in `zone` at `instant`, with the day offset against the host's date.
    public func reading(zone: String, delegation: String, at instant: Instant) throws(UnknownZone) -> ZoneReading {
        let clock = try clock(for: zone)
        let offset = clock.offset(at: instant)
        let local = LocalDateTime(localSeconds: instant.seconds + offset)
        let hostDay = (instant.seconds + host.offset(at: instant)).floorDiv(86_400)
        return ZoneReading(
            delegation: delegation, zone: zone, local: local, offsetSeconds: offset,
            dayOffset: local.day.dayNumber - hostDay, band: bandOfMinute[local.minuteOfDay]
        )
    }

    /// `reading(zone:…)` with the zone's clock already in hand (no lookup by name).
    public func reading(clock: ZoneClock, delegation: String, at instant: Instant) -> ZoneReading {
        let offset = clock.offset(at: instant)
        let local = LocalDateTime(localSeconds: instant.seconds + offset)
        let hostDay = (instant.seconds + host.offset(at: instant)).floorDiv(86_400)
        return ZoneReading(
            delegation: delegation, zone: clock.identifier, local: local, offsetSeconds: offset,
            dayOffset: local.day.dayNumber - hostDay, band: bandOfMinute[local.minuteOfDay]
        )
    }

    /// Every delegation's reading at `instant`, in meeting order.
    public func readings(at instant: Instant) -> [ZoneReading] {
        meeting.delegations.map { try! reading(zone: $0.zone, delegation: $0.code, at: instant) }
    }

    /// The host's local reading at `instant`.
    public func hostLocal(at instant: Instant) -> LocalDateTime { host.local(at: instant) }

    /// The instant of a host-zone wall-clock reading (gaps and overlaps explicit).
    public func hostInstant(_ local: LocalDateTime) -> WallTimeResolution { host.resolve(local) }
}

/// A zone identifier that this system's time-zone data does not know.
public struct UnknownZone: Error, Sendable, Hashable, CustomStringConvertible {
    /// The identifier asked for.
    public let identifier: String
    public var description: String { "unknown time zone '\(identifier)'" }
}
