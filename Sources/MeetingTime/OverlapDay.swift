import MeetingModel

/// The many-zone overlap of one UTC day: every delegation's comfort band in each column,
/// and how good each possible window of the day is for the meeting as a whole.
public struct OverlapDay: Sendable {
    /// One delegation's row.
    public struct Row: Sendable, Hashable {
        /// The delegation's code.
        public let delegation: String
        /// Its zone.
        public let zone: String
        /// Its UTC offset at the middle of the day (seconds); rows are grouped by it.
        public let offsetSeconds: Int
        /// Its band at the start of each column.
        public let bands: [ComfortBand]
    }

    /// How a window of the day would fall for everyone.
    public struct Window: Sendable, Hashable {
        /// When it would start and end.
        public let range: InstantRange
        /// Summed weighted burden over all delegations.
        public let weighted: Int
        /// Delegations entirely in core hours.
        public let allCore: Int
        /// Delegations with at least one night minute.
        public let withNight: Int
        /// Whether it lies inside the meeting's daily window.
        public let insideDailyWindow: Bool
    }

    /// The UTC day shown.
    public let day: CalendarDay
    /// Minutes per column.
    public let step: Int
    /// Column start instants.
    public let columns: [Instant]
    /// Rows, grouped by offset (west to east), then by code.
    public let rows: [Row]
    /// Every window of `windowMinutes` starting on a column, in time order.
    public let windows: [Window]
    /// The length of the windows scored.
    public let windowMinutes: Int

    /// The overlap of `day` (UTC) at `step`-minute columns, scoring windows of `windowMinutes`.
    public init(
        meeting: Meeting, burden: MeetingBurden, clock: MeetingClock, day: CalendarDay, step: Int, windowMinutes: Int
    ) {
        precondition(step > 0 && 1440 % step == 0, "step must divide the day")
        self.day = day
        self.step = step
        self.windowMinutes = windowMinutes
        let columns = stride(from: 0, to: 1440, by: step).map { day.startInUTC.adding(minutes: $0) }
        self.columns = columns
        let noon = day.startInUTC.adding(minutes: 720)
        self.rows = meeting.delegations.map { d in
            let zoneClock = try! clock.clock(for: d.zone)
            return Row(
                delegation: d.code, zone: d.zone, offsetSeconds: zoneClock.offset(at: noon),
                bands: columns.map { clock.bandOfMinute[zoneClock.local(at: $0).minuteOfDay] }
            )
        }.sorted { ($0.offsetSeconds, $0.delegation) < ($1.offsetSeconds, $1.delegation) }

        let window = meeting.dailyWindow
        let open = day.startInUTC.adding(minutes: window.start.minutes)
        let daily = InstantRange(start: open, end: open.adding(minutes: window.minutes))
        let zoneIndices = meeting.delegations.map { burden.index.index(ofZone: $0.zone)! }
        self.windows = columns.map { start in
            var weighted = 0, core = 0, night = 0
            for z in zoneIndices {
                let m = burden.index.minutes(zoneIndex: z, startMinute: start.minutes, duration: windowMinutes)
                weighted += m.weighted(by: burden.index.weights)
                if m.core == windowMinutes { core += 1 }
                if m.night > 0 { night += 1 }
            }
            let range = InstantRange(start: start, end: start.adding(minutes: windowMinutes))
            return Window(
                range: range, weighted: weighted, allCore: core, withNight: night,
                insideDailyWindow: daily.contains(range))
        }
    }

    /// Rows grouped by UTC offset, west to east.
    public var groups: [(offsetSeconds: Int, rows: [Row])] {
        var result: [(offsetSeconds: Int, rows: [Row])] = []
        for row in rows {
            if result.last?.offsetSeconds == row.offsetSeconds {
                result[result.count - 1].rows.append(row)
            } else {
                result.append((row.offsetSeconds, [row]))
            }
        }
        return result
    }

    /// How many delegations are in core hours at each column.
    public var coreCounts: [Int] { columns.indices.map { c in rows.filter { $0.bands[c] == .core }.count } }

    /// The `n` lightest windows (least burden, then fewest nights, then earliest).
    public func best(_ n: Int) -> [Window] {
        Array(
            windows.sorted { ($0.weighted, $0.withNight, $0.range.start) < ($1.weighted, $1.withNight, $1.range.start) }
                .prefix(n))
    }

    /// The `n` heaviest windows.
    public func worst(_ n: Int) -> [Window] {
        Array(
            windows.sorted { ($0.weighted, $0.withNight, $1.range.start) > ($1.weighted, $1.withNight, $0.range.start) }
                .prefix(n))
    }
}
