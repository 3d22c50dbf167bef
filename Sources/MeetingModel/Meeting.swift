/// A meeting: its frame (days, zone, languages, grid) and what is to be scheduled in it.
public struct Meeting: Sendable, Hashable, Codable, Identifiable {
    /// Short id, stable across edits ("kp-2021-intersessional").
    public let id: String
    /// Title as printed.
    public let title: String
    /// IANA zone of the host, in which meeting days are counted ("Europe/Moscow").
    public let hostZone: String
    /// First meeting day, in the host's zone.
    public let firstDay: CalendarDay
    /// Last meeting day, in the host's zone.
    public let lastDay: CalendarDay
    /// The meeting's official languages (ISO 639-1), the working language first.
    public let languages: [String]
    /// Session starts fall on multiples of this many minutes past the hour (15 → :00 :15 :30 :45).
    public let gridMinutes: Int
    /// The UTC window in which sessions may run on each meeting day.
    public let dailyWindow: ClockRange
    /// How many sessions may run at once (virtual rooms).
    public let maxParallel: Int
    /// Local comfort bands and their weights.
    public let comfort: ComfortBands
    /// Rooms, breaks, limits and soft-constraint weights for the scheduler.
    public let rules: SchedulingRules
    /// Interpretation rules per session kind, interpreter teams and their limits.
    public let interpretation: InterpretationSettings
    /// Every delegation, Participants first by convention.
    public let delegations: [Delegation]
    /// Working bodies, teams and forums.
    public let bodies: [WorkingBody]
    /// Sessions to place.
    public let sessions: [Session]
    /// How to join each room (by the scheduling rules' room names) on its platform.
    public let rooms: [String: JoinDetails]
    /// Minutes before a session's start that its join details are shown to attendees.
    public let joinReleaseMinutes: Int
    /// The share of a session's expected Participants that makes a quorum (nil: none set).
    public let quorum: Quorum?

    /// A meeting as given; validation happens where files are read.
    public init(
        id: String, title: String, hostZone: String, firstDay: CalendarDay, lastDay: CalendarDay,
        languages: [String], gridMinutes: Int, dailyWindow: ClockRange, maxParallel: Int,
        comfort: ComfortBands = .standard, rules: SchedulingRules? = nil,
        interpretation: InterpretationSettings = .defaults,
        delegations: [Delegation], bodies: [WorkingBody], sessions: [Session],
        rooms: [String: JoinDetails] = [:], joinReleaseMinutes: Int = Meeting.defaultJoinReleaseMinutes,
        quorum: Quorum? = nil
    ) {
        self.quorum = quorum
        self.rooms = rooms
        self.joinReleaseMinutes = joinReleaseMinutes
        self.id = id
        self.title = title
        self.hostZone = hostZone
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.languages = languages
        self.gridMinutes = gridMinutes
        self.dailyWindow = dailyWindow
        self.maxParallel = maxParallel
        self.comfort = comfort
        self.rules = rules ?? .standard(rooms: maxParallel)
        self.interpretation = interpretation
        self.delegations = delegations
        self.bodies = bodies
        self.sessions = sessions
    }

    /// Reads a stored meeting; one stored before interpretation settings or join details existed
    /// gets the defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        hostZone = try c.decode(String.self, forKey: .hostZone)
        firstDay = try c.decode(CalendarDay.self, forKey: .firstDay)
        lastDay = try c.decode(CalendarDay.self, forKey: .lastDay)
        languages = try c.decode([String].self, forKey: .languages)
        gridMinutes = try c.decode(Int.self, forKey: .gridMinutes)
        dailyWindow = try c.decode(ClockRange.self, forKey: .dailyWindow)
        maxParallel = try c.decode(Int.self, forKey: .maxParallel)
        comfort = try c.decode(ComfortBands.self, forKey: .comfort)
        rules = try c.decode(SchedulingRules.self, forKey: .rules)
        interpretation = try c.decodeIfPresent(InterpretationSettings.self, forKey: .interpretation) ?? .defaults
        delegations = try c.decode([Delegation].self, forKey: .delegations)
        bodies = try c.decode([WorkingBody].self, forKey: .bodies)
        sessions = try c.decode([Session].self, forKey: .sessions)
        rooms = try c.decodeIfPresent([String: JoinDetails].self, forKey: .rooms) ?? [:]
        joinReleaseMinutes =
            try c.decodeIfPresent(Int.self, forKey: .joinReleaseMinutes) ?? Meeting.defaultJoinReleaseMinutes
        quorum = try c.decodeIfPresent(Quorum.self, forKey: .quorum)
    }

    /// How many delegates `delegation` sends (its own figure, else the meeting's default).
    public func delegates(of delegation: Delegation) -> Int { delegation.delegates ?? rules.defaultDelegates }

    /// The same meeting with a different last day, daily window or rules (rooms, breaks), e.g.
    /// to try what would make room for a programme.
    public func with(lastDay: CalendarDay? = nil, dailyWindow: ClockRange? = nil, rules: SchedulingRules? = nil)
        -> Meeting
    {
        let rules = rules ?? self.rules
        return Meeting(
            id: id, title: title, hostZone: hostZone, firstDay: firstDay, lastDay: lastDay ?? self.lastDay,
            languages: languages, gridMinutes: gridMinutes, dailyWindow: dailyWindow ?? self.dailyWindow,
            maxParallel: max(maxParallel, rules.rooms.count), comfort: comfort, rules: rules,
            interpretation: interpretation, delegations: delegations, bodies: bodies, sessions: sessions, rooms: rooms,
            joinReleaseMinutes: joinReleaseMinutes, quorum: quorum)
    }

    /// The same meeting with some delegations' sizes replaced (by code), e.g. by the delegates
    /// actually registered.
    public func withDelegationSizes(_ sizes: [String: Int]) -> Meeting {
        Meeting(
            id: id, title: title, hostZone: hostZone, firstDay: firstDay, lastDay: lastDay, languages: languages,
            gridMinutes: gridMinutes, dailyWindow: dailyWindow, maxParallel: maxParallel, comfort: comfort,
            rules: rules,
            interpretation: interpretation,
            delegations: delegations.map { d in
                Delegation(
                    code: d.code, name: d.name, kind: d.kind, zone: d.zone, languages: d.languages,
                    delegates: sizes[d.code] ?? d.delegates)
            },
            bodies: bodies, sessions: sessions, rooms: rooms, joinReleaseMinutes: joinReleaseMinutes,
            quorum: quorum)
    }

    /// The meeting days in order, first to last.
    public var days: [CalendarDay] {
        (firstDay.dayNumber...lastDay.dayNumber).map(CalendarDay.init(dayNumber:))
    }
}
