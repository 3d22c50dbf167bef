import Localization
import Foundation
import MeetingModel
import MeetingTime
import Yams

/// The result of reading an agenda: the meeting when there was no error, and every diagnostic.
public struct AgendaLoad: Sendable {
    /// The validated meeting, or nil when any error was found.
    public let meeting: Meeting?
    /// Every error and warning, sorted by file, line and column.
    public let diagnostics: [Diagnostic]
}

/// Reads agenda files (YAML) into a validated `Meeting`, reporting every problem with its place.
public enum AgendaReader {
    /// Keys allowed at the top of an agenda.
    static let topKeys = [
        "meeting", "include", "delegations", "bodies", "sessions", "scheduling", "interpretation", "rooms",
    ]

    /// Reads the agenda at `path` and the files it includes.
    public static func load(path: String) -> AgendaLoad {
        let log = DiagnosticLog()
        let meeting = YAMLSource.read(path: path, log: log).flatMap { read($0, log: log) }
        return AgendaLoad(meeting: log.hasErrors ? nil : meeting, diagnostics: log.sorted)
    }

    /// Reads agenda YAML given as text (tests, stdin); `path` names it in messages.
    public static func load(text: String, path: String) -> AgendaLoad {
        let log = DiagnosticLog()
        let meeting = YAMLSource.parse(text, path: path, log: log).flatMap { read($0, log: log) }
        return AgendaLoad(meeting: log.hasErrors ? nil : meeting, diagnostics: log.sorted)
    }

