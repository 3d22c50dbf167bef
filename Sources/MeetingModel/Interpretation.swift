/// Which languages a kind of session is interpreted into.
public enum InterpretationRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every official language of the meeting.
    case all
    /// The floor language plus the languages requested.
    case requested
}

/// How long interpreter teams may work (professional practice; `Translations/interpretation.yaml`).
public struct InterpreterLimits: Sendable, Hashable, Codable {
    /// Longest continuous block a team works, in minutes.
    public var blockMinutes: Int
    /// Blocks a team works in a day.
    public var blocksPerDay: Int
    /// Minutes a team interprets in a day.
    public var minutesPerDay: Int
    /// Shortest rest between two blocks of a team; a shorter gap continues the block.
    public var restMinutes: Int

    public init(blockMinutes: Int, blocksPerDay: Int, minutesPerDay: Int, restMinutes: Int) {
        self.blockMinutes = blockMinutes
        self.blocksPerDay = blocksPerDay
        self.minutesPerDay = minutesPerDay
        self.restMinutes = restMinutes
    }
}

/// A meeting's interpretation set-up: rules per session kind, teams per language, limits.
public struct InterpretationSettings: Sendable, Hashable, Codable {
    /// The rule of each session kind.
    public var rules: [SessionKind: InterpretationRule]
    /// Teams available per language (ISO 639-1); a language not listed has `defaultTeams`.
    public var teams: [String: Int]
    /// Teams of a language the agenda does not list.
    public var defaultTeams: Int
    /// Working limits of one team.
    public var limits: InterpreterLimits
    /// Interpreters in one team (for the cost in interpreter-days).
    public var interpretersPerTeam: Int

    public init(
        rules: [SessionKind: InterpretationRule], teams: [String: Int], defaultTeams: Int, limits: InterpreterLimits,
        interpretersPerTeam: Int
    ) {
        self.rules = rules
        self.teams = teams
        self.defaultTeams = defaultTeams
        self.limits = limits
        self.interpretersPerTeam = interpretersPerTeam
    }

    /// The rule for sessions of `kind` (requested when none is set).
    public func rule(for kind: SessionKind) -> InterpretationRule { rules[kind] ?? .requested }

    /// Teams available for `language`.
    public func teams(for language: String) -> Int { teams[language] ?? defaultTeams }
}

/// One delegation asking for interpretation of one session into one language.
public struct InterpretationRequest: Sendable, Hashable, Codable {
    public let delegation: String
    public let session: String
    public let language: String

    public init(delegation: String, session: String, language: String) {
        self.delegation = delegation
        self.session = session
        self.language = language
    }

    /// The requests registered delegates make: each delegate (not rejected or withdrawn) who
    /// wants interpretation into L asks for L at every session they attend (their own list of
    /// bodies and sessions, else their delegation's).
    public static func fromRegistrations(_ delegates: [Delegate], meeting: Meeting) -> [InterpretationRequest] {
        var out = Set<InterpretationRequest>()
        let attendance = Dictionary(
            meeting.sessions.map { ($0.id, Set(meeting.attendees(of: $0))) }, uniquingKeysWith: { a, _ in a })
        for d in delegates where d.status != .rejected && d.status != .withdrawn {
            guard let language = d.interpretation, !language.isEmpty else { continue }
            for s in meeting.sessions {
                let attends = Meeting.attends(d, s) { attendance[s.id]?.contains(d.delegation) == true }
                if attends {
                    out.insert(InterpretationRequest(delegation: d.delegation, session: s.id, language: language))
                }
            }
        }
        return out.sorted { ($0.session, $0.language, $0.delegation) < ($1.session, $1.language, $1.delegation) }
    }
}

/// Why a session has a language.
public enum LanguageReason: String, Sendable, Hashable, Codable {
    /// The language the session is held in.
    case floor
    /// The session kind's rule: all official languages.
    case rule
    /// Listed in the agenda for the session.
    case agenda
    /// Asked for by delegations (explicitly or through their registered delegates).
    case requested
    /// Asked for but not official at this meeting: relay or the delegation's own interpreter.
    case relay
}

/// One language of one session and why.
public struct LanguageNeed: Sendable, Hashable, Codable {
    public let code: String
    public let reason: LanguageReason
    /// Delegations that asked for it (sorted), also when the rule or agenda already gives it.
    public let requestedBy: [String]

    public init(code: String, reason: LanguageReason, requestedBy: [String]) {
        self.code = code
        self.reason = reason
        self.requestedBy = requestedBy
    }
}

/// The languages of one session.
public struct SessionLanguages: Sendable, Hashable {
    public let session: String
    /// Official languages: the floor language first, then the others in the meeting's order.
    public let languages: [LanguageNeed]
    /// Requests for languages that are not official, one line per language.
    public let relay: [LanguageNeed]

    /// The languages interpreted into (each needs a team of its own): all but the floor.
    public var interpreted: [String] { languages.filter { $0.reason != .floor }.map(\.code) }
}

extension Meeting {
    /// Every session's languages: its floor language, its kind's rule, the agenda's list and
    /// `requests`; requests for languages that are not official become relay lines.
    public func sessionLanguages(requests: [InterpretationRequest] = []) -> [SessionLanguages] {
        var asked: [String: [String: Set<String>]] = [:]  // session → language → delegations
        for r in requests { asked[r.session, default: [:]][r.language, default: []].insert(r.delegation) }
        return sessions.map { s in
            let mine = asked[s.id] ?? [:]
            let all = interpretation.rule(for: s.kind) == .all
            var needs: [LanguageNeed] = [
                LanguageNeed(code: s.floorLanguage, reason: .floor, requestedBy: (mine[s.floorLanguage] ?? []).sorted())
            ]
            for l in languages where l != s.floorLanguage {
                let by = (mine[l] ?? []).sorted()
                if all {
                    needs.append(LanguageNeed(code: l, reason: .rule, requestedBy: by))
                } else if s.interpretation.contains(l) {
                    needs.append(LanguageNeed(code: l, reason: .agenda, requestedBy: by))
                } else if !by.isEmpty {
                    needs.append(LanguageNeed(code: l, reason: .requested, requestedBy: by))
                }
            }
            let relay = mine.keys.filter { !languages.contains($0) }.sorted()
                .map { LanguageNeed(code: $0, reason: .relay, requestedBy: mine[$0]!.sorted()) }
            return SessionLanguages(session: s.id, languages: needs, relay: relay)
        }
    }
}
