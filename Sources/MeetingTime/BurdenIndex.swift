import MeetingModel

/// Prefix sums of shoulder and night minutes for a set of zones over a horizon, minute by minute.
///
/// Built once per meeting (one offset table per zone, then plain arithmetic), it answers
/// "how many minutes of `[start, start + d)` fall in each band in zone z" with two subtractions,
/// so scoring a placement never calls into time-zone lookups. Outside the horizon it counts
/// minute by minute with the zone's clock (correct, slower).
public struct BurdenIndex: Sendable {
    /// The zones indexed, in index order.
    public let zones: [String]
    /// The span covered, on whole minutes.
    public let horizon: InstantRange
    /// Weights of the meeting's comfort bands.
    public let weights: BandWeights
    private let originMinute: Int
    private let stride: Int
    /// Running counts, interleaved per minute as (shoulder, night) so one lookup touches one cache line.
    private let prefix: [Int32]
    private let clocks: [ZoneClock]
    private let bandOfMinute: [ComfortBand]
    private let indexOfZone: [String: Int]

    /// An index of `zones` (duplicates are kept once) over `horizon` under `bands`.
    public init(zones: [String], bands: ComfortBands, horizon: InstantRange) throws(UnknownZone) {
        var unique: [String] = []
        var indexOfZone: [String: Int] = [:]
        for z in zones where indexOfZone[z] == nil {
            indexOfZone[z] = unique.count
            unique.append(z)
        }
        let start = Instant(minutes: horizon.start.minutes)
        let end = Instant(minutes: horizon.end.seconds.floorDiv(60) + (horizon.end.seconds.floorMod(60) == 0 ? 0 : 1))
        let length = start.minutes(to: end)
        let bandOfMinute = (0..<1440).map(bands.band(atMinuteOfDay:))
        var clocks: [ZoneClock] = []
        var prefix = [Int32](repeating: 0, count: 2 * unique.count * (length + 1))
        for (z, id) in unique.enumerated() {
            guard let clock = ZoneClock(identifier: id, horizon: InstantRange(start: start, end: end)) else {
                throw UnknownZone(identifier: id)
            }
            clocks.append(clock)
            let base = z * (length + 1)
            var s: Int32 = 0, n: Int32 = 0
            var minute = start.minutes
            for i in 0..<length {
                // Offsets change only at transitions: read each minute's band from the tabulated clock.
                let local = (minute * 60 + clock.offset(at: Instant(minutes: minute))).floorDiv(60)
                switch bandOfMinute[local.floorMod(1440)] {
                case .core: break
                case .shoulder: s += 1
                case .night: n += 1
                }
                prefix[2 * (base + i + 1)] = s
                prefix[2 * (base + i + 1) + 1] = n
                minute += 1
            }
        }
        self.zones = unique
        self.horizon = InstantRange(start: start, end: end)
        self.weights = bands.weights
        self.originMinute = start.minutes
        self.stride = length + 1
        self.prefix = prefix
        self.clocks = clocks
        self.bandOfMinute = bandOfMinute
        self.indexOfZone = indexOfZone
    }

    /// The index of `zone`, if indexed.
    public func index(ofZone zone: String) -> Int? { indexOfZone[zone] }

    /// Minutes of `[startMinute, startMinute + duration)` (epoch minutes) per band, in zone `z`.
    @inlinable
    public func minutes(zoneIndex z: Int, startMinute: Int, duration: Int) -> BandMinutes {
        let (s, n) = shoulderAndNight(zoneIndex: z, startMinute: startMinute, duration: duration)
        return BandMinutes(core: duration - s - n, shoulder: s, night: n)
    }

    /// Weighted burden of `[startMinute, startMinute + duration)` in zone `z`.
    @inlinable
    public func weighted(zoneIndex z: Int, startMinute: Int, duration: Int) -> Int {
        let (s, n) = shoulderAndNight(zoneIndex: z, startMinute: startMinute, duration: duration)
        return (duration - s - n) * weights.core + s * weights.shoulder + n * weights.night
    }

    /// Shoulder and night minutes of a span in zone `z`.
    @usableFromInline
    func shoulderAndNight(zoneIndex z: Int, startMinute: Int, duration: Int) -> (Int, Int) {
        let a = startMinute - originMinute, b = a + duration
        guard a >= 0, b < stride else { return countSlowly(zoneIndex: z, startMinute: startMinute, duration: duration) }
        let ia = 2 * (z * stride + a), ib = 2 * (z * stride + b)
        return prefix.withUnsafeBufferPointer { p in
            (Int(p[ib] - p[ia]), Int(p[ib + 1] - p[ia + 1]))
        }
    }

    private func countSlowly(zoneIndex z: Int, startMinute: Int, duration: Int) -> (Int, Int) {
        var s = 0, n = 0
        for minute in startMinute..<(startMinute + duration) {
            let local = (minute * 60 + clocks[z].offset(at: Instant(minutes: minute))).floorDiv(60)
            switch bandOfMinute[local.floorMod(1440)] {
            case .core: break
            case .shoulder: s += 1
            case .night: n += 1
            }
        }
        return (s, n)
    }
}
