import MeetingModel
import MeetingTime
import Registration

/// One placed session as a list shows it, in the viewer's zone.
public struct SessionLine: Sendable, Equatable {
    public let session: Session
    public let placement: Placement
    public let end: Instant
    /// Start and end in the zone shown, with the start's day offset against the host's date.
    public let start: ZoneReading
    public let finish: ZoneReading
    /// Official languages (floor first) and relay ones, codes.
    public let languages: [String]
    /// The channel the viewer listens to: their interpretation language when the session has
    /// it, else the floor language.
    public let channel: String
    /// Whether the viewer attends it.
    public let mine: Bool
}

extension MeetingData {
    /// Whether I attend session `s` (my own bodies and sessions, else my delegation's).
    public func attends(_ s: Session) -> Bool { meeting.attends(me, s) }
}

extension AppState {
    /// The IANA zone times are shown in.
    public var zoneIdentifier: String {
        guard let data else { return "UTC" }
        switch views.zone {
        case .mine: return data.me.zone
        case .host: return data.meeting.hostZone
        case .utc: return "UTC"
        case .named(let z): return z
        }
    }

    /// The placed sessions of the list on screen (mine, or all), by start, filtered by the search
    /// unless `searched` is false (the now/next line always speaks of the programme).
    public func lines(mineOnly: Bool, clock: MeetingClock, searched: Bool = true) -> [SessionLine] {
        guard let data else { return [] }
        let zone = zoneIdentifier
        guard let zc = try? clock.clock(for: zone) else { return [] }
        var out: [SessionLine] = []
        for p in data.placed {
            if mineOnly && !p.mine { continue }
            if searched, let search = views.search, !search.isEmpty, !p.searchKey.contains(search) { continue }
            out.append(
                SessionLine(
                    session: p.session, placement: p.placement, end: p.end,
                    start: clock.reading(clock: zc, delegation: data.me.delegation, at: p.placement.start),
                    finish: clock.reading(clock: zc, delegation: data.me.delegation, at: p.end),
                    languages: p.languages, channel: p.channel, mine: p.mine))
        }
        return out
    }

    /// The session running at `now` and the next to start, among `lines`.
    public func nowNext(_ lines: [SessionLine]) -> (now: SessionLine?, next: SessionLine?) {
        (lines.first { $0.placement.start <= now && now < $0.end }, lines.first { $0.placement.start > now })
    }

    /// Pairs of my sessions that overlap in time (search or not), in order of the first's start.
    public func myClashes() -> [(SessionLine, SessionLine)] {
        guard let data else { return [] }
        let mine = lines(mineOnly: true, clock: data.clock, searched: false)
        var out: [(SessionLine, SessionLine)] = []
        for (i, a) in mine.enumerated() {
            for b in mine[(i + 1)...] where b.placement.start < a.end { out.append((a, b)) }
        }
        return out
    }

    /// Night minutes of my own sessions in my own zone (the price of my schedule).
    public var myNightMinutes: Int { data?.myNightMinutes ?? 0 }
}
