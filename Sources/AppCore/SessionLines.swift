import MeetingModel
import MeetingTime
import Store

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
    /// Sessions `me` attends: my own bodies and sessions when registered with them, else my
    /// delegation's (all-hands sessions always).
    public func attends(_ s: Session) -> Bool {
        let own = Set(me.attends)
        if own.isEmpty { return meeting.attendees(of: s).contains(me.delegation) }
        return s.kind.isAllHands || own.contains(s.id) || s.bodies.contains(where: own.contains)
    }
}

extension AppState {
    /// The IANA zone times are shown in.
    public var zoneIdentifier: String {
        guard let data else { return "UTC" }
        switch zone {
        case .mine: return data.me.zone
        case .host: return data.meeting.hostZone
        case .utc: return "UTC"
        case .named(let z): return z
        }
    }

    /// A short name of the zone shown, for the status line.
    public var zoneLabel: String {
        switch zone {
        case .mine: "my zone \(zoneIdentifier)"
        case .host: "host zone \(zoneIdentifier)"
        case .utc: "UTC"
        case .named(let z): z
        }
    }

    /// The placed sessions of the list on screen (mine, or all), by start, filtered by the search.
    public func lines(mineOnly: Bool, clock: MeetingClock) -> [SessionLine] {
        guard let data, let programme = data.programme else { return [] }
        let languages = Dictionary(uniqueKeysWithValues: data.meeting.sessionLanguages(requests: data.requests).map { ($0.session, $0) })
        let zone = zoneIdentifier
        var out: [SessionLine] = []
        for s in data.meeting.sessions {
            guard let p = programme.placement(of: s.id) else { continue }
            let mine = data.attends(s)
            if mineOnly && !mine { continue }
            if let search, !search.isEmpty {
                let hay = DelegateRules.foldedKey([s.id, s.title, s.bodies.joined(separator: " ")].joined(separator: " "))
                if !hay.contains(search) { continue }
            }
            let end = p.start.adding(minutes: s.durationMinutes)
            guard let a = try? clock.reading(zone: zone, delegation: data.me.delegation, at: p.start),
                  let b = try? clock.reading(zone: zone, delegation: data.me.delegation, at: end) else { continue }
            let sl = languages[s.id]
            let codes = (sl?.languages.map(\.code) ?? [s.floorLanguage]) + (sl?.relay.map(\.code) ?? [])
            let channel = data.me.interpretation.flatMap { codes.contains($0) ? $0 : nil } ?? s.floorLanguage
            out.append(SessionLine(session: s, placement: p, end: end, start: a, finish: b, languages: codes, channel: channel, mine: mine))
        }
        return out.sorted { ($0.placement.start, $0.session.id) < ($1.placement.start, $1.session.id) }
    }

    /// The session running at `now` and the next to start, among `lines`.
    public func nowNext(_ lines: [SessionLine]) -> (now: SessionLine?, next: SessionLine?) {
        (lines.first { $0.placement.start <= now && now < $0.end }, lines.first { $0.placement.start > now })
    }

    /// Night minutes in the viewer's own zone across `lines` (the price of my schedule).
    public func nightMinutes(_ lines: [SessionLine], clock: MeetingClock) -> Int {
        guard let data, let zc = try? clock.clock(for: data.me.zone) else { return 0 }
        var total = 0
        for l in lines {
            var t = l.placement.start
            while t < l.end {
                if clock.bandOfMinute[zc.local(at: t).minuteOfDay] == .night { total += 1 }
                t = t.adding(minutes: 1)
            }
        }
        return total
    }
}
