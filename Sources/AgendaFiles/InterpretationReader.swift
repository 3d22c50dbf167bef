import Localization
import MeetingModel
import Yams

/// Reads the agenda's optional `interpretation:` section; what it leaves out comes from
/// `Translations/interpretation.yaml` (`InterpretationSettings.defaults`).
///
/// ```yaml
/// interpretation:
///   teams: {fr: 2, ru: 2}            # teams per language; others get default_teams
///   default_teams: 1
///   rules: {body: requested, forum: all}   # per session kind: all | requested
///   limits: {block_minutes: 180, blocks_per_day: 2, minutes_per_day: 360, rest_minutes: 60}
///   interpreters_per_team: 2
/// ```
enum InterpretationReader {
    static let keys = ["teams", "default_teams", "rules", "limits", "interpreters_per_team", "note"]
    static let limitKeys = ["block_minutes", "blocks_per_day", "minutes_per_day", "rest_minutes"]

    static func read(_ node: Node?, in source: YAMLSource, log: DiagnosticLog, frame: MeetingFrame)
        -> InterpretationSettings
    {
        var settings = InterpretationSettings.defaults
        guard let node, let f = Fields(node, in: source, log: log, what: quoted("interpretation"), allowed: keys) else {
            return settings
        }
        func count(_ fields: Fields, _ key: String, in range: ClosedRange<Int>) -> Int? {
            fields.int(key, in: range)?.value
        }
        if let teams = f.value("teams"),
            let tf = Fields(teams, in: source, log: log, what: quoted("interpretation.teams"), allowed: frame.languages)
        {
            for l in frame.languages {
                if let n = count(tf, l, in: MeetingLimits.teams) { settings.teams[l] = n }
            }
        }
        if let n = count(f, "default_teams", in: MeetingLimits.teams) { settings.defaultTeams = n }
        if let n = count(f, "interpreters_per_team", in: MeetingLimits.interpretersPerTeam) {
            settings.interpretersPerTeam = n
        }
        if let rules = f.value("rules"),
            let rf = Fields(
                rules, in: source, log: log, what: quoted("interpretation.rules"),
                allowed: SessionKind.allCases.map(\.rawValue))
        {
            for kind in SessionKind.allCases {
                guard let text = rf.string(kind.rawValue) else { continue }
                guard let rule = InterpretationRule(rawValue: text.value) else {
                    log.error(text.location, Message("file.bad-rule", ["kind": kind.rawValue, "value": text.value]))
                    continue
                }
                settings.rules[kind] = rule
            }
        }
        if let limits = f.value("limits"),
            let lf = Fields(limits, in: source, log: log, what: quoted("interpretation.limits"), allowed: limitKeys)
        {
            if let v = count(lf, "block_minutes", in: 1...MeetingLimits.dayMinutes.upperBound) {
                settings.limits.blockMinutes = v
            }
            if let v = count(lf, "blocks_per_day", in: MeetingLimits.blocksPerDay) { settings.limits.blocksPerDay = v }
            if let v = count(lf, "minutes_per_day", in: 1...MeetingLimits.dayMinutes.upperBound) {
                settings.limits.minutesPerDay = v
            }
            if let v = count(lf, "rest_minutes", in: MeetingLimits.dayMinutes) { settings.limits.restMinutes = v }
            if settings.limits.minutesPerDay < settings.limits.blockMinutes,
                let at = lf.value("minutes_per_day").map(source.location)
            {
                log.warning(
                    at,
                    Message(
                        "file.day-shorter-than-block",
                        ["day": "\(settings.limits.minutesPerDay)", "block": "\(settings.limits.blockMinutes)"]))
            }
        }
        return settings
    }
}