    /// What the file at `path` holds, from its top-level keys; nil when it cannot be told.
    public static func kind(ofFileAt path: String) -> AgendaDocumentKind? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let root = try? Yams.compose(yaml: text), case .mapping(let m) = root
        else { return nil }
        let keys = Set(m.keys.compactMap { $0.scalar?.string })
        if keys.contains("programme") { return .programme }
        if keys.contains("meeting") { return .agenda }
        if !keys.isEmpty, keys.isSubset(of: ["delegations", "bodies"]) { return .delegationList }
        return nil
    }

    static func read(_ source: YAMLSource, log: DiagnosticLog) -> Meeting? {
        guard let top = Fields(source.root, in: source, log: log, what: Message("file.what.agenda"), allowed: topKeys)
        else { return nil }
        guard let frameNode = top.value("meeting") else {
            return top.missing("meeting", Message("file.need.meeting"))
        }
        // A frame that could not be read still lets every other part be checked (its error is logged).
        let frame =
            MeetingFrameReader.read(frameNode, in: source, log: log)
            ?? MeetingFrame(languagesAt: top.location, dailyWindowAt: top.location)

        var delegations: [DelegationEntry] = []
        var bodies: [BodyEntry] = []
        for include in top.strings("include") ?? [] {
            let path = resolve(include.value, nextTo: source.path)
            guard let included = YAMLSource.read(path: path, log: log, includedFrom: include.location) else { continue }
            let list = DelegationListReader.read(included, log: log, frame: frame)
            delegations += list.delegations
            bodies += list.bodies
        }
        let own = DelegationListReader.read(top, in: source, log: log, frame: frame)
        delegations += own.delegations
        bodies += own.bodies

        // Without a usable host zone, times are not read (that error is already logged); all else is.
        let sessions = (top.list("sessions") ?? []).enumerated().compactMap { i, node in
            SessionReader.read(node, index: i, in: source, log: log, frame: frame, host: frame.hostClock)
        }
        if top.value("sessions") == nil { log.warning(top.location, Message("file.no-sessions")) }
        if sessions.count > MeetingLimits.sessions.upperBound, let at = top.value("sessions").map(source.location) {
            log.error(
                at,
                Message(
                    "file.too-many",
                    ["what": "sessions", "count": "\(sessions.count)", "max": "\(MeetingLimits.sessions.upperBound)"]))
        }
        if delegations.count > MeetingLimits.delegations.upperBound {
            log.error(
                top.location,
                Message(
                    "file.too-many",
                    [
                        "what": "delegations", "count": "\(delegations.count)",
                        "max": "\(MeetingLimits.delegations.upperBound)",
                    ]))
        }

        // The fairness term squares each delegation's burden in whole numbers: the largest burden
        // this agenda allows (every session's minutes at the dearest weight), squared, for every
        // delegation, must stay well inside Int64.
        let weight = max(frame.comfort.weights.core, frame.comfort.weights.shoulder, frame.comfort.weights.night, 1)
        let worst = sessions.reduce(0) { $0 + $1.minutes.value } * weight
        let (squared, o1) = worst.multipliedReportingOverflow(by: worst)
        let (all, o2) = squared.multipliedReportingOverflow(by: max(1, delegations.count))
        if o1 || o2 || all > Int.max / 4 {
            log.error(
                top.value("sessions").map(source.location) ?? top.location,
                Message("file.too-large-to-score", ["sessions": "\(sessions.count)", "weight": "\(weight)"]))
        }

        let rules = SchedulingRulesReader.read(top.value("scheduling"), in: source, log: log, frame: frame)
        let interpretation = InterpretationReader.read(top.value("interpretation"), in: source, log: log, frame: frame)
        let rooms = JoinDetailsReader.rooms(top.value("rooms"), in: source, log: log, frame: frame, names: rules.rooms)

        let checked = AgendaChecks(frame: frame, delegations: delegations, bodies: bodies, sessions: sessions, log: log)
        checked.run()
        guard !log.hasErrors else { return nil }
        return Meeting(
            id: frame.id, title: frame.title, hostZone: frame.hostZone, firstDay: frame.firstDay,
            lastDay: frame.lastDay,
            languages: frame.languages, gridMinutes: frame.gridMinutes, dailyWindow: frame.dailyWindow,
            maxParallel: rules.rooms.count, comfort: frame.comfort, rules: rules, interpretation: interpretation,
            delegations: delegations.map(\.delegation),
            bodies: bodies.map(\.body),
            sessions: sessions.map {
                Session(
                    id: $0.id.value, title: $0.title, kind: $0.kind, bodies: $0.bodies.map(\.value),
                    durationMinutes: $0.minutes.value, fixedStart: $0.fixedStart?.value,
                    allowedWindows: $0.windows.map(\.value), after: $0.after.map(\.value), series: $0.series?.value,
                    preferredWindows: $0.preferred, pinned: $0.pinned,
                    floorLanguage: $0.floor?.value ?? frame.languages[0],
                    interpretation: $0.interpretation.map(\.value),
                    join: $0.join, joinReleaseMinutes: $0.joinReleaseMinutes
                )
            },
            rooms: rooms, joinReleaseMinutes: frame.joinReleaseMinutes, quorum: frame.quorum
        )
    }
}

/// The result of reading a delegation list on its own (a file meant for `include:`).
public struct DelegationListLoad: Sendable {
    /// The delegations, when there was no error.
    public let delegations: [Delegation]
    /// The bodies, when there was no error.
    public let bodies: [WorkingBody]
    /// Every error and warning, sorted by place.
    public let diagnostics: [Diagnostic]
}

extension AgendaReader {
    /// Reads a delegation list on its own: zones, languages, duplicate codes, member references.
    public static func loadDelegationList(path: String) -> DelegationListLoad {
        let log = DiagnosticLog()
        guard let source = YAMLSource.read(path: path, log: log) else {
            return DelegationListLoad(delegations: [], bodies: [], diagnostics: log.sorted)
        }
        let list = DelegationListReader.read(source, log: log)
        let here = SourceLocation(file: path, line: 1, column: 1)
        AgendaChecks(
            frame: MeetingFrame(languagesAt: here, dailyWindowAt: here), delegations: list.delegations,
            bodies: list.bodies, sessions: [], log: log
        ).run()
        let ok = !log.hasErrors
        return DelegationListLoad(
            delegations: ok ? list.delegations.map(\.delegation) : [],
            bodies: ok ? list.bodies.map(\.body) : [],
            diagnostics: log.sorted
        )
    }
}
