import MeetingModel

/// What the clock says for one delegation at one instant.
public struct ZoneReading: Sendable, Hashable {
    /// The delegation's code.
    public let delegation: String
    /// The zone read.
    public let zone: String
    /// The local date and time.
    public let local: LocalDateTime
    /// Seconds east of UTC.
    public let offsetSeconds: Int
    /// Local date minus the host's local date, in days (−1, 0, +1).
    public let dayOffset: Int
    /// The comfort band of the local time.
    public let band: ComfortBand

    /// A reading as computed by `MeetingClock`.
    public init(
        delegation: String, zone: String, local: LocalDateTime, offsetSeconds: Int, dayOffset: Int, band: ComfortBand
    ) {
        self.delegation = delegation
        self.zone = zone
        self.local = local
        self.offsetSeconds = offsetSeconds
        self.dayOffset = dayOffset
        self.band = band
    }

    /// ISO 8601 local date-time with offset, e.g. `2021-06-21T06:00:00-04:00`.
    public var isoLocal: String {
        let ss = local.secondOfDay % 60
        return "\(local.day)T\(local.timeText):\(ss < 10 ? "0" : "")\(ss)\(offsetText(seconds: offsetSeconds))"
    }
}
