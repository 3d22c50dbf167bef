import Foundation
import MeetingModel

/// One zone's UTC offsets over a span of time, read once from Foundation's tz data, then looked up.
///
/// Offsets are sampled hourly and every change is bisected to the second, so any kind of
/// transition (DST, a permanent rule change like Mexico 2022 or Almaty 2024) is found with
/// nothing but `secondsFromGMT(for:)`, the call that is reliable on every platform
/// (the DST flag is not: Africa/Casablanca). Outside the horizon it asks Foundation directly.
public struct ZoneClock: Sendable {
    /// The IANA identifier the clock was made for.
    public let identifier: String
    /// The span over which offsets are tabulated.
    public let horizon: InstantRange
    /// The Foundation zone behind it.
    public let timeZone: TimeZone
    /// `segmentStarts[i]` (seconds) is where `segmentOffsets[i]` (seconds east of UTC) begins.
    private let segmentStarts: [Int]
    private let segmentOffsets: [Int]

    /// A clock for `identifier` tabulated over `horizon`; nil when the zone is unknown to this system.
    public init?(identifier: String, horizon: InstantRange) {
        guard let tz = TimeZone(identifier: identifier) else { return nil }
        self.init(timeZone: tz, identifier: identifier, horizon: horizon)
    }

    /// A clock for `timeZone`, tabulated over `horizon`.
    public init(timeZone: TimeZone, identifier: String? = nil, horizon: InstantRange) {
        self.identifier = identifier ?? timeZone.identifier
        self.timeZone = timeZone
        self.horizon = horizon
        func offset(_ s: Int) -> Int { timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(s))) }
        var starts = [horizon.start.seconds], offsets = [offset(horizon.start.seconds)]
        var t = horizon.start.seconds
        while t < horizon.end.seconds {
            let next = min(t + 3600, horizon.end.seconds)
            let o = offset(next)
            if o != offsets.last! {
                // The offset changed in (t, next]: find the first second with the new offset.
                var lo = t, hi = next
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2
                    if offset(mid) == offsets.last! { lo = mid } else { hi = mid }
                }
                starts.append(hi)
                offsets.append(o)
            }
            t = next
        }
        segmentStarts = starts
        segmentOffsets = offsets
    }

    /// Seconds east of UTC at `instant`.
    public func offset(at instant: Instant) -> Int {
        let s = instant.seconds
        guard horizon.contains(instant) else { return timeZone.secondsFromGMT(for: instant.date) }
        // Few segments (usually one or two): a linear scan from the end beats a binary search.
        var i = segmentStarts.count - 1
        while segmentStarts[i] > s { i -= 1 }
        return segmentOffsets[i]
    }

    /// The wall-clock reading at `instant`.
    public func local(at instant: Instant) -> LocalDateTime {
        LocalDateTime(localSeconds: instant.seconds + offset(at: instant))
    }

    /// The offset changes inside the horizon: when, from what, to what.
    public var transitions: [OffsetTransition] {
        (1..<segmentStarts.count).map {
            OffsetTransition(
                at: Instant(seconds: segmentStarts[$0]), offsetBefore: segmentOffsets[$0 - 1],
                offsetAfter: segmentOffsets[$0])
        }
    }

    /// What the wall-clock reading `local` means in this zone: one instant, a gap or an overlap.
    public func resolve(_ local: LocalDateTime) -> WallTimeResolution {
        let l = local.localSeconds
        // Every offset in force within a day either side can explain the reading.
        let candidates = Set([
            offset(at: Instant(seconds: l - 86_400)), offset(at: Instant(seconds: l)),
            offset(at: Instant(seconds: l + 86_400)),
        ])
        let fits = candidates.map { l - $0 }.filter { offset(at: Instant(seconds: $0)) == l - $0 }.sorted()
        switch fits.count {
        case 1:
            return .unique(Instant(seconds: fits[0]))
        case 0:
            // A gap: the offset before is the smaller one; shifting forward keeps the old offset.
            let transition = transitionInstant(near: l)
            let after = offset(at: transition)
            let actualBefore = offset(at: Instant(seconds: transition.seconds - 1))
            return .skipped(
                transition: transition, offsetBefore: actualBefore, offsetAfter: after,
                shiftedForward: Instant(seconds: l - actualBefore))
        default:
            return .repeated(earlier: Instant(seconds: fits.first!), later: Instant(seconds: fits.last!))
        }
    }

    /// The first instant whose offset differs from the one a day before `seconds`.
    private func transitionInstant(near seconds: Int) -> Instant {
        var lo = seconds - 86_400, hi = seconds + 86_400
        let base = offset(at: Instant(seconds: lo))
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if offset(at: Instant(seconds: mid)) == base { lo = mid } else { hi = mid }
        }
        return Instant(seconds: hi)
    }
}

/// A change of a zone's UTC offset.
public struct OffsetTransition: Sendable, Hashable {
    /// The first instant with the new offset.
    public let at: Instant
    /// Seconds east of UTC just before.
    public let offsetBefore: Int
    /// Seconds east of UTC from `at` on.
    public let offsetAfter: Int
}
